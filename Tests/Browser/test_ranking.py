"""Query-time ranking, where it runs: Theme/assets/search-engine.js in headless Chromium.

Builds Tests/Browser/Fixtures/ranking-site with the real generator (the index the browser reads
is the one `handbook build` writes) and asks `window.HandbookSearch.search` from its pages on
file://. The fixture is a handful of short articles whose words are chosen so that each test
depends on one part of the ranking: field weights stored at build time, idf, coordination,
stemming, the topic and tag filters. How impacts are computed at build time is tested in Swift (SearchIndexTests).

    HANDBOOK_BINARY=.build/debug/handbook python3 -m pytest Tests/Browser/test_ranking.py
"""
import tempfile
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parent / "Fixtures" / "ranking-site"


@pytest.fixture(scope="module")
def ranking_site(build_fixture_site):
    with tempfile.TemporaryDirectory() as root:
        yield build_fixture_site(FIXTURE, Path(root) / "site")


@pytest.fixture(scope="module")
def synonym_site(build_fixture_site):
    """The same fixture with a search.synonyms list in its handbook.yml."""
    with tempfile.TemporaryDirectory() as root:
        yield build_fixture_site(FIXTURE, Path(root) / "site", config=(
            "search:\n  synonyms:\n    - jitter = wobble\n    - pass the baton = delegation\n"))


def searcher(driver, site):
    """search(query) -> the engine's result for the query, from the site's start page."""
    driver.get(site.as_uri() + "/index.html")

    def run(query, **options):
        result = driver.execute_async_script("""
            var done = arguments[arguments.length - 1];
            window.HandbookSearch.search(arguments[0], arguments[1]).then(done, function (e) { done({error: String(e)}); });""",
            query, {"limit": 10, "sectionsPerArticle": 10, **options})
        assert "error" not in result, result
        return result
    return run


@pytest.fixture
def search(driver, ranking_site):
    return searcher(driver, ranking_site)


def sections(result):
    """Every section shown, in the order shown: [(href, score)]. From the start page, an href
    is the page's path in the site, with #anchor for a section below a heading."""
    return [(s["href"], s["score"]) for a in result["articles"] for s in a["sections"]]


def best_section(result):
    """The section with the highest score; a tie for the top fails."""
    ranked = sorted(sections(result), key=lambda section: -section[1])
    assert len(ranked) < 2 or ranked[0][1] > ranked[1][1], f"a tie for the best section: {ranked}"
    return ranked[0][0]


def test_a_title_match_leads_to_the_top_of_the_article(search):
    result = search("delegation ")
    assert best_section(result) == "practices/delegation.html", sections(result)
    assert result["articles"][0]["sections"][0]["href"] == "practices/delegation.html", "not shown first"


def test_a_heading_match_finds_the_section(search):
    # Also in the body of "Reading the tests", which comes first in reading order.
    result = search("debugging ")
    assert best_section(result) == "practices/one-on-ones.html#the-new-debugging", sections(result)
    assert sections(result)[0][0] == "practices/one-on-ones.html#the-new-debugging", "not shown first"


def test_sections_matching_every_word_come_first(search):
    # "Code review" says "code" in its title, tags, summary and three times in its body, and
    # never "refuge": without coordination it would outscore a section that has both words.
    result = search("refuge code ")
    both = {"pitfalls/code-refuge.html", "pitfalls/code-refuge.html#why-it-happens"}
    scores = dict(sections(result))
    assert both < scores.keys() and "practices/code-review.html" in scores, scores
    assert min(scores[href] for href in both) > max(score for href, score in scores.items() if href not in both), scores
    assert best_section(result) == "pitfalls/code-refuge.html", "both words in title and body: the lead wins"
    assert sections(result)[0][0] == "pitfalls/code-refuge.html", "not shown first"


def test_stemming_matches_other_forms_of_a_word(search):
    # A trailing space: "delegating" is a whole word, not a prefix still being typed.
    found = dict(sections(search("delegating ")))
    assert "pitfalls/code-refuge.html#why-it-happens" in found, found  # "delegating"
    assert "practices/delegation.html#letting-go" in found, found  # "delegate"
    assert "practices/delegation.html" in found, found  # "Delegation"


def test_rare_words_outweigh_common_ones(search):
    # "team" is in three sections, "wobble" in one, each once in a body of similar length.
    result = search("team wobble ")
    assert len(sections(result)) == 4, sections(result)
    assert best_section(result) == "practices/delegation.html#letting-go", sections(result)
    assert sections(result)[0][0] == "practices/delegation.html#letting-go", "not shown first"


def test_filters_keep_only_the_topic_or_tag_asked_for(search):
    paths = [path for path, _ in sections(search("team ", topic="Pitfalls"))]
    assert paths == ["pitfalls/the-hero.html"], paths
    paths = [path for path, _ in sections(search("team ", tag="delegation"))]
    assert sorted(paths) == ["pitfalls/the-hero.html", "practices/delegation.html"], paths


def test_synonyms_from_the_config_expand_queries(driver, ranking_site, synonym_site):
    plain = searcher(driver, ranking_site)
    assert sections(plain("jitter ")) == [], "no page says jitter"
    search = searcher(driver, synonym_site)
    result = search("jitter ")
    assert best_section(result) == "practices/delegation.html#letting-go", sections(result)
    marked = [part["text"] for part in result["articles"][0]["sections"][0]["excerpt"] if part["mark"]]
    assert marked == ["wobble"], "the synonym found is highlighted"
    # A phrase of several words stands for one word, and the other way round.
    result = search("pass the baton ")
    assert result["articles"][0]["url"] == "practices/delegation.html", sections(result)


def test_tag_aliases_are_synonyms(driver, ranking_site):
    # tags.yml: delegation has the alias "offloading", a word no page uses.
    search = searcher(driver, ranking_site)
    result = search("offloading ")
    assert result["articles"] and result["articles"][0]["url"] == "practices/delegation.html", sections(result)


def article_scores(result):
    """The articles in the order shown: [(path, score)]."""
    return [(a["url"], a["score"]) for a in result["articles"]]


def test_query_words_side_by_side_rank_higher(search):
    # "Storage" and "Night watch" each say "velvet" and "lantern" once, in bodies of the same
    # length: the same impacts. Only "Night watch" has them side by side ("a velvet lantern");
    # without proximity the two tie and "Storage", first in reading order, is shown first.
    shown = article_scores(search("velvet lantern "))
    assert [path for path, _ in shown] == ["practices/night-watch.html", "practices/storage.html"], shown
    assert shown[0][1] > shown[1][1], shown


def test_a_heading_naming_the_query_leads_to_its_section(search):
    # "Spice rack" says "saffron" in each of its four sections; "Market" has one section headed
    # "Saffron" whose text never says it. The section about saffron comes first.
    shown = article_scores(search("saffron "))
    assert [path for path, _ in shown] == ["practices/market.html", "practices/spice-rack.html"], shown
    assert best_section(search("saffron ")) == "practices/market.html#saffron"


def test_an_article_about_a_query_word_outranks_passing_mentions_of_all_of_them(search):
    # "Quibbles" is about quibbles and never says "many"; "Long meetings" says "many" four
    # times and "quibbles" once in passing. Sharing the common word must not be enough.
    shown = article_scores(search("many quibbles "))
    assert [path for path, _ in shown[:2]] == ["pitfalls/quibbles.html", "pitfalls/long-meetings.html"], shown


def test_contractions_are_stop_words(search):
    # "Long meetings" says "don't"; as a stop word it neither finds nor ranks anything.
    assert "pitfalls/long-meetings.html" in [path for path, _ in article_scores(search("don't "))]
    assert sections(search("don't wobble ")) == sections(search("wobble ")) != []


def test_a_summary_naming_the_query_lifts_its_article(search):
    # "Grit" and "Small irritants" each say "pebble" once in lead sections of the same length;
    # only the summary of "Small irritants", its one sentence about itself, says it. Without
    # the summary counting, the two tie and "Grit", first in reading order, is shown first.
    shown = article_scores(search("pebble "))
    assert [path for path, _ in shown] == ["pitfalls/small-irritants.html", "pitfalls/grit.html"], shown
    assert shown[0][1] > shown[1][1], shown


@pytest.fixture(scope="module")
def long_article_site(build_fixture_site):
    """A site of one article larger than a doc-store group (its own fixture, so that its long
    sections leave the statistics of the ranking fixture alone)."""
    with tempfile.TemporaryDirectory() as root:
        yield build_fixture_site(FIXTURE.parent / "long-article-site", Path(root) / "site")


def test_an_article_larger_than_a_group_counts_all_its_sections(driver, long_article_site):
    # "Almanac" (about 12 KB of text) is larger than a doc-store group, so its sections are
    # stored in two groups; "zephyr" is in its lead section (twice) and in "December", at its
    # end. With room for one article, the search loads the lead section's group, and must load
    # the rest of the article too: the December section is shown and counts in the score.
    result = searcher(driver, long_article_site)("zephyr ", limit=1)
    shown = [s["href"] for s in result["articles"][0]["sections"]]
    assert shown[0] == "practices/almanac.html", shown
    assert "practices/almanac.html#december" in shown, shown

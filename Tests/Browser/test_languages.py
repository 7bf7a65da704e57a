"""Search in the languages a site can be written in, where it runs: in headless Chromium.

Builds the fixture sites of Tests/Browser/Fixtures/languages (German, French, Spanish, Chinese,
Japanese, Korean) with the
real generator and searches each through its real search page, from file:// and over HTTP under
a subpath: a word of a known article must find that article. The shared vectors of
Tests/SearchIndexTests/Fixtures (analysis.txt, snowball-*-sample.txt) check that the browser
reads queries exactly as the build reads articles (SearchLanguageTests in Swift checks the other side).

    HANDBOOK_BINARY=.build/debug/handbook python3 -m pytest Tests/Browser/test_languages.py
"""
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import pytest
from selenium.webdriver.support.ui import WebDriverWait

SITES = Path(__file__).resolve().parent / "Fixtures" / "languages"
FIXTURES = Path(__file__).resolve().parent.parent / "SearchIndexTests" / "Fixtures"


def search_page(driver, base, query):
    """The results the search page shows for the query: [{url, marks, sections}]."""
    driver.get(base + "search.html?" + urlencode({"q": query}))
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "var s = document.querySelector('[data-handbook-search=page] [role=status]'); return s && s.textContent.trim()"),
        f"no search status for {query!r}")
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('.hs-results > .hs-result')).map(function (r) {
          return {
            url: r.querySelector('.hs-result-title a').href,
            marks: Array.from(r.querySelectorAll('mark')).map(function (m) { return m.textContent; }),
            sections: Array.from(r.querySelectorAll('.hs-section')).map(function (s) {
              return {heading: s.querySelector('a').textContent, excerpt: s.querySelector('.hs-excerpt').textContent};
            })
          };
        });""")


@pytest.fixture(scope="module")
def language_sites(build_fixture_site):
    with tempfile.TemporaryDirectory() as root:
        yield {name: build_fixture_site(SITES / f"{name}-site", Path(root) / name) for name in ("de", "fr", "es", "zh", "ja", "ko")}


@pytest.fixture(scope="module")
def language_http(language_sites, serve_folders):
    with serve_folders(language_sites) as base:
        yield base


@pytest.fixture(params=["file", "http"])
def site_base(request, language_sites):
    """site_base(name) -> the URL of that fixture site's root, on file:// or over HTTP."""
    if request.param == "file":
        return lambda name: language_sites[name].as_uri() + "/"
    base = request.getfixturevalue("language_http")
    return lambda name: f"{base}{name}/"


# (site, query, the article it must find first, why)
QUERIES = [
    ("de", "Verantwortlich", "praxis/delegieren.html", "-lich and -ung share the stem verantwort"),
    ("de", "gesprache", "praxis/einzelgespraeche.html", "typed without the umlaut"),
    ("de", "Gespraeche", "praxis/einzelgespraeche.html", "the umlaut spelled ae"),
    ("de", "Brücke", "praxis/delegieren.html", "singular for the plural Brücken"),
    ("de", "prioritize", "praxis/delegating.html", "an article with language: en is read as English"),
    ("fr", "responsabilité", "pratique/deleguer.html", "responsables and responsabilité share respons"),
    ("fr", "equipes", "pratique/deleguer.html", "l'équipe, without its elision and accent"),
    ("fr", "écouter", "pratique/entretiens.html", "the infinitive for écoute"),
    ("fr", "Décision", "pratique/deleguer.html", "singular for décisions, in the summary"),
    ("es", "responsabilidades", "practica/delegar.html", "plural for responsabilidad"),
    ("es", "reunión", "practica/reuniones.html", "reunión and reuniones share reunion"),
    ("es", "escuchar", "practica/reuniones.html", "the infinitive for escucha"),
    ("es", "decision", "practica/delegar.html", "without the accent, for decisiones"),
    ("zh", "授权", "practice/delegation.html", "a word of two characters"),
    ("zh", "倾听", "practice/one-on-ones.html", "a word of two characters"),
    ("zh", "信任是慢慢建立的", "practice/delegation.html", "a whole phrase, by its pairs"),
    ("zh", "信", "practice/delegation.html", "one character"),
    ("zh", "swift", "practice/delegation.html", "an English word inside Chinese text"),
    ("ja", "責任", "practice/delegation.html", "kanji"),
    ("ja", "面談", "practice/one-on-ones.html", "kanji, in the title"),
    ("ja", "レビュー", "practice/delegation.html", "katakana"),
    ("ja", "夜", "practice/delegation.html", "one character"),
    ("ko", "책임", "practice/delegation.html", "a word written with a particle (책임을) and a verb ending"),
    ("ko", "면담", "practice/one-on-ones.html", "a word in the title"),
    ("ko", "신뢰는", "practice/delegation.html", "a word with its particle, as written"),
]


@pytest.mark.parametrize("site,query,article,why", QUERIES, ids=[f"{q[0]}-{q[1]}" for q in QUERIES])
def test_a_word_finds_its_article(driver, site_base, site, query, article, why):
    base = site_base(site)
    results = search_page(driver, base, query)
    assert results, f"nothing found for {query!r} ({why})"
    assert results[0]["url"].split("#")[0] == base + article, (why, [r["url"] for r in results])


def test_a_cjk_query_is_highlighted_whole(driver, site_base):
    base = site_base("zh")
    results = search_page(driver, base, "交出责任")
    assert results and results[0]["url"].split("#")[0] == base + "practice/delegation.html"
    assert "交出责任" in "".join(results[0]["marks"]), results[0]["marks"]
    assert "交出责任" in results[0]["sections"][0]["excerpt"] + results[0]["sections"][0]["heading"]


def test_a_word_of_another_article_is_not_found_there(driver, site_base):
    base = site_base("ja")
    results = search_page(driver, base, "面談")
    assert base + "practice/one-on-ones.html" in [r["url"].split("#")[0] for r in results]
    results = search_page(driver, base, "昇進")
    assert [r["url"].split("#")[0] for r in results] == [base + "practice/delegation.html"]


def test_pages_carry_the_site_language(driver, site_base):
    for name, tag in (("de", "de"), ("fr", "fr"), ("es", "es"), ("zh", "zh-Hans"), ("ja", "ja"), ("ko", "ko")):
        driver.get(site_base(name) + "index.html")
        assert driver.execute_script("return document.documentElement.lang") == tag


def test_an_article_in_another_language_carries_its_own(driver, site_base):
    driver.get(site_base("de") + "praxis/delegating.html")
    assert driver.execute_script("return document.documentElement.lang") == "en"
    driver.get(site_base("de") + "praxis/delegieren.html")
    assert driver.execute_script("return document.documentElement.lang") == "de"


def with_stemmers_loaded(driver, site):
    """Opens a page of the site (German, French or Spanish) and waits for its manifest, which
    loads the Snowball stemmers (search-stemmers.js)."""
    driver.get(site.as_uri() + "/index.html")
    error = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        window.HandbookSearch.manifest().then(function () { done(null); }, function (e) { done(String(e)); });""")
    assert error is None


def test_javascript_reads_queries_as_the_build_does(driver, language_sites):
    with_stemmers_loaded(driver, language_sites["de"])
    vectors = []
    for line in (FIXTURES / "analysis.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            language, text, terms = line.split("\t")
            vectors.append((language, text, terms))
    got = driver.execute_script("""
        return arguments[0].map(function (v) { return window.HandbookSearch.analyze(v[0], v[1]).join(" "); });""",
        [[language, text] for language, text, _ in vectors])
    mismatches = [(v, g) for v, g in zip(vectors, got) if g != v[2]]
    assert mismatches == []
    assert len(vectors) >= 20


@pytest.mark.parametrize("language", ["german", "french", "spanish"])
def test_javascript_and_swift_snowball_stemmers_agree(driver, language_sites, language):
    with_stemmers_loaded(driver, language_sites["de"])
    pairs = [line.split(" ") for line in (FIXTURES / f"snowball-{language}-sample.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    stems = driver.execute_script("var stem = window.HandbookSearch[arguments[0] + 'Stem']; return arguments[1].map(function (w) { return stem(w); })",
                                  language, [word for word, _ in pairs])
    mismatches = [(word, stem, expected) for (word, expected), stem in zip(pairs, stems) if stem != expected]
    assert mismatches == []
    assert len(pairs) >= 500


# Records the src of every script the page adds to <head> (the search engine loads its files so).
WATCH_SCRIPTS = """
window.addedScripts = [];
new MutationObserver(function (changes) {
  changes.forEach(function (change) {
    change.addedNodes.forEach(function (node) { if (node.src) window.addedScripts.push(node.src); });
  });
}).observe(document.head, {childList: true});
"""


def scripts_a_search_loads(driver, base, query):
    """The scripts a query loads (search/ files, the stemmers), by file name. From the start page,
    whose search box loads nothing before it is used."""
    driver.get(base + "index.html")
    driver.execute_script(WATCH_SCRIPTS)
    error = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        window.HandbookSearch.search(arguments[0]).then(function () { done(null); }, function (e) { done(String(e)); });""", query)
    assert error is None, (base, query)
    return [src.rsplit("/", 1)[-1] for src in driver.execute_script("return window.addedScripts")]


def test_only_a_site_in_a_snowball_language_loads_its_stemmers(driver, site_base, site_dir):
    german = scripts_a_search_loads(driver, site_base("de"), "Verantwortlich")
    assert "meta.js" in german
    assert len([name for name in german if name.startswith("search-stemmers.")]) == 1, german
    # A site in English, and one in a language without stemming, search without them.
    for base, query in ((site_dir.as_uri() + "/", "delegation"), (site_base("zh"), "授权")):
        loaded = scripts_a_search_loads(driver, base, query)
        assert "meta.js" in loaded and any(name.startswith("d-") for name in loaded), loaded
        assert not any(name.startswith("search-stemmers.") for name in loaded), loaded

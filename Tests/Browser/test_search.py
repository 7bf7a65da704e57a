"""End-to-end tests of the offline search in a real browser.

Run (after building the site into public/ or pointing HANDBOOK_SITE at it):

    python3 -m pytest Tests/Browser

Assertions are about the handbook's content in general terms (the Delegation article ranks
first for "delegation", and so on), so they survive edits to the wording.
"""
import json
import os
import statistics
from pathlib import Path
from urllib.parse import urlencode

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 20
BOX = 'form[data-handbook-search="box"]'


def wait_for(driver, condition, timeout=WAIT, message=""):
    return WebDriverWait(driver, timeout).until(lambda d: condition(d), message)


def page_path(url):
    """The part of a result URL that names the article: no fragment, no site prefix."""
    return url.split("#")[0]


# ---------------------------------------------------------------- search page


def search_page(driver, base_url, query, **filters):
    driver.get(base_url + "search.html?" + urlencode({"q": query, **filters}))
    wait_for(driver, lambda d: d.execute_script(
        "var s = document.querySelector('[data-handbook-search=page] [role=status]'); return s && s.textContent.trim()"),
        message=f"no search status for {query!r}")
    return page_results(driver)


def page_results(driver):
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('.hs-results > .hs-result')).map(function (r) {
          return {
            url: r.querySelector('.hs-result-title a').href,
            title: r.querySelector('.hs-result-title').textContent,
            topic: r.querySelector('.hs-topic').textContent,
            tags: Array.from(r.querySelectorAll('.hs-tag')).map(function (t) { return t.textContent; }),
            marks: Array.from(r.querySelectorAll('mark')).map(function (m) { return m.textContent; }),
            sections: Array.from(r.querySelectorAll('.hs-section')).map(function (s) {
              var a = s.querySelector('a');
              return {url: a.href, heading: a.textContent, excerpt: s.querySelector('.hs-excerpt').textContent};
            })
          };
        });""")


def test_title_match_ranks_first(driver, base_url):
    results = search_page(driver, base_url, "delegation")
    assert results, "no results for delegation"
    assert page_path(results[0]["url"]).endswith("practices/delegation.html")
    assert any(mark.lower().startswith("delegat") for mark in results[0]["marks"]), "matched words are not highlighted"


def test_a_heading_match_leads_to_its_section(driver, base_url):
    results = search_page(driver, base_url, "debugging")
    assert page_path(results[0]["url"]).endswith("practices/one-on-ones.html")
    assert results[0]["sections"][0]["url"].endswith("practices/one-on-ones.html#the-new-debugging")


def test_results_are_grouped_by_article(driver, base_url):
    results = search_page(driver, base_url, "feedback")
    urls = [page_path(r["url"]) for r in results]
    assert len(urls) == len(set(urls)), "an article appears twice"
    for result in results:
        assert 1 <= len(result["sections"]) <= 3
        for section in result["sections"]:
            assert page_path(section["url"]) == page_path(result["url"])


def test_a_misspelled_word_still_finds_results(driver, base_url):
    for typo in ("delegaton", "deelgation", "edlegation"):  # deletion, swap, swap of the first two letters
        results = search_page(driver, base_url, typo)
        assert results, f"nothing for {typo!r}"
        assert page_path(results[0]["url"]).endswith("practices/delegation.html"), typo


def test_phrase_queries_require_adjacent_words(driver, base_url):
    results = search_page(driver, base_url, '"new debugging"')
    assert results, "nothing for the phrase"
    assert page_path(results[0]["url"]).endswith("practices/one-on-ones.html")
    assert any("debugging" in s["heading"].lower() + s["excerpt"].lower() for s in results[0]["sections"])
    loose = search_page(driver, base_url, "debugging new")
    reversed_phrase = search_page(driver, base_url, '"debugging new"')
    assert len(reversed_phrase) < len(loose)
    assert not any("new debugging" in s["heading"].lower() for r in reversed_phrase for s in r["sections"])


def test_stop_words_do_not_swamp_results_but_alone_still_answer(driver, base_url):
    results = search_page(driver, base_url, "how to delegate to the team")
    assert page_path(results[0]["url"]).endswith("practices/delegation.html")
    assert search_page(driver, base_url, "the"), "a query of only stop words found nothing"


def test_topic_and_tag_filters(driver, base_url):
    search_page(driver, base_url, "team")
    topics = driver.execute_script(
        "return Array.from(document.querySelectorAll('select[name=topic] option')).map(o => o.value).filter(Boolean)")
    tags = driver.execute_script(
        "return Array.from(document.querySelectorAll('select[name=tag] option')).map(o => o.value).filter(Boolean)")
    assert topics and tags, "the filters were not filled in"
    topic = topics[0]
    results = search_page(driver, base_url, "team", topic=topic)
    assert results
    assert all(r["topic"] == topic for r in results)
    tag = "delegation" if "delegation" in tags else tags[0]
    results = search_page(driver, base_url, "team", tag=tag)
    assert results
    assert all(tag in r["tags"] for r in results)


def test_url_carries_the_query(driver, base_url):
    driver.get(base_url + "search.html")
    wait_for(driver, lambda d: d.execute_script(
        "return document.querySelector('[data-handbook-search=page]').hasAttribute('data-ready')"))
    field = driver.find_element(By.CSS_SELECTOR, '[data-handbook-search="page"] input[name="q"]')
    field.send_keys("code refuge")
    wait_for(driver, lambda d: "q=code" in d.execute_script("return location.search"))
    wait_for(driver, lambda d: "refuge" in d.execute_script("return decodeURIComponent(location.search.replace(/\\+/g, ' '))"))
    wait_for(driver, lambda d: "code refuge" in d.find_element(
        By.CSS_SELECTOR, '[data-handbook-search="page"] [role="status"]').text, message="no results after typing")
    results = page_results(driver)
    assert page_path(results[0]["url"]).endswith("pitfalls/code-refuge.html")


def test_arrow_keys_walk_the_search_page_results(driver, base_url):
    search_page(driver, base_url, "delegation")
    field = driver.find_element(By.CSS_SELECTOR, '[data-handbook-search="page"] input[name="q"]')
    field.click()
    field.send_keys(Keys.ARROW_DOWN)
    focused = driver.switch_to.active_element
    assert focused.tag_name == "a"
    assert page_path(focused.get_attribute("href")).endswith("practices/delegation.html")
    focused.send_keys(Keys.ARROW_UP)
    assert driver.switch_to.active_element.get_attribute("name") == "q"


# ---------------------------------------------------------------- header box


def header_input(driver):
    return driver.find_element(By.CSS_SELECTOR, BOX + ' input[name="q"]')


def type_in_header(driver, base_url, text, page="index.html"):
    driver.get(base_url + page)
    field = header_input(driver)
    field.click()
    field.send_keys(text)
    wait_for(driver, lambda d: d.execute_script(
        "var s = document.querySelector(arguments[0] + ' [role=status]');"
        "return s && s.textContent.indexOf(arguments[1]) >= 0", BOX, text.strip()),
        message=f"the dropdown did not answer {text!r}")
    return field


def dropdown_options(driver):
    return driver.execute_script("""
        var box = document.querySelector(arguments[0]);
        var list = document.getElementById(box.querySelector('input[name=q]').getAttribute('aria-controls'));
        return Array.from(list.querySelectorAll('[role=option]')).map(function (o) {
          return {id: o.id, href: o.getAttribute('data-href'), text: o.textContent, selected: o.getAttribute('aria-selected')};
        });""", BOX)


def test_slash_focuses_the_search_box(driver, base_url):
    driver.get(base_url + "index.html")
    ActionChains(driver).send_keys("/").perform()
    focused = driver.switch_to.active_element
    assert focused == header_input(driver)
    assert focused.get_attribute("value") == ""
    # Focus is visible.
    assert driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", focused) != "none"


def test_dropdown_updates_as_you_type_and_keyboard_opens_a_result(driver, base_url):
    field = type_in_header(driver, base_url, "one-on-ones")
    assert field.get_attribute("aria-expanded") == "true"
    options = dropdown_options(driver)
    assert len(options) >= 2
    assert page_path(options[0]["href"]).endswith("practices/one-on-ones.html")
    field.send_keys(Keys.ARROW_DOWN)
    assert field.get_attribute("aria-activedescendant") == options[0]["id"]
    assert dropdown_options(driver)[0]["selected"] == "true"
    field.send_keys(Keys.ARROW_DOWN)
    assert field.get_attribute("aria-activedescendant") == options[1]["id"]
    field.send_keys(Keys.ARROW_UP)
    assert field.get_attribute("aria-activedescendant") == options[0]["id"]
    field.send_keys(Keys.ENTER)
    wait_for(driver, lambda d: page_path(d.current_url).endswith("practices/one-on-ones.html"),
             message="Enter did not open the result")


def test_prefix_of_the_last_word_matches(driver, base_url):
    type_in_header(driver, base_url, "delegat")
    options = dropdown_options(driver)
    assert any(page_path(o["href"]).endswith("practices/delegation.html") for o in options)


def test_escape_closes_the_dropdown(driver, base_url):
    field = type_in_header(driver, base_url, "delegation")
    listbox = driver.find_element(By.ID, field.get_attribute("aria-controls"))
    assert listbox.is_displayed()
    field.send_keys(Keys.ESCAPE)
    assert not listbox.is_displayed()
    assert field.get_attribute("aria-expanded") == "false"
    assert field.get_attribute("value") == "delegation"
    assert driver.switch_to.active_element == field


def test_enter_without_a_chosen_result_opens_the_search_page(driver, base_url):
    field = type_in_header(driver, base_url, "feedback")
    field.send_keys(Keys.ENTER)
    wait_for(driver, lambda d: "search.html" in d.current_url and "q=feedback" in d.current_url)
    wait_for(driver, lambda d: page_results(d), message="the search page showed nothing")


def test_header_box_works_one_level_down(driver, base_url):
    type_in_header(driver, base_url, "delegation", page="practices/one-on-ones.html")
    options = dropdown_options(driver)
    assert page_path(options[0]["href"]).endswith("practices/delegation.html")
    field = header_input(driver)
    field.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    wait_for(driver, lambda d: page_path(d.current_url).endswith("practices/delegation.html"))


# ---------------------------------------------------------------- safety, speed, accessibility

ALLOWED_TAGS = {"DIV", "SPAN", "MARK", "LI", "UL", "OL", "H2", "A", "P"}


def test_results_are_text_only(driver, base_url):
    search_page(driver, base_url, "delegation")
    type_in_header(driver, base_url, "delegation", page="search.html")
    problems = driver.execute_script("""
        var allowed = arguments[0], problems = [];
        document.querySelectorAll('.hs-results *, [role=listbox] *').forEach(function (e) {
          if (allowed.indexOf(e.tagName) < 0) problems.push(e.tagName);
          Array.from(e.attributes).forEach(function (a) {
            if (/^on/i.test(a.name) || a.name === 'style') problems.push(e.tagName + '[' + a.name + ']');
          });
        });
        return problems;""", sorted(ALLOWED_TAGS))
    assert problems == []


def test_no_script_errors(driver, base_url):
    search_page(driver, base_url, '"new debugging" delegaton')
    type_in_header(driver, base_url, "one-on")
    errors = [entry["message"] for entry in driver.get_log("browser")
              if entry["level"] == "SEVERE" and ("search" in entry["message"] or "Content Security Policy" in entry["message"])]
    assert errors == []


def test_queries_take_under_ten_milliseconds(driver, base_url):
    """Computation only (files already loaded), best of three runs per query so that a busy
    machine's scheduling does not count."""
    driver.get(base_url + "index.html")
    queries = ["delegation", "feedback", "one-on-ones", "team trust", '"new debugging"', "delegaton", "the"]
    rounds = 4
    timings = driver.execute_async_script("""
        var queries = arguments[0], rounds = arguments[1], done = arguments[arguments.length - 1], times = [];
        var run = function (i) {
          if (i >= queries.length * rounds) return done(times);
          window.HandbookSearch.search(queries[i % queries.length], {limit: 10}).then(function (r) {
            if (i >= queries.length) times.push(r.elapsed);  // the first round loads files and warms up
            run(i + 1);
          });
        };
        run(0);""", queries, rounds)
    best = [min(timings[q::len(queries)]) for q in range(len(queries))]
    assert statistics.median(best) < 10, dict(zip(queries, best))
    assert max(best) < 25, dict(zip(queries, best))


def test_javascript_and_swift_stemmers_agree(driver, base_url, porter_pairs):
    driver.get(base_url + "index.html")
    words = [word for word, _ in porter_pairs]
    stems = driver.execute_script("return arguments[0].map(function (w) { return window.HandbookSearch.stem(w); })", words)
    mismatches = [(word, stem, expected) for (word, expected), stem in zip(porter_pairs, stems) if stem != expected]
    assert mismatches == []
    assert len(porter_pairs) >= 500


def test_javascript_and_swift_word_forms_agree(driver, base_url, word_form_pairs):
    driver.get(base_url + "index.html")
    words = [word for word, _ in word_form_pairs]
    terms = driver.execute_script("return arguments[0].map(function (w) { return window.HandbookSearch.term(w); })", words)
    mismatches = [(word, term, expected) for (word, term), (_, expected) in zip(zip(words, terms), word_form_pairs) if term != expected]
    assert mismatches == []
    assert len(word_form_pairs) >= 100


def test_related_word_forms_find_the_same_article(driver, base_url):
    for query in ("lonely", "loneliness", "prioritize", "prioritise"):
        results = search_page(driver, base_url, query)
        expected = "transition/loneliness-of-leading.html" if query.startswith("lone") else "practices/saying-no.html"
        assert results and page_path(results[0]["url"]).endswith(expected), (query, [r["url"] for r in results[:3]])


def test_javascript_normalizes_words_like_the_tokenizer(driver, base_url):
    driver.get(base_url + "index.html")
    cases = {"Don't": "dont", "team's": "team", "Café": "cafe", "RÉSUMÉ": "resume", "ﬁle": "file",
             "it\u2019s": "it", "ΟΔΟΣ": "οδοσ", "naïve": "naive"}
    got = driver.execute_script(
        "var out = {}; Object.keys(arguments[0]).forEach(function (k) { out[k] = window.HandbookSearch.normalize(k); }); return out;",
        cases)
    assert got == cases


def aria_snapshot(driver):
    return driver.execute_script("""
        var input = document.querySelector(arguments[0] + ' input[name=q]');
        var list = document.getElementById(input.getAttribute('aria-controls'));
        var status = document.querySelector(arguments[0] + ' [role=status]');
        return {role: input.getAttribute('role'), expanded: input.getAttribute('aria-expanded'),
                autocomplete: input.getAttribute('aria-autocomplete'), label: input.labels.length,
                listRole: list && list.getAttribute('role'), listLabel: list && list.getAttribute('aria-label'),
                options: list ? list.querySelectorAll('[role=option]').length : 0,
                statusLive: status && (status.getAttribute('aria-live') || 'polite'), status: status && status.textContent};""", BOX)


def test_combobox_pattern(driver, base_url):
    driver.get(base_url + "index.html")
    closed = aria_snapshot(driver)
    assert closed["role"] == "combobox" and closed["expanded"] == "false" and closed["autocomplete"] == "list"
    assert closed["label"] == 1 and closed["listRole"] == "listbox" and closed["listLabel"]
    type_in_header(driver, base_url, "delegation")
    opened = aria_snapshot(driver)
    assert opened["expanded"] == "true" and opened["options"] >= 2
    assert opened["statusLive"] == "polite" and "delegation" in opened["status"]


def axe_source():
    """axe-core: $AXE_CORE_JS, or the copy bundled with axe-playwright-python (requirements.txt).
    It must be 4.x: older versions do not know the ARIA 1.2 combobox pattern used here."""
    path = os.environ.get("AXE_CORE_JS")
    if not path:
        try:
            import axe_playwright_python
        except ImportError:
            pytest.fail("install Tests/Browser/requirements.txt (axe-playwright-python bundles axe-core)", pytrace=False)
        path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    return Path(path).read_text(encoding="utf-8")


def axe_violations(driver, selectors):
    driver.execute_script(axe_source())
    result = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        axe.run({include: arguments[0].map(function (s) { return [s]; })}, {}, function (error, results) {
          done(error ? {error: String(error)} : results.violations.map(function (v) {
            return {id: v.id, nodes: v.nodes.map(function (n) { return n.target.join(' '); })};
          }));
        });""", selectors)
    assert not isinstance(result, dict), result
    return result


def test_axe_finds_no_violations_in_the_dropdown(driver, base_url):
    type_in_header(driver, base_url, "delegation")
    ActionChains(driver).send_keys(Keys.ARROW_DOWN).perform()
    assert axe_violations(driver, [BOX]) == [], json.dumps(axe_violations(driver, [BOX]), indent=1)


def test_axe_finds_no_violations_on_the_search_page(driver, base_url):
    search_page(driver, base_url, "delegation")
    violations = axe_violations(driver, ['[data-handbook-search="page"]'])
    assert violations == [], json.dumps(violations, indent=1)

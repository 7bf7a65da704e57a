"""Script injection in a real browser.

Builds the hostile fixture site (Tests/HandbookTests/Fixtures/hostile/injection-site: a payload
in every title, summary, tag, heading, link, image, body and config field) with the real binary
($HANDBOOK_BINARY, default .build/debug/handbook), opens its pages in headless Chromium from
file:// and over HTTP under a subpath, and proves that no payload ran: every payload sets
window.__pwned, which stays undefined; the payloads are on the page as text; the
Content-Security-Policy blocked nothing (nothing tried to run, and the site's own scripts were
allowed). A second build with `allow_raw_html: true` shows the policy is really enforced: there
the payloads do reach the page as markup, and the policy stops every one of them.

    HANDBOOK_BINARY=.build/debug/handbook python3 -m pytest Tests/Browser/test_injection.py
"""
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

FIXTURE = Path(__file__).resolve().parent.parent / "HandbookTests" / "Fixtures" / "hostile" / "injection-site"
WAIT = 20

PAGES = ["index.html", "basics/index.html", "basics/payloads.html", "basics/other.html", "map.html", "book.html", "book/basics.html",
         "tags/index.html", "tags/trust.html", "tags/feedback.html", "search.html", "404.html"]
TITLE = "<script>window.__pwned='title'</script> Payloads \u2028\u2029 \"&amp;"
OTHER_TITLE = "Other \"><svg><script>window.__pwned='other-title'</script></svg>"

# Runs before any script of the page (CDP scripts are not subject to the page's policy): it
# records every policy violation, so a test can tell "blocked" from "never tried".
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});
"""


@pytest.fixture(scope="session")
def sites(build_fixture_site):
    with tempfile.TemporaryDirectory() as root:
        yield {"safe": build_fixture_site(FIXTURE, Path(root) / "safe"),
               "raw": build_fixture_site(FIXTURE, Path(root) / "raw", config="allow_raw_html: true\n")}


@pytest.fixture(scope="session")
def http_root(sites, serve_folders):
    """Both sites over HTTP under subpaths: /safe/ and /raw/."""
    with serve_folders(sites) as base:
        yield base


@pytest.fixture(params=["file", "http"])
def site_url(request, sites):
    """site_url(name) is the base URL of the safe or raw site, from file:// or over HTTP."""
    if request.param == "file":
        return lambda name: sites[name].as_uri() + "/"
    base = request.getfixturevalue("http_root")
    return lambda name: base + name + "/"


@pytest.fixture
def page(driver):
    """The shared browser, recording policy violations on every page it opens."""
    registration = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
    try:
        yield driver
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": registration["identifier"]})


def open_page(driver, url):
    driver.get(url)
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")
    # Let deferred scripts, failed image loads and their error handlers run.
    time.sleep(0.3)
    # Anything that waits for the pointer: hover every element.
    driver.execute_script("""
        document.querySelectorAll('*').forEach(function (e) {
          ['mouseover', 'mouseenter', 'focus', 'animationstart'].forEach(function (type) {
            e.dispatchEvent(new Event(type, {bubbles: true}));
          });
        });""")
    return driver.execute_script("""
        return {pwned: window.__pwned === undefined ? null : String(window.__pwned),
                title: document.title,
                violations: window.__violations || null,
                siteScripts: !!(window.HandbookSearch && document.querySelector('input[role=combobox]'))};""")


def site_errors(driver, base):
    """Console errors about the site's own files, or about the policy."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and (base.rstrip("/") in entry["message"] or "Content Security Policy" in entry["message"])]


def test_no_payload_runs_and_the_policy_blocks_nothing(page, site_url):
    base = site_url("safe")
    for path in PAGES:
        state = open_page(page, base + path)
        assert state["pwned"] is None, f"{path}: a payload ran ({state['pwned']})"
        assert state["violations"] == [], f"{path}: the policy had to block {state['violations']}"
        assert state["siteScripts"], f"{path}: the site's own scripts did not run"
        assert site_errors(page, base) == [], path


def test_payloads_are_text_in_the_page(page, site_url):
    base = site_url("safe")
    open_page(page, base + "basics/payloads.html")
    found = page.execute_script("""
        return {h1: document.querySelector('h1').textContent,
                lede: document.querySelector('.lede').textContent,
                scripts: Array.from(document.scripts).map(function (s) { return s.getAttribute('src'); }),
                handlers: Array.from(document.querySelectorAll('*')).filter(function (e) {
                  return Array.from(e.attributes).some(function (a) { return /^on/i.test(a.name); });
                }).length,
                scriptLinks: Array.from(document.querySelectorAll('[href],[src]')).filter(function (e) {
                  var url = e.getAttribute('href') || e.getAttribute('src') || '';
                  return /^\\s*(javascript|vbscript|data):/i.test(url.replace(/[\\t\\n\\r]/g, ''));
                }).map(function (e) { return e.outerHTML; }),
                foreign: document.querySelectorAll('iframe, object, embed, math, main svg, main style, base').length,
                code: Array.from(document.querySelectorAll('main code')).map(function (c) { return c.textContent; })};""")
    assert found["h1"] == TITLE
    assert found["lede"] == "\"><img src=x onerror=window.__pwned='summary'> </script><script>window.__pwned='summary-2'</script>."
    assert all(src and "/assets/" in "/" + src for src in found["scripts"]), found["scripts"]
    assert found["handlers"] == 0
    assert found["scriptLinks"] == []
    assert found["foreign"] == 0
    assert "</script><script>window.__pwned='shard'</script>" in found["code"]


def test_the_map_shows_titles_as_text(page, site_url):
    base = site_url("safe")
    state = open_page(page, base + "map.html")
    assert state["pwned"] is None
    labels = page.execute_script("""
        return Array.from(document.querySelectorAll('svg.map a')).map(function (a) {
          return [a.getAttribute('aria-label'), a.querySelector('title').textContent];
        });""")
    assert [TITLE, TITLE] in labels
    assert [OTHER_TITLE, OTHER_TITLE] in labels
    assert page.execute_script("return document.querySelectorAll('svg.map script, svg.map svg').length") == 0


def test_search_results_show_the_injected_title_as_text(page, site_url):
    base = site_url("safe")
    page.get(base + "search.html?" + urlencode({"q": "payloads"}))
    WebDriverWait(page, WAIT).until(lambda d: d.execute_script(
        "return document.querySelectorAll('.hs-results .hs-result-title').length > 0"), "no results for 'payloads'")
    titles = page.execute_script(
        "return Array.from(document.querySelectorAll('.hs-results .hs-result-title')).map(function (t) { return t.textContent; })")
    assert TITLE in titles
    # A search for the markup itself finds the text that holds it, and shows it as text.
    page.get(base + "search.html?" + urlencode({"q": "pwned shard"}))
    WebDriverWait(page, WAIT).until(lambda d: d.execute_script(
        "return document.querySelectorAll('.hs-results .hs-result').length > 0"), "no results for 'pwned shard'")
    excerpts = page.execute_script(
        "return Array.from(document.querySelectorAll('.hs-results .hs-excerpt')).map(function (t) { return t.textContent; }).join(' ')")
    assert "</script>" in excerpts or "pwned" in excerpts.lower()
    assert page.execute_script("return document.querySelectorAll('.hs-results script, .hs-results img, .hs-results svg').length") == 0
    assert page.execute_script("return window.__pwned === undefined")
    assert page.execute_script("return window.__violations") == []


def test_the_dropdown_shows_the_injected_title_as_text(page, site_url):
    base = site_url("safe")
    open_page(page, base + "index.html")
    field = page.find_element(By.CSS_SELECTOR, 'form[data-handbook-search="box"] input[name="q"]')
    field.click()
    field.send_keys("payloads")
    WebDriverWait(page, WAIT).until(lambda d: d.execute_script(
        "return document.querySelectorAll('[role=listbox] [role=option]').length > 0"), "the dropdown stayed empty")
    texts = page.execute_script(
        "return Array.from(document.querySelectorAll('[role=listbox] [role=group]')).map(function (g) { return g.getAttribute('aria-label'); })")
    assert any(text.startswith(TITLE) for text in texts), texts
    assert page.execute_script("return window.__pwned === undefined")
    assert page.execute_script("return window.__violations") == []


def test_a_query_full_of_markup_stays_text(page, site_url):
    base = site_url("safe")
    query = "<img src=x onerror=window.__pwned='query'><script>window.__pwned='query'</script>"
    page.get(base + "search.html?" + urlencode({"q": query}))
    WebDriverWait(page, WAIT).until(lambda d: d.execute_script(
        "var s = document.querySelector('[data-handbook-search=page] [role=status]'); return s && s.textContent.trim()"))
    time.sleep(0.3)
    assert page.execute_script("return window.__pwned === undefined")
    assert page.execute_script("return document.querySelectorAll('main img, main script').length") == 0
    assert page.execute_script("return window.__violations") == []


def test_the_policy_stops_payloads_that_do_reach_the_page(page, site_url):
    """With raw HTML allowed the payloads in the bodies become markup: the policy must stop
    every one of them, from file:// as over HTTP, and still let the site's own scripts run."""
    base = site_url("raw")
    for path in ["basics/payloads.html", "index.html", "basics/index.html", "book/basics.html"]:
        state = open_page(page, base + path)
        assert state["pwned"] is None, f"{path}: a payload ran ({state['pwned']})"
        assert state["siteScripts"], f"{path}: the policy blocked the site's own scripts"
        assert state["violations"], f"{path}: nothing was blocked, so nothing was tested"
        # Only what the content brought in was blocked: inline scripts, handlers and styles,
        # and javascript: URLs.
        assert any(v.startswith("script-src") for v in state["violations"]), state["violations"]
        assert all(" inline" in v or " javascript" in v for v in state["violations"]), "; ".join(state["violations"])
        raw_markup = page.execute_script("return document.querySelectorAll('main script:not([src]), main [onerror], main iframe').length")
        assert raw_markup > 0, f"{path}: no raw markup in the raw build, so the fixture no longer tests the policy"

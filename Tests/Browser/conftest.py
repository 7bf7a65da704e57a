"""Fixtures for the end-to-end search tests.

The built site comes from $HANDBOOK_SITE (default: public). Every test that takes `base_url`
runs twice: on file:// and over HTTP under the subpath /handbook/ (python3 -m http.server
serving a temporary directory whose handbook/ is a symlink to the site). Tests that need
content of their own build a fixture site with the real binary (`build_fixture_site`). Chromium
runs headless through /usr/bin/chromedriver; selenium-manager is never asked to download anything.
"""
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "Tests" / "SearchIndexTests" / "Fixtures"
BINARY = Path(os.environ.get("HANDBOOK_BINARY", ROOT / ".build" / "debug" / "handbook")).resolve()


def build_site(fixture, destination, config=""):
    """Builds a fixture site (handbook.yml and Content/) with the repository's Theme/ and the real
    binary ($HANDBOOK_BINARY, default .build/debug/handbook), with `config` appended to its
    handbook.yml; returns the output folder."""
    if not BINARY.is_file():
        pytest.fail(f"{BINARY} is missing: build the generator or set HANDBOOK_BINARY", pytrace=False)
    shutil.copytree(fixture, destination)
    shutil.copytree(ROOT / "Theme", destination / "Theme")
    if config:
        with open(destination / "handbook.yml", "a", encoding="utf-8") as handbook:
            handbook.write(config)
    result = subprocess.run([str(BINARY), "build"], cwd=destination, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail(f"{BINARY} build failed ({result.returncode}):\n{result.stderr}", pytrace=False)
    return destination / "public"


@pytest.fixture(scope="session")
def site_dir():
    site = Path(os.environ.get("HANDBOOK_SITE", "public")).resolve()
    for needed in ("index.html", "search.html", "search/meta.js"):
        if not (site / needed).is_file():
            pytest.fail(f"{site / needed} is missing: build the site first or set HANDBOOK_SITE", pytrace=False)
    return site


@contextlib.contextmanager
def static_server(mounts):
    """Serves each folder of `mounts` (URL subpath -> folder) with python3 -m http.server from a
    temporary directory of symlinks; yields the server's base URL once the first one answers."""
    with tempfile.TemporaryDirectory() as root:
        for name, folder in mounts.items():
            os.symlink(folder, Path(root) / name)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", root],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}/"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}{next(iter(mounts))}/index.html", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.05)
            else:
                pytest.fail("the static server did not start")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="session")
def serve_folders():
    """`with serve_folders({"name": folder, ...}) as base:` serves them at base + "name/"."""
    return static_server


@pytest.fixture(scope="session")
def build_fixture_site():
    """`build_fixture_site(fixture, destination, config="")` builds a fixture site; see build_site."""
    return build_site


@pytest.fixture(scope="session")
def http_base(site_dir):
    with static_server({"handbook": site_dir}) as base:
        yield base + "handbook/"


@pytest.fixture(params=["file", "http"])
def base_url(request, site_dir):
    if request.param == "file":
        return site_dir.as_uri() + "/"
    return request.getfixturevalue("http_base")


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_script_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def driver(browser):
    """The shared browser, with the console log emptied before each test."""
    browser.get("about:blank")
    browser.get_log("browser")
    return browser


@pytest.fixture(scope="session")
def porter_pairs():
    pairs = []
    for line in (FIXTURES / "porter-vocabulary-sample.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, stem = line.split(" ")
            pairs.append((word, stem))
    return pairs


@pytest.fixture(scope="session")
def word_form_pairs():
    """(word, term) pairs from Tests/SearchIndexTests/Fixtures/word-forms.txt, shared with the Swift tests."""
    pairs = []
    for line in (FIXTURES / "word-forms.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, term = line.split(" ")
            pairs.append((word, term))
    return pairs

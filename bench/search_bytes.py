#!/usr/bin/env python3
"""Bytes our search client downloads for a one-word query.

    python3 bench/search_bytes.py SITE WORD [--json] [--method=auto|browser|port] [--check]

SITE is a `handbook build` output folder. Prints the total gzip bytes (gzip -6
of each file, summed) of what `search.html?q=WORD` loads to show its first page
of results (10 articles), or `n/a` when the site has no search index
(`SITE/search/meta.js`). --json prints a breakdown (the harness, run.sh, reads
`gzip_bytes`, `word` and `files`). The files and their sizes also go to stderr.

Counted:
  assets/search-*.<hash>.js the search client's scripts, as search.html references
                            them (engine, shared display helpers, box and page),
                            and the stemmers when the manifest names them (a site
                            or articles in German, French or Spanish)
  search/meta.js            the manifest every query loads first
  search/t-<key>.js         the term shard(s) the query reads. The URL query is
                            treated as still being typed (no trailing space), so
                            the client looks up the stem AND expands the word as a
                            prefix: the shard of the prefix and, if the prefix's
                            range spans a shard boundary, the next one
  search/l-*.js, x-*.js     typo word lists, only when the word matches nothing
  search/d-<g>.js           the doc-store groups the client loads to fill the
                            first 10 articles (group = section id / 64)
Not counted: the HTML page, CSS, theme.js and site.js (Pagefind's side likewise
counts pagefind.js but not its UI bundles).

Methods (--method, default auto = browser, else port):
  browser  opens file://SITE/search.html?q=WORD in headless Chromium through
           selenium, waits for the results and reads
           `window.HandbookSearch.loadedFiles()`. The most faithful: it is the
           real client. Needs selenium (if `python3` lacks it, the script re-runs
           itself with $SEARCH_BYTES_PYTHON, default
           /var/tmp/browser-venv/bin/python), `chromium` and `chromedriver`.
  port     a Python port of the parts of Theme/assets/search-engine.js that decide
           which files load (parseQuery, resolveWord, prefixMatches,
           typoMatches, rank, Collection), for unquoted queries without topic or
           tag filters. Used when the browser is unavailable.
--check runs both and fails (exit 1) if their file lists differ.
"""
import base64
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
import urllib.parse
import zlib

LIMIT = 10               # SearchPage: first page of results
PER_ARTICLE = 3          # SearchPage: sectionsPerArticle
MAX_PREFIX_EXPANSIONS = 12
MAX_TYPO_CANDIDATES = 6
PREFIX_WEIGHT = 0.8
TYPO_WEIGHT = 0.6
MIN_TYPO_LENGTH = 5
BROWSER_PYTHON = os.environ.get("SEARCH_BYTES_PYTHON", "/var/tmp/browser-venv/bin/python")


def gz_len(data):
    if data[:2] == b"\x1f\x8b":
        return len(data)
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return len(c.compress(data) + c.flush())


def log(*args):
    print(*args, file=sys.stderr)


SNOWBALL_LANGUAGES = {"de", "fr", "es"}


def search_scripts(site):
    """The client scripts search.html loads, relative to SITE, in page order: those it
    references, then the stemmers the engine loads with the manifest when its languages need them."""
    try:
        with open(os.path.join(site, "search.html"), encoding="utf-8") as f:
            html = f.read()
    except OSError:
        html = ""
    found = re.findall(r'<script[^>]+src="(?:\.\./)*([^"]*assets/search-[^"/]*\.js)"', html)
    if not found:
        assets = os.path.join(site, "assets")
        found = ["assets/" + n for n in sorted(os.listdir(assets))
                 if re.match(r"search-.*\.js$", n) and not n.startswith("search-stemmers.")] \
            if os.path.isdir(assets) else []
    meta = read_registration(os.path.join(site, "search", "meta.js"))[0]
    languages = {meta.get("language", "en")} | set(meta.get("languages", []))
    if meta.get("stemmers") and languages & SNOWBALL_LANGUAGES:
        found.append(meta["stemmers"])
    return found


# --------------------------------------------------------------------------
# Method 1: the real client in headless Chromium.
# --------------------------------------------------------------------------

def browser_files(site, word, timeout=60):
    """Index files (names under search/) the client loaded, plus what it showed."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run"):
        options.add_argument(arg)
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if binary:
        options.binary_location = binary
    driver_path = shutil.which("chromedriver")
    service = Service(driver_path) if driver_path else Service()
    driver = webdriver.Chrome(service=service, options=options)
    try:
        url = "file://" + urllib.parse.quote(os.path.abspath(os.path.join(site, "search.html"))) \
            + "?q=" + urllib.parse.quote(word, safe="")
        driver.get(url)
        deadline = time.time() + timeout
        status = None
        while time.time() < deadline:
            status = driver.execute_script(
                "var s = document.querySelector('[data-handbook-search=\"page\"] [role=\"status\"]');"
                "return s ? s.textContent : null;")
            if status:
                break
            time.sleep(0.05)
        if not status:
            raise RuntimeError("no results after %d s" % timeout)
        if status.startswith("Search is unavailable"):
            raise RuntimeError(status)
        # Let any load still in flight settle (none should be: results render last).
        time.sleep(0.2)
        files = driver.execute_script("return window.HandbookSearch.loadedFiles();")
        shown = driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('.hs-result-title a'),"
            " function (a) { return a.getAttribute('href'); });")
        stem = driver.execute_script(
            "var w = window.HandbookSearch.normalize(arguments[0]);"
            "return w ? window.HandbookSearch.stem(w) : null;", word)
        # Query time: the same query again, its files now loaded (the cost of every keystroke
        # once the index parts are in), and the client's own measure of its computation.
        driver.set_script_timeout(timeout)
        runs = driver.execute_async_script(QUERY_TIMING_SCRIPT, word, QUERY_RUNS)
        # Cold: the first query on a fresh page, loading meta.js, shards and doc groups from disk.
        driver.get("file://" + urllib.parse.quote(os.path.abspath(os.path.join(site, "search.html"))))
        cold = driver.execute_async_script(QUERY_TIMING_SCRIPT, word, 1)
        return {"index_files": list(files), "articles": list(shown), "status": status, "stem": stem,
                "query_ms": {"warm": median([r[0] for r in runs]), "computation": median([r[1] for r in runs]),
                             "cold": median([cold[0][0]]), "runs": len(runs)}}
    finally:
        driver.quit()


QUERY_RUNS = 9
# Times HandbookSearch.search(word) `runs` times in a row: [[wall ms, computation ms], ...].
QUERY_TIMING_SCRIPT = """
var word = arguments[0], runs = arguments[1], done = arguments[arguments.length - 1], out = [];
function ready(then) { window.HandbookSearch && window.HandbookSearch.search ? then() : setTimeout(function () { ready(then); }, 10); }
function next() {
  var t0 = performance.now();
  window.HandbookSearch.search(word).then(function (result) {
    out.push([performance.now() - t0, result.elapsed]);
    if (out.length < runs) next(); else done(out);
  }, function (error) { done([[null, String(error)]]); });
}
ready(next);
"""


def median(values):
    values = sorted(v for v in values if isinstance(v, (int, float)))
    return round(values[len(values) // 2], 2) if values else None


# --------------------------------------------------------------------------
# Method 2: Python port of search-engine.js's loading decisions.
# --------------------------------------------------------------------------

def u16(s):
    """Sort key comparing as JavaScript does (UTF-16 code units)."""
    return s.encode("utf-16-be", "surrogatepass")


def file_key(key):
    out = []
    for unit in (int.from_bytes(u16(key)[i:i + 2], "big") for i in range(0, len(u16(key)), 2)):
        out.append(chr(unit) if 97 <= unit <= 122 or 48 <= unit <= 57 else "_%04x" % unit)
    return "".join(out)


def read_registration(path):
    """The arguments of `window.HandbookSearch.<fn>(...);` as a list (the files are JSON-compatible)."""
    with open(path, encoding="ascii") as f:
        text = f.read().strip()
    start, end = text.index("(") + 1, text.rindex(")")
    return json.loads("[" + text[start:end] + "]")


def _is_word_char(c, marks=True):
    cat = unicodedata.category(c)
    return cat[0] in "LN" or (marks and cat[0] == "M")


def tokenize(text):
    """WORD_PATTERN: [\\p{L}\\p{M}\\p{N}]+(?:['\u2019][\\p{L}\\p{M}\\p{N}]+)*, as [(start, end, word)]."""
    tokens, i, n = [], 0, len(text)
    while i < n:
        if not _is_word_char(text[i]):
            i += 1
            continue
        start = i
        while i < n and _is_word_char(text[i]):
            i += 1
        while i + 1 < n and text[i] in "'\u2019" and _is_word_char(text[i + 1]):
            i += 1
            while i < n and _is_word_char(text[i]):
                i += 1
        tokens.append((start, i, normalize_word(text[start:i])))
    return tokens


def normalize_word(raw):
    s = unicodedata.normalize("NFKD", raw.lower()).replace("\u2019", "'")
    s = "".join(c for c in s if c == "'" or _is_word_char(c, marks=False)).replace("\u03c2", "\u03c3")
    if len(s) >= 2 and s.endswith("'s"):
        s = s[:-2]
    s = s.replace("'", "")
    return s if s and len(u16(s)) // 2 <= 64 else None


STEP2 = {
    "a": [("ational", "ate"), ("tional", "tion")],
    "c": [("enci", "ence"), ("anci", "ance")],
    "e": [("izer", "ize")],
    "l": [("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous")],
    "o": [("ization", "ize"), ("ation", "ate"), ("ator", "ate")],
    "s": [("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous")],
    "t": [("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")],
    "g": [("logi", "log")],
}
STEP3 = {
    "e": [("icate", "ic"), ("ative", ""), ("alize", "al")],
    "i": [("iciti", "ic")],
    "l": [("ical", "ic"), ("ful", "")],
    "s": [("ness", "")],
}
STEP4 = {
    "a": ["al"], "c": ["ance", "ence"], "e": ["er"], "i": ["ic"], "l": ["able", "ible"],
    "n": ["ant", "ement", "ment", "ent"], "o": ["ion", "ou"], "s": ["ism"], "t": ["ate", "iti"],
    "u": ["ous"], "v": ["ive"], "z": ["ize"],
}


def porter_stem(word):
    """porterStem in search-engine.js, line for line (including its JavaScript index quirks)."""
    if len(word) <= 2 or not re.fullmatch(r"[a-z]+", word):
        return word
    b = list(word)
    st = {"k": len(b) - 1, "j": 0}

    def at(i):  # JavaScript: b[-1] and b[past the end] are undefined
        return b[i] if 0 <= i < len(b) else None

    def cons(i):
        c = at(i)
        if c in ("a", "e", "i", "o", "u"):
            return False
        if c == "y":
            return True if i == 0 else not cons(i - 1)
        return True

    def measure():
        j, n, i = st["j"], 0, 0
        while True:
            if i > j:
                return n
            if not cons(i):
                break
            i += 1
        i += 1
        while True:
            while True:
                if i > j:
                    return n
                if cons(i):
                    break
                i += 1
            i += 1
            n += 1
            while True:
                if i > j:
                    return n
                if not cons(i):
                    break
                i += 1
            i += 1

    def vowel_in_stem():
        return any(not cons(i) for i in range(st["j"] + 1))

    def double_consonant(i):
        return i >= 1 and at(i) == at(i - 1) and cons(i)

    def cvc(i):
        if i < 2 or not cons(i) or cons(i - 1) or not cons(i - 2):
            return False
        return at(i) not in ("w", "x", "y")

    def ends(s):
        k = st["k"]
        if len(s) > k + 1:
            return False
        for x in range(len(s)):
            if at(k - len(s) + 1 + x) != s[x]:
                return False
        st["j"] = k - len(s)
        return True

    def set_to(s):
        j = st["j"]
        for x in range(len(s)):
            pos = j + 1 + x
            if pos < len(b):
                b[pos] = s[x]
            else:
                b.extend([None] * (pos - len(b)) + [s[x]])
        st["k"] = j + len(s)

    def first_rule(rules):
        if not rules:
            return
        for suffix, replacement in rules:
            if ends(suffix):
                if measure() > 0:
                    set_to(replacement)
                return

    if at(st["k"]) == "s":
        if ends("sses"):
            st["k"] -= 2
        elif ends("ies"):
            set_to("i")
        elif at(st["k"] - 1) != "s":
            st["k"] -= 1
    if ends("eed"):
        if measure() > 0:
            st["k"] -= 1
    elif (ends("ed") or ends("ing")) and vowel_in_stem():
        st["k"] = st["j"]
        if ends("at"):
            set_to("ate")
        elif ends("bl"):
            set_to("ble")
        elif ends("iz"):
            set_to("ize")
        elif double_consonant(st["k"]):
            st["k"] -= 1
            if at(st["k"]) in ("l", "s", "z"):
                st["k"] += 1
        elif measure() == 1 and cvc(st["k"]):
            set_to("e")
    if st["k"] > 0:
        if ends("y") and vowel_in_stem():
            b[st["k"]] = "i"
        first_rule(STEP2.get(at(st["k"] - 1)))
        first_rule(STEP3.get(at(st["k"])))
        suffixes = STEP4.get(at(st["k"] - 1))
        if suffixes:
            matched = False
            for suffix in suffixes:
                if ends(suffix):
                    if suffix == "ion" and not (st["j"] >= 0 and at(st["j"]) in ("s", "t")):
                        continue
                    matched = True
                    break
            if matched and measure() > 1:
                st["k"] = st["j"]
        st["j"] = st["k"]
        if at(st["k"]) == "e":
            m = measure()
            if m > 1 or (m == 1 and not cvc(st["k"] - 1)):
                st["k"] -= 1
        if at(st["k"]) == "l" and double_consonant(st["k"]) and measure() > 1:
            st["k"] -= 1
    return "".join(c or "" for c in b[:st["k"] + 1])


DIGIT = {c: i for i, c in enumerate("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_")}


def decode_postings(text):
    ids, impacts, ident, p = [], [], 0, 0
    while p < len(text):
        value = 0
        while True:
            d = DIGIT[text[p]]
            p += 1
            if d >= 32:
                value = value * 32 + d - 32
                break
            value = value * 32 + d
        ident += value
        ids.append(ident)
        impacts.append(DIGIT[text[p]])
        p += 1
    return ids, impacts


class Port:
    def __init__(self, site):
        self.dir = os.path.join(site, "search")
        self.loaded = []          # file names, in load order
        meta = read_registration(os.path.join(self.dir, "meta.js"))[0]
        self.loaded.append("meta.js")
        # The client loads the synonym groups with the manifest, before every first query.
        if os.path.exists(os.path.join(self.dir, "synonyms.js")):
            self.loaded.append("synonyms.js")
        self.meta = meta
        self.stop = set(meta["stopWords"].split(" ")) if meta.get("stopWords") else set()
        self.shard_keys = meta["shards"]
        self.shards = {}
        self.groups = {}

    def load(self, name):
        if name not in self.loaded:
            self.loaded.append(name)
        return read_registration(os.path.join(self.dir, name))

    def shard_index(self, term):
        lo, hi, found = 0, len(self.shard_keys) - 1, -1
        while lo <= hi:
            mid = (lo + hi) >> 1
            if u16(self.shard_keys[mid]) <= u16(term):
                found, lo = mid, mid + 1
            else:
                hi = mid - 1
        return found

    def shard_at(self, index):
        if index not in self.shards:
            flat = self.load("t-%s.js" % file_key(self.shard_keys[index]))[1]
            entries = [{"term": flat[i], "tails": flat[i + 1], "documents": flat[i + 2], "postings": flat[i + 3]}
                       for i in range(0, len(flat) - 3, 4)]
            self.shards[index] = (entries, {e["term"]: e for e in entries})
        return self.shards[index]

    def find_term(self, term):
        index = self.shard_index(term)
        return None if index < 0 else self.shard_at(index)[1].get(term)

    @staticmethod
    def spellings(entry):
        out = []
        for tail in entry["tails"].split(" ") if entry["tails"] else []:
            digits = re.match(r"[0-9]*", tail).group(0)
            cut = int(digits) if digits else 0
            out.append(entry["term"][:len(entry["term"]) - cut] + tail[len(digits):])
        return out

    def parse_query(self, query):
        if '"' in query or "\u201c" in query or "\u201d" in query:
            raise ValueError("the port does not handle quoted phrases")
        tokens = [t for t in tokenize(query) if t[2]]
        only_stop = all(t[2] in self.stop for t in tokens)
        words, seen = [], set()
        for index, (_, end, word) in enumerate(tokens):
            if not only_stop and word in self.stop:
                continue
            prefix = index == len(tokens) - 1 and end == len(query) and len(word) >= 2
            key = word + ("*" if prefix else "")
            if key in seen or len(words) >= 12:
                continue
            seen.add(key)
            words.append({"word": word, "stem": porter_stem(word), "prefix": prefix})
        return words

    def prefix_matches(self, prefix):
        first = max(0, self.shard_index(prefix))
        indexes = [first]
        end = u16(prefix + "\uffff")
        i = first + 1
        while i < len(self.shard_keys) and u16(self.shard_keys[i]) < end and len(indexes) < 2:
            indexes.append(i)
            i += 1
        found = []
        for index in indexes:
            for entry in self.shard_at(index)[0]:
                if entry["term"].startswith(prefix) or (
                        entry["tails"] and prefix.startswith(entry["term"][:2]) and
                        any(s.startswith(prefix) for s in self.spellings(entry))):
                    found.append(entry)
        found.sort(key=lambda e: (-e["documents"], u16(e["term"])))
        return found[:MAX_PREFIX_EXPANSIONS]

    def typo_matches(self, word):
        wanted = []

        def files_of_keys(kind, keys, starts):
            # Keys are in file order; each file is named by its first key (Lexicons.swift).
            files, file = {}, 0
            for position, key in enumerate(keys):
                while file + 1 < len(starts) and starts[file + 1] <= position:
                    file += 1
                files[key] = "%s-%s.js" % (kind, keys[starts[file]])
            return files
        lex = files_of_keys("l", self.meta["lexicons"], self.meta["lexiconFiles"])
        skip = files_of_keys("x", self.meta["skipLexicons"], self.meta["skipLexiconFiles"])

        def want(kind, units):
            if len(u16(units)) != 4:
                return
            key = file_key(units)
            name = (lex if kind == "l" else skip).get(key)
            if name and (name, key) not in wanted:
                wanted.append((name, key))
        want("l", word[0:2])
        want("x", word[2:4])
        want("x", word[1:3])
        want("x", word[3:5])
        want("x", word[1] + word[3])
        known = set()
        for name, key in wanted:
            known.update(self.load(name)[1][key].split(" "))
        own, candidates = porter_stem(word), []
        letters = "abcdefghijklmnopqrstuvwxyz"
        variants = [word[:i] + word[i + 1:] for i in range(len(word))]
        variants += [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)]
        variants += [word[:i] + c + word[i + 1:] for i in range(len(word)) for c in letters if c != word[i]]
        variants += [word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters]
        for v in variants:
            s = porter_stem(v)
            if s != own and s in known and s not in candidates:
                candidates.append(s)
        candidates.sort(key=u16)
        return [e for e in (self.find_term(t) for t in candidates[:MAX_TYPO_CANDIDATES]) if e]

    def resolve_word(self, qw):
        matches = {}

        def add(entry, weight):
            if entry and (entry["term"] not in matches or matches[entry["term"]][1] < weight):
                matches[entry["term"]] = (entry, weight)
        add(self.find_term(qw["stem"]), 1)
        if qw["prefix"]:
            for entry in self.prefix_matches(qw["word"]):
                add(entry, PREFIX_WEIGHT)
        if not matches and len(qw["word"]) >= MIN_TYPO_LENGTH and re.fullmatch(r"[a-z]+", qw["word"]):
            entries = self.typo_matches(qw["word"])
            most = max([e["documents"] for e in entries] + [1])
            for entry in entries:
                add(entry, TYPO_WEIGHT * math.sqrt(entry["documents"] / most))
        return list(matches.values())

    def rank(self, words, resolved):
        scores, counted, capped_words = {}, 0, []
        n_docs, scale = self.meta["documents"], self.meta["impactScale"]
        for word_index, matches in enumerate(resolved):
            if not matches:
                continue
            counted += 1
            best, capped = {}, False
            for entry, weight in matches:
                ids, impacts = decode_postings(entry["postings"])
                if entry["documents"] > len(ids):
                    capped = True
                factor = math.log(1 + (n_docs - entry["documents"] + 0.5) / (entry["documents"] + 0.5)) * weight
                for ident, impact in zip(ids, impacts):
                    value = math.expm1(impact * scale) * factor
                    if not (best.get(ident, -math.inf) >= value):
                        best[ident] = value
            capped_words.append(capped)
            for ident, value in best.items():
                s = scores.setdefault(ident, {"score": 0.0, "words": 0, "capped": 0})
                s["score"] += value
                s["words"] |= 1 << word_index
                if capped:
                    s["capped"] += 1
        capped_count = sum(capped_words)
        ranked = []
        for ident, s in scores.items():
            matched = bin(s["words"]).count("1") + (capped_count - s["capped"])
            coordination = matched / counted if counted else 1
            ranked.append((ident, s["score"] * coordination * coordination))
        ranked.sort(key=lambda r: (-r[1], r[0]))
        return ranked

    def collect(self, ranked):
        capacity = self.meta["groupCapacity"]
        articles, loaded, state = [], {}, {"next": 0, "loads": 0}
        max_loads = LIMIT + 8

        def place(ident):
            g = ident // capacity
            sections, arts = loaded[g]
            i = ident - g * capacity
            if i >= len(sections):
                return
            url = arts[sections[i][0]][0]
            if url not in articles and len(articles) < LIMIT:
                articles.append(url)

        def load_group(g):
            _, packed = self.load("d-%d.js" % g)
            arts, sections = json.loads(zlib.decompress(base64.b64decode(packed), -15))
            for section in sections:
                if section[1] == 0:
                    section[1] = section[2].lower().replace(" ", "-")
            loaded[g] = (sections, arts)

        while True:
            nxt = state["next"]
            if nxt >= len(ranked) or len(articles) >= LIMIT:
                break
            wanted, seen = [], set()
            budget = max(1, min(LIMIT - len(articles), max_loads - state["loads"]))
            i = nxt
            while i < len(ranked) and len(wanted) < budget and i < nxt + 400:
                g = ranked[i][0] // capacity
                if g not in loaded and g not in seen:
                    seen.add(g)
                    wanted.append(g)
                i += 1
            state["loads"] += len(wanted)
            for g in wanted:
                load_group(g)
            while state["next"] < len(ranked) and len(articles) < LIMIT and \
                    ranked[state["next"]][0] // capacity in loaded:
                place(ranked[state["next"]][0])
                state["next"] += 1
            if state["loads"] >= max_loads and state["next"] < len(ranked) and \
                    ranked[state["next"]][0] // capacity not in loaded:
                break
        # Collection.loadContinuations: the rest of each shown article that goes on in the
        # next group (its group's last article, marked with a last 1).
        while True:
            wanted = [g + 1 for g, (_, arts) in sorted(loaded.items())
                      if arts and len(arts[-1]) > 4 and arts[-1][4] == 1 and arts[-1][0] in articles and g + 1 not in loaded]
            if not wanted:
                break
            for g in wanted:
                load_group(g)
        return articles

    def run(self, query):
        words = self.parse_query(query)
        resolved = [self.resolve_word(w) for w in words]
        ranked = self.rank(words, resolved)
        articles = self.collect(ranked)
        return {"index_files": sorted(self.loaded), "articles": articles,
                "stem": words[0]["stem"] if words else None, "sections_matching": len(ranked)}


def port_files(site, word):
    return Port(site).run(word)


# --------------------------------------------------------------------------

def have_selenium():
    try:
        import selenium  # noqa: F401
        return True
    except ImportError:
        return False


def measure(site, word, method):
    """(result dict, method used, fallback note)."""
    note = None
    if method in ("auto", "browser"):
        if have_selenium():
            try:
                return browser_files(site, word), "browser", None
            except Exception as error:  # noqa: BLE001 - any browser failure falls back
                if method == "browser":
                    raise
                note = "browser failed (%s: %s); used the Python port" % (type(error).__name__, str(error).strip()[:200])
        else:
            if method == "browser":
                raise RuntimeError("selenium is not importable by %s" % sys.executable)
            note = "selenium unavailable to %s; used the Python port" % sys.executable
    return port_files(site, word), "port", note


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    as_json = "--json" in flags
    check = "--check" in flags
    method = next((f.split("=", 1)[1] for f in flags if f.startswith("--method=")), "auto")
    if len(args) != 2 or method not in ("auto", "browser", "port"):
        sys.exit(__doc__.split("\n\n")[1])
    site, word = args

    # selenium lives in a virtualenv; `python3` in run.sh may not have it.
    if (method != "port" or check) and not have_selenium() and not os.environ.get("SEARCH_BYTES_REEXEC") \
            and os.path.exists(BROWSER_PYTHON):
        os.environ["SEARCH_BYTES_REEXEC"] = "1"
        os.execv(BROWSER_PYTHON, [BROWSER_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])

    if not os.path.exists(os.path.join(site, "search", "meta.js")):
        print(json.dumps({"word": word, "gzip_bytes": None, "note": "n/a: no search/meta.js"}) if as_json else "n/a")
        return

    if check:
        if not have_selenium():
            sys.exit("--check needs selenium (set SEARCH_BYTES_PYTHON to a Python that has it)")
        b = browser_files(site, word)
        p = port_files(site, word)
        same = b["index_files"] == p["index_files"]
        log("browser: %s" % " ".join(b["index_files"]))
        log("port:    %s" % " ".join(p["index_files"]))
        log("articles %s" % ("same" if sorted(b["articles"]) == sorted(p["articles"]) else "DIFFER"))
        log("files %s" % ("same" if same else "DIFFER"))
        sys.exit(0 if same and sorted(b["articles"]) == sorted(p["articles"]) else 1)

    result, used, note = measure(site, word, method)
    files = search_scripts(site) + ["search/" + name for name in result["index_files"]]
    out = []
    for rel in files:
        p = os.path.join(site, rel)
        if not os.path.exists(p):
            out.append({"file": rel, "bytes": 0, "note": "missing"})
            continue
        with open(p, "rb") as f:
            data = f.read()
        out.append({"file": rel, "bytes": gz_len(data), "raw": len(data)})
    total = sum(f["bytes"] for f in out)

    log("search_bytes %s %r (method: %s, stem %r, %d articles shown)"
        % (site, word, used, result.get("stem"), len(result["articles"])))
    if note:
        log("  note: " + note)
    for f in out:
        log("  %8d  %8s  %s%s" % (f["bytes"], f.get("raw", ""), f["file"], "  (missing)" if f.get("note") else ""))
    log("  %8d  total gzip" % total)

    record = {
        "word": word,
        "stem": result.get("stem"),
        "gzip_bytes": total,
        "method": used,
        "articles_shown": len(result["articles"]),
        "query_ms": result.get("query_ms"),
        "term_shards": sum(1 for n in result["index_files"] if n.startswith("t-")),
        "doc_groups": sum(1 for n in result["index_files"] if n.startswith("d-")),
        "typo_lists": sum(1 for n in result["index_files"] if n[:2] in ("l-", "x-")),
        "files": out,
    }
    if "sections_matching" in result:
        record["sections_matching"] = result["sections_matching"]
    if note:
        record["note"] = note
    print(json.dumps(record) if as_json else total)


if __name__ == "__main__":
    main()

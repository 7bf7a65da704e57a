#!/usr/bin/env python3
"""Turn bench/run.sh measurements into BENCHMARKS.md.

    python3 bench/report.py bench/out/run-<id>/results.json [--output BENCHMARKS.md]

Medians of wall time and of user+sys CPU over the runs, maximum peak RSS,
ratios and targets. Everything in one report comes from one run.sh invocation.
"""
import argparse
import os
import statistics

import json

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TOOL_LABELS = [
    ("ours", "handbook build"),
    ("hugo", "Hugo"),
    ("pagefind", "Pagefind (on Hugo's output)"),
    ("zensical", "Zensical build"),
    ("cmark", "cmark floor (libcmark, 1 process)"),
    ("cmark_cli", "cmark CLI (xargs, concatenated)"),
    ("cp", "cp -r of Hugo's output"),
]


def watch_method(record):
    """How serve found the edits: the system's notices, or polling (older runs recorded the interval alone)."""
    if "watch" in record:
        return record["watch"]
    return "polling every %d ms" % record.get("poll_interval_ms", 0)


def med(xs):
    return statistics.median(xs) if xs else None


def summarize(tool):
    runs = tool.get("runs", [])
    if not runs:
        return None
    walls = [r["wall"] for r in runs]
    cpus = [r["user"] + r["sys"] for r in runs]
    s = {
        "wall": med(walls), "wall_min": min(walls), "wall_max": max(walls),
        "cpu": med(cpus), "rss_mb": max(r["rss_kb"] for r in runs) / 1024.0, "runs": len(runs),
    }
    stages = {}
    for r in runs:
        for k, v in (r.get("timings") or {}).items():
            stages.setdefault(k, []).append(v)
    s["timings"] = {k: med(v) for k, v in stages.items()}
    s["source"] = runs[0].get("source")
    return s


def fmt_s(x):
    if x is None:
        return "n/a"
    return "%.3f" % x if x < 10 else "%.2f" % x


def fmt_bytes(b):
    if b is None:
        return "n/a"
    for unit, div in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if b >= div:
            return "%.1f %s" % (b / div, unit)
    return "%d B" % b


def fmt_x(x):
    return "n/a" if x is None else "%.2fx" % x


def verdict(value, target, op):
    if value is None:
        return "n/a"
    ok = {"ge": value >= target, "le": value <= target, "lt": value < target}[op]
    return "PASS" if ok else "FAIL"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def relevance_section(w, relevance):
    """The relevance test's figures (Tests/Browser/test_relevance.py, run by bench/run.sh)."""
    w("## Search relevance")
    w("")
    w("The handbook's own search, on the handbook built from `Content/`: the %d reader-phrased queries of"
      % next(iter(relevance.values()))["queries"])
    w("`Tests/Browser/Relevance/queries.txt` (single words, misspellings, informal phrases, questions,")
    w("synonyms), each typed into `search.html` in headless Chromium. A query counts for top-1 or top-3 when")
    w("one of the articles it names is shown there; MRR is over the first ten results.")
    w("")
    w("| Loaded from | top-1 | top-3 | MRR |")
    w("| --- | ---: | ---: | ---: |")
    for scheme, label in (("file", "`file://`"), ("http", "HTTP, under a subpath")):
        if scheme in relevance:
            r = relevance[scheme]
            w("| %s | %.1f%% | %.1f%% | %.3f |" % (label, 100 * r["top1"], 100 * r["top3"], r["mrr"]))
    w("")
    w("""What moves them: the
`search.synonyms` list in `handbook.yml` and tag aliases; word forms (Porter stems, American and
British spellings joined); a section scoring by the share of the question it matches; a title, a
heading or an article's summary that names the query's words; query words close together in a
section; and an article adding up all its matching sections (1, 1/2, 1/3 …), its sections after
the best counting by the share of the question each answers. An article is stored whole in one
group of the search index, so how it ranks does not depend on where the index's files are cut.
The synonyms list was written after seeing which queries missed, so these figures overstate what
a query nobody has tried gets. The queries still missed mostly use words the expected article
does not (for example "protecting the team from management" for an article on managing up).""")
    w("")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--output", default=os.path.join(ROOT, "BENCHMARKS.md"))
    args = ap.parse_args()
    res = json.load(open(args.results))
    meta, machine, versions, ours_info = res["meta"], res["machine"], res["versions"], res["ours"]
    sizes = sorted(res["sizes"].items(), key=lambda kv: int(kv[0]))

    S = {}  # n -> tool -> summary
    for n, data in sizes:
        tools = data.get("tools", {})
        S[n] = {k: summarize(v) for k, v in tools.items()}

    def get(n, tool, key="wall"):
        s = S.get(str(n), {}).get(tool)
        return s[key] if s else None

    def info(n, tool, key):
        return res["sizes"].get(str(n), {}).get("tools", {}).get(tool, {}).get(key)

    L = []
    w = L.append
    w("# Benchmarks")
    w("")
    w("Generated by `bench/report.py` from one run of `bench/run.sh`; do not edit by hand.")
    w("")
    w("- Command: `%s`" % meta.get("command", "?"))
    w("- Date: %s, commit `%s`, %s timed runs per tool and size (median wall time), corpus seed %s"
      % (meta.get("date", "?"), meta.get("commit", "?"), meta.get("runs", "?"), meta.get("seed", "?")))
    w("- Raw measurements: `%s/results.json`" % meta.get("run_dir", "bench/out/run-*"))
    status = ours_info.get("status", "?")
    note = ours_info.get("note_final") or ours_info.get("note") or ""
    if status != "ok":
        w("- **handbook was not measured: %s%s.** Its columns and ratios read n/a."
          % (status, (" (" + note + ")") if note else ""))
    elif note:
        w("- handbook: %s" % note)
    for n, _ in sizes:
        err = res["sizes"][n].get("tools", {}).get("ours", {}).get("error")
        if err:
            w("- **handbook failed at N=%s: %s**" % (n, err))
    w("")
    w("## Machine")
    w("")
    w("- CPU: %s; `nproc` = %s" % (machine.get("cpu", "?"), machine.get("nproc", "?")))
    w("- OS: %s, %s" % (machine.get("os", "?"), machine.get("kernel", "?")))
    w("- Load average at start / end: %s / %s" % (machine.get("loadavg_start", "?"), machine.get("loadavg_end", "?")))
    w("- Versions: %s" % "; ".join("%s: `%s`" % (k, v) for k, v in versions.items()))
    w("")
    w("```")
    w("$ free -h")
    w(machine.get("free", "?"))
    w("```")
    w("")

    # ------------------------------------------------------------ targets
    n1, n10 = "1000", "10000"
    ours1, ours10 = get(n1, "ours"), get(n10, "ours")
    floor10 = None
    cm = [x for x in (get(n10, "cmark"), get(n10, "cmark_cli")) if x is not None]
    if cm and get(n10, "cp") is not None:
        floor10 = min(cm) + get(n10, "cp")
    cp_src10 = (S.get(n10, {}).get("cp") or {}).get("source")
    rss10 = get(n10, "ours", "rss_mb")
    rows = [
        ("Hugo / handbook at 1k (wall)", fmt_x(ratio(get(n1, "hugo"), ours1)), ">= 2x",
         verdict(ratio(get(n1, "hugo"), ours1), 2, "ge")),
        ("Hugo / handbook at 10k (wall)", fmt_x(ratio(get(n10, "hugo"), ours10)), ">= 10x",
         verdict(ratio(get(n10, "hugo"), ours10), 10, "ge")),
        ("handbook / (cmark + cp of Hugo's output) at 10k", fmt_x(ratio(ours10, floor10)), "<= 3x",
         verdict(ratio(ours10, floor10), 3, "le")),
        ("handbook 10k / handbook 1k (wall)", fmt_x(ratio(ours10, ours1)), "<= 11x",
         verdict(ratio(ours10, ours1), 11, "le")),
        ("handbook peak RSS at 10k", "n/a" if rss10 is None else "%.0f MB" % rss10, "(reported; < 2 GB is the target at 100k)", ""),
    ]
    # Half of what 10,000 articles wrote when the targets were set: 393 MB in 22,038 files.
    out10 = info(n10, "ours", "output") or {}
    if out10.get("bytes") is not None:
        rows.append(("Output at 10k: bytes", fmt_bytes(out10["bytes"]), "<= 196.5 MB", verdict(out10["bytes"], 196.5e6, "le")))
        rows.append(("Output at 10k: files", "%d" % out10["files"], "<= 11019", verdict(out10["files"], 11019, "le")))
    for n in (n1, n10):
        ob = (info(n, "ours", "output") or {}).get("search_bytes")
        pb = (info(n, "pagefind", "output") or {}).get("index_bytes")
        rows.append(("Search index total at %s: handbook vs Pagefind" % ("1k" if n == n1 else "10k"),
                     "%s vs %s" % (fmt_bytes(ob), fmt_bytes(pb)), "smaller",
                     verdict(ratio(ob, pb), 1, "lt")))
        of = (info(n, "ours", "output") or {}).get("search_files")
        pf = (info(n, "pagefind", "output") or {}).get("files")
        rows.append(("Search index files at %s: handbook vs Pagefind" % ("1k" if n == n1 else "10k"),
                     "%s vs %s" % (of if of is not None else "n/a", pf if pf is not None else "n/a"), "no more",
                     verdict(ratio(of, pf), 1, "le")))
        for kind in ("common", "rare"):
            oq = (info(n, "ours", "query_" + kind) or {}).get("gzip_bytes")
            pq = (info(n, "pagefind", "query_" + kind) or {}).get("gzip_bytes")
            word = (info(n, "pagefind", "query_" + kind) or info(n, "ours", "query_" + kind) or {}).get("word", "?")
            rows.append(("One-word query bytes at %s, %s word `%s`" % ("1k" if n == n1 else "10k", kind, word),
                         "%s vs %s" % (fmt_bytes(oq), fmt_bytes(pq)), "<= 0.5x Pagefind",
                         verdict(ratio(oq, pq), 0.5, "le")))
    # Query time (headless Chromium) and serve, at the largest size measured.
    for n in (n1, n10):
        for kind in ("common", "rare"):
            q = (info(n, "ours", "query_" + kind) or {})
            times = q.get("query_ms") or {}
            if times.get("warm") is not None and n == n10:
                rows.append(("Query time at 10k, %s word `%s` (headless Chromium; first query, files loaded from disk)"
                             % (kind, q.get("word", "?")),
                             "%.1f ms (%.1f ms)" % (times["warm"], times.get("cold") or 0), "< 20 ms",
                             verdict(times["warm"], 20, "lt")))
    serve10 = info(n10, "ours", "serve_edit") or {}
    if serve10.get("rebuild_ms"):
        rows.append(("`handbook serve` at 10k: edited article rebuilt (median of %d edits; max)" % len(serve10.get("edits", [])),
                     "%.0f ms (%.0f ms)" % (serve10["rebuild_ms"]["median"], serve10["rebuild_ms"]["max"]),
                     "(reported; < 200 ms is the target at 100k)", ""))
        rows.append(("`handbook serve` at 10k: from saving the file to the new page served (%s)" % watch_method(serve10),
                     "%.0f ms (%.0f ms)" % (serve10["served_ms"]["median"], serve10["served_ms"]["max"]), "(reported)", ""))
    for n in (n1, n10):
        zr = ratio(get(n, "zensical"), get(n, "ours"))
        if zr is not None:
            rows.append(("Zensical / handbook at %s (wall)" % ("1k" if n == n1 else "10k"), fmt_x(zr),
                         "(reported)", ""))
    relevance = ours_info.get("relevance") or {}
    for scheme in ("file", "http"):
        if scheme in relevance:
            rows.append(("Search relevance, top-3 over %d reader queries (%s)" % (relevance[scheme]["queries"],
                         "file://" if scheme == "file" else "HTTP under a subpath"),
                         "%.1f%%" % (100 * relevance[scheme]["top3"]), ">= 95%", verdict(relevance[scheme]["top3"], 0.95, "ge")))
    graph10 = ((S.get(n10, {}).get("ours") or {}).get("timings") or {}).get("graph")
    if graph10 is not None:
        rows.append(("Graph stage at 10k, 150 tags (link checking, backlinks, related articles, warnings)",
                     "%.3f s" % graph10, "well under 1 s (<= 0.5 s)", verdict(graph10, 0.5, "le")))
    w("## Targets")
    w("")
    w("| Metric | Measured | Target | Result |")
    w("|---|---|---|---|")
    for r in rows:
        w("| %s |" % " | ".join(r))
    w("")
    extra = []
    for n, _ in sizes:
        hr = ratio(get(n, "hugo"), get(n, "ours"))
        hp = None
        if get(n, "hugo") is not None and get(n, "pagefind") is not None:
            hp = ratio(get(n, "hugo") + get(n, "pagefind"), get(n, "ours"))
        line = "N=%s: Hugo / handbook %s, (Hugo + Pagefind) / handbook %s" % (n, fmt_x(hr), fmt_x(hp))
        if S[n].get("zensical") or info(n, "zensical", "error"):
            line += ", Zensical / handbook %s" % fmt_x(ratio(get(n, "zensical"), get(n, "ours")))
        extra.append(line)
    w("All sizes: " + "; ".join(extra) + ".")
    if floor10 is not None:
        w("")
        w("Floor at 10k = min(cmark floor, cmark CLI) + cp = %s s (%s)."
          % (fmt_s(floor10), "cp of Hugo's output" if cp_src10 == "hugo"
             else "**cp of our output as a stand-in**, Hugo's being missing"))
    w("")

    # ------------------------------------------------------------ per size
    for n, data in sizes:
        c = data.get("corpus", {})
        w("## N = %s articles" % n)
        w("")
        if c:
            w("Corpus: %d articles in %d topics, %s words (median %d per article), %s of Markdown (avg %s), "
              "%d tags, %d links; probe words `%s` (in every article) and `%s` (in one)."
              % (c["articles"], c["topics"], format(c["words_total"], ","), c["words_median"],
                 fmt_bytes(c["article_bytes_total"]), fmt_bytes(c["article_bytes_avg"]), c["tags"],
                 c["links_total"], c["common_word"], c["rare_word"]))
            w("")
        w("| Tool | Wall median (s) | min-max | CPU user+sys (s) | Peak RSS (MB) | Output files | Output bytes | Pages/s |")
        w("|---|---|---|---|---|---|---|---|")
        for key, label in TOOL_LABELS:
            s = S[n].get(key)
            out = info(n, key, "output") or {}
            err = info(n, key, "error")
            if key == "cp" and s and s.get("source") == "ours":
                label += " (our output: stand-in)"
            if not s:
                if key == "ours":
                    why = err or note or status
                    w("| %s | n/a | | | | | | %s |" % (label, why.replace("|", "/")))
                elif err:
                    w("| %s | failed: %s | | | | | | |" % (label, err.replace("|", "/")))
                continue
            pages = out.get("html_pages")
            pps = "%.0f" % (pages / s["wall"]) if pages and s["wall"] else ""
            w("| %s | %s | %s-%s | %s | %.0f | %s | %s | %s |" % (
                label, fmt_s(s["wall"]), fmt_s(s["wall_min"]), fmt_s(s["wall_max"]), fmt_s(s["cpu"]),
                s["rss_mb"], out.get("files", ""), fmt_bytes(out["bytes"]) if "bytes" in out else "", pps))
        if S[n].get("hugo") and S[n].get("pagefind"):
            w("| Hugo + Pagefind | %s | | %s | | | | |" % (
                fmt_s(S[n]["hugo"]["wall"] + S[n]["pagefind"]["wall"]),
                fmt_s(S[n]["hugo"]["cpu"] + S[n]["pagefind"]["cpu"])))
        w("")
        loads = [r.get("load1") for t in data.get("tools", {}).values() for r in t.get("runs", [])
                 if isinstance(r.get("load1"), (int, float))]
        noisy = ["%s %s-%s s" % (label, fmt_s(S[n][key]["wall_min"]), fmt_s(S[n][key]["wall_max"]))
                 for key, label in TOOL_LABELS if S[n].get(key) and S[n][key]["wall_min"] > 0.2
                 and S[n][key]["wall_max"] > 1.5 * S[n][key]["wall_min"]]
        if loads:
            w("Noise: 1-minute load average before the timed commands %.2f-%.2f (nproc %s)%s."
              % (min(loads), max(loads), machine.get("nproc", "?"),
                 "; **runs spread more than 1.5x: %s** (the machine was busy; rerun with more RUNS on a quiet machine)"
                 % ", ".join(noisy) if noisy else ""))
            w("")
        o = S[n].get("ours")
        if o and o["timings"]:
            w("handbook stages (median s): " + ", ".join("%s %s" % (k, fmt_s(v)) for k, v in o["timings"].items()))
            w("")
        oo = info(n, "ours", "output") or {}
        po = info(n, "pagefind", "output") or {}
        w("Search index: handbook `search/` %s in %s files; Pagefind %s without its UI bundles (%s with them, %s files, %s words indexed)."
          % (fmt_bytes(oo.get("search_bytes")), oo.get("search_files") or "n/a", fmt_bytes(po.get("index_bytes")),
             fmt_bytes(po.get("bytes")), po.get("files") or "n/a", po.get("words_indexed") or "n/a"))
        zo = info(n, "zensical", "output") or {}
        if zo.get("search_bytes") is not None:
            w("")
            w("Zensical's built-in search: `search.json` %s in %s file(s), plus its search worker script %s."
              % (fmt_bytes(zo.get("search_bytes")), zo.get("search_files") or "n/a",
                 fmt_bytes(zo.get("search_worker_bytes"))))
        w("")
        w("| One-word query | handbook (gzip) | Pagefind (gzip) | + Pagefind worker | Pagefind files |")
        w("|---|---|---|---|---|")
        for kind in ("common", "rare"):
            oq = info(n, "ours", "query_" + kind) or {}
            pq = info(n, "pagefind", "query_" + kind) or {}
            word = pq.get("word") or oq.get("word") or "?"
            groups = {}
            for f in pq.get("files", []):
                name = f["file"]
                part = ("fragments" if name.startswith("fragment/") else "index chunk" if name.startswith("index/")
                        else "meta" if name.endswith(".pf_meta") else "wasm" if name.startswith("wasm.")
                        else "entry" if name.endswith("entry.json") else name)
                c, b = groups.get(part, (0, 0))
                groups[part] = (c + 1, b + f["bytes"])
            files = ", ".join("%s%s %s" % (k, " x%d" % c if c > 1 else "", fmt_bytes(b)) for k, (c, b) in groups.items())
            w("| %s `%s` (%s pages) | %s | %s | %s | %s |" % (
                kind, word, pq.get("pages_matching", "?"), fmt_bytes(oq.get("gzip_bytes")),
                fmt_bytes(pq.get("gzip_bytes")), fmt_bytes(pq.get("worker_gzip")), files))
        w("")
        times = []
        for kind in ("common", "rare"):
            q = info(n, "ours", "query_" + kind) or {}
            t = q.get("query_ms") or {}
            if t.get("warm") is not None:
                times.append("%s `%s` %.1f ms (computation %.1f ms; first query on a fresh page, loading its files, %.1f ms)"
                             % (kind, q.get("word", "?"), t["warm"], t.get("computation") or 0, t.get("cold") or 0))
        if times:
            w("handbook query time in headless Chromium, median of %s queries: %s." % (
                (info(n, "ours", "query_common") or {}).get("query_ms", {}).get("runs", "?"), "; ".join(times)))
            w("")
        sv = info(n, "ours", "serve_edit")
        if sv:
            w("`handbook serve`, %d edited articles (changes found by %s): rebuilt in %.0f ms median, %.0f ms max; "
              "new page served %.0f ms median, %.0f ms max after the file was saved; book page and search index "
              "updated in the background %.0f ms median after that." % (
                  len(sv.get("edits", [])), watch_method(sv), sv["rebuild_ms"]["median"], sv["rebuild_ms"]["max"],
                  sv["served_ms"]["median"], sv["served_ms"]["max"], sv["deferred_ms"]["median"]))
            w("")
        elif info(n, "ours", "serve_edit_error"):
            w("`handbook serve` measurement failed: %s" % info(n, "ours", "serve_edit_error"))
            w("")

    # ------------------------------------------------------------ relevance
    if relevance:
        relevance_section(w, relevance)

    # ------------------------------------------------------------ method
    w("## Method")
    w("")
    w("""- **Corpus**: `bench/gen_corpus.py N DIR --seed 42`, deterministic. English-like prose (about 45% real
  function words, the rest Zipf-distributed pseudo-words from a 4,000-word core vocabulary plus three long-tail
  words per article), 600-1,400 words per article, 3-7 `##` sections, lists, emphasis, block quotes, the odd
  fenced code block, 2-6 relative links (a quarter with `#anchors`), 2-5 tags from 150 with a Zipf spread,
  8 topics. `bench/check_corpus.py DIR/Content` validates it. The same articles go to a Hugo site.
- **handbook**: `swift build -c release --product handbook`, then
  `handbook build --content C/Content --theme Theme --config C/handbook.yml --output FRESH --timings`. The
  corpus's `handbook.yml` sets nothing, so the defaults apply, as for any folder of Markdown: the offline formats
  (EPUB, `llms.txt`, each page's Markdown), which no peer here makes, are off (`CONFIG=handbook.yml` measures
  with this handbook's settings, which turn them on).
- **Hugo**: `hugo --quiet -s C/hugo -d FRESH`. Same articles and front matter (plus `weight` = `order` and
  `topics: [<topic>]`), taxonomies `tags` and `topics`, related content on tags (weight 100) and topics (50),
  templates baseof/list/single/taxonomy/term (title, summary, body, tags, 5 related, prev/next in section),
  relative URLs, RSS, sitemap and robots.txt disabled (which only makes Hugo faster).
- **Pagefind**: `python -m pagefind --site HUGO_OUT` (pip `pagefind[bin]`), indexing only articles
  (`data-pagefind-body` on the single template's `<main>`). "Index" size excludes the optional UI bundles.
- **Zensical**: `zensical build -f C/zensical/run-<i>.toml` (pip `zensical`, pinned in `run.sh`). The project's
  `docs/` are relative symlinks to the same Markdown files (`_index.md` as `index.md`); the config is the
  generated `zensical.toml` (site name, a nav of the start page and the 8 topics, default theme and Markdown
  extensions) plus `site_dir = "site-<i>"`, since Zensical wants both folders inside the project: every run
  writes a fresh folder, and the previous run's `.cache` is moved aside so every build starts cold.
  Its search index is `search.json` (every page's text), loaded whole by its search worker.
- **cmark floor**: `bench/cmark_floor.py` renders every article with libcmark's `cmark_markdown_to_html`, one
  document per file, in one process (the `cmark` CLI concatenates its inputs into one document, and one
  process per file measures start-up). The CLI over `xargs -0` is also timed; the floor uses the faster.
- **cp**: `cp -r` of Hugo's output folder into a fresh folder, the floor's fixed reference, so that writing
  less counts (our output as a stand-in if Hugo's is missing).
- **Search bytes**: gzip -6 sizes, files already gzipped by Pagefind counted as stored.
  Pagefind (`bench/pagefind_bytes.py`): pagefind.js + entry + wasm + meta + the index chunk(s) holding the word
  (as pagefind_web's `request_indexes` selects them) + fragments of the first 5 results (BM25 over the chunk);
  the worker script 1.5 also loads is listed separately. handbook (`bench/search_bytes.py`): the files
  `search.html?q=WORD` loads to show its first 10 articles, as `HandbookSearch.loadedFiles()` reports them in
  headless Chromium (a Python port of the client's loading logic without a browser): the client's scripts
  (`search-*.<hash>.js`), `search/meta.js`, the term shard(s) of the word (the client also expands it as a
  prefix), typo word lists only when the word matches nothing, and the doc-store groups of the articles shown.
- **Query time**: `bench/search_bytes.py` in headless Chromium: after `search.html?q=WORD` has shown its
  results, `HandbookSearch.search(WORD)` is timed 9 times with `performance.now()` (its files loaded: the cost
  of each keystroke), then once on a fresh page (loading meta.js, shards and doc groups from disk).
- **serve**: `bench/serve_edit.py` runs `handbook serve` on the corpus (changes seen from the system's notices),
  appends a paragraph to 5 articles one at a time, and polls each article's URL until the new text is served; "rebuilt" is the
  server's own figure for the rebuild. Each edit is undone before the next.
- **Timing**: every run writes to a fresh folder (old trees are deleted only after all timings), runs are
  interleaved across tools, `sync` before each timed command, inputs warm in the page cache.
  `/usr/bin/time -f "%e %U %S %M"`: medians of wall and user+sys over the runs, max of peak RSS.""")
    w("")
    with open(args.output, "w") as f:
        f.write("\n".join(L))
    print(args.output)


if __name__ == "__main__":
    main()

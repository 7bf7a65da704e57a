#!/usr/bin/env python3
"""Bytes our search client downloads for a one-word query.

    python3 bench/search_bytes.py SITE WORD [--json]

SITE is a `handbook build` output folder. Prints the total gzip bytes of the
files the client fetches to answer WORD (every file gzip -6, or counted as
stored if it is already gzip), or `n/a` when the site has no search manifest
yet. --json prints a breakdown.

==========================================================================
PROVISIONAL: the search index format is still being written. Everything that
depends on it is in `files_loaded()` below; finish it when the format lands.

Assumed for now: `SITE/search/manifest` or `SITE/search/manifest.json`, JSON:
    {
      "always": ["search/search.js", "search/manifest.json", ...],
      "shards": [{"from": "a", "to": "azz", "file": "search/shard-00.bin"}, ...],
      "docs":   [{"from": 0, "to": 499, "file": "search/docs-0.bin"}, ...]   (optional)
    }
`always`: files every query loads (client code, manifest, doc table...).
`shards`: the term shard(s) whose [from, to] covers the query term.
`docs`: optional per-result metadata shards; the ones holding the first five
results are counted if the shard format lets us know them (it doesn't yet, so
the first `docs` entry is counted as a stand-in).
The client's query normalisation (case folding, stemming) must match the
engine's; until it is known the word is lower-cased only, which is why
gen_corpus.py picks probe words that stemming leaves unchanged.
==========================================================================
"""
import json
import os
import sys
import zlib


def gz_len(data):
    if data[:2] == b"\x1f\x8b":
        return len(data)
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return len(c.compress(data) + c.flush())


def files_loaded(site, word):
    """Paths (relative to SITE) the client loads for WORD; None if unknown."""
    # ---- PROVISIONAL: replace with the real client logic. ----
    for name in ("manifest.json", "manifest"):
        path = os.path.join(site, "search", name)
        if os.path.exists(path):
            break
    else:
        return None
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (ValueError, UnicodeDecodeError):
        return None
    rel_manifest = os.path.relpath(path, site)
    files = list(manifest.get("always", []))
    if rel_manifest not in files:
        files.insert(0, rel_manifest)
    term = word.lower()
    for shard in manifest.get("shards", []):
        if shard.get("from", "") <= term <= shard.get("to", "\uffff"):
            files.append(shard["file"])
            break
    if manifest.get("docs"):
        files.append(manifest["docs"][0]["file"])
    return files
    # ---- end PROVISIONAL ----


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    as_json = "--json" in sys.argv
    if len(args) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    site, word = args
    files = files_loaded(site, word)
    if files is None:
        print(json.dumps({"word": word, "gzip_bytes": None, "note": "n/a: no search manifest"}) if as_json else "n/a")
        return
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
    print(json.dumps({"word": word, "gzip_bytes": total, "files": out}) if as_json else total)


if __name__ == "__main__":
    main()

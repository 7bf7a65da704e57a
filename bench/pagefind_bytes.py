#!/usr/bin/env python3
"""Bytes a browser downloads for a one-word Pagefind query.

    python3 bench/pagefind_bytes.py PAGEFIND_DIR WORD [--json]

PAGEFIND_DIR is Pagefind's output (`<site>/pagefind`). Prints the total
compressed bytes (or a JSON breakdown with --json). Method, following what
`pagefind.js` (1.x) does for `await pagefind.search(WORD)` and then
`result.data()` on the first five results:

  1. pagefind.js                          gzip -6 of the file (served compressed)
  2. pagefind-entry.json                  gzip -6
  3. wasm.<lang>.pagefind                 as stored (Pagefind writes it gzipped)
  4. pagefind.<lang>_<hash>.pf_meta       as stored (gzipped CBOR)
  5. index/<chunk>.pf_index               as stored; the chunk(s) whose
                                          [from, to] range holds WORD, chosen as
                                          pagefind_web's request_indexes does
                                          (strict bounds first, then prefix bounds)
  6. fragment/<hash>.pf_fragment x 5      as stored; the five best pages for WORD,
                                          ranked by BM25 over the decoded chunk
                                          (term counts from the word's locations,
                                          page lengths from the meta); fragment
                                          sizes vary little, so an approximate
                                          ranking changes the total very little.

Not counted: the UI bundles (pagefind-ui.js/css etc.), and pagefind-worker.js,
which 1.5 also fetches by default when Web Workers are available; its gzip
size is reported separately as `worker_gzip` so readers can add it.
WORD should be one that stemming leaves unchanged (gen_corpus.py picks such
probe words); if the stem differs, the closest indexed prefix is used and
flagged in the JSON.
"""
import gzip
import json
import math
import os
import struct
import sys
import zlib

SIG = b"pagefind_dcd"


def gz_len(data):
    if data[:2] == b"\x1f\x8b":
        return len(data)
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return len(c.compress(data) + c.flush())


def read(path):
    with open(path, "rb") as f:
        return f.read()


def unpack(path):
    data = gzip.decompress(read(path))
    if data.startswith(SIG):
        data = data[len(SIG):]
    return data


def cbor(data):
    """Minimal CBOR decoder (definite and indefinite lengths)."""
    pos = 0
    BREAK = object()

    def uint(ai):
        nonlocal pos
        if ai < 24:
            return ai
        size = {24: 1, 25: 2, 26: 4, 27: 8}[ai]
        v = int.from_bytes(data[pos:pos + size], "big")
        pos += size
        return v

    def item():
        nonlocal pos
        ib = data[pos]
        pos += 1
        mt, ai = ib >> 5, ib & 31
        if mt == 7 and ai == 31:
            return BREAK
        if mt == 0:
            return uint(ai)
        if mt == 1:
            return -1 - uint(ai)
        if mt in (2, 3):
            if ai == 31:
                parts = []
                while True:
                    p = item()
                    if p is BREAK:
                        break
                    parts.append(p)
                return b"".join(parts) if mt == 2 else "".join(parts)
            n = uint(ai)
            raw = data[pos:pos + n]
            pos += n
            return raw if mt == 2 else raw.decode("utf-8")
        if mt == 4:
            if ai == 31:
                out = []
                while True:
                    v = item()
                    if v is BREAK:
                        return out
                    out.append(v)
            return [item() for _ in range(uint(ai))]
        if mt == 5:
            if ai == 31:
                out = {}
                while True:
                    k = item()
                    if k is BREAK:
                        return out
                    out[k] = item()
            n = uint(ai)
            return {item(): item() for _ in range(n)}
        if mt == 6:
            uint(ai)
            return item()
        if ai < 24:
            return {20: False, 21: True, 22: None}.get(ai)
        if ai == 25:
            pos += 2
            return 0.0
        if ai == 26:
            v = struct.unpack(">f", data[pos:pos + 4])[0]
            pos += 4
            return v
        if ai == 27:
            v = struct.unpack(">d", data[pos:pos + 8])[0]
            pos += 8
            return v
        return None

    return item()


def is_chunk_list(v):
    return isinstance(v, list) and v and all(
        isinstance(c, list) and len(c) >= 3 and all(isinstance(x, str) for x in c[:3]) for c in v)


def is_page_list(v):
    return isinstance(v, list) and v and all(
        isinstance(p, list) and len(p) >= 2 and isinstance(p[0], str) and isinstance(p[1], int) for p in v)


def choose_chunks(chunks, term):
    strict = [c for c in chunks if c[0] <= term <= c[1]]
    if strict:
        return strict[:1]
    out = []
    for c in chunks:
        fl, tl = min(len(term), len(c[0])), min(len(term), len(c[1]))
        if term[:fl] >= c[0][:fl] and term[:tl] <= c[1][:tl]:
            return [c]
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    as_json = "--json" in sys.argv
    pf, word = args[0], args[1].lower()
    entry_raw = read(os.path.join(pf, "pagefind-entry.json"))
    entry = json.loads(entry_raw)
    langs = entry["languages"]
    lang = "en" if "en" in langs else sorted(langs)[0]
    info = langs[lang]
    files = []

    def add(name, data, note=""):
        files.append({"file": name, "bytes": gz_len(data), "raw": len(data), **({"note": note} if note else {})})

    add("pagefind.js", read(os.path.join(pf, "pagefind.js")))
    add("pagefind-entry.json", entry_raw)
    wasm = "wasm.%s.pagefind" % info.get("wasm", "unknown")
    if not os.path.exists(os.path.join(pf, wasm)):
        wasm = "wasm.unknown.pagefind"
    add(wasm, read(os.path.join(pf, wasm)))
    meta_name = "pagefind.%s.pf_meta" % info["hash"]
    add(meta_name, read(os.path.join(pf, meta_name)))

    meta = cbor(unpack(os.path.join(pf, meta_name)))
    chunks = next(v for v in meta if is_chunk_list(v))
    pages = next(v for v in meta if is_page_list(v))
    picked = choose_chunks(chunks, word)
    postings = {}
    matched_word = None
    for c in picked:
        name = "index/%s.pf_index" % c[2]
        add(name, read(os.path.join(pf, name)))
        idx = cbor(unpack(os.path.join(pf, name)))
        words = idx[0] if isinstance(idx, list) and idx and isinstance(idx[0], list) else idx
        best = None
        for w in words:
            if not (isinstance(w, list) and w and isinstance(w[0], str)):
                continue
            if w[0] == word:
                best = w
                break
            # Stemmed form: longest indexed word that prefixes the query.
            if word.startswith(w[0]) and len(w[0]) >= max(3, len(word) - 4):
                if best is None or len(w[0]) > len(best[0]):
                    best = w
        if best:
            matched_word = best[0]
            # Page numbers are delta-encoded along the list; in `locs`,
            # negative entries are weight markers, the rest word positions.
            page = 0
            for p in best[1]:
                page += p[0]
                locs = p[1] if len(p) > 1 and isinstance(p[1], list) else []
                postings[page] = postings.get(page, 0) + max(1, sum(1 for x in locs if x >= 0))

    # BM25 (k1=1.2, b=0.75) to pick the first five results.
    avg = sum(p[1] for p in pages) / max(1, len(pages))
    n_docs, df = len(pages), len(postings)
    idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
    scored = sorted(postings, key=lambda pg: (-idf * postings[pg] * 2.2 /
                                              (postings[pg] + 1.2 * (0.25 + 0.75 * pages[pg][1] / avg)), pg))
    for pg in scored[:5]:
        name = "fragment/%s.pf_fragment" % pages[pg][0]
        add(name, read(os.path.join(pf, name)))

    worker = os.path.join(pf, "pagefind-worker.js")
    total = sum(f["bytes"] for f in files)
    out = {
        "word": word,
        "matched_word": matched_word,
        "stem_differs": matched_word is not None and matched_word != word,
        "pages_matching": df,
        "index_chunks_total": len(chunks),
        "gzip_bytes": total,
        "worker_gzip": gz_len(read(worker)) if os.path.exists(worker) else 0,
        "files": files,
    }
    if as_json:
        print(json.dumps(out))
    else:
        print(total)


if __name__ == "__main__":
    main()

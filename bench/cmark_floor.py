#!/usr/bin/env python3
"""The Markdown-rendering floor: python3 bench/cmark_floor.py CONTENT_DIR

Renders every article (`CONTENT_DIR/<topic>/*.md`, front matter stripped) to
HTML with libcmark, each file as its own document, all in ONE process, and
discards the HTML. Prints `files bytes_in bytes_out`.

Why not the `cmark` command line: `cmark a.md b.md ...` concatenates its inputs
into a single document (so front matter, link reference definitions and open
blocks leak across files), and one `cmark` process per file measures process
start-up, not rendering. Calling `cmark_markdown_to_html` (the same function
the CLI uses, same library the generator links) in a loop is the honest
"parse + render every article once" lower bound. run.sh also times
`find ... -print0 | xargs -0 cmark` (a handful of processes, concatenated
input) as a cross-check and uses the faster of the two as the floor.
"""
import ctypes
import ctypes.util
import os
import sys

CMARK_OPT_DEFAULT = 0


def load_libcmark():
    # Plain dlopen names first: ctypes.util.find_library runs `ldconfig -p`
    # in a subprocess, which would add ~0.1 s to the timing.
    for name in ("libcmark.so", "libcmark.so.0.30.2", "libcmark.dylib", None):
        if name is None:
            name = ctypes.util.find_library("cmark")
            if not name:
                break
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    sys.exit("cmark_floor: libcmark not found (Debian: apt-get install libcmark-dev)")


def main():
    root = sys.argv[1]
    lib = load_libcmark()
    render = lib.cmark_markdown_to_html
    render.restype = ctypes.c_void_p
    render.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int]
    libc = ctypes.CDLL(None)
    free = libc.free
    free.argtypes = [ctypes.c_void_p]
    strlen = libc.strlen
    strlen.restype = ctypes.c_size_t
    strlen.argtypes = [ctypes.c_void_p]

    files = bytes_in = bytes_out = 0
    for topic in sorted(os.listdir(root)):
        d = os.path.join(root, topic)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith(".md") or name == "_index.md":
                continue
            with open(os.path.join(d, name), "rb") as f:
                data = f.read()
            if data.startswith(b"---\n"):
                end = data.find(b"\n---\n", 4)
                if end >= 0:
                    data = data[end + 5:]
            ptr = render(data, len(data), CMARK_OPT_DEFAULT)
            bytes_out += strlen(ptr)
            free(ptr)
            files += 1
            bytes_in += len(data)
    print(files, bytes_in, bytes_out)


if __name__ == "__main__":
    main()

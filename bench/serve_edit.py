#!/usr/bin/env python3
"""How long `handbook serve` takes to show an edited article.

    python3 bench/serve_edit.py HANDBOOK CONTENT THEME OUTPUT [--edits 5] [--polling] [--poll-interval 20] [--config=FILE] [--json]

Starts `handbook serve` on CONTENT (writing into OUTPUT, a fresh folder), waits for
the first build, then edits articles one at a time: it appends a paragraph with a
word of its own, and polls the article's URL until the served page contains that
word. Each edit is then undone, and the next one starts once the server has
settled (the undo served, and the deferred book pages and search index written).

Reported per edit, and as median and maximum:
  served_ms   from saving the file to the server answering with the new page, as a
              reader's browser would see it: includes the time to see the change,
              at once from the system's notices, or with --polling at the next
              scan (at most --poll-interval ms)
  rebuild_ms  what the server reports for the rebuild itself ("rebuilt … in N ms"):
              the page, its tag and topic pages, and the pages whose related or
              backlink lists change; the book pages and search shards follow in
              the background ("updated book/… and the search index … in N ms")
  deferred_ms that background update
Articles are picked evenly through the corpus, in sorted path order, so every run
edits the same ones. The files are restored even when the script fails.
"""
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    options = dict(a[2:].split("=", 1) if "=" in a else (a[2:], "1") for a in sys.argv[1:] if a.startswith("--"))
    if len(args) != 4:
        sys.exit(__doc__)
    handbook, content, theme, output = args
    edits = int(options.get("edits", 5))
    poll = int(options.get("poll-interval", 20))

    articles = sorted(
        os.path.relpath(os.path.join(d, f), content)
        for d, _, files in os.walk(content) for f in files
        if f.endswith(".md") and f != "_index.md" and os.path.dirname(os.path.join(d, f)) != content
    )
    picked = [articles[(i * len(articles)) // edits + len(articles) // (2 * edits)] for i in range(edits)]

    server = subprocess.Popen(
        [handbook, "serve", "--content", content, "--theme", theme, "--output", output,
         "--port", "0", "--poll-interval", str(poll)] + (["--polling"] if "polling" in options else [])
        + (["--config", options["config"]] if "config" in options else []),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines = []
    condition = threading.Condition()

    def read():
        for line in server.stdout:
            with condition:
                lines.append(line.rstrip("\n"))
                condition.notify_all()
    threading.Thread(target=read, daemon=True).start()

    def wait_for(pattern, start, timeout):
        """The first line from index `start` on that matches, and its index."""
        deadline = time.time() + timeout
        with condition:
            while True:
                for index in range(start, len(lines)):
                    match = re.search(pattern, lines[index])
                    if match:
                        return match, index
                left = deadline - time.time()
                if left <= 0 or server.poll() is not None:
                    raise RuntimeError("serve: no line matching %r; output:\n%s" % (pattern, "\n".join(lines[-20:])))
                condition.wait(left)

    def fetch(url):
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")

    originals = {}
    results = []
    try:
        match, seen = wait_for(r"on (http://\S+?)/? \(", 0, 600)
        base = match.group(1)
        _, seen = wait_for(r"built the handbook in", seen, 600)
        for number, path in enumerate(picked):
            file = os.path.join(content, path)
            with open(file, encoding="utf-8") as f:
                originals[file] = f.read()
            url = "%s/%s" % (base, path[:-3] + ".html")
            word = "serveprobe%dx" % number
            start_line = len(lines)
            started = time.perf_counter()
            with open(file, "w", encoding="utf-8") as f:
                f.write(originals[file].rstrip("\n") + "\n\nAn edited paragraph with the word %s.\n" % word)
            while word not in fetch(url):
                if time.perf_counter() - started > 60:
                    raise RuntimeError("the edit of %s was not served within 60 s" % path)
                time.sleep(0.002)
            served = (time.perf_counter() - started) * 1000
            rebuilt, index = wait_for(r"^rebuilt \S+ in ([\d.]+) (ms|s)\b", start_line, 60)
            deferred, index = wait_for(r"^updated .* in ([\d.]+) (ms|s)\b", index, 120)
            to_ms = lambda m: float(m.group(1)) * (1000 if m.group(2) == "s" else 1)
            results.append({"article": path, "served_ms": round(served, 1),
                            "rebuild_ms": to_ms(rebuilt), "deferred_ms": to_ms(deferred)})
            # Undo, and let the server settle before the next edit.
            start_line = len(lines)
            with open(file, "w", encoding="utf-8") as f:
                f.write(originals.pop(file))
            while word in fetch(url):
                time.sleep(0.005)
            wait_for(r"^updated .* in ", start_line, 120)
    finally:
        for file, text in originals.items():
            with open(file, "w", encoding="utf-8") as f:
                f.write(text)
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()

    def summary(key):
        values = sorted(r[key] for r in results)
        return {"median": values[len(values) // 2], "max": values[-1]}
    record = {"edits": results, "watch": "polling every %d ms" % poll if "polling" in options else "notices",
              "served_ms": summary("served_ms"), "rebuild_ms": summary("rebuild_ms"), "deferred_ms": summary("deferred_ms")}
    if "json" in options:
        print(json.dumps(record))
    else:
        for r in results:
            print("%-60s served %7.1f ms  rebuild %6.1f ms  deferred %7.1f ms" % (r["article"], r["served_ms"], r["rebuild_ms"], r["deferred_ms"]))
        print("median: served %.1f ms, rebuild %.1f ms" % (record["served_ms"]["median"], record["rebuild_ms"]["median"]))


if __name__ == "__main__":
    main()

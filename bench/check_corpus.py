#!/usr/bin/env python3
"""Sanity-check a generated corpus: python3 bench/check_corpus.py OUT_DIR/Content

Verifies what the generator promises (so `handbook build` should report no
errors): front matter fields, one-sentence summaries, unique titles and slugs,
declared tags (and every declared tag used), relative links that resolve, and
`#anchors` that name a real heading (GitHub-style slug). Prints a summary with
word-count / size / tag-frequency distributions.
"""
import os
import re
import statistics
import sys

FM = re.compile(r"\A---\n(.*?)\n---\n", re.S)
LINK = re.compile(r"\]\(([^)\s]+)\)")
HEAD = re.compile(r"^(#{1,6}) +(.+?) *$", re.M)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def heading_slug(text):
    s = re.sub(r"[*`_\[\]]", "", text).strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def parse(path):
    text = open(path, encoding="utf-8").read()
    m = FM.match(text)
    if not m:
        return None, text
    fm = {}
    for line in m.group(1).splitlines():
        k, _, v = line.partition(": ")
        fm[k] = v
    return fm, text[m.end():]


def main():
    root = sys.argv[1]
    errors = []
    tags_decl = {}
    for line in open(os.path.join(root, "tags.yml"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        k, _, v = line.rstrip("\n").partition(": ")
        tags_decl[k] = v
    anchors = {}
    arts = {}
    for topic in sorted(os.listdir(root)):
        d = os.path.join(root, topic)
        if not os.path.isdir(d):
            continue
        fm, _ = parse(os.path.join(d, "_index.md"))
        if not fm or not {"title", "description", "order"} <= fm.keys():
            errors.append("%s/_index.md: bad front matter" % topic)
        for f in sorted(os.listdir(d)):
            if not f.endswith(".md") or f == "_index.md":
                continue
            p = os.path.join(d, f)
            fm, body = parse(p)
            if not fm or not {"title", "summary", "tags", "order"} <= fm.keys():
                errors.append("%s: bad front matter" % p)
                continue
            if not SLUG.match(f[:-3]):
                errors.append("%s: bad slug" % p)
            s = fm["summary"]
            if not s.endswith(".") or s[:-1].count(".") or "?" in s:
                errors.append("%s: summary not one sentence" % p)
            arts[os.path.normpath(p)] = (fm, body)
            anchors[os.path.normpath(p)] = {heading_slug(h) for _, h in HEAD.findall(body)}
    titles = [fm["title"] for fm, _ in arts.values()]
    if len(set(titles)) != len(titles):
        errors.append("duplicate titles")
    used = {}
    linked = set()
    words, sizes, heads, nlinks = [], [], [], []
    for p, (fm, body) in arts.items():
        tags = [t.strip() for t in fm["tags"].strip("[]").split(",")]
        if not 2 <= len(tags) <= 5:
            errors.append("%s: %d tags" % (p, len(tags)))
        for t in tags:
            if t not in tags_decl:
                errors.append("%s: undeclared tag %s" % (p, t))
            used[t] = used.get(t, 0) + 1
        links = [l for l in LINK.findall(body)]
        nlinks.append(len(links))
        for l in links:
            target, _, anchor = l.partition("#")
            tp = os.path.normpath(os.path.join(os.path.dirname(p), target))
            if tp != p:
                linked.add(tp)
            if tp not in arts:
                errors.append("%s: broken link %s" % (p, l))
            elif anchor and anchor not in anchors[tp]:
                errors.append("%s: broken anchor %s" % (p, l))
        words.append(len(body.split()))
        sizes.append(os.path.getsize(p))
        heads.append(len(re.findall(r"^## ", body, re.M)))
    orphans = [p for p in arts if p not in linked]
    if orphans:
        errors.append("orphans (no article links here): %d, e.g. %s" % (len(orphans), orphans[0]))
    unused = set(tags_decl) - set(used)
    if unused:
        errors.append("declared but unused tags: %d" % len(unused))
    freq = sorted(used.values(), reverse=True)

    def dist(xs):
        return "min %d median %d mean %.0f max %d" % (min(xs), statistics.median(xs), statistics.mean(xs), max(xs))
    print("articles %d, tags %d" % (len(arts), len(tags_decl)))
    print("words per article: " + dist(words))
    print("bytes per article: " + dist(sizes))
    print("## headings per article: " + dist(heads))
    print("links per article: " + dist(nlinks))
    print("tag uses by rank 1,2,4,8,16,32,64,128,last: " +
          " ".join(str(freq[i]) for i in (0, 1, 3, 7, 15, 31, 63, 127) if i < len(freq)) + " " + str(freq[-1]))
    for e in errors[:20]:
        print("ERROR", e)
    print("%d errors" % len(errors))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

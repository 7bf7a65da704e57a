#!/usr/bin/env python3
"""Generate a synthetic knowledge base for benchmarking `handbook` against Hugo.

    python3 bench/gen_corpus.py N OUT_DIR [--seed 42]

Writes (Python 3 standard library only, byte-for-byte deterministic per seed):

  OUT_DIR/Content/            the handbook content format
      tags.yml                every tag used, one-line description each
      _index.md               start page (title, description, body)
      <topic>/_index.md       8 topics (title, description, order, body)
      <topic>/<slug>.md       N articles (title, summary, tags, order, body)
  OUT_DIR/hugo/               a Hugo site with the same articles
      hugo.toml, layouts/_default/{baseof,list,single,taxonomy,term}.html,
      content/<topic>/<slug>.md (same front matter plus `weight` and `topics`),
      content/tags/<tag>/_index.md (the tag's description)
  OUT_DIR/zensical/           a Zensical project with the same articles
      zensical.toml (site name, nav listing the start page and the 8 topics),
      docs/index.md, docs/<topic>/index.md, docs/<topic>/<slug>.md: relative
      symlinks to the files in OUT_DIR/Content (Zensical ignores the front
      matter keys it does not know, and the relative links resolve as is)
  OUT_DIR/corpus.json         statistics, plus the search probe words
                              (`common_word`: in every article,
                               `rare_word`: in exactly one article)

The prose is English-like: roughly 45% of tokens are real English function
words, the rest are drawn with a Zipf (Zipf-Mandelbrot, s=1) distribution from
a core vocabulary of 4,000 pronounceable pseudo-words. Each article also
carries three "long-tail" words (names, jargon) from a pool of 3*N words, so
the vocabulary keeps growing with N the way real corpora do (Heaps' law) and
rare words exist at every N. Articles are 600-1,400 words (triangular, mode
1,000), about 6 KB on disk, with 3-7 `##` sections, the odd `###`, lists,
emphasis, inline code, block quotes, an occasional fenced code block and 2-6
relative links to other articles (about a quarter with an `#anchor` to a real
heading in the target; every article has at least one incoming link, so the
generator's orphan warning stays quiet). Tags: a vocabulary of 150, 2-5 per article, Zipf
spread, every tag used at least once.
"""

import argparse
import bisect
import itertools
import json
import os
import random
import re
import sys

# --------------------------------------------------------------------------
# Vocabulary

FUNCTION_WORDS = """
the of and to a in is that for it as with was on be by this are not or at from
have an but they which you one were all we there can has more their if will
would about so been what when who them some other into only its than then do
also these could may should our how any most over such even after those just
where much before through both each between many while under very well because
same still own never often without every again against few however since
during us among might yet around across upon whether both less within rather
""".split()

TOPICS = [
    ("foundations", "Foundations", "The ideas every other section builds on, stated plainly."),
    ("practices", "Practices", "Concrete, repeatable habits that a team needs from its leader."),
    ("pitfalls", "Pitfalls", "The predictable ways capable people stumble, and how to climb out."),
    ("paths", "Paths", "Career tracks, transitions and the roles in between."),
    ("teams", "Teams", "How groups of people form, work together and stay healthy."),
    ("strategy", "Strategy", "Choosing what to do, what not to do, and explaining why."),
    ("operations", "Operations", "Running the day to day without letting it run you."),
    ("culture", "Culture", "The norms a group lives by, written down or not."),
]
TOPIC_WEIGHTS = [18, 16, 14, 13, 11, 10, 9, 9]

ONSETS = ["b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k",
          "l", "m", "n", "p", "pl", "pr", "qu", "r", "s", "sh", "sk", "sl", "st", "t",
          "th", "tr", "v", "w", "z", ""]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "ee", "oa", "y"]
CODAS = ["", "", "", "n", "r", "l", "s", "t", "m", "nd", "rk", "st", "ck", "ng", "p",
         "b", "k", "x", "th", "ft"]
# Endings that English stemmers (Porter/Snowball, Pagefind's) leave alone.
STEM_SAFE = re.compile(r"(?:[aeiou])(?:b|k|p|x|ft|rk)$")
STEMMY = re.compile(r"(?:s|e|y|ed|ing|ly|er|al|ic|ion|ity|ive|ize|ate|ous|ful|ness|ment|ent|ant|ism|ist)$")

CORE_VOCAB = 4000
TAG_VOCAB = 150


def make_word(rng, syllables):
    w = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables))
    return w + rng.choice(CODAS)


def build_vocab(rng, size, taken, min_syl=1, max_syl=3):
    """Unique pronounceable pseudo-words, frequent (early) ones shorter."""
    out = []
    while len(out) < size:
        # Zipf's law of abbreviation: early ranks get fewer syllables.
        frac = len(out) / size
        hi = min_syl + int(round((max_syl - min_syl) * min(1.0, frac * 2.5)))
        w = make_word(rng, rng.randint(min_syl, max(min_syl, hi)))
        if len(w) < 3 or len(w) > 14 or w in taken:
            continue
        taken.add(w)
        out.append(w)
    return out


def zipf_cum(n, s=1.0, q=2.7):
    acc, cum = 0.0, []
    for r in range(n):
        acc += 1.0 / (r + 1 + q) ** s
        cum.append(acc)
    return cum


# --------------------------------------------------------------------------
# Text

def heading_slug(text):
    """GitHub-style heading anchor."""
    s = text.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def slugify(words):
    return "-".join(re.sub(r"[^a-z0-9]", "", w.lower()) for w in words)


class Prose:
    def __init__(self, rng, core, tail_cum_unused=None):
        self.rng = rng
        self.core = core
        self.core_cum = zipf_cum(len(core))
        self.fn_cum = zipf_cum(len(FUNCTION_WORDS), s=1.1, q=1.0)

    def tokens(self, k):
        rng = self.rng
        is_fn = [rng.random() < 0.45 for _ in range(k)]
        nf = sum(is_fn)
        fn = rng.choices(FUNCTION_WORDS, cum_weights=self.fn_cum, k=nf)
        ct = rng.choices(self.core, cum_weights=self.core_cum, k=k - nf)
        fi = ci = 0
        out = []
        for f in is_fn:
            if f:
                out.append(fn[fi]); fi += 1
            else:
                out.append(ct[ci]); ci += 1
        return out

    def content_words(self, k, lo=15, hi=2500):
        # Mid-frequency content words, for titles and headings.
        return [self.core[self.rng.randint(lo, hi)] for _ in range(k)]

    def sentence(self, lo=8, hi=24, markup=True, extra=None):
        rng = self.rng
        words = self.tokens(rng.randint(lo, hi))
        if extra:
            for w in extra:
                words.insert(rng.randint(1, len(words)), w)
        if markup:
            r = rng.random()
            if r < 0.10:
                i = rng.randrange(1, len(words))
                words[i] = "*" + words[i] + "*"
            elif r < 0.16 and len(words) > 4:
                i = rng.randrange(1, len(words) - 2)
                words[i] = "**" + words[i]
                words[i + 1] = words[i + 1] + "**"
            elif r < 0.19:
                i = rng.randrange(1, len(words))
                words[i] = "`" + words[i] + "_" + rng.choice(self.core[:800]) + "()`"
        if len(words) > 10 and rng.random() < 0.5:
            i = rng.randint(3, len(words) - 4)
            if not words[i].endswith(("*", "`")):
                words[i] += ","
        words[0] = words[0][0].upper() + words[0][1:] if words[0][0] != "*" and words[0][0] != "`" else words[0]
        end = "?" if rng.random() < 0.06 else "."
        return " ".join(words) + end


def count_words(text):
    return len(text.split())


# --------------------------------------------------------------------------
# Corpus plan

class Article:
    __slots__ = ("idx", "topic", "slug", "title", "summary", "tags", "order",
                 "headings", "target_words", "links", "tail", "body", "words")


def plan(n, seed):
    rng = random.Random(seed)
    taken = set(FUNCTION_WORDS) | {t[0] for t in TOPICS}
    core = build_vocab(rng, CORE_VOCAB, taken, 1, 3)
    # Put a stemming-invariant word at rank 0: the "in every article" probe.
    for i, w in enumerate(core[:60]):
        if STEM_SAFE.search(w):
            core.insert(0, core.pop(i))
            break
    tail = build_vocab(rng, max(3 * n, 300), taken, 2, 4)

    ntags = min(TAG_VOCAB, max(4, n * 2))
    tag_names = []
    seen = set()
    while len(tag_names) < ntags:
        if rng.random() < 0.55:
            t = rng.choice(core[20:1500]) + "-" + rng.choice(core[20:2500])
        else:
            t = rng.choice(core[100:3000])
        t = re.sub(r"[^a-z0-9-]", "", t)
        if t in seen or t in taken:
            continue
        seen.add(t)
        tag_names.append(t)
    tag_cum = zipf_cum(ntags, s=1.0, q=1.0)

    prose = Prose(rng, core)
    topic_cum = list(itertools.accumulate(TOPIC_WEIGHTS))

    arts = []
    slugs, titles = set(), set()
    per_topic = {t[0]: [] for t in TOPICS}
    tail_i = 0
    tail_order = list(range(len(tail)))
    rng.shuffle(tail_order)
    for i in range(n):
        a = Article()
        a.idx = i
        a.topic = TOPICS[bisect.bisect_right(topic_cum, rng.random() * topic_cum[-1])][0] if i >= len(TOPICS) else TOPICS[i][0]
        while True:
            k = rng.randint(3, 6)
            ws = prose.content_words(k)
            if rng.random() < 0.4 and k > 3:
                ws.insert(rng.randint(1, k - 1), rng.choice(["and", "of", "for", "with", "in", "over"]))
            slug = slugify(ws)
            if slug not in slugs and len(slug) <= 80:
                break
        slugs.add(slug)
        a.slug = slug
        title = " ".join(ws)
        a.title = title[0].upper() + title[1:]
        assert a.title not in titles
        titles.add(a.title)
        s = prose.sentence(10, 22, markup=False)
        a.summary = s.replace(",", "").rstrip(".?") + "."
        k = rng.choices([2, 3, 4, 5], weights=[25, 35, 25, 15])[0]
        tags = []
        while len(tags) < k:
            t = tag_names[bisect.bisect_right(tag_cum, rng.random() * tag_cum[-1])]
            if t not in tags:
                tags.append(t)
        a.tags = tags
        nsec = rng.randint(3, 7)
        heads = []
        hs = set()
        while len(heads) < nsec:
            h = prose.content_words(rng.randint(2, 5), 10, 3000)
            if rng.random() < 0.5:
                h.insert(rng.randint(1, len(h) - 1), rng.choice(["the", "and", "of", "for", "without"]))
            text = " ".join(h)
            text = text[0].upper() + text[1:]
            if heading_slug(text) in hs:
                continue
            hs.add(heading_slug(text))
            heads.append(text)
        a.headings = heads
        a.target_words = int(rng.triangular(600, 1400, 1000))
        a.tail = [tail[tail_order[(tail_i + j) % len(tail)]] for j in range(3)]
        tail_i += 3
        a.links = []
        per_topic[a.topic].append(a)
        arts.append(a)

    # Every tag used at least once.
    used = {}
    for a in arts:
        for t in a.tags:
            used[t] = used.get(t, 0) + 1
    for t in tag_names:
        if t in used:
            continue
        for _ in range(1000):
            a = arts[rng.randrange(n)]
            if len(a.tags) < 5 and t not in a.tags:
                a.tags.append(t)
                used[t] = 1
                break
        else:
            # Tiny corpus: replace a tag whose count is > 1.
            for a in arts:
                for j, u in enumerate(a.tags):
                    if used[u] > 1 and t not in a.tags:
                        used[u] -= 1
                        a.tags[j] = t
                        used[t] = 1
                        break
                if t in used:
                    break
    tag_names = [t for t in tag_names if t in used]

    # Order within topic.
    for t, lst in per_topic.items():
        for j, a in enumerate(lst):
            a.order = j + 1

    # Links: 2-6, ~60% same topic, popularity skewed (Zipf over a shuffled order).
    pop = list(range(n))
    rng.shuffle(pop)
    pop_cum = zipf_cum(n, s=0.8, q=5.0)
    for a in arts:
        k = rng.randint(2, 6)
        targets = []
        tries = 0
        while len(targets) < k and tries < 100 and n > 1:
            tries += 1
            if rng.random() < 0.6 and len(per_topic[a.topic]) > 1:
                b = rng.choice(per_topic[a.topic])
            else:
                b = arts[pop[bisect.bisect_right(pop_cum, rng.random() * pop_cum[-1])]]
            if b is a or b in targets:
                continue
            targets.append(b)
        a.links = targets

    # No orphans (the generator warns about articles nothing links to): give
    # each one an incoming link from another article, same topic if possible.
    incoming = {}
    for a in arts:
        for b in a.links:
            incoming[b.idx] = incoming.get(b.idx, 0) + 1
    for b in arts:
        if incoming.get(b.idx) or n < 2:
            continue
        pool = per_topic[b.topic] if len(per_topic[b.topic]) > 1 else arts
        for _ in range(200):
            a = rng.choice(pool)
            if a is b or b in a.links:
                continue
            if len(a.links) < 6:
                a.links.append(b)
                break
            j = next((j for j, t in enumerate(a.links) if incoming[t.idx] > 1), None)
            if j is not None:
                incoming[a.links[j].idx] -= 1
                a.links[j] = b
                break
        incoming[b.idx] = 1

    tag_desc = {}
    for t in tag_names:
        tag_desc[t] = prose.sentence(6, 14, markup=False).replace(",", "").rstrip(".?") + "."
    return rng, prose, core, tail, tag_names, tag_desc, arts, per_topic


def rel_link(src, dst):
    if src.topic == dst.topic:
        return dst.slug + ".md"
    return "../%s/%s.md" % (dst.topic, dst.slug)


def write_body(rng, prose, a, common_word):
    """Markdown body; returns (text, word_count)."""
    out = []
    words = 0
    link_md = []
    for b in a.links:
        text = b.title[0].lower() + b.title[1:] if rng.random() < 0.5 else rng.choice(
            ["this article", "the notes on " + b.title.split()[0].lower(), b.title])
        href = rel_link(a, b)
        if rng.random() < 0.25:
            href += "#" + heading_slug(rng.choice(b.headings))
        link_md.append("[%s](%s)" % (text, href))
    # Spread links, tail words and the common probe word over paragraphs.
    extras = list(a.tail) + [common_word]

    nsec = len(a.headings)
    budget = a.target_words
    per_block = budget / (nsec + 0.6)
    has_code = rng.random() < 0.12
    code_sec = rng.randrange(nsec)
    quote_secs = {rng.randrange(nsec)} if rng.random() < 0.45 else set()
    plan_paras = []

    def paragraph(target):
        nonlocal words
        sents = []
        w = 0
        while w < target:
            ex = None
            if extras and rng.random() < 0.35:
                ex = [extras.pop()]
            s = prose.sentence(extra=ex)
            if link_md and rng.random() < 0.22:
                s = s[:-1] + ", as " + rng.choice(["described in", "argued in", "shown in", "covered by"]) + " " + link_md.pop() + "."
            sents.append(s)
            w += count_words(s)
        words += w
        return " ".join(sents)

    # Intro.
    for _ in range(rng.randint(1, 2)):
        out.append(paragraph(per_block * 0.6 / 1.5))
        out.append("")
    for si, h in enumerate(a.headings):
        out.append("## " + h)
        out.append("")
        sec_target = per_block
        used = 0
        nparas = rng.randint(1, 3)
        for pi in range(nparas):
            p = paragraph(max(25, (sec_target * 0.75) / nparas))
            used += count_words(p)
            out.append(p)
            out.append("")
            if pi == 0 and rng.random() < 0.35:
                ordered = rng.random() < 0.35
                for li in range(rng.randint(3, 6)):
                    item = prose.sentence(4, 14)
                    if rng.random() < 0.3:
                        item = "**" + " ".join(prose.tokens(2)).capitalize() + "**: " + item
                    bullet = "%d." % (li + 1) if ordered else "-"
                    out.append(bullet + " " + item)
                    words += count_words(item)
                out.append("")
            if si in quote_secs and pi == 0:
                q = prose.sentence(10, 26)
                out.append("> " + q)
                out.append("")
                words += count_words(q)
        if si == code_sec and has_code:
            lang = rng.choice(["swift", "yaml", "text", "sh", ""])
            out.append("```" + lang)
            for _ in range(rng.randint(3, 10)):
                toks = prose.tokens(rng.randint(2, 6))
                out.append("    " * rng.randint(0, 2) + "_".join(toks[:2]) + " = " + " ".join(toks[2:]))
            out.append("```")
            out.append("")
        if rng.random() < 0.15:
            out.append("### " + rng.choice(["A worked example", "In practice", "Why it matters", "Common objections", "Signs to watch for"]))
            out.append("")
            out.append(paragraph(sec_target * 0.25))
            out.append("")
    # Anything not yet placed goes into a closing paragraph.
    if extras or link_md:
        tail_sents = []
        if extras:
            tail_sents.append(prose.sentence(extra=extras))
        for lm in link_md:
            tail_sents.append("See also " + lm + ".")
        out.append(" ".join(tail_sents))
        out.append("")
        words += sum(count_words(s) for s in tail_sents)
    text = "\n".join(out)
    # The "###" titles above may repeat within an article; GitHub-style
    # anchors would then get -1 suffixes, but links only target `##` ones,
    # which are unique and never collide with the fixed `###` titles.
    return text, words


def front_matter(a, hugo=False):
    lines = ["---", "title: " + a.title, "summary: " + a.summary,
             "tags: [" + ", ".join(a.tags) + "]", "order: %d" % a.order]
    if hugo:
        lines.append("weight: %d" % a.order)
        lines.append("topics: [%s]" % a.topic)
    lines.append("---")
    return "\n".join(lines) + "\n\n"


HUGO_TOML = """\
# Generated by bench/gen_corpus.py: Hugo equivalent of the handbook corpus.
baseURL = "/"
relativeURLs = true
languageCode = "en"
title = "Handbook benchmark corpus"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
enableRobotsTXT = false

[taxonomies]
  tag = "tags"
  topic = "topics"

[related]
  includeNewer = true
  threshold = 1
  toLower = false
  [[related.indices]]
    name = "tags"
    weight = 100
  [[related.indices]]
    name = "topics"
    weight = 50

[markup.goldmark.renderer]
  unsafe = false
"""

LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
{{ block "main" . }}{{ end }}
</body>
</html>
""",
    "list.html": """\
{{ define "main" }}
<main>
<h1>{{ .Title }}</h1>
{{ with .Description }}<p>{{ . }}</p>{{ end }}
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }} {{ . }}{{ end }}</li>
{{ end }}</ul>
</main>
{{ end }}
""",
    "single.html": """\
{{ define "main" }}
<main data-pagefind-body>
<h1>{{ .Title }}</h1>
<p class="summary">{{ .Params.summary }}</p>
{{ .Content }}
</main>
<aside>
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ $related := .Site.RegularPages.Related . | first 5 }}
{{ with $related }}<h2>Related</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
<nav>
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
</aside>
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<main>
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
</main>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}
<main>
<h1>{{ .Title }}</h1>
{{ with .Params.description }}<p>{{ . }}</p>{{ end }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>
{{ end }}</ul>
</main>
{{ end }}
""",
}


ZENSICAL_TOML = """\
# Generated by bench/gen_corpus.py: Zensical project over the handbook corpus.
# docs/ holds relative symlinks to ../Content; run.sh adds site_dir per run.
[project]
site_name = "Benchmark handbook"
docs_dir = "docs"
nav = [
%s]
"""


def write_zensical(zdir, arts):
    """Zensical project whose docs/ are relative symlinks to the Content files:
    `_index.md` becomes `index.md` (the section's page), articles keep their
    names, so the Markdown is the very same bytes handbook and Hugo read."""
    docs = os.path.join(zdir, "docs")

    def link(src_rel, dst):
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.lexists(dst):
            os.remove(dst)
        os.symlink(src_rel, dst)

    link(os.path.join("..", "..", "Content", "_index.md"), os.path.join(docs, "index.md"))
    for t, _, _ in TOPICS:
        link(os.path.join("..", "..", "..", "Content", t, "_index.md"), os.path.join(docs, t, "index.md"))
    for a in arts:
        link(os.path.join("..", "..", "..", "Content", a.topic, a.slug + ".md"),
             os.path.join(docs, a.topic, a.slug + ".md"))
    nav = ['  { "Benchmark handbook" = "index.md" },\n']
    nav += ['  { "%s" = "%s/index.md" },\n' % (title, t) for t, title, _ in TOPICS]
    write(os.path.join(zdir, "zensical.toml"), ZENSICAL_TOML % "".join(nav))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-hugo", action="store_true", help="skip the Hugo mirror")
    ap.add_argument("--no-zensical", action="store_true", help="skip the Zensical project")
    args = ap.parse_args()
    if args.n < 2:
        sys.exit("N must be at least 2")

    rng, prose, core, tail, tag_names, tag_desc, arts, per_topic = plan(args.n, args.seed)
    common_word = core[0]
    out = args.out_dir
    content = os.path.join(out, "Content")
    hugo = os.path.join(out, "hugo")

    # tags.yml
    lines = ["# Generated by bench/gen_corpus.py (N=%d, seed=%d)." % (args.n, args.seed)]
    for t in sorted(tag_names):
        lines.append("%s: %s" % (t, tag_desc[t]))
    write(os.path.join(content, "tags.yml"), "\n".join(lines) + "\n")

    # Start page and topics.
    first = {t: lst[0] for t, lst in per_topic.items() if lst}
    home_body = [prose.sentence(12, 22) + " " + prose.sentence(12, 22), ""]
    for t, title, desc in TOPICS:
        if t in first:
            home_body.append("- [%s](%s/%s.md): %s" % (title, t, first[t].slug, desc))
    home_body.append("")
    home_fm = "---\ntitle: Benchmark handbook\ndescription: A synthetic knowledge base of %d articles.\n---\n\n" % args.n
    write(os.path.join(content, "_index.md"), home_fm + "\n".join(home_body))
    if not args.no_hugo:
        write(os.path.join(hugo, "content", "_index.md"), home_fm + "\n".join(home_body))

    for order, (t, title, desc) in enumerate(TOPICS, 1):
        lst = per_topic[t]
        body = [" ".join(prose.sentence() for _ in range(4)), ""]
        if lst:
            picks = lst[:3]
            body.append("Start with " + ", ".join("[%s](%s.md)" % (p.title[0].lower() + p.title[1:], p.slug) for p in picks) + ".")
            body.append("")
        body.append(" ".join(prose.sentence() for _ in range(3)))
        fm = "---\ntitle: %s\ndescription: %s\norder: %d\n---\n\n" % (title, desc, order)
        write(os.path.join(content, t, "_index.md"), fm + "\n".join(body) + "\n")
        if not args.no_hugo:
            hfm = "---\ntitle: %s\ndescription: %s\norder: %d\nweight: %d\n---\n\n" % (title, desc, order, order)
            write(os.path.join(hugo, "content", t, "_index.md"), hfm + "\n".join(body) + "\n")

    # Articles.
    total_words = total_bytes = 0
    df = {}
    word_re = re.compile(r"[a-z]+")
    tail_set = set(tail)
    rare_df = {}
    for a in arts:
        # Keep every article within 600-1,400 words: regenerate (deterministically)
        # with a nudged target when lists, quotes and code overshoot or undershoot.
        target = a.target_words
        for _ in range(20):
            body, nwords = write_body(rng, prose, a, common_word)
            if 600 <= count_words(body) <= 1400:
                break
            a.target_words = max(600, min(1400, a.target_words + (target - count_words(body)) // 2))
        doc = front_matter(a) + body
        write(os.path.join(content, a.topic, a.slug + ".md"), doc)
        if not args.no_hugo:
            write(os.path.join(hugo, "content", a.topic, a.slug + ".md"), front_matter(a, hugo=True) + body)
        total_words += count_words(body)
        total_bytes += len(doc.encode("utf-8"))
        a.words = count_words(body)
        toks = set(word_re.findall(doc.lower()))
        if common_word in toks:
            df[common_word] = df.get(common_word, 0) + 1
        for w in toks & tail_set:
            rare_df[w] = rare_df.get(w, 0) + 1

    if not args.no_hugo:
        write(os.path.join(hugo, "hugo.toml"), HUGO_TOML)
        for name, text in LAYOUTS.items():
            write(os.path.join(hugo, "layouts", "_default", name), text)
        for t in tag_names:
            write(os.path.join(hugo, "content", "tags", t, "_index.md"),
                  "---\ntitle: %s\ndescription: %s\n---\n" % (t, tag_desc[t]))

    if not args.no_zensical:
        write_zensical(os.path.join(out, "zensical"), arts)

    # Probe words for the search-bytes benchmark.
    rare_candidates = sorted(w for w, c in rare_df.items() if c == 1 and STEM_SAFE.search(w))
    if not rare_candidates:
        rare_candidates = sorted(w for w, c in rare_df.items() if c == 1 and not STEMMY.search(w))
    if not rare_candidates:
        rare_candidates = sorted(w for w, c in rare_df.items() if c == 1)
    rare_word = rare_candidates[len(rare_candidates) // 2] if rare_candidates else None
    tag_count = {}
    for a in arts:
        for t in a.tags:
            tag_count[t] = tag_count.get(t, 0) + 1
    counts = sorted(tag_count.values(), reverse=True)
    wc = sorted(a.words for a in arts)
    stats = {
        "n": args.n,
        "seed": args.seed,
        "articles": len(arts),
        "topics": len(TOPICS),
        "tags": len(tag_names),
        "words_total": total_words,
        "words_min": wc[0], "words_median": wc[len(wc) // 2], "words_max": wc[-1],
        "article_bytes_total": total_bytes,
        "article_bytes_avg": round(total_bytes / len(arts)),
        "links_total": sum(len(a.links) for a in arts),
        "tag_uses_top5": counts[:5],
        "tag_uses_bottom5": counts[-5:],
        "common_word": common_word,
        "common_word_df": df.get(common_word, 0),
        "rare_word": rare_word,
    }
    assert stats["common_word_df"] == len(arts), "common probe word missing from some article"
    write(os.path.join(out, "corpus.json"), json.dumps(stats, indent=2) + "\n")
    print(json.dumps(stats))


if __name__ == "__main__":
    main()

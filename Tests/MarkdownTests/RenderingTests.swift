import Foundation
import Testing
@testable import Markdown

/// Examples from the CommonMark spec (0.30), rendered without smart punctuation and
/// without headings, so cmark's output must match the spec's byte for byte.
@Suite struct SpecExampleTests {
    static let examples: [(markdown: String, html: String)] = [
        ("\tfoo\tbaz\t\tbim\n", "<pre><code>foo\tbaz\t\tbim\n</code></pre>\n"),
        ("- `one\n- two`\n", "<ul>\n<li>`one</li>\n<li>two`</li>\n</ul>\n"),
        ("***\n---\n___\n", "<hr />\n<hr />\n<hr />\n"),
        ("> # Foo\n> bar\n> baz\n", "<blockquote>\n<h1>Foo</h1>\n<p>bar\nbaz</p>\n</blockquote>\n"),
        ("1. a\n\n   b\n2. c\n", "<ol>\n<li>\n<p>a</p>\n<p>b</p>\n</li>\n<li>\n<p>c</p>\n</li>\n</ol>\n"),
        ("*foo`*`\n", "<p>*foo<code>*</code></p>\n"),
        ("[link](/uri \"title\")\n", "<p><a href=\"/uri\" title=\"title\">link</a></p>\n"),
        ("[link](</my uri>)\n", "<p><a href=\"/my%20uri\">link</a></p>\n"),
        ("![foo *bar*](train.jpg \"train & tracks\")\n", "<p><img src=\"train.jpg\" alt=\"foo bar\" title=\"train &amp; tracks\" /></p>\n"),
        ("&nbsp; &amp; &copy; &AElig; &Dcaron;\n", "<p>\u{a0} &amp; © Æ Ď</p>\n"),
        ("**foo \"*bar*\" foo**\n", "<p><strong>foo &quot;<em>bar</em>&quot; foo</strong></p>\n"),
        ("```ruby\ndef foo(x)\n  return 3\nend\n```\n", "<pre><code class=\"language-ruby\">def foo(x)\n  return 3\nend\n</code></pre>\n"),
        ("foo  \nbar\n", "<p>foo<br />\nbar</p>\n"),
        ("[foo]: /url \"title\"\n\n[foo]\n", "<p><a href=\"/url\" title=\"title\">foo</a></p>\n"),
    ]

    @Test(arguments: 0..<examples.count)
    func matchesSpec(index: Int) {
        let example = Self.examples[index]
        let document = MarkdownDocument(parsing: example.markdown, options: [.noSmartPunctuation, .noHeadingPermalinks])
        let expected = example.html.replacingOccurrences(of: "<h1>", with: "<h1 id=\"foo\">\n")
            .replacingOccurrences(of: "Foo</h1>", with: "Foo\n</h1>")
        #expect(document.html == expected)
    }

    @Test func smartPunctuationIsOnByDefault() {
        let document = MarkdownDocument(parsing: "\"Hello\" -- it's here...\n")
        #expect(document.html == "<p>“Hello” – it’s here…</p>\n")
    }
}

@Suite struct SafetyTests {
    @Test func rawHTMLIsOmitted() {
        let document = MarkdownDocument(parsing: "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> here.\n")
        #expect(!document.html.contains("<script"))
        #expect(!document.html.contains("<img"))
        #expect(document.html.contains("raw HTML omitted"))
    }

    @Test func rawHTMLPassesOnlyWhenUnsafe() {
        let document = MarkdownDocument(parsing: "<div class=\"x\">hi</div>\n", options: .unsafe)
        #expect(document.html.contains("<div class=\"x\">hi</div>"))
    }

    @Test(arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "file:///etc/passwd",
        "data:text/html;base64,PHNjcmlwdD4=", "data:image/png;base64,AAAA", "java&#x09;script:alert(1)",
        "&#106;avascript:alert(1)", " javascript:alert(1)",
    ])
    func dangerousDestinationsAreEmptied(destination: String) {
        let document = MarkdownDocument(parsing: "[a](<\(destination)>) ![b](<\(destination)>)\n")
        #expect(document.html.contains("href=\"\""), "\(document.html)")
        #expect(document.html.contains("src=\"\""), "\(document.html)")
        #expect(!document.html.lowercased().contains("script:"))
    }

    @Test func safeDestinationsAreKept() {
        let document = MarkdownDocument(parsing: "[a](https://example.com/x?y=1&z=2) [b](../x/y.md#z) [c](mailto:a@b.c)\n")
        #expect(document.html.contains("href=\"https://example.com/x?y=1&amp;z=2\""))
        #expect(document.html.contains("href=\"../x/y.md#z\""))
        #expect(document.html.contains("href=\"mailto:a@b.c\""))
    }

    @Test func headingTextIsEscapedInIdAndLabel() {
        let document = MarkdownDocument(parsing: "## A \"quoted\" <b>heading</b> & more\n")
        #expect(document.headings[0].id == "a-quoted-heading--more")
        #expect(!document.html.contains("<b>"))
        #expect(document.html.contains("aria-label=\"Link to this section: A &quot;quoted&quot;  heading &amp; more\"")
            || document.html.contains("Link to this section: A “quoted”"))
    }
}

@Suite struct HeadingTests {
    @Test func idsAreGitHubStyleAndUnique() {
        let source = "# Weekly one-on-ones\n\n## What to ask?\n\n## What to ask?\n\n## What to ask?\n\n### C++ & Rust_2\n\n## Ünïcode Straße\n\n## \n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.headings.map(\.id) == [
            "weekly-one-on-ones", "what-to-ask", "what-to-ask-1", "what-to-ask-2", "c--rust_2", "ünïcode-straße", "section",
        ])
        #expect(document.headings.map(\.level) == [1, 2, 2, 2, 3, 2, 2])
        #expect(document.html.contains("<h2 id=\"what-to-ask-2\">"))
    }

    @Test func headingTextAndPositions() {
        let document = MarkdownDocument(parsing: "Intro.\n\n## The *first* `one`\n\ntext\n\nSetext\n------\n")
        #expect(document.headings.map(\.text) == ["The first one", "Setext"])
        #expect(document.headings.map(\.position.line) == [3, 7])
    }

    @Test func permalinksCanBeTurnedOff() {
        #expect(MarkdownDocument(parsing: "## A\n").html.contains("class=\"heading-anchor\""))
        #expect(!MarkdownDocument(parsing: "## A\n", options: .noHeadingPermalinks).html.contains("heading-anchor"))
    }
}

@Suite struct LinkTests {
    @Test func linksCarryPositionTextAndContext() {
        let source = "First line.\n\nRead [weekly one-on-ones](../practices/one-on-ones.md#agenda) first. Then rest.\n\n- an item with [a link](b.md)\n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.links.count == 2)
        let first = document.links[0]
        #expect(first.destination == "../practices/one-on-ones.md#agenda")
        #expect(first.text == "weekly one-on-ones")
        #expect(first.position == SourcePosition(line: 3, column: 6))
        #expect(first.context == "Read weekly one-on-ones first.")
        #expect(document.links[1].position == SourcePosition(line: 5, column: 16))
        #expect(document.links[1].context == "an item with a link")
    }

    @Test func destinationsAreRewrittenInTheHTML() {
        let document = MarkdownDocument(parsing: "[a](x.md) [b](https://e.com) ![c](img.png)\n") { link in
            link.destination.hasSuffix(".md") ? String(link.destination.dropLast(3)) + ".html" : nil
        }
        #expect(document.html == "<p><a href=\"x.html\">a</a> <a href=\"https://e.com\">b</a> <img src=\"img.png\" alt=\"c\" /></p>\n")
        #expect(document.links.map(\.destination) == ["x.md", "https://e.com", "img.png"])
        #expect(document.links.map(\.kind) == [.link, .link, .image])
    }

    @Test func contextIsCutAroundLongSentences() {
        let long = String(repeating: "word ", count: 200)
        let document = MarkdownDocument(parsing: "\(long)[here](x.md) \(long)\n")
        #expect(document.links[0].context.count <= SentenceFinder.maximumLength + 2)
        #expect(document.links[0].context.contains("here"))
    }
}

@Suite struct TextTests {
    @Test func sectionsSplitAtHeadings() {
        let document = MarkdownDocument(parsing: "Lead *text*.\n\n## One\n\nAlpha `code`.\n\n> Quote.\n\n## Two\n\n```\nlet x = 1\n```\n")
        #expect(document.sections.map(\.heading?.text) == [nil, "One", "Two"])
        #expect(document.sections.map(\.text) == ["Lead text.", "Alpha code.\nQuote.", "let x = 1\n"])
        #expect(document.firstParagraph == "Lead text.")
        #expect(document.plainText.hasPrefix("Lead text.\n\nOne\n\nAlpha code."))
    }

    @Test func emptyDocument() {
        let document = MarkdownDocument(parsing: "")
        #expect(document.html == "")
        #expect(document.sections.isEmpty)
        #expect(document.headings.isEmpty)
    }
}

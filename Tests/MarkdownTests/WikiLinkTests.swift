import Foundation
import Testing
@testable import Markdown

/// `[[Page]]` and its forms, with ``RenderOptions/wikiLinks``.
@Suite struct WikiLinkTests {
    static let options: RenderOptions = [.wikiLinks, .noHeadingPermalinks]

    /// Resolves every wiki link to `/w/<target>`; leaves other links alone.
    static func render(_ source: String, options: RenderOptions = options) -> MarkdownDocument {
        MarkdownDocument(parsing: source, options: options) { link in link.isWikiLink ? "/w/" + link.destination : nil }
    }

    @Test func everyForm() {
        let document = Self.render(
            "[[Page]] [[Page|shown text]] [[Page#Heading]] [[Page#Heading|text]] [[#Heading]] [[Two Words]]\n\n"
                + "![[diagram.png]] ![[diagram.png|alt text]]\n"
        )
        #expect(document.html == """
            <p><a href="/w/Page">Page</a> <a href="/w/Page">shown text</a> <a href="/w/Page#Heading">Page &gt; Heading</a> \
            <a href="/w/Page#Heading">text</a> <a href="/w/#Heading">Heading</a> <a href="/w/Two%20Words">Two Words</a></p>
            <p><img src="/w/diagram.png" alt="diagram.png" /> <img src="/w/diagram.png" alt="alt text" /></p>

            """)
        #expect(document.links.map(\.destination) == ["Page", "Page", "Page#Heading", "Page#Heading", "#Heading", "Two Words",
                                                      "diagram.png", "diagram.png"])
        #expect(document.links.map(\.text) == ["Page", "shown text", "Page > Heading", "text", "Heading", "Two Words",
                                               "diagram.png", "alt text"])
        #expect(document.links.map(\.kind) == [.link, .link, .link, .link, .link, .link, .image, .image])
        #expect(document.links.allSatisfy { $0.isWikiLink })
    }

    @Test func theHookSeesWhatTheLinkIs() {
        var seen: [String] = []
        _ = MarkdownDocument(parsing: "[a](a.md) [[B|bee]] ![[c.png]]\n", options: Self.options) { link in
            seen.append("\(link.kind) \(link.isWikiLink) \(link.destination) \(link.text) \(link.position.column)")
            return nil
        }
        #expect(seen == ["link false a.md  1", "link true B bee 11", "image true c.png c.png 21"])
    }

    @Test func targetsAndTextAreTrimmed() {
        let document = Self.render("[[ Page # Part | the text ]]\n")
        #expect(document.links.map(\.destination) == ["Page # Part"])
        #expect(document.links.map(\.text) == ["the text"])
        #expect(Self.render("[[ Page # Part ]]\n").links.map(\.text) == ["Page > Part"])
    }

    @Test func positionsPointAtTheBrackets() {
        let source = "Intro [[A]] and\n  then ![[b.png]] x\n\n- item a \\* [[C]]\n\n> quote \"it's\" [[D]]\n"
        let document = Self.render(source)
        #expect(document.links.map(\.destination) == ["A", "b.png", "C", "D"])
        #expect(document.links.map(\.position) == [
            SourcePosition(line: 1, column: 7), SourcePosition(line: 2, column: 8),
            SourcePosition(line: 4, column: 13), SourcePosition(line: 6, column: 16),
        ])
    }

    @Test func textAroundLinksKeepsItsPlace() {
        let document = Self.render("a [[B]] c [[D|d]] e\n")
        #expect(document.html == "<p>a <a href=\"/w/B\">B</a> c <a href=\"/w/D\">d</a> e</p>\n")
        #expect(document.links.map(\.context) == ["a B c d e", "a B c d e"])
        #expect(document.firstParagraph == "a B c d e")
    }

    @Test func insideTableCells() {
        let source = "| a | b |\n|---|---|\n| [[Page]] | [[Other\\|text]] and [[X]] |\n"
        let document = Self.render(source)
        #expect(document.html.contains("<td><a href=\"/w/Page\">Page</a></td><td><a href=\"/w/Other\">text</a> and <a href=\"/w/X\">X</a></td>"))
        #expect(document.links.map(\.position) == [
            SourcePosition(line: 3, column: 3), SourcePosition(line: 3, column: 14), SourcePosition(line: 3, column: 34),
        ])
    }

    @Test func insideFootnotes() {
        let source = "Text[^1].\n\n[^1]: See [[Page]] and\n    [[Other]].\n"
        let document = Self.render(source)
        #expect(document.html.contains("<li id=\"fn:1\">\n<p>See <a href=\"/w/Page\">Page</a> and\n<a href=\"/w/Other\">Other</a>."))
        #expect(document.links.map(\.destination) == ["Page", "Other"])
        #expect(document.links[0].position == SourcePosition(line: 3, column: 11))
        #expect(document.problems.isEmpty)
    }

    @Test func escapesBeforeALinkOnAFootnoteDefinitionLine() {
        let document = Self.render("x[^1]\n\n[^1]: a \\* [[B]]\n")
        #expect(document.links.map(\.position) == [SourcePosition(line: 3, column: 12)])
    }

    @Test func aCellWithAnEscapedPipeBeforeTheLink() {
        let document = Self.render("| a |\n|---|\n| `x\\|y` [[X]] |\n")
        #expect(document.html.contains("<td><code>x|y</code> <a href=\"/w/X\">X</a></td>"))
        #expect(document.links.map(\.position) == [SourcePosition(line: 3, column: 10)])
    }

    @Test func windowsLineEndings() {
        let document = Self.render("a [[B]]\r\nc ![[d.png]]\r\n")
        #expect(document.links.map(\.position) == [SourcePosition(line: 1, column: 3), SourcePosition(line: 2, column: 3)])
        #expect(document.links.map(\.destination) == ["B", "d.png"])
    }

    @Test func footnoteReferencesAfterAWikiLinkKeepTheirPosition() {
        let document = Self.render("See [[Page]] and[^missing].\n")
        #expect(document.problems.map(\.position) == [SourcePosition(line: 1, column: 17)])
    }

    @Test func taskItemsAndAlertsStillWork() {
        let document = Self.render("- [ ] read [[Page]]\n\n> [!NOTE]\n> See [[Other]].\n")
        #expect(document.html.contains("<input type=\"checkbox\""))
        #expect(document.html.contains("callout-note"))
        #expect(document.links.map(\.destination) == ["Page", "Other"])
    }

    @Test func escapedBracketsAreText() {
        for source in ["\\[[Page]]\n", "[\\[Page]]\n", "[[Page\\]]\n", "[[Page]\\]\n", "&#91;[Page]]\n", "[&lsqb;Page]]\n", "[[Page&#93;]\n"] {
            let document = Self.render(source)
            #expect(document.links.isEmpty, "\(source)")
            #expect(!document.html.contains("<a"), "\(source)")
        }
        #expect(Self.render("\\[[Page]]\n").html == "<p>[[Page]]</p>\n")
        // An escaped `!` makes a link, not an embed; an escaped backslash does not escape the `!`.
        #expect(Self.render("\\![[a.png]]\n").html == "<p>!<a href=\"/w/a.png\">a.png</a></p>\n")
        #expect(Self.render("\\\\![[a.png]]\n").html == "<p>\\<img src=\"/w/a.png\" alt=\"a.png\" /></p>\n")
        // Escapes inside the target are taken out.
        #expect(Self.render("[[a\\_b]]\n").links.map(\.destination) == ["a_b"])
    }

    @Test func notInCodeAutolinksOrLinks() {
        let source = "`[[A]]` <https://e.com/[[B]]> [see [[C]]](x.md) https://e.com/[[D]] ![an [[H]]](h.png)\n\n    [[E]]\n\n```\n[[F]]\n```\n\n<div>[[G]]</div>\n"
        let document = Self.render(source, options: Self.options.union(.unsafe))
        #expect(!document.links.contains { $0.isWikiLink })
        #expect(document.html.contains("<code>[[A]]</code>"))
        #expect(document.html.contains("<a href=\"x.md\">see [[C]]</a>"))
    }

    @Test func insideEmphasisAndHeadings() {
        let document = Self.render("*see [[Page]]* and **[[Page|bold]]**\n\n## About [[Page#Part]]\n")
        #expect(document.html.hasPrefix("<p><em>see <a href=\"/w/Page\">Page</a></em> and <strong><a href=\"/w/Page\">bold</a></strong></p>\n"))
        #expect(document.headings.map(\.text) == ["About Page > Part"])
        #expect(document.html.contains("About <a href=\"/w/Page#Part\">Page &gt; Part</a>"))
    }

    @Test func emphasisInsideTheBracketsIsNotAWikiLink() {
        // Obsidian reads the brackets first; here CommonMark's emphasis has split the text.
        #expect(Self.render("[[a *b* c]]\n").links.isEmpty)
    }

    @Test func unresolvedLinksRenderAsTheirText() {
        let document = MarkdownDocument(parsing: "See [[Page|the page]] or ![[gone.png|a diagram]], [[Other]].\n", options: Self.options) { _ in nil }
        #expect(document.html == "<p>See the page or a diagram, Other.</p>\n")
        #expect(document.links.map(\.destination) == ["Page", "gone.png", "Other"])
        #expect(document.links.map(\.text) == ["the page", "a diagram", "Other"])
    }

    @Test func dangerousResolutionsCountAsUnresolved() {
        let document = MarkdownDocument(parsing: "[[Page]]\n", options: Self.options) { _ in "javascript:alert(1)" }
        #expect(document.html == "<p>Page</p>\n")
    }

    @Test func smartPunctuationLeavesTheTargetAsWritten() {
        let document = MarkdownDocument(parsing: "[[Don't panic -- ok...]]\n", options: [.wikiLinks]) { _ in "x.html" }
        #expect(document.links.map(\.destination) == ["Don't panic -- ok..."])
        #expect(document.links.map(\.text) == ["Don\u{2019}t panic \u{2013} ok\u{2026}"])
    }

    @Test func bracketsAroundAWikiLinkStayText() {
        #expect(Self.render("[[[Page]]]\n").html == "<p>[<a href=\"/w/Page\">Page</a>]</p>\n")
        for source in ["[[]]\n", "[[ ]]\n", "[[|text]]\n", "[[#]]\n", "[[a\nb]]\n", "[[a [b] c]]\n"] {
            #expect(Self.render(source).links.isEmpty, "\(source)")
        }
    }

    @Test func aReferenceDefinitionWins() {
        let document = Self.render("[[Page]]\n\n[Page]: /x\n")
        #expect(document.html == "<p>[<a href=\"/x\">Page</a>]</p>\n")
        #expect(document.links.map(\.isWikiLink) == [false])
    }

    @Test func offUnlessAskedFor() {
        let document = MarkdownDocument(parsing: "[[Page]] ![[a.png]]\n") { _ in "x" }
        #expect(document.html == "<p>[[Page]] ![[a.png]]</p>\n")
        #expect(document.links.isEmpty)
    }

    @Test func aHundredThousandOpeningBrackets() {
        let count = 100_000
        let opening = Self.render(String(repeating: "[[", count: count) + "\n")
        #expect(opening.links.isEmpty)
        #expect(opening.html.utf8.count == 2 * count + "<p></p>\n".utf8.count)
        let links = Self.render(String(repeating: "[[a]]", count: count / 5) + "\n")
        #expect(links.links.count == count / 5)
        let nested = Self.render(String(repeating: "[[", count: count) + "a" + String(repeating: "]]", count: count) + "\n")
        #expect(nested.links.map(\.destination) == ["a"])
    }

    /// Wiki syntax is not CommonMark: with it on, exactly the two CommonMark examples that
    /// hold `[[foo]]` as text read differently; with it off (the default), none does.
    @Test func commonMarkExamplesThatChange() {
        let options = ConformanceTests.options
        var changed: [Int] = []
        for example in ConformanceTests.commonMarkExamples {
            let off = MarkdownDocument(parsing: example.markdown, options: options).html
            let on = MarkdownDocument(parsing: example.markdown, options: options.union(.wikiLinks)).html
            if on != off { changed.append(example.number) }
        }
        #expect(changed == [547, 589])
    }
}

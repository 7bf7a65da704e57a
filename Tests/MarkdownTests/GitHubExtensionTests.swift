import Testing
@testable import Markdown

private func render(_ source: String, _ options: RenderOptions = [.noSmartPunctuation, .noHeadingPermalinks]) -> MarkdownDocument {
    MarkdownDocument(parsing: source, options: options)
}

/// Collapses white space between tags, as the specs compare HTML.
private func compact(_ html: String) -> String {
    html.replacing(#/>\s*\n\s*</#) { _ in "><" }.trimmingWhitespace()
}

@Suite struct TableTests {
    @Test func headerAlignmentAndBody() {
        let html = compact(render("| a | b | c |\n|:--|:-:|--:|\n| 1 | *2* | 3 |\n").html)
        #expect(html == ##"<div class="table-scroll" tabindex="0"><table><thead><tr><th class="align-left">a</th><th class="align-center">b</th><th class="align-right">c</th></tr></thead><tbody><tr><td class="align-left">1</td><td class="align-center"><em>2</em></td><td class="align-right">3</td></tr></tbody></table></div>"##)
    }

    @Test func noInlineStylesSoTheContentSecurityPolicyHolds() {
        #expect(!render("| a |\n|:-:|\n| b |\n").html.contains("style="))
    }

    @Test func escapedPipesStayInTheirCellEvenInCode() {
        let html = compact(render("| a | b |\n|---|---|\n| `x\\|y` | p\\|q |\n").html)
        #expect(html.contains("<td><code>x|y</code></td><td>p|q</td>"))
    }

    @Test func cellsThatLookLikeBlocksStayText() {
        let html = compact(render("| a | b | c |\n|---|---|---|\n| # no | - no | > no |\n").html)
        #expect(html.contains("<td># no</td><td>- no</td><td>&gt; no</td>"))
    }

    @Test func textBeforeTheHeaderStaysAParagraph() {
        let html = compact(render("Intro *text*\n| a |\n| - |\n| b |\n").html)
        #expect(html.hasPrefix("<p>Intro <em>text</em></p><div class=\"table-scroll\""))
    }

    @Test func aLazyLineEndsATableInABlockQuote() {
        let html = compact(render("> | a |\n> | - |\n> | b |\nlazy\n").html)
        #expect(html.hasSuffix("</table></div></blockquote><p>lazy</p>"))
    }

    @Test func tableInsideAListItem() {
        let html = compact(render("- item\n\n  | a | b |\n  | - | - |\n  | 1 | 2 |\n").html)
        #expect(html.contains("<li><p>item</p><div class=\"table-scroll\" tabindex=\"0\"><table>"))
        #expect(html.contains("<td>1</td><td>2</td>"))
    }

    @Test func aThematicBreakUnderATableIsNotASetextHeading() {
        let html = compact(render("| a |\n| - |\n| b |\n---\n").html)
        #expect(html.hasSuffix("</table></div><hr />"))
        #expect(!html.contains("<h2"))
    }

    @Test func mismatchedDelimiterRowIsNotATable() {
        let html = compact(render("| a | b |\n| - |\n| c |\n").html)
        #expect(!html.contains("<table>"))
    }

    @Test func smartPunctuationNeverTouchesTheDelimiterRow() {
        let document = render("| \"a\" | b |\n|---|---|\n| x -- y | `--` |\n", [])
        let html = compact(document.html)
        #expect(html.contains("<th>“a”</th>"))
        #expect(html.contains("<td>x – y</td><td><code>--</code></td>"))
        #expect(!html.contains("—"))
    }

    @Test func referenceLinksResolveInsideCells() {
        let html = compact(render("| a |\n| - |\n| [x][ref] |\n\n[ref]: target.md\n").html)
        #expect(html.contains("<td><a href=\"target.md\">x</a></td>"))
    }

    @Test func linksInCellsAreFoundAtTheirOwnLineAndColumn() {
        let document = render("Text\n\n| a | b |\n|---|---|\n| x | see [it](y.md) |\n")
        #expect(document.links.map(\.destination) == ["y.md"])
        #expect(document.links.first?.position == SourcePosition(line: 5, column: 11))
    }

    @Test func cellTextIsSearchableWordByWord() {
        let document = render("# T\n\n| alpha | beta |\n|---|---|\n| gamma | delta |\n")
        #expect(document.sections.last?.text == "alpha beta \ngamma delta ")
    }
}

@Suite struct TaskListTests {
    @Test func checkboxesAreDisabledAndNamedByTheirText() {
        let html = render("- [ ] write *it*\n- [x] ship\n").html
        #expect(html.contains(##"<li><input type="checkbox" class="task-checkbox" disabled aria-label="write it"> write <em>it</em></li>"##))
        #expect(html.contains(##"<input type="checkbox" class="task-checkbox" disabled checked aria-label="ship"> ship"##))
    }

    @Test func bracketsWithoutTextOrOutsideAListAreNotTasks() {
        #expect(!render("- [ ]\n").html.contains("checkbox"))
        #expect(!render("[ ] not a list\n").html.contains("checkbox"))
        #expect(!render("- [y] no\n").html.contains("checkbox"))
    }
}

@Suite struct StrikethroughTests {
    @Test func oneOrTwoTildes() {
        #expect(compact(render("~~a~~ and ~b~\n").html) == "<p><del>a</del> and <del>b</del></p>")
    }

    @Test func threeTildesOrMismatchedRunsAreText() {
        #expect(compact(render("x ~~~a~~~ ~~b~\n").html) == "<p>x ~~~a~~~ ~~b~</p>")
    }

    @Test func spansOtherInlinesButNotCode() {
        #expect(compact(render("~~a *b* c~~ `~~x~~`\n").html) == "<p><del>a <em>b</em> c</del> <code>~~x~~</code></p>")
    }

    @Test func flankingRulesLikeEmphasis() {
        #expect(compact(render("about ~5 minutes ~10 left\n").html) == "<p>about ~5 minutes ~10 left</p>")
    }
}

@Suite struct AutolinkTests {
    @Test func bareAddressesWithTrailingPunctuationLeftOut() {
        let html = compact(render("See www.example.com/a_b, https://example.org/x?y=1. and (http://example.net/p) or me@example.com.\n").html)
        #expect(html == ##"<p>See <a href="http://www.example.com/a_b">www.example.com/a_b</a>, <a href="https://example.org/x?y=1">https://example.org/x?y=1</a>. and (<a href="http://example.net/p">http://example.net/p</a>) or <a href="mailto:me@example.com">me@example.com</a>.</p>"##)
    }

    @Test func neverInsideCodeOrLinks() {
        let html = compact(render("`www.example.com` [www.example.com](x.md)\n").html)
        #expect(html == ##"<p><code>www.example.com</code> <a href="x.md">www.example.com</a></p>"##)
    }

    @Test func autolinksAreLinksOfTheDocument() {
        #expect(render("Visit https://example.com today.\n").links.map(\.destination) == ["https://example.com"])
    }

    @Test func scannerRules() {
        #expect(AutolinkScanner.matches(in: Array("www.a_b.c_d".utf8)).isEmpty)
        #expect(AutolinkScanner.matches(in: Array("a.b-c_d@a.b-".utf8)).isEmpty)
        #expect(AutolinkScanner.matches(in: Array("www.google.com/search?q=commonmark&hl;".utf8)).map(\.url) == ["http://www.google.com/search?q=commonmark"])
        #expect(AutolinkScanner.matches(in: Array("xwww.example.com".utf8)).isEmpty)
    }
}

@Suite struct FootnoteTests {
    @Test func numberedByFirstUseWithBackReferences() {
        let document = render("B[^b] then a[^a] and b again[^b].\n\n[^a]: Note A.\n[^b]: Note B.\n")
        let html = document.html
        #expect(html.contains(##"B<sup class="footnote-ref"><a href="#fn:1" id="fnref:1""##))
        #expect(html.contains(##"a<sup class="footnote-ref"><a href="#fn:2" id="fnref:2""##))
        #expect(html.contains(##"again<sup class="footnote-ref"><a href="#fn:1" id="fnref:1:2""##))
        #expect(html.contains("<li id=\"fn:1\">\n<p>Note B."))
        #expect(html.contains(##"<a href="#fnref:1:2" class="footnote-backref""##))
        #expect(html.range(of: "id=\"fn:1\"")!.lowerBound < html.range(of: "id=\"fn:2\"")!.lowerBound)
        #expect(document.problems.isEmpty)
    }

    @Test func idsCannotCollideWithHeadingIDs() {
        let document = render("# fn 1\n\nText[^1].\n\n[^1]: Note.\n")
        #expect(document.headings.map(\.id) == ["fn-1"])
        #expect(document.html.contains("id=\"fn:1\""))
    }

    @Test func aDefinitionThatIsOneAddressIsNotALinkReference() {
        let html = render("Source[^1].\n\n[^1]: https://example.com/paper\n").html
        #expect(html.contains(##"<a href="#fn:1""##))
        #expect(html.contains(##"<a href="https://example.com/paper">https://example.com/paper</a>"##))
    }

    @Test func multiParagraphDefinitions() {
        let document = render("Text[^long].\n\n[^long]: First paragraph.\n\n    Second paragraph with [a link](x.md).\n\nAfter.\n")
        let html = compact(document.html)
        #expect(html.contains("<li id=\"fn:1\"><p>First paragraph.</p><p>Second paragraph with <a href=\"x.md\">a link</a>."))
        #expect(html.contains("<p>After.</p>"))
        #expect(document.links.first?.position == SourcePosition(line: 5, column: 27))
    }

    @Test func definitionsInCodeStayCode() {
        let html = render("```\n[^1]: not a note\n```\n").html
        #expect(html.contains("<pre><code>[^1]: not a note\n</code></pre>"))
    }

    @Test func undefinedReferencesAndUnusedDefinitionsAreLocatedWarnings() {
        let document = render("One[^missing].\n\n[^spare]: Never used.\n")
        #expect(document.problems.map(\.message) == ["footnote [^missing] is not defined", "footnote [^spare] is defined but never referenced"])
        #expect(document.problems.map(\.position) == [SourcePosition(line: 1, column: 4), SourcePosition(line: 3, column: 1)])
        #expect(document.html.contains("One[^missing]."))
        #expect(!document.html.contains("Never used"))
    }

    @Test func footnoteTextBelongsToTheSectionThatRefersToIt() {
        let document = render("# First\n\nClaim[^n].\n\n# Second\n\nOther.\n\n[^n]: Evidence here.\n")
        #expect(document.sections.map(\.heading?.text) == ["First", "Second"])
        #expect(document.sections[0].text.contains("Evidence here."))
        #expect(!document.sections[1].text.contains("Evidence"))
    }
}

@Suite struct AlertTests {
    @Test func labelledCalloutsForEveryKind() {
        for (marker, title) in [("NOTE", "Note"), ("tip", "Tip"), ("IMPORTANT", "Important"), ("WARNING", "Warning"), ("CAUTION", "Caution")] {
            let html = compact(render("> [!\(marker)]\n> Be careful.\n").html)
            let kind = title.lowercased()
            #expect(html == "<div class=\"callout callout-\(kind)\" role=\"note\"><p class=\"callout-title\">\(title)</p><p>Be careful.</p></div>")
        }
    }

    @Test func otherBlockQuotesStayQuotes() {
        #expect(compact(render("> [!NOPE]\n> text\n").html).hasPrefix("<blockquote>"))
        #expect(compact(render("> [!NOTE] inline\n").html).hasPrefix("<blockquote>"))
        #expect(compact(render("> [!NOTE]\n").html).hasPrefix("<blockquote>"))
    }
}

@Suite struct RawHTMLTests {
    @Test func omittedHTMLIsReportedOncePerElement() {
        let document = render("<details>\n<summary>More</summary>\n\nHidden.\n\n</details>\n\nA <kbd>key</kbd> and <!-- note --> here.\n")
        #expect(document.problems.map(\.message) == ["raw HTML <details> is not published", "raw HTML <kbd> is not published"])
        #expect(document.problems.map(\.position) == [SourcePosition(line: 1, column: 1), SourcePosition(line: 8, column: 3)])
        #expect(document.problems.first?.hint?.contains("allow_raw_html") == true)
    }

    @Test func nothingToReportWhenRawHTMLIsAllowed() {
        #expect(render("<kbd>x</kbd>\n", [.unsafe]).problems.isEmpty)
    }
}

@Suite struct PlainCommonMarkTests {
    @Test func documentsWithoutExtensionSyntaxRenderExactlyAsLibcmark() {
        let source = "# Title\n\nSome *text* with a [link](a.md) | and a pipe.\n\n- list\n- items\n\n> quote\n"
        let options: RenderOptions = [.noHeadingPermalinks]
        let ours = render(source, options).html.replacingOccurrences(of: "<h1 id=\"title\">\n", with: "<h1>")
            .replacingOccurrences(of: "\n</h1>", with: "</h1>")
        #expect(ours == CmarkConverter.plainCmarkHTML(source, options: options))
    }
}

import Testing
@testable import Markdown
import Foundation

/// Documents that would overflow a recursive walker, and a check that nothing leaks.
@Suite struct RobustnessTests {
    static let depth = 100_000

    @Test func deeplyNestedBlockQuotes() {
        let source = String(repeating: "> ", count: Self.depth) + "deep [link](x.md)\n"
        let document = MarkdownDocument(parsing: source) { _ in "y.html" }
        #expect(document.html.hasSuffix(String(repeating: "</blockquote>\n", count: 3)))
        #expect(document.links.map(\.destination) == ["x.md"])
        #expect(document.html.contains("<a href=\"y.html\">link</a>"))
    }

    @Test func deeplyNestedLists() {
        let source = String(repeating: "- ", count: Self.depth) + "item\n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.html.contains("item"))
        #expect(document.html.hasSuffix("</ul>\n"))
    }

    @Test func deeplyNestedEmphasis() {
        let source = String(repeating: "*a ", count: Self.depth) + String(repeating: " a*", count: Self.depth) + "\n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.html.hasPrefix("<p>"))
        #expect(document.sections.count == 1)
    }

    @Test func deeplyNestedLinks() {
        let source = String(repeating: "[", count: Self.depth) + "x" + String(repeating: "](y.md)", count: Self.depth) + "\n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.html.hasPrefix("<p>"))
    }

    @Test func tablesNestedThousandsDeepInBlockQuotes() {
        let quote = String(repeating: "> ", count: 5_000)
        let document = MarkdownDocument(parsing: quote + "| a | b |\n" + quote + "|---|---|\n" + quote + "| [c](c.md) | d |\n")
        #expect(document.html.contains("<td><a href=\"c.md\">c</a></td><td>d</td>"))
        #expect(document.links.first?.position == SourcePosition(line: 3, column: 10_003))
    }

    @Test func tenThousandFootnotesAndALineOfTildesAndPipes() {
        var source = (0..<10_000).map { "x[^\($0)]" }.joined(separator: " ") + "\n\n"
        source += (0..<10_000).map { "[^\($0)]: note \($0)\n" }.joined()
        source += "\n" + String(repeating: "~|", count: 50_000) + "\n\n" + String(repeating: "~", count: 100_000) + "\n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.problems.isEmpty)
        #expect(document.html.contains("<li id=\"fn:10000\">\n<p>note 9999"))
        #expect(document.html.components(separatedBy: "<del>").count == 25_001)
    }

    /// Resident memory after many conversions of a 40 KB document must not grow with
    /// their number: the parser, iterator, tree and rendered buffer are all freed. A leak
    /// of the rendered buffer alone would add over 20 MB per window here.
    @Test func conversionsDoNotLeak() throws {
        let paragraph = "Some *text* with [a link](a.md) and ![img](b.png), `code`, ~~gone~~, www.example.com and **more**[^n].\n\n"
            + "| a | b |\n|---|:-:|\n| *x* | [y](z.md) |\n\n- [x] done\n\n> [!NOTE]\n> Noted.\n\n[^n]: A note.\n\n"
        let source = "# Title\n\n" + String(repeating: paragraph + "## Part\n\n> quote\n\n- list\n\n", count: 150)
        func convert(_ count: Int) {
            for _ in 0..<count {
                _ = MarkdownDocument(parsing: source) { $0.destination + "?x" }
            }
        }
        convert(50) // warm up the allocator
        // Other suites run in this process at the same time and may grow it in any window:
        // the smallest growth of three windows is this test's own. A leak grows every one.
        var growths: [Int] = []
        for _ in 0..<3 {
            let before = try residentBytes()
            convert(500)
            growths.append(try residentBytes() - before)
        }
        #expect(growths.min()! < 15_000_000, "resident memory grew by \(growths) bytes in three windows of 500 conversions")
    }

    private func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = try #require(Int(statm.split(separator: " ")[1]))
        return pages * 4096
    }
}

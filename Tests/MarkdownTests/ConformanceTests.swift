import Foundation
import Testing
@testable import Markdown

/// The published specs, run through the Markdown module: the GFM 0.29 extension examples
/// must give the spec's HTML, and every CommonMark 0.30 example must give exactly what
/// libcmark alone gives, so the extensions change nothing that is plain CommonMark.
@Suite struct ConformanceTests {
    struct Example: Sendable, CustomStringConvertible {
        var number: Int
        var section: String
        var markdown: String
        var html: String
        var description: String { "example \(number) (\(section))" }
    }

    static let options: RenderOptions = [.noSmartPunctuation, .noHeadingPermalinks]

    static let folder = Bundle.module.url(forResource: "Fixtures/conformance", withExtension: nil)!

    /// The extension examples of the GFM spec: those under a heading ending "(extension)".
    static let gfmExtensionExamples: [Example] = {
        let text = try! String(contentsOf: folder.appendingPathComponent("gfm-spec-0.29.txt"), encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var section = ""
        var number = 0
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        while let line = lines.next() {
            if line.hasPrefix("#") { section = line.drop { $0 == "#" || $0 == " " }.description }
            // Extension examples are fenced as `example table`, `example autolink`, …
            guard line.hasPrefix(fence + " example") else { continue }
            number += 1
            var markdown: [Substring] = []
            var html: [Substring] = []
            var inHTML = false
            while let body = lines.next(), body != fence {
                if body == "." && !inHTML { inHTML = true } else if inHTML { html.append(body) } else { markdown.append(body) }
            }
            guard section.hasSuffix("(extension)") else { continue }
            func joined(_ lines: [Substring]) -> String {
                lines.isEmpty ? "" : lines.joined(separator: "\n").replacingOccurrences(of: "→", with: "\t") + "\n"
            }
            examples.append(Example(number: number, section: section, markdown: joined(markdown), html: joined(html)))
        }
        return examples
    }()

    /// Extension examples whose HTML differs from the spec's on purpose.
    static let documentedExceptions: [Int: String] = [
        // The tag filter blocks a few tags and passes other raw HTML; the handbook passes no
        // raw HTML at all unless allow_raw_html is set, and warns where it leaves it out.
        653: "raw HTML is never passed through in safe mode (stricter than GitHub's tag filter)",
    ]

    @Test func theSpecHasTheExtensionExamples() {
        #expect(Self.gfmExtensionExamples.count == 24)
        #expect(Set(Self.gfmExtensionExamples.map(\.section)).count == 5)
    }

    @Test(arguments: gfmExtensionExamples)
    func gfmExtensionExample(_ example: Example) {
        let rendered = MarkdownDocument(parsing: example.markdown, options: Self.options).html
        if let reason = Self.documentedExceptions[example.number] {
            #expect(normalised(rendered) != normalised(example.html), "\(example) is listed as an exception (\(reason)) but now matches")
            return
        }
        #expect(normalised(rendered) == normalised(example.html), "\(example)\n\(example.markdown)")
    }

    // MARK: - CommonMark

    static let commonMarkExamples: [Example] = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("commonmark-spec-0.30.json"))
        let objects = try! JSONSerialization.jsonObject(with: data) as! [[String: Any]]
        return objects.map {
            Example(number: $0["example"] as! Int, section: $0["section"] as! String,
                    markdown: $0["markdown"] as! String, html: $0["html"] as! String)
        }
    }()

    /// CommonMark examples where GitHub's extensions read the text differently, as GitHub
    /// does: a bare address becomes a link, `~` pairs strike text through.
    static let extensionDifferences: [Int: String] = [
        605: "an e-mail address in text is an extended autolink (GFM 6.9)",
        607: "a bare http:// address in text is an extended autolink (GFM 6.9)",
        610: "a bare http:// address in text is an extended autolink (GFM 6.9)",
        611: "an e-mail address in text is an extended autolink (GFM 6.9)",
    ]

    @Test func everyCommonMarkExampleIsThere() {
        #expect(Self.commonMarkExamples.count == 652)
    }

    @Test(arguments: commonMarkExamples)
    func commonMarkExampleRendersAsLibcmarkAlone(_ example: Example) {
        let rendered = MarkdownDocument(parsing: example.markdown, options: Self.options).html
        let reference = CmarkConverter.plainCmarkHTML(example.markdown, options: Self.options)
        if let reason = Self.extensionDifferences[example.number] {
            #expect(withoutHeadingIDs(rendered) != withoutHeadingIDs(reference), "\(example) is listed (\(reason)) but now matches")
            return
        }
        #expect(withoutHeadingIDs(rendered) == withoutHeadingIDs(reference), "\(example)\n\(example.markdown)")
    }

    // MARK: - Normalising

    /// Headings carry ids here (`<h2 id="x">`, written by a custom block that puts line
    /// breaks inside): the one difference from cmark's own heading markup.
    func withoutHeadingIDs(_ html: String) -> String {
        var result = html.replacing(#/<h([1-6]) id="[^"]*">\n/#) { "<h\($0.1)>" }
        result = result.replacing(#/\n</h([1-6])>/#) { "</h\($0.1)>" }
        return result
    }

    /// Compares as the spec's normalize.py does (white space between tags does not count),
    /// after mapping the markup the theme needs onto the spec's: the scrolling wrapper around
    /// tables, alignment as classes rather than the obsolete `align` attribute, and the task
    /// checkbox's class and accessible name.
    func normalised(_ html: String) -> String {
        var text = withoutHeadingIDs(html)
        text = text.replacingOccurrences(of: "<div class=\"table-scroll\" tabindex=\"0\"><table>", with: "<table>")
        text = text.replacingOccurrences(of: "</table></div>", with: "</table>")
        text = text.replacing(#/ class="align-(left|center|right)"/#) { " align=\"\($0.1)\"" }
        text = text.replacing(#/<input type="checkbox" class="task-checkbox" disabled( checked)? aria-label="[^"]*">/#) {
            $0.1 == nil ? "<input disabled=\"\" type=\"checkbox\">" : "<input checked=\"\" disabled=\"\" type=\"checkbox\">"
        }
        text = text.replacing(#/>\s+</#) { _ in "><" }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

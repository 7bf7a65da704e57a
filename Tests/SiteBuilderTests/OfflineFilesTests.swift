import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KnowledgeBase
@testable import SiteBuilder
import TestSupport
import Testing
import ZIPFoundation

/// An article with everything the EPUB must carry: a table, footnotes, a task list, a
/// callout, strikethrough, an image from the web, links to a heading of another topic, to
/// the map, and to a footnote.
let featureArticles: [String: String] = [
    "Content/more/_index.md": """
    ---
    title: More
    description: A second topic.
    order: 2
    ---

    More, starting with [everything](everything.md), which builds on [the basics](../basics/_index.md).

    """,
    "Content/more/everything.md": """
    ---
    title: Everything & more
    summary: Tables, notes and lists in one article.
    tags: [feedback]
    ---

    A table[^size] and a second note[^second], then [the first's reasons](../basics/first.md#why-it-matters).

    | Form | Best for |
    | --- | :-: |
    | EPUB | trains & planes |
    | Markdown | assistants |

    - [x] done
    - [ ] to do

    > [!NOTE]
    > A callout with ~~old~~ new text.

    ![A diagram of the loop](https://example.com/loop.png)

    See [the web](https://example.com/).

    ## Notes heading

    [^size]: Sizes vary.
    [^second]: With a [link to the second](../basics/second.md).

    """,
]

@Suite struct OfflineFilesTests {
    @Test func offlineFormatsAreOptIn() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder)
        for file in ["handbook.epub", "llms.txt", "llms-full.txt", "basics/first.md"] {
            #expect(!folder.exists("public/\(file)"), "\(file) is written without offline: true")
        }
        let home = try folder.read("public/index.html")
        #expect(!home.contains("Read offline") && !home.contains("text/markdown"))
    }

    /// What a build says it wrote is what is in the folder, with the offline formats, written on
    /// threads of their own, and without them.
    @Test(arguments: [false, true]) func theSummaryCountsEveryFileWritten(offline: Bool) throws {
        let folder = try FixtureSite.make(extra: featureArticles, withTheme: true)
        defer { folder.remove() }
        let summary = try buildSite(in: folder, config: "offline: \(offline)\n")
        let files = try folder.snapshot("public").filter { $0.key != OutputFolder.markerName }
        #expect(files.keys.contains("llms-full.txt") == offline)
        #expect(summary.fileCount == files.count)
        #expect(summary.byteCount == files.values.reduce(0) { $0 + $1.count })
    }

    /// Every entry of the EPUB at `path`, in archive order, with its bytes.
    static func entries(of path: String) throws -> [(path: String, method: CompressionMethod, bytes: Data)] {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var result: [(String, CompressionMethod, Data)] = []
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            result.append((entry.path, entry.isCompressed ? .deflate : .none, data))
        }
        return result
    }

    @Test func epubIsTheSameBytesEveryBuild() throws {
        let first = try FixtureSite.make(extra: featureArticles, withTheme: true)
        let second = try FixtureSite.make(extra: featureArticles, withTheme: true)
        defer { first.remove(); second.remove() }
        _ = try buildSite(in: first, config: "offline: true\n")
        _ = try buildSite(in: second, config: "offline: true\n")
        let bytes = try first.snapshot("public")["handbook.epub"]
        #expect(bytes != nil)
        #expect(bytes == (try second.snapshot("public")["handbook.epub"]))
    }

    @Test func epubHasEveryArticleLinkTargetAndFootnote() throws {
        let folder = try FixtureSite.make(extra: featureArticles, withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder, config: "offline: true\n")
        let entries = try Self.entries(of: "\(folder.path)/public/handbook.epub")
        // `mimetype` first, stored, as the EPUB container requires.
        #expect(entries.first?.path == "mimetype")
        #expect(entries.first?.method == CompressionMethod.none)
        #expect(entries.first.map { String(decoding: $0.bytes, as: UTF8.self) } == "application/epub+zip")

        // Every document is well-formed XML; collect its ids and links.
        var ids: [String: Set<String>] = [:]
        var links: [(file: String, href: String)] = []
        var text = ""
        for entry in entries where entry.path.hasSuffix(".xhtml") {
            let file = String(entry.path.dropFirst("EPUB/".count))
            let collector = XHTMLCollector()
            let parser = XMLParser(data: entry.bytes)
            parser.delegate = collector
            #expect(parser.parse(), "\(file) is not well-formed: \(String(describing: parser.parserError))")
            ids[file] = collector.ids
            links += collector.hrefs.map { (file, $0) }
            text += String(decoding: entry.bytes, as: UTF8.self)
        }
        // Every article, a document of its own, in reading order in the spine.
        let articleFiles = try ["basics/first", "basics/second", "basics/third", "more/everything"].map { id in
            let files = ids.filter { $0.value.contains(BookPage.anchor(articleID: id)) }.map(\.key)
            #expect(files.count == 1, "\(id) is in \(files)")
            return try #require(files.first)
        }
        let spine = try #require(entries.first { $0.path == "EPUB/package.opf" }).bytes
        let itemrefs = String(decoding: spine, as: UTF8.self).components(separatedBy: "<itemref idref=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        let positions = articleFiles.compactMap { file in itemrefs.firstIndex(of: EPUBBook.manifestID(file)[...]) }
        #expect(positions.count == articleFiles.count && positions == positions.sorted(), "\(articleFiles) in the spine \(itemrefs)")
        for entry in entries where entry.path.hasSuffix(".xhtml") {
            let articles = String(decoding: entry.bytes, as: UTF8.self).components(separatedBy: "<article class=\"book-article\"").count - 1
            #expect(articles <= 1, "\(entry.path) holds \(articles) articles")
        }
        // Every link inside the book reaches a file and an id that exist.
        var internalLinks = 0
        for (file, href) in links where !href.hasPrefix("https:") && !href.hasPrefix("http:") && !href.hasPrefix("mailto:") {
            let parts = href.split(separator: "#", maxSplits: 1).map(String.init)
            let target = parts[0].isEmpty ? file : parts[0]
            #expect(ids[target] != nil, "\(file): link to missing file \(href)")
            if parts.count > 1 { #expect(ids[target]?.contains(parts[1]) == true, "\(file): link to missing id \(href)") }
            internalLinks += 1
        }
        #expect(internalLinks > 10)
        #expect(links.contains { $0.href.hasSuffix("#basics--first--why-it-matters") })
        // Footnotes as EPUB notes, the table, the task list; the map and the image are text.
        #expect(text.contains("epub:type=\"noteref\""))
        #expect(text.contains("epub:type=\"endnote\""))
        #expect(text.contains("Sizes vary."))
        #expect(text.contains("<table>"))
        #expect(text.contains("disabled=\"disabled\""))
        #expect(text.contains("<del>old</del>"))
        #expect(text.contains("[A diagram of the loop]"))
        #expect(!text.contains("<img src=\"https:"))
        #expect(!text.contains("map.html"))
        #expect(!text.contains("<script"))
        #expect(!text.contains("heading-anchor"))
        // The package document names the book and lists the cover and the navigation.
        let opf = try #require(entries.first { $0.path == "EPUB/package.opf" }).bytes
        let package = String(decoding: opf, as: UTF8.self)
        // No title in the settings: the start page names the book.
        #expect(package.contains("<dc:title>Test Handbook</dc:title>"))
        #expect(package.contains("properties=\"nav\""))
        #expect(package.contains("properties=\"cover-image\""))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: epubcheckJar), "epubcheck is installed by `make test`"))
    func epubPassesEpubcheck() throws {
        // With an article in another language, marked in its document.
        let folder = try FixtureSite.make(extra: featureArticles.merging(["Content/more/deutsch.md": """
        ---
        title: Auf Deutsch
        summary: Ein Artikel in einer anderen Sprache.
        tags: [feedback]
        language: de
        ---

        Siehe [everything](everything.md).

        """]) { $1 }, withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder, config: "offline: true\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["java", "-jar", epubcheckJar, "--failonwarnings", "\(folder.path)/public/handbook.epub"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }

    @Test func llmsTxtListsEveryArticleAndEveryLinkResolves() throws {
        let folder = try FixtureSite.make(extra: featureArticles, withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder, config: "offline: true\n")
        let files = try folder.snapshot("public")
        let index = try folder.read("public/llms.txt")
        #expect(index.hasPrefix("# Test Handbook\n"))
        for (id, summary) in [("basics/first", "The first article & its \"summary\"."), ("basics/second", "The second article."),
                              ("basics/third", "The third article."), ("more/everything", "Tables, notes and lists in one article.")] {
            #expect(index.contains("](\(id).md): \(summary)\n"), "llms.txt lacks \(id)")
        }
        #expect(index.contains("\n## Basics\n"))
        // A title is text: its `<` cannot open raw HTML in the Markdown either.
        #expect(index.contains("- [First &lt;article>](basics/first.md)"))
        #expect(try folder.read("public/basics/first.md").hasPrefix("# First &lt;article>\n"))
        let link = try NSRegularExpression(pattern: "\\]\\(([^)]+)\\)")
        let matches = link.matches(in: index, range: NSRange(index.startIndex..., in: index))
        #expect(matches.count >= 8)
        for match in matches {
            let target = (index as NSString).substring(with: match.range(at: 1))
            #expect(files[target] != nil, "llms.txt links to \(target), which is not published")
        }
        // Each page's Markdown sits beside it, its `.md` links resolve, and the head names it.
        let article = try folder.read("public/more/everything.md")
        #expect(article.hasPrefix("# Everything & more\n\n> Tables, notes and lists in one article.\n\nA table[^size]"))
        for target in ["basics/first.md", "basics/second.md", "basics/_index.md"] { #expect(files[target] != nil) }
        #expect(try folder.read("public/more/everything.html").contains("<link rel=\"alternate\" type=\"text/markdown\" href=\"../more/everything.md\">"))
        let full = try folder.read("public/llms-full.txt")
        #expect(full.contains("Source: more/everything.md\n\n# Everything & more"))
        #expect(full.contains("Third links to [second](second.md)."))
    }

    @Test func llmsTextIsOneLineAndItsLinksAreEscaped() {
        #expect(PlainTextFiles.singleLine("Plain title") == "Plain title")
        #expect(PlainTextFiles.singleLine("Two\nlines, <b>bold</b>") == "Two lines, &lt;b>bold&lt;/b>")
        #expect(PlainTextFiles.singleLine("Windows\r\nbreak\u{2028}and a separator, caf\u{E9}") == "Windows break and a separator, caf\u{E9}")
        #expect(PlainTextFiles.destination("a b/(draft) 100%.md") == "a%20b/%28draft%29%20100%25.md")
        #expect(PlainTextFiles.linkText("[RFC] notes\non ]brackets[") == "\\[RFC\\] notes on \\]brackets\\[")
        #expect(PlainTextFiles.destination("practices/d\u{E9}l\u{E9}gation.md") == "practices/d\u{E9}l\u{E9}gation.md")
    }

    @Test func publishedMarkdownLeavesRawHTMLOutUnlessAllowed() throws {
        let raw = """
        ---
        title: Raw
        summary: Raw HTML in Markdown.
        ---

        Press <kbd>Ctrl</kbd> and `<b>kept</b>` in code.

        <script>alert(1)</script>

        > <div onclick="x()">
        > quoted
        > </div>

        """
        let folder = try FixtureSite.make(extra: ["Content/basics/raw.md": raw], withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder, config: "offline: true\n")
        let published = try folder.read("public/basics/raw.md")
        #expect(!published.contains("<kbd>") && !published.contains("<script") && !published.contains("<div"))
        #expect(published.contains("Press Ctrl and `<b>kept</b>` in code."))
        #expect(published.contains("alert(1)") == false)

        _ = try buildSite(in: folder, output: "trusted", config: "offline: true\nallow_raw_html: true\n")
        #expect(try folder.read("trusted/basics/raw.md").contains("<script>alert(1)</script>"))
    }

    @Test func bookXHTMLIsWellFormed() {
        var xhtml = BookXHTML()
        xhtml.append("""
        <p>A&nbsp;B &copy; &amp; &bogus; & <br> <input type="checkbox" disabled checked aria-label="x"> \
        <a href="#t--a">in</a> <a href="../map.html">map</a> <img src="https://x/y.png" alt="Y"> \
        <span onclick="x()" ONCLICK="y" class='q"'>s</span><script>alert(1)</script><em>open
        """) { href in href.hasPrefix("#") ? .keep("chapter-01.xhtml" + href) : .unwrap }
        let output = String(decoding: xhtml.finish(), as: UTF8.self)
        #expect(output == """
        <p>A&#160;B &#169; &amp; &amp;bogus; &amp; <br /> <input type="checkbox" disabled="disabled" checked="checked" aria-label="x" /> \
        <a href="chapter-01.xhtml#t--a">in</a> map <span class="image-alt">[Y]</span> \
        <span class="q&quot;">s</span><em>open</em></p>
        """)
    }

    /// Names, class lists and link targets that are not plain ASCII go the general way:
    /// the Kelvin sign lowercases to `k`, a space followed by a combining mark is no class
    /// separator, and U+FFFE is dropped from a target.
    @Test func bookXHTMLBeyondASCII() {
        var xhtml = BookXHTML()
        xhtml.append("""
        <P CLASS="c" \u{212A}ey=v>a &#65; &#0; &apos; &Amp; x<</P><a class="heading-anchor \u{301}" href="#t">k</a>\
        <a class="x heading-anchor" href="#t">gone</a><a href="#u">u</a><
        """) { href in href == "#u" ? .keep("x\u{FFFE}'&y\u{1}\u{F000}") : .keep("z") }
        #expect(String(decoding: xhtml.finish(), as: UTF8.self) == """
        <p class="c" key="v">a &#65; &amp;#0; &apos; &amp;Amp; x&lt;</p><a class="heading-anchor \u{301}" href="z">k</a>\
        <a href="x&apos;&amp;y\u{F000}">u</a>&lt;
        """)
    }

    /// Text is scanned eight bytes at a time: a byte that needs a look is seen at every
    /// position, whatever the bytes around it.
    @Test func eightBytesAtATimeMissNothing() {
        for filler: UInt8 in [0x61, 0x20, 0x3D, 0x7F, 0x80, 0xFF] {
            for byte in UInt8.min...UInt8.max {
                for position in 0..<8 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = byte
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    #expect(BookXHTML.mayNeedALook(word) == (byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<")))
                }
            }
        }
    }
}

let epubcheckJar = ProcessInfo.processInfo.environment["EPUBCHECK_JAR"] ?? "/usr/share/java/epubcheck.jar"

/// Ids and link targets of an XHTML document.
final class XHTMLCollector: NSObject, XMLParserDelegate {
    var ids = Set<String>()
    var hrefs: [String] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if let id = attributes["id"] { ids.insert(id) }
        if elementName == "a", let href = attributes["href"] { hrefs.append(href) }
    }
}

@Suite struct EPUBLanguageTests {
    /// The text of the document of the EPUB at `epub` that holds the article with book anchor `anchor`.
    static func articleDocument(_ anchor: String, of epub: String) throws -> String {
        let archive = try Archive(url: URL(fileURLWithPath: epub), accessMode: .read)
        for entry in archive where entry.path.hasSuffix(".xhtml") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            let text = String(decoding: data, as: UTF8.self)
            if text.contains("<article class=\"book-article\" id=\"\(anchor)\"") { return text }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no document holds \(anchor)"])
    }

    @Test func anArticleInAnotherLanguageIsMarkedInItsDocument() throws {
        let folder = try FixtureSite.make(extra: [
            "Content/basics/deutsch.md": """
            ---
            title: Auf Deutsch
            summary: Ein Artikel in einer anderen Sprache.
            tags: [trust]
            language: de
            ---

            Siehe [first](first.md) und [second](second.md).

            """,
            "Content/basics/english.md": """
            ---
            title: In English
            summary: An article that names the site's own language.
            tags: [trust]
            language: EN
            ---

            See [first](first.md).

            """,
        ], withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder, config: "offline: true\nlanguage: en\n")
        let epub = "\(folder.path)/public/handbook.epub"
        let deutsch = try Self.articleDocument("basics--deutsch", of: epub)
        #expect(deutsch.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"en\" lang=\"en\">"))
        #expect(deutsch.contains("<article class=\"book-article\" id=\"basics--deutsch\" lang=\"de\" aria-labelledby=\"basics--deutsch--title\" xml:lang=\"de\">"))
        // The site's own language, in any case, and no language at all leave the article unmarked.
        #expect(try Self.articleDocument("basics--english", of: epub)
            .contains("<article class=\"book-article\" id=\"basics--english\" aria-labelledby=\"basics--english--title\">"))
        #expect(try Self.articleDocument("basics--first", of: epub)
            .contains("<article class=\"book-article\" id=\"basics--first\" aria-labelledby=\"basics--first--title\">"))
        #expect(try folder.read("public/book/basics.html").contains("<article class=\"book-article\" id=\"basics--deutsch\" lang=\"de\" aria-labelledby"))
    }

    @Test func unquotedValuesAndSelfClosingTags() {
        var xhtml = BookXHTML()
        xhtml.append("<table><tr><td colspan=2 title = 'a b'>x</td></tr></table><hr/><p id=one id=two>y</p>") { _ in .unwrap }
        #expect(String(decoding: xhtml.finish(), as: UTF8.self)
            == "<table><tr><td colspan=\"2\" title=\"a b\">x</td></tr></table><hr /><p id=\"one\">y</p>")
    }

    @Test func langGetsItsXMLTwin() {
        var xhtml = BookXHTML()
        xhtml.append("<p lang=\"fr\" xml:lang=\"de\">Bonjour</p><p>Hello</p>") { _ in .unwrap }
        #expect(String(decoding: xhtml.finish(), as: UTF8.self) == "<p lang=\"fr\" xml:lang=\"fr\">Bonjour</p><p>Hello</p>")
    }
}

@Suite struct EPUBImageTests {
    @Test func theBookCarriesTheContentFoldersImages() throws {
        let folder = try FixtureSite.make(extra: [
            "Content/basics/chart.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"></svg>",
            "Content/basics/pictured.md": """
            ---
            title: Pictured
            summary: An article with a picture.
            tags: [trust]
            ---

            See [first](first.md) and the chart: ![A chart](chart.svg), and a web image: ![Remote](https://example.org/x.png).

            """,
        ], withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder, config: "offline: true\n")
        let archive = try Archive(url: URL(fileURLWithPath: "\(folder.path)/public/handbook.epub"), accessMode: .read)
        let paths = archive.map(\.path)
        #expect(paths.contains("EPUB/images/image-1.svg"))
        let text = try EPUBLanguageTests.articleDocument("basics--pictured", of: "\(folder.path)/public/handbook.epub")
        #expect(text.contains("<img src=\"images/image-1.svg\" alt=\"A chart\" width=\"40\" height=\"20\" />"))
        #expect(text.contains("<span class=\"image-alt\">[Remote]</span>"))
        var package = Data()
        _ = try archive.extract(try #require(archive.first { $0.path == "EPUB/package.opf" })) { package.append($0) }
        #expect(String(decoding: package, as: UTF8.self).contains("<item id=\"images-image-1\" href=\"images/image-1.svg\" media-type=\"image/svg+xml\" />"))
    }
}

/// The EPUB's package names each file by an id made from its path.
struct EPUBManifestTests {
    @Test func aManifestIDIsThePathWithoutItsExtensionAndSlashes() {
        #expect(EPUBBook.manifestID("cover.svg") == "cover-image")
        #expect(EPUBBook.manifestID("chapter-02-007.xhtml") == "chapter-02-007")
        #expect(EPUBBook.manifestID("images/image-3.png") == "images-image-3")
        #expect(EPUBBook.manifestID("nav.xhtml") == "nav")
    }
}

import KnowledgeBase
import Parallel
import RawDeflate

/// The whole handbook on one page, in reading order, to read offline or print as a book.
///
/// Each article's rendered HTML is reused: its heading ids get the article's prefix
/// (`practices--one-on-ones--agenda`) so they stay unique on the page, and links between
/// articles become links within the page. The page is written piece by piece, so even a
/// very large handbook never sits in memory whole. Each article's book form is rendered once,
/// for this page and, in the same pass, for its EPUB document (``EPUBDocuments``).
struct BookPage {
    static let path = "book.html"
    /// Articles rendered at once: enough for every core, few enough to keep memory flat.
    static let batchSize = 256
    let factory: PageFactory

    /// Writes `book.html` into the staging folder, piece by piece, and with `epub`, makes the
    /// EPUB's documents from the same articles.
    func write(with writer: FileWriter, epub: inout EPUBDocuments?) throws -> Int {
        let stream = try writer.openStream(Self.path)
        defer { stream.close() }
        try assemble(epub: &epub) { try stream.write($0) }
        return stream.bytesWritten
    }

    /// The page in memory, for a page list rendered whole.
    func html() -> String {
        var html = ""
        var epub: EPUBDocuments?
        do {
            try assemble(epub: &epub) { html += $0 }
        } catch {
            return ""
        }
        return html
    }

    /// The EPUB's documents alone, deflated.
    func epubDocuments() throws -> [(path: String, contents: DeflatedPiece)] {
        var epub: EPUBDocuments? = EPUBDocuments(factory: factory)
        try topicsAndArticles(epub: &epub) { _ in }
        return epub?.documents ?? []
    }

    /// Hands the page to `emit` in order, piece by piece.
    private func assemble(epub: inout EPUBDocuments?, _ emit: (String) throws -> Void) throws {
        let marker = "<!--handbook-book-content-->"
        let shell = factory.renderBookShell(contentMarker: marker)
        guard let split = shell.range(of: marker) else { throw BuildError.write("\(Self.path): the layout has no {{{content}}}") }
        try emit(String(shell[..<split.lowerBound]))
        try topicsAndArticles(epub: &epub, emit)
        try emit(String(shell[split.upperBound...]))
    }

    /// Each topic's heading, then its articles, rendered on all cores a batch at a time and
    /// handed to `emit` in order; with `epub`, each also becomes its EPUB document on the
    /// same core.
    private func topicsAndArticles(epub: inout EPUBDocuments?, _ emit: (String) throws -> Void) throws {
        let converter = epub?.converter
        for topic in factory.site.topics {
            let heading = factory.renderBookTopic(topic)
            try emit(heading)
            epub?.addTopic(topic, html: heading)
            let ids = factory.graph.articlesByTopic[topic.slug] ?? []
            for start in stride(from: 0, to: ids.count, by: Self.batchSize) {
                let batch = Array(ids[start..<min(start + Self.batchSize, ids.count)])
                let parts = batch.parallelMap { id -> (html: String, document: (path: String, contents: DeflatedPiece)?) in
                    guard let article = factory.articlesByID[id] else { return ("", nil) }
                    let html = factory.renderBookArticle(article, body: Self.rewrite(article.document.html, articleID: id, folder: article.topic))
                    return (html, converter?.article(article, html: html))
                }
                for part in parts {
                    try emit(part.html)
                    if let document = part.document { epub?.addArticle(document) }
                }
            }
        }
    }

    /// The id a topic's heading gets on the book page: `a/b` → `a--b`. The articles at the
    /// top of the content folder are under `book-pages`.
    static func anchor(topic slug: String) -> String {
        slug.isEmpty ? "book-pages" : anchor(articleID: slug)
    }

    /// The id an article's heading gets on the book page.
    static func anchor(articleID: String, fragment: String? = nil) -> String {
        let base = articleID.split(separator: "/").joined(separator: "--")
        return fragment.map { "\(base)--\($0)" } ?? base
    }

    /// Prefixes heading ids and turns links to other pages of the handbook into links within
    /// the book. The HTML comes from cmark's renderer, where attribute values are escaped, so
    /// ` id="` and ` href="` only ever start attributes. One pass over the UTF-8 bytes, so
    /// an article with 100,000 links costs no more than its length.
    static func rewrite(_ html: String, articleID: String, folder: String) -> String {
        let idPrefix = Array(anchor(articleID: articleID).utf8) + Array("--".utf8)
        let idMarker = Array(" id=\"".utf8)
        let hrefMarker = Array(" href=\"".utf8)
        let srcMarker = Array(" src=\"".utf8)
        var output: [UInt8] = []
        var html = html
        return html.withUTF8 { bytes -> String in
            output.reserveCapacity(bytes.count + 1024)
            var index = 0
            var copiedUpTo = 0
            while index < bytes.count {
                guard bytes[index] == 0x20 else {
                    index += 1
                    continue
                }
                let isID = matches(idMarker, in: bytes, at: index)
                let isSource = !isID && matches(srcMarker, in: bytes, at: index)
                guard isID || isSource || matches(hrefMarker, in: bytes, at: index) else {
                    index += 1
                    continue
                }
                let valueStart = index + (isID ? idMarker.count : isSource ? srcMarker.count : hrefMarker.count)
                guard let valueEnd = bytes[valueStart...].firstIndex(of: 0x22) else { break }
                output.append(contentsOf: bytes[copiedUpTo..<valueStart])
                if isID {
                    output.append(contentsOf: idPrefix)
                    output.append(contentsOf: bytes[valueStart..<valueEnd])
                } else if isSource {
                    let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
                    output.append(contentsOf: fromRoot(value, folder: folder).utf8)
                } else {
                    let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
                    output.append(contentsOf: bookLink(value, articleID: articleID, folder: folder).utf8)
                }
                copiedUpTo = valueEnd
                index = valueEnd
            }
            output.append(contentsOf: bytes[copiedUpTo...])
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static func matches(_ marker: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + marker.count <= bytes.count else { return false }
        for offset in 0..<marker.count where bytes[index + offset] != marker[offset] { return false }
        return true
    }

    /// An image's `src`, written from the article's folder, as seen from the site's root,
    /// where the book page is. Addresses with a scheme are left alone.
    static func fromRoot(_ value: String, folder: String) -> String {
        if value.isEmpty || value.contains(":") || value.hasPrefix("/") { return value }
        var components = folder.split(separator: "/").map(String.init)
        for component in value.split(separator: "/") {
            if component == ".." {
                if components.isEmpty { return value }
                components.removeLast()
            } else if component != "." {
                components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }

    /// `#x` → `#topic--slug--x`; `../t/s.html#x` → `#t--s--x`; `index.html` of a topic → `#t`;
    /// anything else (the web, the map) is left alone.
    static func bookLink(_ value: String, articleID: String, folder: String) -> String {
        if value.hasPrefix("#") { return "#" + anchor(articleID: articleID, fragment: String(value.dropFirst())) }
        if value.contains(":") || value.hasPrefix("/") { return value }
        let parts = value.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let fragment = parts.count > 1 ? String(parts[1]) : nil
        guard path.hasSuffix(".html") else { return value }
        var components = folder.split(separator: "/").map(String.init)
        for component in path.dropLast(5).split(separator: "/") {
            if component == ".." {
                if components.isEmpty { return value }
                components.removeLast()
            } else if component != "." {
                components.append(String(component))
            }
        }
        let target = components.joined(separator: "/")
        if target == "index" { return "#book-start" }
        if target.hasSuffix("/index") { return "#" + anchor(topic: String(target.dropLast(6))) }
        return "#" + anchor(articleID: target, fragment: fragment)
    }
}

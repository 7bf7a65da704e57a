import Foundation
import KnowledgeBase
import Parallel
import RawDeflate

/// The whole handbook as printable pages, one per topic (`book/practices.html`), in reading
/// order, to read offline or print as a book; `book.html` lists them (``PageJob/book``).
///
/// Each article's rendered HTML is reused: its heading ids get the article's prefix
/// (`practices--one-on-ones--agenda`) so they stay unique across the book, and links between
/// articles become links within the book: within the page when both are on it, to the other
/// page otherwise (``BookLinks``). A page per topic, and a topic of more than
/// ``articlesPerPage`` articles on several (`book/practices.2.html`), keeps each page
/// readable however large the handbook. Each is written piece by piece, and each article's
/// book form is rendered once, for its page and, in the same pass, for its EPUB document
/// (``EPUBDocuments``).
struct BookPage {
    static let path = "book.html"
    /// The folder of the topics' pages.
    static let folder = "book"
    /// The most articles on one page: about a book's worth of reading, and a page of about
    /// a megabyte, which a browser opens at once.
    static let articlesPerPage = 100
    let factory: PageFactory

    /// A page of the book: a topic's articles, or a run of them when it has too many for one.
    struct Part {
        var topic: Topic
        /// From 1, of `count` pages of the topic.
        var number: Int
        var count: Int
        var articles: ArraySlice<String>

        /// The name in `book/`: `practices.html`, `teams--hiring.html`, then `practices.2.html`:
        /// the dot cannot be in a topic's address, so no topic's page can be another's.
        var fileName: String { "\(PageJob.fileName(topic: topic.slug))\(number > 1 ? ".\(number)" : "").html" }

        var path: String { "\(BookPage.folder)/\(fileName)" }

        var title: String { count > 1 ? "\(topic.title), part \(number) of \(count)" : topic.title }
    }

    /// Every page of the book, in reading order: each topic's articles (`articlesOf`) split
    /// into runs of at most `perPage`; a topic with none has a page for its introduction.
    static func parts(topics: [Topic], articlesOf: (String) -> [String], perPage: Int = articlesPerPage) -> [Part] {
        topics.flatMap { topic -> [Part] in
            let ids = articlesOf(topic.slug)
            let count = max(1, (ids.count + perPage - 1) / perPage)
            return (0..<count).map { index in
                Part(topic: topic, number: index + 1, count: count, articles: ids[min(ids.count, index * perPage)..<min(ids.count, (index + 1) * perPage)])
            }
        }
    }

    static func parts(site: Site, graph: KnowledgeGraph) -> [Part] {
        parts(topics: site.topics) { graph.articlesByTopic[$0] ?? [] }
    }

    /// Writes every page of the book into the staging folder, piece by piece, and with `epub`,
    /// makes the EPUB's documents from the same articles. Returns the paths and the bytes written.
    func write(with writer: FileWriter, epub: inout EPUBDocuments?) throws -> (paths: [String], bytes: Int) {
        let parts = Self.parts(site: factory.site, graph: factory.graph)
        let links = BookLinks(parts: parts)
        try writer.makeFolders(for: parts.map(\.path))
        var bytes = 0
        for (index, part) in parts.enumerated() {
            let stream = try writer.openStream(part.path)
            defer { stream.close() }
            let marker = "<!--handbook-book-content-->"
            let shell = factory.renderBookPart(part, previous: index > 0 ? parts[index - 1] : nil,
                                               next: index + 1 < parts.count ? parts[index + 1] : nil, contentMarker: marker)
            guard let split = shell.range(of: marker) else { throw BuildError.write("\(part.path): the layout has no {{{content}}}") }
            try stream.write(String(shell[..<split.lowerBound]))
            try contents(of: part, links: links, epub: &epub) { try stream.write($0) }
            try stream.write(String(shell[split.upperBound...]))
            bytes += stream.bytesWritten
        }
        return (parts.map(\.path), bytes)
    }

    /// The EPUB's documents alone, deflated.
    func epubDocuments() throws -> [(path: String, contents: DeflatedPiece)] {
        var epub: EPUBDocuments? = EPUBDocuments(factory: factory)
        for part in Self.parts(site: factory.site, graph: factory.graph) {
            try contents(of: part, links: nil, epub: &epub) { _ in }
        }
        return epub?.documents ?? []
    }

    /// The topic's heading on its first page, then the page's articles, rendered on all cores
    /// and handed to `emit` in order, with their links made to work on the page (none are made
    /// without `links`); with `epub`, each also becomes its EPUB document on the same core.
    private func contents(of part: Part, links: BookLinks?, epub: inout EPUBDocuments?, _ emit: (String) throws -> Void) throws {
        let converter = epub?.converter
        let page = part.fileName
        if part.number == 1 {
            let heading = factory.renderBookTopic(part.topic)
            if let links { try emit(links.localize(heading, folder: part.topic.slug, onPage: page)) }
            epub?.addTopic(part.topic, html: heading)
        }
        let pieces = Array(part.articles).parallelMap { id -> (html: String?, document: (path: String, contents: DeflatedPiece)?) in
            guard let article = factory.articlesByID[id] else { return (nil, nil) }
            let body = Self.rewrite(article.html, articleID: id, folder: article.topic, isInBook: factory.isInBook)
            let html = factory.renderBookArticle(article, body: body)
            return (links?.localize(html, folder: article.topic, onPage: page), converter?.article(article, html: html))
        }
        for piece in pieces {
            if let html = piece.html { try emit(html) }
            if let document = piece.document { epub?.addArticle(document) }
        }
    }

    /// The id a topic's heading gets on the book page: `a/b` → `a--b`. The articles at the
    /// top of the content folder are under `book-pages`.
    static func anchor(topic slug: String) -> String {
        slug.isEmpty ? "book-pages" : anchor(articleID: slug)
    }

    /// The id an article's heading gets on the book page.
    static func anchor(articleID: String, fragment: String? = nil) -> String {
        let base = articleID.pathComponents().joined(separator: "--")
        return fragment.map { "\(base)--\($0)" } ?? base
    }

    /// Prefixes heading ids and turns links to the articles and topics of the handbook
    /// (those `isInBook` knows, by id or slug) into links within the book, as `#anchor`;
    /// images' addresses are made from the site's root.
    static func rewrite(_ html: String, articleID: String, folder: String, isInBook: (String) -> Bool) -> String {
        let idPrefix = anchor(articleID: articleID) + "--"
        return replacingAttributes(in: html) { attribute, value in
            switch attribute {
            case .id: idPrefix + value
            case .src: fromRoot(value, folder: folder)
            case .href: bookLink(value, articleID: articleID, folder: folder, isInBook: isInBook)
            }
        }
    }

    enum Attribute {
        case id, href, src
    }

    /// `html` with each `id`, `href` and `src` value replaced by what `replace` makes of it.
    /// The HTML comes from cmark's renderer and the theme's templates, where attribute values
    /// are escaped, so ` id="`, ` href="` and ` src="` only ever start attributes. One pass
    /// over the UTF-8 bytes, so an article with 100,000 links costs no more than its length;
    /// it stops only at quotes (every such attribute ends in one, and escaped text has none),
    /// found with `memchr`, and copies what lies between them whole.
    static func replacingAttributes(in html: String, _ replace: (Attribute, String) -> String) -> String {
        var output: [UInt8] = []
        var html = html
        return html.withUTF8 { bytes -> String in
            guard let start = bytes.baseAddress else { return "" }
            /// The position of the next `"` at or after `position`, if any.
            func quote(from position: Int) -> Int? {
                guard position < bytes.count, let found = memchr(start + position, 0x22, bytes.count - position) else { return nil }
                return start.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            output.reserveCapacity(bytes.count + 1024)
            var copiedUpTo = 0
            var position = 0
            while let opening = quote(from: position) {
                position = opening + 1
                guard let attribute = attribute(openedAt: opening, in: bytes) else { continue }
                guard let closing = quote(from: opening + 1) else { break }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo...opening]))
                output.append(contentsOf: replace(attribute, String(decoding: UnsafeBufferPointer(rebasing: bytes[(opening + 1)..<closing]), as: UTF8.self)).utf8)
                copiedUpTo = closing
                position = closing + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo...]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The attribute whose value the quote at `quote` opens, when it is ` id="`, ` href="` or ` src="`.
    private static func attribute(openedAt quote: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Attribute? {
        func endsWith(_ marker: StaticString) -> Bool {
            let length = marker.utf8CodeUnitCount
            guard quote >= length else { return false }
            let markerBytes = UnsafeBufferPointer(start: marker.utf8Start, count: length)
            for offset in 0..<length where bytes[quote - length + offset] != markerBytes[offset] { return false }
            return true
        }
        if endsWith(" id=") { return .id }
        if endsWith(" href=") { return .href }
        if endsWith(" src=") { return .src }
        return nil
    }

    /// An image's `src`, written from the article's folder, as seen from the site's root.
    /// Addresses with a scheme are left alone.
    static func fromRoot(_ value: String, folder: String) -> String {
        if value.isEmpty || value.utf8.contains(UInt8(ascii: ":")) || value.hasPrefix("/") { return value }
        return resolve(value[...], from: folder) ?? value
    }

    /// `path`, relative to `folder`, from the site's root; nil when it climbs above the root.
    private static func resolve(_ path: Substring, from folder: String) -> String? {
        var components = folder.pathComponents()
        for component in path.pathComponents() {
            if component == ".." {
                if components.isEmpty { return nil }
                components.removeLast()
            } else if component != "." {
                components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    /// `#x` → `#topic--slug--x`; `../t/s.html#x` → `#t--s--x`; `index.html` of a topic → `#t`;
    /// anything else (the web, the map, a tag) is left alone.
    static func bookLink(_ value: String, articleID: String, folder: String, isInBook: (String) -> Bool) -> String {
        if value.hasPrefix("#") { return "#" + anchor(articleID: articleID, fragment: String(value.dropFirst())) }
        if value.utf8.contains(UInt8(ascii: ":")) || value.hasPrefix("/") { return value }
        let hash = value.firstIndex(of: "#")
        let path = value[..<(hash ?? value.endIndex)]
        guard path.hasSuffix(".html"), let target = resolve(path.dropLast(5), from: folder) else { return value }
        if target == "index" { return "#" + EPUBBook.startAnchor }
        if target.hasSuffix("/index") {
            let topic = String(target.dropLast(6))
            return isInBook(topic) ? "#" + anchor(topic: topic) : value
        }
        let fragment = hash.map { String(value[value.index(after: $0)...]) }
        return isInBook(target) ? "#" + anchor(articleID: target, fragment: fragment) : value
    }
}

/// Which page of the book holds each anchor, so that a `#anchor` link made by
/// ``BookPage/rewrite(_:articleID:folder:isInBook:)`` can be turned into one that works from
/// the page it is on: `#anchor` on the same page, `other.html#anchor` on another.
struct BookLinks: Sendable {
    /// The page's file name in `book/`, by the anchor of a topic or an article; the first
    /// of them wins where two share one, as in the EPUB.
    private var anchors: [String: String] = [:]

    init(parts: [BookPage.Part]) {
        for part in parts {
            if part.number == 1 { add(anchor: BookPage.anchor(topic: part.topic.slug), in: part.fileName) }
            for id in part.articles { add(anchor: BookPage.anchor(articleID: id), in: part.fileName) }
        }
    }

    private mutating func add(anchor: String, in file: String) {
        if anchors[anchor] == nil { anchors[anchor] = file }
    }

    /// `html`, rewritten for the book, as it works on the page `page` (a file name in
    /// `book/`), one folder down from the site's root. `folder` is the folder of the page it
    /// came from, which its links that do not lead into the book are relative to.
    func localize(_ html: String, folder: String, onPage page: String) -> String {
        BookPage.replacingAttributes(in: html) { attribute, value in
            let isRelative = !value.isEmpty && !value.hasPrefix("/") && !value.hasPrefix("#") && !value.utf8.contains(UInt8(ascii: ":"))
            switch attribute {
            case .id: return value
            case .src: return isRelative ? "../" + value : value
            case .href:
                if isRelative { return "../" + BookPage.fromRoot(value, folder: folder) }
                guard value.hasPrefix("#") else { return value }
                let anchor = value.dropFirst()
                if anchor == EPUBBook.startAnchor { return "../" + BookPage.path }
                guard let file = EPUBBook.document(holding: anchor.utf8, anchors: anchors), file != page else { return value }
                return file + value
            }
        }
    }
}

import Foundation
import KnowledgeBase
import Parallel
import RawDeflate

/// The handbook as an EPUB 3 book: a cover, the start page, then for each topic a document
/// with its introduction followed by one document per article, in reading order, and a
/// navigation document that mirrors the topics.
///
/// The documents are the whole-handbook page's articles, rendered once for both
/// (``EPUBDocuments``): the same partials, and the same rewrite of ids and links
/// (``BookPage/rewrite(_:articleID:folder:isInBook:)``), so a link between articles becomes
/// `chapter-02-007.xhtml#practices--delegation--a-heading`. ``BookXHTML`` makes the result
/// well-formed XML. Everything is a function of the site: the same input gives the same bytes.
struct EPUBBook {
    static let path = "handbook.epub"
    static let startAnchor = "book-start"
    let factory: PageFactory
    /// `YYYY-MM-DD`: the last change to any article.
    let date: String
    /// The topics' and articles' documents, deflated, and where each is, when the pass that
    /// wrote the book's pages made them; otherwise the book makes them itself.
    var documents: EPUBDocuments? = nil

    /// One file inside the book's `EPUB/` folder.
    struct Item {
        /// A topic's or an article's document comes deflated; the other items are deflated
        /// with the package.
        enum Contents: Sendable {
            case bytes([UInt8])
            case deflated(DeflatedPiece)
        }

        var path: String
        var mediaType: String
        var contents: Contents
        var properties: String?
        var inSpine: Bool
    }

    var site: Site { factory.site }

    /// The document of the topic at `index`: `chapter-02.xhtml`.
    static func chapterPath(_ index: Int) -> String {
        "chapter-" + padded(index + 1, to: 2) + ".xhtml"
    }

    /// The document of the article at `position` among the `count` of the topic at `index`:
    /// `chapter-02-007.xhtml`, numbered so that the names sort in reading order.
    static func articlePath(chapter index: Int, position: Int, of count: Int) -> String {
        "chapter-" + padded(index + 1, to: 2) + "-" + padded(position + 1, to: max(3, String(count).count)) + ".xhtml"
    }

    private static func padded(_ number: Int, to width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Where each topic's and each article's document is in the book, and which document
    /// holds each anchor that a `#anchor` link of the book (``BookPage/bookLink(_:articleID:folder:isInBook:)``)
    /// can start with.
    struct DocumentPaths: Sendable {
        /// By topic slug.
        private(set) var topics: [String: String] = [:]
        /// By article id.
        private(set) var articles: [String: String] = [:]
        /// By the anchor of the start page, a topic or an article; the first of them wins
        /// where two share one.
        private(set) var anchors: [String: String] = [:]

        init(site: Site, graph: KnowledgeGraph) {
            anchors[EPUBBook.startAnchor] = "start.xhtml"
            for (index, topic) in site.topics.enumerated() {
                let chapter = EPUBBook.chapterPath(index)
                topics[topic.slug] = chapter
                add(anchor: BookPage.anchor(topic: topic.slug), in: chapter)
                let ids = graph.articlesByTopic[topic.slug] ?? []
                for (position, id) in ids.enumerated() {
                    let path = EPUBBook.articlePath(chapter: index, position: position, of: ids.count)
                    articles[id] = path
                    add(anchor: BookPage.anchor(articleID: id), in: path)
                }
            }
        }

        private mutating func add(anchor: String, in path: String) {
            if anchors[anchor] == nil { anchors[anchor] = path }
        }
    }

    /// Writes the book to the file at `path`.
    func write(to path: String) throws {
        let items = try items()
        try EPUBArchive.write(items: items, packageDocument: packageDocument(for: items), date: date, to: path)
    }

    /// Cover, start page, the topics' and articles' documents, navigation document and
    /// stylesheet, in reading order.
    func items() throws -> [Item] {
        let images = Self.images(of: site, linked: factory.graph.linkedFiles)
        let imagePaths = Dictionary(uniqueKeysWithValues: images.map { ($0.file.outputPath, $0.path) })
        let paths = documents?.converter.paths ?? DocumentPaths(site: site, graph: factory.graph)
        var items = [
            Item(path: "cover.svg", mediaType: "image/svg+xml", contents: .bytes(Array(coverImage().utf8)), properties: "cover-image", inSpine: false),
            Item(path: "cover.xhtml", mediaType: "application/xhtml+xml", contents: .bytes(coverPage()), inSpine: true),
            Item(path: "nav.xhtml", mediaType: "application/xhtml+xml", contents: .bytes(navigationDocument(paths: paths)), properties: "nav", inSpine: true),
            Item(path: "start.xhtml", mediaType: "application/xhtml+xml", contents: .bytes(startPage(images: imagePaths, paths: paths)), inSpine: true),
        ]
        for document in try documents?.documents ?? BookPage(factory: factory).epubDocuments() {
            items.append(Item(path: document.path, mediaType: "application/xhtml+xml", contents: .deflated(document.contents), inSpine: true))
        }
        items.append(Item(path: "book.css", mediaType: "text/css", contents: .bytes(factory.theme.epubStylesheet), inSpine: false))
        for image in images {
            let bytes = FileManager.default.contents(atPath: image.file.location).map { [UInt8]($0) } ?? []
            items.append(Item(path: image.path, mediaType: image.mediaType, contents: .bytes(bytes), inSpine: false))
        }
        return items
    }

    /// The image formats every EPUB reader shows.
    static let imageTypes = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml"]

    /// Every image of the content folder that a page shows or links, in the order of its
    /// path, with its name in the book (`images/image-1.png`: plain names need no escaping).
    static func images(of site: Site, linked: Set<String>) -> [(file: ContentFile, path: String, mediaType: String)] {
        var images: [(file: ContentFile, path: String, mediaType: String)] = []
        for file in site.files.sorted(by: { $0.outputPath < $1.outputPath }) where linked.contains(file.sourcePath) {
            let type = String(file.outputPath.split(separator: ".").last ?? "").lowercased()
            guard let mediaType = imageTypes[type], file.outputPath.contains(".") else { continue }
            images.append((file, "images/image-\(images.count + 1).\(type)", mediaType))
        }
        return images
    }

    // MARK: - Links

    /// Where a link of the page in `folder` goes in the book. `BookPage.bookLink` has already
    /// turned links between pages of the book into `#anchor`, which goes to the document of
    /// the longest known anchor it starts with (``DocumentPaths/anchors``); the web stays the
    /// web; other pages of the site (the map, tags) are absolute links when the site has a
    /// base URL, and plain text otherwise.
    /// Static, and given the site's `baseURL`, so that resolving a link copies nothing of the book.
    static func resolve(_ href: String, folder: String, anchors: [String: String], baseURL: String?) -> BookXHTML.LinkTarget {
        if href.hasPrefix("#") {
            return document(holding: href.utf8.dropFirst(), anchors: anchors).map { .keep($0 + href) } ?? .unwrap
        }
        if let colon = href.firstIndex(of: ":"), !href[..<colon].contains("/") {
            let scheme = href[..<colon].lowercased()
            return ["http", "https", "mailto"].contains(scheme) ? .keep(href) : .unwrap
        }
        guard let base = baseURL, !href.hasPrefix("/") else { return .unwrap }
        var components = folder.pathComponents().map(String.init)
        for component in href.pathComponents() {
            if component == ".." {
                guard !components.isEmpty else { return .unwrap }
                components.removeLast()
            } else if component != "." {
                components.append(String(component))
            }
        }
        return .keep(BaseURL.join(base, components.joined(separator: "/")))
    }

    /// The document of `anchor` itself, or of the longest part before a `--` in it that is a
    /// known anchor: `practices--delegation--why` is in the document of `practices--delegation`.
    static func document(holding anchor: Substring.UTF8View, anchors: [String: String]) -> String? {
        if let file = anchors[String(Substring(anchor))] { return file }
        let bytes = Array(anchor)
        let dash = UInt8(ascii: "-")
        for end in stride(from: bytes.count - 2, to: 0, by: -1) where bytes[end] == dash && bytes[end + 1] == dash {
            if let file = anchors[String(decoding: bytes[..<end], as: UTF8.self)] { return file }
        }
        return nil
    }

    // MARK: - Documents

    /// An XHTML document of the book up to its `<body>`.
    static func documentHead(title: String, bodyClass: String, language: String) -> String {
        let language = XMLEscaping.escape(language)
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="\(language)" lang="\(language)">
        <head>
        <meta charset="utf-8" />
        <title>\(XMLEscaping.escape(title))</title>
        <link rel="stylesheet" type="text/css" href="book.css" />
        </head>
        <body class="\(bodyClass)">

        """
    }

    static let documentTail = "\n</body>\n</html>\n"

    private func document(title: String, bodyClass: String, body: (inout BookXHTML) -> Void) -> [UInt8] {
        var xhtml = BookXHTML()
        body(&xhtml)
        return Array(Self.documentHead(title: title, bodyClass: bodyClass, language: site.config.language).utf8) + xhtml.finish()
            + Array(Self.documentTail.utf8)
    }

    func startPage(images: [String: String], paths: DocumentPaths) -> [UInt8] {
        let (anchors, baseURL) = (paths.anchors, site.config.baseURL)
        let title = site.home?.title ?? site.config.title
        let description = site.home?.description ?? site.config.description
        return document(title: title, bodyClass: "start") { xhtml in
            var header = "<section class=\"book-start\" id=\"\(Self.startAnchor)\">\n<h1>\(XMLEscaping.escape(title))</h1>\n"
            if !description.isEmpty { header += "<p class=\"lede\">\(XMLEscaping.escape(description))</p>\n" }
            xhtml.appendVerbatim(header)
            let introduction = BookPage.rewrite(site.home?.document.html ?? "", articleID: Self.startAnchor, folder: "", isInBook: factory.isInBook)
            xhtml.append(introduction, resolve: { Self.resolve($0, folder: "", anchors: anchors, baseURL: baseURL) },
                         image: { images[$0.removingPercentEncoding ?? $0] })
            xhtml.appendVerbatim("</section>")
        }
    }

    /// A topic in the navigation document: its articles, then the topics inside it, so the
    /// contents mirror the folders.
    private func navigationEntry(_ topic: Topic, paths: DocumentPaths) -> String {
        guard let file = paths.topics[topic.slug] else { return "" }
        var entry = "<li><a href=\"\(file)#\(XMLEscaping.escape(BookPage.anchor(topic: topic.slug)))\">\(XMLEscaping.escape(topic.title))</a>"
        var items = ""
        for id in factory.graph.articlesByTopic[topic.slug] ?? [] {
            guard let file = paths.articles[id], let title = factory.articlesByID[id]?.title else { continue }
            items += "<li><a href=\"\(file)#\(XMLEscaping.escape(BookPage.anchor(articleID: id)))\">\(XMLEscaping.escape(title))</a></li>\n"
        }
        if !topic.slug.isEmpty {
            for child in site.topics where child.parent == topic.slug { items += navigationEntry(child, paths: paths) }
        }
        if !items.isEmpty { entry += "\n<ol>\n" + items + "</ol>\n" }
        return entry + "</li>\n"
    }

    func navigationDocument(paths: DocumentPaths) -> [UInt8] {
        document(title: "Contents", bodyClass: "contents") { xhtml in
            var nav = "<nav epub:type=\"toc\" id=\"toc\">\n<h1>Contents</h1>\n<ol>\n"
            nav += "<li><a href=\"start.xhtml\">\(XMLEscaping.escape(site.home?.title ?? site.config.title))</a></li>\n"
            for topic in site.topics where topic.parent == nil { nav += navigationEntry(topic, paths: paths) }
            nav += "</ol>\n</nav>\n"
            nav += """
            <nav epub:type="landmarks" id="landmarks" hidden="hidden">
            <h2>Landmarks</h2>
            <ol>
            <li><a epub:type="cover" href="cover.xhtml">Cover</a></li>
            <li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>
            <li><a epub:type="bodymatter" href="start.xhtml">Start</a></li>
            </ol>
            </nav>
            """
            xhtml.appendVerbatim(nav)
        }
    }

    func coverPage() -> [UInt8] {
        document(title: site.config.title, bodyClass: "cover") { xhtml in
            xhtml.appendVerbatim("<section epub:type=\"cover\" class=\"cover\"><img src=\"cover.svg\" alt=\"\(XMLEscaping.escape(site.config.title))\" /></section>")
        }
    }

    // MARK: - Cover

    /// The title set in large type on a plain page, the description beneath it: an SVG drawn
    /// here, so no image tool is needed.
    func coverImage() -> String {
        let width = 1200, height = 1800
        let titleLines = Self.wrap(site.config.title, width: 22)
        // Large type, smaller for long lines, so the longest fits inside the frame.
        let titleSize = min(120, 1700 / max(1, titleLines.map(\.count).max() ?? 1))
        let descriptionLines = Self.wrap(site.config.description, width: 44)
        var svg = """
        <?xml version="1.0" encoding="utf-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)">
        <rect width="\(width)" height="\(height)" fill="#1f3a5f"/>
        <rect x="90" y="90" width="\(width - 180)" height="\(height - 180)" fill="none" stroke="#e8d9b5" stroke-width="4"/>
        <g font-family="Georgia, 'Times New Roman', serif" fill="#fdfaf3">

        """
        var y = 560
        for line in titleLines {
            svg += "<text x=\"\(width / 2)\" y=\"\(y)\" font-size=\"\(titleSize)\" font-weight=\"bold\" text-anchor=\"middle\">\(XMLEscaping.escape(line))</text>\n"
            y += titleSize * 5 / 4
        }
        y += 40
        svg += "<rect x=\"\(width / 2 - 120)\" y=\"\(y)\" width=\"240\" height=\"6\" fill=\"#e8d9b5\"/>\n"
        y += 120
        for line in descriptionLines {
            svg += "<text x=\"\(width / 2)\" y=\"\(y)\" font-size=\"48\" font-style=\"italic\" text-anchor=\"middle\" fill=\"#e8d9b5\">\(XMLEscaping.escape(line))</text>\n"
            y += 66
        }
        return svg + "</g>\n</svg>\n"
    }

    /// Words in lines of at most `width` characters (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    // MARK: - Package document

    /// The book's identifier: the site's address, or the same name the Atom feed uses.
    var identifier: String { Feeds.identifier(for: site.config) }

    func packageDocument(for items: [Item]) -> String {
        let config = site.config
        var opf = """
        <?xml version="1.0" encoding="utf-8"?>
        <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="\(XMLEscaping.escape(config.language))">
        <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:identifier id="book-id">\(XMLEscaping.escape(identifier))</dc:identifier>
        <dc:title>\(XMLEscaping.escape(config.title))</dc:title>
        <dc:language>\(XMLEscaping.escape(config.language))</dc:language>
        <dc:creator>\(XMLEscaping.escape(config.author ?? config.title))</dc:creator>

        """
        if !config.description.isEmpty { opf += "<dc:description>\(XMLEscaping.escape(config.description))</dc:description>\n" }
        opf += """
        <dc:date>\(date)</dc:date>
        <meta property="dcterms:modified">\(date)T00:00:00Z</meta>
        <meta name="cover" content="cover-image" />
        </metadata>
        <manifest>

        """
        for item in items {
            let id = Self.manifestID(item.path)
            opf += "<item id=\"\(id)\" href=\"\(item.path)\" media-type=\"\(item.mediaType)\"\(item.properties.map { " properties=\"\($0)\"" } ?? "") />\n"
        }
        opf += "</manifest>\n<spine>\n"
        for item in items where item.inSpine {
            opf += "<itemref idref=\"\(Self.manifestID(item.path))\" />\n"
        }
        return opf + "</spine>\n</package>\n"
    }

    /// `chapter-01.xhtml` → `chapter-01`, `cover.svg` → `cover-image`.
    static func manifestID(_ path: String) -> String {
        if path == "cover.svg" { return "cover-image" }
        let stem = path.utf8.prefix { $0 != UInt8(ascii: ".") }
        return String(decoding: stem.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
    }
}

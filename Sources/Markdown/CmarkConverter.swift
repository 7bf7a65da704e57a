import Ccmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The one place that touches cmark pointers.
///
/// It parses once, walks the tree with cmark's iterator (never Swift recursion, so a
/// document nested 100,000 levels deep cannot overflow the stack), rewrites link
/// destinations and headings in place, renders with cmark's own HTML renderer, and frees
/// the tree, the iterator and the rendered buffer before returning.
enum CmarkConverter {
    static func convert(
        _ source: String,
        options: RenderOptions,
        rewrite: (String) -> String?
    ) -> MarkdownDocument {
        var cmarkOptions = CMARK_OPT_DEFAULT
        if !options.contains(.noSmartPunctuation) { cmarkOptions |= CMARK_OPT_SMART }
        if options.contains(.unsafe) { cmarkOptions |= CMARK_OPT_UNSAFE }

        var utf8 = Array(source.utf8)
        let root: OpaquePointer = utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parse_document($0, buffer.count, cmarkOptions)
            }
        }
        defer { cmark_node_free(root) }

        var walker = TreeWalker(options: options)
        walker.walk(root, rewrite: rewrite)
        walker.replaceHeadings()

        guard let rendered = cmark_render_html(root, cmarkOptions) else {
            return walker.document(html: "")
        }
        defer { free(rendered) }
        return walker.document(html: String(cString: rendered))
    }
}

/// Collects headings, links and text in one iterator pass.
private struct TreeWalker {
    let options: RenderOptions
    private(set) var headings: [Heading] = []
    private(set) var links: [Link] = []
    private var sections: [Section] = []
    private var headingNodes: [OpaquePointer] = []
    private var slugger = HeadingSlugger()
    private var firstParagraph: String?

    /// Text of the section being read.
    private var sectionText: [UInt8] = []
    /// Text of the leaf block being read (paragraph, heading, code block).
    private var blockText: [UInt8] = []
    /// Links inside the current block, with their byte range in `blockText`.
    private var pendingLinks: [(index: Int, start: Int)] = []
    private var openLinks: [(index: Int, start: Int)] = []
    private var currentHeading: Heading?

    init(options: RenderOptions) {
        self.options = options
    }

    mutating func walk(_ root: OpaquePointer, rewrite: (String) -> String?) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var lastLine = 1
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            let line = Int(cmark_node_get_start_line(node))
            if line > 0 { lastLine = line }

            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                appendLiteral(of: node)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                blockText.append(UInt8(ascii: " "))
            case CMARK_NODE_CODE_BLOCK:
                appendLiteral(of: node)
                finishBlock(isParagraph: false)
            case CMARK_NODE_PARAGRAPH:
                if !entering { finishBlock(isParagraph: true) }
            case CMARK_NODE_HEADING:
                if entering {
                    finishSection()
                } else {
                    let text = String(decoding: blockText, as: UTF8.self)
                    let heading = Heading(
                        level: Int(cmark_node_get_heading_level(node)),
                        text: text,
                        id: slugger.uniqueSlug(for: text),
                        position: position(of: node, fallbackLine: lastLine)
                    )
                    headings.append(heading)
                    headingNodes.append(node)
                    currentHeading = heading
                    resolvePendingLinks()
                    blockText.removeAll(keepingCapacity: true)
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if entering {
                    enterLink(node, fallbackLine: lastLine, rewrite: rewrite)
                } else if let open = openLinks.popLast() {
                    links[open.index].text = String(decoding: blockText[open.start...], as: UTF8.self)
                }
            default:
                break
            }
        }
        finishBlock(isParagraph: false)
        finishSection()
    }

    private mutating func enterLink(_ node: OpaquePointer, fallbackLine: Int, rewrite: (String) -> String?) {
        let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
        let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        let link = Link(
            kind: isImage ? .image : .link,
            destination: destination,
            text: "",
            context: "",
            position: position(of: node, fallbackLine: fallbackLine)
        )
        if !options.contains(.unsafe) && URLSafety.isDangerous(destination) {
            cmark_node_set_url(node, "")
        } else if let rewritten = rewrite(destination) {
            cmark_node_set_url(node, rewritten)
        }
        openLinks.append((links.count, blockText.count))
        pendingLinks.append((links.count, blockText.count))
        links.append(link)
    }

    private mutating func appendLiteral(of node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let count = strlen(literal)
        literal.withMemoryRebound(to: UInt8.self, capacity: count) {
            blockText.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
        }
    }

    private mutating func finishBlock(isParagraph: Bool) {
        resolvePendingLinks()
        guard !blockText.isEmpty else { return }
        if isParagraph && firstParagraph == nil {
            firstParagraph = String(decoding: blockText, as: UTF8.self)
        }
        if !sectionText.isEmpty { sectionText.append(UInt8(ascii: "\n")) }
        sectionText.append(contentsOf: blockText)
        blockText.removeAll(keepingCapacity: true)
    }

    private mutating func resolvePendingLinks() {
        for pending in pendingLinks {
            links[pending.index].context = SentenceFinder.sentence(in: blockText, around: pending.start)
        }
        pendingLinks.removeAll(keepingCapacity: true)
        openLinks.removeAll(keepingCapacity: true)
    }

    private mutating func finishSection() {
        finishBlock(isParagraph: false)
        if currentHeading != nil || !sectionText.isEmpty {
            sections.append(Section(heading: currentHeading, text: String(decoding: sectionText, as: UTF8.self)))
        }
        sectionText.removeAll(keepingCapacity: true)
        currentHeading = nil
    }

    private func position(of node: OpaquePointer, fallbackLine: Int) -> SourcePosition {
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        return line > 0 ? SourcePosition(line: line, column: max(column, 1)) : SourcePosition(line: fallbackLine, column: 1)
    }

    /// Swaps each heading for a custom block that renders `<hN id="…">`, moving its
    /// children over. Done after the walk: cmark's iterator must not see the tree change.
    mutating func replaceHeadings() {
        for (node, heading) in zip(headingNodes, headings) {
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            let level = min(max(heading.level, 1), 6)
            let id = HTMLEscaping.escape(heading.id)
            cmark_node_set_on_enter(block, "<h\(level) id=\"\(id)\">")
            let permalink = options.contains(.noHeadingPermalinks)
                ? ""
                : "<a class=\"heading-anchor\" href=\"#\(id)\" aria-label=\"Link to this section: \(HTMLEscaping.escape(heading.text))\">#</a>"
            cmark_node_set_on_exit(block, "\(permalink)</h\(level)>")
            while let child = cmark_node_first_child(node) {
                cmark_node_unlink(child)
                cmark_node_append_child(block, child)
            }
            cmark_node_replace(node, block)
            cmark_node_free(node)
        }
        headingNodes.removeAll()
    }

    func document(html: String) -> MarkdownDocument {
        MarkdownDocument(html: html, headings: headings, links: links, sections: sections, firstParagraph: firstParagraph)
    }
}

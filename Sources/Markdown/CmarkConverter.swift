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
        rewrite: (Link) -> String?
    ) -> MarkdownDocument {
        let cmarkOptions = options.cmarkOptions
        var bytes = Array(source.utf8)
        let footnoteLines = FootnoteDefinitionLines.hide(in: &bytes, options: cmarkOptions)
        let root = CmarkNode.parse(bytes, options: cmarkOptions)
        defer { cmark_node_free(root) }

        var extensions = GitHubExtensions(source: SourceLines(bytes), cmarkOptions: cmarkOptions, footnoteLines: footnoteLines,
                                          wikiLinks: options.contains(.wikiLinks))
        extensions.apply(to: root)
        var walker = TreeWalker(options: options, roles: extensions.roles, source: extensions.source)
        walker.walk(root, rewrite: rewrite)
        walker.replaceHeadings()
        walker.unwrapLinksShownAsText()
        let problems = (extensions.problems + walker.problems).sorted { $0.position < $1.position }

        guard let rendered = cmark_render_html(root, cmarkOptions) else {
            return walker.document(html: "", problems: problems)
        }
        defer { free(rendered) }
        return walker.document(html: String(cString: rendered), problems: problems)
    }
}

extension CmarkConverter {
    /// What libcmark alone renders for `source`: the reference the extensions are measured
    /// against, so that plain CommonMark comes out exactly as cmark writes it.
    static func plainCmarkHTML(_ source: String, options: RenderOptions) -> String {
        let cmarkOptions = options.cmarkOptions
        let root = CmarkNode.parse(Array(source.utf8), options: cmarkOptions)
        defer { cmark_node_free(root) }
        guard let rendered = cmark_render_html(root, cmarkOptions) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}

/// Footnote definitions (`[^label]: text`) hidden from cmark before it parses: a definition
/// whose text is one word (often a bare address) would otherwise be read as a link
/// reference definition, vanish, and turn every `[^label]` into a link.
enum FootnoteDefinitionLines {
    /// Turns the `[` of each definition outside code into `\` (same length, so every
    /// position stays right) and returns the lines changed.
    static func hide(in bytes: inout [UInt8], options: Int32) -> Set<Int> {
        let candidates = candidateLines(in: bytes)
        guard !candidates.isEmpty else { return [] }
        // Code blocks and raw HTML keep `[^x]:` as written: ask cmark where they are.
        var insideCode = Set<Int>()
        let root = CmarkNode.parse(bytes, options: options)
        let iterator = cmark_iter_new(root)
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = CmarkNode.type(node)
            if type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK {
                let first = CmarkNode.startLine(node)
                let last = CmarkNode.endLine(node)
                if first > 0, last >= first { insideCode.formUnion(first...last) }
            }
        }
        cmark_iter_free(iterator)
        cmark_node_free(root)
        var hidden = Set<Int>()
        for (line, offset) in candidates where !insideCode.contains(line) {
            bytes[offset] = UInt8(ascii: "\\")
            hidden.insert(line)
        }
        return hidden
    }

    /// Lines that start (after up to three spaces and any `>` markers) with `[^label]:`,
    /// with the offset of their `[`.
    private static func candidateLines(in bytes: [UInt8]) -> [(line: Int, offset: Int)] {
        var result: [(Int, Int)] = []
        var line = 1
        var index = 0
        while index < bytes.count {
            var cursor = index
            var spaces = 0
            while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == UInt8(ascii: ">"), spaces < 12 {
                cursor += 1
                spaces += 1
            }
            if cursor + 3 < bytes.count, bytes[cursor] == UInt8(ascii: "["), bytes[cursor + 1] == UInt8(ascii: "^") {
                var close = cursor + 2
                while close < bytes.count, bytes[close] != UInt8(ascii: "]"), bytes[close] != 0x0A, bytes[close] != UInt8(ascii: "[") { close += 1 }
                if close > cursor + 2, close + 1 < bytes.count, bytes[close] == UInt8(ascii: "]"), bytes[close + 1] == UInt8(ascii: ":") {
                    result.append((line, cursor))
                }
            }
            while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            index += 1
            line += 1
        }
        return result
    }
}

extension RenderOptions {
    var cmarkOptions: Int32 {
        var flags = CMARK_OPT_DEFAULT
        if !contains(.noSmartPunctuation) { flags |= CMARK_OPT_SMART }
        if contains(.unsafe) { flags |= CMARK_OPT_UNSAFE }
        return flags
    }
}

/// Collects headings, links and text in one iterator pass.
private struct TreeWalker {
    let options: RenderOptions
    /// The nodes the GitHub extensions made, and what they are.
    let roles: [OpaquePointer: ExtensionRole]
    private(set) var problems: [MarkdownProblem] = []
    /// Position shifts of the relocated subtrees being walked, innermost last.
    private var relocations: [(lines: Int, columns: Int)] = []
    /// Footnote text, by number, and the sections that refer to each footnote.
    private var footnoteText: [Int: [UInt8]] = [:]
    private var footnoteReferences: [(number: Int, section: Int)] = []
    private var currentFootnote: Int?
    private(set) var headings: [Heading] = []
    private(set) var links: [Link] = []
    private var sections: [Section] = []
    private var headingNodes: [OpaquePointer] = []
    /// Wiki links the caller did not resolve: they render as their text.
    /// Links and images to show as their text: unresolved wiki links, and those the caller unlinked.
    private var linksShownAsText: [OpaquePointer] = []
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

    private let source: SourceLines
    /// Where each link reference definition is, by normalised label; read on first need.
    private var definitionPositions: [String: SourcePosition]?

    init(options: RenderOptions, roles: [OpaquePointer: ExtensionRole], source: SourceLines) {
        self.options = options
        self.roles = roles
        self.source = source
    }

    mutating func walk(_ root: OpaquePointer, rewrite: (Link) -> String?) {
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
                if entering { finishSection() } else { finishHeading(node, fallbackLine: lastLine) }
            case CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
                if let role = roles[node] { enterOrExit(role, entering: entering) }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if !options.contains(.unsafe) { reportRawHTML(node, fallbackLine: lastLine) }
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
        // A footnote's text belongs to the section that refers to it.
        for reference in footnoteReferences where reference.section < sections.count {
            guard let text = footnoteText[reference.number], !text.isEmpty else { continue }
            sections[reference.section].text += "\n" + String(decoding: text, as: UTF8.self)
        }
    }

    /// A heading's text is complete: it gets its id and starts the next section.
    private mutating func finishHeading(_ node: OpaquePointer, fallbackLine: Int) {
        let text = String(decoding: blockText, as: UTF8.self)
        let heading = Heading(
            level: Int(cmark_node_get_heading_level(node)),
            text: text,
            id: slugger.uniqueSlug(for: text),
            position: position(of: node, fallbackLine: fallbackLine)
        )
        headings.append(heading)
        headingNodes.append(node)
        currentHeading = heading
        resolvePendingLinks()
        blockText.removeAll(keepingCapacity: true)
    }

    private mutating func enterOrExit(_ role: ExtensionRole, entering: Bool) {
        switch role {
        case .tableRow:
            if !entering { finishBlock(isParagraph: false) }
        case .tableCell:
            if !entering { blockText.append(UInt8(ascii: " ")) }
        case .relocated(let lines, let columns):
            if entering {
                let outer = relocations.last ?? (0, 0)
                relocations.append((outer.lines + lines, outer.columns + columns))
            } else {
                relocations.removeLast()
            }
        case .footnoteReference(let number):
            footnoteReferences.append((number, sections.count))
        case .footnoteDefinition(let number):
            finishBlock(isParagraph: false)
            currentFootnote = entering ? number : nil
        case .wikiLink:
            break  // a link node: read in enterLink
        }
    }

    /// Raw HTML that the safe renderer leaves out: one warning per element (its opening
    /// tag), none for closing tags and comments, which hold nothing a reader would miss.
    private mutating func reportRawHTML(_ node: OpaquePointer, fallbackLine: Int) {
        let literal = CmarkNode.literal(node)
        guard let tag = RawHTML.openingTag(in: literal) else { return }
        problems.append(MarkdownProblem(position(of: node, fallbackLine: fallbackLine),
                                        "raw HTML <\(tag)> is not published", hint: RawHTML.hint(for: tag)))
    }

    private mutating func enterLink(_ node: OpaquePointer, fallbackLine: Int, rewrite: (Link) -> String?) {
        let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
        let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        var link = Link(
            kind: isImage ? .image : .link,
            destination: destination,
            text: "",
            context: "",
            position: position(of: node, fallbackLine: fallbackLine)
        )
        if case .wikiLink(let position, let text) = roles[node] {
            // The target names a page, not a URL: the caller resolves it or it stays text.
            link.isWikiLink = true
            link.position = position
            link.text = text
            if let resolved = rewrite(link), options.contains(.unsafe) || !URLSafety.isDangerous(resolved) {
                cmark_node_set_url(node, resolved)
            } else {
                linksShownAsText.append(node)
            }
        } else {
            link.definition = definitionPosition(ofReferenceLink: node)
            if !options.contains(.unsafe) && URLSafety.isDangerous(destination) {
                cmark_node_set_url(node, "")
            } else if let rewritten = rewrite(link) {
                if rewritten == Link.shownAsText {
                    linksShownAsText.append(node)
                } else {
                    cmark_node_set_url(node, rewritten)
                }
            }
        }
        openLinks.append((links.count, blockText.count))
        pendingLinks.append((links.count, blockText.count))
        links.append(link)
    }

    /// For `[text][label]`, `[label][]` and `[label]`, where `[label]: destination` is written.
    private mutating func definitionPosition(ofReferenceLink node: OpaquePointer) -> SourcePosition? {
        guard relocations.isEmpty else { return nil }
        let line = Int(cmark_node_get_start_line(node))
        let endLine = Int(cmark_node_get_end_line(node))
        let start = Int(cmark_node_get_start_column(node))
        let end = Int(cmark_node_get_end_column(node))
        guard line > 0, line == endLine, start >= 1, end >= start else { return nil }
        let text = source.line(line)
        guard end <= text.count else { return nil }
        let span = text[(text.startIndex + start - 1)..<(text.startIndex + end)]
        guard span.last == UInt8(ascii: "]") else { return nil }
        var labelEnd = span.endIndex - 1
        if span.count >= 2, span[labelEnd - 1] == UInt8(ascii: "[") {
            labelEnd -= 2  // `[label][]`: the label is the first brackets' text.
        }
        guard let labelStart = span[..<labelEnd].lastIndex(of: UInt8(ascii: "[")) else { return nil }
        let label = FootnoteTable.normalise(span[(labelStart + 1)..<labelEnd])
        if definitionPositions == nil { definitionPositions = Self.definitions(in: source) }
        return definitionPositions?[label]
    }

    private static func definitions(in source: SourceLines) -> [String: SourcePosition] {
        var result: [String: SourcePosition] = [:]
        for number in 1...source.count {
            let text = source.line(number)
            guard let open = text.firstIndex(where: { $0 != 0x20 && $0 != UInt8(ascii: ">") }), open - text.startIndex < 12,
                  text[open] == UInt8(ascii: "["), let close = text[open...].firstIndex(of: UInt8(ascii: "]")),
                  close + 1 < text.endIndex, text[close + 1] == UInt8(ascii: ":") else { continue }
            let label = FootnoteTable.normalise(text[(open + 1)..<close])
            if result[label] == nil {
                var destination = close + 2
                while destination < text.endIndex, text[destination] == 0x20 || text[destination] == 0x09 { destination += 1 }
                result[label] = SourcePosition(line: number, column: destination - text.startIndex + 1)
            }
        }
        return result
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
        if let currentFootnote {
            footnoteText[currentFootnote, default: []].append(contentsOf: blockText + [UInt8(ascii: "\n")])
            blockText.removeAll(keepingCapacity: true)
            return
        }
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
        guard line > 0 else { return SourcePosition(line: fallbackLine, column: 1) }
        let shift = relocations.last ?? (0, 0)
        return SourcePosition(line: max(line + shift.lines, 1), column: max(column + shift.columns, 1))
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

    /// Puts the text of each link shown as text (an image's alt text) where the link was.
    /// Done after the walk, like ``replaceHeadings()``.
    mutating func unwrapLinksShownAsText() {
        for node in linksShownAsText {
            while let child = cmark_node_first_child(node) {
                cmark_node_unlink(child)
                cmark_node_insert_before(node, child)
            }
            CmarkNode.delete(node)
        }
        linksShownAsText.removeAll()
    }

    func document(html: String, problems: [MarkdownProblem]) -> MarkdownDocument {
        MarkdownDocument(html: html, headings: headings, links: links, sections: sections, firstParagraph: firstParagraph,
                         problems: problems)
    }
}

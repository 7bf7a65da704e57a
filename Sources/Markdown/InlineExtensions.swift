import Ccmark

/// Footnotes of one document: definitions by normalised label, and the order of first use.
struct FootnoteTable {
    struct Definition {
        /// A detached block holding the definition's content.
        var container: OpaquePointer
        var position: SourcePosition
        var number: Int?
        var referenceCount = 0
        /// The text on the definition's first line, with where it starts: its cmark position
        /// still points at the `[^label]:` taken off it.
        var firstText: (node: OpaquePointer, start: SourcePosition)?
    }

    var definitions: [String: Definition] = [:]
    /// Normalised labels in the order of their first reference.
    var used: [String] = []

    static func normalise(_ label: some Collection<UInt8>) -> String {
        String(decoding: label, as: UTF8.self).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension GitHubExtensions {
    // MARK: - Footnote definitions

    /// Takes every `[^label]: text` paragraph (and the indented blocks after it) out of the
    /// tree into a detached container, to be placed in the footnotes section if referenced.
    mutating func extractFootnoteDefinitions(from root: OpaquePointer) {
        guard !footnoteLines.isEmpty else { return }
        var starts: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  CmarkNode.type(node) == CMARK_NODE_TEXT, footnoteLines.contains(CmarkNode.startLine(node)),
                  let parent = cmark_node_parent(node), CmarkNode.type(parent) == CMARK_NODE_PARAGRAPH else { continue }
            let previous = cmark_node_previous(node)
            if previous == nil || CmarkNode.type(previous!) == CMARK_NODE_SOFTBREAK { starts.append(node) }
        }
        cmark_iter_free(iterator)
        // From the last to the first, so splitting a paragraph never moves a start not yet seen.
        for start in starts.reversed() { extractDefinition(startingAt: start) }
    }

    private mutating func extractDefinition(startingAt text: OpaquePointer) {
        let literal = CmarkNode.literal(text)
        // The hidden `[` reads as `^label]: …` now.
        guard literal.first == UInt8(ascii: "^"), let close = literal.firstIndex(of: UInt8(ascii: "]")),
              close + 1 < literal.count, literal[close + 1] == UInt8(ascii: ":") else { return }
        let label = FootnoteTable.normalise(literal[1..<close])
        let position = SourcePosition(line: CmarkNode.startLine(text), column: max(CmarkNode.startColumn(text), 1))
        var paragraph = cmark_node_parent(text)!
        if let previous = cmark_node_previous(text) {
            // A definition interrupting a paragraph: split it there.
            let rest = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            var moving: OpaquePointer? = text
            while let node = moving {
                moving = cmark_node_next(node)
                cmark_node_unlink(node)
                cmark_node_append_child(rest, node)
            }
            CmarkNode.delete(previous)
            cmark_node_insert_after(paragraph, rest)
            paragraph = rest
        }
        var content = Array(literal[(close + 2)...])
        while content.first == 0x20 || content.first == 0x09 { content.removeFirst() }
        var firstText: (OpaquePointer, SourcePosition)?
        if content.isEmpty {
            CmarkNode.delete(text)
        } else {
            CmarkNode.setLiteral(text, content)
            // The source reads `\^label]: ` before the text (the `[` hidden as `\`).
            firstText = (text, SourcePosition(line: position.line, column: position.column + 1 + literal.count - content.count))
        }

        let container = CmarkNode.customBlock(enter: "", exit: "")
        let following = cmark_node_next(paragraph)
        if cmark_node_first_child(paragraph) != nil {
            cmark_node_unlink(paragraph)
            cmark_node_append_child(container, paragraph)
        } else {
            CmarkNode.delete(paragraph)
        }
        appendIndentedContinuation(startingAt: following, to: container)
        guard footnotes.definitions[label] == nil else {
            problems.append(MarkdownProblem(position, "footnote [^\(label)] is defined more than once; the first definition is used"))
            cmark_node_free(container)
            return
        }
        footnotes.definitions[label] = FootnoteTable.Definition(container: container, position: position, firstText: firstText)
    }

    /// Indented code blocks right after a definition are its further paragraphs (GitHub reads
    /// the four-space indent as belonging to the footnote); they are parsed as Markdown.
    private mutating func appendIndentedContinuation(startingAt first: OpaquePointer?, to container: OpaquePointer) {
        var next = first
        while let node = next, CmarkNode.type(node) == CMARK_NODE_CODE_BLOCK, isIndentedCode(node) {
            next = cmark_node_next(node)
            let parsed = CmarkNode.parse(CmarkNode.literal(node), options: cmarkOptions)
            let wrapper = CmarkNode.customBlock(enter: "", exit: "")
            roles[wrapper] = .relocated(lines: CmarkNode.startLine(node) - 1, columns: CmarkNode.startColumn(node) - 1)
            CmarkNode.moveChildren(of: parsed, to: wrapper)
            cmark_node_free(parsed)
            cmark_node_append_child(container, wrapper)
            CmarkNode.delete(node)
        }
    }

    private func isIndentedCode(_ node: OpaquePointer) -> Bool {
        let line = source.line(CmarkNode.startLine(node))
        guard let first = line.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return true }
        return line[first] != UInt8(ascii: "`") && line[first] != UInt8(ascii: "~")
    }

    // MARK: - Inlines

    mutating func applyInlineExtensions(to root: OpaquePointer) {
        guard syntax.inlines else { return }
        var texts: [(node: OpaquePointer, insideLink: Bool)] = []
        var items: [OpaquePointer] = []
        CmarkNode.forEachText(in: root, enteringItem: { items.append($0) }) { node, insideLink in
            if Self.mayHoldInlineExtension(node) { texts.append((node, insideLink)) }
        }

        for item in items { makeTaskCheckbox(in: item) }
        var strikeParents: [OpaquePointer] = []
        var seenParents: Set<OpaquePointer> = []
        for text in texts {
            let parent = cmark_node_parent(text.node)
            let literal = CmarkNode.literal(text.node)
            if literal.contains(UInt8(ascii: "~")), let parent, seenParents.insert(parent).inserted { strikeParents.append(parent) }
            splitReferencesAndAutolinks(text.node, literal: literal, linkText: text.insideLink)
        }
        for parent in strikeParents { StrikethroughPairing.apply(to: parent) }
    }

    /// Whether a text node holds what an inline extension starts with: `~`, `[`, `@`, the
    /// `:` of `https://`, or `www.`. Most text holds none, and is left alone without a copy.
    private static func mayHoldInlineExtension(_ node: OpaquePointer) -> Bool {
        guard let literal = cmark_node_get_literal(node) else { return false }
        var pointer = literal
        var previous: (UInt8, UInt8, UInt8) = (0, 0, 0)
        while pointer.pointee != 0 {
            let byte = UInt8(bitPattern: pointer.pointee)
            switch byte {
            case UInt8(ascii: "~"), UInt8(ascii: "["), UInt8(ascii: "@"), UInt8(ascii: ":"):
                return true
            case UInt8(ascii: ".") where previous.0 | 0x20 == UInt8(ascii: "w") && previous.1 | 0x20 == UInt8(ascii: "w")
                && previous.2 | 0x20 == UInt8(ascii: "w"):
                return true
            default:
                previous = (previous.1, previous.2, byte)
                pointer += 1
            }
        }
        return false
    }

    // MARK: Task lists

    /// `- [ ] text` and `- [x] text`: a disabled checkbox named by the item's text.
    private mutating func makeTaskCheckbox(in item: OpaquePointer) {
        guard let paragraph = cmark_node_first_child(item), CmarkNode.type(paragraph) == CMARK_NODE_PARAGRAPH,
              let text = cmark_node_first_child(paragraph), CmarkNode.type(text) == CMARK_NODE_TEXT else { return }
        let literal = CmarkNode.literal(text)
        guard literal.count >= 4, literal[0] == UInt8(ascii: "["), literal[2] == UInt8(ascii: "]"),
              literal[3] == 0x20 || literal[3] == 0x09 else { return }
        let mark = literal[1]
        guard mark == 0x20 || mark == UInt8(ascii: "x") || mark == UInt8(ascii: "X") else { return }
        let rest = literal.dropFirst(4)
        guard !rest.isEmpty || cmark_node_next(text) != nil else { return }
        let name = HTMLEscaping.escape(Self.plainText(of: paragraph, skippingFirst: 4))
        let checked = mark == 0x20 ? "" : " checked"
        let box = CmarkNode.customInline(enter: "<input type=\"checkbox\" class=\"task-checkbox\" disabled\(checked) aria-label=\"\(name)\"> ")
        CmarkNode.setLiteral(text, rest)
        cmark_node_insert_before(text, box)
        if rest.isEmpty { CmarkNode.delete(text) }
    }

    /// The text of a paragraph's inlines, for an accessible name: at most 120 bytes.
    private static func plainText(of paragraph: OpaquePointer, skippingFirst skip: Int) -> String {
        var bytes: [UInt8] = []
        let iterator = cmark_iter_new(paragraph)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE, bytes.count < skip + 120 {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch CmarkNode.type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: bytes += CmarkNode.literal(node)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: bytes.append(0x20)
            default: break
            }
        }
        var text = Array(bytes.dropFirst(skip).prefix(120))
        while let last = text.last, last & 0xC0 == 0x80 { text.removeLast() }
        if let last = text.last, last >= 0xC0 { text.removeLast() }
        return String(decoding: text, as: UTF8.self).trimmingWhitespace()
    }

    // MARK: Footnote references and autolinks

    private enum Piece {
        case text(Range<Int>)
        case footnote(label: String, raw: Range<Int>)
        case autolink(AutolinkScanner.Match)
    }

    private mutating func splitReferencesAndAutolinks(_ node: OpaquePointer, literal: [UInt8], linkText: Bool) {
        var pieces: [Piece] = []
        var plainStart = 0
        let links = linkText ? [] : AutolinkScanner.matches(in: literal)
        var nextLink = 0
        var index = 0
        while index < literal.count {
            if nextLink < links.count, links[nextLink].range.lowerBound == index {
                if plainStart < index { pieces.append(.text(plainStart..<index)) }
                pieces.append(.autolink(links[nextLink]))
                index = links[nextLink].range.upperBound
                plainStart = index
                nextLink += 1
            } else if !linkText, literal[index] == UInt8(ascii: "["), index + 2 < literal.count, literal[index + 1] == UInt8(ascii: "^"),
                      let close = literal[(index + 2)...].firstIndex(of: UInt8(ascii: "]")), close > index + 2,
                      !(nextLink < links.count && links[nextLink].range.lowerBound < close) {
                if plainStart < index { pieces.append(.text(plainStart..<index)) }
                pieces.append(.footnote(label: FootnoteTable.normalise(literal[(index + 2)..<close]), raw: index..<(close + 1)))
                index = close + 1
                plainStart = index
            } else {
                index += 1
            }
        }
        guard !pieces.isEmpty else { return }
        if plainStart < literal.count { pieces.append(.text(plainStart..<literal.count)) }
        let position = sourcePosition(of: node)
        for piece in pieces {
            let made: OpaquePointer
            switch piece {
            case .text(let range):
                made = CmarkNode.text(literal[range])
            case .autolink(let match):
                made = cmark_node_new(CMARK_NODE_LINK)!
                cmark_node_set_url(made, match.url)
                cmark_node_append_child(made, CmarkNode.text(literal[match.range]))
            case .footnote(let label, let raw):
                let at = SourcePosition(line: position.line, column: position.column + raw.lowerBound)
                made = footnoteReference(label: label, raw: literal[raw], at: at)
            }
            cmark_node_insert_before(node, made)
        }
        textStarts[node] = nil
        CmarkNode.delete(node)
    }

    /// Where a node is in the source, following the shifts of the relocated subtrees (table
    /// cells, indented footnote paragraphs) it sits in.
    func sourcePosition(of node: OpaquePointer) -> SourcePosition {
        if let start = textStarts[node] { return start }
        var line = CmarkNode.startLine(node)
        var column = CmarkNode.startColumn(node)
        var ancestor = cmark_node_parent(node)
        while let current = ancestor {
            if case .relocated(let lines, let columns) = roles[current] {
                line += lines
                column += columns
            }
            ancestor = cmark_node_parent(current)
        }
        return SourcePosition(line: max(line, 1), column: max(column, 1))
    }

    private mutating func footnoteReference(label: String, raw: ArraySlice<UInt8>, at position: SourcePosition) -> OpaquePointer {
        guard var definition = footnotes.definitions[label] else {
            problems.append(MarkdownProblem(position, "footnote [^\(label)] is not defined",
                                            hint: "add a line '[^\(label)]: the note' below the paragraph"))
            return CmarkNode.text(raw)
        }
        if definition.number == nil {
            footnotes.used.append(label)
            definition.number = footnotes.used.count
        }
        definition.referenceCount += 1
        footnotes.definitions[label] = definition
        let number = definition.number!
        let id = definition.referenceCount == 1 ? "fnref:\(number)" : "fnref:\(number):\(definition.referenceCount)"
        let reference = CmarkNode.customInline(
            enter: "<sup class=\"footnote-ref\"><a href=\"#fn:\(number)\" id=\"\(id)\" role=\"doc-noteref\" aria-label=\"Footnote \(number)\">\(number)</a></sup>"
        )
        roles[reference] = .footnoteReference(number: number)
        return reference
    }

    // MARK: - The footnotes section

    mutating func appendFootnotesSection(to root: OpaquePointer) {
        for (label, definition) in footnotes.definitions.sorted(by: { $0.value.position < $1.value.position }) where definition.number == nil {
            problems.append(MarkdownProblem(definition.position, "footnote [^\(label)] is defined but never referenced",
                                            hint: "refer to it with [^\(label)], or remove the definition"))
            cmark_node_free(definition.container)
        }
        guard !footnotes.used.isEmpty else { return }
        let section = CmarkNode.customBlock(enter: "<section class=\"footnotes\" role=\"doc-endnotes\"><h2 class=\"footnotes-title\">Notes</h2>\n<ol>", exit: "</ol>\n</section>")
        for label in footnotes.used {
            let definition = footnotes.definitions[label]!
            let number = definition.number!
            let item = CmarkNode.customBlock(enter: "<li id=\"fn:\(number)\">", exit: "</li>")
            roles[item] = .footnoteDefinition(number: number)
            CmarkNode.moveChildren(of: definition.container, to: item)
            cmark_node_free(definition.container)
            appendBackReferences(to: item, number: number, count: definition.referenceCount)
            cmark_node_append_child(section, item)
        }
        cmark_node_append_child(root, section)
    }

    private func appendBackReferences(to item: OpaquePointer, number: Int, count: Int) {
        var html = ""
        for reference in 1...count {
            let target = reference == 1 ? "fnref:\(number)" : "fnref:\(number):\(reference)"
            let label = count == 1 ? "Back to reference \(number)" : "Back to reference \(number) (\(reference))"
            html += " <a href=\"#\(target)\" class=\"footnote-backref\" aria-label=\"\(label)\">↩\u{FE0E}</a>"
        }
        let backReferences = CmarkNode.customInline(enter: html)
        var last = cmark_node_last_child(item)
        // Definitions parsed from indented blocks sit in a wrapper: look inside it.
        while let node = last, CmarkNode.type(node) == CMARK_NODE_CUSTOM_BLOCK, let inner = cmark_node_last_child(node) { last = inner }
        if let last, CmarkNode.type(last) == CMARK_NODE_PARAGRAPH {
            cmark_node_append_child(last, backReferences)
        } else {
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            cmark_node_append_child(paragraph, backReferences)
            cmark_node_append_child(item, paragraph)
        }
    }
}

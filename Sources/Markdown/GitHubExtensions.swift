import Ccmark

/// What the tree walker must know about a node the extensions made.
enum ExtensionRole {
    /// A table row: its cells' text is one block of text.
    case tableRow
    /// A table cell: its text is separated from the next cell's.
    case tableCell
    /// Nodes below came from a document parsed apart (a table's cells, a footnote's indented
    /// paragraphs); their positions are moved by this much to point into the real source.
    case relocated(lines: Int, columns: Int)
    /// A reference to the footnote with this number.
    case footnoteReference(number: Int)
    /// The definition of the footnote with this number, in the footnotes section.
    case footnoteDefinition(number: Int)
    /// A link or image written `[[target]]` or `![[target]]`, starting at `position`.
    case wikiLink(position: SourcePosition, text: String)
}

/// GitHub-flavoured Markdown on top of cmark's tree: tables, task lists, strikethrough,
/// extended autolinks, footnotes and alerts, added after cmark has parsed the CommonMark,
/// with custom block and inline nodes that cmark's own renderer writes out. Wiki links
/// (`[[Page]]`, not GitHub's but built the same way) join them when asked for.
///
/// A document without any of the extensions' syntax goes through untouched, so plain
/// CommonMark renders exactly as libcmark renders it.
struct GitHubExtensions {
    let source: SourceLines
    let cmarkOptions: Int32
    /// Lines whose footnote definition `[^label]:` was hidden from cmark before parsing
    /// (`[` turned into `\`), so cmark did not read it as a link reference definition.
    let footnoteLines: Set<Int>

    // Not private: the inline half lives in InlineExtensions.swift.
    var roles: [OpaquePointer: ExtensionRole] = [:]
    var problems: [MarkdownProblem] = []
    var footnotes = FootnoteTable()
    /// Where the literal of a text node starts in the source, for the text nodes the
    /// extensions shortened or made: cmark's own position is stale or missing for those.
    /// Only for the tree being worked on (the document, then each footnote in turn), so no
    /// entry outlives its node long enough for a new node to take its address.
    var textStarts: [OpaquePointer: SourcePosition] = [:]
    private var referenceDefinitions: [UInt8]?

    /// Which extensions the source can hold at all.
    let syntax: ExtensionSyntax

    init(source: SourceLines, cmarkOptions: Int32, footnoteLines: Set<Int>, wikiLinks: Bool = false) {
        self.source = source
        self.cmarkOptions = cmarkOptions
        self.footnoteLines = footnoteLines
        syntax = ExtensionSyntax(source.bytes, wikiLinks: wikiLinks)
    }

    mutating func apply(to root: OpaquePointer) {
        // Most documents hold no extension syntax at all: one look at the bytes spares
        // them the passes over the tree.
        guard syntax.any else { return }
        extractFootnoteDefinitions(from: root)
        applyBlockExtensions(to: root)
        applyWikiLinks(to: root)
        applyInlineExtensions(to: root)
        // Definitions are processed in the order their first reference appeared; a reference
        // inside a definition numbers its footnote after the ones already seen.
        var processed = 0
        while processed < footnotes.used.count {
            let definition = footnotes.definitions[footnotes.used[processed]]!
            let container = definition.container
            textStarts = [:]
            if let first = definition.firstText { textStarts[first.node] = first.start }
            applyBlockExtensions(to: container)
            applyWikiLinks(to: container)
            applyInlineExtensions(to: container)
            processed += 1
        }
        appendFootnotesSection(to: root)
    }

    // MARK: - Blocks

    private mutating func applyBlockExtensions(to root: OpaquePointer) {
        guard syntax.tables || syntax.alerts else { return }
        var tableCandidates: [OpaquePointer] = []
        var quotes: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch CmarkNode.type(node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                if syntax.tables && mayHoldTable(node) { tableCandidates.append(node) }
            case CMARK_NODE_BLOCK_QUOTE:
                if syntax.alerts { quotes.append(node) }
            default:
                break
            }
        }
        for node in tableCandidates { makeTable(from: node) }
        for node in quotes { makeAlert(from: node) }
    }

    /// A table needs two lines and a pipe in the second; checking the raw lines first keeps
    /// the cost of tables away from documents that have none.
    private func mayHoldTable(_ node: OpaquePointer) -> Bool {
        let first = CmarkNode.startLine(node)
        let last = CmarkNode.endLine(node)
        guard first > 0, last > first else { return false }
        for number in (first + 1)...last where source.line(number).contains(UInt8(ascii: "|")) { return true }
        return false
    }

    // MARK: Tables

    private struct RawLine {
        var text: ArraySlice<UInt8>
        var number: Int
        /// 1-based byte column where `text` starts.
        var column: Int
        /// False for a lazy continuation line: one that did not repeat its containers'
        /// markers (`>`) or indentation. A table ends there.
        var continuesContainers: Bool
        /// For a lazy line, the outermost container it failed to continue.
        var brokenContainer: OpaquePointer?
    }

    private func rawLines(of node: OpaquePointer) -> [RawLine] {
        let isHeading = CmarkNode.type(node) == CMARK_NODE_HEADING
        let first = CmarkNode.startLine(node)
        // A setext heading's last line is its underline.
        let last = CmarkNode.endLine(node) - (isHeading ? 1 : 0)
        guard last >= first else { return [] }
        let containers = ContainerPrefixes(of: node)
        var lines: [RawLine] = []
        for number in first...last {
            let text = source.line(number)
            if number == first {
                let offset = min(max(CmarkNode.startColumn(node) - 1, 0), text.count)
                lines.append(RawLine(text: text.dropFirst(offset), number: number, column: offset + 1, continuesContainers: true))
            } else {
                let stripped = containers.strip(text)
                lines.append(RawLine(text: text[stripped.start...], number: number, column: stripped.start - text.startIndex + 1,
                                     continuesContainers: stripped.broken == nil, brokenContainer: stripped.broken))
            }
        }
        return lines
    }

    private mutating func makeTable(from node: OpaquePointer) {
        let lines = rawLines(of: node)
        guard lines.count >= 2 else { return }
        var headerIndex: Int?
        var alignments: [TableSyntax.Alignment] = []
        for index in 0..<(lines.count - 1) where lines[index + 1].continuesContainers && lines[index].continuesContainers {
            guard let found = TableSyntax.alignments(of: lines[index + 1].text) else { continue }
            if TableSyntax.cells(of: lines[index].text, firstColumn: 1).count == found.count {
                headerIndex = index
                alignments = found
                break
            }
        }
        guard let headerIndex else { return }

        var bodyEnd = headerIndex + 2
        while bodyEnd < lines.count, lines[bodyEnd].continuesContainers { bodyEnd += 1 }
        var rows = lines[headerIndex...].prefix(bodyEnd - headerIndex).enumerated().filter { $0.offset != 1 }.map(\.element)
        let isHeading = CmarkNode.type(node) == CMARK_NODE_HEADING
        // A setext `===` under a table is one more row on GitHub; a `---` is a thematic break.
        if isHeading, cmark_node_get_heading_level(node) == 1, bodyEnd == lines.count {
            let underline = CmarkNode.endLine(node)
            rows.append(RawLine(text: source.line(underline), number: underline, column: 1, continuesContainers: true))
        }

        var builder = FragmentDocument()
        let before = lines[..<headerIndex]
        let beforeFragment = before.isEmpty ? nil : builder.add(joined(before), line: before.first!.number, column: before.first!.column)
        let cellRows: [[Int?]] = rows.map { row in
            let cells = TableSyntax.cells(of: row.text, firstColumn: row.column)
            return (0..<alignments.count).map { index in
                index < cells.count ? builder.add(cells[index].text, line: row.number, column: cells[index].column) : nil
            }
        }
        let after = lines[bodyEnd...]
        let afterFragment = after.isEmpty ? nil : builder.add(joined(after), line: after.first!.number, column: after.first!.column)
        let parsed = builder.parse(options: cmarkOptions, definitions: definitions(for: builder))
        defer { parsed.free() }

        if let beforeFragment {
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            fill(paragraph, with: beforeFragment, from: parsed)
            cmark_node_insert_before(node, paragraph)
        }
        let table = tableNode(rows: cellRows, alignments: alignments, parsed: parsed)
        cmark_node_insert_before(node, table)
        if isHeading, cmark_node_get_heading_level(node) == 2 {
            cmark_node_insert_after(table, cmark_node_new(CMARK_NODE_THEMATIC_BREAK)!)
        }
        if let afterFragment {
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            fill(paragraph, with: afterFragment, from: parsed)
            // The lazy line left the container (a block quote, a list item): so does the text.
            let container = lines[bodyEnd].brokenContainer ?? node
            cmark_node_insert_after(container, paragraph)
        }
        CmarkNode.delete(node)
    }

    private func joined(_ lines: ArraySlice<RawLine>) -> [UInt8] {
        var bytes: [UInt8] = []
        for line in lines {
            if !bytes.isEmpty { bytes.append(0x0A) }
            bytes.append(contentsOf: line.text)
        }
        return bytes
    }

    private mutating func tableNode(rows: [[Int?]], alignments: [TableSyntax.Alignment], parsed: FragmentDocument.Parsed) -> OpaquePointer {
        let table = CmarkNode.customBlock(enter: "<div class=\"table-scroll\" tabindex=\"0\"><table>", exit: "</table></div>")
        for (rowIndex, row) in rows.enumerated() {
            if rowIndex == 0 || rowIndex == 1 {
                let isHead = rowIndex == 0
                cmark_node_append_child(table, CmarkNode.customBlock(enter: isHead ? "<thead>" : "<tbody>", exit: isHead ? "</thead>" : "</tbody>"))
            }
            let section = cmark_node_last_child(table)!
            let rowNode = CmarkNode.customBlock(enter: "<tr>", exit: "</tr>")
            roles[rowNode] = .tableRow
            let tag = rowIndex == 0 ? "th" : "td"
            for (column, fragment) in row.enumerated() {
                let alignment = alignments[column]
                let opening = alignment == .none ? "<\(tag)>" : "<\(tag) class=\"align-\(alignment)\">"
                let cell = CmarkNode.customInline(enter: opening, exit: "</\(tag)>")
                roles[cell] = .tableCell
                if let fragment { fill(cell, with: fragment, from: parsed) }
                cmark_node_append_child(rowNode, cell)
            }
            cmark_node_append_child(section, rowNode)
        }
        return table
    }

    /// Moves a fragment's inlines into `target`, under a node that maps their positions
    /// back into the source.
    private mutating func fill(_ target: OpaquePointer, with fragment: Int, from parsed: FragmentDocument.Parsed) {
        let placed = parsed.inlines(of: fragment)
        if let trimmed = placed.trimmed { textStarts[trimmed.node] = trimmed.start }
        let wrapper = CmarkNode.customInline(enter: "")
        roles[wrapper] = .relocated(lines: placed.lineShift, columns: placed.columnShift)
        for inline in placed.nodes { cmark_node_append_child(wrapper, inline) }
        cmark_node_append_child(target, wrapper)
    }

    private mutating func definitions(for builder: FragmentDocument) -> [UInt8] {
        guard builder.mentionsBrackets else { return [] }
        if referenceDefinitions == nil { referenceDefinitions = source.referenceDefinitionLines() }
        return referenceDefinitions!
    }

    // MARK: Alerts

    private static let alertKinds = ["note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"]

    /// `> [!NOTE]` on a block quote's first line, with text after it, makes a labelled callout.
    private mutating func makeAlert(from quote: OpaquePointer) {
        guard let paragraph = cmark_node_first_child(quote), CmarkNode.type(paragraph) == CMARK_NODE_PARAGRAPH,
              let marker = cmark_node_first_child(paragraph), CmarkNode.type(marker) == CMARK_NODE_TEXT else { return }
        let text = String(decoding: CmarkNode.literal(marker), as: UTF8.self)
        guard text.hasPrefix("[!"), text.hasSuffix("]"),
              let title = Self.alertKinds[String(text.dropFirst(2).dropLast()).lowercased()] else { return }
        let next = cmark_node_next(marker)
        if let next, CmarkNode.type(next) != CMARK_NODE_SOFTBREAK && CmarkNode.type(next) != CMARK_NODE_LINEBREAK { return }
        guard next != nil || cmark_node_next(paragraph) != nil else { return }
        let kind = title.lowercased()
        let alert = CmarkNode.customBlock(
            enter: "<div class=\"callout callout-\(kind)\" role=\"note\"><p class=\"callout-title\">\(title)</p>",
            exit: "</div>"
        )
        if let next { CmarkNode.delete(next) }
        CmarkNode.delete(marker)
        if cmark_node_first_child(paragraph) == nil { CmarkNode.delete(paragraph) }
        CmarkNode.moveChildren(of: quote, to: alert)
        cmark_node_insert_before(quote, alert)
        CmarkNode.delete(quote)
    }
}

/// The prefixes a paragraph's continuation lines repeat: `>` for each block quote around
/// it, indentation for each list item.
private struct ContainerPrefixes {
    private enum Kind { case quote, item(contentColumn: Int) }
    private var containers: [(kind: Kind, node: OpaquePointer)] = []

    init(of node: OpaquePointer) {
        var parent = cmark_node_parent(node)
        while let current = parent {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_BLOCK_QUOTE:
                containers.insert((.quote, current), at: 0)
            case CMARK_NODE_ITEM:
                let content = cmark_node_first_child(current).map { Int(cmark_node_get_start_column($0)) } ?? 1
                containers.insert((.item(contentColumn: content), current), at: 0)
            default:
                break
            }
            parent = cmark_node_parent(current)
        }
    }

    /// Where the content of `line` starts, and the first container the line did not continue.
    func strip(_ line: ArraySlice<UInt8>) -> (start: Int, broken: OpaquePointer?) {
        var index = line.startIndex
        for container in containers {
            switch container.kind {
            case .quote:
                var probe = index
                var spaces = 0
                while probe < line.endIndex, line[probe] == 0x20, spaces < 3 {
                    probe += 1
                    spaces += 1
                }
                guard probe < line.endIndex, line[probe] == UInt8(ascii: ">") else { return (index, container.node) }
                index = probe + 1
                if index < line.endIndex, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
            case .item(let contentColumn):
                let wanted = line.startIndex + contentColumn - 1
                while index < wanted, index < line.endIndex, line[index] == 0x20 { index += 1 }
                if index < wanted { return (index, container.node) }
            }
        }
        return (index, nil)
    }
}

/// What extension syntax a source holds, from one pass over its bytes: a `|` (tables),
/// `[!` (alerts), `~`, `[^`, `@`, `://` or `www.` (inline extensions), `[ ]` or `[x]` (tasks),
/// and `[[` (wiki links, looked for only when they are turned on).
struct ExtensionSyntax {
    private(set) var tables = false
    private(set) var alerts = false
    private(set) var inlines = false
    private(set) var wikiLinks = false

    var any: Bool { tables || alerts || inlines || wikiLinks }

    init(_ bytes: [UInt8], wikiLinks lookForWikiLinks: Bool = false) {
        var index = 0
        let count = bytes.count
        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "|"):
                tables = true
            case UInt8(ascii: "~"), UInt8(ascii: "@"):
                inlines = true
            case UInt8(ascii: "["):
                if index + 1 < count {
                    let next = bytes[index + 1]
                    if next == UInt8(ascii: "!") { alerts = true }
                    if next == UInt8(ascii: "^") || next == 0x20 || next | 0x20 == UInt8(ascii: "x") { inlines = true }
                    if next == UInt8(ascii: "[") && lookForWikiLinks { wikiLinks = true }
                }
            case UInt8(ascii: ":"):
                if index + 2 < count, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") { inlines = true }
            case UInt8(ascii: "."):
                if index >= 3, bytes[index - 1] | 0x20 == UInt8(ascii: "w"), bytes[index - 2] | 0x20 == UInt8(ascii: "w"),
                   bytes[index - 3] | 0x20 == UInt8(ascii: "w") { inlines = true }
            default:
                break
            }
            if tables && alerts && inlines && (wikiLinks || !lookForWikiLinks) { return }
            index += 1
        }
    }
}

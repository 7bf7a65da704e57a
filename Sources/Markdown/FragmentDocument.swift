import Ccmark

/// Pieces of inline Markdown (table cells, the text around a table) parsed together as one
/// small document, one paragraph each, so a table costs one cmark parse, not one per cell.
///
/// Each piece starts with `&nbsp;`: a line starting with it can begin no block (`# x`,
/// `- x`, `1. x` and `> x` in a cell stay text, as on GitHub), and a no-break space is
/// Unicode white space, so emphasis next to it opens just as at the start of a line. The
/// space is taken off again when the inlines are moved out.
struct FragmentDocument {
    private var text: [UInt8] = []
    private var fragments: [(bytes: [UInt8], line: Int, column: Int, documentLine: Int)] = []
    private var nextLine = 1
    /// Whether any piece could hold a reference link (`[text][label]`).
    private(set) var mentionsBrackets = false

    private static let prefix = Array("&nbsp;".utf8)

    /// Adds a piece that starts at `line`:`column` of the source; nil when it is blank.
    mutating func add(_ bytes: [UInt8], line: Int, column: Int) -> Int? {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A }) else { return nil }
        fragments.append((bytes, line, column, nextLine))
        text.append(contentsOf: Self.prefix)
        text.append(contentsOf: bytes)
        text.append(contentsOf: [0x0A, 0x0A])
        nextLine += bytes.lazy.filter { $0 == 0x0A }.count + 2
        if bytes.contains(UInt8(ascii: "[")) { mentionsBrackets = true }
        return fragments.count - 1
    }

    /// Parses every piece, with the source's link reference definitions after them.
    func parse(options: Int32, definitions: [UInt8]) -> Parsed {
        let root = CmarkNode.parse(text + definitions, options: options)
        let blocks = CmarkNode.children(of: root)
        let aligned = blocks.count == fragments.count && blocks.allSatisfy { CmarkNode.type($0) == CMARK_NODE_PARAGRAPH }
        return Parsed(root: root, paragraphs: aligned ? blocks : nil, fragments: fragments.map { ($0.bytes, $0.line, $0.column, $0.documentLine) })
    }

    struct Parsed {
        let root: OpaquePointer
        /// One paragraph per piece, or nil if cmark did not give exactly that: then every
        /// piece falls back to its text as written, so nothing is lost.
        let paragraphs: [OpaquePointer]?
        let fragments: [(bytes: [UInt8], line: Int, column: Int, documentLine: Int)]

        /// Unlinks the inlines of piece `index`, with the shift that maps their positions
        /// back into the source, and the first text node if the `&nbsp;` was taken off it
        /// (its cmark position still points at the `&nbsp;`), with where its text starts.
        func inlines(of index: Int) -> (nodes: [OpaquePointer], lineShift: Int, columnShift: Int,
                                        trimmed: (node: OpaquePointer, start: SourcePosition)?) {
            let fragment = fragments[index]
            let shift = (fragment.line - fragment.documentLine, fragment.column - 1 - FragmentDocument.prefix.count)
            let start = SourcePosition(line: fragment.line, column: fragment.column)
            guard let paragraphs else {
                let text = CmarkNode.text(fragment.bytes)
                return ([text], shift.0, shift.1, (text, start))
            }
            let nodes = CmarkNode.children(of: paragraphs[index])
            for node in nodes { cmark_node_unlink(node) }
            if let first = nodes.first, CmarkNode.type(first) == CMARK_NODE_TEXT {
                let literal = CmarkNode.literal(first)
                if literal.starts(with: [0xC2, 0xA0]) {
                    if literal.count == 2 {
                        cmark_node_free(first)
                        return (Array(nodes.dropFirst()), shift.0, shift.1, nil)
                    }
                    CmarkNode.setLiteral(first, literal.dropFirst(2))
                    return (nodes, shift.0, shift.1, (first, start))
                }
            }
            return (nodes, shift.0, shift.1, nil)
        }

        func free() { cmark_node_free(root) }
    }
}

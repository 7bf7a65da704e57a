import Ccmark

extension GitHubExtensions {
    // MARK: - Wiki links

    /// `[[Page]]`, `[[Page#Heading|text]]`, `[[#Heading]]` and `![[image.png|alt]]` in text
    /// (never in code, raw HTML or the text of a link) become link and image nodes whose
    /// destination is the target as written; the tree walker asks the caller to resolve it.
    ///
    /// Runs after the block extensions, so table cells are there to look into, and before
    /// the other inline extensions, which split text nodes into new nodes without positions.
    mutating func applyWikiLinks(to root: OpaquePointer) {
        guard syntax.wikiLinks else { return }
        var texts: [OpaquePointer] = []
        CmarkNode.forEachText(in: root) { node, insideLink in
            if !insideLink && Self.holdsDoubleBracket(node) { texts.append(node) }
        }
        for text in texts { splitWikiLinks(text) }
    }

    /// Whether a text node's literal holds `[[`: most text does not, and is left alone
    /// without a copy.
    private static func holdsDoubleBracket(_ node: OpaquePointer) -> Bool {
        guard var pointer = cmark_node_get_literal(node) else { return false }
        var previous: CChar = 0
        while pointer.pointee != 0 {
            if pointer.pointee == 0x5B && previous == 0x5B { return true }
            previous = pointer.pointee
            pointer += 1
        }
        return false
    }

    /// Replaces each wiki link in a text node with a link or image node holding its text.
    /// The node keeps the text before the first link, so it keeps its cmark position.
    private mutating func splitWikiLinks(_ node: OpaquePointer) {
        let literal = CmarkNode.literal(node)
        let start = sourcePosition(of: node)
        let line = source.line(start.line)
        let found = WikiLinkSyntax.brackets(in: literal, line: line, column: start.column)
        let autolinks = AutolinkScanner.matches(in: literal).map(\.range)
        let matches = WikiLinkSyntax.matches(in: literal, brackets: found.brackets, line: found.verified ? line : nil,
                                             excluding: autolinks)
        guard let first = matches.first else { return }

        var previous = node
        func insert(_ made: OpaquePointer) {
            cmark_node_insert_after(previous, made)
            previous = made
        }
        for (number, match) in matches.enumerated() {
            let position = SourcePosition(line: start.line, column: match.column)
            let link = cmark_node_new(match.isEmbed ? CMARK_NODE_IMAGE : CMARK_NODE_LINK)!
            cmark_node_set_url(link, String(decoding: match.target, as: UTF8.self))
            cmark_node_append_child(link, CmarkNode.text(match.text))
            roles[link] = .wikiLink(position: position, text: String(decoding: match.text, as: UTF8.self))
            insert(link)
            let end = number + 1 < matches.count ? matches[number + 1].range.lowerBound : literal.count
            if match.range.upperBound < end {
                let text = CmarkNode.text(literal[match.range.upperBound..<end])
                textStarts[text] = SourcePosition(line: start.line, column: match.columnAfter)
                insert(text)
            }
        }
        if first.range.lowerBound == 0 {
            textStarts[node] = nil
            CmarkNode.delete(node)
        } else {
            CmarkNode.setLiteral(node, literal[..<first.range.lowerBound])
        }
    }
}

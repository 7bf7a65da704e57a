import Ccmark

/// `~~text~~` and `~text~` as `<del>`, among the inlines of one parent: runs of one or two
/// tildes pair with a later run of the same length, opening and closing by the flanking
/// rules of emphasis (GFM 0.29, section 6.5). A run of three or more is text.
enum StrikethroughPairing {
    private struct Delimiter {
        var node: OpaquePointer
        var length: Int
        var canOpen: Bool
        var canClose: Bool
    }

    static func apply(to parent: OpaquePointer) {
        let delimiters = splitRuns(in: parent)
        guard delimiters.count >= 2 else { return }
        // One stack of openers per run length, so a line of a hundred thousand tildes
        // pairs in linear time.
        var openers: [[Int]] = [[], []]
        for (index, delimiter) in delimiters.enumerated() {
            let stack = delimiter.length - 1
            if delimiter.canClose, let opener = openers[stack].last {
                openers[stack].removeLast()
                // Openers between the pair can no longer close anything outside it.
                while let last = openers[1 - stack].last, last > opener { openers[1 - stack].removeLast() }
                wrap(from: delimiters[opener].node, to: delimiter.node)
            } else if delimiter.canOpen {
                openers[stack].append(index)
            }
        }
    }

    /// Moves the nodes strictly between two delimiter runs into a `<del>` and drops the runs.
    private static func wrap(from opener: OpaquePointer, to closer: OpaquePointer) {
        let deletion = CmarkNode.customInline(enter: "<del>", exit: "</del>")
        var node = cmark_node_next(opener)
        while let current = node, current != closer {
            node = cmark_node_next(current)
            cmark_node_unlink(current)
            cmark_node_append_child(deletion, current)
        }
        cmark_node_insert_before(opener, deletion)
        CmarkNode.delete(opener)
        CmarkNode.delete(closer)
    }

    /// Splits the parent's text children so every run of one or two tildes is a text node
    /// of its own, and says whether each run can open or close.
    private static func splitRuns(in parent: OpaquePointer) -> [Delimiter] {
        var delimiters: [Delimiter] = []
        for child in CmarkNode.children(of: parent) where CmarkNode.type(child) == CMARK_NODE_TEXT {
            let literal = CmarkNode.literal(child)
            guard literal.contains(UInt8(ascii: "~")) else { continue }
            var pieceStart = 0
            var index = 0
            var made: [(bytes: ArraySlice<UInt8>, run: Bool)] = []
            var runs: [(before: Character, after: Character)] = []
            while index < literal.count {
                guard literal[index] == UInt8(ascii: "~") else {
                    index += 1
                    continue
                }
                var end = index
                while end < literal.count, literal[end] == UInt8(ascii: "~") { end += 1 }
                if end - index <= 2 {
                    if pieceStart < index { made.append((literal[pieceStart..<index], false)) }
                    made.append((literal[index..<end], true))
                    runs.append((character(before: index, in: literal, node: child), character(after: end, in: literal, node: child)))
                    pieceStart = end
                }
                index = end
            }
            guard !runs.isEmpty else { continue }
            if pieceStart < literal.count { made.append((literal[pieceStart...], false)) }
            var runIndex = 0
            for piece in made {
                let node = CmarkNode.text(piece.bytes)
                cmark_node_insert_before(child, node)
                guard piece.run else { continue }
                let (before, after) = runs[runIndex]
                runIndex += 1
                let left = !after.isWhitespace && (!after.isPunctuationLike || before.isWhitespace || before.isPunctuationLike)
                let right = !before.isWhitespace && (!before.isPunctuationLike || after.isWhitespace || after.isPunctuationLike)
                delimiters.append(Delimiter(node: node, length: piece.bytes.count, canOpen: left, canClose: right))
            }
            CmarkNode.delete(child)
        }
        return delimiters
    }

    /// The character before `index`, looking into the previous sibling at the start; the
    /// start of the paragraph and line breaks count as white space, and other inlines
    /// (emphasis, code, links) as punctuation, since their markup starts with it.
    private static func character(before index: Int, in literal: [UInt8], node: OpaquePointer) -> Character {
        if index > 0 { return lastCharacter(of: literal[..<index]) }
        guard let previous = cmark_node_previous(node) else { return " " }
        return neighbour(previous, last: true)
    }

    private static func character(after index: Int, in literal: [UInt8], node: OpaquePointer) -> Character {
        if index < literal.count { return String(decoding: literal[index...].prefix(4), as: UTF8.self).first ?? " " }
        guard let next = cmark_node_next(node) else { return " " }
        return neighbour(next, last: false)
    }

    private static func neighbour(_ node: OpaquePointer, last: Bool) -> Character {
        switch CmarkNode.type(node) {
        case CMARK_NODE_TEXT:
            let literal = CmarkNode.literal(node)
            guard !literal.isEmpty else { return " " }
            return last ? lastCharacter(of: literal[...]) : (String(decoding: literal.prefix(4), as: UTF8.self).first ?? " ")
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            return " "
        default:
            return "*"
        }
    }

    private static func lastCharacter(of bytes: ArraySlice<UInt8>) -> Character {
        var start = bytes.endIndex - 1
        while start > bytes.startIndex, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: bytes[start...], as: UTF8.self).first ?? " "
    }
}

private extension Character {
    /// CommonMark's punctuation: ASCII punctuation and Unicode punctuation (P*) characters.
    var isPunctuationLike: Bool {
        isPunctuation || isSymbol && isASCII
    }
}

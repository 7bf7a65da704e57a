/// The syntax of wiki links (`[[Page]]`, `[[Page#Heading|text]]`, `![[image.png|alt]]`) in
/// one text node's literal. Plain byte work, no cmark; ``GitHubExtensions`` makes the link
/// and image nodes from what this finds.
///
/// cmark has already decoded the literal (backslash escapes, entities, smart punctuation),
/// so a `[` in it may have been written `\[` or `&#91;`. ``brackets(in:line:column:)`` reads
/// the node's source line to tell those apart from the brackets written as they are; only
/// those open or close a wiki link.
enum WikiLinkSyntax {
    /// A `[` or `]` of the literal, with where it is written.
    struct Bracket: Equatable {
        /// Its offset in the literal.
        var index: Int
        /// Its 1-based byte column in the source line.
        var column: Int
        /// Written as `\[`, `&#91;`, `&lsqb;`…: text, never syntax.
        var escaped: Bool
    }

    struct Match: Equatable {
        /// The bytes of the literal the link replaces, `!` and brackets included.
        var range: Range<Int>
        var isEmbed: Bool
        /// Where the link starts (its `[` or `!`) and where the text after it starts.
        var column: Int
        var columnAfter: Int
        /// The target as written (`Page#Heading`), trimmed.
        var target: [UInt8]
        /// What the reader sees: the text after `|`, else the target (`Page > Heading`).
        var text: [UInt8]
    }

    /// The literal's brackets, matched one to one with the brackets of its source text, which
    /// starts at `column` of `line`. When the source does not give the same brackets (a
    /// position cmark did not keep exactly), every bracket counts as written as it is, at the
    /// column its offset gives, and `verified` is false.
    static func brackets(in literal: [UInt8], line: ArraySlice<UInt8>, column: Int) -> (brackets: [Bracket], verified: Bool) {
        let wanted = literal.indices.filter { literal[$0] == open || literal[$0] == close }
        var found: [(byte: UInt8, column: Int, escaped: Bool)] = []
        if column >= 1, column - 1 <= line.count {
            var index = line.startIndex + column - 1
            while index < line.endIndex, found.count < wanted.count {
                let byte = line[index]
                let at = index - line.startIndex + 1
                if byte == backslash, index + 1 < line.endIndex, isASCIIPunctuation(line[index + 1]) {
                    if line[index + 1] == open || line[index + 1] == close { found.append((line[index + 1], at, true)) }
                    index += 2
                } else if byte == ampersand, let reference = entity(in: line[index...]) {
                    if let bracket = reference.bracket { found.append((bracket, at, true)) }
                    index += reference.length
                } else {
                    if byte == open || byte == close { found.append((byte, at, false)) }
                    index += 1
                }
            }
        }
        if found.count == wanted.count, zip(found, wanted).allSatisfy({ $0.byte == literal[$1] }) {
            return (zip(found, wanted).map { Bracket(index: $1, column: $0.column, escaped: $0.escaped) }, true)
        }
        return (wanted.map { Bracket(index: $0, column: max(column, 1) + $0, escaped: false) }, false)
    }

    /// The wiki links of a literal, in order, given its ``brackets(in:line:column:)``.
    /// `line` is the node's source line when the brackets were found in it: it gives the
    /// target as written (before smart punctuation) and tells `\![[` from `![[`. Links
    /// overlapping one of `excluded` (extended autolinks) are left as text.
    static func matches(in literal: [UInt8], brackets: [Bracket], line: ArraySlice<UInt8>?,
                        excluding excluded: [Range<Int>] = []) -> [Match] {
        var result: [Match] = []
        var next = 0
        while next + 3 < brackets.count {
            let (first, second, third, fourth) = (brackets[next], brackets[next + 1], brackets[next + 2], brackets[next + 3])
            guard literal[first.index] == open, literal[second.index] == open, second.index == first.index + 1,
                  literal[third.index] == close, literal[fourth.index] == close, fourth.index == third.index + 1,
                  !first.escaped, !second.escaped, !third.escaped, !fourth.escaped,
                  let pieces = parts(of: literal[(second.index + 1)..<third.index],
                                    source: line.flatMap { source($0, from: second.column + 1, to: third.column) })
            else {
                next += 1
                continue
            }
            let isEmbed = first.index > 0 && literal[first.index - 1] == bang
                && line.map { isUnescapedBang(before: first.column, in: $0) } ?? true
            let range = (isEmbed ? first.index - 1 : first.index)..<(fourth.index + 1)
            if excluded.contains(where: { $0.overlaps(range) }) {
                next += 4
                continue
            }
            let text = pieces.alias ?? (isEmbed ? pieces.shown : shownText(of: pieces.shown))
            result.append(Match(range: range, isEmbed: isEmbed, column: isEmbed ? first.column - 1 : first.column,
                                columnAfter: fourth.column + 1, target: pieces.target, text: text))
            next += 4
        }
        return result
    }

    /// `Page#Heading` reads `Page > Heading`, as in Obsidian; `#Heading` (this page) reads `Heading`.
    static func shownText(of target: [UInt8]) -> [UInt8] {
        guard let hash = target.firstIndex(of: UInt8(ascii: "#")) else { return target }
        let page = trimmed(target[..<hash])
        let heading = trimmed(target[(hash + 1)...])
        if page.isEmpty { return Array(heading) }
        if heading.isEmpty { return Array(page) }
        return Array(page) + Array(" > ".utf8) + Array(heading)
    }

    // MARK: - Parts

    /// The target, the target as shown, and the text after the first `|`. The target comes
    /// from the source when it is there to read (so `[[Don't panic]]` keeps its straight
    /// quote under smart punctuation), with backslash escapes taken out; from the literal
    /// otherwise. What is shown comes from the literal, typographic quotes and all.
    private static func parts(of content: ArraySlice<UInt8>, source: ArraySlice<UInt8>?)
        -> (target: [UInt8], shown: [UInt8], alias: [UInt8]?)? {
        let pipe = content.firstIndex(of: UInt8(ascii: "|"))
        let shown = Array(trimmed(content[..<(pipe ?? content.endIndex)]))
        var target = shown
        if let source, !source.contains(ampersand) {
            let unescaped = unescape(source)
            if let written = unescaped.split(separator: UInt8(ascii: "|"), maxSplits: 1, omittingEmptySubsequences: false).first {
                target = Array(trimmed(written))
            }
        }
        guard !target.isEmpty, target != [UInt8(ascii: "#")] else { return nil }
        guard let pipe else { return (target, shown, nil) }
        let alias = trimmed(content[(pipe + 1)...])
        return (target, shown, alias.isEmpty ? nil : Array(alias))
    }

    /// Bytes `from`..<`to` (1-based columns) of `line`, when they are inside it.
    private static func source(_ line: ArraySlice<UInt8>, from: Int, to: Int) -> ArraySlice<UInt8>? {
        guard from >= 1, to >= from, to - 1 <= line.count else { return nil }
        return line[(line.startIndex + from - 1)..<(line.startIndex + to - 1)]
    }

    private static func unescape(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == backslash, index + 1 < bytes.endIndex, isASCIIPunctuation(bytes[index + 1]) { index += 1 }
            result.append(bytes[index])
            index += 1
        }
        return result
    }

    /// Whether the `!` just before the `[` at `column` is written as `!`, not `\!`.
    private static func isUnescapedBang(before column: Int, in line: ArraySlice<UInt8>) -> Bool {
        let bang = line.startIndex + column - 2
        guard column >= 2, bang < line.endIndex, line[bang] == self.bang else { return true }
        var backslashes = 0
        var index = bang - 1
        while index >= line.startIndex, line[index] == backslash {
            backslashes += 1
            index -= 1
        }
        return backslashes % 2 == 0
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return bytes[start..<end]
    }

    // MARK: - Entities

    /// An entity at the start of `bytes` (`&#91;`, `&#x5D;`, `&lsqb;`…): its length, and the
    /// bracket it stands for, if it is one.
    static func entity(in bytes: ArraySlice<UInt8>) -> (length: Int, bracket: UInt8?)? {
        var index = bytes.startIndex + 1
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            let hex = index < bytes.endIndex && bytes[index] | 0x20 == UInt8(ascii: "x")
            if hex { index += 1 }
            var value = 0
            let digitsStart = index
            while index < bytes.endIndex, index - digitsStart < (hex ? 6 : 7), let digit = digitValue(bytes[index], hex: hex) {
                value = value * (hex ? 16 : 10) + digit
                index += 1
            }
            guard index > digitsStart, index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") else { return nil }
            let bracket: UInt8? = value == Int(open) ? open : value == Int(close) ? close : nil
            return (index + 1 - bytes.startIndex, bracket)
        }
        let nameStart = index
        while index < bytes.endIndex, index - nameStart < 32, isAlphanumeric(bytes[index]) { index += 1 }
        guard index > nameStart, index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        let bracket: UInt8? = name == "lsqb" || name == "lbrack" ? open : name == "rsqb" || name == "rbrack" ? close : nil
        return (index + 1 - bytes.startIndex, bracket)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    private static let open = UInt8(ascii: "[")
    private static let close = UInt8(ascii: "]")
    private static let bang = UInt8(ascii: "!")
    private static let backslash = UInt8(ascii: "\\")
    private static let ampersand = UInt8(ascii: "&")
}

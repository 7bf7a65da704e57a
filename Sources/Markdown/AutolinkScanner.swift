/// Finds GitHub's extended autolinks in a run of plain text (GFM 0.29, section 6.9): bare
/// `www.`, `http://`, `https://` and `ftp://` addresses and e-mail addresses, with GitHub's rules for
/// the characters around them. Plain byte work; the caller turns matches into link nodes.
enum AutolinkScanner {
    struct Match: Equatable {
        /// The bytes of the text that become the link's text.
        var range: Range<Int>
        /// The link's destination (`http://` added to `www.`, `mailto:` to an address).
        var url: String
    }

    static func matches(in text: [UInt8]) -> [Match] {
        var result: [Match] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            var found: Match?
            if byte | 0x20 == UInt8(ascii: "w") || byte | 0x20 == UInt8(ascii: "h") || byte | 0x20 == UInt8(ascii: "f") {
                if index == 0 || isOpeningBoundary(text[index - 1]) { found = webLink(in: text, at: index) }
            } else if byte == UInt8(ascii: "@") {
                found = emailLink(in: text, at: index, after: result.last?.range.upperBound ?? 0)
            }
            if let found {
                result.append(found)
                index = found.range.upperBound
            } else {
                index += 1
            }
        }
        return result
    }

    // MARK: - www. and http(s)://

    private static func webLink(in text: [UInt8], at start: Int) -> Match? {
        var domainStart: Int
        var prefix = ""
        if hasPrefix(text, at: start, "www.") {
            domainStart = start
            prefix = "http://"
        } else if hasPrefix(text, at: start, "https://") {
            domainStart = start + 8
        } else if hasPrefix(text, at: start, "http://") {
            domainStart = start + 7
        } else if hasPrefix(text, at: start, "ftp://") {
            domainStart = start + 6
        } else {
            return nil
        }
        guard let domainEnd = validDomainEnd(in: text, from: domainStart) else { return nil }
        var end = domainEnd
        while end < text.count, !isSpace(text[end]), text[end] != UInt8(ascii: "<") { end += 1 }
        end = trimTrailingPunctuation(text, from: domainStart, to: end)
        guard end > domainStart else { return nil }
        domainStart = start
        return Match(range: domainStart..<end, url: prefix + String(decoding: text[start..<end], as: UTF8.self))
    }

    /// Segments of letters, digits, `_` and `-` separated by periods, at least one period,
    /// and no underscore in the last two segments.
    private static func validDomainEnd(in text: [UInt8], from start: Int) -> Int? {
        var index = start
        var segments: [(start: Int, hasUnderscore: Bool)] = []
        var segmentStart = start
        var hasUnderscore = false
        while index < text.count {
            let byte = text[index]
            if isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte >= 0x80 {
                index += 1
            } else if byte == UInt8(ascii: "_") {
                hasUnderscore = true
                index += 1
            } else if byte == UInt8(ascii: "."), index + 1 < text.count, isDomainByte(text[index + 1]) {
                segments.append((segmentStart, hasUnderscore))
                hasUnderscore = false
                index += 1
                segmentStart = index
            } else {
                break
            }
        }
        segments.append((segmentStart, hasUnderscore))
        guard segments.count >= 2, index > segmentStart else { return nil }
        if segments.suffix(2).contains(where: \.hasUnderscore) { return nil }
        return index
    }

    /// GitHub drops `?!.,:*_~` at the end, a `)` that has no `(` in the link, and something
    /// that looks like an entity reference (`&hl;`) at the end.
    private static func trimTrailingPunctuation(_ text: [UInt8], from start: Int, to end: Int) -> Int {
        var end = end
        while end > start {
            let last = text[end - 1]
            if "?!.,:*_~".utf8.contains(last) {
                end -= 1
            } else if last == UInt8(ascii: ")") {
                let link = text[start..<end]
                let opened = link.lazy.filter { $0 == UInt8(ascii: "(") }.count
                let closed = link.lazy.filter { $0 == UInt8(ascii: ")") }.count
                guard closed > opened else { break }
                end -= 1
            } else if last == UInt8(ascii: ";") {
                var cursor = end - 2
                while cursor > start, isAlphanumeric(text[cursor]) { cursor -= 1 }
                guard cursor >= start, cursor < end - 2, text[cursor] == UInt8(ascii: "&") else { break }
                end = cursor
            } else {
                break
            }
        }
        return end
    }

    // MARK: - E-mail addresses

    private static func emailLink(in text: [UInt8], at: Int, after earliest: Int) -> Match? {
        var start = at
        while start > earliest, isLocalPartByte(text[start - 1]) { start -= 1 }
        guard start < at else { return nil }
        if start > 0, text[start - 1] == UInt8(ascii: "/") || isAlphanumeric(text[start - 1]) { return nil }
        var end = at + 1
        var periods = 0
        while end < text.count {
            let byte = text[end]
            if isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                end += 1
            } else if byte == UInt8(ascii: "."), end + 1 < text.count, isAlphanumeric(text[end + 1]) {
                periods += 1
                end += 1
            } else {
                break
            }
        }
        guard periods > 0, end > at + 1 else { return nil }
        let last = text[end - 1]
        if last == UInt8(ascii: "-") || last == UInt8(ascii: "_") { return nil }
        let address = String(decoding: text[start..<end], as: UTF8.self)
        return Match(range: start..<end, url: "mailto:" + address)
    }

    // MARK: - Bytes

    private static func hasPrefix(_ text: [UInt8], at index: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= text.count else { return false }
        return prefix.withUTF8Buffer { expected in
            for offset in 0..<count {
                let wanted = expected[offset]
                let byte = text[index + offset]
                let isLetter = wanted >= UInt8(ascii: "a") && wanted <= UInt8(ascii: "z")
                if isLetter ? byte | 0x20 != wanted : byte != wanted { return false }
            }
            return true
        }
    }

    /// What may come right before a `www.` or `http` autolink.
    private static func isOpeningBoundary(_ byte: UInt8) -> Bool {
        isSpace(byte) || "*_~(".utf8.contains(byte)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isLocalPartByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "._+-".utf8.contains(byte)
    }
}

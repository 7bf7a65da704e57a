/// Finds the sentence around a position in a block of plain text, for link context.
enum SentenceFinder {
    /// The longest context we keep; longer sentences are cut around the link.
    static let maximumLength = 280

    static func sentence(in text: [UInt8], around offset: Int) -> String {
        guard !text.isEmpty else { return "" }
        let offset = min(max(offset, 0), text.count - 1)
        // Look no further than `maximumLength` either way: a longer sentence is cut around
        // the link anyway, and an unbounded search makes a block with thousands of links
        // (and no full stop) quadratic.
        let lowest = max(0, offset - maximumLength)
        let highest = min(text.count, offset + maximumLength)
        var start = offset
        while start > lowest {
            let previous = text[start - 1]
            if start >= 2, isTerminator(text[start - 2]), previous == UInt8(ascii: " ") { break }
            start -= 1
        }
        var end = offset
        while end < highest {
            if isTerminator(text[end]), end + 1 == text.count || text[end + 1] == UInt8(ascii: " ") {
                end += 1
                break
            }
            end += 1
        }
        if end - start > maximumLength {
            start = max(start, offset - maximumLength / 2)
            end = min(end, start + maximumLength)
            // Do not cut a UTF-8 sequence in half.
            while start < end, text[start] & 0xC0 == 0x80 { start += 1 }
            while end > start, end < text.count, text[end] & 0xC0 == 0x80 { end -= 1 }
            let cut = String(decoding: text[start..<end], as: UTF8.self)
            return "…" + cut.trimmingWhitespace() + "…"
        }
        return String(decoding: text[start..<end], as: UTF8.self).trimmingWhitespace()
    }

    private static func isTerminator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
    }
}

extension String {
    /// The text without leading and trailing Unicode white space.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

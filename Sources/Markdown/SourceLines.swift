/// The Markdown source as lines of bytes, for the extensions that need what cmark does not
/// keep after parsing: a table's raw rows, a footnote definition's label.
struct SourceLines {
    let bytes: [UInt8]
    /// Byte offset where each line starts; line `n` (1-based) starts at `starts[n - 1]`.
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.starts = starts
    }

    var count: Int { starts.count }

    /// Line `number` (1-based) without its line ending; empty past the end.
    func line(_ number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= starts.count else { return [] }
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<end]
    }

    /// Lines that may be link reference definitions (`[label]: destination`), to append to
    /// documents parsed apart from this one (table cells), so `[text][label]` still resolves.
    func referenceDefinitionLines() -> [UInt8] {
        var result: [UInt8] = []
        for number in 1...count {
            let text = line(number)
            var index = text.startIndex
            var spaces = 0
            while index < text.endIndex, text[index] == 0x20, spaces < 3 {
                index += 1
                spaces += 1
            }
            guard index + 1 < text.endIndex, text[index] == UInt8(ascii: "["), text[index + 1] != UInt8(ascii: "^"),
                  let close = text[index...].firstIndex(of: UInt8(ascii: "]")),
                  close + 1 < text.endIndex, text[close + 1] == UInt8(ascii: ":") else { continue }
            result.append(contentsOf: text)
            result.append(contentsOf: [0x0A, 0x0A])
        }
        return result
    }
}

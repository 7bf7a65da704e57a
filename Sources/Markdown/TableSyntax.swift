/// The line syntax of GitHub-flavoured Markdown tables: splitting a row into cells and
/// reading the delimiter row. Plain byte work, no cmark; ``GitHubExtensions`` builds the
/// table nodes from what this finds.
enum TableSyntax {
    enum Alignment: Sendable, Equatable {
        case none, left, center, right
    }

    /// One cell of a row: its text (trimmed, `\|` unescaped) and the 1-based byte column
    /// where that text starts in the row's line.
    struct Cell: Equatable {
        var text: [UInt8]
        var column: Int
    }

    /// The cells of a row (GFM 0.29, section 4.10): an optional leading and trailing pipe,
    /// cells split at every pipe not escaped with a backslash (inside code spans too).
    static func cells(of line: ArraySlice<UInt8>, firstColumn: Int) -> [Cell] {
        var start = line.startIndex
        var end = line.endIndex
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        if start < end, line[start] == pipe { start += 1 }
        if end > start, line[end - 1] == pipe, !isEscaped(line, end - 1, from: start) { end -= 1 }

        var cells: [Cell] = []
        var cellStart = start
        var index = start
        while index <= end {
            if index == end || (line[index] == pipe && !isEscaped(line, index, from: start)) {
                cells.append(cell(line[cellStart..<index], base: line.startIndex, firstColumn: firstColumn))
                cellStart = index + 1
            }
            index += 1
        }
        return cells
    }

    /// The alignments of a delimiter row (`| :--- | :---: | ---: |`), or nil when the line
    /// is not one. A delimiter row has at least one pipe, so `---` stays a thematic break
    /// or a setext underline, as on GitHub.
    static func alignments(of line: ArraySlice<UInt8>) -> [Alignment]? {
        guard line.contains(pipe) else { return nil }
        var result: [Alignment] = []
        for cell in cells(of: line, firstColumn: 1) {
            let text = cell.text
            guard !text.isEmpty else { return nil }
            let left = text.first == colon
            let right = text.last == colon
            let dashes = text.dropFirst(left ? 1 : 0).dropLast(right && text.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == dash }) else { return nil }
            switch (left, right) {
            case (true, true): result.append(.center)
            case (true, false): result.append(.left)
            case (false, true): result.append(.right)
            case (false, false): result.append(.none)
            }
        }
        return result.isEmpty ? nil : result
    }

    private static func cell(_ raw: ArraySlice<UInt8>, base: Int, firstColumn: Int) -> Cell {
        var start = raw.startIndex
        var end = raw.endIndex
        while start < end, isSpace(raw[start]) { start += 1 }
        while end > start, isSpace(raw[end - 1]) { end -= 1 }
        var text: [UInt8] = []
        text.reserveCapacity(end - start)
        var index = start
        while index < end {
            // `\|` is a pipe in the cell's content, even inside a code span (GFM example 200).
            if raw[index] == backslash, index + 1 < end, raw[index + 1] == pipe {
                text.append(pipe)
                index += 2
            } else {
                text.append(raw[index])
                index += 1
            }
        }
        return Cell(text: text, column: firstColumn + (start - base))
    }

    /// True when the byte at `index` follows an odd number of backslashes.
    private static func isEscaped(_ line: ArraySlice<UInt8>, _ index: Int, from start: Int) -> Bool {
        var count = 0
        var cursor = index - 1
        while cursor >= start, line[cursor] == backslash {
            count += 1
            cursor -= 1
        }
        return count % 2 == 1
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    private static let pipe = UInt8(ascii: "|")
    private static let colon = UInt8(ascii: ":")
    private static let dash = UInt8(ascii: "-")
    private static let backslash = UInt8(ascii: "\\")
}

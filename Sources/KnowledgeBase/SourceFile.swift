/// A content file's text, decoded and split into front matter and body.
///
/// UTF-8 only. A byte-order mark is dropped and CRLF line endings become LF, so line
/// and column numbers match what an editor shows either way.
public struct SourceFile: Sendable, Hashable {
    /// Path shown in diagnostics, e.g. `Content/practices/one-on-ones.md`.
    public var displayPath: String
    /// The YAML between the `---` lines (empty when there is none).
    public var frontMatter: String
    /// The line of the file on which the front matter's first line stands.
    public var frontMatterFirstLine: Int
    /// The Markdown after the closing `---`.
    public var body: String
    /// The line of the file on which `body` starts.
    public var bodyFirstLine: Int
    public var hasFrontMatter: Bool

    /// Decodes `bytes` and splits off the front matter.
    public static func parse(bytes: [UInt8], displayPath: String) -> Result<SourceFile, Diagnostic> {
        switch decode(bytes, displayPath: displayPath) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let text): return split(text, displayPath: displayPath)
        }
    }

    static func decode(_ bytes: [UInt8], displayPath: String) -> Result<String, Diagnostic> {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let position = firstInvalidUTF8(bytes) {
            return .failure(.error(displayPath, position.line, position.column, "file is not valid UTF-8", hint: "save the file as UTF-8"))
        }
        if let nul = bytes.firstIndex(of: 0) {
            let position = lineAndColumn(of: nul, in: bytes)
            return .failure(.error(displayPath, position.line, position.column, "file contains a NUL byte"))
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.utf8.contains(13) {
            text = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
        }
        return .success(text)
    }

    static func split(_ text: String, displayPath: String) -> Result<SourceFile, Diagnostic> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
            return .success(SourceFile(displayPath: displayPath, frontMatter: "", frontMatterFirstLine: 1, body: text, bodyFirstLine: 1, hasFrontMatter: false))
        }
        guard let closing = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingSpaces() == "---" || $0.trimmingTrailingSpaces() == "..." }) else {
            return .failure(.error(displayPath, 1, 1, "front matter starts with '---' but never closes",
                                   hint: "add a line with '---' after the last front matter field"))
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        return .success(SourceFile(displayPath: displayPath, frontMatter: yaml, frontMatterFirstLine: 2, body: body, bodyFirstLine: closing + 2, hasFrontMatter: true))
    }

    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> (line: Int, column: Int)? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = bytes.startIndex
        var consumed = 0
        // Decode scalar by scalar; on an error, report where the bad sequence starts.
        var scalarStart = offset
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                offset = bytes.startIndex + consumed
                scalarStart = offset
            case .emptyInput:
                return nil
            case .error:
                return lineAndColumn(of: scalarStart, in: bytes)
            }
        }
    }

    private static func lineAndColumn(of index: Int, in bytes: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = bytes.startIndex
        for position in bytes.startIndex..<index where bytes[position] == 10 {
            line += 1
            lineStart = position + 1
        }
        return (line, index - lineStart + 1)
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" {
            end = index(before: end)
        }
        return self[startIndex..<end]
    }
}

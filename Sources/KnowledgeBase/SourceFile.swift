import Markdown

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
    /// Whether the front matter is TOML, between `+++` lines, as Hugo writes it.
    public var frontMatterIsTOML = false

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
        // The standard library validates in bulk; the slow scalar-by-scalar walk runs only
        // to locate the problem in a file that fails.
        guard var text = String(validating: bytes, as: UTF8.self) else {
            let position = firstInvalidUTF8(bytes) ?? (1, 1)
            return .failure(.error(displayPath, position.line, position.column, "file is not valid UTF-8", hint: "save the file as UTF-8"))
        }
        if let nul = bytes.firstIndex(of: 0) {
            let position = lineAndColumn(of: nul, in: bytes)
            return .failure(.error(displayPath, position.line, position.column, "file contains a NUL byte"))
        }
        if text.containsUTF8Byte(13) {
            text = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
        }
        return .success(text)
    }

    /// Splits at the `---` lines. Only the front matter's lines are visited; the body is
    /// taken as one slice, however long it is.
    static func split(_ text: String, displayPath: String) -> Result<SourceFile, Diagnostic> {
        let bytes = text.utf8
        var fence = "---"
        func isFence(_ line: Substring.UTF8View, allowDots: Bool) -> Bool {
            var trimmed = line[...]
            while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
            return trimmed.elementsEqual(fence.utf8) || (allowDots && fence == "---" && trimmed.elementsEqual("...".utf8))
        }
        var lineStart = bytes.startIndex
        var lineNumber = 1
        var frontMatterStart: String.Index?
        while lineStart <= bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let line = text[lineStart..<lineEnd].utf8
            if lineNumber == 1 {
                if line.elementsEqual("+++".utf8) || (line.starts(with: "+++".utf8) && line.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }) {
                    fence = "+++"
                }
                guard isFence(line, allowDots: false) else {
                    return .success(SourceFile(displayPath: displayPath, frontMatter: "", frontMatterFirstLine: 1, body: text, bodyFirstLine: 1, hasFrontMatter: false))
                }
                frontMatterStart = lineEnd == bytes.endIndex ? lineEnd : bytes.index(after: lineEnd)
            } else if isFence(line, allowDots: true), let start = frontMatterStart {
                // The YAML ends before the fence's own line break.
                let yamlEnd = lineStart > start ? bytes.index(before: lineStart) : start
                let bodyStart = lineEnd == bytes.endIndex ? lineEnd : bytes.index(after: lineEnd)
                return .success(SourceFile(
                    displayPath: displayPath, frontMatter: String(text[start..<yamlEnd]), frontMatterFirstLine: 2,
                    body: String(text[bodyStart...]), bodyFirstLine: lineNumber + 1, hasFrontMatter: true,
                    frontMatterIsTOML: fence == "+++"
                ))
            }
            guard lineEnd < bytes.endIndex else { break }
            lineStart = bytes.index(after: lineEnd)
            lineNumber += 1
        }
        return .failure(.error(displayPath, 1, 1, "front matter starts with '\(fence)' but never closes",
                               hint: "add a line with '\(fence)' after the last front matter field"))
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

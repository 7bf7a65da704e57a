import Ccmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Markdown source as it may be published beside its page: without the raw HTML that the
/// safe renderer leaves out of the page.
public enum PublishedMarkdown {
    /// `source` with every raw HTML element, comment and block removed, where cmark finds
    /// them. The bytes before a block's first column stay on every line it covers, so a
    /// quote or list around it keeps its markers. Removing a tag can bring another to light
    /// (`<<b>b>`), so the source is read again until cmark finds none; if it still does
    /// after a few rounds, every `<` is written as `&lt;`, which leaves no raw HTML at all.
    public static func removingRawHTML(_ source: String) -> String {
        // Most articles have no `<` at all: nothing to parse.
        guard source.containsUTF8Byte(UInt8(ascii: "<")) else { return source }
        var bytes = Array(source.utf8)
        for _ in 0..<4 {
            let spans = rawHTMLSpans(in: bytes)
            if spans.isEmpty { return String(decoding: bytes, as: UTF8.self) }
            bytes = removing(spans, from: bytes)
        }
        if rawHTMLSpans(in: bytes).isEmpty { return String(decoding: bytes, as: UTF8.self) }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte == UInt8(ascii: "<") { escaped += Array("&lt;".utf8) } else { escaped.append(byte) }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// A range of the source, 1-based lines and byte columns, both ends included.
    struct Span: Equatable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
    }

    /// Where cmark reads raw HTML, in source order (footnote definitions hidden as the
    /// renderer hides them, so both read the same blocks).
    static func rawHTMLSpans(in source: [UInt8]) -> [Span] {
        var bytes = source
        let options = CMARK_OPT_DEFAULT
        _ = FootnoteDefinitionLines.hide(in: &bytes, options: options)
        let root = CmarkNode.parse(bytes, options: options)
        defer { cmark_node_free(root) }
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var spans: [Span] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = CmarkNode.type(node)
            guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE else { continue }
            var span = Span(startLine: CmarkNode.startLine(node), startColumn: CmarkNode.startColumn(node),
                            endLine: CmarkNode.endLine(node), endColumn: Int(cmark_node_get_end_column(node)))
            if type == CMARK_NODE_HTML_BLOCK {
                // A block covers whole lines, as many as its text has. (cmark 0.30 ends some
                // blocks a line early, or before they start, so its end is not used.)
                let literal = CmarkNode.literal(node)
                let lines = literal.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } + (literal.last == UInt8(ascii: "\n") ? 0 : 1)
                span.endLine = span.startLine + max(1, lines) - 1
                span.endColumn = Int.max / 2
            }
            if span.startLine > 0, span.startColumn > 0, span.endLine >= span.startLine { spans.append(span) }
        }
        return spans
    }

    /// The source without the spans. On lines after a span's first, the bytes before its
    /// start column (a quote's `> `, a list item's indent) are kept.
    static func removing(_ spans: [Span], from bytes: [UInt8]) -> [UInt8] {
        var lineStarts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
        /// Where line `line` (1-based) ends, before its `\n` or `\r\n`.
        func lineEnd(_ line: Int) -> Int {
            var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
            if end > lineStarts[line - 1], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return end
        }
        var removed = [Bool](repeating: false, count: bytes.count)
        for span in spans {
            for line in span.startLine...span.endLine where line - 1 < lineStarts.count {
                let start = lineStarts[line - 1]
                let end = lineEnd(line)
                let from = min(end, start + span.startColumn - 1)
                let to = line == span.endLine ? min(end, start + span.endColumn) : end
                if from < to { for index in from..<to { removed[index] = true } }
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() where !removed[index] { output.append(byte) }
        return output
    }
}

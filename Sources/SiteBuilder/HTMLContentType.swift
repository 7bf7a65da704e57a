import Mustache

/// Escapes `{{variables}}` for HTML like swift-mustache's own HTML content type (the same
/// five characters), but over UTF-8 bytes, with no copy when nothing needs escaping.
/// Titles and summaries appear thousands of times in a large handbook, and escaping
/// character by character was the single largest cost of rendering.
struct FastHTMLContentType: MustacheContentType {
    static let name = "HANDBOOK_HTML"
    /// Put before every template's text: a pragma that produces no output and does not move
    /// line numbers, selecting this content type.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    /// Makes the content type known to swift-mustache's pragma lookup. Registering the same
    /// value again is harmless, so every theme load can do it.
    static func register() {
        MustacheContentTypes.register(FastHTMLContentType(), named: name)
    }

    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                return nil
            }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                switch byte {
                case 0x26: output.append(contentsOf: "&amp;".utf8)
                case 0x3C: output.append(contentsOf: "&lt;".utf8)
                case 0x3E: output.append(contentsOf: "&gt;".utf8)
                case 0x22: output.append(contentsOf: "&quot;".utf8)
                case 0x27: output.append(contentsOf: "&#39;".utf8)
                default: output.append(byte)
                }
            }
            return String(decoding: output, as: UTF8.self)
        } ?? text
    }
}

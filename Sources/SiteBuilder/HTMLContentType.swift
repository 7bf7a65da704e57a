import Markdown
import Mustache

/// Escapes `{{variables}}` for HTML like swift-mustache's own HTML content type (the same
/// five characters), but with ``HTMLEscaping``, over UTF-8 bytes and with no copy when
/// nothing needs escaping: escaping character by character was once the single largest cost
/// of rendering.
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
        HTMLEscaping.escape(text)
    }
}

/// Names the raw HTML that the safe renderer leaves out, and what to write instead.
enum RawHTML {
    /// The tag name of the first opening tag in `html` (`details` for `<details open>`), or
    /// nil for a closing tag or a comment. Processing instructions and declarations are
    /// named by their first characters.
    static func openingTag(in html: [UInt8]) -> String? {
        guard let open = html.firstIndex(of: UInt8(ascii: "<")), open + 1 < html.count else { return nil }
        let next = html[open + 1]
        if next == UInt8(ascii: "/") { return nil }
        if next == UInt8(ascii: "!") {
            if html[(open + 1)...].starts(with: Array("!--".utf8)) { return nil }
            return String(decoding: html[(open + 1)...].prefix { isNameByte($0) || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "[") }, as: UTF8.self)
        }
        if next == UInt8(ascii: "?") { return "?" }
        let name = html[(open + 1)...].prefix { isNameByte($0) }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self).lowercased()
    }

    static func hint(for tag: String) -> String {
        let instead = markdownEquivalents[tag].map { "use \($0) instead" } ?? "write it in Markdown instead"
        return "\(instead); raw HTML is published only with 'allow_raw_html: true' in handbook.yml, which lets any author run script in readers' browsers"
    }

    private static let markdownEquivalents: [String: String] = [
        "details": "a heading and its text, or a '> [!NOTE]' callout",
        "summary": "a heading",
        "br": "a backslash at the end of the line",
        "b": "**bold**", "strong": "**bold**",
        "i": "*emphasis*", "em": "*emphasis*",
        "del": "~~strikethrough~~", "s": "~~strikethrough~~", "strike": "~~strikethrough~~",
        "code": "`code`", "kbd": "`code`", "tt": "`code`",
        "pre": "a fenced code block (```)",
        "a": "[text](address)",
        "img": "![description](image.png)",
        "table": "a table (| a | b | with a |---|---| row)",
        "ul": "'- ' list items", "ol": "'1. ' list items", "li": "'- ' list items",
        "hr": "a line of ---",
        "h1": "'# ' headings", "h2": "'## ' headings", "h3": "'### ' headings",
        "h4": "'#### ' headings", "h5": "'##### ' headings", "h6": "'###### ' headings",
        "blockquote": "'> ' quotes",
        "p": "a blank line between paragraphs", "div": "plain paragraphs, or a '> [!NOTE]' callout",
        "sup": "a footnote ([^1])",
    ]

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "-")
    }
}

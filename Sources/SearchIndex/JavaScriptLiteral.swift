/// Writes JavaScript literals for the index files.
///
/// The files are loaded with `<script src>`, so a string in them must not be able to end the
/// script or change its meaning, whatever the content: `<`, `>` and `&` (no `</script>`, no
/// `<!--`), U+2028 and U+2029 (line terminators in older engines), control characters, quotes
/// and backslashes are all written as escapes. Every other non-ASCII character is written as a
/// `\uXXXX` escape too, so the files are pure ASCII and read the same whatever charset a server
/// or `file://` assumes.
enum JavaScriptLiteral {
    /// `text` as a double-quoted JavaScript string literal.
    static func string(_ text: String) -> String {
        var output = ""
        appendString(text, to: &output)
        return output
    }

    static func appendString(_ text: String, to output: inout String) {
        output.unicodeScalars.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case "<", ">", "&": appendEscape(UInt16(scalar.value), to: &output)
            case " "..."~": output.unicodeScalars.append(scalar)
            default:
                for unit in String(scalar).utf16 { appendEscape(unit, to: &output) }
            }
        }
        output.unicodeScalars.append("\"")
    }

    /// An optional string: `null` when absent.
    static func appendOptionalString(_ text: String?, to output: inout String) {
        if let text { appendString(text, to: &output) } else { output += "null" }
    }

    /// A JavaScript array of string literals.
    static func appendStringArray(_ texts: [String], to output: inout String) {
        output += "["
        for (index, text) in texts.enumerated() {
            if index > 0 { output += "," }
            appendString(text, to: &output)
        }
        output += "]"
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    private static func appendEscape(_ unit: UInt16, to output: inout String) {
        output += "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            output.unicodeScalars.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }
}

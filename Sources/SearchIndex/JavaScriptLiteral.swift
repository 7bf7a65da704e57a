/// Writes JavaScript literals for the index files.
///
/// The files are loaded with `<script src>`, so a string in them must not be able to end the
/// script or change its meaning, whatever the content: `<`, `>` and `&` (no `</script>`, no
/// `<!--`), U+2028 and U+2029 (line terminators in older engines), control characters, quotes
/// and backslashes are all written as escapes. Every other non-ASCII character is written as a
/// `\uXXXX` escape too, so the files are pure ASCII and read the same whatever charset a server
/// or `file://` assumes.
///
/// Output goes to byte buffers: the doc store alone is as large as the site's text.
enum JavaScriptLiteral {
    /// `text` as a double-quoted JavaScript string literal.
    static func string(_ text: String) -> String {
        var output: [UInt8] = []
        appendString(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs of characters written as they are are copied whole: most of the index (the
            // doc store's base64, terms, postings) is such a run, and appending byte by byte
            // was a visible part of building it.
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if isWrittenAsIs[Int(byte)] {
                    index += 1
                    continue
                }
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                if byte < 0x80 {
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                        output.append(UInt8(ascii: "\\"))
                        output.append(byte)
                    case UInt8(ascii: "\n"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                    case UInt8(ascii: "\t"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                    case UInt8(ascii: "\r"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                    default: appendEscape(UInt16(byte), to: &output)
                    }
                    index += 1
                } else {
                    let (value, length) = bytes.scalarValue(at: index)
                    if value >= 0x10000 {
                        let offset = value - 0x10000
                        appendEscape(UInt16(0xD800 + (offset >> 10)), to: &output)
                        appendEscape(UInt16(0xDC00 + (offset & 0x3FF)), to: &output)
                    } else {
                        appendEscape(UInt16(value), to: &output)
                    }
                    index += length
                }
                runStart = index
            }
            if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The bytes a string literal holds as they are: printable ASCII but for quotes,
    /// backslashes and `<`, `>`, `&`.
    private static let isWrittenAsIs: [Bool] = (0...255).map { byte in
        (0x20...0x7E).contains(byte) && !"\"\\<>&".utf8.contains(UInt8(byte))
    }

    /// An optional string: `null` when absent.
    static func appendOptionalString(_ text: String?, to output: inout [UInt8]) {
        if let text { appendString(text, to: &output) } else { output.append(contentsOf: Array("null".utf8)) }
    }

    /// A JavaScript array of string literals.
    static func appendStringArray(_ texts: [String], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (index, text) in texts.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendString(text, to: &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscape(_ unit: UInt16, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        output.append(UInt8(ascii: "u"))
        output.append(hexDigits[Int(unit >> 12)])
        output.append(hexDigits[Int((unit >> 8) & 0xF)])
        output.append(hexDigits[Int((unit >> 4) & 0xF)])
        output.append(hexDigits[Int(unit & 0xF)])
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Decodes the (valid, as in any Swift string) multi-byte UTF-8 sequence starting at
    /// `index`: the one UTF-8 decoder of the search index.
    func scalarValue(at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(self[index])
        func continuation(_ offset: Int) -> UInt32 { UInt32(self[index + offset]) & 0x3F }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | continuation(1), 2) }
        if lead < 0xF0 { return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3) }
        return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
    }
}

extension Array where Element == UInt8 {
    /// Appends ASCII text (numbers, punctuation, fixed names) to a file being written.
    mutating func append(ascii text: String) {
        append(contentsOf: text.utf8)
    }
}

/// A small, forgiving reader of the tags in an HTML text, for tests that must prove content
/// never became markup. It reads the way a browser's tokenizer does in the data state: `<`
/// followed by a letter starts a tag (everything else is text), attribute values may be
/// double-quoted, single-quoted or bare, and comments and doctypes are skipped.
///
/// Shared by the hostile-input tests and the fuzz target (fuzz/FuzzTarget.swift), so it uses
/// the standard library only.
public struct HTMLTag: Sendable, Hashable, CustomStringConvertible {
    /// Lowercased, e.g. `a`, `script`, `svg:title` is `title`.
    public var name: String
    public var isEnd: Bool
    /// Lowercased names with their values (entities left as written).
    public var attributes: [(name: String, value: String)]

    public func value(of attribute: String) -> String? {
        attributes.first { $0.name == attribute }?.value
    }

    public var description: String {
        "<\(isEnd ? "/" : "")\(name)\(attributes.map { " \($0.name)=\"\($0.value)\"" }.joined())>"
    }

    public static func == (lhs: HTMLTag, rhs: HTMLTag) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// Every tag in `html`, in order.
    public static func all(in html: String) -> [HTMLTag] {
        let bytes = Array(html.utf8)
        var tags: [HTMLTag] = []
        var index = 0
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") {
                // A comment ends at `-->` (or `--!>`), a doctype at `>`.
                let isComment = bytes[index...].starts(with: Array("<!--".utf8))
                var end = index + (isComment ? 4 : 2)
                while end < bytes.count {
                    if isComment {
                        if bytes[end...].starts(with: Array("-->".utf8)) { end += 3; break }
                        if bytes[end...].starts(with: Array("--!>".utf8)) { end += 4; break }
                    } else if bytes[end] == UInt8(ascii: ">") {
                        end += 1
                        break
                    }
                    end += 1
                }
                index = end
                continue
            }
            let isEnd = next == UInt8(ascii: "/")
            var position = index + (isEnd ? 2 : 1)
            guard position < bytes.count, isLetter(bytes[position]) else {
                index += 1
                continue
            }
            let nameStart = position
            while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "/"), bytes[position] != UInt8(ascii: ">") {
                position += 1
            }
            var tag = HTMLTag(name: text(nameStart..<position).lowercased(), isEnd: isEnd, attributes: [])
            // Attributes, until `>`.
            while position < bytes.count, bytes[position] != UInt8(ascii: ">") {
                if isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "/") {
                    position += 1
                    continue
                }
                let attributeStart = position
                position += 1
                while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "/"),
                      bytes[position] != UInt8(ascii: ">"), bytes[position] != UInt8(ascii: "=") {
                    position += 1
                }
                let name = text(attributeStart..<position).lowercased()
                while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                var value = ""
                if position < bytes.count, bytes[position] == UInt8(ascii: "=") {
                    position += 1
                    while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") {
                        let quote = bytes[position]
                        let valueStart = position + 1
                        position = valueStart
                        while position < bytes.count, bytes[position] != quote { position += 1 }
                        value = text(valueStart..<min(position, bytes.count))
                        position += 1
                    } else {
                        let valueStart = position
                        while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") { position += 1 }
                        value = text(valueStart..<position)
                    }
                }
                tag.attributes.append((name, value))
            }
            tags.append(tag)
            index = position + 1
        }
        return tags
    }
}

/// What a browser would make of a URL attribute: entities decoded, leading controls and
/// spaces dropped, tabs and line breaks removed anywhere, lowercased.
public enum BrowserURL {
    public static func normalized(_ attributeValue: String, decodingEntities decode: Bool = true) -> String {
        let decoded = decode ? decodingEntities(attributeValue) : attributeValue
        var scalars = Substring(decoded).unicodeScalars.drop { $0.value <= 0x20 }[...]
        scalars = scalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }[...]
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result.lowercased()
    }

    /// True when following the URL would run script or open local or inline content.
    public static func runsScript(_ attributeValue: String) -> Bool {
        let url = normalized(attributeValue)
        return ["javascript:", "vbscript:", "data:", "file:"].contains { url.hasPrefix($0) }
    }

    /// Decodes the character references cmark and Mustache write, and numeric ones.
    public static func decodingEntities(_ text: String) -> String {
        var output = ""
        var rest = text[...]
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "tab": "\t", "newline": "\n", "colon": ":"]
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
                output += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            if let value = named[name.lowercased()] {
                output += value
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                output.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                output.unicodeScalars.append(scalar)
            } else {
                output += rest[...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return output + rest
    }
}

/// Reads the string literals of a JavaScript file as the search index writes them.
public enum JavaScriptStrings {
    /// The file with every double-quoted string literal removed, or nil when a literal never
    /// closes or holds a raw line break (either would let content escape into code).
    public static func codeOutsideStrings(_ script: String) -> String? {
        var outside: [UInt8] = []
        var inString = false
        var escaped = false
        for byte in script.utf8 {
            if inString {
                if byte == 0x0A || byte == 0x0D { return nil }
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else {
                outside.append(byte)
            }
        }
        return inString ? nil : String(decoding: outside, as: UTF8.self)
    }
}

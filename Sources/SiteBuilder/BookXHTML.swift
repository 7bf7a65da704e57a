/// Turns the book's HTML (cmark's output, the theme's partials, and raw HTML where a site
/// allows it) into well-formed XHTML for the EPUB, one document at a time.
///
/// Tags are read one by one and written again: names in lowercase, every attribute quoted,
/// void elements closed (`<input … />`), boolean attributes given values, named entities
/// XML does not know written as numbers, elements closed in order. On the way, links are
/// resolved for the book, footnotes get their EPUB semantics, heading permalinks and
/// scripts are left out, and images the book does not carry become their alt text.
struct BookXHTML {
    /// What becomes of a link's `href`.
    enum LinkTarget: Equatable {
        case keep(String)
        /// Not in the book: the link's text stays, the link goes.
        case unwrap
    }

    /// Ids already used in the document: a repeat is dropped, since XML allows one.
    private(set) var usedIDs: Set<String>
    private(set) var output: [UInt8] = []
    /// Open elements; `nil` stands for an `<a>` that was left out.
    private var open: [String?] = []
    /// Inside an element whose content is left out (a heading permalink, a script), its
    /// depth in `open`.
    private var skippingFrom: Int?
    private var inFootnotes = false

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
    static let droppedWithContent: Set<String> = ["script", "style", "iframe", "object", "template", "noscript", "frame", "frameset"]
    static let booleanAttributes: Set<String> = ["checked", "disabled", "hidden", "open", "selected", "readonly", "multiple", "reversed"]

    /// A document, or the rest of one whose earlier part used `usedIDs`.
    init(usedIDs: Set<String> = []) {
        self.usedIDs = usedIDs
    }

    /// Appends `html`, whose links are resolved by `resolve`.
    mutating func append(_ html: String, resolve: (String) -> LinkTarget, image: (String) -> String? = { _ in nil }) {
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                index = tag(bytes, at: index, resolve: resolve, image: image)
            } else {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                if skippingFrom == nil { appendText(bytes[index..<end]) }
                index = end
            }
        }
    }

    /// Appends markup made for the book (the cover, the contents), already well-formed, as it is.
    mutating func appendVerbatim(_ xhtml: String) {
        output += Array(xhtml.utf8)
    }

    /// Closes whatever is still open and returns the document's bytes.
    mutating func finish() -> [UInt8] {
        while !open.isEmpty { closeTop() }
        return output
    }

    // MARK: - Tags

    /// Reads the tag starting at `start` and returns the index after it.
    private mutating func tag(_ bytes: [UInt8], at start: Int, resolve: (String) -> LinkTarget, image: (String) -> String?) -> Int {
        var index = start + 1
        guard index < bytes.count else {
            if skippingFrom == nil { output += Array("&lt;".utf8) }
            return index
        }
        // Comments, declarations and processing instructions are left out.
        if bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "?") {
            if bytes[index...].starts(with: Array("!--".utf8)) {
                return Self.find(Array("-->".utf8), in: bytes, from: index).map { $0 + 3 } ?? bytes.count
            }
            return (bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1) + 1
        }
        let closing = bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        let nameStart = index
        while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
        guard index > nameStart, Self.isLetter(bytes[nameStart]) else {
            // Not a tag: a `<` in text.
            if skippingFrom == nil { output += Array("&lt;".utf8) }
            return start + 1
        }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        let (attributes, selfClosing, end) = Self.attributes(bytes, from: index)
        index = end
        if closing {
            close(name)
        } else {
            openElement(name, attributes: attributes, selfClosing: selfClosing || Self.voidElements.contains(name), resolve: resolve, image: image)
        }
        return index
    }

    /// The attributes of the tag whose name ends at `start`, whether it closes itself (`/>`),
    /// and the index after the tag. Invalid names and repeated attributes are left out.
    private static func attributes(_ bytes: [UInt8], from start: Int) -> (attributes: [(name: String, value: String?)], selfClosing: Bool, end: Int) {
        var index = start
        var attributes: [(name: String, value: String?)] = []
        var selfClosing = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return (attributes, selfClosing, index + 1) }
            if byte == UInt8(ascii: "/") || isSpace(byte) {
                selfClosing = selfClosing || byte == UInt8(ascii: "/")
                index += 1
                continue
            }
            let attributeStart = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">"),
                  bytes[index] != UInt8(ascii: "/") || index == attributeStart {
                index += 1
            }
            let attributeName = String(decoding: bytes[attributeStart..<index], as: UTF8.self).lowercased()
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var value: String?
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                (value, index) = attributeValue(bytes, from: index + 1)
            }
            if isValidAttributeName(attributeName), !attributes.contains(where: { $0.name == attributeName }) {
                attributes.append((attributeName, value))
            }
        }
        return (attributes, selfClosing, index)
    }

    /// An attribute's value after its `=`, quoted or not, and the index after it.
    private static func attributeValue(_ bytes: [UInt8], from start: Int) -> (value: String, end: Int) {
        var index = start
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
            let quote = bytes[index]
            let end = bytes[(index + 1)...].firstIndex(of: quote) ?? bytes.count
            return (String(decoding: bytes[(index + 1)..<end], as: UTF8.self), min(bytes.count, end + 1))
        }
        let valueStart = index
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
        return (String(decoding: bytes[valueStart..<index], as: UTF8.self), index)
    }

    /// The book carries the images of the content folder; a web image would need the
    /// network, so its alt text stands in.
    private mutating func writeImage(_ value: (String) -> String?, image: (String) -> String?) {
        let alt = value("alt").map(Self.xmlAttribute) ?? ""
        if let source = value("src").map(Self.decodeBasicEntities), let path = image(source) {
            var tag = "<img src=\"\(XMLEscaping.escape(path))\" alt=\"\(alt)\""
            for size in ["width", "height"] { if let number = value(size), number.allSatisfy(\.isNumber) { tag += " \(size)=\"\(number)\"" } }
            output += Array((tag + " />").utf8)
        } else if !alt.isEmpty {
            output += Array("<span class=\"image-alt\">[\(alt)]</span>".utf8)
        }
    }

    private mutating func openElement(_ name: String, attributes: [(name: String, value: String?)], selfClosing: Bool, resolve: (String) -> LinkTarget,
                                      image: (String) -> String?) {
        if skippingFrom != nil {
            if !selfClosing { open.append(name) }
            return
        }
        func value(_ attribute: String) -> String? { attributes.first { $0.name == attribute }?.value }
        let classes = (value("class") ?? "").split(separator: " ")
        if Self.droppedWithContent.contains(name) || (name == "a" && classes.contains("heading-anchor")) {
            if !selfClosing {
                skippingFrom = open.count
                open.append(name)
            }
            return
        }
        var written: [(name: String, value: String)] = []
        var extraType: String?
        for (attribute, raw) in attributes {
            // Event handlers never reach the book; nor do namespaced names it does not declare.
            if attribute.hasPrefix("on") || (attribute.contains(":") && attribute != "xml:lang" && attribute != "epub:type") { continue }
            var text = raw ?? (Self.booleanAttributes.contains(attribute) ? attribute : "")
            if attribute == "id" {
                guard !text.isEmpty, usedIDs.insert(text).inserted else { continue }
            }
            if name == "a" && attribute == "href" {
                switch resolve(Self.decodeBasicEntities(text)) {
                case .keep(let target): text = XMLEscaping.escape(target)
                case .unwrap:
                    open.append(nil)
                    return
                }
                written.append((attribute, text))
                continue
            }
            written.append((attribute, Self.xmlAttribute(text)))
        }
        if name == "img" {
            writeImage(value, image: image)
            return
        }
        if name == "a" && value("role") == "doc-noteref" { extraType = "noteref" }
        if name == "a" && classes.contains("footnote-backref") { extraType = "backlink" }
        if name == "section" && value("role") == "doc-endnotes" {
            extraType = "endnotes"
            inFootnotes = true
        }
        if name == "li" && inFootnotes && value("id") != nil { extraType = "endnote" }
        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: name.utf8)
        for (attribute, text) in Self.withXMLLang(written) { appendAttribute(attribute, text) }
        if let extraType, !written.contains(where: { $0.name == "epub:type" }) { appendAttribute("epub:type", extraType) }
        output.append(contentsOf: selfClosing ? " />".utf8 : ">".utf8)
        if !selfClosing { open.append(name) }
    }

    /// ` name="value"`, the value already escaped.
    private mutating func appendAttribute(_ name: String, _ value: String) {
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: name.utf8)
        output.append(contentsOf: "=\"".utf8)
        output.append(contentsOf: value.utf8)
        output.append(UInt8(ascii: "\""))
    }

    /// XHTML reads `xml:lang`: an element with HTML's `lang` gets it too, with the same value.
    static func withXMLLang(_ attributes: [(name: String, value: String)]) -> [(name: String, value: String)] {
        guard let lang = attributes.first(where: { $0.name == "lang" }) else { return attributes }
        return attributes.filter { $0.name != "xml:lang" } + [("xml:lang", lang.value)]
    }

    private mutating func close(_ name: String) {
        // A close tag with nothing open by that name is left out; one that skips open
        // elements closes them first.
        guard let position = open.lastIndex(where: { ($0 ?? "a") == name }) else { return }
        while open.count > position { closeTop() }
    }

    private mutating func closeTop() {
        guard let top = open.popLast() else { return }
        if let skipping = skippingFrom {
            if open.count == skipping { skippingFrom = nil }
            return
        }
        guard let name = top else { return }
        if name == "section" { inFootnotes = false }
        output += Array("</\(name)>".utf8)
    }

    // MARK: - Text

    /// Text with `&` written as XML allows and characters XML forbids left out.
    private mutating func appendText(_ text: ArraySlice<UInt8>) {
        if text.allSatisfy(Self.isPlainText) {
            output.append(contentsOf: text)
        } else {
            output += Self.xmlText(text)
        }
    }

    /// A byte that text and attribute values keep as it is: not `&`, `"` or `<`, and not a
    /// control character other than a tab or a line break.
    private static func isPlainText(_ byte: UInt8) -> Bool {
        (byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D)
            && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "<")
    }

    static func xmlAttribute(_ value: String) -> String {
        if value.utf8.allSatisfy(isPlainText) { return value }
        var bytes = xmlText(Array(value.utf8)[...])
        if bytes.contains(UInt8(ascii: "\"")) || bytes.contains(UInt8(ascii: "<")) {
            bytes = bytes.flatMap { byte -> [UInt8] in
                byte == UInt8(ascii: "\"") ? Array("&quot;".utf8) : byte == UInt8(ascii: "<") ? Array("&lt;".utf8) : [byte]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func xmlText(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "&") else {
                result.append(byte)
                index += 1
                continue
            }
            // An entity: kept if XML knows it, written as a number if it is a known HTML name.
            let end = text[index...].prefix(40).firstIndex(of: UInt8(ascii: ";"))
            let name = end.map { String(decoding: text[(index + 1)..<$0], as: UTF8.self) } ?? ""
            if let end, !name.isEmpty, name.utf8.allSatisfy({ isNameByte($0) || $0 == UInt8(ascii: "#") }) {
                if ["amp", "lt", "gt", "quot", "apos"].contains(name) || (name.hasPrefix("#") && numericEntityIsValid(name)) {
                    result += text[index...end]
                    index = end + 1
                    continue
                }
                if let scalar = htmlEntities[name] {
                    result += Array("&#\(scalar);".utf8)
                    index = end + 1
                    continue
                }
            }
            result += Array("&amp;".utf8)
            index += 1
        }
        return result
    }

    /// `&#65;` or `&#x41;` naming a character XML allows.
    static func numericEntityIsValid(_ name: String) -> Bool {
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value else { return false }
        return value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// The attribute value as a URL: cmark escapes `&` in it.
    static func decodeBasicEntities(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// HTML's common named entities that XML lacks, as code points.
    static let htmlEntities: [String: Int] = [
        "nbsp": 0xA0, "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "mdash": 0x2014, "ndash": 0x2013, "hellip": 0x2026,
        "lsquo": 0x2018, "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D, "laquo": 0xAB, "raquo": 0xBB, "middot": 0xB7,
        "bull": 0x2022, "deg": 0xB0, "times": 0xD7, "divide": 0xF7, "larr": 0x2190, "rarr": 0x2192, "uarr": 0x2191,
        "darr": 0x2193, "sect": 0xA7, "para": 0xB6, "shy": 0xAD, "thinsp": 0x2009, "ensp": 0x2002, "emsp": 0x2003,
        "zwj": 0x200D, "zwnj": 0x200C, "euro": 0x20AC, "pound": 0xA3, "yen": 0xA5, "cent": 0xA2, "frac12": 0xBD,
        "frac14": 0xBC, "frac34": 0xBE, "plusmn": 0xB1, "le": 0x2264, "ge": 0x2265, "ne": 0x2260, "check": 0x2713,
    ]

    // MARK: - Bytes

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
    static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    static func isValidAttributeName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return name.utf8.allSatisfy { isNameByte($0) || $0 == UInt8(ascii: ":") }
    }
}

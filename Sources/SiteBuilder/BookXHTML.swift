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
    private var usedIDs: Set<String> = []
    private(set) var output: [UInt8] = []
    /// Open elements; `nil` stands for an `<a>` that was left out.
    private var open: [String?] = []
    /// Inside an element whose content is left out (a heading permalink, a script), its
    /// depth in `open`.
    private var skippingFrom: Int?
    private var inFootnotes = false
    /// The attributes of the tag being read, kept between tags so that reading one
    /// allocates nothing.
    private var attributeBuffer: [Attribute] = []

    /// An attribute as read: its name in lowercase, and where its value lies in the input
    /// (`nil` for a name without `=`). The input is a string's UTF-8, which is valid, and a
    /// value starts and ends at ASCII bytes, so its bytes are those of the string it stands for.
    private struct Attribute {
        var name: String
        var value: Range<Int>?
    }

    /// Appends `html`, whose links are resolved by `resolve`.
    mutating func append(_ html: String, resolve: (String) -> LinkTarget, image: (String) -> String? = { _ in nil }) {
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                index = tag(bytes, at: index, resolve: resolve, image: image)
            } else if skippingFrom == nil {
                index = Self.appendText(bytes, from: index, to: &output)
            } else {
                index = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
            }
        }
    }

    /// Appends markup made for the book (the cover, the contents), already well-formed, as it is.
    mutating func appendVerbatim(_ xhtml: String) {
        output.append(contentsOf: xhtml.utf8)
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
            if skippingFrom == nil { output.append(contentsOf: "&lt;".utf8) }
            return index
        }
        // Comments, declarations and processing instructions are left out.
        if bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "?") {
            if bytes[index...].starts(with: "!--".utf8) {
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
            if skippingFrom == nil { output.append(contentsOf: "&lt;".utf8) }
            return start + 1
        }
        let name = Self.lowercased(bytes[nameStart..<index])
        // The buffer is taken out of `self` while in use, so that filling it does not copy it.
        var attributes = attributeBuffer
        attributeBuffer = []
        attributes.removeAll(keepingCapacity: true)
        let (selfClosing, end) = Self.readAttributes(bytes, from: index, into: &attributes)
        if closing {
            close(name)
        } else {
            let element = Element(name: name, bytes: bytes, attributes: attributes)
            openElement(element, selfClosing: selfClosing || Self.isVoid(name), resolve: resolve, image: image)
        }
        attributeBuffer = attributes
        return end
    }

    /// The name of a tag or attribute in lowercase. Names are ASCII almost always, and
    /// lowercasing ASCII needs no Unicode tables; any other name is lowercased as Unicode
    /// says, since that can make it valid (the Kelvin sign becomes `k`).
    static func lowercased(_ name: ArraySlice<UInt8>) -> String {
        guard name.allSatisfy({ $0 < 0x80 }) else { return String(decoding: name, as: UTF8.self).lowercased() }
        guard name.contains(where: isUppercase) else { return String(decoding: name, as: UTF8.self) }
        return String(decoding: name.map { isUppercase($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Reads the attributes of the tag whose name ends at `start` into `attributes`, and
    /// returns whether the tag closes itself (`/>`) and the index after it. Invalid names and
    /// repeated attributes are left out.
    private static func readAttributes(_ bytes: [UInt8], from start: Int, into attributes: inout [Attribute]) -> (selfClosing: Bool, end: Int) {
        var index = start
        var selfClosing = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return (selfClosing, index + 1) }
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
            let attributeName = lowercased(bytes[attributeStart..<index])
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var value: Range<Int>?
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                (value, index) = attributeValue(bytes, from: index + 1)
            }
            if isValidAttributeName(attributeName), !attributes.contains(where: { $0.name == attributeName }) {
                attributes.append(Attribute(name: attributeName, value: value))
            }
        }
        return (selfClosing, index)
    }

    /// Where an attribute's value after its `=` lies, quoted or not, and the index after it.
    private static func attributeValue(_ bytes: [UInt8], from start: Int) -> (value: Range<Int>, end: Int) {
        var index = start
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
            let quote = bytes[index]
            let end = bytes[(index + 1)...].firstIndex(of: quote) ?? bytes.count
            return ((index + 1)..<end, min(bytes.count, end + 1))
        }
        let valueStart = index
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
        return (valueStart..<index, index)
    }

    /// An element's start tag as read: its name, and its attributes with the input they point into.
    private struct Element {
        let name: String
        let bytes: [UInt8]
        let attributes: [Attribute]

        /// The value of `attribute`; `nil` if it is missing or has no value.
        func value(_ attribute: String) -> String? {
            attributes.first { $0.name == attribute }?.value.map { String(decoding: bytes[$0], as: UTF8.self) }
        }

        /// Whether the `class` attribute lists `token`, as `split(separator: " ").contains`
        /// tells. ASCII is split at its spaces, which are its own characters; other text
        /// is split by characters, where a space can belong to a combining sequence.
        func hasClass(_ token: String) -> Bool {
            guard let range = attributes.first(where: { $0.name == "class" })?.value else { return false }
            let value = bytes[range]
            guard value.allSatisfy({ $0 < 0x80 }) else {
                return String(decoding: value, as: UTF8.self).split(separator: " ").contains(Substring(token))
            }
            let length = token.utf8.count
            var tokenStart = value.startIndex
            for index in value.startIndex...value.endIndex where index == value.endIndex || value[index] == UInt8(ascii: " ") {
                if index - tokenStart == length, value[tokenStart..<index].elementsEqual(token.utf8) { return true }
                tokenStart = index + 1
            }
            return false
        }
    }

    /// The book carries the images of the content folder; a web image would need the
    /// network, so its alt text stands in.
    private mutating func writeImage(_ element: Element, image: (String) -> String?) {
        let alt = element.value("alt").map(Self.xmlAttribute) ?? ""
        if let source = element.value("src").map(Self.decodeBasicEntities), let path = image(source) {
            var tag = "<img src=\"\(XMLEscaping.escape(path))\" alt=\"\(alt)\""
            for size in ["width", "height"] {
                if let number = element.value(size), number.allSatisfy(\.isNumber) { tag += " \(size)=\"\(number)\"" }
            }
            output.append(contentsOf: (tag + " />").utf8)
        } else if !alt.isEmpty {
            output.append(contentsOf: "<span class=\"image-alt\">[\(alt)]</span>".utf8)
        }
    }

    private mutating func openElement(_ element: Element, selfClosing: Bool, resolve: (String) -> LinkTarget, image: (String) -> String?) {
        let name = element.name
        if skippingFrom != nil {
            if !selfClosing { open.append(name) }
            return
        }
        if Self.isDroppedWithContent(name) || (name == "a" && element.hasClass("heading-anchor")) {
            if !selfClosing {
                skippingFrom = open.count
                open.append(name)
            }
            return
        }
        if name == "img" {
            // The image's ids count as used even though the tag is written anew.
            for attribute in element.attributes where attribute.name == "id" { _ = registerID(element, attribute.value) }
            writeImage(element, image: image)
            return
        }
        let start = output.count
        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: name.utf8)
        guard writeAttributes(element, resolve: resolve) else {
            // A link out of the book: its text stays, the link goes.
            output.removeSubrange(start...)
            open.append(nil)
            return
        }
        if let extraType = epubType(element), !element.attributes.contains(where: { $0.name == "epub:type" }) {
            appendAttribute("epub:type", extraType)
        }
        output.append(contentsOf: selfClosing ? " />".utf8 : ">".utf8)
        if !selfClosing { open.append(name) }
    }

    /// Writes the element's attributes as XML wants them; `false` if the element is a link
    /// that `resolve` leaves out, after which the output written so far is not wanted.
    private mutating func writeAttributes(_ element: Element, resolve: (String) -> LinkTarget) -> Bool {
        // XHTML reads `xml:lang`: an element with HTML's `lang` gets it too, with the same
        // value, after the other attributes.
        let lang = element.attributes.first { $0.name == "lang" }
        for attribute in element.attributes {
            let name = attribute.name
            // Event handlers never reach the book; nor do namespaced names it does not declare.
            if name.utf8.starts(with: "on".utf8) || (name.utf8.contains(UInt8(ascii: ":")) && name != "epub:type" && (name != "xml:lang" || lang != nil)) {
                continue
            }
            if name == "id" {
                guard registerID(element, attribute.value) else { continue }
            }
            if element.name == "a" && name == "href" {
                let href = attribute.value.map { String(decoding: element.bytes[$0], as: UTF8.self) } ?? ""
                guard case .keep(let target) = resolve(Self.decodeBasicEntities(href)) else { return false }
                appendAttributeStart(name)
                output.append(contentsOf: XMLEscaping.escape(target).utf8)
                output.append(UInt8(ascii: "\""))
                continue
            }
            appendAttributeValue(name, element, attribute)
        }
        if let lang { appendAttributeValue("xml:lang", element, lang) }
        return true
    }

    /// Adds a non-empty id not used yet to `usedIDs`; whether it did.
    private mutating func registerID(_ element: Element, _ value: Range<Int>?) -> Bool {
        guard let value, !value.isEmpty else { return false }
        return usedIDs.insert(String(decoding: element.bytes[value], as: UTF8.self)).inserted
    }

    /// The `epub:type` the element gets for its role in footnotes, if any.
    private mutating func epubType(_ element: Element) -> String? {
        switch element.name {
        case "a":
            if element.hasClass("footnote-backref") { return "backlink" }
            return element.value("role") == "doc-noteref" ? "noteref" : nil
        case "section" where element.value("role") == "doc-endnotes":
            inFootnotes = true
            return "endnotes"
        case "li" where inFootnotes && element.value("id") != nil:
            return "endnote"
        default:
            return nil
        }
    }

    /// ` name="`.
    private mutating func appendAttributeStart(_ name: String) {
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: name.utf8)
        output.append(contentsOf: "=\"".utf8)
    }

    /// ` name="value"` for the attribute as read; a boolean attribute without a value has
    /// its name as its value, any other an empty one.
    private mutating func appendAttributeValue(_ name: String, _ element: Element, _ attribute: Attribute) {
        appendAttributeStart(name)
        if let value = attribute.value {
            Self.appendXML(element.bytes[value], to: &output, inAttribute: true)
        } else if Self.isBooleanAttribute(attribute.name) {
            output.append(contentsOf: attribute.name.utf8)
        }
        output.append(UInt8(ascii: "\""))
    }

    /// ` name="value"`, the value already escaped.
    private mutating func appendAttribute(_ name: String, _ value: String) {
        appendAttributeStart(name)
        output.append(contentsOf: value.utf8)
        output.append(UInt8(ascii: "\""))
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
        output.append(contentsOf: "</".utf8)
        output.append(contentsOf: name.utf8)
        output.append(UInt8(ascii: ">"))
    }

    // These run for every tag: the length picks the few names to compare, since comparing
    // unequal strings is slow.

    static func isVoid(_ name: String) -> Bool {
        switch name.utf8.count {
        case 2: name == "br" || name == "hr"
        case 3: name == "col" || name == "img" || name == "wbr"
        case 4: name == "area" || name == "base" || name == "link" || name == "meta"
        case 5: name == "embed" || name == "input" || name == "track"
        case 6: name == "source"
        default: false
        }
    }

    static func isDroppedWithContent(_ name: String) -> Bool {
        switch name.utf8.count {
        case 5: name == "style" || name == "frame"
        case 6: name == "script" || name == "iframe" || name == "object"
        case 8: name == "template" || name == "noscript" || name == "frameset"
        default: false
        }
    }

    static func isBooleanAttribute(_ name: String) -> Bool {
        switch name {
        case "checked", "disabled", "hidden", "open", "selected", "readonly", "multiple", "reversed": true
        default: false
        }
    }

    // MARK: - Text

    /// A byte that text and attribute values keep as it is: not `&`, `"` or `<`, and not a
    /// control character other than a tab or a line break.
    private static func isPlainText(_ byte: UInt8) -> Bool {
        (byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D)
            && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "<")
    }

    /// An attribute value as XML wants it (see ``appendXML(_:to:inAttribute:)``).
    static func xmlAttribute(_ value: String) -> String {
        if value.utf8.allSatisfy(isPlainText) { return value }
        var bytes: [UInt8] = []
        appendXML(Array(value.utf8)[...], to: &bytes, inAttribute: true)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A byte that text keeps as it is: not `&` or `<`, and not a control character other
    /// than a tab or a line break. Most bytes are letters, above `<`, and that is tested first.
    private static func isPlainInText(_ byte: UInt8) -> Bool {
        byte > UInt8(ascii: "<") || (byte >= 0x20 && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<"))
            || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The index of the first byte from `start` on that text does not keep as it is, or the
    /// end. Text is most of the input, and this loop is most of the time spent on it: it
    /// reads eight bytes at a time, and looks at them one by one only when one may need it.
    private static func plainTextEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBytes { buffer in
            var index = start
            while index + 8 <= buffer.count {
                if mayNeedALook(buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                    for offset in index..<(index + 8) where !isPlainInText(buffer[offset]) { return offset }
                }
                index += 8
            }
            while index < buffer.count, isPlainInText(buffer[index]) { index += 1 }
            return index
        }
    }

    /// Whether one of the eight bytes of `word` is below 0x20, `&` or `<`: never `false` when
    /// one is. A byte below `n` is the one whose high bit is clear before subtracting `n` from
    /// every byte and set after; the lowest such byte is always found, a borrow from it can only
    /// mark bytes above it ("Bit Twiddling Hacks", `hasless` and `haszero`).
    static func mayNeedALook(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func hasByteBelow(_ word: UInt64, _ limit: UInt64) -> Bool { (word &- ones &* limit) & ~word & highBits != 0 }
        return hasByteBelow(word, 0x20) || hasByteBelow(word ^ (ones &* 0x26), 1) || hasByteBelow(word ^ (ones &* 0x3C), 1)
    }

    /// Appends the text from `start` up to the next `<` (see ``appendXML(_:to:inAttribute:)``)
    /// and returns the index of that `<`, or the end.
    private static func appendText(_ bytes: [UInt8], from start: Int, to output: inout [UInt8]) -> Int {
        var runStart = start
        var index = start
        while index < bytes.count {
            index = plainTextEnd(bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") { break }
            output.append(contentsOf: bytes[runStart..<index])
            // `&` begins an entity; anything else here is a control character XML forbids.
            index = byte == UInt8(ascii: "&") ? appendEntity(bytes[...], at: index, to: &output) : index + 1
            runStart = index
        }
        output.append(contentsOf: bytes[runStart..<index])
        return index
    }

    /// Appends `text` with `&` written as XML allows and characters XML forbids left out;
    /// in an attribute value, `"` and `<` are escaped too. Runs that need nothing are
    /// copied whole.
    static func appendXML(_ text: ArraySlice<UInt8>, to output: inout [UInt8], inAttribute: Bool) {
        var runStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if isPlainText(byte) || (!inAttribute && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "<"))) {
                index += 1
                continue
            }
            output.append(contentsOf: text[runStart..<index])
            switch byte {
            case UInt8(ascii: "&"): index = appendEntity(text, at: index, to: &output)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8); index += 1
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8); index += 1
            default: index += 1  // A control character XML forbids.
            }
            runStart = index
        }
        output.append(contentsOf: text[runStart..<index])
    }

    /// Appends the entity starting with the `&` at `index` and returns the index after it:
    /// kept if XML knows it, written as a number if it is a known HTML name, and otherwise
    /// the `&` is escaped and what follows it is text.
    private static func appendEntity(_ text: ArraySlice<UInt8>, at index: Int, to output: inout [UInt8]) -> Int {
        let nameStart = index + 1
        if let end = text[index..<min(text.endIndex, index + 40)].firstIndex(of: UInt8(ascii: ";")), end > nameStart,
           text[nameStart..<end].allSatisfy({ isNameByte($0) || $0 == UInt8(ascii: "#") }) {
            let name = text[nameStart..<end]
            if xmlEntities.contains(where: { name.elementsEqual($0) })
                || (name.first == UInt8(ascii: "#") && numericEntityIsValid(String(decoding: name, as: UTF8.self))) {
                output.append(contentsOf: text[index...end])
                return end + 1
            }
            if name.first != UInt8(ascii: "#"), let scalar = htmlEntities[String(decoding: name, as: UTF8.self)] {
                output.append(contentsOf: "&#\(scalar);".utf8)
                return end + 1
            }
        }
        output.append(contentsOf: "&amp;".utf8)
        return index + 1
    }

    static let xmlEntities = ["amp", "lt", "gt", "quot", "apos"].map { Array($0.utf8) }

    /// `&#65;` or `&#x41;` naming a character XML allows.
    static func numericEntityIsValid(_ name: String) -> Bool {
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value else { return false }
        return value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// The attribute value as a URL: cmark escapes `&` in it.
    static func decodeBasicEntities(_ value: String) -> String {
        // Most values have no `&`; the byte says so without Foundation's search.
        guard value.utf8.contains(UInt8(ascii: "&")), value.contains("&") else { return value }
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

    static func isUppercase(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
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

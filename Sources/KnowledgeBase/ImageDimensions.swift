import Foundation

/// An image's size in pixels, read from the first bytes of its file without decoding it:
/// PNG, JPEG, GIF, WebP and SVG. Anything else, or a file cut short or damaged, gives nil.
///
/// Every read is bounds-checked: any bytes at all give a size or nil, never a crash.
enum ImageDimensions {
    struct Size: Sendable, Hashable {
        var width: Int
        var height: Int
    }

    /// The size of the image whose file starts with `bytes`. A JPEG's size can come after
    /// large metadata segments (EXIF, ICC profiles): pass the whole file, or nil may come
    /// back for a prefix that stops before it. A JPEG turned by its EXIF orientation (5 to 8)
    /// gives the size it is shown at, width and height swapped, as browsers show it.
    static func size(of bytes: [UInt8]) -> Size? {
        let reader = ByteReader(bytes: bytes)
        let size: Size?
        if reader.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            size = png(reader)
        } else if reader.starts(with: [0xFF, 0xD8]) {
            size = jpeg(reader)
        } else if reader.starts(with: Array("GIF87a".utf8)) || reader.starts(with: Array("GIF89a".utf8)) {
            size = gif(reader)
        } else if reader.starts(with: Array("RIFF".utf8)) && reader.matches(Array("WEBP".utf8), at: 8) {
            size = webP(reader)
        } else {
            size = svg(bytes)
        }
        guard let size, size.width > 0, size.height > 0 else { return nil }
        return size
    }

    static func size(of data: Data) -> Size? {
        size(of: [UInt8](data))
    }

    // MARK: - PNG, GIF

    /// The IHDR chunk comes first: width and height, big-endian, at bytes 16 and 20.
    private static func png(_ reader: ByteReader) -> Size? {
        guard reader.matches(Array("IHDR".utf8), at: 12), let width = reader.bigEndian32(at: 16),
              let height = reader.bigEndian32(at: 20) else { return nil }
        return Size(width: width, height: height)
    }

    /// The logical screen's width and height, little-endian, at bytes 6 and 8.
    private static func gif(_ reader: ByteReader) -> Size? {
        guard let width = reader.littleEndian16(at: 6), let height = reader.littleEndian16(at: 8) else { return nil }
        return Size(width: width, height: height)
    }

    // MARK: - JPEG

    /// Walks the marker segments to the first start-of-frame (baseline, progressive, lossless
    /// or arithmetic: SOF0 to SOF15 but DHT, JPG and DAC), which holds height then width.
    private static func jpeg(_ reader: ByteReader) -> Size? {
        var index = 2
        var orientation = 1
        while true {
            guard reader.byte(at: index) == 0xFF else { return nil }
            // Any number of 0xFF fill bytes may come before a marker.
            while reader.byte(at: index + 1) == 0xFF { index += 1 }
            guard let marker = reader.byte(at: index + 1) else { return nil }
            switch marker {
            case 0x01, 0xD0...0xD8:
                // Markers without a length.
                index += 2
                continue
            case 0xD9, 0xDA:
                // The end of the image, or the scan, before any frame header.
                return nil
            default:
                break
            }
            guard let length = reader.bigEndian16(at: index + 2), length >= 2 else { return nil }
            let segment = (index + 4)..<(index + 2 + length)
            if marker == 0xE1 { orientation = exifOrientation(reader, in: segment) ?? orientation }
            if (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC {
                guard let height = reader.bigEndian16(at: index + 5), let width = reader.bigEndian16(at: index + 7) else { return nil }
                return (5...8).contains(orientation) ? Size(width: height, height: width) : Size(width: width, height: height)
            }
            index = segment.upperBound
        }
    }

    /// The Orientation tag (0x0112) of an APP1 `Exif` segment's first image directory.
    private static func exifOrientation(_ reader: ByteReader, in segment: Range<Int>) -> Int? {
        guard reader.matches(Array("Exif".utf8) + [0, 0], at: segment.lowerBound) else { return nil }
        let tiff = segment.lowerBound + 6
        let littleEndian: Bool
        if reader.matches(Array("II".utf8), at: tiff) {
            littleEndian = true
        } else if reader.matches(Array("MM".utf8), at: tiff) {
            littleEndian = false
        } else {
            return nil
        }
        func read16(_ at: Int) -> Int? {
            guard at >= segment.lowerBound, at + 2 <= segment.upperBound else { return nil }
            return littleEndian ? reader.littleEndian16(at: at) : reader.bigEndian16(at: at)
        }
        func read32(_ at: Int) -> Int? {
            guard at >= segment.lowerBound, at + 4 <= segment.upperBound else { return nil }
            return littleEndian ? reader.littleEndian32(at: at) : reader.bigEndian32(at: at)
        }
        guard read16(tiff + 2) == 42, let offset = read32(tiff + 4), offset < segment.count else { return nil }
        let directory = tiff + offset
        guard let count = read16(directory) else { return nil }
        for entry in 0..<min(count, 1000) {
            let at = directory + 2 + entry * 12
            guard let tag = read16(at) else { return nil }
            if tag == 0x0112 { return read16(at + 8) }
        }
        return nil
    }

    // MARK: - WebP

    /// The first chunk says how the size is stored: in the VP8X header (canvas size, for
    /// extended files), the VP8L header (lossless) or the VP8 key frame header (lossy).
    private static func webP(_ reader: ByteReader) -> Size? {
        if reader.matches(Array("VP8X".utf8), at: 12) {
            guard let width = reader.littleEndian24(at: 24), let height = reader.littleEndian24(at: 27) else { return nil }
            return Size(width: width + 1, height: height + 1)
        }
        if reader.matches(Array("VP8L".utf8), at: 12) {
            guard reader.byte(at: 20) == 0x2F, let bits = reader.littleEndian32(at: 21) else { return nil }
            return Size(width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        }
        if reader.matches(Array("VP8 ".utf8), at: 12) {
            guard reader.matches([0x9D, 0x01, 0x2A], at: 23), let width = reader.littleEndian16(at: 26),
                  let height = reader.littleEndian16(at: 28) else { return nil }
            return Size(width: width & 0x3FFF, height: height & 0x3FFF)
        }
        return nil
    }

    // MARK: - SVG

    /// The root `<svg>` element's `width` and `height` in pixels (`24`, `24px`, `24.5`),
    /// else its `viewBox`; one of width and height with a `viewBox` gives the other by its
    /// proportions. Widths in other units (`100%`, `2em`) do not count.
    private static func svg(_ bytes: [UInt8]) -> Size? {
        guard let attributes = svgAttributes(in: bytes) else { return nil }
        let width = attributes["width"].flatMap(pixels)
        let height = attributes["height"].flatMap(pixels)
        var viewBox: (width: Double, height: Double)?
        if let box = attributes["viewBox"] {
            let numbers = box.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                .compactMap { Double($0) }
            if numbers.count == 4, numbers[2] > 0, numbers[3] > 0, numbers[2].isFinite, numbers[3].isFinite {
                viewBox = (numbers[2], numbers[3])
            }
        }
        switch (width, height, viewBox) {
        case let (width?, height?, _):
            return size(width, height)
        case let (width?, nil, box?):
            return size(width, width * box.height / box.width)
        case let (nil, height?, box?):
            return size(height * box.width / box.height, height)
        case let (_, _, box?):
            return size(box.width, box.height)
        default:
            return nil
        }
    }

    private static func size(_ width: Double, _ height: Double) -> Size? {
        let limit = Double(Int32.max)
        guard width.isFinite, height.isFinite, width < limit, height < limit else { return nil }
        return Size(width: Int(width.rounded()), height: Int(height.rounded()))
    }

    /// `24`, `24px` or `24.5` in pixels; nil for other units and for what is not a number.
    private static func pixels(_ value: String) -> Double? {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("px") { text.removeLast(2) }
        guard let number = Double(text), number.isFinite, number > 0 else { return nil }
        return number
    }

    /// The attributes of the first `<svg` start tag in the first 64 KB, if the text starts
    /// like markup.
    private static func svgAttributes(in bytes: [UInt8]) -> [String: String]? {
        var text = bytes.prefix(65_536)
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        guard let first = text.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
              text[first] == UInt8(ascii: "<") else { return nil }
        let tag = Array("<svg".utf8)
        var index = first
        while index + tag.count < text.endIndex {
            if text[index] == tag[0], text[index..<(index + tag.count)].elementsEqual(tag) {
                let next = text[index + tag.count]
                if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == UInt8(ascii: ">") || next == UInt8(ascii: "/") {
                    return attributes(in: text[(index + tag.count)...])
                }
            }
            index += 1
        }
        return nil
    }

    /// `name="value"` and `name='value'` pairs up to the tag's `>`.
    private static func attributes(in bytes: ArraySlice<UInt8>) -> [String: String] {
        var result: [String: String] = [:]
        var index = bytes.startIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while index < bytes.endIndex {
            while index < bytes.endIndex, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < bytes.endIndex, bytes[index] != UInt8(ascii: ">") else { break }
            let nameStart = index
            while index < bytes.endIndex, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") {
                index += 1
            }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            while index < bytes.endIndex, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < bytes.endIndex, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.endIndex else { break }
            let quote = bytes[index]
            let quoted = quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")
            if quoted { index += 1 }
            let valueStart = index
            while index < bytes.endIndex, quoted ? bytes[index] != quote : !isSpace(bytes[index]) && bytes[index] != UInt8(ascii: ">") {
                index += 1
            }
            if result[name] == nil { result[name] = String(decoding: bytes[valueStart..<index], as: UTF8.self) }
            if quoted { index += 1 }
        }
        return result
    }
}

extension ImageDimensions {
    /// Adds `loading="lazy"` to every `<img>` tag of `html` (as cmark writes them:
    /// `<img src="URL" alt="TEXT" />`, maybe with a `title`), and `width` and `height` when
    /// `size` knows the image. `size` gets the `src` attribute with its HTML escapes undone
    /// (`&amp;` is `&`) and percent-escapes kept, as cmark wrote it. A tag that already has
    /// `loading`, `width` or `height` (raw HTML) is left as it is, and so is every other byte:
    /// HTML without `<img` comes back as it went in, without a copy.
    static func addingLazyLoading(to html: String, size: (_ src: String) -> (width: Int, height: Int)?) -> String {
        let found = html.utf8.withContiguousStorageIfAvailable { firstImageTag(in: $0, from: 0) != nil }
            ?? (firstImageTag(in: Array(html.utf8), from: 0) != nil)
        guard found else { return html }
        let bytes = Array(html.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 256)
        var copied = 0
        var index = 0
        while let start = firstImageTag(in: bytes, from: index) {
            // The tag ends at the first `>` outside a quoted value.
            var end = start + 4
            var quote: UInt8?
            while end < bytes.count {
                let byte = bytes[end]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                end += 1
            }
            guard end < bytes.count else { break }
            index = end + 1
            let attributes = attributes(in: bytes[(start + 4)..<end])
            guard attributes["loading"] == nil, attributes["width"] == nil, attributes["height"] == nil else { continue }
            // Before ` />` (cmark's ending), else before `>`.
            var insertion = end
            if bytes[insertion - 1] == UInt8(ascii: "/") { insertion -= 1 }
            while insertion > start + 4, bytes[insertion - 1] == 0x20 { insertion -= 1 }
            var added = " loading=\"lazy\""
            if let src = attributes["src"], let dimensions = size(unescapedAttribute(src)), dimensions.width > 0, dimensions.height > 0 {
                added += " width=\"\(dimensions.width)\" height=\"\(dimensions.height)\""
            }
            result.append(contentsOf: bytes[copied..<insertion])
            result.append(contentsOf: added.utf8)
            copied = insertion
        }
        result.append(contentsOf: bytes[copied...])
        return String(decoding: result, as: UTF8.self)
    }

    /// Where the next `<img` followed by white space is, from `index` on.
    private static func firstImageTag<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, from index: Int) -> Int?
    where Bytes.Index == Int {
        var index = max(index, bytes.startIndex)
        while index + 4 < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] | 0x20 == UInt8(ascii: "i"), bytes[index + 2] | 0x20 == UInt8(ascii: "m"),
               bytes[index + 3] | 0x20 == UInt8(ascii: "g") {
                let next = bytes[index + 4]
                if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D { return index }
            }
            index += 1
        }
        return nil
    }

    private static func unescapedAttribute(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value.replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#x27;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// Reads numbers at byte offsets, nil past the end.
private struct ByteReader {
    let bytes: [UInt8]

    func byte(at index: Int) -> UInt8? {
        index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    func starts(with prefix: [UInt8]) -> Bool { matches(prefix, at: 0) }

    func matches(_ expected: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index <= bytes.count - expected.count else { return false }
        return bytes[index..<(index + expected.count)].elementsEqual(expected)
    }

    private func value(at index: Int, count: Int, bigEndian: Bool) -> Int? {
        guard index >= 0, count <= bytes.count, index <= bytes.count - count else { return nil }
        var result = 0
        for offset in 0..<count {
            let byte = Int(bytes[bigEndian ? index + offset : index + count - 1 - offset])
            result = result << 8 | byte
        }
        return result
    }

    func bigEndian16(at index: Int) -> Int? { value(at: index, count: 2, bigEndian: true) }
    func bigEndian32(at index: Int) -> Int? { value(at: index, count: 4, bigEndian: true) }
    func littleEndian16(at index: Int) -> Int? { value(at: index, count: 2, bigEndian: false) }
    func littleEndian24(at index: Int) -> Int? { value(at: index, count: 3, bigEndian: false) }
    func littleEndian32(at index: Int) -> Int? { value(at: index, count: 4, bigEndian: false) }
}

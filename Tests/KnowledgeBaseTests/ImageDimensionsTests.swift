@testable import KnowledgeBase
import Testing

/// Image headers built byte by byte as each format's specification lays them out.
enum ImageBytes {
    static func bigEndian(_ value: Int, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8((value >> (8 * (count - 1 - $0))) & 0xFF) }
    }

    static func littleEndian(_ value: Int, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8((value >> (8 * $0)) & 0xFF) }
    }

    /// A whole PNG: signature, IHDR, one IDAT of stored (uncompressed) zlib data, IEND,
    /// with real CRCs; a grey image any decoder opens.
    static func png(width: Int, height: Int) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(data.count, 4) + body + bigEndian(Int(crc32(body)), 4)
        }
        let rows = (0..<height).flatMap { _ in [0] + [UInt8](repeating: 0x80, count: width) }
        let stored: [UInt8] = [0x01] + littleEndian(rows.count, 2) + littleEndian(~rows.count & 0xFFFF, 2) + rows
        let zlib: [UInt8] = [0x78, 0x01] + stored + bigEndian(Int(adler32(rows)), 4)
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", bigEndian(width, 4) + bigEndian(height, 4) + [8, 0, 0, 0, 0])
            + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    /// A whole one-colour GIF of any size: header, a two-colour table, one image whose LZW
    /// data clears and ends at once (decoders fill the rest with the background).
    static func gif(width: Int, height: Int) -> [UInt8] {
        Array("GIF89a".utf8) + littleEndian(width, 2) + littleEndian(height, 2) + [0x80, 0, 0, 0xFF, 0xFF, 0xFF, 0, 0, 0]
            + [0x2C, 0, 0, 0, 0] + littleEndian(width, 2) + littleEndian(height, 2) + [0, 0x02, 0x02, 0x44, 0x01, 0, 0x3B]
    }

    static func segment(_ marker: UInt8, _ data: [UInt8]) -> [UInt8] {
        [0xFF, marker] + bigEndian(data.count + 2, 2) + data
    }

    /// A JPEG's marker segments up to its first scan: JFIF, optional EXIF orientation,
    /// other metadata, a quantisation table, the frame header (`sof`: 0xC0 baseline, 0xC2
    /// progressive), a Huffman table and a scan header with a few bytes of scan.
    static func jpeg(width: Int, height: Int, sof: UInt8 = 0xC0, orientation: Int? = nil, bigEndianExif: Bool = false,
                     padding: Int = 0) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += segment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
        if let orientation {
            func number(_ value: Int, _ count: Int) -> [UInt8] {
                bigEndianExif ? bigEndian(value, count) : littleEndian(value, count)
            }
            // The TIFF header, then one directory of two entries: a camera name, the orientation.
            var tiff: [UInt8] = Array((bigEndianExif ? "MM" : "II").utf8)
            tiff += number(42, 2) + number(8, 4) + number(2, 2)
            tiff += number(0x010F, 2) + number(2, 2) + number(4, 4) + Array("Cam\0".utf8)
            tiff += number(0x0112, 2) + number(3, 2) + number(1, 4) + number(orientation, 2) + [0, 0]
            tiff += number(0, 4)
            bytes += segment(0xE1, Array("Exif".utf8) + [0, 0] + tiff)
        }
        if padding > 0 { bytes += segment(0xE2, [UInt8](repeating: 0x41, count: padding)) }
        bytes += segment(0xDB, [0] + [UInt8](repeating: 1, count: 64))
        bytes += [0xFF, 0xFF] // a fill byte before the next marker
        bytes += segment(sof, [8] + bigEndian(height, 2) + bigEndian(width, 2) + [1, 1, 0x11, 0])
        bytes += segment(0xC4, [0] + [UInt8](repeating: 0, count: 15) + [1] + [0])
        bytes += segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12, 0x34, 0xFF, 0xD9]
        return bytes
    }

    static func riff(_ chunk: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(chunk.utf8) + littleEndian(data.count, 4) + data + (data.count % 2 == 1 ? [0] : [])
        return Array("RIFF".utf8) + littleEndian(body.count + 4, 4) + Array("WEBP".utf8) + body
    }

    /// Lossy: a VP8 key frame header (frame tag, start code, 14-bit sizes with scale bits).
    static func webPLossy(width: Int, height: Int) -> [UInt8] {
        riff("VP8 ", [0x50, 0x02, 0x00, 0x9D, 0x01, 0x2A] + littleEndian(width | 0x4000, 2) + littleEndian(height, 2) + [0, 0, 0, 0])
    }

    /// Lossless: the VP8L signature byte, then width − 1 and height − 1 in 14 bits each.
    static func webPLossless(width: Int, height: Int) -> [UInt8] {
        riff("VP8L", [0x2F] + littleEndian((width - 1) | (height - 1) << 14, 4) + [0, 0, 0])
    }

    /// Extended: the VP8X header's 24-bit canvas width − 1 and height − 1.
    static func webPExtended(width: Int, height: Int) -> [UInt8] {
        riff("VP8X", [0x10, 0, 0, 0] + littleEndian(width - 1, 3) + littleEndian(height - 1, 3))
    }
}

@Suite struct ImageDimensionsTests {
    typealias Size = ImageDimensions.Size

    @Test func png() {
        #expect(ImageDimensions.size(of: ImageBytes.png(width: 3, height: 2)) == Size(width: 3, height: 2))
        #expect(ImageDimensions.size(of: ImageBytes.png(width: 1, height: 30_000)) == Size(width: 1, height: 30_000))
    }

    @Test func gif() {
        #expect(ImageDimensions.size(of: ImageBytes.gif(width: 7, height: 4)) == Size(width: 7, height: 4))
        var old = ImageBytes.gif(width: 300, height: 2)
        old[4] = UInt8(ascii: "7")
        #expect(ImageDimensions.size(of: old) == Size(width: 300, height: 2))
    }

    @Test func jpeg() {
        #expect(ImageDimensions.size(of: ImageBytes.jpeg(width: 640, height: 480)) == Size(width: 640, height: 480))
        #expect(ImageDimensions.size(of: ImageBytes.jpeg(width: 5, height: 3, sof: 0xC2)) == Size(width: 5, height: 3))
        // Metadata before the frame header is skipped, however long.
        #expect(ImageDimensions.size(of: ImageBytes.jpeg(width: 9, height: 8, padding: 60_000)) == Size(width: 9, height: 8))
        // EXIF orientation 1 to 4 keeps the size; 5 to 8 turn the picture a quarter.
        for orientation in 1...8 {
            for bigEndian in [false, true] {
                let bytes = ImageBytes.jpeg(width: 40, height: 30, sof: 0xC2, orientation: orientation, bigEndianExif: bigEndian)
                let expected = orientation >= 5 ? Size(width: 30, height: 40) : Size(width: 40, height: 30)
                #expect(ImageDimensions.size(of: bytes) == expected, "orientation \(orientation)")
            }
        }
    }

    @Test func jpegWithoutAFrameHeaderHasNoSize() {
        let bytes: [UInt8] = [0xFF, 0xD8] + ImageBytes.segment(0xE0, Array("JFIF".utf8)) + ImageBytes.segment(0xDA, [0]) + [0xFF, 0xD9]
        #expect(ImageDimensions.size(of: bytes) == nil)
        // A zero height (set later by a DNL marker) is not a size.
        #expect(ImageDimensions.size(of: ImageBytes.jpeg(width: 10, height: 0)) == nil)
    }

    @Test func webP() {
        #expect(ImageDimensions.size(of: ImageBytes.webPLossy(width: 320, height: 200)) == Size(width: 320, height: 200))
        #expect(ImageDimensions.size(of: ImageBytes.webPLossless(width: 16_384, height: 1)) == Size(width: 16_384, height: 1))
        #expect(ImageDimensions.size(of: ImageBytes.webPLossless(width: 33, height: 17)) == Size(width: 33, height: 17))
        #expect(ImageDimensions.size(of: ImageBytes.webPExtended(width: 70_000, height: 3)) == Size(width: 70_000, height: 3))
    }

    @Test func svg() {
        func size(_ text: String) -> Size? { ImageDimensions.size(of: Array(text.utf8)) }
        #expect(size(#"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="16"></svg>"#) == Size(width: 24, height: 16))
        #expect(size("\u{FEFF}<?xml version=\"1.0\"?>\n<!-- a drawing -->\n<svg width='24px' height='10.6px' viewBox='0 0 1 1'/>")
            == Size(width: 24, height: 11))
        #expect(size(#"<svg viewBox="0 0 120 80" xmlns="http://www.w3.org/2000/svg"><rect/></svg>"#) == Size(width: 120, height: 80))
        #expect(size(#"<svg viewBox="-5,-5,50.5,20" width="100%" height="100%">"#) == Size(width: 51, height: 20))
        #expect(size(#"<svg width="200" viewBox="0 0 100 50">"#) == Size(width: 200, height: 100))
        #expect(size(#"<svg height="10" viewBox="0 0 100 50">"#) == Size(width: 20, height: 10))
        #expect(size(#"<svg width="2em" height="1em">"#) == nil)
        #expect(size(#"<svg>"#) == nil)
        #expect(size(#"<svg viewBox="0 0 0 10">"#) == nil)
        #expect(size(#"<svgfoo width="1" height="1">"#) == nil)
        #expect(size("plain text width=\"1\"") == nil)
        // The theme's icon.
        #expect(size(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><text>h</text></svg>"#) == Size(width: 32, height: 32))
    }

    @Test func unknownFormats() {
        #expect(ImageDimensions.size(of: []) == nil)
        #expect(ImageDimensions.size(of: Array("BM not a bitmap reader".utf8)) == nil)
        #expect(ImageDimensions.size(of: ImageBytes.riff("ALPH", [1, 2, 3])) == nil)
        #expect(ImageDimensions.size(of: ImageBytes.png(width: 0, height: 5)) == nil)
    }

    /// Every prefix of every sample, and random changes to them, give a size or nil: never
    /// a crash or a read past the end.
    @Test func truncatedAndDamagedFilesNeverCrash() {
        let samples = [
            ImageBytes.png(width: 3, height: 2), ImageBytes.gif(width: 7, height: 4),
            ImageBytes.jpeg(width: 40, height: 30, sof: 0xC2, orientation: 6), ImageBytes.jpeg(width: 4, height: 3, bigEndianExif: true),
            ImageBytes.webPLossy(width: 3, height: 3), ImageBytes.webPLossless(width: 3, height: 3), ImageBytes.webPExtended(width: 3, height: 3),
            Array(#"<svg width="24" height="16" viewBox="0 0 1 1">"#.utf8),
        ]
        var generator = SplitMix64(seed: 42)
        for sample in samples {
            for length in 0..<sample.count {
                _ = ImageDimensions.size(of: Array(sample.prefix(length)))
            }
            for _ in 0..<2_000 {
                var damaged = sample
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let index = Int(generator.next() % UInt64(damaged.count))
                    damaged[index] = UInt8(truncatingIfNeeded: generator.next())
                }
                let cut = Int(generator.next() % UInt64(damaged.count + 1))
                _ = ImageDimensions.size(of: Array(damaged.prefix(cut)))
                _ = ImageDimensions.size(of: damaged)
            }
        }
        for _ in 0..<5_000 {
            let count = Int(generator.next() % 64)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            // Random bytes after each signature, so the format readers see them.
            let prefixes: [[UInt8]] = [[0xFF, 0xD8], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Array("GIF89a".utf8),
                                       Array("RIFF\0\0\0\0WEBPVP8X".utf8), Array("<svg ".utf8), []]
            bytes = prefixes[Int(generator.next() % UInt64(prefixes.count))] + bytes
            if let size = ImageDimensions.size(of: bytes) {
                #expect(size.width > 0 && size.height > 0)
            }
        }
    }
}

@Suite struct LazyImageTests {
    static let known: [String: (width: Int, height: Int)] = ["a.png": (3, 2), "b & c.png": (10, 20)]

    static func sizes(_ src: String) -> (width: Int, height: Int)? { known[src] }

    @Test func addsLoadingAndSizeToCmarkImages() {
        let html = "<p><img src=\"a.png\" alt=\"An &quot;a&quot; /> x\" /> and <img src=\"b%20&amp;%20c.png\" alt=\"\" title=\"T\" /></p>\n"
        let result = ImageDimensions.addingLazyLoading(to: html) { src in
            Self.sizes(src.replacingOccurrences(of: "%20", with: " "))
        }
        #expect(result == "<p><img src=\"a.png\" alt=\"An &quot;a&quot; /> x\" loading=\"lazy\" width=\"3\" height=\"2\" /> and "
            + "<img src=\"b%20&amp;%20c.png\" alt=\"\" title=\"T\" loading=\"lazy\" width=\"10\" height=\"20\" /></p>\n")
    }

    @Test func unknownImagesGetOnlyLazyLoading() {
        let result = ImageDimensions.addingLazyLoading(to: "<img src=\"https://e.com/x.png\" alt=\"x\" />") { _ in nil }
        #expect(result == "<img src=\"https://e.com/x.png\" alt=\"x\" loading=\"lazy\" />")
    }

    @Test func everythingElseIsLeftAsItIs() {
        let html = "<h1 id=\"x\">Caf\u{E9} &lt;img src=\"no\"&gt;</h1>\n<pre><code>&lt;img src=&quot;a.png&quot; /&gt;\n</code></pre>\n<imgx>\n"
        var asked = false
        #expect(ImageDimensions.addingLazyLoading(to: html) { _ in asked = true; return (1, 1) } == html)
        #expect(!asked)
        #expect(ImageDimensions.addingLazyLoading(to: "") { _ in (1, 1) } == "")
        // Raw HTML that already says how to load or how big is not changed.
        let raw = "<img src=a.png width=5><img loading=\"eager\" src=\"a.png\">"
        #expect(ImageDimensions.addingLazyLoading(to: raw) { _ in (1, 1) } == raw)
        #expect(ImageDimensions.addingLazyLoading(to: "<IMG src=\"a.png\">") { _ in (1, 1) }
            == "<IMG src=\"a.png\" loading=\"lazy\" width=\"1\" height=\"1\">")
        // A tag that never ends is left alone.
        #expect(ImageDimensions.addingLazyLoading(to: "x <img src=\"a.png\" alt=\"") { _ in (1, 1) } == "x <img src=\"a.png\" alt=\"")
    }

    @Test func manyImages() {
        let html = String(repeating: "<p><img src=\"a.png\" alt=\"\" /></p>\n", count: 10_000)
        let result = ImageDimensions.addingLazyLoading(to: html) { Self.sizes($0) }
        #expect(result == String(repeating: "<p><img src=\"a.png\" alt=\"\" loading=\"lazy\" width=\"3\" height=\"2\" /></p>\n", count: 10_000))
    }
}

import Foundation
import Parallel
import RawDeflate

/// The EPUB's ZIP container, written the same way every time: `mimetype` first and stored
/// uncompressed, as the EPUB specification requires, then `META-INF/container.xml`, the
/// package document and the items in a fixed order, each with the book's date as its
/// modification time (midnight) and the same permissions. Entries are deflated at
/// ``level``, on all cores; a chapter comes already deflated, piece by piece, from
/// ``EPUBChapters``.
enum EPUBArchive {
    /// zlib's fastest level: the book is a by-product of every build. At 10,000 articles the
    /// default level (6) on whole chapters takes about four times the CPU, for a book about a
    /// quarter smaller (26 MB instead of 34 MB).
    static let level: Int32 = 1
    static let mimetype = "application/epub+zip"
    static let container = """
    <?xml version="1.0" encoding="utf-8"?>
    <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
    <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
    </rootfiles>
    </container>

    """

    /// One file of the archive, as it is stored: deflated, or as it is (`mimetype`).
    struct Entry: Sendable {
        var path: String
        var deflated: Bool
        var data: [UInt8]
        /// The CRC-32 and size of the file before compression.
        var crc: UInt32
        var size: Int

        init(path: String, deflated piece: DeflatedPiece) {
            (self.path, deflated, data, crc, size) = (path, true, piece.bytes, piece.crc, piece.count)
        }

        init(path: String, stored bytes: [UInt8]) {
            (self.path, deflated, data, crc, size) = (path, false, bytes, RawDeflate.crc32(bytes), bytes.count)
        }
    }

    static func make(items: [EPUBBook.Item], packageDocument: String, date: String) throws -> [UInt8] {
        let files: [(String, EPUBBook.Item.Contents)] = [
            ("META-INF/container.xml", .bytes(Array(container.utf8))),
            ("EPUB/package.opf", .bytes(Array(packageDocument.utf8))),
        ] + items.map { ("EPUB/\($0.path)", $0.contents) }
        let deflated = files.parallelMap { path, contents -> Result<Entry, any Error> in
            switch contents {
            case .deflated(let piece): return .success(Entry(path: path, deflated: piece))
            case .bytes(let bytes):
                do {
                    return .success(Entry(path: path, deflated: try DeflatedPiece(bytes, level: level)))
                } catch {
                    return .failure(error)
                }
            }
        }
        let entries: [Entry]
        do {
            entries = try deflated.map { try $0.get() }
        } catch {
            throw BuildError.write("\(EPUBBook.path): \(error)")
        }
        return try zip([Entry(path: "mimetype", stored: Array(mimetype.utf8))] + entries, date: date)
    }

    /// The ZIP file: each entry's local header and contents, then the central directory.
    static func zip(_ entries: [Entry], date: String) throws -> [UInt8] {
        let day = dosDate(date)
        var archive: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let name = Array(entry.path.utf8)
            let offset = archive.count
            guard offset < UInt32.max, entry.data.count < UInt32.max, entry.size < UInt32.max, entries.count < UInt16.max else {
                throw BuildError.write("\(EPUBBook.path): too large for a ZIP file without its 64-bit extensions")
            }
            // Version 2.0, no flags, the method, time 00:00, the date, CRC-32, sizes, name length, no extra field.
            var header = le(20, 2) + le(0, 2) + le(entry.deflated ? 8 : 0, 2) + le(0, 2) + le(day, 2) + le(Int(entry.crc), 4)
            header += le(entry.data.count, 4) + le(entry.size, 4) + le(name.count, 2) + le(0, 2)
            archive += le(0x0403_4B50, 4) + header + name
            archive += entry.data
            // Made on Unix (3) by version 2.0; no comment, disk 0, no internal attributes; a
            // regular file readable by all (0644), where its local header starts.
            directory += le(0x0201_4B50, 4) + le(0x0314, 2) + header + le(0, 2) + le(0, 2) + le(0, 2) + le(0o100644 << 16, 4) + le(offset, 4) + name
        }
        guard archive.count < UInt32.max else { throw BuildError.write("\(EPUBBook.path): too large for a ZIP file without its 64-bit extensions") }
        let end = le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(entries.count, 2) + le(entries.count, 2) + le(directory.count, 4) + le(archive.count, 4) + le(0, 2)
        return archive + directory + end
    }

    /// `value` in `count` bytes, least significant first.
    private static func le(_ value: Int, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// `YYYY-MM-DD` as a ZIP (MS-DOS) date; 1980-01-01, the first date a ZIP can hold, otherwise.
    static func dosDate(_ date: String) -> Int {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1980...2107).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            return 1 << 5 | 1
        }
        return (parts[0] - 1980) << 9 | parts[1] << 5 | parts[2]
    }
}

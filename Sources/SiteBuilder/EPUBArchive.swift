import Cminizip
import Foundation
import Parallel
import RawDeflate

/// The EPUB's ZIP container, written the same way every time: `mimetype` first and stored
/// uncompressed, as the EPUB specification requires, then `META-INF/container.xml`, the
/// package document and the items in a fixed order, each with the book's date as its
/// modification time (midnight) and the same permissions. Entries are deflated at
/// ``RawDeflate/level``, on all cores; the topics' and articles' documents come already
/// deflated from ``EPUBDocuments``.
enum EPUBArchive {
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

    /// Writes the book to `path`: the container, the package document and `items`.
    static func write(items: [EPUBBook.Item], packageDocument: String, date: String, to path: String) throws {
        let files: [(String, EPUBBook.Item.Contents)] = [
            ("META-INF/container.xml", .bytes(Array(container.utf8))),
            ("EPUB/package.opf", .bytes(Array(packageDocument.utf8))),
        ] + items.map { ("EPUB/\($0.path)", $0.contents) }
        let entries = files.parallelMap { path, contents -> Entry in
            switch contents {
            case .deflated(let piece): Entry(path: path, deflated: piece)
            case .bytes(let bytes): Entry(path: path, deflated: DeflatedPiece(bytes))
            }
        }
        try zip([Entry(path: "mimetype", stored: Array(mimetype.utf8))] + entries, date: date, to: path)
    }

    /// The ZIP file at `path`, written by minizip, which takes each deflated entry as it is
    /// (its raw mode).
    static func zip(_ entries: [Entry], date: String, to path: String) throws {
        guard let archive = zipOpen(path, APPEND_STATUS_CREATE) else {
            throw BuildError.write("\(EPUBBook.path): cannot create \(path)")
        }
        var info = zip_fileinfo()
        // Midnight of the book's date, for every entry: the same bytes on every build.
        info.dosDate = uLong(dosDate(date)) << 16
        var failure: String?
        for entry in entries where failure == nil {
            failure = add(entry, to: archive, info: &info)
        }
        if zipClose(archive, nil) != ZIP_OK && failure == nil { failure = "cannot finish the ZIP file" }
        if let failure { throw BuildError.write("\(EPUBBook.path): \(failure)") }
    }

    /// Adds one entry; what went wrong, or nil.
    private static func add(_ entry: Entry, to archive: zipFile, info: inout zip_fileinfo) -> String? {
        guard entry.data.count < UInt32.max, entry.size < UInt32.max else {
            return "\(entry.path) is too large for a ZIP file without its 64-bit extensions"
        }
        // Raw: the data is stored as given, deflated by EPUBDocuments or make(items:…) already.
        // The level only sets the entry's flags: 1, "fast".
        let opened = zipOpenNewFileInZip2(archive, entry.path, &info, nil, 0, nil, 0, nil,
                                          entry.deflated ? Z_DEFLATED : 0, entry.deflated ? 1 : 0, entry.deflated ? 1 : 0)
        guard opened == ZIP_OK else { return "cannot add \(entry.path)" }
        let written = entry.data.withUnsafeBytes { zipWriteInFileInZip(archive, $0.baseAddress, UInt32($0.count)) }
        let closed = entry.deflated ? zipCloseFileInZipRaw(archive, uLong(entry.size), uLong(entry.crc)) : zipCloseFileInZip(archive)
        return written == ZIP_OK && closed == ZIP_OK ? nil : "cannot write \(entry.path)"
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

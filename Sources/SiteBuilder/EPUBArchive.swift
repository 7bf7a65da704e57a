import Foundation
import ZIPFoundation

/// The EPUB's ZIP container, written the same way every time: `mimetype` first and stored
/// uncompressed, as the EPUB specification requires, then `META-INF/container.xml`, the
/// package document and the items in a fixed order, each with the book's date as its
/// modification time (read in UTC) and the same permissions.
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

    static func make(items: [EPUBBook.Item], packageDocument: String, date: String) throws -> [UInt8] {
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw BuildError.write("\(EPUBBook.path): \(error)")
        }
        let modified = modificationDate(date)
        var entries: [(String, [UInt8], CompressionMethod)] = [
            ("mimetype", Array(mimetype.utf8), .none),
            ("META-INF/container.xml", Array(container.utf8), .deflate),
            ("EPUB/package.opf", Array(packageDocument.utf8), .deflate),
        ]
        entries += items.map { ("EPUB/\($0.path)", $0.contents, .deflate) }
        for (path, contents, method) in entries {
            let data = Data(contents)
            do {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified,
                                     permissions: 0o644, compressionMethod: method) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            } catch {
                throw BuildError.write("\(EPUBBook.path): \(path): \(error)")
            }
        }
        guard let data = archive.data else { throw BuildError.write("\(EPUBBook.path): the archive was not made") }
        return [UInt8](data)
    }

    /// Midnight UTC of `YYYY-MM-DD`; 1980-01-01, the first date a ZIP can hold, otherwise.
    static func modificationDate(_ date: String) -> Date {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, parts[0] >= 1980 else { return Date(timeIntervalSince1970: 315_532_800) }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        components.hour = 0
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 315_532_800)
    }
}

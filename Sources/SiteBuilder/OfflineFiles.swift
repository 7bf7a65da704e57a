import Foundation
import KnowledgeBase

/// The handbook to take away: the EPUB (``EPUBBook``) and the plain text for assistants and
/// for the source's readers (``PlainTextFiles``), both nothing unless `offline: true` is set
/// in handbook.yml.
///
/// A build writes the plain text while it writes the pages, and makes the EPUB's documents
/// while it writes the book's pages, from the same rendered articles
/// (``BookPage/write(with:epub:)``); it packs the book while it makes the search index
/// (``SiteBuilder/write(into:timings:recordingReads:)``).
enum OfflineFiles {
    /// Every offline file at once, the EPUB first: for `serve`, which compares them with
    /// what it served before.
    static func make(factory: PageFactory) throws -> [OutputFile] {
        guard factory.site.config.offline else { return [] }
        // minizip writes to a file: a temporary one, read back and removed.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("handbook-epub-\(UUID().uuidString).epub").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try book(factory: factory, documents: nil, to: path)
        guard let bytes = FileManager.default.contents(atPath: path) else { throw BuildError.write("\(EPUBBook.path): cannot read back \(path)") }
        let text = PlainTextFiles.files(site: factory.site, graph: factory.graph).map { OutputFile(path: $0.0, bytes: Array($0.1.utf8)) }
        return [OutputFile(path: EPUBBook.path, bytes: [UInt8](bytes))] + text
    }

    /// Writes the EPUB, from `documents`, into the staging folder of `writer`, and returns how
    /// many files and bytes that was. The plain text is written apart (``PlainTextFiles``).
    static func writeBook(factory: PageFactory, documents: EPUBDocuments, with writer: FileWriter) throws -> (files: Int, bytes: Int) {
        let bookPath = "\(writer.root)/\(EPUBBook.path)"
        try book(factory: factory, documents: documents, to: bookPath)
        let size = try FileManager.default.attributesOfItem(atPath: bookPath)[.size] as? Int
        return (1, size ?? 0)
    }

    /// The documents' maker for the pass that writes the book's pages; nil when the offline formats are off.
    static func epubDocuments(factory: PageFactory) -> EPUBDocuments? {
        factory.site.config.offline ? EPUBDocuments(factory: factory) : nil
    }

    /// Writes the EPUB to `path`, from `documents` when they are made already.
    private static func book(factory: PageFactory, documents: EPUBDocuments?, to path: String) throws {
        let date = Feeds.lastChange(site: factory.site, history: factory.history)
        do {
            try EPUBBook(factory: factory, date: date, documents: documents).write(to: path)
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError.write("\(EPUBBook.path): \(error)")
        }
    }
}

extension SiteBuilder {
    /// The EPUB and the plain-text files of this build, as `write(into:timings:)` writes them.
    public func offlineFiles() throws -> [OutputFile] {
        try OfflineFiles.make(factory: PageFactory(site: site, graph: graph, theme: theme, history: history))
    }
}

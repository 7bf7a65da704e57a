import KnowledgeBase
import Parallel
import RawDeflate

/// The handbook to take away: the EPUB (``EPUBBook``) and the plain text for assistants and
/// for the source's readers (``PlainTextFiles``), both nothing unless `offline: true` is set
/// in handbook.yml.
///
/// A build makes the EPUB's documents while it writes `book.html`, from the same rendered
/// articles (``BookPage/write(with:epub:)``), and packs the book from them afterwards.
enum OfflineFiles {
    /// Every offline file at once, the EPUB first.
    static func make(factory: PageFactory) throws -> [OutputFile] {
        guard factory.site.config.offline else { return [] }
        return [try book(factory: factory, documents: nil)] + plainText(factory: factory)
    }

    /// The documents' maker for the pass that writes `book.html`; nil when the offline formats are off.
    static func epubDocuments(factory: PageFactory) -> EPUBDocuments? {
        factory.site.config.offline ? EPUBDocuments(factory: factory) : nil
    }

    /// The EPUB, from `documents` when they are made already.
    static func book(factory: PageFactory, documents: [(path: String, contents: DeflatedPiece)]?) throws -> OutputFile {
        let date = Feeds.lastChange(site: factory.site, history: factory.history)
        do {
            return OutputFile(path: EPUBBook.path, bytes: try EPUBBook(factory: factory, date: date, documents: documents).archive())
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError.write("\(EPUBBook.path): \(error)")
        }
    }

    /// Each page's Markdown, `llms.txt` and `llms-full.txt`.
    static func plainText(factory: PageFactory) -> [OutputFile] {
        guard factory.site.config.offline else { return [] }
        return PlainTextFiles.files(site: factory.site, graph: factory.graph).map { OutputFile(path: $0.0, bytes: Array($0.1.utf8)) }
    }
}

extension SiteBuilder {
    /// The EPUB and the plain-text files of this build, as `write(into:timings:)` writes them.
    public func offlineFiles() throws -> [OutputFile] {
        try OfflineFiles.make(factory: PageFactory(site: site, graph: graph, theme: theme, history: history))
    }
}

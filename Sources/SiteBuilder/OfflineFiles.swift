import KnowledgeBase
import Parallel

/// The handbook to take away: the EPUB (``EPUBBook``) and the plain text for assistants and
/// for the source's readers (``PlainTextFiles``), both nothing unless `offline: true` is set
/// in handbook.yml.
///
/// Compressing the EPUB takes one core for several seconds at 10,000 articles, so the write
/// stage starts the book on a thread of its own (``startBook(factory:)``) before it renders
/// the pages, and takes it when everything else is written.
enum OfflineFiles {
    /// Every offline file at once, the EPUB first.
    static func make(factory: PageFactory) throws -> [OutputFile] {
        guard let book = startBook(factory: factory) else { return [] }
        let text = plainText(factory: factory)
        return [try book.wait().get()] + text
    }

    /// The EPUB, made on a thread of its own from now on.
    static func startBook(factory: PageFactory) -> BackgroundWork<Result<OutputFile, BuildError>>? {
        guard factory.site.config.offline else { return nil }
        return BackgroundWork {
            let date = Feeds.lastChange(site: factory.site, history: factory.history)
            do {
                return .success(OutputFile(path: EPUBBook.path, bytes: try EPUBBook(factory: factory, date: date).archive()))
            } catch let error as BuildError {
                return .failure(error)
            } catch {
                return .failure(.write("\(EPUBBook.path): \(error)"))
            }
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

import KnowledgeBase

/// The handbook to take away: the EPUB (``EPUBBook``) and the plain text for assistants and
/// for the source's readers (``PlainTextFiles``). The one call the write stage makes for them.
enum OfflineFiles {
    /// Nothing unless `offline: true` is set in handbook.yml.
    static func make(factory: PageFactory) throws -> [OutputFile] {
        guard factory.site.config.offline else { return [] }
        let date = Feeds.lastChange(site: factory.site, history: factory.history)
        let book = try EPUBBook(factory: factory, date: date).archive()
        let text = PlainTextFiles.files(site: factory.site, graph: factory.graph).map { OutputFile(path: $0.0, bytes: Array($0.1.utf8)) }
        return [OutputFile(path: EPUBBook.path, bytes: book)] + text
    }
}

extension SiteBuilder {
    /// The EPUB and the plain-text files of this build, as `write(into:timings:)` writes them.
    public func offlineFiles() throws -> [OutputFile] {
        try OfflineFiles.make(factory: PageFactory(site: site, graph: graph, theme: theme, history: history))
    }
}

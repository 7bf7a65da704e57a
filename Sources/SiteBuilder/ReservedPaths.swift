import KnowledgeBase

/// Paths the generator writes itself. A page or file of the content folder that would be
/// written to one of them is an error, rather than one silently replacing the other.
enum ReservedPaths {
    /// Pages and files at the root of the output.
    static let files: Set<String> = [
        PageJob.notFound.outputPath, PageJob.search.outputPath, PageJob.map.outputPath, BookPage.path,
        "feed.xml", "sitemap.xml", PlainTextFiles.index, PlainTextFiles.full, EPUBBook.path,
    ]
    /// Folders whose every file the generator writes: tag pages, the search index, the book, the topics' maps.
    static let folders = ["tags/", "search/", BookPage.folder + "/", "map/"]

    /// Every page, topic and file whose output path the generator or the theme already uses.
    static func problems(site: Site, theme: Theme) -> [Diagnostic] {
        let assets = Set(theme.assetFiles.keys)
        func taken(_ path: String) -> Bool {
            files.contains(path) || assets.contains(path) || folders.contains { path.hasPrefix($0) }
        }
        var diagnostics: [Diagnostic] = []
        let hint = "rename it: the generator writes its own page or file there"
        for article in site.articles where taken(article.url) {
            diagnostics.append(.error(article.displayPath, "would be published as '\(article.url)', which the site already uses", hint: hint))
        }
        for topic in site.topics where !topic.slug.isEmpty && taken(topic.url) {
            diagnostics.append(.error(topic.displayPath, "topic would be published as '\(topic.url)', which the site already uses", hint: hint))
        }
        for file in site.files where taken(file.outputPath) {
            diagnostics.append(.error(file.displayPath, "would be published as '\(file.outputPath)', which the site already uses", hint: hint))
        }
        return diagnostics
    }
}

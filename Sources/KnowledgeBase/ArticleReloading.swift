import Markdown

/// Re-reading single articles after an edit, for `serve`: the same reading and parsing
/// as ``ContentLoader/load(config:timings:)``, one file at a time.
extension ContentLoader {
    /// Paths inside the content folder (`topic/slug.md`) of every article file that
    /// `load` reads for `site`: those in the folders of the topics that loaded.
    public func articlePaths(of site: Site) -> Set<String> {
        var ignored: [Diagnostic] = []
        let listing = ContentListing.scan(contentDirectory, displayName: displayName, diagnostics: &ignored)
        let topics = Set(site.topics.map(\.slug))
        return Set(listing.articles.filter { topics.contains($0.topic) }.map { "\($0.topic)/\($0.slug).md" })
    }

    /// Reads and parses the article at `relativePath` (`topic/slug.md`) against the tags
    /// and settings of `site`. The article is nil when the file has errors that leave no
    /// article (a missing title, broken front matter); the diagnostics say why.
    public func reloadArticle(at relativePath: String, in site: Site) -> (article: Article?, diagnostics: [Diagnostic]) {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].hasSuffix(".md") else {
            return (nil, [.error("\(displayName)/\(relativePath)", "not an article path (topic/slug.md)")])
        }
        let entry = ContentListing.ArticleEntry(topic: String(parts[0]), slug: String(parts[1].dropLast(3)))
        let result = parseArticle(readArticle(entry), tags: site.tags, options: site.config.renderOptions)
        return (result.article, result.diagnostics)
    }
}

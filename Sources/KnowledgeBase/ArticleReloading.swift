import Markdown

/// Re-reading single articles after an edit, for `serve`: the same reading and parsing
/// as ``ContentLoader/load(config:timings:)``, one file at a time.
extension ContentLoader {
    /// Paths inside the content folder of every article file that `load` reads for `site`:
    /// those in the folders of the topics that loaded.
    public func articlePaths(of site: Site) -> Set<String> {
        Set(site.articleSources.keys)
    }

    /// Reads and parses the article at `relativePath` (as on disk, e.g. `topic/slug.md`)
    /// against the tags and settings of `site`. The article is nil when the file has errors
    /// that leave no article (a missing title, broken front matter); the diagnostics say why.
    public func reloadArticle(at relativePath: String, in site: Site) -> (article: Article?, diagnostics: [Diagnostic]) {
        guard let entry = site.articleSources[relativePath] else {
            return (nil, [.error("\(displayName)/\(relativePath)", "not an article of the content folder")])
        }
        var settings = PageSettings(config: site.config)
        settings.wiki = site.wikiTargets
        settings.packsText = site.packsText
        settings.folders = Set(site.topics.map(\.folder))
        settings.fileLocations = Dictionary(site.files.map { ($0.outputPath, $0.location) }) { first, _ in first }
        let result = parseArticle(readArticle(entry), tags: site.tags, settings: settings)
        return (result.article, result.diagnostics)
    }
}

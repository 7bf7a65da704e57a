import KnowledgeBase
import TestSupport

/// Loads a fixture site from files and returns the site, graph and every diagnostic.
func load(_ files: [String: String], removing: [String] = [], drafts: Bool = false) throws -> (site: Site, graph: KnowledgeGraph, diagnostics: [Diagnostic]) {
    let folder = try FixtureSite.make(extra: files, removing: removing)
    defer { folder.remove() }
    let loader = ContentLoader(contentDirectory: "\(folder.path)/Content", displayName: "Content", includeDrafts: drafts)
    let (site, loadDiagnostics) = loader.load(config: .strict)
    let (graph, graphDiagnostics) = KnowledgeGraph.build(site)
    return (site, graph, (loadDiagnostics + graphDiagnostics).sorted())
}

/// Diagnostics as the CLI prints them, one per line, without hints.
func messages(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { var d = $0; d.hint = nil; return d.description }
}

func article(_ frontMatter: String, body: String = "Text with [a link](first.md).\n") -> String {
    "---\n\(frontMatter)\n---\n\n\(body)"
}

extension SiteConfig {
    /// The settings of the fixture site: every content rule but `tag-count`, as
    /// `FixtureSite.strictSettings`.
    static var strict: SiteConfig {
        var config = SiteConfig()
        config.rules = Set(ContentRule.allCases).subtracting([.tagCount])
        return config
    }
}

import Foundation
import KnowledgeBase

/// Where a handbook's content, theme and settings are.
public struct HandbookSources: Sendable, Equatable {
    /// The folder of Markdown articles, as the user named it (messages show it so).
    public var content: String
    /// The site's folder of templates and assets, whose files replace the built-in theme's
    /// file by file. Usually absent: the built-in theme is used as it is.
    public var theme: String
    /// Whether a missing theme folder is an error; otherwise the built-in theme applies.
    public var themeRequired: Bool
    /// The settings file.
    public var config: String
    /// Whether a missing settings file is an error; otherwise the defaults apply.
    public var configRequired: Bool
    /// Whether articles marked `draft: true` are included.
    public var drafts: Bool
    /// The folder the site is written into, when there is one: left out of the content when
    /// it lies inside it.
    public var output: String?
    /// Above this many bytes of Markdown, articles hold their HTML and text deflated
    /// (``ContentLoader/packingTextAbove``).
    public var packingTextAbove = ContentLoader.packingThreshold

    public init(content: String = "Content", theme: String = "Theme", config: String = "handbook.yml",
                configRequired: Bool = false, themeRequired: Bool = false, drafts: Bool = false, output: String? = nil) {
        self.content = content
        self.theme = theme
        self.themeRequired = themeRequired
        self.config = config
        self.configRequired = configRequired
        self.drafts = drafts
        self.output = output
    }

    /// The loader of the content folder.
    public var contentLoader: ContentLoader {
        var loader = ContentLoader(contentDirectory: content, displayName: content, includeDrafts: drafts, excluding: notContent)
        loader.packingTextAbove = packingTextAbove
        return loader
    }

    /// The theme, the settings file and the output, where they lie inside the content folder
    /// (a knowledge base whose Markdown is at the top of its repository), as the loader
    /// names paths.
    public var excludedFolders: [String] { notContent.sorted() }

    var notContent: Set<String> {
        let contentPath = URL(fileURLWithPath: content).standardizedFileURL.path
        var excluded: Set<String> = []
        for path in [theme, config, output].compactMap({ $0 }) {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            if absolute.hasPrefix(contentPath + "/") {
                excluded.insert("\(ContentLoader.trimmingSlashes(content))/\(absolute.dropFirst(contentPath.count + 1))")
            }
        }
        return excluded
    }
}

/// Everything `build`, `check` and `serve` work from: the `load` and `graph` stages, the
/// theme and the content's history, with every problem found on the way.
public struct LoadedHandbook: Sendable {
    /// The graph of ``site``, kept up to date edit by edit by ``update(_:)``.
    public private(set) var graph: LiveGraph
    /// Nil when a template or asset has errors (they are among the diagnostics).
    public var theme: Theme?
    public var history: ContentHistory
    /// Problems found while reading the config, the content and the theme; the graph's are
    /// ``LiveGraph/diagnostics``.
    public var loadDiagnostics: [Diagnostic]

    public var site: Site { graph.site }

    /// Every problem, sorted.
    public var diagnostics: [Diagnostic] { (loadDiagnostics + graph.diagnostics).sorted() }

    /// Replaces the site (after some of its files were read again) and brings the graph up to date.
    public mutating func update(_ site: Site) {
        graph.update(to: site)
    }

    /// The build of this handbook, when it loaded without errors. Consuming, so that a build
    /// can let go of the articles' HTML once the pages are written.
    public consuming func builder() -> SiteBuilder? {
        guard let theme, !loadDiagnostics.hasErrors, !graph.diagnostics.hasErrors else { return nil }
        return SiteBuilder(site: graph.site, graph: graph.graph, theme: theme, history: history)
    }
}

/// The one way every command and test loads a handbook.
public enum Handbook {
    /// Reads the config (its defaults when it has errors), the content, the graph, the theme
    /// and the history. Time spent goes to the stages `load`, `markdown` and `graph`.
    public static func load(_ sources: HandbookSources, timings: inout StageTimings) -> LoadedHandbook {
        var (config, diagnostics) = loadConfig(sources)
        if diagnostics.hasErrors { config = SiteConfig() }
        let (site, contentDiagnostics) = sources.contentLoader.load(config: config, timings: &timings)
        diagnostics += contentDiagnostics
        let graph = timings.measure("graph") { LiveGraph(site: site) }
        var theme: Theme?
        do {
            let loaded = try Theme.load(overriding: sources.theme, required: sources.themeRequired)
            diagnostics += ReservedPaths.problems(site: site, theme: loaded)
            theme = loaded
        } catch {
            diagnostics += error.diagnostics
        }
        let history = ContentHistory.fromGit(contentDirectory: sources.content)
        return LoadedHandbook(graph: graph, theme: theme, history: history, loadDiagnostics: diagnostics)
    }

    public static func load(_ sources: HandbookSources) -> LoadedHandbook {
        var timings = StageTimings()
        return load(sources, timings: &timings)
    }

    /// The config file, or the defaults when it is missing and not required.
    static func loadConfig(_ sources: HandbookSources) -> (SiteConfig, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard FileManager.default.fileExists(atPath: sources.config) else {
            if sources.configRequired {
                diagnostics.append(.error(sources.config, "config file not found"))
            }
            return (SiteConfig(), diagnostics)
        }
        let config = ConfigLoader.load(path: sources.config, diagnostics: &diagnostics)
        return (config, diagnostics)
    }
}

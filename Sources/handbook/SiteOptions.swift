import ArgumentParser
import Foundation
import KnowledgeBase
import SiteBuilder

/// Where the content, theme and config are: shared by every subcommand.
struct SiteOptions: ParsableArguments {
    @Option(help: "The folder of Markdown articles.")
    var content = "Content"

    @Option(help: "The folder of templates and assets.")
    var theme = "Theme"

    @Option(help: "The site's settings file. Optional: defaults apply when it is missing.")
    var config = "handbook.yml"

    @Flag(help: "Include articles marked 'draft: true'.")
    var drafts = false

    /// The config file, or the defaults when the default file is missing.
    func loadConfig() -> (SiteConfig, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard FileManager.default.fileExists(atPath: config) else {
            if config != "handbook.yml" {
                diagnostics.append(.error(config, "config file not found"))
            }
            return (SiteConfig(), diagnostics)
        }
        let config = ConfigLoader.load(path: config, diagnostics: &diagnostics)
        return (config, diagnostics)
    }

    /// `load` and `graph`: everything `check` validates, nothing written.
    func loadSite(timings: inout StageTimings) -> (site: Site, graph: KnowledgeGraph, diagnostics: [Diagnostic]) {
        var (config, diagnostics) = loadConfig()
        if diagnostics.hasErrors { config = SiteConfig() }
        let loader = ContentLoader(contentDirectory: content, displayName: content, includeDrafts: drafts)
        let (site, loadDiagnostics) = loader.load(config: config, timings: &timings)
        diagnostics += loadDiagnostics
        let (graph, graphDiagnostics) = timings.measure("graph") { KnowledgeGraph.build(site) }
        diagnostics += graphDiagnostics
        return (site, graph, diagnostics.sorted())
    }
}

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, github
}

extension [Diagnostic] {
    /// Prints each problem to stderr (text) or stdout (GitHub workflow commands, which the
    /// runner reads from the output).
    func report(format: DiagnosticFormat = .text) {
        for diagnostic in self {
            switch format {
            case .text: Terminal.error(diagnostic.description)
            case .github: Terminal.output(diagnostic.githubAnnotation)
            }
        }
    }

    var countsDescription: String {
        let errors = filter { $0.severity == .error }.count
        let warnings = count - errors
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }
}

/// "1 article", "2 articles".
func plural(_ count: Int, _ word: String) -> String {
    "\(count) \(word)\(count == 1 ? "" : "s")"
}

import ArgumentParser
import Foundation
import KnowledgeBase
import SiteBuilder

/// Where the content, theme and config are: shared by every subcommand.
struct SiteOptions: ParsableArguments {
    @Option(help: "The folder of Markdown articles.")
    var content = "Content"

    @Option(help: "A folder of templates and assets that replace the built-in theme's, file by file. Optional.")
    var theme = "Theme"

    @Option(help: "The site's settings file. Optional: defaults apply when it is missing.")
    var config = "handbook.yml"

    @Flag(help: "Include articles marked 'draft: true'.")
    var drafts = false

    /// What ``Handbook/load(_:timings:)`` reads. Only a config file or theme folder named on
    /// the command line must exist.
    var sources: HandbookSources {
        HandbookSources(content: content, theme: theme, config: config, configRequired: config != "handbook.yml",
                        themeRequired: theme != "Theme", drafts: drafts)
    }
}

/// The site and the folder it is written into: `build` and `serve`.
struct OutputOptions: ParsableArguments {
    @OptionGroup var site: SiteOptions

    @Option(help: "The folder to write the handbook into.")
    var output = "public"

    /// What ``Handbook/load(_:timings:)`` reads, the output left out of the content.
    var sources: HandbookSources {
        var sources = site.sources
        sources.output = output
        return sources
    }

    func validate() throws {
        let problems = OutputFolder(path: output).problems(content: site.content, theme: site.theme)
        if let first = problems.first { throw ValidationError(first) }
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

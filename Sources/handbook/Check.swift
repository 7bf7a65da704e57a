import ArgumentParser
import KnowledgeBase
import SiteBuilder

extension HandbookCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Checks the content and reports every problem, writing nothing.",
            discussion: """
            Reports front matter errors, unknown tags, broken links and anchors, duplicate slugs \
            and titles, orphans and dead ends, stray files and template errors, each as file:line:col. \
            Exits 1 when there are errors (or warnings, with --strict).
            """
        )

        @OptionGroup var site: SiteOptions

        @Option(help: "How to print problems: 'text' for people, 'github' for annotations on a pull request.")
        var format: DiagnosticFormat = .text

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        func run() throws {
            let handbook = Handbook.load(site.sources)
            let (loaded, diagnostics) = (handbook.site, handbook.diagnostics)
            let reported = strict ? diagnostics.map { var d = $0; d.severity = .error; return d } : diagnostics
            reported.report(format: format)
            let summary = "\(plural(loaded.articles.count, "article")) in \(plural(loaded.topics.count, "topic")): \(reported.countsDescription)"
            if reported.hasErrors {
                Terminal.error("check failed: \(summary)")
                throw Exit.contentErrors
            }
            Terminal.error("check passed: \(summary)")
        }
    }
}

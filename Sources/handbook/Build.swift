import ArgumentParser
import Foundation
import KnowledgeBase
import SiteBuilder

extension HandbookCommand {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Builds the handbook into the output folder.",
            discussion: """
            The build writes into a fresh folder and replaces the output only when everything \
            succeeded, so a failed build leaves the previous output as it was. It refuses to \
            replace a folder it did not write.
            """
        )

        @OptionGroup var site: SiteOptions

        @Option(help: "The folder to write the handbook into.")
        var output = "public"

        @Flag(help: "Print how long each stage took, as 'timing <stage> <seconds>' lines on stderr.")
        var timings = false

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        func validate() throws {
            let problems = OutputFolder(path: output).problems(content: site.content, theme: site.theme)
            if let first = problems.first { throw ValidationError(first) }
        }

        func run() throws {
            let start = ContinuousClock.now
            var stageTimings = StageTimings()
            let (loaded, graph, diagnostics) = site.loadSite(timings: &stageTimings)
            diagnostics.report()
            if diagnostics.hasErrors || (strict && !diagnostics.isEmpty) {
                Terminal.error("error: build failed with \(diagnostics.countsDescription); the output was not changed")
                throw Exit.contentErrors
            }
            let theme: Theme
            do {
                theme = try Theme.load(from: site.theme)
            } catch {
                error.diagnostics.report()
                Terminal.error("error: the theme has errors; the output was not changed")
                throw Exit.contentErrors
            }
            let history = ContentHistory.fromGit(contentDirectory: site.content)
            let builder = SiteBuilder(site: loaded, graph: graph, theme: theme, history: history)

            let folder = OutputFolder(path: output)
            let staging = try folder.makeStagingFolder()
            let interruption = InterruptionGuard(cleaning: staging)
            let summary: BuildSummary
            do {
                summary = try builder.write(into: staging, timings: &stageTimings)
                try stageTimings.measure("replace output") { try folder.commit(staging) }
            } catch {
                folder.discard(staging)
                Terminal.error("error: \(error); the output was not changed")
                throw Exit.contentErrors
            }
            interruption.disarm()

            if timings {
                for stage in stageTimings.stages {
                    Terminal.error("timing \(stage.name) \(String(format: "%.3f", stage.seconds))")
                }
                Terminal.error("timing total \(String(format: "%.3f", (ContinuousClock.now - start).seconds))")
            }
            let seconds = (ContinuousClock.now - start).seconds
            let megabytes = Double(summary.byteCount) / 1_000_000
            Terminal.output("Built \(summary.pageCount) pages (\(summary.fileCount) files, \(String(format: "%.1f", megabytes)) MB) into \(output)/ in \(String(format: "%.2f", seconds)) s. Open \(output)/index.html in a browser.")
        }
    }
}

/// Removes the staging folder if the build is interrupted (Ctrl-C, SIGTERM), so the
/// output keeps the previous build and nothing is left behind.
final class InterruptionGuard {
    private let sources: [any DispatchSourceSignal]

    init(cleaning staging: String) {
        let queue = DispatchQueue(label: "handbook.interruption")
        sources = [SIGINT, SIGTERM, SIGHUP].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                if FileManager.default.fileExists(atPath: "\(staging)/\(OutputFolder.markerName)") {
                    try? FileManager.default.removeItem(atPath: staging)
                }
                Terminal.error("interrupted; the output was not changed")
                exit(128 + signalNumber)
            }
            source.resume()
            return source
        }
    }

    func disarm() {
        for source in sources { source.cancel() }
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { signal(signalNumber, SIG_DFL) }
    }
}

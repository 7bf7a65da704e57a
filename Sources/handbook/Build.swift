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

        @OptionGroup var options: OutputOptions

        @Flag(help: "Print how long each stage took, as 'timing <stage> <seconds>' lines on stderr.")
        var timings = false

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        func run() throws {
            let start = ContinuousClock.now
            var stageTimings = StageTimings()
            let handbook = Handbook.load(options.sources, timings: &stageTimings)
            let diagnostics = handbook.diagnostics
            diagnostics.report()
            guard let builder = (consume handbook).builder(), !(strict && !diagnostics.isEmpty) else {
                Terminal.error("error: build failed with \(diagnostics.countsDescription); the output was not changed")
                throw Exit.contentErrors
            }
            let output = options.output
            let folder = OutputFolder(path: output)
            let staging = try folder.makeStagingFolder()
            let interruption = InterruptionGuard(cleaning: staging, in: folder)
            let summary: BuildSummary
            do {
                summary = try builder.write(into: staging, timings: &stageTimings)
                try stageTimings.measure("replace output") {
                    // The previous build is removed inside too, so Ctrl-C now leaves nothing behind.
                    try interruption.committing {
                        if let previous = try folder.replace(with: staging) { folder.discard(previous) }
                    }
                }
            } catch {
                // Writes fail once an interruption has taken the staging folder away: let it finish.
                interruption.waitIfInterrupted()
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

/// Removes the staging folder if the build is interrupted (Ctrl-C, SIGTERM, SIGHUP), so the
/// output keeps the previous build and nothing is left behind. A signal that arrives while
/// the new build is being swapped in waits for the swap, so the output is never a mix.
/// (SIGKILL cannot be caught: its staging folder is removed by the next build.)
final class InterruptionGuard: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    /// Held while the output is replaced; the signal handler takes it and never gives it back.
    private let lock = NSLock()
    /// Set once the new build is in place; guarded by `lock`.
    private var committed = false

    init(cleaning staging: String, in folder: OutputFolder) {
        let queue = DispatchQueue(label: "handbook.interruption")
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: signalNumber, queue: queue))
        }
        self.sources = sources
        for (source, signalNumber) in zip(sources, [SIGINT, SIGTERM, SIGHUP]) {
            source.setEventHandler { [self] in
                lock.lock()
                // Before the swap this is the unfinished build; after it, the previous one.
                folder.discard(staging)
                Terminal.error(committed ? "interrupted; the new build is in place" : "interrupted; the output was not changed")
                exit(128 + signalNumber)
            }
            source.resume()
        }
    }

    /// Runs `body` (the swap) so that no interruption is handled in the middle of it.
    func committing<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        let result = try body()
        committed = true
        return result
    }

    /// Returns at once, unless an interruption is being handled: then never (it exits).
    func waitIfInterrupted() {
        lock.lock()
        lock.unlock()
    }

    func disarm() {
        for source in sources { source.cancel() }
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { signal(signalNumber, SIG_DFL) }
    }
}

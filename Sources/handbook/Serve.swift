import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SiteBuilder

extension HandbookCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Builds the handbook, serves it locally and rebuilds it on every change.",
            discussion: """
            Open pages reload after each rebuild. An edit to an article rebuilds only the pages \
            it touches; a change to the theme, the config, the tags or the topics, or an added \
            or removed file, rebuilds everything. When a change breaks the build, the last good \
            build stays online and pages show the errors until they are fixed. Serves on the \
            loopback address unless told otherwise. Stop with Ctrl-C.
            """
        )

        @OptionGroup var options: OutputOptions

        @Option(help: "The address to listen on. Other machines can connect when it is not a loopback address.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on; 0 picks a free one.")
        var port = 8000

        @Option(help: "How often to scan for changed files with --polling, or where the system sends no notices of changes, in milliseconds.")
        var pollInterval = 250

        @Flag(help: ArgumentHelp(
            "Find changed files by scanning the folders instead of the system's notices of changes.",
            discussion: "For folders whose changes send no notices, such as some network and container mounts. Without notices (on systems other than Linux) serve scans anyway."
        ))
        var polling = false

        @Flag(help: "Print how long each stage of an incremental rebuild took, as 'timing <stage> <seconds>' lines on stderr.")
        var timings = false

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("the port must be between 0 and 65535") }
            guard (10...10_000).contains(pollInterval) else { throw ValidationError("the poll interval must be between 10 and 10000 ms") }
        }

        func run() async throws {
            let (site, output) = (options.site, options.output)
            let folder = ServedFolder(path: output)
            let hub = LiveReloadHub()
            let session = SiteSession(sources: options.sources, folder: folder, printTimings: timings)
            let watcher = SiteWatcher(
                session: session, hub: hub, folder: folder,
                watched: WatchedFiles(folders: [site.content, site.theme].map(Self.trimmingSlash), files: [site.config],
                                      excluded: Set(options.sources.excludedFolders)),
                interval: .milliseconds(pollInterval), polling: polling
            )
            var logger = Logger(label: "handbook-serve")
            logger.logLevel = .error
            let host = host
            let app = Application(
                responder: SiteResponder(folder: folder, hub: hub),
                configuration: .init(address: .hostname(host, port: port), serverName: nil),
                services: [watcher],
                onServerRunning: { channel in
                    let port = channel.localAddress?.port ?? 0
                    let address = host.contains(":") ? "[\(host)]" : host
                    Terminal.output("Serving \(output)/ on http://\(address):\(port)/ (Ctrl-C to stop)")
                },
                logger: logger
            )
            do {
                if #available(macOS 15.0, *) {
                    // Requests get threads of their own; see RequestExecutor.
                    try await withTaskExecutorPreference(RequestExecutor()) { try await app.runService() }
                } else {
                    try await app.runService()
                }
            } catch {
                Terminal.error("error: cannot serve on \(host):\(port): \(error)")
                throw ExitCode(1)
            }
            Terminal.output("Stopped.")
        }

        static func trimmingSlash(_ path: String) -> String {
            var path = path
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            return path
        }
    }
}

/// Builds the site, then rebuilds it after each change the ``ChangeDetector`` finds.
struct SiteWatcher: Service {
    let session: SiteSession
    let hub: LiveReloadHub
    let folder: ServedFolder
    let watched: WatchedFiles
    let interval: Duration
    let polling: Bool
    /// How long edits must pause before the search index and the book's pages are written:
    /// they take seconds on a large handbook and should not slow the next rebuild.
    static let quietTime = Duration.seconds(1)
    static let pingInterval = Duration.seconds(15)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await watch()
        }
        await hub.finishAll()
    }

    private func watch() async {
        let detector = await ChangeDetector(watching: watched, interval: interval, polling: polling)
        if detector.method == .polling && !polling {
            Terminal.error("note: the system sends no notices of changed files here; scanning for them every \(interval)")
        }
        guard let first = await session.buildAll() else { return }
        await report(first, initial: true)
        var deferred: Task<Void, Never>?
        var deferredPending = false
        var lastChange = ContinuousClock.now
        var lastPing = ContinuousClock.now
        while !Task.isCancelled {
            guard let changes = await detector.nextChanges() else { break }
            if changes.isEmpty {
                if deferredPending && ContinuousClock.now - lastChange >= Self.quietTime {
                    deferredPending = false
                    deferred?.cancel()
                    deferred = writeDeferredFiles()
                }
                if ContinuousClock.now - lastPing > Self.pingInterval {
                    await hub.ping()
                    lastPing = .now
                }
                continue
            }
            guard let outcome = await session.rebuild(after: changes) else { break }
            await report(outcome, initial: false)
            lastChange = .now
            if case .published = outcome { deferredPending = true }
        }
        deferred?.cancel()
    }

    private func report(_ outcome: SiteSession.Outcome, initial: Bool) async {
        switch outcome {
        case .published(let version, let paths, let message, let warnings):
            if initial {
                warnings.report()
            } else if !warnings.isEmpty {
                Terminal.error(warnings.count <= 10 ? warnings.map(\.description).joined(separator: "\n") : "\(warnings.count) warnings")
            }
            Terminal.output(message)
            await hub.published(version: version, paths: paths)
        case .failed(let message, let diagnostics):
            diagnostics.report()
            Terminal.error(message)
            await hub.failed(diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n"))
        }
    }

    /// Writes the search index, the maps and the book's pages in the background, and reloads
    /// those pages where they are open.
    private func writeDeferredFiles() -> Task<Void, Never> {
        let session = session
        let folder = folder
        let hub = hub
        return Task {
            guard let (message, pages) = await session.writeDeferredFiles() else { return }
            if message.hasPrefix("error") { Terminal.error(message) } else { Terminal.output(message) }
            if !pages.isEmpty { await hub.published(version: folder.publish(), paths: pages) }
        }
    }
}

import Foundation
import KnowledgeBase
import SiteBuilder

/// What `serve` keeps in memory between rebuilds: the content as last read, the build the
/// output folder holds, and the theme. An edit to articles re-reads just those files,
/// rebuilds the graph and writes the pages whose output changed; anything else (the theme,
/// the config, tags, topics, added or removed files) rebuilds everything.
///
/// The heavy work runs off Swift's cooperative threads (see ``Offload``), so requests are
/// answered while the site rebuilds. Only the watcher calls ``rebuild(after:)``, one change
/// at a time.
actor SiteSession {
    /// The content as last read, and what `serve` knows of it.
    struct Workspace: Sendable {
        /// The handbook as loaded, then kept up to date edit by edit. An article with errors
        /// keeps its last good version in the site until it is fixed.
        var handbook: LoadedHandbook
        /// Article files (`topic/slug.md`) the loader reads: edits to them rebuild incrementally.
        var articlePaths: Set<String>
    }

    enum Outcome: Sendable {
        /// The output changed. `paths` are the output paths written, or `*` for all.
        case published(version: Int, paths: [String], message: String, warnings: [Diagnostic])
        /// The build failed; the output still holds the last good build.
        case failed(message: String, diagnostics: [Diagnostic])
    }

    let sources: HandbookSources
    let folder: ServedFolder
    let printTimings: Bool

    private var workspace: Workspace?
    /// The build the output folder holds.
    private var served: SiteBuilder?
    /// What each of its pages read when it was rendered: an edit renders the pages that read
    /// something it changed.
    private var reads = PageReads()
    /// Set until a full build succeeds, and after one fails.
    private var needsFullBuild = true
    /// Counts rebuilds started; a search index or book pages made for an older one are dropped.
    private var generation = 0
    private var deferredGeneration = -1
    /// Pages the rebuilds since the last full build left for ``writeDeferredFiles()``.
    private var deferredPages: Set<PageJob> = []

    init(sources: HandbookSources, folder: ServedFolder, printTimings: Bool) {
        self.sources = sources
        self.folder = folder
        self.printTimings = printTimings
    }

    private var contentPrefix: String { sources.content.hasSuffix("/") ? sources.content : sources.content + "/" }

    // MARK: - Rebuilding

    /// Builds everything into a staging folder and swaps it in.
    func buildAll(reason: String? = nil) async -> Outcome? {
        generation += 1
        let serial = generation
        let sources = sources
        let folder = folder
        guard let result = await Offload.run({ Self.fullBuild(sources: sources, folder: folder, serial: serial) }) else { return nil }
        switch result {
        case .failed(let diagnostics):
            needsFullBuild = true
            return .failed(message: "error: the build failed with \(diagnostics.countsDescription); serving the last good build", diagnostics: diagnostics)
        case .built(let workspace, let builder, let summary, let seconds, let diagnostics):
            self.workspace = workspace
            served = builder
            reads = summary.reads ?? PageReads()
            needsFullBuild = false
            deferredGeneration = generation
            deferredPages = []
            let version = folder.publish()
            let timing = "in \(Self.duration(seconds)) (\(summary.pageCount) pages)"
            let message = reason.map { "rebuilt everything \(timing) after a change to \($0)" } ?? "built the handbook \(timing)"
            return .published(version: version, paths: ["*"], message: message, warnings: diagnostics)
        }
    }

    /// Rebuilds after `changes`: incrementally when only known articles were modified.
    func rebuild(after changes: FileChanges) async -> Outcome? {
        guard !needsFullBuild, let workspace, let served, let edited = articleEdits(changes, workspace: workspace) else {
            return await buildAll(reason: changes.all.first.map { changes.all.count > 1 ? "\($0) and \(changes.all.count - 1) more" : $0 })
        }
        generation += 1
        let sources = sources
        let output = folder.path
        let timings = printTimings
        let servedReads = reads
        guard let result = await Offload.run({
            Self.incrementalBuild(edited, workspace: workspace, served: (served, servedReads), sources: sources, output: output, printTimings: timings)
        }) else { return nil }
        let what = edited.joined(separator: ", ")
        switch result {
        case .needsFullBuild:
            return await buildAll(reason: what)
        case .failed(let workspace, let diagnostics):
            self.workspace = workspace
            return .failed(message: "error: \(what) broke the build (\(diagnostics.countsDescription)); serving the last good build", diagnostics: diagnostics)
        case .built(let workspace, let builder, let summary, let deferred, let seconds, let warnings):
            self.workspace = workspace
            self.served = builder
            reads.record(summary)
            deferredPages.formUnion(deferred)
            let version = folder.publish()
            let pages = summary.writtenPaths.filter { $0.hasSuffix(".html") }.count
            return .published(version: version, paths: summary.writtenPaths + summary.removedPaths,
                              message: "rebuilt \(what) in \(Self.duration(seconds)) (\(pages) page\(pages == 1 ? "" : "s"))", warnings: warnings)
        }
    }

    /// Writes what covers every article, for the build being served: the search index, the
    /// map, the EPUB and the Markdown files, and the book's pages. Done once edits pause: at 10,000 articles it takes far longer
    /// than the pages of an edit. Returns what happened, and the pages written.
    func writeDeferredFiles() async -> (message: String, pages: [String])? {
        guard let served, deferredGeneration != generation else { return nil }
        let started = generation
        let clock = ContinuousClock.now
        let pages = deferredPages.sorted { "\($0)" < "\($1)" }
        guard let (searchFiles, rendered, offlineFiles) = await Offload.runInBackground({
            (served.searchIndexFiles(), served.render(pages), (try? served.offlineFiles()) ?? [])
        }) else { return nil }
        // A rebuild started meanwhile: its own files come next. Otherwise write them here, on
        // the actor, so no rebuild starts halfway through.
        guard started == generation, !Task.isCancelled else { return nil }
        var written: [String]
        do {
            written = try SiteBuilder.replaceChangedFiles(searchFiles + rendered.files + offlineFiles, in: folder.path)
            // Shards no term, tag or group of the new index names any more.
            written += try SiteBuilder.removeFiles(in: "search", of: folder.path, keeping: Set(searchFiles.map(\.path)))
            reads.record(rendered)
            deferredPages = []
        } catch {
            return ("error: cannot write the search index or the map: \(error)", [])
        }

        let book = "\(folder.path)/.handbook-tmp-book-\(started)"
        defer { try? FileManager.default.removeItem(atPath: book) }
        let bookPaths = await Offload.runInBackground { () -> Result<[String], any Error> in
            Result {
                try FileManager.default.createDirectory(atPath: book, withIntermediateDirectories: false)
                return try served.writeBook(into: book)
            }
        }
        guard let bookPaths, started == generation, !Task.isCancelled else { return nil }
        do {
            written += try SiteBuilder.moveBook(try bookPaths.get(), from: book, into: folder.path)
        } catch {
            return ("error: cannot write the book's pages: \(error)", [])
        }
        deferredGeneration = started
        let seconds = (ContinuousClock.now - clock).seconds
        let searchWritten = written.filter { $0.hasPrefix("search/") }.count
        let others = written.filter { !$0.hasPrefix("search/") }
        return ("updated \(others.joined(separator: ", ")) and the search index (\(searchWritten) of \(searchFiles.count) files changed) in \(Self.duration(seconds))", others)
    }

    /// The articles (`topic/slug.md`) modified, when nothing else changed.
    private func articleEdits(_ changes: FileChanges, workspace: Workspace) -> [String]? {
        guard changes.added.isEmpty, changes.removed.isEmpty, !changes.modified.isEmpty else { return nil }
        var edited: [String] = []
        for path in changes.modified {
            guard path.hasPrefix(contentPrefix) else { return nil }
            let relative = String(path.dropFirst(contentPrefix.count))
            guard workspace.articlePaths.contains(relative) else { return nil }
            edited.append(relative)
        }
        return edited
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }

    // MARK: - Stages (run off the actor)

    enum FullBuildResult: Sendable {
        case built(Workspace, SiteBuilder, BuildSummary, seconds: Double, diagnostics: [Diagnostic])
        case failed([Diagnostic])
    }

    /// ``Handbook/load(_:timings:)``, then the whole site into a staging folder that replaces
    /// the output. The output is untouched when anything fails.
    static func fullBuild(sources: HandbookSources, folder: ServedFolder, serial: Int) -> FullBuildResult {
        let start = ContinuousClock.now
        let handbook = Handbook.load(sources)
        let diagnostics = handbook.diagnostics
        guard let builder = handbook.builder() else { return .failed(diagnostics) }
        let summary: BuildSummary
        do {
            summary = try write(builder, into: folder, serial: serial)
        } catch {
            return .failed([.error(folder.path, "cannot write the output: \(error)")])
        }
        let workspace = Workspace(handbook: handbook, articlePaths: sources.contentLoader.articlePaths(of: handbook.site))
        return .built(workspace, builder, summary, seconds: (ContinuousClock.now - start).seconds, diagnostics: diagnostics)
    }

    /// Writes the whole site into a staging folder and swaps it in for the served one.
    private static func write(_ builder: SiteBuilder, into folder: ServedFolder, serial: Int) throws -> BuildSummary {
        let output = OutputFolder(path: folder.path)
        let staging = try output.makeStagingFolder()
        do {
            var timings = StageTimings()
            let summary = try builder.write(into: staging, timings: &timings, recordingReads: true)
            let retired = try folder.swapping { try output.swapIn(staging, serial: serial) }
            if let retired {
                // Removing 10,000 pages takes a while: not before the reload.
                DispatchQueue.global(qos: .utility).async { output.discard(retired) }
            }
            return summary
        } catch {
            output.discard(staging)
            throw error
        }
    }

    enum IncrementalResult: Sendable {
        case built(Workspace, SiteBuilder, PartialBuildSummary, deferred: [PageJob], seconds: Double, warnings: [Diagnostic])
        case failed(Workspace, [Diagnostic])
        /// An article became a draft or stopped being one: pages appear or go.
        case needsFullBuild
    }

    /// Re-reads the `edited` articles, brings the graph up to date, and writes the pages that
    /// read something the edit changed (`served.reads`, what `served.builder`'s pages read)
    /// into the live output folder. The summary says what the pages rendered read.
    static func incrementalBuild(_ edited: [String], workspace: Workspace, served: (builder: SiteBuilder, reads: PageReads),
                                 sources: HandbookSources, output: String, printTimings: Bool) -> IncrementalResult {
        let start = ContinuousClock.now
        var timings = StageTimings()
        var workspace = workspace
        guard let site = timings.measure("markdown", { reread(edited, in: &workspace.handbook, sources: sources) }) else { return .needsFullBuild }
        timings.measure("graph") { workspace.handbook.update(site) }
        let changedFiles = Set(edited.map { "\(sources.content)/\($0)" })
        let diagnostics = workspace.handbook.diagnostics
        guard let builder = workspace.handbook.builder() else {
            // The edited files' errors first: they are most likely what to fix.
            let errors = diagnostics.filter { $0.severity == .error }
            return .failed(workspace, errors.filter { changedFiles.contains($0.file) } + errors.filter { !changedFiles.contains($0.file) })
        }
        let changes = timings.measure("compare") { builder.changes(since: served.builder, reads: served.reads) }
        let summary: PartialBuildSummary
        do {
            summary = try timings.measure("render and write") { try builder.write(changes, into: output) }
        } catch {
            return .failed(workspace, [.error(output, "cannot write the output: \(error)")])
        }
        if printTimings {
            for stage in timings.stages { Terminal.error("timing \(stage.name) \(String(format: "%.3f", stage.seconds))") }
        }
        return .built(workspace, builder, summary, deferred: changes.deferredPages, seconds: (ContinuousClock.now - start).seconds,
                      warnings: diagnostics.filter { changedFiles.contains($0.file) })
    }

    /// The site with the `edited` articles read again, and their problems in place of the old
    /// ones; nil when one became a draft or stopped being one. An article that no longer
    /// reads keeps its last good version, so its own errors are reported rather than every
    /// link to it.
    private static func reread(_ edited: [String], in handbook: inout LoadedHandbook, sources: HandbookSources) -> Site? {
        var site = handbook.site
        let loader = sources.contentLoader
        for relative in edited {
            let display = "\(sources.content)/\(relative)"
            let (article, diagnostics) = loader.reloadArticle(at: relative, in: site)
            let wasDraft = site.draftPaths.contains(relative)
            let isDraft = article.map { $0.draft && !sources.drafts } ?? wasDraft
            if wasDraft != isDraft { return nil }
            handbook.loadDiagnostics.removeAll { $0.file == display }
            handbook.loadDiagnostics += diagnostics
            guard let article, !isDraft else { continue }
            site.unloadedPaths.remove(relative)
            if let index = site.articles.firstIndex(where: { $0.id == article.id }) {
                site.articles[index] = article
            } else {
                // Back after an error: in id order, as the loader sorts them.
                let id = article.id
                site.articles.insert(article, at: site.articles.firstIndex { $0.id > id } ?? site.articles.endIndex)
            }
        }
        return site
    }
}

/// Runs blocking work on a Dispatch queue, so Swift's few cooperative threads stay free to
/// answer requests. When the waiting task is cancelled (the server is stopping), returns nil
/// at once and lets the work finish on its own.
enum Offload {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T? {
        await run(work) { job in
            DispatchQueue.global().async {
                yieldToRequests()
                job()
            }
        }
    }

    /// Like ``run(_:)``, on a thread of its own with a still lower priority, for work that
    /// should give way to rebuilds too.
    static func runInBackground<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T? {
        await run(work) { job in
            let thread = Thread {
                yieldToRequests(by: 15)
                job()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs `work` through `start`, which must call the job it is given once, elsewhere.
    private static func run<T: Sendable>(_ work: @escaping @Sendable () -> T,
                                         startingWith start: (@escaping @Sendable () -> Void) -> Void) async -> T? {
        let slot = ResumeOnce<T?>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                slot.set(continuation)
                start { slot.resume(work()) }
            }
        } onCancel: {
            slot.resume(nil)
        }
    }

    /// Lowers the scheduling priority of the calling thread (on Linux, where the nice value
    /// is per thread): a full rebuild of a large site keeps every core busy for seconds, and
    /// requests must still be answered at once. Dispatch threads run the rebuilds (they also
    /// run the rebuilds' parallel loops); the server's event loops and Swift's cooperative
    /// threads are others and keep their priority.
    static func yieldToRequests(by niceness: Int32 = 10) {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }
}

/// A continuation resumed by whichever comes first: the result or a cancellation.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?
    private var early: T?
    private var done = false

    func set(_ continuation: CheckedContinuation<T, Never>) {
        lock.lock()
        if done, let early {
            lock.unlock()
            continuation.resume(returning: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func resume(_ value: T) {
        lock.lock()
        guard !done else { return lock.unlock() }
        done = true
        guard let continuation else {
            early = value
            return lock.unlock()
        }
        self.continuation = nil
        lock.unlock()
        continuation.resume(returning: value)
    }
}

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
    /// The content as last read. Articles with errors are left out of `site` until fixed.
    struct Workspace: Sendable {
        var site: Site
        var theme: Theme
        var history: ContentHistory
        /// Article files (`topic/slug.md`) the loader reads: edits to them rebuild incrementally.
        var articlePaths: Set<String>
        /// Problems found while reading (config, listing, files); the graph's are found anew each time.
        var loadDiagnostics: [Diagnostic]
    }

    enum Outcome: Sendable {
        /// The output changed. `paths` are the output paths written, or `*` for all.
        case published(version: Int, paths: [String], message: String, warnings: [Diagnostic])
        /// The build failed; the output still holds the last good build.
        case failed(message: String, diagnostics: [Diagnostic])
    }

    let options: SiteOptions
    let folder: ServedFolder
    let printTimings: Bool

    private var workspace: Workspace?
    /// The build the output folder holds.
    private var served: SiteBuilder?
    /// Set until a full build succeeds, and after one fails.
    private var needsFullBuild = true
    /// Counts rebuilds started; a search index made for an older one is dropped.
    private var generation = 0
    private var searchIndexGeneration = -1

    init(options: SiteOptions, folder: ServedFolder, printTimings: Bool) {
        self.options = options
        self.folder = folder
        self.printTimings = printTimings
    }

    private var contentPrefix: String { options.content.hasSuffix("/") ? options.content : options.content + "/" }

    // MARK: - Rebuilding

    /// Builds everything into a staging folder and swaps it in.
    func buildAll(reason: String? = nil) async -> Outcome? {
        generation += 1
        let serial = generation
        let options = options
        let folder = folder
        guard let result = await Offload.run({ Self.fullBuild(options: options, folder: folder, serial: serial) }) else { return nil }
        switch result {
        case .failed(let diagnostics):
            needsFullBuild = true
            return .failed(message: "error: the build failed with \(diagnostics.countsDescription); serving the last good build", diagnostics: diagnostics)
        case .built(let workspace, let builder, let summary, let seconds, let diagnostics):
            self.workspace = workspace
            served = builder
            needsFullBuild = false
            searchIndexGeneration = generation
            let version = folder.publish()
            let what = reason.map { "rebuilt everything after a change to \($0)" } ?? "built"
            return .published(version: version, paths: ["*"], message: "\(what) in \(Self.duration(seconds)) (\(summary.pageCount) pages)", warnings: diagnostics)
        }
    }

    /// Rebuilds after `changes`: incrementally when only known articles were modified.
    func rebuild(after changes: FileChanges) async -> Outcome? {
        guard !needsFullBuild, let workspace, let served, let edited = articleEdits(changes, workspace: workspace) else {
            return await buildAll(reason: changes.all.first.map { changes.all.count > 1 ? "\($0) and \(changes.all.count - 1) more" : $0 })
        }
        generation += 1
        let options = options
        let output = folder.path
        let timings = printTimings
        guard let result = await Offload.run({
            Self.incrementalBuild(edited, workspace: workspace, served: served, options: options, output: output, printTimings: timings)
        }) else { return nil }
        let what = edited.joined(separator: ", ")
        switch result {
        case .needsFullBuild:
            return await buildAll(reason: what)
        case .failed(let workspace, let diagnostics):
            self.workspace = workspace
            return .failed(message: "error: \(what) broke the build (\(diagnostics.countsDescription)); serving the last good build", diagnostics: diagnostics)
        case .built(let workspace, let builder, let summary, let seconds, let warnings):
            self.workspace = workspace
            self.served = builder
            let version = folder.publish()
            let pages = summary.writtenPaths.filter { $0.hasSuffix(".html") }.count
            return .published(version: version, paths: summary.writtenPaths + summary.removedPaths,
                              message: "rebuilt \(what) in \(Self.duration(seconds)) (\(pages) page\(pages == 1 ? "" : "s"))", warnings: warnings)
        }
    }

    /// Writes the search index of the build being served, when it is not written yet. Built
    /// after the pages are reloaded: it covers every article and takes far longer than they do.
    func refreshSearchIndex() async -> String? {
        guard let served, searchIndexGeneration != generation else { return nil }
        let started = generation
        let clock = ContinuousClock.now
        guard let files = await Offload.run({ served.searchIndexFiles() }) else { return nil }
        // A rebuild started meanwhile: its own index comes next.
        guard started == generation, !Task.isCancelled else { return nil }
        do {
            // Written here, on the actor, so no rebuild starts halfway through.
            let written = try SiteBuilder.replaceChangedFiles(files, in: folder.path)
            searchIndexGeneration = started
            return "updated the search index in \(Self.duration((ContinuousClock.now - clock).seconds)) (\(written.count) of \(files.count) files changed)"
        } catch {
            return "error: cannot write the search index: \(error)"
        }
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

    /// `load`, `graph`, the theme, then the whole site into a staging folder that replaces
    /// the output. The output is untouched when anything fails.
    static func fullBuild(options: SiteOptions, folder: ServedFolder, serial: Int) -> FullBuildResult {
        let start = ContinuousClock.now
        var (config, diagnostics) = options.loadConfig()
        if diagnostics.hasErrors { config = SiteConfig() }
        let loader = ContentLoader(contentDirectory: options.content, displayName: options.content, includeDrafts: options.drafts)
        let (site, loadDiagnostics) = loader.load(config: config)
        diagnostics += loadDiagnostics
        let (graph, graphDiagnostics) = KnowledgeGraph.build(site)
        var theme: Theme?
        var themeDiagnostics: [Diagnostic] = []
        do {
            theme = try Theme.load(from: options.theme)
        } catch {
            themeDiagnostics = error.diagnostics
        }
        let all = (diagnostics + graphDiagnostics + themeDiagnostics).sorted()
        guard let theme, !all.hasErrors else { return .failed(all) }

        let history = ContentHistory.fromGit(contentDirectory: options.content)
        let builder = SiteBuilder(site: site, graph: graph, theme: theme, history: history)
        let output = OutputFolder(path: folder.path)
        let summary: BuildSummary
        do {
            let staging = try output.makeStagingFolder()
            do {
                var timings = StageTimings()
                summary = try builder.write(into: staging, timings: &timings)
                let retired = try folder.swapping { try output.swapIn(staging, serial: serial) }
                if let retired {
                    DispatchQueue.global(qos: .utility).async { try? FileManager.default.removeItem(atPath: retired) }
                }
            } catch {
                output.discard(staging)
                throw error
            }
        } catch {
            return .failed([.error(folder.path, "cannot write the output: \(error)")])
        }
        let workspace = Workspace(site: site, theme: theme, history: history, articlePaths: loader.articlePaths(of: site),
                                  loadDiagnostics: diagnostics)
        return .built(workspace, builder, summary, seconds: (ContinuousClock.now - start).seconds, diagnostics: all)
    }

    enum IncrementalResult: Sendable {
        case built(Workspace, SiteBuilder, PartialBuildSummary, seconds: Double, warnings: [Diagnostic])
        case failed(Workspace, [Diagnostic])
        /// An article became a draft or stopped being one: pages appear or go.
        case needsFullBuild
    }

    /// Re-reads the `edited` articles, rebuilds the graph, and writes the pages whose output
    /// differs from `served` into the live output folder.
    static func incrementalBuild(_ edited: [String], workspace: Workspace, served: SiteBuilder, options: SiteOptions,
                                 output: String, printTimings: Bool) -> IncrementalResult {
        let start = ContinuousClock.now
        var timings = StageTimings()
        var workspace = workspace
        let loader = ContentLoader(contentDirectory: options.content, displayName: options.content, includeDrafts: options.drafts)
        var changedFiles = Set<String>()
        for relative in edited {
            let display = "\(options.content)/\(relative)"
            changedFiles.insert(display)
            let (article, diagnostics) = timings.measure("markdown") { loader.reloadArticle(at: relative, in: workspace.site) }
            let wasDraft = workspace.site.draftPaths.contains(relative)
            let isDraft = article.map { $0.draft && !options.drafts } ?? wasDraft
            if wasDraft != isDraft { return .needsFullBuild }
            workspace.loadDiagnostics.removeAll { $0.file == display }
            workspace.loadDiagnostics += diagnostics
            let id = String(relative.dropLast(3))
            workspace.site.articles.removeAll { $0.id == id }
            if let article, !isDraft {
                let index = workspace.site.articles.firstIndex { $0.id > id } ?? workspace.site.articles.endIndex
                workspace.site.articles.insert(article, at: index)
            }
        }
        let (graph, graphDiagnostics) = timings.measure("graph") { KnowledgeGraph.build(workspace.site) }
        let diagnostics = (workspace.loadDiagnostics + graphDiagnostics).sorted()
        if diagnostics.hasErrors { return .failed(workspace, diagnostics.filter { $0.severity == .error }) }

        let builder = SiteBuilder(site: workspace.site, graph: graph, theme: workspace.theme, history: workspace.history)
        let changes = timings.measure("compare") { builder.changes(since: served) }
        let summary: PartialBuildSummary
        do {
            summary = try timings.measure("render and write") { try builder.write(changes, into: output) }
        } catch {
            return .failed(workspace, [.error(output, "cannot write the output: \(error)")])
        }
        if printTimings {
            for stage in timings.stages { Terminal.error("timing \(stage.name) \(String(format: "%.3f", stage.seconds))") }
        }
        return .built(workspace, builder, summary, seconds: (ContinuousClock.now - start).seconds,
                      warnings: diagnostics.filter { changedFiles.contains($0.file) })
    }
}

/// Runs blocking work on a Dispatch queue, so Swift's few cooperative threads stay free to
/// answer requests. When the waiting task is cancelled (the server is stopping), returns nil
/// at once and lets the work finish on its own.
enum Offload {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T? {
        let slot = ResumeOnce<T?>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                slot.set(continuation)
                DispatchQueue.global().async { slot.resume(work()) }
            }
        } onCancel: {
            slot.resume(nil)
        }
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

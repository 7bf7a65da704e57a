import Foundation
import KnowledgeBase
import SearchIndex

/// The pages an edit changes: found by comparing the build before the edit with the build
/// after it, so `serve` renders a handful of pages instead of the whole site.
public struct PageChanges: Sendable {
    /// Pages to render again, in output path order.
    public var pages: [PageJob]
    /// Output paths of pages that are gone: a removed article, a tag no article uses any more.
    public var removedPaths: [String]
    /// Whether any article changed, so the feeds and the search index need writing too.
    public var articlesChanged: Bool

    public var isEmpty: Bool { pages.isEmpty && removedPaths.isEmpty && !articlesChanged }
}

/// A file of the output other than a page: a feed, a search index file.
public struct OutputFile: Sendable, Hashable {
    /// Relative to the output root.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What ``SiteBuilder/write(_:into:)`` did.
public struct PartialBuildSummary: Sendable {
    /// How many pages were rendered.
    public var renderedPages: Int
    /// Output paths of the files whose bytes changed and were replaced, sorted.
    public var writtenPaths: [String]
    /// Output paths removed.
    public var removedPaths: [String]
}

extension SiteBuilder {
    /// The pages whose output may differ between `previous` and this build.
    ///
    /// Both builds must use the same theme templates (after a theme edit, build everything).
    /// When the config, the topics, the tag vocabulary, the start page or the theme's assets
    /// differ, every page is listed. Otherwise a page is listed when something it shows
    /// changed:
    /// - an article page: its own article, its related articles, backlinks, links, previous
    ///   and next (as ids, or the title or summary shown for them), the count of one of its
    ///   tags, its sidebar (the window of its topic's articles) or its history date;
    /// - a topic or tag page: the list of its articles, or the title or summary of one of them;
    /// - the start page: the reading order, a topic's list, a title, or the number of tags used;
    /// - the tag index: a tag's count; the map: the reading order, a title or any link.
    public func changes(since previous: SiteBuilder) -> PageChanges {
        let old = PageFactory(site: previous.site, graph: previous.graph, theme: previous.theme, history: previous.history)
        let new = PageFactory(site: site, graph: graph, theme: theme, history: history)
        let oldJobs = old.jobs
        let newJobs = new.jobs
        let removed = Set(oldJobs).subtracting(newJobs).map(old.outputPath(of:)).sorted()

        let siteWide = previous.site.config != site.config || previous.site.topics != site.topics
            || previous.site.home != site.home || previous.site.tags.tags != site.tags.tags
            || previous.theme.assetPaths != theme.assetPaths
        if siteWide {
            return PageChanges(pages: new.sorted(newJobs), removedPaths: removed, articlesChanged: true)
        }

        let difference = ArticleDifference(old: old, new: new, historyChanged: previous.history.commitDates != history.commitDates)
        guard !difference.changed.isEmpty else {
            return PageChanges(pages: [], removedPaths: removed, articlesChanged: false)
        }
        var pages = Set<PageJob>()
        let oldGraph = previous.graph
        let newGraph = graph

        let orderChanged = oldGraph.readingPath != newGraph.readingPath
        let changedTopicLists = Set(site.topics.map(\.slug).filter { oldGraph.articlesByTopic[$0] != newGraph.articlesByTopic[$0] })
        let tagSlugs = Set(oldGraph.articlesByTag.keys).union(newGraph.articlesByTag.keys)
        let changedTagLists = Set(tagSlugs.filter { oldGraph.articlesByTag[$0] != newGraph.articlesByTag[$0] })
        let changedTagCounts = Set(changedTagLists.filter { oldGraph.articlesByTag[$0]?.count != newGraph.articlesByTag[$0]?.count })
        // Topics whose sidebar may show something else: another order, or a changed title.
        var sidebarTopics = changedTopicLists
        for id in difference.titleChanged {
            if let topic = old.articlesByID[id]?.topic { sidebarTopics.insert(topic) }
            if let topic = new.articlesByID[id]?.topic { sidebarTopics.insert(topic) }
        }

        var linksChanged = false
        for id in newGraph.readingPath {
            let links = ArticleLinks(id: id, old: oldGraph, new: newGraph)
            if links.outgoingChanged { linksChanged = true }
            if difference.changed.contains(id) || links.differ(titleChanged: difference.titleChanged, cardChanged: difference.cardChanged)
                || newGraph.neighbourOrderMayDiffer(id, from: oldGraph, moved: orderChanged ? difference.changed : [])
                || new.articlesByID[id]!.tags.contains(where: changedTagCounts.contains)
                || (sidebarTopics.contains(new.articlesByID[id]!.topic)
                    && old.navigation(currentTopic: new.articlesByID[id]!.topic, currentArticle: id)
                    != new.navigation(currentTopic: new.articlesByID[id]!.topic, currentArticle: id)) {
                pages.insert(.article(id))
            }
        }

        for topic in site.topics.map(\.slug)
        where changedTopicLists.contains(topic) || (newGraph.articlesByTopic[topic] ?? []).contains(where: difference.cardChanged.contains) {
            pages.insert(.topic(topic))
        }
        for job in newJobs {
            guard case .tag(let slug) = job else { continue }
            if changedTagLists.contains(slug) || (newGraph.articlesByTag[slug] ?? []).contains(where: difference.cardChanged.contains) {
                pages.insert(job)
            }
        }
        if orderChanged || !changedTopicLists.isEmpty || !difference.titleChanged.isEmpty || !changedTagCounts.isEmpty {
            pages.insert(.home)
        }
        if !changedTagCounts.isEmpty { pages.insert(.tagIndex) }
        if orderChanged || linksChanged || !difference.titleChanged.isEmpty { pages.insert(.map) }
        return PageChanges(pages: new.sorted(Array(pages)), removedPaths: removed, articlesChanged: true)
    }

    /// Renders the pages of `changes` and replaces those whose bytes differ in `folder`, the
    /// live output: each file is written beside its final name and renamed over it, so a
    /// reader gets the old file or the new one, never part of one. Also rewrites the feeds
    /// when articles changed and removes the pages that are gone. The search index is left
    /// to ``searchIndexFiles()``, which costs far more than a few pages.
    public func write(_ changes: PageChanges, into folder: String) throws -> PartialBuildSummary {
        let factory = PageFactory(site: site, graph: graph, theme: theme, history: history)
        var written: [String] = []
        for start in stride(from: 0, to: changes.pages.count, by: Self.batchSize) {
            let batch = Array(changes.pages[start..<min(start + Self.batchSize, changes.pages.count)])
            let files = batch.parallelMap { job in
                OutputFile(path: factory.outputPath(of: job), bytes: Array(factory.render(job).utf8))
            }
            written += try Self.replaceChangedFiles(files, in: folder)
        }
        if changes.articlesChanged {
            let feeds = Feeds.files(site: site, graph: graph, history: history).map { OutputFile(path: $0.0, bytes: Array($0.1.utf8)) }
            written += try Self.replaceChangedFiles(feeds, in: folder)
        }
        written.sort()
        let writer = LiveFolderWriter(root: folder)
        for path in changes.removedPaths { try writer.remove(path) }
        return PartialBuildSummary(renderedPages: changes.pages.count, writtenPaths: written, removedPaths: changes.removedPaths)
    }

    /// The search index of this build, as `write(into:timings:)` writes it.
    public func searchIndexFiles() -> [OutputFile] {
        SearchIndexBuilder().build(SearchDocuments.make(site: site, graph: graph)).map {
            OutputFile(path: $0.path, bytes: Array($0.contents.utf8))
        }
    }

    /// Replaces the files of `folder` whose bytes differ from `files`, each atomically (see
    /// ``write(_:into:)``). Returns the paths written, sorted.
    public static func replaceChangedFiles(_ files: [OutputFile], in folder: String) throws -> [String] {
        let writer = LiveFolderWriter(root: folder)
        let results = files.parallelMap { file -> Result<String?, BuildError> in
            do {
                return .success(try writer.replace(file.path, with: file.bytes) ? file.path : nil)
            } catch let error as BuildError {
                return .failure(error)
            } catch {
                return .failure(.write("\(file.path): \(error)"))
            }
        }
        var written: [String] = []
        for result in results {
            switch result {
            case .success(let path): if let path { written.append(path) }
            case .failure(let error): throw error
            }
        }
        return written.sorted()
    }
}

extension PageFactory {
    /// In output path order, so what is written does not depend on hashing.
    func sorted(_ jobs: [PageJob]) -> [PageJob] {
        jobs.map { (outputPath(of: $0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// Which articles differ between two builds, and whether what other pages show of them
/// (the title in links, the title and summary on cards) changed.
struct ArticleDifference {
    /// Added, removed or edited articles.
    var changed: Set<String> = []
    /// Articles whose title changed, or that were added or removed.
    var titleChanged: Set<String> = []
    /// Articles whose title or summary changed, or that were added or removed.
    var cardChanged: Set<String> = []

    init(old: PageFactory, new: PageFactory, historyChanged: Bool) {
        for (id, article) in new.articlesByID {
            guard let before = old.articlesByID[id] else {
                insert(id, title: true, card: true)
                continue
            }
            if before != article || (historyChanged && old.history.lastChanged(before) != new.history.lastChanged(article)) {
                insert(id, title: before.title != article.title, card: before.title != article.title || before.summary != article.summary)
            }
        }
        for id in old.articlesByID.keys where new.articlesByID[id] == nil {
            insert(id, title: true, card: true)
        }
    }

    private mutating func insert(_ id: String, title: Bool, card: Bool) {
        changed.insert(id)
        if title { titleChanged.insert(id) }
        if card { cardChanged.insert(id) }
    }
}

/// What an article page shows of the graph, before and after.
struct ArticleLinks {
    let id: String
    let old: KnowledgeGraph
    let new: KnowledgeGraph

    var outgoingChanged: Bool { old.outgoing[id] != new.outgoing[id] }

    /// Whether the related articles, backlinks, links, previous or next differ, as ids or in
    /// what the page shows of them.
    func differ(titleChanged: Set<String>, cardChanged: Set<String>) -> Bool {
        let oldRelated = old.related[id] ?? []
        let newRelated = new.related[id] ?? []
        if !oldRelated.map(\.id).elementsEqual(newRelated.map(\.id)) { return true }
        if newRelated.contains(where: { cardChanged.contains($0.id) }) { return true }
        let newBacklinks = new.backlinks[id] ?? []
        if (old.backlinks[id] ?? []) != newBacklinks || newBacklinks.contains(where: { titleChanged.contains($0.source) }) { return true }
        if outgoingChanged || (new.outgoing[id] ?? []).contains(where: titleChanged.contains) { return true }
        let previous = new.previous(of: id)
        let next = new.next(of: id)
        if old.previous(of: id) != previous || old.next(of: id) != next { return true }
        return [previous, next].contains { $0.map(titleChanged.contains) ?? false }
    }
}

extension KnowledgeGraph {
    /// Whether the "one link away" list of `id` may be in another order than in `old`: it is
    /// sorted by reading order, which changes only for the articles in `moved`.
    func neighbourOrderMayDiffer(_ id: String, from old: KnowledgeGraph, moved: Set<String>) -> Bool {
        guard !moved.isEmpty else { return false }
        let linked = (outgoing[id] ?? []).contains(where: moved.contains) || (backlinks[id] ?? []).contains { moved.contains($0.source) }
        return linked && neighbours(of: id) != old.neighbours(of: id)
    }
}

/// Writes into the folder being served. Every file goes to a hidden temporary name in its
/// folder first and is renamed over the old one (an atomic replace on POSIX file systems).
struct LiveFolderWriter: Sendable {
    let root: String
    static let temporaryPrefix = ".handbook-tmp-"

    /// Replaces the file unless it already has these bytes. Returns whether it wrote.
    func replace(_ relativePath: String, with bytes: [UInt8]) throws -> Bool {
        let full = "\(root)/\(relativePath)"
        if let existing = FileManager.default.contents(atPath: full), existing.count == bytes.count,
           bytes.isEmpty || existing.withUnsafeBytes({ old in bytes.withUnsafeBytes { memcmp(old.baseAddress!, $0.baseAddress!, bytes.count) == 0 } }) {
            return false
        }
        let folder = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = "\(folder)/\(Self.temporaryPrefix)\(UUID().uuidString)"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BuildError.write("\(relativePath): \(String(cString: strerror(errno)))") }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 {
                let problem = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw BuildError.write("\(relativePath): \(problem)")
            }
            offset += count
        }
        close(descriptor)
        guard rename(temporary, full) == 0 else {
            let problem = String(cString: strerror(errno))
            unlink(temporary)
            throw BuildError.write("\(relativePath): \(problem)")
        }
        return true
    }

    func remove(_ relativePath: String) throws {
        if unlink("\(root)/\(relativePath)") != 0 && errno != ENOENT {
            throw BuildError.write("\(relativePath): \(String(cString: strerror(errno)))")
        }
    }
}

import Foundation
import KnowledgeBase
import SearchIndex
import Parallel

/// The pages an edit changes: found by comparing the build before the edit with the build
/// after it, so `serve` renders a handful of pages instead of the whole site.
public struct PageChanges: Sendable {
    /// Pages to render again, in output path order.
    public var pages: [PageJob]
    /// Pages to render again that show every article (the map): on a large site each takes
    /// as long as hundreds of others, so a server can write them after the rest (see
    /// ``render(_:)``).
    public var deferredPages: [PageJob] = []
    /// Output paths of pages that are gone: a removed article, a tag no article uses any more.
    public var removedPaths: [String]
    /// Whether any article changed, so the feeds, the search index and the book page need
    /// writing too.
    public var articlesChanged: Bool

    public var isEmpty: Bool { pages.isEmpty && deferredPages.isEmpty && removedPaths.isEmpty && !articlesChanged }

    /// The factory that found the changes, reused to render them.
    var factory: PageFactory?
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
    /// - the tag index: a tag's count; the map (deferred): the reading order, a title or any link.
    public func changes(since previous: SiteBuilder) -> PageChanges {
        // Making a factory indexes every article: the previous build's only when needed.
        let new = PageFactory(site: site, graph: graph, theme: theme, history: history)
        let siteWide = previous.site.config != site.config || previous.site.topics != site.topics
            || previous.site.home != site.home || previous.site.tags.tags != site.tags.tags
            || previous.theme.assetPaths != theme.assetPaths
        if siteWide { return everyPage(since: previous, factory: new) }

        let difference = ArticleDifference(old: previous, new: self)
        guard !difference.changed.isEmpty else { return PageChanges(pages: [], removedPaths: [], articlesChanged: false, factory: new) }
        let oldGraph = previous.graph
        let newGraph = graph
        // Pages that are gone: removed articles, tags no article uses any more.
        var removed = difference.changed.filter { new.articlesByID[$0] == nil }.map { PageJob.article($0).outputPath }
        removed += oldGraph.articlesByTag.keys.filter { newGraph.articlesByTag[$0] == nil }.map { PageJob.tag($0).outputPath }

        let orderChanged = oldGraph.readingPath != newGraph.readingPath
        let changedTopicLists = Set(site.topics.map(\.slug).filter { oldGraph.articlesByTopic[$0] != newGraph.articlesByTopic[$0] })
        let tagSlugs = Set(oldGraph.articlesByTag.keys).union(newGraph.articlesByTag.keys)
        let changedTagLists = Set(tagSlugs.filter { oldGraph.articlesByTag[$0] != newGraph.articlesByTag[$0] })
        let changedTagCounts = Set(changedTagLists.filter { oldGraph.articlesByTag[$0]?.count != newGraph.articlesByTag[$0]?.count })
        // Articles showing a tag whose count changed.
        let recounted = Set(changedTagCounts.flatMap { newGraph.articlesByTag[$0] ?? [] })
        let topicOfSidebar = Self.sidebarsToCompare(changedLists: changedTopicLists, old: oldGraph, new: newGraph, titleChanged: difference.titleChanged)
        let old = topicOfSidebar.isEmpty ? new
            : PageFactory(site: previous.site, graph: previous.graph, theme: previous.theme, history: previous.history)

        var pages = Set<PageJob>()
        var linksChanged = false
        for id in newGraph.readingPath {
            let links = ArticleLinks(id: id, old: oldGraph, new: newGraph)
            let outgoingChanged = links.outgoingChanged
            if outgoingChanged { linksChanged = true }
            if difference.changed.contains(id) || recounted.contains(id) || outgoingChanged
                || links.differ(orderChanged: orderChanged, titleChanged: difference.titleChanged, cardChanged: difference.cardChanged)
                || (orderChanged && newGraph.neighbourOrderMayDiffer(id, from: oldGraph, moved: difference.changed))
                || topicOfSidebar[id].map({ old.navigation(currentTopic: $0, currentArticle: id, root: "") != new.navigation(currentTopic: $0, currentArticle: id, root: "") }) == true {
                pages.insert(.article(id))
            }
        }

        for topic in site.topics.map(\.slug)
        where changedTopicLists.contains(topic) || (newGraph.articlesByTopic[topic] ?? []).contains(where: difference.cardChanged.contains) {
            pages.insert(.topic(topic))
        }
        for tag in newGraph.articlesByTag.keys
        where changedTagLists.contains(tag) || (newGraph.articlesByTag[tag] ?? []).contains(where: difference.cardChanged.contains) {
            if site.tags[tag] != nil { pages.insert(.tag(tag)) }
        }
        if orderChanged || !changedTopicLists.isEmpty || !difference.titleChanged.isEmpty || !changedTagCounts.isEmpty {
            pages.insert(.home)
        }
        if !changedTagCounts.isEmpty { pages.insert(.tagIndex) }
        let deferred: [PageJob] = orderChanged || linksChanged || !difference.titleChanged.isEmpty ? [.map] : []
        return PageChanges(pages: new.sorted(Array(pages)), deferredPages: deferred, removedPaths: removed.sorted(), articlesChanged: true, factory: new)
    }

    /// Every page, after a change that may touch them all; those that are gone are removed.
    private func everyPage(since previous: SiteBuilder, factory new: PageFactory) -> PageChanges {
        let old = PageFactory(site: previous.site, graph: previous.graph, theme: previous.theme, history: previous.history)
        let newJobs = new.jobs.filter { !$0.isStreamed }
        let removed = Set(old.jobs).subtracting(newJobs).filter { !$0.isStreamed }.map(\.outputPath).sorted()
        return PageChanges(pages: new.sorted(newJobs), removedPaths: removed, articlesChanged: true, factory: new)
    }

    /// The articles whose sidebar may show something else, with their topic: in the topics
    /// whose list of articles or one of whose titles changed. A sidebar shows a window of its
    /// topic's list around the current article: only those within a window of where the list
    /// changed can differ.
    private static func sidebarsToCompare(changedLists: Set<String>, old: KnowledgeGraph, new: KnowledgeGraph,
                                          titleChanged: Set<String>) -> [String: String] {
        // Ids are `topic/slug`.
        let topics = changedLists.union(titleChanged.map { String($0.prefix { $0 != "/" }) })
        var topicOfSidebar: [String: String] = [:]
        for topic in topics {
            let before = old.articlesByTopic[topic] ?? []
            let after = new.articlesByTopic[topic] ?? []
            // A new count changes every sidebar's "more" line.
            let changedPositions = before.count != after.count ? Array(after.indices)
                : after.indices.filter { before[$0] != after[$0] || titleChanged.contains(after[$0]) }
            guard let first = changedPositions.first, let last = changedPositions.last else { continue }
            let window = PageFactory.navigationWindow
            for id in after[max(0, first - window)..<min(after.count, last + window + 1)] { topicOfSidebar[id] = topic }
        }
        return topicOfSidebar
    }

    /// Renders `pages`, for ``replaceChangedFiles(_:in:)``.
    public func render(_ pages: [PageJob]) -> [OutputFile] {
        let factory = PageFactory(site: site, graph: graph, theme: theme, history: history)
        return pages.parallelMap { OutputFile(path: $0.outputPath, bytes: Array(factory.render($0).utf8)) }
    }

    private func write(_ pages: [PageJob], with factory: PageFactory, into folder: String) throws -> [String] {
        var written: [String] = []
        for start in stride(from: 0, to: pages.count, by: Self.batchSize) {
            let batch = Array(pages[start..<min(start + Self.batchSize, pages.count)])
            let files = batch.parallelMap { job in
                OutputFile(path: job.outputPath, bytes: Array(factory.render(job).utf8))
            }
            written += try Self.replaceChangedFiles(files, in: folder)
        }
        return written.sorted()
    }

    /// Renders the pages of `changes` and replaces those whose bytes differ in `folder`, the
    /// live output: each file is written beside its final name and renamed over it, so a
    /// reader gets the old file or the new one, never part of one. Also rewrites the feeds
    /// when articles changed and removes the pages that are gone. What covers every article
    /// costs far more than a few pages and is left to the caller: the deferred pages
    /// (``render(_:)``), the search index (``searchIndexFiles()``) and the book page
    /// (``writeBook(into:)``).
    public func write(_ changes: PageChanges, into folder: String) throws -> PartialBuildSummary {
        let factory = changes.factory ?? PageFactory(site: site, graph: graph, theme: theme, history: history)
        var written = try write(changes.pages, with: factory, into: folder)
        if changes.articlesChanged {
            let feeds = Feeds.files(site: site, graph: graph, history: history).map { OutputFile(path: $0.0, bytes: Array($0.1.utf8)) }
            written += try Self.replaceChangedFiles(feeds, in: folder)
        }
        written.sort()
        let writer = LiveFolderWriter(root: folder)
        for path in changes.removedPaths {
            try writer.remove(path)
            // An article's Markdown goes with its page.
            if !path.hasPrefix("tags/") { try writer.remove(PlainTextFiles.markdownPath(forPage: path)) }
        }
        return PartialBuildSummary(renderedPages: changes.pages.count, writtenPaths: written, removedPaths: changes.removedPaths)
    }

    /// Output path of the page with the whole handbook.
    public static var bookPath: String { BookPage.path }

    /// Writes the whole handbook on one page (``bookPath``) into `folder`, streamed: use a
    /// folder that is not served, then move the file into place.
    public func writeBook(into folder: String) throws {
        let factory = PageFactory(site: site, graph: graph, theme: theme, history: history)
        var chapters: EPUBChapters?
        _ = try BookPage(factory: factory).write(with: FileWriter(root: folder), chapters: &chapters)
    }

    /// The search index of this build, as `write(into:timings:)` writes it.
    public func searchIndexFiles() -> [OutputFile] {
        SearchDocuments.indexBuilder(site: site).build(SearchDocuments.make(site: site, graph: graph)).map {
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
        jobs.map { ($0.outputPath, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
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

    init(old: SiteBuilder, new: SiteBuilder) {
        let historyChanged = old.history.commitDates != new.history.commitDates
        func compare(_ before: Article, _ after: Article) {
            if before != after || (historyChanged && old.history.lastChanged(before) != new.history.lastChanged(after)) {
                insert(after.id, title: before.title != after.title, card: before.title != after.title || before.summary != after.summary)
            }
        }
        let (oldArticles, newArticles) = (old.site.articles, new.site.articles)
        // Usually the same articles, in the same order (by id): compare them pairwise.
        if oldArticles.count == newArticles.count,
           zip(oldArticles, newArticles).allSatisfy({ $0.slug == $1.slug && $0.topic == $1.topic }) {
            for (before, after) in zip(oldArticles, newArticles) { compare(before, after) }
            return
        }
        let oldByID = Dictionary(uniqueKeysWithValues: oldArticles.map { ($0.id, $0) })
        let newIDs = Set(newArticles.map(\.id))
        for article in newArticles {
            if let before = oldByID[article.id] { compare(before, article) } else { insert(article.id, title: true, card: true) }
        }
        for id in oldByID.keys where !newIDs.contains(id) { insert(id, title: true, card: true) }
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
    /// what the page shows of them. Arrays that were not rebuilt compare by identity, at once.
    func differ(orderChanged: Bool, titleChanged: Set<String>, cardChanged: Set<String>) -> Bool {
        let newRelated = new.related[id] ?? []
        if let oldRelated = old.related[id], oldRelated != newRelated, !oldRelated.elementsEqual(newRelated, by: { $0.id == $1.id }) { return true }
        if old.related[id] == nil && !newRelated.isEmpty { return true }
        if !cardChanged.isEmpty && newRelated.contains(where: { cardChanged.contains($0.id) }) { return true }
        let newBacklinks = new.backlinks[id]
        if old.backlinks[id] != newBacklinks { return true }
        guard orderChanged || !titleChanged.isEmpty else { return false }
        if (newBacklinks ?? []).contains(where: { titleChanged.contains($0.source) }) { return true }
        if (new.outgoing[id] ?? []).contains(where: titleChanged.contains) { return true }
        let previous = new.previous(of: id)
        let next = new.next(of: id)
        if orderChanged && (old.previous(of: id) != previous || old.next(of: id) != next) { return true }
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

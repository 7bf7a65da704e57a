import Foundation
import KnowledgeBase
import SearchIndex
import Parallel

/// The pages an edit changes: found by comparing the build before the edit with the build
/// after it, so `serve` renders a handful of pages instead of the whole site.
public struct PageChanges: Sendable {
    /// Pages to render again, in output path order.
    public var pages: [PageJob]
    /// Pages to render again that show every article (``PageJob/isDeferred``): on a large
    /// site each takes as long as hundreds of others, so a server can write them after the
    /// rest (see ``render(_:)``).
    public var deferredPages: [PageJob] = []
    /// Output paths of pages that are gone: a removed article, a tag no article uses any more.
    public var removedPaths: [String]
    /// Whether any article changed, so the feeds, the search index and the book page need
    /// writing too.
    public var articlesChanged: Bool

    public var isEmpty: Bool { pages.isEmpty && deferredPages.isEmpty && removedPaths.isEmpty && !articlesChanged }

    /// The pages that are gone.
    var removedPages: [PageJob] = []
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
    /// What each page rendered read, and the pages gone, for ``PageReads``.
    var reads: [(PageJob, [ReadKey])] = []
    var removedPages: [PageJob] = []
}

extension SiteBuilder {
    /// The pages whose output may differ between `previous` and this build: the pages that
    /// read (``PageReads``, recorded when `previous`'s pages were rendered) a key whose value
    /// differs between the two builds, the pages added, and the pages gone. A page whose
    /// reads are unknown is listed too.
    ///
    /// Both builds must use the same theme templates (after a theme edit, build everything).
    public func changes(since previous: SiteBuilder, reads: PageReads) -> PageChanges {
        let new = PageFactory(site: site, graph: graph, theme: theme, history: history)
        let comparison = ReadComparison(old: previous, new: self)
        guard comparison.anythingChanged else { return PageChanges(pages: [], removedPaths: [], articlesChanged: false, factory: new) }
        let newJobs = new.jobs
        var pages: Set<PageJob>
        var removed: Set<PageJob> = []
        if let keys = comparison.articleKeys {
            // The same pages as before the edit: those that read what it changed, and any whose
            // reads are unknown. The pages recorded are pages of the site (a page gone is
            // forgotten), so when there are as many as the site has, none is unknown.
            pages = reads.pages(readingAny: keys)
            if reads.pageCount < newJobs.count {
                for job in newJobs where reads.keys(of: job) == nil { pages.insert(job) }
            }
        } else {
            let current = Set(newJobs)
            removed = Set(PageJob.all(site: previous.site, graph: previous.graph)).subtracting(current)
            if comparison.siteWideChanged {
                // Every page reads the site-wide key.
                pages = current
            } else {
                pages = reads.pages(reading: comparison.changed).intersection(current)
                for job in newJobs where reads.keys(of: job) == nil { pages.insert(job) }
            }
        }
        let sorted = new.sorted(Array(pages))
        return PageChanges(pages: sorted.filter { !$0.isDeferred }, deferredPages: sorted.filter(\.isDeferred),
                           removedPaths: removed.map(\.outputPath).sorted(), articlesChanged: true,
                           removedPages: Array(removed), factory: new)
    }

    /// Renders `pages`, recording what each read, for ``replaceChangedFiles(_:in:)`` and
    /// ``PageReads/record(_:)``.
    public func render(_ pages: [PageJob]) -> RenderedPages {
        render(pages, with: PageFactory(site: site, graph: graph, theme: theme, history: history))
    }

    private func render(_ pages: [PageJob], with factory: PageFactory) -> RenderedPages {
        let rendered = pages.parallelMap { factory.renderRecording($0) }
        return RenderedPages(files: zip(pages, rendered).map { OutputFile(path: $0.outputPath, bytes: Array($1.html.utf8)) },
                             reads: zip(pages, rendered).map { ($0, $1.reads) })
    }

    private func write(_ pages: [PageJob], with factory: PageFactory, into folder: String) throws -> (written: [String], reads: [(PageJob, [ReadKey])]) {
        var written: [String] = []
        var reads: [(PageJob, [ReadKey])] = []
        for batch in PageJob.batches(pages, graph: graph) {
            let rendered = render(Array(batch), with: factory)
            written += try Self.replaceChangedFiles(rendered.files, in: folder)
            reads += rendered.reads
        }
        return (written.sorted(), reads)
    }

    /// Renders the pages of `changes` and replaces those whose bytes differ in `folder`, the
    /// live output: each file is written beside its final name and renamed over it, so a
    /// reader gets the old file or the new one, never part of one. Also rewrites the feeds
    /// when articles changed and removes the pages that are gone; the summary says what the
    /// rendered pages read, for ``PageReads``. What covers every article costs far more than
    /// a few pages and is left to the caller: the deferred pages (``render(_:)``), the search
    /// index (``searchIndexFiles()``) and the book's pages (``writeBook(into:)``).
    public func write(_ changes: PageChanges, into folder: String) throws -> PartialBuildSummary {
        let factory = changes.factory ?? PageFactory(site: site, graph: graph, theme: theme, history: history)
        let rendered = try write(changes.pages, with: factory, into: folder)
        var written = rendered.written
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
        return PartialBuildSummary(renderedPages: changes.pages.count, writtenPaths: written, removedPaths: changes.removedPaths,
                                   reads: rendered.reads, removedPages: changes.removedPages)
    }

    /// The folder of the book's pages, one per topic (`book/practices.html`).
    public static var bookFolder: String { BookPage.folder }

    /// Writes the book's page of each topic into `folder`, streamed: use a folder that is not
    /// served, then move the files into place. Returns their paths, from `folder`.
    public func writeBook(into folder: String) throws -> [String] {
        let factory = PageFactory(site: site, graph: graph, theme: theme, history: history)
        var epub: EPUBDocuments?
        return try BookPage(factory: factory).write(with: FileWriter(root: folder), epub: &epub).paths
    }

    /// Moves the book's pages at `paths` (as ``writeBook(into:)`` returned them) from the
    /// folder `written` into `folder`, each that differs replacing its older version at once,
    /// and removes the pages of topics that are gone. Returns the paths replaced and removed:
    /// after an edit, the pages of the edited article's topic.
    public static func moveBook(_ paths: [String], from written: String, into folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: "\(folder)/\(BookPage.folder)", withIntermediateDirectories: true)
        var replaced: [String] = []
        for path in paths {
            let (new, old) = ("\(written)/\(path)", "\(folder)/\(path)")
            if let existing = FileManager.default.contents(atPath: old), existing == FileManager.default.contents(atPath: new) { continue }
            guard rename(new, old) == 0 else { throw BuildError.write("\(path): \(String(cString: strerror(errno)))") }
            replaced.append(path)
        }
        return try replaced + removeFiles(in: BookPage.folder, of: folder, keeping: Set(paths))
    }

    /// The search index of this build, as `write(into:timings:)` writes it.
    public func searchIndexFiles() -> [OutputFile] {
        SearchDocuments.indexBuilder(site: site, theme: theme).build(SearchDocuments.make(site: site, graph: graph)).map {
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

extension SiteBuilder {
    /// Removes the files directly in `subfolder` of `folder` that `keeping` does not list,
    /// such as the search index files an edit left unused. Returns the paths removed, sorted.
    public static func removeFiles(in subfolder: String, of folder: String, keeping: Set<String>) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/\(subfolder)")) ?? []
        let writer = LiveFolderWriter(root: folder)
        var removed: [String] = []
        for name in names.sorted() where !name.hasPrefix(LiveFolderWriter.temporaryPrefix) {
            let path = "\(subfolder)/\(name)"
            guard !keeping.contains(path) else { continue }
            try writer.remove(path)
            removed.append(path)
        }
        return removed
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
    /// Whether both builds have the same articles in the same order, whatever their contents.
    private(set) var sameArticles = false
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
            sameArticles = true
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

/// Which ``ReadKey``s have another value in one build than in another. Articles are
/// compared first, by their shared boxes (an unchanged article compares by identity); the
/// graph's lists compare as arrays, which is immediate for those not rebuilt.
struct ReadComparison {
    let old: KnowledgeGraph
    let new: KnowledgeGraph
    let siteWideChanged: Bool
    let articles: ArticleDifference
    let readingPathChanged: Bool
    let articleCountChanged: Bool
    let mapLayoutChanged: Bool

    init(old previous: SiteBuilder, new current: SiteBuilder) {
        old = previous.graph
        new = current.graph
        siteWideChanged = previous.site.config != current.site.config || previous.site.topics != current.site.topics
            || previous.site.home != current.site.home || previous.site.tags.tags != current.site.tags.tags
            || previous.theme.assetPaths != current.theme.assetPaths
        articles = ArticleDifference(old: previous, new: current)
        readingPathChanged = old.readingPath != new.readingPath
        articleCountChanged = previous.site.articles.count != current.site.articles.count
        mapLayoutChanged = readingPathChanged || old.outgoing != new.outgoing
    }

    /// Whether what pages read of the graph is the same in both builds. After most edits the
    /// graph is the very same (see `LiveGraph`), and comparing it costs nothing; asked only
    /// when nothing else rules out ``articleKeys``.
    private var graphUnchanged: Bool {
        !mapLayoutChanged && old.articlesByTopic == new.articlesByTopic && old.articlesByTag == new.articlesByTag
            && old.backlinks == new.backlinks && old.related == new.related
    }

    /// The keys whose values differ, when the edit changed only what articles hold (the same
    /// articles, the same graph, nothing site-wide): each edited article's own page, and its
    /// title and card where they changed. Exactly the keys ``changed(_:)`` is true of, found
    /// without asking of every key; nil after any other edit.
    var articleKeys: [ReadKey]? {
        guard !siteWideChanged, articles.sameArticles, graphUnchanged else { return nil }
        var keys: [ReadKey] = []
        for id in articles.changed {
            keys.append(.article(id))
            if articles.titleChanged.contains(id) { keys.append(.title(id)) }
            if articles.cardChanged.contains(id) { keys.append(.card(id)) }
        }
        return keys
    }

    /// Whether any page may differ: the graph follows from the site.
    var anythingChanged: Bool { siteWideChanged || !articles.changed.isEmpty }

    func changed(_ key: ReadKey) -> Bool {
        switch key {
        case .siteWide: siteWideChanged
        case .article(let id): articles.changed.contains(id)
        case .title(let id): articles.titleChanged.contains(id)
        case .card(let id): articles.cardChanged.contains(id)
        case .articleCount: articleCountChanged
        case .usedTagCount: old.articlesByTag.count != new.articlesByTag.count
        case .firstArticle: old.readingPath.first != new.readingPath.first
        case .mapLayout: mapLayoutChanged
        case .topicArticles(let slug): old.articlesByTopic[slug] != new.articlesByTopic[slug]
        case .tagArticles(let slug): old.articlesByTag[slug] != new.articlesByTag[slug]
        case .tagCount(let slug): old.articlesByTag[slug]?.count != new.articlesByTag[slug]?.count
        case .backlinks(let id): old.backlinks[id] != new.backlinks[id]
        case .related(let id): old.related[id] != new.related[id]
        case .outgoing(let id): old.outgoing[id] != new.outgoing[id]
        case .readingNeighbours(let id): readingPathChanged && (old.previous(of: id) != new.previous(of: id) || old.next(of: id) != new.next(of: id))
        case .neighbours(let id): neighboursChanged(id)
        }
    }

    /// The neighbours are the links either way, in reading order: unchanged when neither
    /// the links nor the order changed.
    private func neighboursChanged(_ id: String) -> Bool {
        if !readingPathChanged && old.outgoing[id] == new.outgoing[id] && old.backlinks[id] == new.backlinks[id] { return false }
        return old.neighbours(of: id) != new.neighbours(of: id)
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

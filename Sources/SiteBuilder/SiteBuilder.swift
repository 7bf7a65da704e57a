import Foundation
import KnowledgeBase
import SearchIndex
import Parallel

/// What a build wrote.
public struct BuildSummary: Sendable {
    public var pageCount: Int
    public var fileCount: Int
    public var byteCount: Int
    public var searchIndexBytes: Int
    /// What each page read, when the build recorded it (see ``SiteBuilder/write(into:timings:recordingReads:)``).
    public var reads: PageReads?
}

/// The `render`, `index` and `write` stages: turns a loaded site and its graph into files.
public struct SiteBuilder: Sendable {
    public private(set) var site: Site
    public private(set) var graph: KnowledgeGraph
    public let theme: Theme
    public let history: ContentHistory

    /// Files of one article each (the offline formats' Markdown) are made and written this many
    /// at a time, so memory stays flat however large the site; pages are batched by
    /// ``PageJob/batches(_:graph:pages:listedArticles:)``.
    static let batchSize = 512

    public init(site: Site, graph: KnowledgeGraph, theme: Theme, history: ContentHistory) {
        self.site = site
        self.graph = graph
        self.theme = theme
        self.history = history
    }

    /// Writes the whole site into `folder` (an empty staging folder). Consuming: once the pages
    /// are written it lets go of the articles' HTML, Markdown and links and of all of the graph
    /// but its reading order, so that the search index, the largest working set of a build,
    /// does not come on top of them. With `recordingReads`, the summary holds what each page
    /// read, for `serve` to find the pages later edits change.
    ///
    /// The offline formats, when on, are written on threads of their own: the plain text,
    /// which needs only the Markdown and the graph, beside the pages, and the book, whose
    /// documents the book's pages make, beside the search index, which leaves a core idle part
    /// of the time. The stage `offline formats` is the time the build still waits for them.
    public consuming func write(into folder: String, timings: inout StageTimings, recordingReads: Bool = false) throws -> BuildSummary {
        let writer = FileWriter(root: folder)
        let plainText = site.config.offline
            ? BackgroundWork { [site, graph] in Result { try PlainTextFiles.write(site: site, graph: graph, with: writer) } } : nil
        // Waited for on every way out, so that nothing still writes into the folder once this returns.
        defer { _ = plainText?.wait() }
        var (summary, epub) = try writePages(with: writer, timings: &timings, recordingReads: recordingReads)
        site.releasePageContent()
        let book = epub.map { documents in
            let factory = PageFactory(site: site, graph: graph, theme: theme, history: history)
            return BackgroundWork { Result { try OfflineFiles.writeBook(factory: factory, documents: documents, with: writer) } }
        }
        // The feeds and the sitemap list the pages, which takes the whole graph; the book's work
        // keeps its own while it runs; the search index needs only the reading order.
        let feedFiles = timings.measure("templates") { Feeds.files(site: site, graph: graph, history: history) }
        graph = graph.readingOrderOnly()
        MemoryRelease.returnFreedMemory()
        // The book's work holds the documents from here, and lets go of them when it is done.
        epub = nil
        let indexed = Result { try writeSearchIndex(with: writer, timings: &timings, summary: &summary) }
        // Measured even when the offline formats are off, so that every build lists the same stages.
        let offline = timings.measure("offline formats") { [plainText?.wait(), book?.wait()].compactMap { $0 } }
        try indexed.get()
        for written in offline {
            let (files, bytes) = try written.get()
            summary.fileCount += files
            summary.byteCount += bytes
        }

        let assetFiles = theme.assetFiles.sorted { $0.key < $1.key }
        try timings.measure("write") {
            try Self.writeAll(feedFiles, with: writer)
            try Self.writeAll(assetFiles.map { ($0.key, $0.value) }, with: writer)
        }
        summary.byteCount += feedFiles.reduce(0) { $0 + $1.1.utf8.count } + assetFiles.reduce(0) { $0 + $1.value.count }
        summary.fileCount += feedFiles.count + assetFiles.count
        try timings.measure("write") { try copyContentFiles(with: writer, summary: &summary) }
        return summary
    }

    /// The images, PDFs and other files of the content folder, copied as they are, a batch
    /// at a time so that large files are not all in memory at once.
    private func copyContentFiles(with writer: FileWriter, summary: inout BuildSummary) throws {
        for start in stride(from: 0, to: site.files.count, by: 64) {
            let batch = site.files[start..<min(start + 64, site.files.count)]
            let files = try batch.map { file -> (String, [UInt8]) in
                guard let data = FileManager.default.contents(atPath: file.location) else {
                    throw BuildError.write("\(file.outputPath): \(file.displayPath) cannot be read")
                }
                return (file.outputPath, [UInt8](data))
            }
            try Self.writeAll(files, with: writer)
            summary.byteCount += files.reduce(0) { $0 + $1.1.count }
            summary.fileCount += files.count
        }
    }

    /// Every page, then the book's page of each topic; returns the EPUB's documents, made from
    /// the book's articles as they are written, when the offline formats are on.
    private func writePages(with writer: FileWriter, timings: inout StageTimings, recordingReads: Bool) throws
        -> (summary: BuildSummary, epub: EPUBDocuments?) {
        let factory = PageFactory(site: site, graph: graph, theme: theme, history: history, cachingNavigation: true)
        let jobs = factory.jobs
        var summary = BuildSummary(pageCount: jobs.count, fileCount: 0, byteCount: 0, searchIndexBytes: 0)
        var reads = PageReads()
        for batch in PageJob.batches(jobs, graph: graph).map(Array.init) {
            let rendered = timings.measure("templates") {
                batch.parallelMap { job in recordingReads ? factory.renderRecording(job) : (html: factory.render(job), reads: []) }
            }
            let pages = zip(batch, rendered).map { ($0.outputPath, $1.html) }
            if recordingReads { reads.record(RenderedPages(files: [], reads: zip(batch, rendered).map { ($0, $1.reads) })) }
            try timings.measure("write") { try Self.writeAll(pages, with: writer) }
            summary.byteCount += pages.reduce(0) { $0 + $1.1.utf8.count }
            summary.fileCount += pages.count
        }
        if recordingReads { summary.reads = reads }
        var epub = OfflineFiles.epubDocuments(factory: factory)
        let book = try timings.measure("templates") { try BookPage(factory: factory).write(with: writer, epub: &epub) }
        summary.pageCount += book.paths.count
        summary.byteCount += book.bytes
        summary.fileCount += book.paths.count
        return (summary, epub)
    }

    /// The search index, each batch of files written as soon as it is made, so the index is
    /// never all in memory. Writing counts as `write`, the rest as `search index`.
    private func writeSearchIndex(with writer: FileWriter, timings: inout StageTimings, summary: inout BuildSummary) throws {
        var writeSeconds = 0.0
        let start = ContinuousClock.now
        try SearchDocuments.indexBuilder(site: site, theme: theme).build(SearchDocuments.make(site: site, graph: graph)) { files in
            let writeStart = ContinuousClock.now
            try Self.writeAll(files.map { ($0.path, $0.contents) }, with: writer)
            writeSeconds += (ContinuousClock.now - writeStart).seconds
            summary.searchIndexBytes += files.reduce(0) { $0 + $1.contents.utf8.count }
            summary.fileCount += files.count
        }
        timings.add("search index", (ContinuousClock.now - start).seconds - writeSeconds)
        timings.add("write", writeSeconds)
        summary.byteCount += summary.searchIndexBytes
    }
}

extension SiteBuilder {
    /// Writes files on all cores; the first failure is reported.
    static func writeAll<Contents: FileContents>(_ files: [(String, Contents)], with writer: FileWriter) throws {
        try writer.makeFolders(for: files.map(\.0))
        let failures = files.parallelMap { file -> String? in
            do {
                try writer.write(file.0, file.1)
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw BuildError.write(failure) }
    }
}

public enum BuildError: Error, CustomStringConvertible, Sendable {
    case write(String)
    public var description: String {
        switch self {
        case .write(let detail): "cannot write \(detail)"
        }
    }
}

/// One search document per article section, so a result can point at `page.html#heading`.
enum SearchDocuments {
    /// The index builder for the site: its synonyms are `search.synonyms` from `handbook.yml`,
    /// then each tag with aliases in `tags.yml` (the tag's name and its aliases), in that order.
    static func indexBuilder(site: Site, theme: Theme) -> SearchIndexBuilder {
        var builder = SearchIndexBuilder()
        builder.language = SearchLanguage(tag: site.config.language)
        builder.stemmersScript = theme.assetPaths["search-stemmers.js"]
        builder.synonyms = site.config.searchSynonyms + site.tags.tags.filter { !$0.aliases.isEmpty }.map { [$0.name] + $0.aliases }
        return builder
    }

    static func make(site: Site, graph: KnowledgeGraph) -> [SearchDocument] {
        let topics = Dictionary(uniqueKeysWithValues: site.topics.map { ($0.slug, $0.title) })
        let byID = Dictionary(uniqueKeysWithValues: site.articles.map { ($0.id, $0) })
        var documents: [SearchDocument] = []
        for id in graph.readingPath {
            guard let article = byID[id] else { continue }
            let tagNames = article.tags.compactMap { site.tags[$0]?.name }
            // Made once, so that the article's sections share it: at a hundred thousand articles
            // a string per section is tens of megabytes.
            let url = article.url, topic = topics[article.topic] ?? article.topic
            for (index, (section, text)) in zip(article.document.sections, article.sectionTexts).enumerated() {
                // The lead section also carries the summary, so it is found by it; its first line,
                // where search-engine.js reads it (DocumentStore).
                let text = index == 0 && section.heading == nil ? text.prefixed(by: article.summary + "\n") : text
                documents.append(SearchDocument(
                    url: url, anchor: section.heading?.id, title: article.title, heading: section.heading?.text,
                    topic: topic, tags: tagNames, packedText: text,
                    language: article.language.map(SearchLanguage.init(tag:))
                ))
            }
            if article.document.sections.first?.heading != nil {
                documents.append(SearchDocument(url: url, anchor: nil, title: article.title, heading: nil,
                                                topic: topic, tags: tagNames, text: article.summary,
                                                language: article.language.map(SearchLanguage.init(tag:))))
            }
        }
        return documents
    }
}

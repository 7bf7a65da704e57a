import Foundation
import KnowledgeBase
import SiteBuilder
import TestSupport
import Testing

/// `serve` writes only the pages an edit changes. Whatever the edit, the output must then be
/// byte for byte what a full build of the edited content writes.
@Suite struct IncrementalBuildTests {
    /// Loads the fixture in `folder` as `build` does.
    static func load(_ folder: TemporaryFolder) throws -> SiteBuilder {
        try loadSite(in: folder)
    }

    /// Writes the whole site as `serve` does, and returns what each page read.
    @discardableResult
    static func writeAll(_ builder: SiteBuilder, into folder: TemporaryFolder, _ name: String) throws -> PageReads {
        let output = OutputFolder(path: "\(folder.path)/\(name)")
        let staging = try output.makeStagingFolder()
        var timings = StageTimings()
        let summary = try builder.write(into: staging, timings: &timings, recordingReads: true)
        try output.commit(staging)
        return try #require(summary.reads)
    }

    /// Builds the fixture, applies `edit` (file → new contents), writes the changes into the
    /// same output and compares it with a full build of the edited content. Returns the
    /// output paths of the pages the changes listed.
    @discardableResult
    func applyAndCompare(_ edit: [String: String]) throws -> [String] {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        let before = try Self.load(folder)
        let reads = try Self.writeAll(before, into: folder, "public")

        try folder.write(edit)
        let after = try Self.load(folder)
        let changes = after.changes(since: before, reads: reads)
        let summary = try after.write(changes, into: "\(folder.path)/public")
        _ = try SiteBuilder.replaceChangedFiles(after.searchIndexFiles() + after.render(changes.deferredPages).files + after.offlineFiles(),
                                                in: "\(folder.path)/public")
        try FileManager.default.createDirectory(atPath: "\(folder.path)/book", withIntermediateDirectories: false)
        let bookPaths = try after.writeBook(into: "\(folder.path)/book")
        _ = try SiteBuilder.moveBook(bookPaths, from: "\(folder.path)/book", into: "\(folder.path)/public")
        try Self.writeAll(after, into: folder, "expected")

        let incremental = try folder.snapshot("public")
        let full = try folder.snapshot("expected")
        for (path, bytes) in full.sorted(by: { $0.key < $1.key }) {
            #expect(incremental[path] == bytes, "\(path) differs from a full build")
        }
        let extra = Set(incremental.keys).subtracting(full.keys).filter { !$0.hasPrefix("search/") }
        #expect(extra.isEmpty, "left behind: \(extra.sorted())")
        #expect(!incremental.keys.contains { $0.contains(".handbook-tmp-") }, "temporary files left behind")
        // Every page written was listed.
        let listed = Set((changes.pages + changes.deferredPages).map(\.outputPath))
        for path in summary.writtenPaths where path.hasSuffix(".html") {
            #expect(listed.contains(path), "\(path) written but not listed")
        }
        return (changes.pages + changes.deferredPages).map(\.outputPath).sorted()
    }

    static func article(_ name: String, replacing target: String, with replacement: String) -> [String: String] {
        let path = "Content/basics/\(name).md"
        let text = FixtureSite.files[path]!
        precondition(text.contains(target), "the fixture changed: \(path) has no '\(target)'")
        return [path: text.replacingOccurrences(of: target, with: replacement)]
    }

    @Test func bodyEditRendersOnlyThatArticle() throws {
        let pages = try applyAndCompare(Self.article("third", replacing: "Third links to", with: "A new paragraph.\n\nThird links to"))
        #expect(pages == ["basics/third.html"])
    }

    @Test func unchangedFileRendersNothing() throws {
        let pages = try applyAndCompare(["Content/basics/second.md": FixtureSite.files["Content/basics/second.md"]!])
        #expect(pages.isEmpty)
    }

    @Test func titleEditRendersEveryPageShowingIt() throws {
        let pages = try applyAndCompare(Self.article("second", replacing: "title: Second", with: "title: Second, renamed"))
        for page in ["basics/second.html", "basics/first.html", "basics/third.html", "basics/index.html", "map.html", "tags/feedback.html"] {
            #expect(pages.contains(page), "\(page) not rendered")
        }
    }

    @Test func summaryEditRendersCards() throws {
        let pages = try applyAndCompare(Self.article("third", replacing: "summary: The third article.", with: "summary: A better summary."))
        #expect(pages.contains("basics/index.html"))
        #expect(pages.contains("tags/feedback.html"))
        #expect(!pages.contains("map.html"), "the map shows titles only")
    }

    @Test func tagEditRendersTagPagesAndCounts() throws {
        try applyAndCompare(Self.article("third", replacing: "tags: [feedback]", with: "tags: [feedback, trust]"))
        try applyAndCompare(Self.article("first", replacing: "tags: [delegation, Trust]", with: "tags: [delegation]"))
    }

    @Test func orderEditRendersTheReadingPath() throws {
        try applyAndCompare(Self.article("first", replacing: "order: 1", with: "order: 9"))
    }

    @Test func linkEditsRenderBacklinksAndTheMap() throws {
        let pages = try applyAndCompare(Self.article("first", replacing: "Because of [third](third.md).", with: "Because of reasons."))
        #expect(pages.contains("basics/third.html"), "third lost a backlink")
        #expect(pages.contains("map.html"))
        try applyAndCompare(Self.article("third", replacing: "Third links to [second](second.md).", with: "Third links to [second](second.md) and [first](first.md#why-it-matters)."))
    }

    /// A topic longer than the sidebar's window: a title shows in the sidebars around it only.
    @Test func titleEditInALongTopicRendersTheSidebarsAroundIt() throws {
        var files: [String: String] = [:]
        for number in 10..<100 {
            files["Content/basics/long-\(number).md"] = "---\ntitle: Long \(number)\nsummary: Number \(number).\norder: \(number)\n---\n\nText of \(number).\n"
        }
        let folder = try FixtureSite.make(extra: files, withTheme: true)
        defer { folder.remove() }
        let before = try Self.load(folder)
        let reads = try Self.writeAll(before, into: folder, "public")
        try folder.write(["Content/basics/long-50.md": files["Content/basics/long-50.md"]!.replacingOccurrences(of: "title: Long 50", with: "title: Long fifty")])
        let after = try Self.load(folder)
        let changes = after.changes(since: before, reads: reads)
        _ = try after.write(changes, into: "\(folder.path)/public")
        _ = try SiteBuilder.replaceChangedFiles(after.render(changes.deferredPages).files, in: "\(folder.path)/public")
        try Self.writeAll(after, into: folder, "expected")
        let incremental = try folder.snapshot("public")
        for (path, bytes) in try folder.snapshot("expected") where path.hasSuffix(".html") && !path.hasPrefix(SiteBuilder.bookFolder + "/") {
            #expect(incremental[path] == bytes, "\(path) differs from a full build")
        }
        let pages = changes.pages.map(\.outputPath)
        #expect(pages.contains("basics/long-45.html") && pages.contains("basics/long-55.html"))
        #expect(!pages.contains("basics/long-10.html") && !pages.contains("basics/long-99.html"), "outside every window showing it")
    }

    @Test func addedArticleRendersItsNeighbours() throws {
        try applyAndCompare(["Content/basics/fourth.md": """
        ---
        title: Fourth
        summary: The fourth article.
        tags: [trust]
        ---

        Fourth links to [first](first.md).

        """])
    }

    @Test func reloadedArticleEqualsTheLoadedOne() throws {
        let folder = try FixtureSite.make(extra: Self.article("second", replacing: "It links back", with: "Now it links back"))
        defer { folder.remove() }
        let loader = ContentLoader(contentDirectory: "\(folder.path)/Content", displayName: "Content")
        let (site, _) = loader.load(config: SiteConfig())
        let (article, diagnostics) = loader.reloadArticle(at: "basics/second.md", in: site)
        #expect(diagnostics.isEmpty)
        #expect(article == site.articles.first { $0.id == "basics/second" })
        #expect(loader.articlePaths(of: site) == ["basics/first.md", "basics/second.md", "basics/third.md"])
    }

    @Test func brokenArticleReportsWhere() throws {
        let folder = try FixtureSite.make(extra: Self.article("second", replacing: "title: Second", with: "title: [unclosed"))
        defer { folder.remove() }
        let loader = ContentLoader(contentDirectory: "\(folder.path)/Content", displayName: "Content")
        let (site, _) = loader.load(config: SiteConfig())
        let (article, diagnostics) = loader.reloadArticle(at: "basics/second.md", in: site)
        #expect(article == nil)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.file == "Content/basics/second.md")
        #expect(error.line > 0 && error.column > 0)
    }
}

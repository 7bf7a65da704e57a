import Foundation
import KnowledgeBase
import SiteBuilder
import TestSupport
import Testing

/// Loads the fixture site in `folder` as every command does, with `config` as its handbook.yml
/// (and articles holding their text deflated above `packingTextAbove` bytes of Markdown).
func loadSite(in folder: TemporaryFolder, config: String? = nil, packingTextAbove: Int = ContentLoader.packingThreshold) throws -> SiteBuilder {
    if let config { try folder.write(["handbook.yml": config]) }
    var sources = HandbookSources(content: "\(folder.path)/Content", theme: "\(folder.path)/Theme", config: "\(folder.path)/handbook.yml")
    sources.packingTextAbove = packingTextAbove
    let handbook = Handbook.load(sources)
    let diagnostics = handbook.diagnostics
    guard let builder = handbook.builder() else { throw ContentErrors(diagnostics.filter { $0.severity == .error }) }
    return builder
}

/// Builds a fixture site the way `handbook build` does: load, staging, commit.
func buildSite(in folder: TemporaryFolder, output: String = "public", config: String? = nil,
               packingTextAbove: Int = ContentLoader.packingThreshold) throws -> BuildSummary {
    let builder = try loadSite(in: folder, config: config, packingTextAbove: packingTextAbove)
    let outputFolder = OutputFolder(path: "\(folder.path)/\(output)")
    let staging = try outputFolder.makeStagingFolder()
    var timings = StageTimings()
    let summary = try builder.write(into: staging, timings: &timings)
    try outputFolder.commit(staging)
    return summary
}

@Suite struct BuildTests {
    @Test func writesEveryPageKind() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder)
        for page in ["index.html", "404.html", "search.html", "map.html", "tags/index.html", "tags/delegation.html",
                     "basics/index.html", "basics/first.html", "basics/second.html", "feed.xml", ".handbook-output"] {
            #expect(folder.exists("public/\(page)"), "missing \(page)")
        }
        #expect(!folder.exists("public/sitemap.xml"), "no sitemap without a base URL")
        let files = try folder.snapshot("public").keys
        #expect(files.contains { $0.hasPrefix("assets/style.") && $0.hasSuffix(".css") && $0 != "assets/style.css" })
        #expect(files.contains { $0.hasPrefix("search/") })
    }

    @Test func theSearchManifestNamesTheThemesStemmersForAGermanSite() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder)
        #expect(try !folder.read("public/search/meta.js").contains("\"stemmers\""))
        _ = try buildSite(in: folder, config: "language: de-AT\n")
        let files = try folder.snapshot("public").keys
        let script = try #require(files.first { $0.hasPrefix("assets/search-stemmers.") && $0.hasSuffix(".js") })
        #expect(script != "assets/search-stemmers.js", "fingerprinted like every script")
        #expect(try folder.read("public/search/meta.js").contains("\"stemmers\":\"\(script)\""))
    }

    @Test func articlePageHasEverything() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder, config: "repository: https://example.com/org/repo\n")
        let page = try folder.read("public/basics/first.html")
        // Title and summary escaped, never markup.
        #expect(page.contains("<h1>First &lt;article&gt;</h1>"))
        #expect(page.contains("The first article &amp; its &quot;summary&quot;."))
        // Links rewritten to pages, relative.
        #expect(page.contains("href=\"second.html#how-it-works\""))
        // Tags, table of contents, previous/next, edit link, related, backlinks.
        #expect(page.contains("href=\"../tags/delegation.html\""))
        #expect(page.contains("<a href=\"#why-it-matters\">Why it matters</a>"))
        #expect(page.contains("rel=\"next\""))
        #expect(page.contains("href=\"https://example.com/org/repo/edit/main/Content/basics/first.md\""))
        #expect(page.contains("Related articles"))
        #expect(page.contains("Referenced by"))
        #expect(page.contains("It links back to the first."))
        // The first article's previous page is the start page.
        #expect(page.contains("href=\"../index.html\" rel=\"prev\""))
        // A CSP, and no inline script.
        #expect(page.contains("http-equiv=\"Content-Security-Policy\""))
        #expect(!page.contains("<script>"))
    }

    @Test func everyURLIsRelative() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder)
        let attribute = try NSRegularExpression(pattern: "(?:href|src|action)=\"([^\"]*)\"")
        var checked = 0
        for (path, data) in try folder.snapshot("public") where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for match in attribute.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let url = String(html[Range(match.range(at: 1), in: html)!])
                checked += 1
                #expect(!url.hasPrefix("/"), "root-absolute URL \(url) in \(path)")
                #expect(!url.isEmpty, "empty URL in \(path)")
                // A folder link opens a listing from file://, so links name index.html.
                #expect(url.hasPrefix("https://") || !url.hasSuffix("/"), "link to a folder \(url) in \(path)")
            }
        }
        #expect(checked > 100)
    }

    @Test func canonicalLinksAndSitemapOnlyWithABaseURL() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder, config: "base_url: https://example.org/handbook/\n")
        #expect(try folder.read("public/basics/first.html").contains("<link rel=\"canonical\" href=\"https://example.org/handbook/basics/first.html\">"))
        #expect(try folder.read("public/sitemap.xml").contains("<loc>https://example.org/handbook/basics/first.html</loc>"))
    }

    @Test func sitemapListsEveryPageButTheNotFoundAndSearchPages() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder, config: "base_url: https://example.org/handbook/\n")
        let sitemap = try folder.read("public/sitemap.xml")
        let pages = try folder.snapshot("public").keys.filter { $0.hasSuffix(".html") && $0 != "404.html" && $0 != "search.html" }
        #expect(pages.contains("book.html") && pages.contains("book/basics.html"))
        for page in pages {
            let address = "https://example.org/handbook/" + (page == "index.html" ? "" : page)
            #expect(sitemap.contains("<loc>\(address)</loc>"), "\(page) is not in the sitemap")
        }
        #expect(sitemap.components(separatedBy: "<url>").count - 1 == pages.count)
    }

    @Test func buildsAreByteIdentical() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder, output: "one")
        _ = try buildSite(in: folder, output: "two")
        let one = try folder.snapshot("one")
        let two = try folder.snapshot("two")
        #expect(one.count > 10)
        #expect(one == two)
    }

    /// A large site holds its articles' HTML and text deflated (``PackedText``): it builds the
    /// same bytes, the offline formats (the book, the EPUB, the plain text) included.
    @Test func aSiteHoldingItsTextDeflatedBuildsTheSameFiles() throws {
        let folder = try FixtureSite.make(extra: featureArticles, withTheme: true)
        defer { folder.remove() }
        let config = FixtureSite.strictSettings + "offline: true\n"
        let packed = try loadSite(in: folder, config: config, packingTextAbove: 0).site
        #expect(packed.packsText)
        #expect(packed.articles.count > 3)
        #expect(packed.articles.allSatisfy { $0.body.isDeflated && $0.sectionTexts.allSatisfy(\.isDeflated) })
        #expect(try !loadSite(in: folder, config: config).site.packsText)

        _ = try buildSite(in: folder, output: "plain", config: config)
        _ = try buildSite(in: folder, output: "packed", config: config, packingTextAbove: 0)
        let plain = try folder.snapshot("plain")
        #expect(plain.keys.contains("handbook.epub"))
        #expect(plain.keys.contains { $0.hasPrefix("search/d-") })
        #expect(try folder.snapshot("packed") == plain)
    }

    @Test func goldenArticlePage() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder)
        // Asset names carry a hash of the theme's CSS and JS; the golden file is about the
        // page, so they are written as HASH.
        let page = try folder.read("public/basics/second.html")
            .replacingOccurrences(of: "\\.[0-9a-f]{10}\\.(css|js)\"", with: ".HASH.$1\"", options: .regularExpression)
        try golden.check(page, against: "second.html")
    }
}

@Suite struct OutputFolderTests {
    @Test func refusesFoldersItDidNotWrite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(["mine/notes.txt": "precious"])
        let problems = OutputFolder(path: "\(folder.path)/mine").problems(content: "\(folder.path)/Content", theme: "\(folder.path)/Theme", workingDirectory: folder.path)
        #expect(problems == ["'\(folder.path)/mine' is not empty and was not written by handbook (no .handbook-output file); refusing to replace it"])
        #expect(try folder.read("mine/notes.txt") == "precious")
    }

    @Test func refusesDangerousPlaces() {
        let cwd = FileManager.default.currentDirectoryPath
        #expect(OutputFolder(path: "/").problems(content: "/nonexistent/Content", theme: "/nonexistent/Theme", workingDirectory: "/tmp").contains("the output folder cannot be '/'"))
        #expect(OutputFolder(path: NSHomeDirectory()).problems(content: "/x/Content", theme: "/x/Theme", workingDirectory: "/tmp").contains("the output folder cannot be your home folder"))
        #expect(!OutputFolder(path: "\(cwd)/Content").problems(content: "\(cwd)/Content", theme: "\(cwd)/Theme").isEmpty)
        // Inside the content folder is allowed: the loader leaves the output out.
        #expect(OutputFolder(path: "\(cwd)/Content/public").problems(content: "\(cwd)/Content", theme: "\(cwd)/Theme").isEmpty)
        #expect(!OutputFolder(path: "\(cwd)/Theme/public").problems(content: "\(cwd)/Content", theme: "\(cwd)/Theme").isEmpty)
        #expect(!OutputFolder(path: cwd).problems(content: "\(cwd)/Content", theme: "\(cwd)/Theme").isEmpty)
    }

    @Test func failedBuildLeavesThePreviousOutput() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder)
        let before = try folder.snapshot("public")
        try folder.write(["Content/basics/third.md": "---\ntitle: Third\nsummary: Broken [link](nope.md).\n---\n\nSee [nope](nope.md).\n"])
        #expect(throws: ContentErrors.self) { try buildSite(in: folder) }
        #expect(try folder.snapshot("public") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".handbook-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func interruptedBuildsAreCleanedUpNextTime() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder)
        let output = OutputFolder(path: "\(folder.path)/public")
        // A build killed after staging, and one killed between the two renames.
        let staging = try output.makeStagingFolder()
        try FileManager.default.moveItem(atPath: staging, toPath: "\(folder.path)/.handbook-staging-public-99999")
        try FileManager.default.moveItem(atPath: "\(folder.path)/public", toPath: "\(folder.path)/.handbook-retired-public-99998")
        output.removeLeftovers()
        #expect(folder.exists("public/index.html"), "the last good build is put back")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".handbook-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// A `build` running next to a `serve` on the same output: its staging folder is not a
    /// leftover while it runs, and is one once it has stopped.
    @Test func aRunningBuildsStagingFolderIsNotALeftover() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder)
        let output = OutputFolder(path: "\(folder.path)/public")
        let other = Process()
        other.executableURL = URL(fileURLWithPath: "/bin/sleep")
        other.arguments = ["60"]
        try other.run()
        let staging = "\(folder.path)/.handbook-staging-public-\(other.processIdentifier)"
        try FileManager.default.moveItem(atPath: try output.makeStagingFolder(), toPath: staging)

        output.removeLeftovers()
        #expect(FileManager.default.fileExists(atPath: staging), "removed while its build was running")
        kill(other.processIdentifier, SIGKILL)
        other.waitUntilExit()
        output.removeLeftovers()
        #expect(!FileManager.default.fileExists(atPath: staging), "left behind after its build stopped")
    }

    @Test func staleFoldersWithoutTheMarkerAreNeverDeleted() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write([".handbook-staging-public-1/keep.txt": "not ours"])
        OutputFolder(path: "\(folder.path)/public").removeLeftovers()
        #expect(folder.exists(".handbook-staging-public-1/keep.txt"))
    }
}

/// This target's golden files (Fixtures/golden); `UPDATE_GOLDEN=1 swift test` rewrites them.
let golden = GoldenFiles(besideTestFile: #filePath)

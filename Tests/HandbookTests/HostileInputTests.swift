import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

// Hostile and broken input, through the real binary: clear errors, nothing lost, nothing
// injected. The catalogue of inputs is in Fixtures/hostile (see `Hostile`); inputs that are
// too large to keep as files, or that not every file system can hold (control characters and
// case-only differences in names, symbolic links, FIFOs), are made by the tests below.

/// Problems a run must never show, whatever the input.
private func expectNoCrash(_ result: Handbook.Result, _ context: String) {
    for sign in ["Fatal error", "Program crashed", "Illegal instruction", "Segmentation fault", "Backtracing"] {
        #expect(!result.stderr.contains(sign), "\(context): crashed\n\(result.stderr.prefix(2000))")
    }
    #expect(result.status == 0 || result.status == 1 || result.status == 2, "\(context): exit \(result.status)")
    // Messages never carry control characters from the content to the terminal.
    #expect(!result.stderr.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" },
            "\(context): control character in the messages: \(result.stderr.debugDescription.prefix(500))")
}

// MARK: - The catalogue

@Suite struct HostileCatalogueTests {
    @Test func everyCaseHasItsExpectations() throws {
        for part in ["broken", "accepted"] {
            let cases = Hostile.cases(part)
            #expect(!cases.isEmpty)
            for name in cases {
                #expect(!(try Hostile.expectations(part, name)).isEmpty, "\(part)/\(name) has no expectations")
            }
        }
    }

    @Test(arguments: Hostile.cases("broken"))
    func brokenInputIsReportedAndTheOutputKept(name: String) throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        let first = try Handbook.run(["build"], in: site.path)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try site.snapshot("public")

        try site.write(Hostile.destination(of: name), bytes: try Hostile.bytes("broken", name))
        let check = try HostileRun.run(["check"], in: site.path, timeout: 60)
        let build = try HostileRun.run(["build"], in: site.path, timeout: 60)
        for (command, outcome) in [("check", check), ("build", build)] {
            #expect(!outcome.timedOut, "\(name): \(command) did not finish")
            expectNoCrash(outcome.result, "\(name): \(command)")
            #expect(outcome.result.status == 1, "\(name): \(command) exited \(outcome.result.status)\n\(outcome.result.stderr)")
            for line in try Hostile.expectations("broken", name) {
                if line.hasPrefix("!") {
                    // A message that would only be noise next to the real one.
                    #expect(!outcome.result.stderr.contains(line.dropFirst()), "\(name): \(command) also says\n  \(line.dropFirst())")
                } else {
                    #expect(outcome.result.stderr.contains(line), "\(name): \(command) does not say\n  \(line)\nbut:\n\(outcome.result.stderr)")
                }
            }
        }
        #expect(build.result.stderr.contains("the output was not changed"))
        #expect(try site.snapshot("public") == before, "\(name): the previous output changed")
        #expect(Hostile.leftovers(in: site.path).isEmpty)
    }

    @Test(arguments: Hostile.cases("accepted"))
    func oddButValidInputBuilds(name: String) throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        let stem = (name as NSString).deletingPathExtension
        try site.write("Content/basics/\(stem).md", bytes: try Hostile.bytes("accepted", name))
        let result = try Handbook.run(["build"], in: site.path)
        expectNoCrash(result, name)
        #expect(result.status == 0, "\(name): \(result.stderr)")
        let page = try site.read("public/basics/\(stem).html")
        #expect(!page.unicodeScalars.contains("\r") && !page.unicodeScalars.contains("\u{FEFF}"), "\(name): a CR or byte-order mark reached the page")
        for line in try Hostile.expectations("accepted", name) {
            #expect(page.contains(line), "\(name): the page does not hold\n  \(line)")
        }
    }
}

// MARK: - Injection

@Suite struct InjectionTests {
    static let policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"

    /// The injection site, built once per test.
    private func built(rawHTML: Bool = false) throws -> (TemporaryFolder, [String: Data]) {
        let site = try Hostile.injectionSite()
        if rawHTML {
            let config = try site.read("handbook.yml")
            try site.write(["handbook.yml": config + "allow_raw_html: true\n"])
        }
        let result = try Handbook.run(["build"], in: site.path)
        expectNoCrash(result, "injection site")
        #expect(result.status == 0, "\(result.stderr)")
        return (site, try site.snapshot("public"))
    }

    @Test func pagesHoldNoMarkupFromContent() throws {
        let (site, files) = try built()
        defer { site.remove() }
        let pages = files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count >= 10)
        for (path, data) in pages.sorted(by: { $0.key < $1.key }) {
            let problems = InjectionScanner.problems(inPage: String(decoding: data, as: UTF8.self), path: path, contentSecurityPolicy: Self.policy)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }

    /// The scanner above is only worth something if it sees an injection: with raw HTML
    /// allowed, the payloads in the bodies do become markup, and it must say so.
    @Test func rawHTMLIsOffByDefaultAndTheScannerSeesIt() throws {
        let (site, files) = try built(rawHTML: true)
        defer { site.remove() }
        let data = try #require(files["basics/payloads.html"])
        let page = String(decoding: data, as: UTF8.self)
        let problems = InjectionScanner.problems(inPage: page, path: "basics/payloads.html", contentSecurityPolicy: Self.policy)
        #expect(problems.contains { $0.contains("event handler") })
        #expect(problems.contains { $0.contains("script that is not one of the theme's") })
        #expect(problems.contains { $0.contains("forbidden element <math") })
    }

    @Test func payloadsReachReadersAsText() throws {
        let (site, files) = try built()
        defer { site.remove() }
        let expected = try String(contentsOf: Hostile.folder.appendingPathComponent("injection-site.expected"), encoding: .utf8)
        var checked = 0
        for line in expected.split(separator: "\n") where !line.isEmpty && !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            let path = String(parts[0].dropLast())
            let text = String(parts[1])
            let data = try #require(files[path], "no \(path)")
            let file = String(decoding: data, as: UTF8.self)
            #expect(file.contains(text), "\(path) does not hold \(text)")
            checked += 1
        }
        #expect(checked >= 20)
    }

    @Test func searchIndexKeepsPayloadsInsideStrings() throws {
        let (site, files) = try built()
        defer { site.remove() }
        let scripts = files.filter { $0.key.hasPrefix("search/") }
        #expect(scripts.count > 3)
        var all = ""
        for (path, data) in scripts.sorted(by: { $0.key < $1.key }) {
            let script = String(decoding: data, as: UTF8.self)
            all += script
            let problems = InjectionScanner.problems(inScript: script, path: path)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            if path.hasPrefix("search/d-") { all += readableSearchFile(path: path, contents: script) }
        }
        // The injected title and the `</script>` in the text are in the index, escaped (the doc
        // store's JSON once inflated).
        #expect(all.contains(#"\u003cscript\u003ewindow.__pwned='title'\u003c/script\u003e Payloads \u2028\u2029"#))
        #expect(all.contains(#"\u003c/script\u003e\u003cscript\u003ewindow.__pwned='shard'\u003c/script\u003e"#))
        #expect(all.contains(#"\u003c!--"#))
    }

    @Test func feedAndSitemapAreWellFormedAndEscaped() throws {
        let (site, files) = try built()
        defer { site.remove() }
        let feedData = try #require(files["feed.xml"])
        let feed = try #require(InjectionScanner.parseXML(feedData), "feed.xml is not well-formed XML")
        #expect(feed.names.isSubset(of: ["feed", "title", "subtitle", "id", "link", "updated", "author", "name", "entry", "summary"]), "\(feed.names)")
        let titles = feed.texts.filter { $0.0 == "title" }.map(\.1)
        #expect(titles.contains("<script>window.__pwned='title'</script> Payloads \u{2028}\u{2029} \"&amp;"), "\(titles)")
        #expect(titles.contains("Hostile <script>window.__pwned='config-title'</script> Handbook"))
        #expect(feed.texts.contains { $0.0 == "summary" && $0.1.contains("<img src=x onerror=window.__pwned='summary'>") })

        let sitemapData = try #require(files["sitemap.xml"])
        let sitemap = try #require(InjectionScanner.parseXML(sitemapData), "sitemap.xml is not well-formed XML")
        #expect(sitemap.names == ["urlset", "url", "loc"])
        let locations = sitemap.texts.filter { $0.0 == "loc" }.map(\.1)
        #expect(locations.count >= 6)
        #expect(locations.allSatisfy { $0.hasPrefix("https://example.org/hb/?a=1&b=<x>\"'/") }, "\(locations)")
    }

    /// The injection site's two articles share a tag that every article has (weight zero)
    /// and link to each other: the other one is related once, not twice.
    @Test func relatedArticlesAreListedOnce() throws {
        let (site, files) = try built()
        defer { site.remove() }
        let data = try #require(files["basics/payloads.html"])
        let page = String(decoding: data, as: UTF8.self)
        #expect(page.components(separatedBy: "class=\"card-title\" href=\"../basics/other.html\"").count - 1 == 1)
    }

    @Test func everyPageCarriesThePolicyBeforeAnyScript() throws {
        let (site, files) = try built()
        defer { site.remove() }
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let policy = try #require(html.range(of: "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.policy.replacingOccurrences(of: "'", with: "&#39;"))\">"),
                                      "\(path) has no policy")
            let firstScript = html.range(of: "<script")?.lowerBound ?? html.endIndex
            #expect(policy.lowerBound < firstScript, "\(path): a script comes before the policy")
        }
    }
}

// MARK: - Inputs made by the tests

@Suite struct GeneratedHostileInputTests {
    static let frontMatter = "---\ntitle: Generated\nsummary: A generated article.\ntags: [trust]\n---\n\n"

    /// Builds the fixture site with one extra article and returns the run.
    private func build(_ body: String, slug: String = "generated", timeout: Double = 120) throws -> (TemporaryFolder, HostileRun.Outcome) {
        let site = try FixtureSite.make(extra: ["Content/basics/\(slug).md": Self.frontMatter + body], withTheme: true)
        let outcome = try HostileRun.run(["build"], in: site.path, timeout: timeout)
        expectNoCrash(outcome.result, slug)
        #expect(!outcome.timedOut, "\(slug): the build did not finish in \(timeout) s")
        return (site, outcome)
    }

    @Test func tenMegabyteArticle() throws {
        var body = ""
        var paragraph = 0
        while body.utf8.count < 10_000_000 {
            if paragraph % 40 == 0 { body += "## Part \(paragraph / 40)\n\n" }
            body += String(repeating: "Leaders delegate work and extend trust to the people they support. ", count: 12)
            body += "See [the first](first.md) and [this part](#part-\(paragraph / 40)).\n\n"
            paragraph += 1
        }
        let (site, outcome) = try build(body)
        defer { site.remove() }
        #expect(outcome.result.status == 0, "\(outcome.result.stderr.prefix(2000))")
        #expect(outcome.seconds < 90, "a 10 MB article took \(outcome.seconds) s")
        #expect(try site.read("public/basics/generated.html").contains("<h2 id=\"part-249\">"))
    }

    @Test func documentNested100000Deep() throws {
        let depth = 100_000
        let body = [
            "Text, linking [first](first.md).",
            String(repeating: ">", count: depth) + " a quote",
            String(repeating: "- ", count: depth / 2) + "a list",
            String(repeating: "[", count: depth) + "brackets" + String(repeating: "]", count: depth),
            String(repeating: "*", count: depth) + "emphasis" + String(repeating: "*", count: depth),
            String(repeating: "[a](", count: depth / 10) + "first.md" + String(repeating: ")", count: depth / 10),
            String(repeating: "<div>", count: depth / 10),
        ].joined(separator: "\n\n")
        let (site, outcome) = try build(body)
        defer { site.remove() }
        #expect(outcome.result.status == 0 || outcome.result.status == 1, "\(outcome.result.stderr.prefix(2000))")
        #expect(outcome.seconds < 60, "a document nested \(depth) deep took \(outcome.seconds) s")
        #expect(site.exists("public/basics/generated.html") || outcome.result.stderr.contains("error:"))
    }

    @Test func frontMatterNested100000Deep() throws {
        let depth = 100_000
        let site = try FixtureSite.make(extra: [
            "Content/basics/sequences.md": "---\ntitle: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\nsummary: Deep.\n---\n\nText.\n",
            "Content/basics/mappings.md": "---\ntitle: " + String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth) + "\nsummary: Deep.\n---\n\nText.\n",
        ], withTheme: true)
        defer { site.remove() }
        let outcome = try HostileRun.run(["check"], in: site.path, timeout: 60)
        expectNoCrash(outcome.result, "nested front matter")
        #expect(outcome.result.status == 1)
        #expect(outcome.result.stderr.contains("Content/basics/sequences.md:2:"))
        #expect(outcome.result.stderr.contains("Content/basics/mappings.md:2:"))
        #expect(outcome.seconds < 30)
    }

    /// 100,000 links in one paragraph with no full stop: finding each link's sentence must not
    /// scan the whole paragraph for every link, nor must the one-page book's link rewriting.
    @Test func hundredThousandLinksInOneParagraph() throws {
        let body = "Links: " + (0..<100_000).map { $0 % 2 == 0 ? "[first](first.md)" : "[up](#section)" }.joined(separator: " ") + "\n\n## Section\n"
        let (site, outcome) = try build(body)
        defer { site.remove() }
        #expect(outcome.result.status == 0, "\(outcome.result.stderr.prefix(2000))")
        #expect(outcome.seconds < 60, "100,000 links took \(outcome.seconds) s")
        #expect(try site.read("public/basics/first.html").contains("Referenced by"))
    }

    /// 30,000 headings with the same text (each id found in turn), and 100,000 links to headings
    /// on the page: neither may cost a pass over all the others each.
    @Test func thirtyThousandRepeatedHeadingsAndFragmentLinks() throws {
        var body = "Text, linking [first](first.md).\n\n"
        body += String(repeating: "## Same\n\nText.\n\n", count: 30_000)
        body += (0..<100_000).map { "[to \($0 % 1000)](#same-\($0 % 1000 + 1))" }.joined(separator: " ") + "\n"
        let (site, outcome) = try build(body)
        defer { site.remove() }
        #expect(outcome.result.status == 0, "\(outcome.result.stderr.prefix(2000))")
        #expect(outcome.seconds < 60, "30,000 headings took \(outcome.seconds) s")
        #expect(try site.read("public/basics/generated.html").contains("<h2 id=\"same-29999\">"))
    }

    /// Topic folders and articles whose names are one character long build like any other.
    @Test func oneCharacterFolderAndFileNames() throws {
        let site = try FixtureSite.make(extra: [
            "Content/t/_index.md": "---\ntitle: T\ndescription: One letter.\n---\n\nThe topic [a](a.md).\n",
            "Content/t/a.md": "---\ntitle: A\nsummary: One letter.\ntags: [trust]\n---\n\nLinking [first](../basics/first.md).\n",
        ], withTheme: true)
        defer { site.remove() }
        let outcome = try HostileRun.run(["build"], in: site.path, timeout: 60)
        expectNoCrash(outcome.result, "one-character names")
        #expect(outcome.result.status == 0, "\(outcome.result.stderr.prefix(2000))")
        #expect(site.exists("public/t/a.html") && site.exists("public/t/index.html"))
    }

    /// A knowledge base brought in as it is, with every odd name a real tree has: spaces,
    /// capitals, dots, accents, names that are only punctuation, names that would collide,
    /// names the generator uses itself, and folders 60 deep. Nothing crashes; every name that
    /// cannot be published is a located error, and the rest builds.
    @Test func oddTreesAreBuiltOrReported() throws {
        let site = try TemporaryFolder()
        defer { site.remove() }
        var deep = "kb"
        for level in 0..<60 { deep += "/L\(level)" }
        try site.write([
            "kb/README.md": "# Odd tree\n\nStart [here](My%20Notes/Caf\u{E9}.md).\n",
            "kb/My Notes/Caf\u{E9}.md": "# Café\n\nBack [home](../README.md) or [deep](/\(deep.dropFirst(3))/bottom.md).\n",
            "kb/My Notes/v1.2 notes.md": "Dots in the name.\n",
            "kb/My Notes/!!!.md": "Only punctuation.\n",
            "kb/Dup/Same Name.md": "One.\n",
            "kb/Dup/same-name.md": "Two.\n",
            "kb/search.md": "Named like the search page.\n",
            "kb/tags/x.md": "In a folder named like the tag pages.\n",
            "kb/book/y.md": "In a folder named like the book's pages.\n",
            "kb/map/z.md": "In a folder named like the topics' maps.\n",
            "kb/.hidden/secret.md": "Not published.\n",
            "\(deep)/bottom.md": "# Bottom\n\nUp [home](/README.md).\n",
        ])
        let outcome = try HostileRun.run(["build", "--content", "kb"], in: site.path, timeout: 120)
        expectNoCrash(outcome.result, "odd trees")
        let stderr = outcome.result.stderr
        #expect(outcome.result.status == 1)
        #expect(stderr.contains("kb/My Notes/!!!.md: error: file name '!!!.md' has no letters or digits to make an address from"), "\(stderr)")
        #expect(stderr.contains("would both be published as 'dup/same-name.html'"), "\(stderr)")
        #expect(stderr.contains("kb/search.md: error: would be published as 'search.html', which the site already uses"), "\(stderr)")
        #expect(stderr.contains("kb/tags: error: topic would be published as 'tags/index.html', which the site already uses"), "\(stderr)")
        #expect(stderr.contains("kb/book: error: topic would be published as 'book/index.html', which the site already uses"), "\(stderr)")
        #expect(stderr.contains("kb/map: error: topic would be published as 'map/index.html', which the site already uses"), "\(stderr)")
        #expect(!stderr.contains("secret"), "\(stderr)")
        #expect(!site.exists("public"), "a build with errors wrote its output")
        // Without the names that cannot be published, the same tree builds.
        for name in ["kb/My Notes/!!!.md", "kb/Dup/same-name.md", "kb/search.md", "kb/tags/x.md", "kb/book/y.md", "kb/map/z.md"] {
            try FileManager.default.removeItem(atPath: "\(site.path)/\(name)")
        }
        let fixed = try HostileRun.run(["build", "--content", "kb"], in: site.path, timeout: 120)
        expectNoCrash(fixed.result, "odd trees, fixed")
        #expect(fixed.result.status == 0, "\(fixed.result.stderr.prefix(2000))")
        #expect(site.exists("public/my-notes/caf\u{E9}.html"))
        #expect(site.exists("public/my-notes/v1-2-notes.html"))
        #expect(site.exists("public/\(deep.dropFirst(3).lowercased())/bottom.html"))
        // The book's page of the deepest topic has a name short enough for any file system.
        let bookPages = try FileManager.default.contentsOfDirectory(atPath: "\(site.path)/public/book")
        #expect(bookPages.contains { $0.hasPrefix("l0--l1--l2--") && $0.utf8.count <= 200 }, "\(bookPages)")
    }

    /// GitHub's extensions at scale: a 10,000-row table, 10,000 footnotes, a line of 100,000
    /// `~` and `|`, and a table nested 1,000 deep in block quotes.
    @Test func githubExtensionsAtScale() throws {
        var body = "Text, linking [first](first.md).\n\n"
        body += "| n | square |\n|---|---:|\n" + (0..<10_000).map { "| \($0) | \($0 * $0) |\n" }.joined() + "\n"
        body += (0..<10_000).map { "Claim \($0)[^n\($0)]." }.joined(separator: " ") + "\n\n"
        body += (0..<10_000).map { "[^n\($0)]: Evidence \($0).\n" }.joined() + "\n"
        body += String(repeating: "~|", count: 50_000) + "\n\n"
        let quote = String(repeating: "> ", count: 1_000)
        body += quote + "| a | b |\n" + quote + "|---|---|\n" + quote + "| c | [first](first.md) |\n"
        let (site, outcome) = try build(body)
        defer { site.remove() }
        #expect(outcome.result.status == 0, "\(outcome.result.stderr.prefix(2000))")
        #expect(outcome.seconds < 60, "the extensions at scale took \(outcome.seconds) s")
        let page = try site.read("public/basics/generated.html")
        #expect(page.contains("<td class=\"align-right\">99980001</td>"))
        #expect(page.contains("<li id=\"fn:10000\">"))
        #expect(page.contains("<td>c</td><td><a href=\"first.html\">first</a></td>"))
        #expect(page.components(separatedBy: "<del>").count == 25_001)
    }

    /// 100,000 links to a missing heading: one error each, the suggestion worked out once.
    @Test func hundredThousandBrokenLinks() throws {
        var body = "Text, linking [first](first.md).\n\n"
        body += (0..<5_000).map { "## Heading \($0)\n\n" }.joined()
        body += (0..<100_000).map { _ in "[x](first.md#nowhere) [y](#headin)" }.joined(separator: " ") + "\n"
        let (site, outcome) = try build(body)
        defer { site.remove() }
        #expect(outcome.result.status == 1)
        #expect(outcome.result.stderr.contains("error: 'basics/first.md' has no heading with id '#nowhere'"))
        #expect(outcome.seconds < 60, "100,000 broken links took \(outcome.seconds) s")
    }

    @Test func controlCharactersAndMarkupInFileNames() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        let article = try site.read("Content/basics/third.md")
        let names = ["esc\u{1B}[2J", "bell\u{07}", "new\nline", "tab\tbed", "<script>alert(1)<", "a\" onload=\"x", "back\\slash", "rtl\u{202E}txt.exe"]
        for name in names { try site.write(["Content/basics/\(name).md": article]) }
        try FileManager.default.createDirectory(atPath: "\(site.path)/Content/topic\u{1B}]0;title\u{07}", withIntermediateDirectories: true)
        let result = try Handbook.run(["check"], in: site.path)
        expectNoCrash(result, "file names")
        #expect(result.status == 1)
        #expect(result.stderr.contains(#"Content/basics/esc\u{1B}[2J.md: error: article file name 'esc\u{1B}[2J' contains control characters"#), "\(result.stderr)")
        #expect(result.stderr.contains(#"Content/basics/new\nline.md: error: article file name 'new\nline' contains control characters"#))
        #expect(result.stderr.contains(#"Content/topic\u{1B}]0;title\u{07}: error: topic folder name"#))
        #expect(result.stderr.contains("Content/basics/<script>alert(1)<.md: error: article file name '<script>alert(1)<' is not lowercase-hyphenated"))
        #expect(result.stderr.contains(#"Content/basics/rtl\u{202E}txt.exe.md: error: article file name 'rtl\u{202E}txt.exe' is not lowercase-hyphenated"#))
        // In GitHub annotations too: one line per problem, nothing a runner would read as another command.
        let github = try Handbook.run(["check", "--format", "github"], in: site.path)
        expectNoCrash(github, "file names, github format")
        #expect(github.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") }, "\(github.stdout)")
        #expect(github.stdout.contains("::error file=Content/basics/new%0Aline.md::"), "\(github.stdout)")
    }

    @Test func namesThatDifferOnlyByCase() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        try site.write(["Content/basics/First.md": try site.read("Content/basics/first.md"),
                        "Content/Basics/_index.md": try site.read("Content/basics/_index.md")])
        let result = try Handbook.run(["build"], in: site.path)
        expectNoCrash(result, "case")
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/basics/First.md: error: article file name 'First' is not lowercase-hyphenated (a-z, 0-9 and single '-')"))
        #expect(result.stderr.contains("Content/Basics: error: topic folder name 'Basics' is not lowercase-hyphenated"))
        #expect(!site.exists("public"))
    }

    @Test func symbolicLinksAreNeverFollowed() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        let fm = FileManager.default
        let content = "\(site.path)/Content"
        try fm.createSymbolicLink(atPath: "\(content)/basics/passwd.md", withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: "\(content)/basics/loop-a.md", withDestinationPath: "loop-b.md")
        try fm.createSymbolicLink(atPath: "\(content)/basics/loop-b.md", withDestinationPath: "loop-a.md")
        try fm.createSymbolicLink(atPath: "\(content)/basics/self.md", withDestinationPath: "self.md")
        try fm.createSymbolicLink(atPath: "\(content)/root", withDestinationPath: "/")
        try fm.createSymbolicLink(atPath: "\(content)/parent", withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: "\(content)/tags2.yml", withDestinationPath: "tags.yml")
        let outcome = try HostileRun.run(["build"], in: site.path, timeout: 60)
        expectNoCrash(outcome.result, "symbolic links")
        #expect(!outcome.timedOut)
        #expect(outcome.result.status == 1)
        for name in ["basics/passwd.md", "basics/loop-a.md", "basics/loop-b.md", "basics/self.md", "root", "parent", "tags2.yml"] {
            #expect(outcome.result.stderr.contains("Content/\(name): error: symbolic links are not followed in the content folder"), "\(name)")
        }
        #expect(!outcome.result.stderr.contains("root:x:0:0"), "the linked file was read")
    }

    /// A file the build cannot read. Tests run as root, where permissions do not stop reads, so
    /// there the binary runs without the capabilities that bypass them (`setpriv`).
    @Test func unreadableFilesAndFolders() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer {
            chmod("\(site.path)/Content/basics", 0o755)
            chmod("\(site.path)/Content/basics/second.md", 0o644)
            site.remove()
        }
        var launcher: [String] = []
        if getuid() == 0 {
            try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "running as root needs setpriv to drop CAP_DAC_OVERRIDE")
            launcher = ["/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]
        }
        #expect(try HostileRun.run(["build"], in: site.path, launcher: launcher).result.status == 0)
        let before = try site.snapshot("public")
        chmod("\(site.path)/Content/basics/second.md", 0)
        let outcome = try HostileRun.run(["build"], in: site.path, launcher: launcher, timeout: 60)
        expectNoCrash(outcome.result, "unreadable")
        #expect(outcome.result.status == 1)
        #expect(outcome.result.stderr.contains("Content/basics/second.md: error: cannot read the file"), "\(outcome.result.stderr)")
        // The links to it are not reported as links to a missing article as well.
        #expect(!outcome.result.stderr.contains("link to missing article 'basics/second.md'"), "\(outcome.result.stderr)")
        #expect(try site.snapshot("public") == before)

        chmod("\(site.path)/Content/basics/second.md", 0o644)
        chmod("\(site.path)/Content/basics", 0)
        let folder = try HostileRun.run(["build"], in: site.path, launcher: launcher, timeout: 60)
        expectNoCrash(folder.result, "unreadable folder")
        #expect(folder.result.status == 1)
        #expect(folder.result.stderr.contains("Content/basics: error: cannot read the folder"), "\(folder.result.stderr)")
        #expect(try site.snapshot("public") == before)
    }

    @Test func specialFilesWhereArticlesBelong() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        let content = "\(site.path)/Content"
        #expect(mkfifo("\(content)/basics/fifo.md", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: "\(content)/basics/folder.md", withIntermediateDirectories: true)
        try FileManager.default.removeItem(atPath: "\(content)/tags.yml")
        #expect(mkfifo("\(content)/tags.yml", 0o644) == 0)
        let outcome = try HostileRun.run(["check"], in: site.path, timeout: 30)
        expectNoCrash(outcome.result, "special files")
        #expect(!outcome.timedOut, "reading a FIFO blocked")
        #expect(outcome.result.status == 1)
        #expect(outcome.result.stderr.contains("Content/basics/fifo.md: warning: not a regular file or folder; ignored"))
        // A folder is a topic, at any depth; this one's name breaks the fixture's file-names rule.
        #expect(outcome.result.stderr.contains("Content/basics/folder.md: error: topic folder name 'folder.md' is not lowercase-hyphenated (a-z, 0-9 and single '-') [file-names]"))
        #expect(outcome.result.stderr.contains("Content/tags.yml: error: cannot read the file"))
        // An unreadable vocabulary does not also make every tag unknown.
        #expect(!outcome.result.stderr.contains("unknown tag"), "\(outcome.result.stderr)")
    }

    @Test func dangerousOutputFolders() throws {
        let site = try FixtureSite.make(extra: ["notes/keep.txt": "precious", "a-file": "precious"], withTheme: true)
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: "\(site.path)/content-link", withDestinationPath: "Content")
        let cases: [(String, String)] = [
            ("Content", "overlaps the content folder 'Content'"),
            ("Content/basics", "is not empty and was not written by handbook"),
            ("Theme", "overlaps the theme folder 'Theme'"),
            ("content-link", "overlaps the content folder 'Content'"),
            (".", "contains the current folder"),
            ("..", "contains the current folder"),
            ("/", "the output folder cannot be '/'"),
            (NSHomeDirectory(), "the output folder cannot be your home folder"),
            ("a-file", "exists and is not a folder"),
            ("notes", "is not empty and was not written by handbook"),
        ]
        let before = try site.snapshot("")
        for (output, message) in cases {
            let result = try Handbook.run(["build", "--output", output], in: site.path)
            expectNoCrash(result, output)
            #expect(result.status == 2, "--output \(output): \(result.stderr)")
            #expect(result.stderr.contains(message), "--output \(output): \(result.stderr)")
        }
        #expect(try site.snapshot("") == before, "a refused build changed something")
    }
}

import Foundation
import TestSupport
import Testing

/// Markdown folders written for GitHub, not for this generator (`Fixtures/knowledge-bases/`),
/// built as they are: no settings, no theme, no front matter required. `make
/// knowledge-base-checks` runs the external HTML and link checkers on the same builds.
@Suite struct ExistingKnowledgeBaseTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/knowledge-bases")

    /// Builds a copy of the fixture `name` with `--content .` from inside it, as a team would
    /// at the top of its repository. Returns the folder and the output's files.
    static func build(_ name: String) throws -> (site: TemporaryFolder, result: Handbook.Result, output: String) {
        let site = try TemporaryFolder()
        let copy = "\(site.path)/\(name)"
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent(name).path, toPath: copy)
        let result = try Handbook.run(["build", "--content", ".", "--output", "public"], in: copy)
        return (site, result, "\(copy)/public")
    }

    /// Every `href` and `src` of every page that stays inside the site, with the page it is on.
    static func internalLinks(in output: String) throws -> [(page: String, target: String)] {
        var links: [(String, String)] = []
        let pages = FileManager.default.enumerator(atPath: output)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") } ?? []
        for page in pages.sorted() {
            let html = try String(contentsOfFile: "\(output)/\(page)", encoding: .utf8)
            for tag in HTMLTag.all(in: html) where !tag.isEnd {
                for attribute in ["href", "src"] {
                    guard let value = tag.value(of: attribute).map(BrowserURL.decodingEntities), !value.isEmpty,
                          !value.contains(":"), !value.hasPrefix("//") else { continue }
                    links.append((page, value))
                }
            }
        }
        return links
    }

    /// Each internal link leads to a file of the output, and its `#fragment` to an id there.
    static func expectEveryLinkResolves(in output: String) throws {
        var checked = 0
        for (page, target) in try internalLinks(in: output) {
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let folder = (page as NSString).deletingLastPathComponent
            let path = parts[0].isEmpty ? page : ((folder as NSString).appendingPathComponent(parts[0].removingPercentEncoding ?? parts[0]) as NSString).standardizingPath
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: "\(output)/\(path)", isDirectory: &isFolder)
            #expect(exists && !isFolder.boolValue, "\(page) links to \(target), which is not a file of the site")
            if exists, parts.count > 1, !parts[1].isEmpty, path.hasSuffix(".html") {
                let html = try String(contentsOfFile: "\(output)/\(path)", encoding: .utf8)
                #expect(html.contains("id=\"\(parts[1])\""), "\(page) links to \(target), whose page has no such id")
            }
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test func aFlatFolderOfGitHubMarkdownBuilds() throws {
        let (site, result, output) = try Self.build("flat")
        defer { site.remove() }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("error:"), "\(result.stderr)")
        for path in ["index.html", "onboarding.html", "on-call.html", "team-photo.png"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(path)"), "no \(path)")
        }
        let home = try String(contentsOfFile: "\(output)/index.html", encoding: .utf8)
        // The README is the start page: its `# Title` is the page's one h1, and its image is sized.
        #expect(home.contains("<h1>Team Notes</h1>"))
        // With no settings, the start page's title names the site.
        #expect(home.contains("<title>Team Notes</title>"))
        #expect(home.components(separatedBy: "<h1").count == 2)
        #expect(home.contains("<img src=\"team-photo.png\" alt=\"The team at the offsite\" loading=\"lazy\" width=\"40\" height=\"20\" />"))
        let onCall = try String(contentsOfFile: "\(output)/on-call.html", encoding: .utf8)
        #expect(onCall.contains("<h1 id=\"on-call\">On-call</h1>"))
        #expect(onCall.contains("<p class=\"lede\">We rotate weekly. See the onboarding guide first.</p>"))
        // A link written with a heading's text case lands on its real id.
        let onboarding = try String(contentsOfFile: "\(output)/onboarding.html", encoding: .utf8)
        #expect(onboarding.contains("href=\"on-call.html#escalation\""))
        #expect(result.stderr.contains("Onboarding.md:7:43: warning: '#Escalation' is written '#escalation'"))
        try Self.expectEveryLinkResolves(in: output)
    }

    @Test func aNestedDocsTreeBuilds() throws {
        let (site, result, output) = try Self.build("nested")
        defer { site.remove() }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("error:"), "\(result.stderr)")
        for path in ["getting-started/index.html", "getting-started/install.html", "engineering/index.html",
                     "engineering/dev-process/deployments/debugging/rollback.html", "engineering/dev-process/deployments/debugging/index.html",
                     "engineering/overview.html", "getting-started/overview.html", "people/index.html",
                     "assets/handbook.pdf", "engineering/images/arch.svg"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(path)"), "no \(path)")
        }
        let rollback = try String(contentsOfFile: "\(output)/engineering/dev-process/deployments/debugging/rollback.html", encoding: .utf8)
        // Breadcrumbs through every enclosing topic, titled by their READMEs' headings.
        let crumbs = ["Engineering", "Development process", "Deployments", "Debugging"].map { ">\($0)</a>" }
        var position = rollback.startIndex
        for crumb in crumbs {
            let found = try #require(rollback.range(of: crumb, range: position..<rollback.endIndex), "no breadcrumb \(crumb)")
            position = found.upperBound
        }
        // The sidebar's tree is open along the way to the page, and closed elsewhere.
        #expect(rollback.contains("<details class=\"nav-tree\" open><summary><span class=\"visually-hidden\">Topics in Engineering</span>"))
        #expect(rollback.contains("<details class=\"nav-tree\" open><summary><span class=\"visually-hidden\">Topics in Deployments</span>"))
        // `date:` with a time is the updated date; a `/`-rooted link is written relative.
        let install = try String(contentsOfFile: "\(output)/getting-started/install.html", encoding: .utf8)
        #expect(install.contains("<time datetime=\"2023-01-05\">"))
        #expect(install.contains("<details class=\"nav-tree\"><summary><span class=\"visually-hidden\">Topics in Engineering</span>"))
        #expect(install.contains("href=\"../engineering/dev-process/deployments/index.html\""))
        #expect(install.contains("<p class=\"lede\">How to set up a laptop for development.</p>"))
        // A topic page lists its sub-topics.
        let engineering = try String(contentsOfFile: "\(output)/engineering/index.html", encoding: .utf8)
        #expect(engineering.contains("Topics in Engineering"))
        #expect(engineering.contains("href=\"dev-process/index.html\""))
        // Wiki links by title, by file name with a heading, by folder; an embed by file name.
        let overview = try String(contentsOfFile: "\(output)/getting-started/overview.html", encoding: .utf8)
        #expect(overview.contains("<a href=\"../engineering/dev-process/deployments/debugging/rollback.html\">Rolling back</a>"))
        #expect(overview.contains("<a href=\"install.html#tools\">the tool list</a>"))
        #expect(overview.contains("<a href=\"../engineering/index.html\">engineering</a>"))
        #expect(overview.contains("<img src=\"../engineering/images/arch.svg\" alt=\"arch.svg\" loading=\"lazy\" width=\"120\" height=\"60\" />"))
        #expect(result.stderr.contains("Install.md:2:1: warning: unknown key 'layout' is ignored"))
        // TOML front matter, as Hugo writes it, with a section the generator does not use.
        let alice = try String(contentsOfFile: "\(output)/people/alice.html", encoding: .utf8)
        #expect(alice.contains("<h1>Alice Example</h1>"))
        #expect(alice.contains("<p class=\"lede\">Leads the platform team.</p>"))
        #expect(alice.contains("<time datetime=\"2022-03-04\">"))
        #expect(result.stderr.contains("people/alice.md:8:1: warning: unknown key 'params' is ignored"))
        let people = try String(contentsOfFile: "\(output)/people/index.html", encoding: .utf8)
        #expect(people.contains("<a href=\"alice.html\">Alice Example</a>"))
        try Self.expectEveryLinkResolves(in: output)
    }

    /// A build's output inside the content folder is never read as content, whatever later
    /// builds are told to write into.
    @Test func anEarlierOutputIsNotContent() throws {
        let (site, first, output) = try Self.build("flat")
        defer { site.remove() }
        #expect(first.status == 0, "\(first.stderr)")
        let second = try Handbook.run(["build", "--content", ".", "--output", "../elsewhere"], in: "\(site.path)/flat")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(output)/index.html"))
        #expect(!FileManager.default.fileExists(atPath: "\(site.path)/elsewhere/public"))
        #expect(try Self.internalLinks(in: "\(site.path)/elsewhere").count == (try Self.internalLinks(in: output)).count)
    }

    @Test func brokenLinksCanBeWarningsWhileAFolderIsCleanedUp() throws {
        let site = try TemporaryFolder()
        defer { site.remove() }
        try site.write([
            "docs/README.md": "# Docs\n\nSee [the guide](guide.md) and [[Nothing Here]].\n",
            "docs/guide.md": "# Guide\n\nA [missing page](gone.md#top) and ![a missing image](pic.png).\n",
        ])
        let strict = try Handbook.run(["build", "--content", "docs"], in: site.path)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("docs/guide.md:3:3: error: link to missing article 'gone.md'"), "\(strict.stderr)")
        try site.write(["handbook.yml": "broken_links: warning\n"])
        let lenient = try Handbook.run(["build", "--content", "docs"], in: site.path)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("docs/guide.md:3:3: warning: link to missing article 'gone.md'"), "\(lenient.stderr)")
        #expect(lenient.stderr.contains("docs/guide.md:3:35: warning: image 'pic.png' not found in the content folder"), "\(lenient.stderr)")
        #expect(lenient.stderr.contains("docs/README.md:3:31: warning: [[Nothing Here]] names no page"), "\(lenient.stderr)")
        let guide = try String(contentsOfFile: "\(site.path)/public/guide.html", encoding: .utf8)
        // The broken link is its text; the broken image is left out, its alt text kept.
        #expect(guide.contains("<p>A missing page and a missing image.</p>"), "\(guide)")
        let check = try Handbook.run(["check", "--content", "docs"], in: site.path)
        #expect(check.stderr.contains("link to missing article 'gone.md'"))
    }
}

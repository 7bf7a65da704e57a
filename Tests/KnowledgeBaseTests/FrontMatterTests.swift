@testable import KnowledgeBase
import TestSupport
import Testing

@Suite struct FrontMatterTests {
    @Test func validFixtureHasNoProblems() throws {
        let (site, _, diagnostics) = try load([:])
        #expect(diagnostics.isEmpty, "\(messages(diagnostics))")
        #expect(site.articles.map(\.id) == ["basics/first", "basics/second", "basics/third"])
        let first = try #require(site.articles.first)
        #expect(first.title == "First <article>")
        #expect(first.tags == ["delegation", "trust"])
        #expect(first.bodyFirstLine == 7)
    }

    /// Only the offline formats publish an article's Markdown, so only then is it kept.
    @Test(arguments: [false, true])
    func theMarkdownIsKeptForTheOfflineFormats(offline: Bool) throws {
        let folder = try FixtureSite.make(extra: [:])
        defer { folder.remove() }
        var config = SiteConfig.strict
        config.offline = offline
        let (site, diagnostics) = ContentLoader(contentDirectory: "\(folder.path)/Content", displayName: "Content").load(config: config)
        #expect(diagnostics.isEmpty, "\(messages(diagnostics))")
        let first = try #require(site.articles.first)
        #expect(first.markdown.contains("[") == offline, "\(first.markdown)")
        #expect(first.markdown.isEmpty == !offline)
        #expect(!first.html.isEmpty)
    }

    @Test func missingRequiredFields() throws {
        let (_, _, diagnostics) = try load(["Content/basics/x.md": article("order: 3")])
        let errors = messages(diagnostics).filter { $0.contains("x.md") && $0.contains("error") }
        #expect(errors.contains("Content/basics/x.md:2:1: error: missing required field 'title'"))
        #expect(errors.contains("Content/basics/x.md:2:1: error: missing required field 'summary'"))
    }

    @Test func wrongTypesAreLocated() throws {
        let (_, _, diagnostics) = try load(["Content/basics/x.md": article("""
        title: X
        summary: One sentence.
        tags: delegation
        order: first
        updated: 2024-02-30
        draft: maybe
        """)])
        let lines = messages(diagnostics)
        #expect(lines.contains("Content/basics/x.md:4:7: error: 'tags' must be a list, found 'delegation'"))
        #expect(lines.contains("Content/basics/x.md:5:8: error: 'order' must be a whole number, found 'first'"))
        #expect(lines.contains("Content/basics/x.md:6:10: error: 'updated' must be a date written YYYY-MM-DD, found '2024-02-30'"))
        #expect(lines.contains("Content/basics/x.md:7:8: error: 'draft' must be true or false, found 'maybe'"))
        let tagsError = try #require(diagnostics.first { $0.message.hasPrefix("'tags' must be a list") })
        #expect(tagsError.hint == "write it as 'tags: [delegation]'")
    }

    @Test func unknownKeyGetsASuggestion() throws {
        let (_, _, diagnostics) = try load(["Content/basics/x.md": article("title: X\nsumary: One sentence.\nsummary: Two.")])
        let unknown = try #require(diagnostics.first { $0.message == "unknown key 'sumary' [known-keys]" })
        #expect((unknown.line, unknown.column) == (3, 1))
        #expect(unknown.hint == "did you mean 'summary'?")
    }

    @Test func frontMatterThatNeverCloses() throws {
        let (_, _, diagnostics) = try load(["Content/basics/x.md": "---\ntitle: X\nsummary: Y.\n\nBody.\n"])
        let problem = try #require(diagnostics.first { $0.file == "Content/basics/x.md" })
        #expect(problem.description.hasPrefix("Content/basics/x.md:1:1: error: front matter starts with '---' but never closes"))
        #expect(problem.hint != nil)
    }

    @Test func malformedYAMLIsLocated() throws {
        let (_, _, diagnostics) = try load(["Content/basics/x.md": article("title: X\nsummary: Leaders: a guide.")])
        let problem = try #require(diagnostics.first { $0.file == "Content/basics/x.md" })
        #expect(problem.line == 3)
        #expect(problem.message.hasPrefix("invalid YAML"))
        #expect(problem.hint?.contains("quoted") == true)
    }

    @Test func missingFrontMatter() throws {
        let (_, _, diagnostics) = try load(["Content/basics/x.md": "# Just text\n"])
        #expect(messages(diagnostics).contains("Content/basics/x.md:1:1: error: missing front matter [front-matter]"))
    }

    @Test func byteOrderMarkAndCRLFSimplyWork() throws {
        let text = "\u{FEFF}---\r\ntitle: Windows\r\nsummary: Saved on Windows.\r\ntags: [trust]\r\n---\r\n\r\n## Part\r\n\r\nSee [first](first.md).\r\n"
        let (site, graph, diagnostics) = try load(["Content/basics/win.md": text])
        #expect(diagnostics.filter { $0.file.contains("win.md") && $0.severity == .error }.isEmpty, "\(messages(diagnostics))")
        let windows = try #require(site.articles.first { $0.slug == "win" })
        #expect(windows.title == "Windows")
        #expect(windows.document.headings.map(\.id) == ["part"])
        #expect(graph.links.contains { $0.source == "basics/win" && $0.target == "basics/first" })
        // The link's line in the file, as a problem with it would be reported.
        #expect(windows.document.links.first.map { $0.position.line + windows.bodyFirstLine - 1 } == 9)
    }

    @Test func invalidUTF8IsLocated() throws {
        let folder = try TestSupportFiles.fixture(bytes: Array("---\ntitle: X\nsummary: Bad \u{e9}".utf8.dropLast(2)) + [0xC3, 0x28, 0x0A])
        defer { folder.remove() }
        let (_, diagnostics) = ContentLoader(contentDirectory: "\(folder.path)/Content", displayName: "Content").load(config: .strict)
        #expect(messages(diagnostics).contains("Content/basics/bad.md:3:14: error: file is not valid UTF-8"))
    }

    @Test func emptyFileAndEmptyArticle() throws {
        let (_, _, diagnostics) = try load([
            "Content/basics/empty.md": "",
            "Content/basics/blank.md": article("title: Blank\nsummary: Nothing here.", body: "\n"),
        ])
        let lines = messages(diagnostics)
        #expect(lines.contains("Content/basics/empty.md:1:1: error: missing front matter [front-matter]"))
        #expect(lines.contains("Content/basics/blank.md:5:1: error: the article has no text"))
    }

    @Test func summaryMustBeOneSentence() throws {
        let (_, _, diagnostics) = try load([
            "Content/basics/a.md": article("title: A\nsummary: First sentence. Second sentence."),
            "Content/basics/b.md": article("title: B\nsummary: No full stop"),
            "Content/basics/c.md": article("title: C\nsummary: \"TODO write one sentence.\""),
        ])
        let lines = messages(diagnostics)
        #expect(lines.contains("Content/basics/a.md:3:10: error: the summary should be one sentence, but it has more [one-sentence-summary]"))
        #expect(lines.contains("Content/basics/b.md:3:10: error: the summary should be one sentence ending with '.', '!' or '?' [one-sentence-summary]"))
        #expect(lines.contains("Content/basics/c.md:3:10: error: the summary is still the placeholder"))
    }

    @Test func anArticleMayNameItsLanguage() throws {
        let (site, _, diagnostics) = try load([
            "Content/basics/a.md": article("title: A\nsummary: Auf Deutsch.\nlanguage: de"),
            "Content/basics/b.md": article("title: B\nsummary: In English."),
        ])
        #expect(!messages(diagnostics).contains { $0.contains("language") })
        #expect(site.articles.first { $0.slug == "a" }?.language == "de")
        #expect(site.articles.first { $0.slug == "b" }?.language == nil)
    }

    @Test func chineseAndJapaneseSummariesEndWithFullWidthMarks() throws {
        let (_, _, diagnostics) = try load([
            "Content/basics/a.md": article("title: A\nsummary: 把结果交给别人。"),
            "Content/basics/b.md": article("title: B\nsummary: 結果を任せる。時間が生まれる。"),
        ])
        let lines = messages(diagnostics)
        #expect(!lines.contains { $0.hasPrefix("Content/basics/a.md:3:10:") })
        #expect(lines.contains("Content/basics/b.md:3:10: error: the summary should be one sentence, but it has more [one-sentence-summary]"))
    }

    @Test func draftsAreLeftOutUnlessAsked() throws {
        let draft = ["Content/basics/draft.md": article("title: Draft\nsummary: Not yet.\ndraft: true")]
        #expect(try load(draft).site.articles.contains { $0.slug == "draft" } == false)
        #expect(try load(draft, drafts: true).site.articles.contains { $0.slug == "draft" })
    }
}

enum TestSupportFiles {
    /// The fixture site plus one article file with exactly these bytes.
    static func fixture(bytes: [UInt8]) throws -> TemporaryFolder {
        let folder = try FixtureSite.make()
        try folder.write("Content/basics/bad.md", bytes: bytes)
        return folder
    }
}

@Suite struct TOMLFrontMatterTests {
    @Test func fieldsKeepTheirLines() throws {
        let toml = "title = \"A = B\"\n# a comment\ntags = [\"x\", \"y\"]\n\n[extra]\nkey = 1\n"
        let yaml = try TOMLFrontMatter.yaml(from: toml, file: "a.md", firstLine: 2).get()
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "\"title\": \"A = B\"")
        #expect(lines[1] == "")
        #expect(lines[2] == "\"tags\": [\"x\",\"y\"]")
        #expect(lines[4] == "\"extra\": {\"key\":1}")
    }

    @Test func brokenTOMLIsLocated() {
        let result = TOMLFrontMatter.yaml(from: "title = \"A\"\nsummary = \n", file: "a.md", firstLine: 2)
        guard case .failure(let diagnostic) = result else {
            Issue.record("broken TOML was accepted")
            return
        }
        #expect(diagnostic.line == 3)
        #expect(diagnostic.message.hasPrefix("invalid TOML:"))
    }

    @Test func aTOMLArticleLoads() throws {
        let (site, _, diagnostics) = try load(["Content/basics/t.md": """
        +++
        title = "From Hugo"
        summary = "Front matter in TOML."
        tags = ["trust", "feedback"]
        +++

        Text linking [first](first.md).

        """])
        let article = try #require(site.articles.first { $0.slug == "t" })
        #expect(article.title == "From Hugo")
        #expect(article.tags == ["trust", "feedback"])
        #expect(!messages(diagnostics).contains { $0.hasPrefix("Content/basics/t.md") && $0.contains("error") })
    }
}

@testable import KnowledgeBase
import TestSupport
import Testing

@Suite struct TagTests {
    @Test func tagsMatchByNameAliasAndCase() throws {
        let (site, _, _) = try load([:])
        let second = try #require(site.articles.first { $0.slug == "second" })
        #expect(second.tags == ["delegation", "feedback"])
    }

    @Test func undeclaredTagSuggestsTheClosest() throws {
        let (_, _, diagnostics) = try load(["Content/basics/x.md": article("title: X\nsummary: Y.\ntags: [feedbak, delegaton]")])
        let unknown = diagnostics.filter { $0.message.hasPrefix("unknown tag") }
        #expect(unknown.map(\.description) == [
            "Content/basics/x.md:4:8: error: unknown tag 'feedbak'\n  hint: did you mean 'feedback'?",
            "Content/basics/x.md:4:17: error: unknown tag 'delegaton'\n  hint: did you mean 'delegation'?",
        ])
    }

    @Test func vocabularyProblems() throws {
        let (_, _, diagnostics) = try load(["Content/tags.yml": """
        delegation: Handing work to others.
        Delegation: Same again.
        trust: What people extend.
        feedback: How work lands.
        unused: Nobody uses this.
        bad/name: Slashes are not allowed.
        empty:

        """])
        let lines = messages(diagnostics).filter { $0.hasPrefix("Content/tags.yml") }
        #expect(lines.contains("Content/tags.yml:2:1: error: tag 'Delegation' and tag 'delegation' both become 'delegation'"))
        #expect(lines.contains("Content/tags.yml:5:1: warning: tag 'unused' is declared but no article uses it"))
        #expect(lines.contains("Content/tags.yml:6:1: error: tag name 'bad/name' is not usable"))
        #expect(lines.contains("Content/tags.yml:7:1: error: tag 'empty' has no description"))
    }

    @Test func normalizedForm() {
        #expect(TagVocabulary.normalize("Hard  Conversations") == "hard-conversations")
        #expect(TagVocabulary.normalize("one_on_ones") == "one-on-ones")
        #expect(TagVocabulary.normalize("../etc") == nil)
        #expect(TagVocabulary.normalize("a\u{0}b") == nil)
        #expect(TagVocabulary.normalize("C++") == nil)
        #expect(TagVocabulary.normalize("-Équipe--Ops-") == "équipe-ops")
        #expect(TagVocabulary.normalize("don't") == nil)
    }

    /// Addresses come from one function: a tag's slug, a file's address and the file name
    /// `handbook new` makes of a title agree wherever the name is already plain.
    @Test func addressesOfNames() {
        #expect(URLNames.segment("Dev Process") == "dev-process")
        #expect(URLNames.segment("Don't Panic!") == "dont-panic")
        #expect(URLNames.segment("Café") == "café")
        #expect(URLNames.segment("!!!") == nil)
        #expect(URLNames.asciiSegment("Café culture: don't panic") == "cafe-culture-dont-panic")
        #expect(URLNames.asciiSegment("日本語") == nil)
        #expect(URLNames.asciiSegment("Running a Retro") == TagVocabulary.normalize("Running a Retro"))
        #expect(SlugRules.hint(for: "Notes.v2") == "rename it to 'notes-v2'")
        #expect(SlugRules.hint(for: "日本") == "rename it using a-z, 0-9 and '-'")
    }
}

@Suite struct ContentLayoutTests {
    @Test func strayFilesBadNamesAndMissingIndexes() throws {
        let (_, _, diagnostics) = try load([
            "Content/notes.txt": "notes",
            "Content/basics/Bad Name.md": article("title: B\nsummary: B."),
            "Content/basics/image.png": "png",
            "Content/orphan-topic/a.md": article("title: A\nsummary: A."),
            "Content/Upper/_index.md": "---\ntitle: U\n---\n",
        ])
        let lines = messages(diagnostics)
        // Files beside the articles are published; one no page links to is reported.
        #expect(lines.contains("Content/notes.txt: warning: no page links to this file; it is published as notes.txt"))
        #expect(lines.contains("Content/basics/image.png: warning: no page links to this file; it is published as basics/image.png"))
        #expect(lines.contains("Content/basics/Bad Name.md: error: article file name 'Bad Name' is not lowercase-hyphenated (a-z, 0-9 and single '-') [file-names]"))
        #expect(lines.contains("Content/orphan-topic: error: topic folder has no _index.md [topic-introductions]"))
        #expect(lines.contains("Content/Upper: error: topic folder name 'Upper' is not lowercase-hyphenated (a-z, 0-9 and single '-') [file-names]"))
    }
}

@Suite struct NothingLostTests {
    @Test func aContentFolderWithNoArticlesIsAnError() throws {
        let (site, _, diagnostics) = try load([:], removing: ["Content/basics/first.md", "Content/basics/second.md", "Content/basics/third.md"])
        #expect(site.articles.isEmpty)
        #expect(messages(diagnostics).contains("Content: error: no articles found"))
        let hint = diagnostics.first { $0.message == "no articles found" }?.hint ?? ""
        #expect(hint.contains("Content/<topic>/_index.md"))
    }

    /// A content folder of topic folders and nothing else: without a start page, its first
    /// folder is a topic like the others (it used to be dropped, with its articles, silently).
    @Test func withoutAStartPageEveryTopicIsKept() throws {
        let (site, _, diagnostics) = try load([
            "Content/advanced/_index.md": "---\ntitle: Advanced\ndescription: What comes next.\n---\n\nStart with [later](later.md).\n",
            "Content/advanced/later.md": article("title: Later\nsummary: After the basics.\ntags: [feedback]", body: "Back to [the first](../basics/first.md).\n"),
        ], removing: ["Content/_index.md"])
        #expect(Set(site.topics.map(\.slug)) == ["advanced", "basics"])
        #expect(site.articles.contains { $0.id == "advanced/later" })
        #expect(site.unloadedPaths.isEmpty)
        #expect(!diagnostics.hasErrors, "\(messages(diagnostics))")
    }

    @Test func errorsInATopicThatFailedToLoadAreStillReported() throws {
        let (site, _, diagnostics) = try load(["Content/lost/a.md": article("title: A\nsummary: no full stop")])
        let lines = messages(diagnostics)
        #expect(lines.contains("Content/lost: error: topic folder has no _index.md [topic-introductions]"))
        #expect(lines.contains { $0.hasPrefix("Content/lost/a.md:3:10: error: the summary should be one sentence") })
        #expect(!site.articles.contains { $0.topic == "lost" })
    }

    @Test func whatTheRendererLeavesOutIsALocatedWarning() throws {
        let body = "Linking [first](first.md).\n\n<details>\n<summary>More</summary>\n</details>\n\nA claim[^gone].\n"
        let (_, _, diagnostics) = try load(["Content/basics/third.md": article("title: T\nsummary: T.", body: body)])
        let lines = messages(diagnostics)
        #expect(lines.contains("Content/basics/third.md:8:1: warning: raw HTML <details> is not published"))
        #expect(lines.contains("Content/basics/third.md:12:8: warning: footnote [^gone] is not defined"))
    }

    @Test func aBrokenReferenceLinkIsReportedWhereItsDestinationIsDefined() throws {
        let body = "See [the guide][g] and [first](first.md).\n\n[g]: missing.md\n"
        let (_, _, diagnostics) = try load(["Content/basics/third.md": article("title: T\nsummary: T.", body: body)])
        #expect(messages(diagnostics).contains("Content/basics/third.md:8:6: error: link to missing article 'basics/missing.md' (used at line 6, column 5)"))
    }
}

@Suite struct LinkTests {
    @Test func linksAreRewrittenToPages() {
        #expect(LinkResolver.rewrite("../practices/one-on-ones.md#agenda") == "../practices/one-on-ones.html#agenda")
        #expect(LinkResolver.rewrite("first.md") == "first.html")
        #expect(LinkResolver.rewrite("_index.md") == "index.html")
        #expect(LinkResolver.rewrite("../basics/_index.md") == "../basics/index.html")
        #expect(LinkResolver.rewrite("https://example.com/a.md") == nil)
        #expect(LinkResolver.rewrite("#section") == nil)
    }

    /// Only relative paths to `.md` files are pages; a colon before the first `/`, `?` or `#`
    /// is a scheme; `//` is protocol-relative; a query makes it something else.
    @Test func whatCountsAsALinkToAPage() {
        #expect(LinkResolver.rewrite("mailto:someone@example.md") == nil)
        #expect(LinkResolver.rewrite("//cdn.example.org/a.md") == nil)
        #expect(LinkResolver.rewrite("/practices/a.md") == "practices/a.html")
        #expect(LinkResolver.rewrite("/practices/a.md", depth: 2) == "../../practices/a.html")
        #expect(LinkResolver.rewrite("a.md?x=1") == nil)
        #expect(LinkResolver.rewrite("notes.txt") == nil)
        #expect(LinkResolver.rewrite("a.mdx") == nil)
        #expect(LinkResolver.rewrite("") == nil)
        #expect(LinkResolver.rewrite("folder/a:b.md") == "folder/a-b.html")
        #expect(LinkResolver.rewrite("t/_index.md#y") == "t/index.html#y")
        #expect(LinkResolver.rewrite("caf\u{E9}/na\u{EF}ve.md#\u{E9}t\u{E9}") == "caf\u{E9}/na\u{EF}ve.html#\u{E9}t\u{E9}")
    }

    @Test func brokenLinksAndAnchorsAreLocated() throws {
        let (_, _, diagnostics) = try load(["Content/basics/x.md": article("title: X\nsummary: Y.", body: """
        See [missing](secnd.md) and [bad anchor](second.md#how-it-work).

        Also [out](../../etc/passwd.md), [root](/basics/first.md), [image](pic.png) and [here](#nowhere).

        """)])
        let lines = messages(diagnostics).filter { $0.hasPrefix("Content/basics/x.md") }
        #expect(lines.contains("Content/basics/x.md:6:5: error: link to missing article 'basics/secnd.md'"))
        #expect(lines.contains("Content/basics/x.md:6:29: error: 'basics/second.md' has no heading with id '#how-it-work'"))
        #expect(lines.contains("Content/basics/x.md:8:6: error: link '../../etc/passwd.md' leads outside the content folder"))
        // A `/`-rooted link starts at the content folder.
        #expect(!lines.contains { $0.hasPrefix("Content/basics/x.md:8:34:") })
        #expect(lines.contains("Content/basics/x.md:8:60: error: link to missing file 'basics/pic.png'"))
        #expect(lines.contains("Content/basics/x.md:8:81: error: no heading with id '#nowhere' on this page"))
        let missing = try #require(diagnostics.first { $0.message.contains("secnd") })
        #expect(missing.hint == "did you mean 'second.md'?")
        let anchor = try #require(diagnostics.first { $0.message.contains("how-it-work'") })
        #expect(anchor.hint == "did you mean 'how-it-works'?")
    }

    @Test func linkToADraftIsReported() throws {
        let (_, _, diagnostics) = try load([
            "Content/basics/draft.md": article("title: D\nsummary: D.\ndraft: true"),
            "Content/basics/x.md": article("title: X\nsummary: Y.", body: "See [draft](draft.md).\n"),
        ])
        #expect(messages(diagnostics).contains("Content/basics/x.md:6:5: error: link to 'basics/draft.md', which is a draft and is not published"))
    }

    @Test func linksFromTopicIntroductionsAndTheStartPageAreChecked() throws {
        let (_, _, diagnostics) = try load([
            "Content/_index.md": "---\ntitle: H\n---\n\nGo to [x](basics/nope.md).\n",
            "Content/basics/_index.md": "---\ntitle: Basics\n---\n\nRead [y](nope.md).\n",
        ])
        let lines = messages(diagnostics)
        #expect(lines.contains("Content/_index.md:5:7: error: link to missing article 'basics/nope.md'"))
        #expect(lines.contains("Content/basics/_index.md:5:6: error: link to missing article 'basics/nope.md'"))
    }
}

@Suite struct WordCountTests {
    /// Words are runs of letters and digits in any script; an apostrophe (straight or curly)
    /// inside a word does not split it; punctuation, dashes and markup do not count.
    @Test func wordsInAnyScriptWithApostrophes() throws {
        let body = "Don’t stop — it's 42 cafés, naïve **Straße** 東京 x_y.\n\n## Next step\n\nTwo words.\n"
        let (site, _, _) = try load(["Content/basics/words.md": article("title: Words\nsummary: Counting.", body: body)])
        let words = try #require(site.articles.first { $0.slug == "words" })
        let expected = words.sections.map(\.text).joined(separator: " ")
            .split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’") }
            .filter { $0.contains { $0.isLetter || $0.isNumber } }.count
        // Don’t stop it's 42 cafés naïve Straße 東京 x y, then Two words (+ the heading, if sections hold it).
        #expect(words.wordCount == expected)
        #expect(words.wordCount >= 12)
    }

    /// Words counted scalar by scalar, with Unicode's properties asked of each non-ASCII one:
    /// what the count reads byte by byte must agree with.
    static func countedByScalars(_ text: String) -> Int {
        var (count, inWord) = (0, false)
        for scalar in text.unicodeScalars {
            let isWordCharacter = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            let isApostrophe = scalar == "'" || scalar == "\u{2019}"
            if isWordCharacter && !inWord { count += 1 }
            inWord = isWordCharacter || (inWord && isApostrophe)
        }
        return count
    }

    @Test func countingByBytesAgreesWithScalars() {
        // One, two, three and four bytes of UTF-8; digits of other scripts; combining marks.
        let pieces = ["word", " ", "’", "'", "é", "東京", "🙂", "٣", "\u{301}", "—", "x_y", "\n", "Ωμέγα", "𝔘", "7", "Ä"]
        var generator = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(text.wordCount == Self.countedByScalars(text), "\(text.debugDescription)")
        }
    }
}

@Suite struct PublishedFilesTests {
    @Test func filesBesideArticlesAreListedCheckedAndSized() throws {
        let folder = try FixtureSite.make(extra: [
            "Content/basics/diagram.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"10\"></svg>",
            "Content/basics/big.csv": String(repeating: "a,b\n", count: 1_000),
            "Content/basics/linked.md": article("title: Linked\nsummary: Files.\ntags: [trust]", body: """
            ![A diagram](diagram.svg), [the data](big.csv), [a typo](big.cvs) and ![gone](nothing.png).

            """),
        ])
        defer { folder.remove() }
        var config = SiteConfig.strict
        config.largeFileBytes = 2_000
        let (site, diagnostics) = ContentLoader(contentDirectory: "\(folder.path)/Content", displayName: "Content").load(config: config)
        let (_, graphDiagnostics) = KnowledgeGraph.build(site)
        let lines = messages((diagnostics + graphDiagnostics).sorted())
        #expect(site.files.map(\.outputPath) == ["basics/big.csv", "basics/diagram.svg"])
        #expect(lines.contains("Content/basics/big.csv: warning: file is 3 KB, larger than the 1 KB set by large_file_mb"))
        #expect(lines.contains("Content/basics/linked.md:7:49: error: link to missing file 'basics/big.cvs'"))
        #expect(lines.contains("Content/basics/linked.md:7:71: error: image 'basics/nothing.png' not found in the content folder"))
        // Both files are linked: neither is reported as published with no page linking it.
        #expect(!lines.contains { $0.contains("no page links to this file") })
        let page = try #require(site.articles.first { $0.slug == "linked" })
        #expect(page.html.contains("<img src=\"diagram.svg\" alt=\"A diagram\" loading=\"lazy\" width=\"30\" height=\"10\" />"))
        let typo = try #require((diagnostics + graphDiagnostics).first { $0.message.contains("big.cvs") })
        #expect(typo.hint == "did you mean 'big.csv'?")
    }
}

@Suite struct PackedTextLoadingTests {
    /// `serve` reads an edited article again: it is held as the site holds the others.
    @Test func anArticleReadAgainIsHeldAsTheSiteHoldsItsArticles() throws {
        let folder = try FixtureSite.make()
        defer { folder.remove() }
        for packs in [true, false] {
            var loader = ContentLoader(contentDirectory: "\(folder.path)/Content", displayName: "Content")
            loader.packingTextAbove = packs ? 0 : ContentLoader.packingThreshold
            let (site, _) = loader.load(config: SiteConfig())
            #expect(site.packsText == packs)
            let article = try #require(site.articles.first { !$0.html.isEmpty })
            #expect(article.body.isDeflated == packs)
            let reloaded = try #require(loader.reloadArticle(at: article.relativePath, in: site).article)
            #expect(reloaded.body.isDeflated == packs)
            #expect(reloaded.sectionTexts.allSatisfy { $0.isDeflated == packs })
            #expect(reloaded == article)
            #expect(reloaded.html == article.html)
        }
    }
}

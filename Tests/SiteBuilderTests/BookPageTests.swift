import Foundation
@testable import SiteBuilder
import TestSupport
import Testing

@Suite struct BookPageTests {
    @Test func idsAndLinksStayOnTheBookPage() {
        let html = """
        <h2 id="agenda">Agenda<a class="heading-anchor" href="#agenda">#</a></h2>
        <p><a href="delegation.html">same topic</a> <a href="../pitfalls/the-hero.html#signs">other</a> \
        <a href="index.html">topic</a> <a href="../index.html">start</a> <a href="https://example.com/x.html">web</a> \
        <a href="../tags/trust.html">tag</a> <code> id=&quot;not-an-attribute&quot;</code></p>
        """
        let rewritten = BookPage.rewrite(html, articleID: "practices/one-on-ones", folder: "practices") { $0 != "tags/trust" }
        #expect(rewritten == """
        <h2 id="practices--one-on-ones--agenda">Agenda<a class="heading-anchor" href="#practices--one-on-ones--agenda">#</a></h2>
        <p><a href="#practices--delegation">same topic</a> <a href="#pitfalls--the-hero--signs">other</a> \
        <a href="#practices">topic</a> <a href="#book-start">start</a> <a href="https://example.com/x.html">web</a> \
        <a href="../tags/trust.html">tag</a> <code> id=&quot;not-an-attribute&quot;</code></p>
        """)
    }

    /// Only the values of ` id="`, ` href="` and ` src="` are handed over, each whole; other
    /// attributes, escaped quotes in text and a value left open at the end stay as they are.
    @Test func onlyIdHrefAndSrcValuesAreReplaced() {
        let html = #"<p id="a" class="id" data-x=" href"><a href="b.html" title="&quot; src=&quot;x">t</a><img alt="" src="c.png">"#
            + #" id="d"<a hidden href="e"</p> <a href="open"#
        var seen: [String] = []
        let rewritten = BookPage.replacingAttributes(in: html) { attribute, value in
            seen.append("\(attribute)=\(value)")
            return "[\(value)]"
        }
        #expect(seen == ["id=a", "href=b.html", "src=c.png", "id=d", "href=e"])
        #expect(rewritten == #"<p id="[a]" class="id" data-x=" href"><a href="[b.html]" title="&quot; src=&quot;x">t</a><img alt="" src="[c.png]">"#
            + #" id="[d]"<a hidden href="[e]"</p> <a href="open"#)
        #expect(BookPage.replacingAttributes(in: "") { _, value in value }.isEmpty)
    }

    @Test func longArticlesAreRewrittenInOnePass() {
        let html = String(repeating: "<a href=\"x.html\">x</a> ", count: 100_000)
        let rewritten = BookPage.rewrite(html, articleID: "t/a", folder: "t") { _ in true }
        #expect(rewritten.utf8.count == html.utf8.count + 100_000 * ("#t--x".count - "x.html".count))
    }

    @Test func eachTopicHasAPageAndLinksBetweenThemWork() throws {
        let folder = try FixtureSite.make(extra: [
            "Content/later/_index.md": """
            ---
            title: Later
            description: What comes later.
            order: 2
            ---

            After [the basics](../basics/first.md#why-it-matters).

            """,
            "Content/later/fourth.md": """
            ---
            title: Fourth
            summary: The fourth article.
            tags: [feedback]
            ---

            ## Part

            Back to [second](../basics/second.md#how-it-works), on to [fifth](fifth.md), \
            [this part](#part), [the start](../_index.md), [a page](page.html) and \
            [a file](notes.txt). ![A picture](picture.png)

            """,
            "Content/later/fifth.md": """
            ---
            title: Fifth
            summary: The fifth article.
            tags: [feedback]
            ---

            See [fourth](fourth.md#part).

            """,
            "Content/later/notes.txt": "notes\n",
            "Content/later/page.html": "<p>A page of its own.</p>\n",
            "Content/later/picture.png": "not really a picture\n",
        ], withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder, config: FixtureSite.strictSettings.replacingOccurrences(of: "topic-introductions, ", with: ""))
        let files = try folder.snapshot("public").keys.filter { $0.hasPrefix("book/") }.sorted()
        #expect(files == ["book/basics.html", "book/later.html"])
        let later = try folder.read("public/book/later.html")
        // Within the page, to the other topic's page, and out of the book from one folder down.
        for link in ["href=\"basics.html#basics--second--how-it-works\"", "href=\"#later--fifth\"", "href=\"#later--fourth--part\"",
                     "href=\"#later--fourth\"", "href=\"basics.html#basics--first--why-it-matters\"", "href=\"../book.html\"",
                     "href=\"../later/notes.txt\"", "href=\"../later/page.html\"", "src=\"../later/picture.png\"", "href=\"../book/basics.html\" rel=\"prev\""] {
            #expect(later.contains(link), "book/later.html has no \(link)")
        }
        #expect(!later.contains("<article class=\"book-article\" id=\"basics--first\""), "only the topic's own articles")
        let basics = try folder.read("public/book/basics.html")
        for id in ["basics--first", "basics--second", "basics--third"] {
            #expect(basics.contains("<article class=\"book-article\" id=\"\(id)\""))
        }
        let index = try folder.read("public/book.html")
        #expect(index.contains("<a href=\"book/basics.html\">Basics</a> <span class=\"count\">3 articles</span>"))
        #expect(index.contains("<a href=\"book/later.html\">Later</a> <span class=\"count\">2 articles</span>"))
    }

    @Test func aLargeTopicIsSplitIntoPagesThatLinkToEachOther() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        let builder = try loadSite(in: folder)
        let parts = BookPage.parts(topics: builder.site.topics, articlesOf: { builder.graph.articlesByTopic[$0] ?? [] }, perPage: 2)
        #expect(parts.map(\.path) == ["book/basics.html", "book/basics.2.html"])
        #expect(parts.map(\.title) == ["Basics, part 1 of 2", "Basics, part 2 of 2"])
        #expect(parts.map { Array($0.articles) } == [["basics/first", "basics/second"], ["basics/third"]])
        let links = BookLinks(parts: parts)
        let html = ##"<a href="#basics--third">3</a> <a href="#basics--first--why-it-matters">1</a> <a href="#basics">topic</a>"##
        #expect(links.localize(html, folder: "basics", onPage: "basics.html")
            == ##"<a href="basics.2.html#basics--third">3</a> <a href="#basics--first--why-it-matters">1</a> <a href="#basics">topic</a>"##)
        #expect(links.localize(html, folder: "basics", onPage: "basics.2.html")
            == ##"<a href="#basics--third">3</a> <a href="basics.html#basics--first--why-it-matters">1</a> <a href="basics.html#basics">topic</a>"##)
        // With the default, the fixture's topic fits on one page.
        #expect(BookPage.parts(site: builder.site, graph: builder.graph).map(\.path) == ["book/basics.html"])
    }

    @Test func serveReplacesOnlyTheBookPagesThatChanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(["public/book/a.html": "same", "public/book/b.html": "old", "public/book/gone.html": "old",
                          "new/book/a.html": "same", "new/book/b.html": "new", "new/book/c.html": "added"])
        let paths = ["book/a.html", "book/b.html", "book/c.html"]
        let changed = try SiteBuilder.moveBook(paths, from: "\(folder.path)/new", into: "\(folder.path)/public")
        #expect(changed == ["book/b.html", "book/c.html", "book/gone.html"])
        #expect(try folder.snapshot("public").mapValues { String(decoding: $0, as: UTF8.self) }
            == ["book/a.html": "same", "book/b.html": "new", "book/c.html": "added"])
    }
}

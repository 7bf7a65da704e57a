@testable import SiteBuilder
import Testing

@Suite struct BookPageTests {
    @Test func idsAndLinksStayOnTheBookPage() {
        let html = """
        <h2 id="agenda">Agenda<a class="heading-anchor" href="#agenda">#</a></h2>
        <p><a href="delegation.html">same topic</a> <a href="../pitfalls/the-hero.html#signs">other</a> \
        <a href="index.html">topic</a> <a href="../index.html">start</a> <a href="https://example.com/x.html">web</a> \
        <code> id=&quot;not-an-attribute&quot;</code></p>
        """
        let rewritten = BookPage.rewrite(html, articleID: "practices/one-on-ones", folder: "practices")
        #expect(rewritten == """
        <h2 id="practices--one-on-ones--agenda">Agenda<a class="heading-anchor" href="#practices--one-on-ones--agenda">#</a></h2>
        <p><a href="#practices--delegation">same topic</a> <a href="#pitfalls--the-hero--signs">other</a> \
        <a href="#practices">topic</a> <a href="#book-start">start</a> <a href="https://example.com/x.html">web</a> \
        <code> id=&quot;not-an-attribute&quot;</code></p>
        """)
    }

    @Test func longArticlesAreRewrittenInOnePass() {
        let html = String(repeating: "<a href=\"x.html\">x</a> ", count: 100_000)
        let rewritten = BookPage.rewrite(html, articleID: "t/a", folder: "t")
        #expect(rewritten.utf8.count == html.utf8.count + 100_000 * ("#t--x".count - "x.html".count))
    }
}

@testable import SiteBuilder
import Testing

/// The cache of fragments many pages share stays within its budget, and what it serves is
/// what rendering would give, whether it has just started over or not.
@Suite struct FragmentCacheTests {
    @Test func startsOverPastItsBudgetAndStillServesTheSameHTML() throws {
        let theme = try Theme.load(.builtIn)
        let links = (0..<40).map { PageLink(title: "Article \($0) with a title long enough", url: "topic/article-\($0).html", root: "../") }
        let expected = links.map { theme.render($0, template: "partials/linked-article") }
        #expect(Set(expected).count == links.count)
        let budget = expected[0].utf8.count * 5
        let cache = FragmentCache(budgetBytes: budget)
        var largest = 0
        for round in 0..<2 {
            for (link, html) in zip(links, expected) {
                #expect(cache.html(link, template: "partials/linked-article", key: link.href, theme: theme) == html, "round \(round)")
                largest = max(largest, cache.heldBytes)
            }
        }
        #expect(largest <= budget)
        #expect(largest > budget / 2, "the cache did hold fragments")
        // Within the budget nothing is dropped: a cache large enough keeps every fragment.
        let roomy = FragmentCache()
        for link in links { _ = roomy.html(link, template: "partials/linked-article", key: link.href, theme: theme) }
        #expect(roomy.heldBytes == zip(links, expected).reduce(0) { $0 + $1.0.href.utf8.count + $1.1.utf8.count })
    }
}

@testable import SiteBuilder
import KnowledgeBase
import Testing

/// The feed's newest articles, picked without sorting them all.
struct FeedSelectionTests {
    @Test(arguments: [0, 1, 3, 30, 200])
    func theFirstFewAreThoseOfASortedList(count: Int) {
        var generator = SplitMix64(seed: UInt64(count) + 1)  // reproducible
        // Many entries share a date: the name decides between them, as it does for articles.
        let entries = (0..<150).map { ("2026-0\(Int.random(in: 1...9, using: &generator))-01", "article-\($0)") }.shuffled(using: &generator)
        let precedes = { (a: (String, String), b: (String, String)) in (a.0, b.1) > (b.0, a.1) }
        let picked = Feeds.first(count, of: entries, by: precedes)
        let sorted = Array(entries.sorted(by: precedes).prefix(count))
        #expect(picked.map { $0.1 } == sorted.map { $0.1 })
    }
}

import KnowledgeBase
@testable import SiteBuilder
import TestSupport
import Testing

/// A build renders and holds a batch of pages at once: pages that list many articles (a large
/// topic's index and map, a common tag) count by what they list, so no batch holds many of them.
@Suite struct PageBatchTests {
    @Test func batchesKeepThePagesInOrderAndWithinBothLimits() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        let builder = try loadSite(in: folder)
        let graph = builder.graph
        let jobs = PageJob.all(site: builder.site, graph: graph)
        let listed = { (job: PageJob) in job.listedArticleCount(graph: graph) }
        #expect(jobs.count > 8)
        #expect(PageJob.batches(jobs, graph: graph).map(Array.init) == [jobs])

        let byPages = PageJob.batches(jobs, graph: graph, pages: 3)
        #expect(Array(byPages.joined()) == jobs)
        #expect(byPages.allSatisfy { $0.count <= 3 })
        #expect(byPages.count == (jobs.count + 2) / 3)

        // A topic's index lists its articles, an article's page none.
        let topic = try #require(jobs.first { if case .topic = $0 { true } else { false } })
        #expect(listed(topic) == graph.articlesByTopic[topic.outputPath.replacingOccurrences(of: "/index.html", with: "")]?.count)
        #expect(listed(topic) > 1)
        #expect(listed(.article(graph.readingPath[0])) == 0)

        let byListed = PageJob.batches(jobs, graph: graph, listedArticles: 1)
        #expect(Array(byListed.joined()) == jobs)
        for batch in byListed where batch.count > 1 {
            #expect(batch.map(listed).reduce(0, +) <= 1, "\(batch)")
        }
        // A page that lists more than the limit is a batch of its own.
        #expect(byListed.contains { $0.count == 1 && $0.first == topic })
        #expect(byListed.count < jobs.count, "pages that list nothing share batches")
    }
}

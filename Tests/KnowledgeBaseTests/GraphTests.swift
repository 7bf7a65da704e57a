import Foundation
@testable import KnowledgeBase
import Testing

@Suite struct GraphTests {
    /// Topics: a (order 1) with a1..a3, b (order 2) with b1, b2 and an untagged, unlinked b3.
    static let files: [String: String] = [
        "Content/tags.yml": "common: On most articles.\nrare: On two.\nmid: On three.\nlonely: Unused.\n",
        "Content/_index.md": "---\ntitle: Home\n---\n\nHi.\n",
        "Content/a/_index.md": "---\ntitle: A\norder: 1\n---\n\nTopic A.\n",
        "Content/b/_index.md": "---\ntitle: B\norder: 2\n---\n\nTopic B.\n",
        // a1 ↔ a2 form a cycle; a3 links to itself only.
        "Content/a/a1.md": article("title: Alpha\nsummary: S.\ntags: [common, rare]\norder: 1", body: "Go to [a2](a2.md). [Again](a2.md).\n"),
        "Content/a/a2.md": article("title: Beta\nsummary: S.\ntags: [common, mid]\norder: 2", body: "Back to [a1](a1.md) in a sentence. Another one.\n"),
        "Content/a/a3.md": article("title: Gamma\nsummary: S.\ntags: [common, mid]\norder: 3", body: "## Self\n\nSee [me](#self) and [me](a3.md).\n"),
        "Content/b/b1.md": article("title: Delta\nsummary: S.\ntags: [common, rare, mid]", body: "To [a1](../a/a1.md).\n"),
        "Content/b/b2.md": article("title: Epsilon\nsummary: S.\ntags: [common]", body: "Nothing linked.\n"),
        "Content/b/b3.md": article("title: Zeta\nsummary: S.", body: "Isolated.\n"),
    ]

    func graph() throws -> (Site, KnowledgeGraph, [Diagnostic]) {
        try load(Self.files, removing: FixtureSiteFiles.all)
    }

    @Test func readingPathFollowsTopicThenOrderThenTitle() throws {
        let (_, graph, _) = try graph()
        #expect(graph.readingPath == ["a/a1", "a/a2", "a/a3", "b/b1", "b/b2", "b/b3"])
        #expect(graph.previous(of: "a/a1") == nil)
        #expect(graph.next(of: "a/a3") == "b/b1")
        #expect(graph.previous(of: "b/b1") == "a/a3")
        #expect(graph.next(of: "b/b3") == nil)
    }

    @Test func backlinksCarryContextAndIgnoreSelfLinks() throws {
        let (_, graph, _) = try graph()
        #expect(graph.backlinks["a/a1"] == [
            .init(source: "a/a2", context: "Back to a1 in a sentence."),
            .init(source: "b/b1", context: "To a1."),
        ])
        #expect(graph.backlinks["a/a3"] == nil)
        #expect(graph.outgoing["a/a1"] == ["a/a2"])
        #expect(graph.outgoing["a/a3"] == nil)
        #expect(graph.links.filter { $0.source == "a/a3" }.map(\.target) == ["a/a3"])
    }

    @Test func orphansDeadEndsAndUnusedTagsAreWarnings() throws {
        let (_, _, diagnostics) = try graph()
        let warnings = messages(diagnostics.filter { $0.severity == .warning })
        #expect(warnings.contains("Content/a/a3.md: warning: no other article links here (orphan)"))
        #expect(warnings.contains("Content/a/a3.md: warning: links to no other article (dead end)"))
        #expect(warnings.contains("Content/b/b3.md: warning: no other article links here (orphan)"))
        #expect(warnings.contains("Content/b/b2.md: warning: links to no other article (dead end)"))
        #expect(warnings.contains("Content/tags.yml:4:1: warning: tag 'lonely' is declared but no article uses it"))
        #expect(!warnings.contains { $0.hasPrefix("Content/a/a1.md") })
        #expect(!diagnostics.hasErrors, "\(messages(diagnostics))")
    }

    /// The worked example of the documented score, for a1:
    /// N = 6; common on 5 → ln(6/5); rare on 2 → ln 3; mid on 3 → ln 2.
    /// a2: common + link both ways (1.5 + 1.5) + same topic 0.5
    /// b1: common + rare + link b1 → a1 (1.5)
    /// a3: common + same topic; b2: common only.
    @Test func relatedScoreWorkedExample() throws {
        let (_, graph, _) = try graph()
        let related = try #require(graph.related["a/a1"])
        let common = log(6.0 / 5.0), rare = log(3.0)
        #expect(related.map(\.id) == ["a/a2", "b/b1", "a/a3", "b/b2"])
        #expect(abs(related[0].score - (common + 1.5 + 1.5 + 0.5)) < 1e-9)
        #expect(abs(related[1].score - (common + rare + 1.5)) < 1e-9)
        #expect(abs(related[2].score - (common + 0.5)) < 1e-9)
        #expect(abs(related[3].score - common) < 1e-9)
        #expect(!related.contains { $0.id == "a/a1" })
    }

    @Test func tiesGoToReadingOrderAndUntaggedArticlesStillGetRelated() throws {
        let (_, graph, _) = try graph()
        let forB3 = try #require(graph.related["b/b3"])
        #expect(forB3.map(\.id) == ["b/b2", "b/b1"])
        #expect(forB3.allSatisfy { $0.score == 0 })
        let forB2 = try #require(graph.related["b/b2"])
        // Equal scores for a1, a2, a3 (common only); b1 has common + topic.
        #expect(forB2.map(\.id) == ["b/b1", "a/a1", "a/a2", "a/a3"])
    }

    /// A tag on more articles than ``RelatedArticles/candidatesPerTag`` offers only the
    /// nearest in reading order. With three per tag, `common` (a1, a2, a3, b1, b2) offers b2
    /// the three around it: a3, b1 and b2 itself; b3, the nearest of its topic, fills the list.
    @Test func aCommonTagOffersTheArticlesNearestInReadingOrder() throws {
        let (site, graph, _) = try graph()
        let related = RelatedArticles.compute(site.articles, graph: graph, candidatesPerTag: 3)
        #expect(related["b/b2"]?.map(\.id) == ["b/b1", "a/a3", "b/b3"])
        // At the start of the reading path, the window starts there too: a2 and a3 for a1,
        // with its links and rare tag as before.
        #expect(related["a/a1"]?.map(\.id) == ["a/a2", "b/b1", "a/a3"])
    }

    @Test func graphIsDeterministic() throws {
        let first = try graph().1
        let second = try graph().1
        #expect(first.readingPath == second.readingPath)
        #expect(first.related.keys.sorted() == second.related.keys.sorted())
        for key in first.related.keys { #expect(first.related[key] == second.related[key]) }
        #expect(first.backlinks == second.backlinks)
    }

    @Test func neighboursAreOneLinkAwayInEitherDirection() throws {
        let (_, graph, _) = try graph()
        #expect(graph.neighbours(of: "a/a1") == ["a/a2", "b/b1"])
        #expect(graph.neighbours(of: "b/b3") == [])
    }

    @Test func mapLayoutIsDeterministicAndInsideTheCanvas() throws {
        let (site, graph, _) = try graph()
        let topics = site.topics.map(\.slug)
        let topicOf: (String) -> String = { String($0.split(separator: "/")[0]) }
        let layout = GraphLayout.compute(graph, topicOf: topicOf, topics: topics)
        let again = GraphLayout.compute(graph, topicOf: topicOf, topics: topics)
        #expect(layout == again)
        #expect(layout.nodes.map(\.id) == graph.readingPath)
        #expect(layout.edges.count == 2)
        for node in layout.nodes {
            #expect(node.x >= 0 && node.x <= layout.width && node.y >= 0 && node.y <= layout.height)
        }
        let a1 = try #require(layout.nodes.first { $0.id == "a/a1" })
        let b3 = try #require(layout.nodes.first { $0.id == "b/b3" })
        #expect(a1.radius > b3.radius)
    }
}

/// The fixture site's own files, removed when a test brings a whole site of its own.
enum FixtureSiteFiles {
    static let all = ["Content/basics/_index.md", "Content/basics/first.md", "Content/basics/second.md", "Content/basics/third.md"]
}

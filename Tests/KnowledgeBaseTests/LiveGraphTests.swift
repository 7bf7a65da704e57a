import KnowledgeBase
import TestSupport
import Testing

/// `serve` keeps the graph up to date edit by edit. After any edit it must equal the graph a
/// full build makes, diagnostics included.
@Suite struct LiveGraphTests {
    static let topics = ["alpha", "beta", "gamma"]
    static let tags = ["one", "two", "three", "four", "five", "six"]

    typealias Draft = ArticleDraft

    static func randomLinks(_ generator: inout SplitMix64, among drafts: [Draft], from id: String) -> [(id: String, anchor: String?)] {
        (0..<Int.random(in: 0...3, using: &generator)).map { _ in
            let target = drafts.randomElement(using: &generator)!
            let anchor = Bool.random(using: &generator) ? target.headings.randomElement(using: &generator).map(Self.slug) : nil
            return (target.id, anchor)
        }
    }

    static func slug(_ heading: String) -> String { heading.lowercased().replacingOccurrences(of: " ", with: "-") }

    static func makeSite(_ generator: inout SplitMix64) -> [Draft] {
        var drafts: [Draft] = []
        for index in 0..<45 {
            let topic = topics[index % topics.count]
            drafts.append(Draft(
                topic: topic, slug: "article-\(index)", title: "Article \(index)", order: Int.random(in: 1...20, using: &generator),
                tags: Array(tags.shuffled(using: &generator).prefix(Int.random(in: 0...3, using: &generator))),
                headings: (0..<Int.random(in: 0...2, using: &generator)).map { "Part \($0)" }, links: []
            ))
        }
        for index in drafts.indices { drafts[index].links = randomLinks(&generator, among: drafts, from: drafts[index].id) }
        return drafts
    }

    /// One random edit of an article: its links, tags, headings, title or order, or its
    /// opening reworded, which moves its links and their problems to other lines.
    static func edit(_ draft: inout Draft, among drafts: [Draft], _ generator: inout SplitMix64) {
        switch Int.random(in: 0..<9, using: &generator) {
        case 7, 8: draft.openingLines = Int.random(in: 1...4, using: &generator)
        case 0: draft.links = randomLinks(&generator, among: drafts, from: draft.id)
        case 1: draft.tags = Array(tags.shuffled(using: &generator).prefix(Int.random(in: 0...3, using: &generator)))
        case 2: draft.headings = (0..<Int.random(in: 0...2, using: &generator)).map { "Part \($0 + Int.random(in: 0...1, using: &generator))" }
        case 3: draft.links.append((draft.id, nil)) // a link to itself
        case 4: draft.title += " again"
        case 5: draft.order = Int.random(in: 1...20, using: &generator)
        default: draft.links.append((drafts.randomElement(using: &generator)!.id, "no-such-heading"))
        }
    }

    /// Writes the site of `drafts` into `folder` and returns its loader.
    static func write(_ drafts: [Draft], into folder: TemporaryFolder) throws -> ContentLoader {
        var files = ["Content/tags.yml": Self.tags.map { "\($0): The \($0) tag." }.joined(separator: "\n") + "\n"]
        for topic in Self.topics { files["Content/\(topic)/_index.md"] = "---\ntitle: \(topic.capitalized)\n---\n\nSee [the first](article-0.md) too.\n" }
        for draft in drafts { files[draft.path] = draft.text() }
        try folder.write(files)
        return ContentLoader(contentDirectory: "\(folder.path)/Content", displayName: "Content")
    }

    static func expectEqual(_ live: LiveGraph, _ site: Site, _ context: String) {
        let (graph, diagnostics) = KnowledgeGraph.build(site)
        #expect(live.graph.readingPath == graph.readingPath, "\(context): reading path")
        #expect(live.graph.articlesByTopic == graph.articlesByTopic, "\(context): topics")
        #expect(live.graph.articlesByTag == graph.articlesByTag, "\(context): tags")
        #expect(live.graph.outgoing == graph.outgoing, "\(context): outgoing")
        #expect(live.graph.backlinks == graph.backlinks, "\(context): backlinks")
        #expect(live.graph.related == graph.related, "\(context): related")
        #expect(live.graph.links == graph.links, "\(context): links")
        #expect(live.diagnostics == diagnostics.sorted(), "\(context): diagnostics")
        for id in graph.readingPath {
            #expect(live.graph.previous(of: id) == graph.previous(of: id) && live.graph.next(of: id) == graph.next(of: id))
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomEditsGiveTheGraphOfAFullBuild(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)  // reproducible, so a failure can be replayed
        var drafts = Self.makeSite(&generator)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let loader = try Self.write(drafts, into: folder)

        var live = LiveGraph(site: loader.load(config: .strict).site)
        Self.expectEqual(live, live.site, "seed \(seed), start")
        for step in 0..<40 {
            let count = Int.random(in: 1...2, using: &generator)
            var changed: Set<String> = []
            for _ in 0..<count {
                let index = Int.random(in: drafts.indices, using: &generator)
                Self.edit(&drafts[index], among: drafts, &generator)
                try folder.write([drafts[index].path: drafts[index].text()])
                changed.insert(drafts[index].id)
            }
            let site = loader.load(config: .strict).site
            live.update(to: site)
            Self.expectEqual(live, site, "seed \(seed), step \(step), \(changed.sorted())")
        }
    }

    /// Rewording an article above its links moves the problems of its broken links to other
    /// lines, as a full build finds them; the graph is as it was. Only that article is read
    /// again, as `serve` does, so the others keep what the graph was made from.
    @Test func rewordingMovesLinksAndTheirProblems() throws {
        var generator = SplitMix64(seed: 7)
        var drafts = Self.makeSite(&generator)
        drafts[4].links = [(drafts[5].id, nil), (drafts[8].id, "no-such-heading"), (drafts[4].id, nil)]
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let loader = try Self.write(drafts, into: folder)
        var live = LiveGraph(site: loader.load(config: .strict).site)
        let line = { (live: LiveGraph) in live.diagnostics.first { $0.message.contains("no-such-heading") }?.line }
        let before = try #require(line(live))
        let linksBefore = live.graph.links.filter { $0.source == drafts[4].id }
        #expect(linksBefore.count == 2, "the link to a missing heading is not a link of the graph")

        drafts[4].openingLines = 4
        try folder.write([drafts[4].path: drafts[4].text()])
        var site = live.site
        let reworded = try #require(loader.reloadArticle(at: "\(drafts[4].topic)/\(drafts[4].slug).md", in: site).article)
        site.articles[site.articles.firstIndex { $0.id == reworded.id }!] = reworded
        live.update(to: site)
        Self.expectEqual(live, site, "article-4 reworded")
        #expect(line(live) == before + 3)
        #expect(live.graph.links.filter { $0.source == drafts[4].id } == linksBefore)
    }

    /// An article that stops loading reports its own error; links to it are not errors too,
    /// in `serve` as in `build`. Fixed, it is back in the graph.
    @Test func anArticleThatFailsToLoadAndIsFixed() throws {
        var generator = SplitMix64(seed: 7)
        let drafts = Self.makeSite(&generator)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let loader = try Self.write(drafts, into: folder)
        var live = LiveGraph(site: loader.load(config: .strict).site)

        try folder.write([drafts[0].path: "---\ntitle: [unclosed\n---\n\nBroken.\n"])
        let broken = loader.load(config: .strict).site
        #expect(broken.unloadedPaths.contains("alpha/article-0.md"))
        live.update(to: broken)
        Self.expectEqual(live, broken, "article-0 broken")
        // (The other topics' introductions link to an article-0.md of their own, which is missing.)
        #expect(!live.diagnostics.contains { $0.message.contains("missing article 'alpha/article-0.md'") }, "\(messages(live.diagnostics))")

        try folder.write([drafts[0].path: drafts[0].text()])
        let fixed = loader.load(config: .strict).site
        live.update(to: fixed)
        Self.expectEqual(live, fixed, "article-0 fixed")
    }
}

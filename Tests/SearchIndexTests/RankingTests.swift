import Testing
@testable import SearchIndex

/// The build-time side of ranking: how Ranking.swift turns a term's occurrences into the impact
/// stored with each posting. What the browser does with impacts (idf, coordination, the order
/// of results) is tested where it runs, in Tests/Browser/test_ranking.py.
@Suite struct RankingTests {
    @Test func fieldWeightsRankTitleOverHeadingOverTagsOverBody() throws {
        let filler = "plain words that say nothing in particular about anything at all"
        let documents = [
            SearchDocument(url: "a.html", anchor: nil, title: "Mentoring", heading: nil, topic: "T", tags: [], text: filler),
            SearchDocument(url: "b.html", anchor: nil, title: "Other", heading: nil, topic: "T", tags: [], text: filler),
            SearchDocument(url: "b.html", anchor: "m", title: "Other", heading: "Mentoring", topic: "T", tags: [], text: filler),
            SearchDocument(url: "c.html", anchor: nil, title: "Third", heading: nil, topic: "T", tags: ["mentoring"], text: filler),
            SearchDocument(url: "d.html", anchor: nil, title: "Fourth", heading: nil, topic: "T", tags: [], text: filler + " mentoring"),
        ]
        let index = try DecodedIndex(SearchIndexBuilder().build(documents))
        let impacts = try Dictionary(uniqueKeysWithValues: index.postings(for: "mentor").map { posting in
            let section = try #require(try index.section(id: posting.id))
            return ("\(section.url)#\(section.anchor ?? "")", posting.impact)
        })
        let title = try #require(impacts["a.html#"]), heading = try #require(impacts["b.html#m"])
        let tags = try #require(impacts["c.html#"]), body = try #require(impacts["d.html#"])
        #expect(title > heading)
        #expect(heading > tags)
        #expect(tags > body)
    }
}

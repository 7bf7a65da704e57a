import Testing
@testable import SearchIndex

@Suite struct RankingTests {
    let index: IndexReader

    init() throws {
        index = try IndexReader(SearchIndexBuilder().build(Corpus.handbook))
    }

    @Test func titleMatchLeadsToTheTopOfTheArticle() throws {
        let ranked = try index.rank("delegation")
        #expect(ranked.first?.url == "practices/delegation.html")
        #expect(ranked.first?.anchor == nil)
    }

    @Test func headingMatchFindsTheSection() throws {
        let ranked = try index.rank("debugging")
        #expect(ranked.first?.url == "practices/one-on-ones.html")
        #expect(ranked.first?.anchor == "the-new-debugging")
    }

    @Test func sectionsMatchingAllWordsComeFirst() throws {
        let ranked = try index.rank("refuge code")
        #expect(ranked.first?.url == "pitfalls/code-refuge.html")
        // "refuge" and "code" in both title (lead) and body: the lead section wins.
        #expect(ranked.first?.anchor == nil)
        #expect(ranked.count >= 2)
    }

    @Test func stemmingMatchesOtherFormsOfAWord() throws {
        let ranked = try index.rank("delegating")
        #expect(ranked.contains { $0.url == "pitfalls/code-refuge.html" && $0.anchor == "why-it-happens" })
    }

    @Test func fieldWeightsRankTitleOverHeadingOverTagsOverBody() throws {
        let filler = "plain words that say nothing in particular about anything at all"
        let documents = [
            SearchDocument(url: "a.html", anchor: nil, title: "Mentoring", heading: nil, topic: "T", tags: [], text: filler),
            SearchDocument(url: "b.html", anchor: nil, title: "Other", heading: nil, topic: "T", tags: [], text: filler),
            SearchDocument(url: "b.html", anchor: "m", title: "Other", heading: "Mentoring", topic: "T", tags: [], text: filler),
            SearchDocument(url: "c.html", anchor: nil, title: "Third", heading: nil, topic: "T", tags: ["mentoring"], text: filler),
            SearchDocument(url: "d.html", anchor: nil, title: "Fourth", heading: nil, topic: "T", tags: [], text: filler + " mentoring"),
        ]
        let index = try IndexReader(SearchIndexBuilder().build(documents))
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

    @Test func rareWordsOutweighCommonOnes() throws {
        // "team" is in four sections, "wobble" in one; both once in a body of similar length.
        let common = try #require(try index.postings(for: "team").first)
        let rare = try #require(try index.postings(for: "wobbl").first)
        #expect(try index.entry(for: "team")?.documents ?? 0 > 1)
        #expect(try index.score(term: "wobbl", impact: rare.impact) > index.score(term: "team", impact: common.impact))
    }
}

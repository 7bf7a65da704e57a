import Foundation
import RawDeflate
import Testing
@testable import SearchIndex

@Suite struct DocumentLayoutTests {
    /// The group of each document, by its id.
    private func groups(_ layout: DocumentLayout) -> [Int] { layout.ids.map { $0 / layout.groupCapacity } }

    @Test func anArticleIsStoredInOneGroupUnlessItIsLargerThanAGroup() {
        let long = (0..<12).map { index in
            SearchDocument(url: "pitfalls/long.html", anchor: index == 0 ? nil : "part-\(index)", title: "Long",
                           heading: index == 0 ? nil : "Part \(index)", topic: "Pitfalls", tags: [],
                           text: String(repeating: "word ", count: 80))
        }
        let documents = Corpus.filler(articles: 40) + long
        let target = 3_000
        let layout = DocumentLayout(documents, groupCapacity: 64, groupTargetBytes: target)
        let group = groups(layout)
        let positionsByArticle = Dictionary(grouping: layout.documents.indices, by: { layout.articleOfDocument[$0] })
        #expect(layout.groups.count > 5)
        for (article, positions) in positionsByArticle where layout.articles[article].url != "pitfalls/long.html" {
            #expect(Set(positions.map { group[$0] }).count == 1, "\(layout.articles[article].url) is split")
        }
        // The article larger than a group is cut between its sections, into groups of its own.
        let longPositions = positionsByArticle.first { layout.articles[$0.key].url == "pitfalls/long.html" }!.value
        let longGroups = Set(longPositions.map { group[$0] })
        #expect(longGroups.count > 1)
        for position in layout.documents.indices where longGroups.contains(group[position]) {
            #expect(layout.articles[layout.articleOfDocument[position]].url == "pitfalls/long.html")
        }
        // Groups are filled: two neighbouring groups of small articles would not fit in one.
        #expect(layout.groups.count < positionsByArticle.count)
    }

    @Test func whereGroupsAreCutDoesNotChangeTheOrderOrTheArticles() {
        let documents = Corpus.filler(articles: 30) + Corpus.handbook
        let small = DocumentLayout(documents, groupCapacity: 64, groupTargetBytes: 1_000)
        let large = DocumentLayout(documents, groupCapacity: 64, groupTargetBytes: 20_000)
        #expect(small.groups.count > large.groups.count)
        #expect(small.documents.map(\.url) == large.documents.map(\.url))
        #expect(small.articleOfDocument == large.articleOfDocument)
    }
}

@Suite struct DocumentStoreContinuationTests {
    @Test func aGroupMarksItsLastArticleWhenItGoesOnInTheNextGroup() throws {
        let long = (0..<12).map { index in
            SearchDocument(url: "pitfalls/long.html", anchor: index == 0 ? nil : "part-\(index)", title: "Long",
                           heading: index == 0 ? nil : "Part \(index)", topic: "Pitfalls", tags: [],
                           text: String(repeating: "word ", count: 80))
        }
        let builder = SearchIndexBuilder(termShardTargetBytes: 3_000, documentGroupTargetBytes: 2_000, maximumPostingsPerTerm: 50)
        let files = builder.build(Corpus.filler(articles: 10) + long)
        // [(first section's url, last section's url, whether the last article is marked)] per group.
        var groups: [(first: String, last: String, marked: Bool)] = []
        for group in 0... {
            guard let file = files.first(where: { $0.path == "search/d-\(group).js" }) else { break }
            let packed = try #require(try DecodedIndex.arguments(of: file.contents)[1] as? String)
            let compressed = try #require(Data(base64Encoded: packed))
            let payload = try #require(RawDeflate.inflate(Array(compressed)))
            let parts = try #require(JSONSerialization.jsonObject(with: Data(payload)) as? [[[Any]]])
            let articles = parts[0], sections = parts[1]
            let url = { (section: [Any]) in articles[section[0] as! Int][0] as! String }
            groups.append((url(sections.first!), url(sections.last!), articles.last!.count == 5 && articles.last![4] as? Int == 1))
        }
        #expect(groups.count > 3)
        for (index, group) in groups.enumerated() {
            let goesOn = index + 1 < groups.count && groups[index + 1].first == group.last
            #expect(group.marked == goesOn, "group \(index)")
        }
        #expect(groups.contains { $0.marked })
    }
}

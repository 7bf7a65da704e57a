import Foundation
import Testing
@testable import SearchIndex

/// Word/term pairs that the build (WordForms) and the browser (search-engine.js, termOf) must
/// both produce; the browser tests check the JavaScript side against the same file.
func wordFormsFixture() throws -> [(word: String, term: String)] {
    try wordPairs(fixture: "word-forms").map { (word: $0.0, term: $0.1) }
}

@Suite struct WordFormsTests {
    @Test func matchesTheSharedFixture() throws {
        let pairs = try wordFormsFixture()
        #expect(pairs.count >= 100)
        let mismatches = pairs.filter { WordForms.term($0.word) != $0.term }
        #expect(mismatches.isEmpty, "\(mismatches.map { "\($0.word) → \(WordForms.term($0.word)), expected \($0.term)" })")
    }

    @Test(arguments: [
        ("lonely", "loneliness"), ("decide", "decision"), ("delegate", "delegation"), ("prioritise", "prioritize"),
        ("prioritize", "priorities"), ("behaviour", "behavior"), ("organisation", "organization"),
        ("analyse", "analysis"), ("judgement", "judgment"), ("betraying", "betrayal"),
    ])
    func relatedFormsMeet(one: String, other: String) {
        #expect(WordForms.term(one) == WordForms.term(other))
    }

    @Test(arguments: [("promise", "prom"), ("your", "yor"), ("supervise", "supervize"), ("devour", "devor")])
    func wordsThatOnlyLookBritishKeepTheirSpelling(word: String, notThis: String) {
        #expect(WordForms.americanSpelling(word) == word)
        #expect(WordForms.americanSpelling(word) != notThis)
    }

    @Test func theIndexStoresTermsAndQueriesMeetThem() throws {
        let document = SearchDocument(url: "transition/loneliness.html", anchor: nil, title: "The loneliness of leading",
                                      heading: nil, topic: "Transition", tags: [], text: "Prioritising feels lonely.")
        let index = try DecodedIndex(SearchIndexBuilder().build([document]))
        #expect(try index.entry(for: "lone") != nil)
        #expect(try index.entry(for: "loneli") == nil)
        #expect(try index.entry(for: "priorit") != nil)
        #expect(try index.entry(for: "prioritis") == nil)
    }
}

@Suite struct SynonymsFileTests {
    @Test func writesTheGroupsInOrderAndDropsLoneWords() throws {
        var builder = SearchIndexBuilder()
        builder.synonyms = [["1:1", "one-on-one"], ["alone"], ["pip", "performance improvement plan", "</script>"]]
        let files = builder.build([SearchDocument(url: "a.html", anchor: nil, title: "A", heading: nil, topic: "T", tags: [], text: "a")])
        let file = try #require(files.first { $0.path == Synonyms.path })
        let groups = try #require(DecodedIndex.arguments(of: file.contents).first as? [[String]])
        #expect(groups == [["1:1", "one-on-one"], ["pip", "performance improvement plan", "</script>"]])
        #expect(!file.contents.contains("<"))
    }

    @Test func synonymsChangeNoOtherFile() {
        let documents = Corpus.filler(articles: 20) + Corpus.handbook
        let plain = SearchIndexBuilder().build(documents)
        var builder = SearchIndexBuilder()
        builder.synonyms = [["boss", "manager"]]
        let withSynonyms = builder.build(documents)
        #expect(plain.map(\.path) == withSynonyms.map(\.path))
        let changed = zip(plain, withSynonyms).filter { $0 != $1 }.map(\.0.path)
        #expect(changed == [Synonyms.path])
    }
}

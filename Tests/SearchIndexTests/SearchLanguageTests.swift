import Foundation
import Testing
@testable import SearchIndex

/// The lines of `analysis.txt`: a language, a query's text and the terms it is searched by.
func analysisVectors() throws -> [(language: SearchLanguage, text: String, terms: String)] {
    let url = try #require(Bundle.module.url(forResource: "analysis", withExtension: "txt", subdirectory: "Fixtures"))
    return try String(contentsOf: url, encoding: .utf8)
        .split(separator: "\n")
        .filter { !$0.hasPrefix("#") }
        .map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (try #require(SearchLanguage(rawValue: parts[0])), parts[1], parts[2])
        }
}

@Suite struct SearchLanguageTests {
    @Test(arguments: ["german", "french", "spanish"])
    func stemsMatchThePublishedVocabulary(language: String) throws {
        let stem: (String) -> String = switch language {
        case "german": GermanStemmer.stem
        case "french": FrenchStemmer.stem
        default: SpanishStemmer.stem
        }
        let pairs = try wordPairs(fixture: "snowball-\(language)-sample")
        #expect(pairs.count >= 500)
        let mismatches = pairs.filter { stem($0.0) != $0.1 }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20).map { "\($0.0) → \(stem($0.0)), expected \($0.1)" })")
    }

    @Test func queriesAreReadAsTheSharedVectorsSay() throws {
        let vectors = try analysisVectors()
        #expect(vectors.count >= 20)
        for vector in vectors {
            let terms = Tokenizer.words(vector.text, style: vector.language.wordStyle).map(vector.language.term)
            #expect(terms.joined(separator: " ") == vector.terms, "\(vector.language) \(vector.text)")
        }
    }

    @Test(arguments: [("en", SearchLanguage.english), ("en-GB", .english), ("de", .german), ("de-AT", .german), ("DE_ch", .german),
                      ("fr", .french), ("fr-CA", .french), ("es", .spanish), ("es-419", .spanish), ("it", .folding), ("zh-Hans", .folding), ("ja", .folding), ("", .folding)])
    func aLanguageTagChoosesTheAnalysis(tag: String, language: SearchLanguage) {
        #expect(SearchLanguage(tag: tag) == language)
    }

    @Test func theIndexHasSingleCharactersOfCJKRunsButQueriesReadPairs() throws {
        let document = SearchDocument(url: "practice/delegation.html", anchor: nil, title: "学会授权", heading: nil,
                                      topic: "实践", tags: [], text: "信任是慢慢建立的。Swift语言")
        var builder = SearchIndexBuilder()
        builder.language = .folding
        let index = try DecodedIndex(builder.build([document]))
        for term in ["学会", "会授", "授权", "学", "授", "权", "信任", "立的", "的", "swift", "语言", "语", "言"] {
            #expect(try index.entry(for: term) != nil, "\(term)")
        }
        #expect(try index.entry(for: "的swift") == nil)
        #expect(Tokenizer.words("学会授权", style: .folded) == ["学会", "会授", "授权"])
        #expect(index.manifest["language"] as? String == "none")
        #expect(index.manifest["stopWords"] as? String == "")
    }

    @Test func cjkTermsAcrossManyShardsAreFoundWhereTheBrowserLooks() throws {
        // Han, astral Han (surrogate pairs in UTF-16), kana and Hangul, with some Latin words.
        let ranges: [ClosedRange<UInt32>] = [0x4E00...0x4FFF, 0x20000...0x200FF, 0x3041...0x3096, 0x30A1...0x30FA, 0xAC00...0xAD00]
        let characters = ranges.flatMap { $0.compactMap(Unicode.Scalar.init).map(String.init) }
        let documents = (0..<40).map { article in
            let text = (0..<60).map { characters[($0 * 7 + article * 31) % characters.count] }.joined() + " delegation \(article)"
            return SearchDocument(url: "a/\(article).html", anchor: nil, title: "Article \(article)", heading: nil, topic: "A", tags: [], text: text)
        }
        var builder = SearchIndexBuilder(termShardTargetBytes: 1_500, documentGroupTargetBytes: 6_000, maximumPostingsPerTerm: 1_000)
        builder.language = .folding
        let files = builder.build(documents)
        let index = try DecodedIndex(files)
        #expect(index.shardKeys.count > 20)
        var terms: [String] = []
        for key in index.shardKeys { terms += try index.entries(ofShard: key).map(\.term) }
        #expect(terms.contains("delegation"))
        #expect(terms.contains { $0.unicodeScalars.first!.value >= 0x20000 })
        for term in terms {
            #expect(try index.entry(for: term)?.term == term, "\(term)")
        }
        #expect(files.allSatisfy { $0.path.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func germanIsIndexedUnderFoldedStems() throws {
        let document = SearchDocument(url: "praxis/delegieren.html", anchor: nil, title: "Delegieren lernen", heading: "Verantwortung übergeben",
                                      topic: "Praxis", tags: [], text: "Die Häuser und die Straße.")
        var builder = SearchIndexBuilder()
        builder.language = .german
        let index = try DecodedIndex(builder.build([document]))
        for term in ["verantwort", "ubergeb", "haus", "strass", "delegi"] {
            #expect(try index.entry(for: term) != nil, "\(term)")
        }
        #expect(try index.entry(for: "häus") == nil)
        #expect(index.manifest["language"] as? String == "de")
    }

    @Test func aDocumentInAnotherLanguageIsReadAsItsOwn() throws {
        let english = SearchDocument(url: "a.html", anchor: nil, title: "Prioritising", heading: nil, topic: "T", tags: [], text: "Houses.")
        let german = SearchDocument(url: "b.html", anchor: nil, title: "Häuser", heading: nil, topic: "T", tags: [], text: "Verantwortung.",
                                    language: .german)
        let index = try DecodedIndex(SearchIndexBuilder().build([english, german]))
        for term in ["priorit", "hous", "haus", "verantwort"] {
            #expect(try index.entry(for: term) != nil, "\(term)")
        }
        #expect(index.manifest["language"] as? String == "en")
        #expect(index.manifest["languages"] as? [String] == ["de"])
        let alone = try DecodedIndex(SearchIndexBuilder().build([english]))
        #expect(alone.manifest["languages"] == nil)
    }

    @Test func theManifestNamesTheStemmersOnlyWhereASnowballLanguageNeedsThem() throws {
        func stemmers(site: SearchLanguage, articles: [SearchLanguage?]) throws -> Any? {
            var builder = SearchIndexBuilder()
            builder.language = site
            builder.stemmersScript = "assets/search-stemmers.0123456789.js"
            let documents = articles.enumerated().map { index, language in
                SearchDocument(url: "\(index).html", anchor: nil, title: "Title", heading: nil, topic: "T", tags: [], text: "Text.",
                               language: language)
            }
            return try DecodedIndex(builder.build(documents)).manifest["stemmers"]
        }
        for language in [SearchLanguage.german, .french, .spanish] {
            #expect(try stemmers(site: language, articles: [nil]) as? String == "assets/search-stemmers.0123456789.js")
            #expect(try stemmers(site: .english, articles: [nil, language]) as? String == "assets/search-stemmers.0123456789.js")
        }
        #expect(try stemmers(site: .english, articles: [nil, .english]) == nil)
        #expect(try stemmers(site: .folding, articles: [nil]) == nil)
        #expect(try stemmers(site: .english, articles: [nil, .folding]) == nil)
    }

    @Test func englishKeepsItsStopWordsAndNamesItsLanguage() throws {
        let document = SearchDocument(url: "a.html", anchor: nil, title: "Delegation", heading: nil, topic: "T", tags: [], text: "The team.")
        let index = try DecodedIndex(SearchIndexBuilder().build([document]))
        #expect(index.manifest["language"] as? String == "en")
        #expect((index.manifest["stopWords"] as? String)?.contains("the") == true)
    }
}

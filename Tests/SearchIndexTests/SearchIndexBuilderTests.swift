import Foundation
import Testing
@testable import SearchIndex

@Suite struct SearchIndexBuilderTests {
    @Test func sameInputGivesByteIdenticalFiles() {
        let builder = SearchIndexBuilder(termShardTargetBytes: 3_000, documentGroupTargetBytes: 2_000, maximumPostingsPerTerm: 50)
        let documents = Corpus.filler(articles: 60) + Corpus.handbook
        let first = builder.build(documents)
        let second = builder.build(documents)
        #expect(first == second)
        #expect(first.map(\.path) == first.map(\.path).sorted { $0.precedesInUTF16($1) })
        // The order in which articles arrive does not matter either (sections keep their order).
        let byArticle = Dictionary(grouping: documents, by: \.url)
        let shuffled = byArticle.keys.sorted().reversed().flatMap { byArticle[$0]! }
        #expect(builder.build(shuffled) == first)
    }

    @Test func contentCannotBreakOutOfTheScripts() throws {
        let hostile = SearchDocument(
            url: "pitfalls/x.html", anchor: "a\"b", title: "<img src=x onerror=alert(1)>", heading: "</script><script>alert(2)</script>",
            topic: "Pit</script>falls", tags: ["<b>tag</b>"],
            text: "Line\u{2028}separator\u{2029}paragraph \"quotes\" \\ back </SCRIPT> <!-- & done 😀")
        let files = SearchIndexBuilder().build([hostile])
        for file in files {
            #expect(file.contents.unicodeScalars.allSatisfy { $0.isASCII && ($0.value >= 0x20 || $0 == "\n") }, "\(file.path)")
            #expect(!file.contents.contains("<"), "\(file.path)")
            #expect(!file.contents.contains(">"), "\(file.path)")
            #expect(!file.contents.contains("&"), "\(file.path)")
        }
        // And the browser reads back exactly the original text.
        let index = try DecodedIndex(files)
        let section = try #require(try index.section(id: 0))
        #expect(section.title == hostile.title)
        #expect(section.heading == hostile.heading)
        #expect(section.anchor == hostile.anchor)
        #expect(section.text == hostile.text)
        #expect((index.manifest["topics"] as? [[Any]])?.first?.first as? String == hostile.topic)
        #expect(index.manifest["tags"] as? [String] == hostile.tags)
    }

    @Test func shardsAreSizedByBytesAndFindEveryTerm() throws {
        let target = 2_000
        let builder = SearchIndexBuilder(termShardTargetBytes: target, documentGroupTargetBytes: 6_000, maximumPostingsPerTerm: 1_000)
        let documents = Corpus.filler(articles: 40)
        let files = builder.build(documents)
        let index = try DecodedIndex(files)
        let keys = index.shardKeys
        #expect(keys.count > 5)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.precedesInUTF16($1) })
        var allTerms: [String] = []
        for key in keys {
            let contents = try #require(files.first { $0.path == "search/t-\(CompactEncoding.fileKey(key)).js" }?.contents)
            let entries = try index.entries(ofShard: key)
            // A shard exceeds the target only when a single term alone does.
            #expect(contents.utf8.count <= target + 100 || entries.count == 1)
            allTerms += entries.map(\.term)
        }
        #expect(allTerms == allTerms.sorted { $0.precedesInUTF16($1) })
        for term in allTerms { #expect(try index.entry(for: term)?.term == term) }
        // Sized by bytes, not count: shards hold different numbers of terms.
        #expect(Set(try keys.map { try index.entries(ofShard: $0).count }).count > 1)
    }

    @Test func veryCommonTermsKeepOnlyTheirBestPostings() throws {
        let builder = SearchIndexBuilder(termShardTargetBytes: 24_000, documentGroupTargetBytes: 6_000, maximumPostingsPerTerm: 20)
        let documents = Corpus.filler(articles: 50)
        let index = try DecodedIndex(builder.build(documents))
        let entry = try #require(try index.entry(for: "common"))
        let postings = DecodedIndex.decodePostings(entry.postings)
        #expect(entry.documents == documents.count)
        #expect(postings.count == 20)
        #expect(postings.map(\.id) == postings.map(\.id).sorted())
        // Kept: the best, which include every section where "common" is also in the title (the
        // leads of every tenth article), which outrank the body-only ones.
        let kept = try postings.map { try #require(try index.section(id: $0.id)) }
        #expect(kept.filter { $0.title.hasPrefix("Common title") && $0.anchor == nil }.count == 5)
        let titleImpacts = zip(postings, kept).filter { $0.1.title.hasPrefix("Common title") && $0.1.anchor == nil }.map(\.0.impact)
        let otherImpacts = zip(postings, kept).filter { !($0.1.title.hasPrefix("Common title") && $0.1.anchor == nil) }.map(\.0.impact)
        #expect(try #require(titleImpacts.min()) > (otherImpacts.max() ?? 0))
    }

    @Test func documentStoreGroupsAreFoundByDividingTheId() throws {
        let builder = SearchIndexBuilder(termShardTargetBytes: 24_000, documentGroupTargetBytes: 1_000, maximumPostingsPerTerm: 1_000)
        let documents = Corpus.filler(articles: 30)
        let files = builder.build(documents)
        let index = try DecodedIndex(files)
        let groupFiles = files.filter { $0.path.hasPrefix("search/d-") }
        #expect(groupFiles.count > 10)
        for file in groupFiles { #expect(file.contents.utf8.count < 2_500) }
        // Every document is stored exactly once, under the id its postings use.
        var stored: [String] = []
        for term in ["common"] {
            for posting in try index.postings(for: term) {
                let section = try #require(try index.section(id: posting.id))
                stored.append("\(section.url)#\(section.anchor ?? "")")
            }
        }
        #expect(Set(stored).count == documents.count)
        #expect(Set(stored) == Set(documents.map { "\($0.url)#\($0.anchor ?? "")" }))
    }

    @Test func anchorsAreStoredOnlyWhenTheBrowserCannotDeriveThem() throws {
        var documents = Corpus.handbook
        documents[1].anchor = "letting-go-2" // a repeated heading's anchor
        let index = try DecodedIndex(SearchIndexBuilder().build(documents))
        var stored: [String] = []
        for id in 0..<index.groupCapacity {
            guard let section = try index.section(id: id) else { break }
            stored.append("\(section.url)#\(section.anchor ?? "")")
        }
        #expect(Set(stored) == Set(documents.map { "\($0.url)#\($0.anchor ?? "")" }))
        #expect(DocumentStore.derivedAnchor("Listen more than you talk") == "listen-more-than-you-talk")
        #expect(DocumentStore.derivedAnchor("Don't panic") == nil)
        #expect(DocumentStore.derivedAnchor("Équipe") == nil)
    }

    @Test func topicsAreIdRangesAndTagsHaveFilterFiles() throws {
        let files = SearchIndexBuilder().build(Corpus.handbook)
        let index = try DecodedIndex(files)
        let topics = try #require(index.manifest["topics"] as? [[Any]])
        #expect(topics.map { $0[0] as? String } == ["Pitfalls", "Practices"])
        let tags = try #require(index.manifest["tags"] as? [String])
        #expect(tags == ["coaching", "delegation", "identity", "one-on-ones", "trust"])
        for topic in topics {
            let first = topic[1] as! Int, last = topic[2] as! Int
            for id in first...last {
                if let section = try index.section(id: id) { #expect(section.topic == topics.firstIndex { ($0[0] as! String) == (topic[0] as! String) }) }
            }
        }
        // The delegation tag's sections: the Delegation article (2) and The hero (1).
        let tagIndex = try #require(tags.firstIndex(of: "delegation"))
        let values = CompactEncoding.decodeVarints(try index.tagFilter(tagIndex))
        var ids: [Int] = []
        var end = 0
        for pair in stride(from: 0, to: values.count, by: 2) {
            let first = end + values[pair]
            end = first + values[pair + 1]
            ids += Array(first..<end)
        }
        let urls = try ids.map { try #require(try index.section(id: $0)).url }
        #expect(urls.sorted() == ["pitfalls/the-hero.html", "practices/delegation.html", "practices/delegation.html"])
    }

    @Test func recordsSpellingsAndTypoLexicons() throws {
        let files = SearchIndexBuilder().build(Corpus.handbook)
        let index = try DecodedIndex(files)
        let entry = try #require(try index.entry(for: "deleg"))
        let spellings = entry.tails.split(separator: " ").map { SurfaceForms.spelling(stem: "deleg", tail: String($0)) }
        #expect(Set(spellings) == ["delegation", "delegate", "delegating"])
        #expect(try index.typoList("l", key: "de").contains("deleg"))
        #expect(try index.typoList("x", key: "le").contains("deleg"))
        #expect((index.manifest["lexicons"] as? [String])?.contains("de") == true)
    }

    /// Typo lists and tag filters share files of about `smallFileTargetBytes`; however they are
    /// cut, every list and every tag is in the file the manifest names for it, whole and once.
    @Test func smallListsShareFilesThatTheManifestLocates() throws {
        let files = SearchIndexBuilder().build(Corpus.handbook)
        let index = try DecodedIndex(files)
        let typoFiles = files.filter { $0.path.hasPrefix("search/l-") || $0.path.hasPrefix("search/x-") }
        let filterFiles = files.filter { $0.path.hasPrefix("search/f-") }
        let keys = try #require(index.manifest["lexicons"] as? [String]), skipKeys = try #require(index.manifest["skipLexicons"] as? [String])
        let tags = try #require(index.manifest["tags"] as? [String])
        #expect(typoFiles.count < keys.count + skipKeys.count, "lists share files")
        #expect(filterFiles.count < tags.count, "tags share files")
        #expect(typoFiles.allSatisfy { $0.contents.utf8.count < SearchIndexBuilder.smallFileTargetBytes + 2_000 }, "no file is much over the target")

        // Every list, found through the manifest, is the terms with that key, and no list is
        // in two files.
        let terms = Set(try index.shardKeys.flatMap { try index.entries(ofShard: $0).map(\.term) })
        var listed: [String: Int] = [:]
        for (kind, kindKeys) in [("l", keys), ("x", skipKeys)] {
            for key in kindKeys {
                let list = try index.typoList(kind, key: key)
                #expect(!list.isEmpty)
                for term in list {
                    #expect(terms.contains(String(term)))
                    let units = Array(term.utf16)
                    let termKey = kind == "l" ? CompactEncoding.fileKey(units: units[0..<2]) : CompactEncoding.fileKey(units: units[2..<4])
                    #expect(termKey == key, "\(term) is listed under \(kind)-\(key)")
                    listed["\(kind) \(term)", default: 0] += 1
                }
            }
        }
        #expect(listed.values.allSatisfy { $0 == 1 })
        #expect(Set(listed.keys.filter { $0.hasPrefix("l ") }.map { String($0.dropFirst(2)) })
            == Set(terms.filter { $0.utf16.count >= 3 && !$0.utf16.contains { (0x30...0x39).contains($0) } }))
        let registered = try typoFiles.map { try #require(try DecodedIndex.arguments(of: $0.contents)[1] as? [String: String]).count }
        #expect(registered.reduce(0, +) == keys.count + skipKeys.count, "each list is in one file only")

        for tag in tags.indices { _ = try index.tagFilter(tag) }
        let registeredTags = try filterFiles.map { try #require(try DecodedIndex.arguments(of: $0.contents)[1] as? [String]).count }
        #expect(registeredTags.reduce(0, +) == tags.count, "each tag is in one file only")
    }

    @Test func emptyInputStillGivesAManifest() throws {
        let files = SearchIndexBuilder().build([])
        #expect(files.map(\.path) == ["search/meta.js", Synonyms.path])  // the browser loads both before anything else
        let index = try DecodedIndex(files)
        #expect(index.manifest["documents"] as? Int == 0)
        #expect(index.shardKeys.isEmpty)
    }

    @Test func manifestCarriesTheStopWords() throws {
        let index = try DecodedIndex(SearchIndexBuilder().build(Corpus.handbook))
        let stopWords = try #require(index.manifest["stopWords"] as? String)
        #expect(Set(stopWords.split(separator: " ").map(String.init)) == StopWords.words)
    }
}

@Suite struct PostingCapTests {
    /// The cap keeps the highest scores; among equal scores at the cut, the lowest ids; and
    /// the kept postings stay in id order.
    @Test func keepsTheBestAndBreaksTiesByID() {
        let scores: [Float] = [5, 9, 5, 1, 9, 5, 7, 5, 2, 5]
        let postings = scores.enumerated().map { ScoredPosting(id: Int32($0.offset * 3), score: $0.element) }
        let kept = TermIndex.best(5, of: postings)
        // 9, 9, 7, then two of the five 5s: the ones with the lowest ids (0 and 6).
        #expect(kept.map(\.id) == [0, 3, 6, 12, 18])
        #expect(kept.map(\.score) == [5, 9, 5, 9, 7])
        #expect(TermIndex.best(10, of: postings) == postings)
        #expect(TermIndex.best(0, of: postings).isEmpty)
    }

    /// The same as sorting by score, then id, and taking the first ones, whatever the count
    /// and however many scores are equal.
    @Test(arguments: [1, 2, 7, 50, 199, 200, 201])
    func isTheFirstOfTheSortedPostings(count: Int) {
        var seed: UInt64 = 42
        let postings = (0..<200).map { id -> ScoredPosting in
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return ScoredPosting(id: Int32(id * 2), score: Float(seed >> 59))
        }
        let sorted = postings.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        let kept = TermIndex.best(count, of: postings)
        #expect(kept == sorted.prefix(count).sorted { $0.id < $1.id })
    }

    /// Chunks cut a common term's list once it reaches twice the cap, and the index they make is
    /// the one they would make with every posting kept.
    @Test func chunksCutEarlyWithoutChangingTheIndex() throws {
        let layout = DocumentLayout(Corpus.filler(articles: 120), groupCapacity: 64, groupTargetBytes: 2_000)
        let cut = SearchIndexBuilder.analyze(layout, ranking: Ranking(), maximumPostings: 5)
        let whole = SearchIndexBuilder.analyze(layout, ranking: Ranking(), maximumPostings: Int.max / 2)
        let longest = { (corpus: AnalyzedCorpus) in corpus.chunks.flatMap { $0.postings.map(\.count) }.max() ?? 0 }
        #expect(longest(cut) < 10)
        #expect(longest(whole) > 20)
        let (a, b) = (TermIndex(corpus: cut, maximumPostings: 5), TermIndex(corpus: whole, maximumPostings: 5))
        #expect(a.entries.map(\.term) == b.entries.map(\.term))
        #expect(a.entries.map(\.postings) == b.entries.map(\.postings))
        #expect(a.entries.map(\.documentFrequency) == b.entries.map(\.documentFrequency))
        #expect(a.entries.contains { $0.documentFrequency > 50 && $0.postings.count == 5 })
    }
}

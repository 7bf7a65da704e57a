import Foundation
import Testing
@testable import SearchIndex

/// Word/stem pairs from the published vocabulary and output of the reference implementation.
/// The browser tests compare the JavaScript stemmer against the same file.
func porterVocabularySample() throws -> [(word: String, stem: String)] {
    try wordPairs(fixture: "porter-vocabulary-sample").map { (word: $0.0, stem: $0.1) }
}

/// The `word result` lines of a fixture file, without its `#` comments.
func wordPairs(fixture name: String) throws -> [(String, String)] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures"))
    return try String(contentsOf: url, encoding: .utf8)
        .split(separator: "\n")
        .filter { !$0.hasPrefix("#") }
        .map { line in
            let parts = line.split(separator: " ")
            return (String(parts[0]), String(parts[1]))
        }
}

@Suite struct PorterStemmerTests {
    @Test func matchesThePublishedVocabulary() throws {
        let pairs = try porterVocabularySample()
        #expect(pairs.count >= 3_000)
        let mismatches = pairs.filter { PorterStemmer.stem($0.word) != $0.stem }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20).map { "\($0.word) → \(PorterStemmer.stem($0.word)), expected \($0.stem)" })")
    }

    @Test(arguments: [
        // Step 2 and 3 suffixes the vocabulary sample rarely reaches, through all five steps.
        ("relational", "relat"), ("conditional", "condit"), ("rational", "ration"), ("digitizer", "digit"),
        ("operator", "oper"), ("hopefulness", "hope"), ("goodness", "good"), ("formality", "formal"),
        ("sensitivity", "sensit"), ("electrical", "electr"), ("generalization", "gener"),
        ("archaeology", "archaeolog"), ("possibly", "possibl"),
        ("caresses", "caress"), ("ponies", "poni"), ("cats", "cat"), ("feed", "feed"), ("agreed", "agre"),
        ("plastered", "plaster"), ("motoring", "motor"), ("sing", "sing"), ("hopping", "hop"),
        ("falling", "fall"), ("filing", "file"), ("happy", "happi"), ("delegation", "deleg"), ("delegate", "deleg"),
    ])
    func stemsKnownWords(word: String, stem: String) {
        #expect(PorterStemmer.stem(word) == stem)
    }

    @Test func leavesShortAndNonLetterWordsAlone() {
        #expect(PorterStemmer.stem("as") == "as")
        #expect(PorterStemmer.stem("is") == "is")
        #expect(PorterStemmer.stem("1on1") == "1on1")
        #expect(PorterStemmer.stem("café") == "café")
        #expect(PorterStemmer.stem("") == "")
    }
}

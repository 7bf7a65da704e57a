import Testing
@testable import SearchIndex

@Suite struct TokenizerTests {
    @Test func lowercasesFoldsAccentsAndHandlesApostrophes() {
        #expect(Tokenizer.words("Don't panic: the team's “Café” RÉSUMÉ") == ["dont", "panic", "the", "team", "cafe", "resume"])
        #expect(Tokenizer.words("it’s the others' work") == ["it", "the", "others", "work"])
        #expect(Tokenizer.words("'quoted'") == ["quoted"])
    }

    @Test func splitsAtPunctuationAndHyphens() {
        #expect(Tokenizer.words("One-on-ones, v2.1 (2024)!") == ["one", "on", "ones", "v2", "1", "2024"])
        #expect(Tokenizer.words("  \n\t ") == [])
    }

    @Test func normalizesCompatibilityCharactersAndSigma() {
        #expect(Tokenizer.words("ﬁle") == ["file"])
        #expect(Tokenizer.words("ΟΔΟΣ οδος") == ["οδοσ", "οδοσ"])
        #expect(Tokenizer.words("naïve coöperation") == ["naive", "cooperation"])
    }

    @Test func cutsCJKRunsIntoPairsOfCharacters() {
        #expect(Tokenizer.words("日本語のテキスト です") == ["日本", "本語", "語の", "のテ", "テキ", "キス", "スト", "です"])
        #expect(Tokenizer.words("猫") == ["猫"])
        #expect(Tokenizer.words("swift语言 2024年") == ["swift", "语言", "2024", "年"])
        #expect(Tokenizer.words("ｶﾞｲﾄﾞ ガイド が") == ["ガイ", "イド", "ガイ", "イド", "が"], "half-width kana and voicing marks fold")
        #expect(Tokenizer.words("검색은") == ["검색", "색은"], "Hangul by syllables, not jamo")
        var indexed: [String] = []
        Tokenizer.forEachWord(in: "学会授权", unigrams: true) { indexed.append($0) }
        #expect(indexed == ["学", "学会", "会", "会授", "授", "授权", "权"])
    }

    @Test func keepsOtherScriptsWithoutSpacesAsOneWordPerRun() {
        #expect(Tokenizer.words("ภาษาไทย ง่าย").count == 2)
    }

    @Test func dropsOverlongWords() {
        let longest = String(repeating: "a", count: Tokenizer.maximumWordLength)
        #expect(Tokenizer.words(longest + " " + longest + "a") == [longest])
    }

    @Test func normalizesSingleWords() {
        #expect(Tokenizer.normalize("Leader’s") == "leader")
        #expect(Tokenizer.normalize("—") == nil)
    }
}

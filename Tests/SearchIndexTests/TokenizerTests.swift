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

    @Test func keepsScriptsWithoutSpacesAsOneWordPerRun() {
        #expect(Tokenizer.words("日本語のテキスト です").count == 2)
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

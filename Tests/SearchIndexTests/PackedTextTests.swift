import RawDeflate
import Testing

@Suite struct PackedTextTests {
    static let texts = [
        "", "a", "Délégation, 委任 and 🙂: the same words again and again and again.",
        String(repeating: "A leader's week is meetings, reviews and one-on-ones. ", count: 200),
    ]

    @Test(arguments: texts)
    func deflatedTextReadsBackAsWritten(text: String) {
        let packed = PackedText.deflated(text)
        #expect(packed.isDeflated)
        #expect(packed.text == text)
        #expect(packed.utf8Count == text.utf8.count)
        #expect(!PackedText.plain(text).isDeflated)
        #expect(PackedText.plain(text).text == text)
    }

    @Test func textsAreEqualHoweverTheyAreHeld() {
        let text = Self.texts[2]
        #expect(PackedText.deflated(text) == PackedText.plain(text))
        #expect(PackedText.deflated(text) == PackedText.deflated(text))
        #expect(PackedText.deflated(text).hashValue == PackedText.plain(text).hashValue)
        #expect(PackedText.deflated(text) != PackedText.deflated(text + "!"))
        #expect(PackedText.deflated(text) != PackedText.plain(text + "!"))
    }

    @Test func aPrefixKeepsHowTheTextIsHeld() {
        #expect(PackedText.deflated("body").prefixed(by: "summary\n").isDeflated)
        #expect(PackedText.deflated("body").prefixed(by: "summary\n").text == "summary\nbody")
        #expect(!PackedText.plain("body").prefixed(by: "summary\n").isDeflated)
        #expect(PackedText.plain("body").prefixed(by: "summary\n").text == "summary\nbody")
    }

    /// Holding text deflated is for saving memory: the bytes held are the deflated ones, not a
    /// buffer the size of the text.
    @Test func repetitiveTextIsHeldInAFractionOfItsSize() {
        let text = Self.texts[3]
        #expect(PackedText.deflated(text).heldBytes * 10 < text.utf8.count)
        #expect(PackedText.plain(text).heldBytes == text.utf8.count)
    }
}

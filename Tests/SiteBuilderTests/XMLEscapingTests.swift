@testable import SiteBuilder
import Testing

/// Text placed in XML (feeds, the sitemap, the EPUB's titles, paths and links).
struct XMLEscapingTests {
    @Test func theFiveMarkupCharactersAreEscaped() {
        #expect(XMLEscaping.escape(#"Tom & Jerry's <"best">"#) == "Tom &amp; Jerry&apos;s &lt;&quot;best&quot;&gt;")
    }

    @Test func charactersXMLForbidsAreDroppedAndLineBreaksKept() {
        #expect(XMLEscaping.escape("a\u{0}b\u{1F}c\td\ne\rf") == "abc\td\ne\rf")
        #expect(XMLEscaping.escape("x\u{FFFE}y\u{FFFF}z") == "xyz")
    }

    @Test func otherTextIsReturnedAsItIs() {
        // Letters from every UTF-8 length, and U+F000 to U+FFFD, whose first byte is that of
        // U+FFFE and U+FFFF.
        for text in ["", "chapter-02-007.xhtml", "Délégation", "日本語の章", "emoji 🧭", "\u{F000}\u{FFFD}", "a/b c?d=e;f"] {
            #expect(XMLEscaping.escape(text) == text)
        }
    }
}

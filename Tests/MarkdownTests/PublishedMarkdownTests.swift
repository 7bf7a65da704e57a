import Testing
@testable import Markdown

@Suite struct PublishedMarkdownTests {
    @Test func aByteIsFoundWhereverItStands() {
        let text = "Ünïcödé text, long enough to be read in more than one word: " + String(repeating: "abcdefgh", count: 9)
        #expect(!text.containsUTF8Byte(UInt8(ascii: "<")))
        #expect(!"".containsUTF8Byte(UInt8(ascii: "<")))
        for position in [0, 1, 7, 8, 40, text.utf8.count] {
            var bytes = Array(text.utf8)
            bytes.insert(UInt8(ascii: "<"), at: position)
            #expect(String(decoding: bytes, as: UTF8.self).containsUTF8Byte(UInt8(ascii: "<")), "at \(position)")
        }
        #expect(text.containsUTF8Byte(0xC3))
        #expect(!text.containsUTF8Byte(13))
    }

    @Test func rawHTMLIsTakenOutAndEverythingElseStays() {
        let source = """
        Press <kbd>Ctrl</kbd> and `<b>code</b>` stays, as does <https://example.com>.

        <script>
        alert(1)
        </script>
        after

        > <div onclick="x()">
        > quoted
        > </div>

        - a <br> b
        <!-- a comment -->

        ```
        <b>in a fence</b>
        ```

        """
        let published = PublishedMarkdown.removingRawHTML(source)
        #expect(published == """
        Press Ctrl and `<b>code</b>` stays, as does <https://example.com>.




        after

        > \n> \n> \n
        - a  b


        ```
        <b>in a fence</b>
        ```

        """)
        #expect(PublishedMarkdown.rawHTMLSpans(in: Array(published.utf8)).isEmpty)
    }

    @Test func tagsBroughtToLightAreTakenOutToo() {
        let published = PublishedMarkdown.removingRawHTML("a <<b>b>c</b> d\n")
        #expect(PublishedMarkdown.rawHTMLSpans(in: Array(published.utf8)).isEmpty)
        #expect(!published.contains("<b>"))
    }

    @Test func markdownWithoutTagsIsUnchanged() {
        let source = "# Title\n\n1 < 2 and a [link](x.md).\n"
        #expect(PublishedMarkdown.removingRawHTML(source) == source)
        #expect(PublishedMarkdown.removingRawHTML("no angle brackets\n") == "no angle brackets\n")
    }
}

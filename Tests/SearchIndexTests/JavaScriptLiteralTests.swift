import Foundation
import Testing
@testable import SearchIndex

@Suite struct JavaScriptLiteralTests {
    @Test func escapesWhatCouldEndTheScriptOrTheString() {
        #expect(JavaScriptLiteral.string("</script><!--") == #""\u003c/script\u003e\u003c!--""#)
        #expect(JavaScriptLiteral.string("a & b") == #""a \u0026 b""#)
        #expect(JavaScriptLiteral.string("\u{2028}\u{2029}") == #""\u2028\u2029""#)
        #expect(JavaScriptLiteral.string("say \"hi\" \\ bye") == #""say \"hi\" \\ bye""#)
        #expect(JavaScriptLiteral.string("line\nnext\ttab\u{0}") == #""line\nnext\ttab\u0000""#)
    }

    @Test func writesOnlyASCII() {
        #expect(JavaScriptLiteral.string("café") == #""caf\u00e9""#)
        #expect(JavaScriptLiteral.string("😀") == #""\ud83d\ude00""#)
        let sample = "Ünïcödé ≠ ascii \u{7F} \u{85} 日本 😀 </SCRIPT> \u{2028}"
        #expect(JavaScriptLiteral.string(sample).unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F })
    }

    @Test(arguments: ["", "plain", "</script>\u{2028}\"\\ é 😀 \u{1}", "<img src=x onerror=alert(1)>"])
    func roundTripsThroughAJavaScriptParser(text: String) throws {
        // JSON is a subset of JavaScript literals; a JSON parser reads back the exact text.
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(JavaScriptLiteral.string(text))]".utf8)) as? [String]
        #expect(parsed == [text])
    }
}

import Testing
@testable import SearchIndex

@Suite struct CompactEncodingTests {
    @Test func varintsRoundTripAndStaySmall() {
        let values = [0, 1, 31, 32, 1_023, 1_024, 32_767, 32_768, 1_000_000, Int(Int32.max)]
        var bytes: [UInt8] = []
        for value in values { CompactEncoding.appendVarint(value, to: &bytes) }
        #expect(CompactEncoding.decodeVarints(String(decoding: bytes, as: UTF8.self)) == values)

        func length(_ value: Int) -> Int {
            var bytes: [UInt8] = []
            CompactEncoding.appendVarint(value, to: &bytes)
            return bytes.count
        }
        #expect(length(31) == 1)
        #expect(length(32) == 2)
        #expect(length(1_023) == 2)
        #expect(length(1_024) == 3)
    }

    @Test func alphabetNeedsNoEscaping() {
        #expect(CompactEncoding.alphabet.count == 64)
        #expect(Set(CompactEncoding.alphabet).count == 64)
        for scalar in CompactEncoding.alphabet {
            #expect(JavaScriptLiteral.string(String(scalar)) == "\"\(scalar)\"")
        }
    }

    @Test func fileKeysAreSafeAndDistinct() {
        #expect(CompactEncoding.fileKey("ab9") == "ab9")
        #expect(CompactEncoding.fileKey("é") == "_00e9")
        #expect(CompactEncoding.fileKey("a/") == "a_002f")
        #expect(Set(["a_", "a", "_00", "é", "e", "e\u{301}"].map { CompactEncoding.fileKey($0) }).count == 6)
        #expect(CompactEncoding.fileKey(units: Array("😀".utf16).prefix(1)) == "_d83d")
    }

    @Test func surfaceFormsRoundTrip() {
        for (spelling, stem) in [("delegation", "deleg"), ("happy", "happi"), ("agreed", "agre"), ("ponies", "poni")] {
            let tail = SurfaceForms.tail(of: spelling, stem: stem)
            #expect(SurfaceForms.spelling(stem: stem, tail: tail) == spelling)
        }
        #expect(SurfaceForms.tail(of: "happy", stem: "happi") == "1y")
        #expect(SurfaceForms.tail(of: "delegation", stem: "deleg") == "ation")
    }
}

extension CompactEncoding {
    /// Decodes a string of varints, as `search.js` does.
    static func decodeVarints(_ text: String) -> [Int] {
        var values: [Int] = []
        var value = 0
        for scalar in text.unicodeScalars {
            guard let digit = alphabet.firstIndex(of: scalar) else { return values }
            if digit >= 32 {
                values.append(value * 32 + digit - 32)
                value = 0
            } else {
                value = value * 32 + digit
            }
        }
        return values
    }
}

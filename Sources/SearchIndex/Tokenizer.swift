import Foundation

/// Splits text into normalized words, exactly as `Theme/assets/search-engine.js` does for queries
/// and excerpts (`normalizeWord`, `WORD_PATTERN`); the two must agree or queries miss.
///
/// A word is a run of letters, marks and digits (Unicode categories L, M and N) that may continue
/// across an apostrophe (' or ’) with word characters on both sides. Normalizing a word:
/// lowercase, decompose (NFKD), keep only letters, digits and apostrophes (so accents go: "café"
/// matches "cafe"), fold final sigma into sigma, drop a trailing possessive "'s", drop the
/// remaining apostrophes ("don't" → "dont"). Words longer than ``maximumWordLength`` UTF-16 units
/// are ignored: they are hashes and URLs, not words anyone types.
///
/// Scripts without spaces (Chinese, Japanese, Thai) come out as one word per run; the search
/// finds them by prefix at best. Segmenting them would need dictionaries this module avoids.
///
/// The scanner reads UTF-8 bytes and handles ASCII words without Foundation; indexing spends
/// most of its time here.
enum Tokenizer {
    static let maximumWordLength = 64

    /// The normalized words of `text`, in order.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { words.append($0) }
        return words
    }

    /// Calls `body` with each normalized word of `text`, in order.
    static func forEachWord(in text: String, _ body: (String) -> Void) {
        forEachWordBytes(in: text) { body(String(decoding: $0, as: UTF8.self)) }
    }

    /// Calls `body` with the UTF-8 bytes of each normalized word of `text`, in order; the
    /// buffer is only valid during the call.
    static func forEachWordBytes(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes)
            scanner.run(body)
        }
    }

    /// The normalized form of one raw word, or nil when nothing searchable is left.
    static func normalize(_ raw: String) -> String? {
        normalizeUnicode(raw)
    }

    private enum CharacterKind {
        case word, apostrophe, other
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        /// The current word's lowercased bytes, while it is all ASCII.
        var lowered: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            lowered.reserveCapacity(64)
        }

        /// The kind and UTF-8 length of the character at `index`.
        func character(at index: Int) -> (kind: CharacterKind, length: Int) {
            let lead = bytes[index]
            if lead < 0x80 {
                let lower = lead | 0x20
                if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (lead >= UInt8(ascii: "0") && lead <= UInt8(ascii: "9")) {
                    return (.word, 1)
                }
                return (lead == UInt8(ascii: "'") ? .apostrophe : .other, 1)
            }
            let (scalar, length) = decodeScalar(at: index)
            if scalar == "\u{2019}" { return (.apostrophe, length) }
            return (Tokenizer.isWordCharacter(scalar) ? .word : .other, length)
        }

        func decodeScalar(at index: Int) -> (Unicode.Scalar, Int) {
            let (value, length) = bytes.scalarValue(at: index)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
        }

        mutating func run(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            var index = 0
            var wordStart = -1
            var isASCII = true

            func finish(at end: Int) {
                defer { wordStart = -1 }
                guard wordStart >= 0 else { return }
                if isASCII {
                    if Tokenizer.normalizeASCII(&lowered) { lowered.withUnsafeBufferPointer(body) }
                } else if var word = Tokenizer.normalizeUnicode(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<end]), as: UTF8.self)) {
                    word.withUTF8(body)
                }
            }

            while index < bytes.count {
                let (kind, length) = character(at: index)
                switch kind {
                case .word:
                    if wordStart < 0 {
                        wordStart = index
                        isASCII = true
                        lowered.removeAll(keepingCapacity: true)
                    }
                    if length == 1 {
                        let byte = bytes[index]
                        lowered.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
                    } else {
                        isASCII = false
                    }
                case .apostrophe:
                    let next = index + length
                    if wordStart >= 0, next < bytes.count, character(at: next).kind == .word {
                        if length == 1 { lowered.append(UInt8(ascii: "'")) } else { isASCII = false }
                    } else {
                        finish(at: index)
                    }
                case .other:
                    finish(at: index)
                }
                index += length
            }
            finish(at: index)
        }
    }

    /// Normalizes a lowercased ASCII word in place (NFKD and the category filter change nothing);
    /// false when nothing searchable is left.
    private static func normalizeASCII(_ word: inout [UInt8]) -> Bool {
        let apostrophe = UInt8(ascii: "'")
        if word.count >= 2, word[word.count - 1] == UInt8(ascii: "s"), word[word.count - 2] == apostrophe {
            word.removeLast(2)
        }
        if word.contains(apostrophe) { word.removeAll { $0 == apostrophe } }
        return !word.isEmpty && word.count <= maximumWordLength
    }

    private static func normalizeUnicode(_ raw: String) -> String? {
        let decomposed = raw.lowercased().decomposedStringWithCompatibilityMapping
        var scalars = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            if isApostrophe(scalar) {
                scalars.append("'")
            } else if scalar == "\u{03C2}" {
                scalars.append("\u{03C3}")  // ς → σ: JavaScript's toLowerCase yields ς at word ends
            } else if isLetterOrDigit(scalar) {
                scalars.append(scalar)
            }
        }
        var word = String(scalars)
        if word.hasSuffix("'s") { word.removeLast(2) }
        word.removeAll { $0 == "'" }
        guard !word.isEmpty, word.utf16.count <= maximumWordLength else { return nil }
        return word
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }

    /// Letters, marks and digits: JavaScript's `[\p{L}\p{M}\p{N}]`.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: isLetterOrDigit(scalar)
        }
    }

    /// Letters and digits: JavaScript's `[\p{L}\p{N}]`.
    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            true
        default:
            false
        }
    }
}

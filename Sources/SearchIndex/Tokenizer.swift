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
/// Languages that stem with their accents (German, French, Spanish: see ``SearchLanguage``)
/// normalize in a ``WordStyle`` that keeps them: lowercase and compose (NFKC), keeping marks; their
/// terms are folded after stemming. French also drops an elision (l'équipe → équipe).
///
/// Chinese, Japanese and Korean are written without spaces between words, and segmenting them
/// would need dictionaries this module avoids. A run of Han, kana or Hangul (``isCJK``) inside a
/// word is cut out of it, folded (``foldCJK``) and split into overlapping pairs of characters
/// ("検索エンジン" → 検索 索エ エン ンジ ジン), or is its one character when it has only one; the
/// rest of the word is a word of its own ("swift语言" → "swift", "语言"). A query of several
/// characters is therefore found by its pairs, in order. With `unigrams` (at build time), every
/// character of such a run is also a word, so that a query of one character finds it.
///
/// Scripts with no spaces that are not listed (Thai, Lao, Khmer) come out as one word per run;
/// the search finds them by prefix at best.
///
/// The scanner reads UTF-8 bytes and handles ASCII words without Foundation; indexing spends
/// most of its time here.
enum Tokenizer {
    static let maximumWordLength = 64

    /// How words are normalized, by language.
    struct WordStyle: Sendable, Equatable {
        /// Keep accents and other marks (composed), for a stemmer that needs them.
        var keepsAccents = false
        /// Drop a leading c', d', j', l', m', n', s', t', z' or qu' (French).
        var dropsElisions = false

        static let folded = WordStyle()
    }

    /// The normalized words of `text`, in order.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { words.append($0) }
        return words
    }

    /// The normalized words of `text` as a query reads them: no single characters for runs of
    /// CJK characters longer than one.
    static func words(_ text: String, style: WordStyle) -> [String] {
        var words: [String] = []
        forEachWord(in: text, style: style) { words.append($0) }
        return words
    }

    /// Calls `body` with each normalized word of `text`, in order.
    static func forEachWord(in text: String, style: WordStyle = .folded, unigrams: Bool = false, _ body: (String) -> Void) {
        forEachWordBytes(in: text, style: style, unigrams: unigrams) { body(String(decoding: $0, as: UTF8.self)) }
    }

    /// Calls `body` with the UTF-8 bytes of each normalized word of `text`, in order; the
    /// buffer is only valid during the call.
    static func forEachWordBytes(in text: String, style: WordStyle = .folded, unigrams: Bool = false,
                                 _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes, style: style, unigrams: unigrams)
            scanner.run(body)
        }
    }

    /// The normalized form of one raw word, or nil when nothing searchable is left.
    static func normalize(_ raw: String, style: WordStyle = .folded) -> String? {
        normalizeUnicode(raw, style: style)
    }

    /// Calls `body` with the normalized words of one raw non-ASCII word: the word itself, or,
    /// when it has CJK characters, its other parts and the pairs (and with `unigrams` the single
    /// characters) of its CJK runs.
    static func forEachPiece(of raw: String, style: WordStyle, unigrams: Bool, _ body: (String) -> Void) {
        guard raw.unicodeScalars.contains(where: isCJK) else {
            if let word = normalizeUnicode(raw, style: style) { body(word) }
            return
        }
        var run = String.UnicodeScalarView()
        var runIsCJK = false
        func finishRun() {
            defer { run.removeAll() }
            guard !run.isEmpty else { return }
            guard runIsCJK else {
                if let word = normalizeUnicode(String(run), style: style) { body(word) }
                return
            }
            let characters = Array(foldCJK(String(run)).unicodeScalars)
            if characters.count == 1 { body(String(characters[0])) }
            guard characters.count > 1 else { return }
            for index in 0..<characters.count - 1 {
                if unigrams { body(String(characters[index])) }
                var pair = String.UnicodeScalarView()
                pair.append(characters[index])
                pair.append(characters[index + 1])
                body(String(pair))
            }
            if unigrams { body(String(characters[characters.count - 1])) }
        }
        for scalar in raw.unicodeScalars {
            let isCJK = isCJK(scalar)
            if isCJK != runIsCJK { finishRun() }
            runIsCJK = isCJK
            run.append(scalar)
        }
        finishRun()
    }

    /// Han (with its extensions and compatibility ideographs), hiragana, katakana (with the
    /// half-width forms and the voicing marks) and Hangul. JavaScript: `CJK_PATTERN`.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x3005...0x3007, 0x3040...0x30FF, 0x3130...0x318F, 0x31F0...0x31FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF66...0xFF9F,
             0x20000...0x2FFFF:
            true
        default:
            false
        }
    }

    /// A CJK run folded as words are (lowercase, NFKD, letters and digits only), except that
    /// the kana voicing marks stay and the result is composed again (NFC): が stays が, not か,
    /// and Hangul syllables stay syllables. No length limit: the run is cut into pairs.
    static func foldCJK(_ run: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in run.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars
        where isLetterOrDigit(scalar) || scalar == "\u{3099}" || scalar == "\u{309A}" {
            scalars.append(scalar)
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    private enum CharacterKind {
        case word, apostrophe, other
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let style: WordStyle
        let unigrams: Bool
        /// The current word's lowercased bytes, while it is all ASCII.
        var lowered: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>, style: WordStyle, unigrams: Bool) {
            self.bytes = bytes
            self.style = style
            self.unigrams = unigrams
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
                    if Tokenizer.normalizeASCII(&lowered, dropsElisions: style.dropsElisions) { lowered.withUnsafeBufferPointer(body) }
                } else {
                    let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<end]), as: UTF8.self)
                    Tokenizer.forEachPiece(of: raw, style: style, unigrams: unigrams) { piece in
                        var word = piece
                        word.withUTF8(body)
                    }
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
    private static func normalizeASCII(_ word: inout [UInt8], dropsElisions: Bool) -> Bool {
        let apostrophe = UInt8(ascii: "'")
        if dropsElisions, let length = elisionLength(word.lazy.map { Unicode.Scalar($0) }), word.count > length {
            word.removeFirst(length)
        }
        if word.count >= 2, word[word.count - 1] == UInt8(ascii: "s"), word[word.count - 2] == apostrophe {
            word.removeLast(2)
        }
        if word.contains(apostrophe) { word.removeAll { $0 == apostrophe } }
        return !word.isEmpty && word.count <= maximumWordLength
    }

    private static func normalizeUnicode(_ raw: String, style: WordStyle) -> String? {
        let lowered = raw.lowercased()
        let normalized = style.keepsAccents ? lowered.precomposedStringWithCompatibilityMapping : lowered.decomposedStringWithCompatibilityMapping
        var scalars = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            if isApostrophe(scalar) {
                scalars.append("'")
            } else if scalar == "\u{03C2}" {
                scalars.append("\u{03C3}")  // ς → σ: JavaScript's toLowerCase yields ς at word ends
            } else if style.keepsAccents ? isWordCharacter(scalar) : isLetterOrDigit(scalar) {
                scalars.append(scalar)
            }
        }
        if style.dropsElisions, let length = elisionLength(scalars), scalars.count > length {
            scalars.removeFirst(length)
        }
        var word = String(scalars)
        if word.hasSuffix("'s") { word.removeLast(2) }
        // By scalar, as JavaScript does: with accents kept, a mark can join an apostrophe.
        word.unicodeScalars.removeAll { $0 == "'" }
        guard !word.isEmpty, word.utf16.count <= maximumWordLength else { return nil }
        return word
    }

    /// The length of a French elision at the start of a normalized word (l', qu'…), if any.
    static func elisionLength<Word: Collection<Unicode.Scalar>>(_ word: Word) -> Int? {
        var scalars = word.prefix(3).makeIterator()
        guard let first = scalars.next(), let second = scalars.next() else { return nil }
        if "cdjlmnstz".unicodeScalars.contains(first), second == "'" { return 2 }
        if first == "q", second == "u", scalars.next() == "'" { return 3 }
        return nil
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

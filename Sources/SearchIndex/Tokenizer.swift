import Foundation

/// Splits text into normalized words, exactly as `Theme/assets/search.js` does for queries and
/// excerpts (`normalizeWord`, `WORD_PATTERN`); the two must agree or queries miss.
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
enum Tokenizer {
    static let maximumWordLength = 64

    /// The normalized words of `text`, in order.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        words.reserveCapacity(text.utf8.count / 5)
        var current = String.UnicodeScalarView()
        var currentIsASCII = true
        let scalars = text.unicodeScalars

        func finishWord() {
            guard !current.isEmpty else { return }
            if let word = normalize(current, isASCII: currentIsASCII) { words.append(word) }
            current = String.UnicodeScalarView()
            currentIsASCII = true
        }

        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if isWordCharacter(scalar) {
                current.append(scalar)
                if !scalar.isASCII { currentIsASCII = false }
            } else if isApostrophe(scalar), !current.isEmpty, next < scalars.endIndex, isWordCharacter(scalars[next]) {
                current.append(scalar)
                if !scalar.isASCII { currentIsASCII = false }
            } else {
                finishWord()
            }
            index = next
        }
        finishWord()
        return words
    }

    /// The normalized form of one raw word, or nil when nothing searchable is left.
    static func normalize(_ raw: String) -> String? {
        normalize(raw.unicodeScalars, isASCII: raw.unicodeScalars.allSatisfy(\.isASCII))
    }

    private static func normalize(_ raw: String.UnicodeScalarView, isASCII: Bool) -> String? {
        var scalars: [Unicode.Scalar]
        if isASCII {
            // NFKD and the category filter do nothing to ASCII letters, digits and apostrophes.
            scalars = raw.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }
        } else {
            let decomposed = String(raw).lowercased().decomposedStringWithCompatibilityMapping
            scalars = []
            for scalar in decomposed.unicodeScalars {
                if isApostrophe(scalar) {
                    scalars.append("'")
                } else if scalar == "\u{03C2}" {
                    scalars.append("\u{03C3}")  // ς → σ: JavaScript's toLowerCase yields ς at word ends
                } else if isLetterOrDigit(scalar) {
                    scalars.append(scalar)
                }
            }
        }
        if scalars.count >= 2, scalars[scalars.count - 1] == "s", scalars[scalars.count - 2] == "'" {
            scalars.removeLast(2)
        }
        scalars.removeAll { $0 == "'" }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: scalars)
        let result = String(word)
        guard !result.isEmpty, result.utf16.count <= maximumWordLength else { return nil }
        return result
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }

    /// Letters, marks and digits: JavaScript's `[\p{L}\p{M}\p{N}]`.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return isLetterOrDigit(scalar)
        }
    }

    /// Letters and digits: JavaScript's `[\p{L}\p{N}]`.
    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}

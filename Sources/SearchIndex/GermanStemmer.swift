/// The Snowball project's German stemmer (snowballstem.org, `algorithms/german.sbl`), step for
/// step, for lowercase words with their umlauts and ß (the caller folds accents afterwards).
/// `germanStem` in `Theme/assets/search-stemmers.js` is the same algorithm; both are checked
/// against `Tests/SearchIndexTests/Fixtures/snowball-german-sample.txt`, a sample of the
/// project's published vocabulary and output.
///
/// The steps: mark `u` and `y` between vowels as consonants; write ß as `ss` and `ae`, `oe`,
/// `ue` as umlauts (not after `q`); find the regions R1 and R2; remove inflectional endings
/// (-e, -en, -er, -es, -em, -s, -erin, -ln…), then -en, -er, -est, -st, -et, then derivational
/// suffixes (-end, -ung, -ig, -ik, -isch, -lich, -heit, -keit); finally undo the marks and
/// write umlauts as plain vowels.
enum GermanStemmer {
    static func stem(_ word: String) -> String {
        var s = SnowballWord(word)
        guard s.count > 0 else { return word }
        prelude(&s)
        let (p1, p2) = regions(s)
        standardSuffix(&s, p1: p1, p2: p2)
        return s.string { scalar in
            switch scalar {
            case "Y": "y"
            case "U": "u"
            case "\u{E4}": "a"
            case "\u{F6}": "o"
            case "\u{FC}": "u"
            default: scalar
            }
        }
    }

    static func isVowel(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a", "e", "i", "o", "u", "y", "\u{E4}", "\u{F6}", "\u{FC}": true
        default: false
        }
    }

    static func isSEnding(_ c: Unicode.Scalar) -> Bool { "bdfghklmnrt".unicodeScalars.contains(c) }
    static func isSTEnding(_ c: Unicode.Scalar) -> Bool { "bdfghklmnt".unicodeScalars.contains(c) }
    static func isETEnding(_ c: Unicode.Scalar) -> Bool { "dfgklmnrstUz\u{E4}".unicodeScalars.contains(c) }

    private static func prelude(_ s: inout SnowballWord) {
        var i = 0
        while i + 2 < s.count {
            if isVowel(s[i]), isVowel(s[i + 2]) {
                if s[i + 1] == "u" { s[i + 1] = "U" } else if s[i + 1] == "y" { s[i + 1] = "Y" }
            }
            i += 1
        }
        var out: [Unicode.Scalar] = []
        i = 0
        while i < s.count {
            let c = s[i], next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            if c == "\u{DF}" {
                out += ["s", "s"]; i += 1
            } else if next == "e", c == "a" || c == "o" || c == "u" {
                out.append(c == "a" ? "\u{E4}" : c == "o" ? "\u{F6}" : "\u{FC}"); i += 2
            } else if c == "q", next == "u" {
                out += ["q", "u"]; i += 2
            } else {
                out.append(c); i += 1
            }
        }
        s.scalars = out
    }

    /// R1 (at least three letters in) and R2, as positions.
    private static func regions(_ s: SnowballWord) -> (Int, Int) {
        let limit = s.count
        guard limit >= 3 else { return (limit, limit) }
        guard let afterFirst = s.afterVowelThenConsonant(from: 0, isVowel: isVowel) else { return (limit, limit) }
        let p1 = max(afterFirst, 3)
        let p2 = s.afterVowelThenConsonant(from: afterFirst, isVowel: isVowel) ?? limit
        return (p1, p2)
    }

    private static func standardSuffix(_ s: inout SnowballWord, p1: Int, p2: Int) {
        // Step 1: inflectional endings.
        if let suffix = s.longestSuffix(["em", "ern", "er", "erin", "erinnen", "e", "en", "es", "s", "ln", "lns"]) {
            let start = s.count - suffix.count
            if start >= p1 {
                switch suffix {
                case "em":
                    if !s.endsWith("syst", before: start) { s.truncate(to: start) }
                case "ern", "er", "erin", "erinnen":
                    s.truncate(to: start)
                case "e", "en", "es":
                    s.truncate(to: start)
                    if s.endsWith("niss") { s.truncate(to: s.count - 1) }
                case "s":
                    if start > 0, isSEnding(s[start - 1]) { s.truncate(to: start) }
                default:  // ln, lns
                    s.truncate(to: start)
                    s.scalars.append("l")
                }
            }
        }
        // Step 2.
        if let suffix = s.longestSuffix(["en", "er", "est", "st", "et"]) {
            let start = s.count - suffix.count
            if start >= p1 {
                switch suffix {
                case "st":
                    if start >= 4, isSTEnding(s[start - 1]) { s.truncate(to: start) }
                case "et":
                    if start > 0, isETEnding(s[start - 1]),
                       !["geordn", "intern", "plan", "tick", "tr"].contains(where: { s.endsWith($0, before: start) }) {
                        s.truncate(to: start)
                    }
                default:
                    s.truncate(to: start)
                }
            }
        }
        // Step 3: derivational suffixes.
        if let suffix = s.longestSuffix(["end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"]) {
            let start = s.count - suffix.count
            guard start >= p2 else { return }
            switch suffix {
            case "end", "ung":
                s.truncate(to: start)
                if s.endsWith("ig"), s.count - 2 >= p2, !s.endsWith("e", before: s.count - 2) { s.truncate(to: s.count - 2) }
            case "ig", "ik", "isch":
                if !s.endsWith("e", before: start) { s.truncate(to: start) }
            case "lich", "heit":
                s.truncate(to: start)
                if s.endsWith("er") || s.endsWith("en"), s.count - 2 >= p1 { s.truncate(to: s.count - 2) }
            default:  // keit
                s.truncate(to: start)
                if let inner = s.longestSuffix(["lich", "ig"]), s.count - inner.count >= p2 { s.truncate(to: s.count - inner.count) }
            }
        }
    }
}

/// A word being stemmed by a Snowball algorithm: its Unicode scalars, with the few operations
/// the algorithms use on them.
struct SnowballWord {
    var scalars: [Unicode.Scalar]

    init(_ word: String) { scalars = Array(word.unicodeScalars) }

    var count: Int { scalars.count }

    subscript(index: Int) -> Unicode.Scalar {
        get { scalars[index] }
        set { scalars[index] = newValue }
    }

    /// Whether the scalars before `end` (the whole word when nil) end with `suffix`.
    func endsWith(_ suffix: String, before end: Int? = nil) -> Bool {
        let end = end ?? scalars.count
        let tail = Array(suffix.unicodeScalars)
        guard tail.count <= end else { return false }
        return scalars[(end - tail.count)..<end].elementsEqual(tail)
    }

    /// The longest of `suffixes` the word ends with.
    func longestSuffix(_ suffixes: [String]) -> String? {
        var best: String?
        for suffix in suffixes where endsWith(suffix) {
            if best == nil || suffix.unicodeScalars.count > best!.unicodeScalars.count { best = suffix }
        }
        return best
    }

    mutating func truncate(to length: Int) { scalars.removeLast(scalars.count - length) }

    /// Snowball's `gopast v gopast non-v` from `start`: the position after the first consonant
    /// that follows a vowel, or nil.
    func afterVowelThenConsonant(from start: Int, isVowel: (Unicode.Scalar) -> Bool) -> Int? {
        var i = start
        while i < scalars.count, !isVowel(scalars[i]) { i += 1 }
        guard i < scalars.count else { return nil }
        i += 1
        while i < scalars.count, isVowel(scalars[i]) { i += 1 }
        guard i < scalars.count else { return nil }
        return i + 1
    }

    /// The word, each scalar mapped.
    func string(_ map: (Unicode.Scalar) -> Unicode.Scalar = { $0 }) -> String {
        var view = String.UnicodeScalarView()
        for scalar in scalars { view.append(map(scalar)) }
        return String(view)
    }
}

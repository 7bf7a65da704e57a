/// The Snowball project's Spanish stemmer (snowballstem.org, `algorithms/spanish.sbl`), step for
/// step, for lowercase words with their accents (the caller folds them afterwards).
/// `spanishStem` in `Theme/assets/search-stemmers.js` is the same algorithm; both are checked
/// against `Tests/SearchIndexTests/Fixtures/snowball-spanish-sample.txt`.
///
/// The steps: find the regions RV, R1 and R2; remove a pronoun attached to a gerund or an
/// infinitive (dándole → dando); remove one standard suffix (-amiento, -ación, -idad, -mente…)
/// or else a verb ending; remove a final vowel or -os inside RV; drop the acute accents.
enum SpanishStemmer {
    static func stem(_ word: String) -> String {
        var s = SnowballWord(word)
        guard s.count > 0 else { return word }
        let pV = rvStart(s)
        var p1 = s.count, p2 = s.count
        if let first = s.afterVowelThenConsonant(from: 0, isVowel: isVowel) {
            p1 = first
            p2 = s.afterVowelThenConsonant(from: first, isVowel: isVowel) ?? s.count
        }
        attachedPronoun(&s, pV: pV)
        if !standardSuffix(&s, p1: p1, p2: p2), !verbSuffix(&s, pV: pV, yVerbSuffixes, afterU: true) {
            _ = verbSuffix(&s, pV: pV, verbSuffixes, afterU: false)
        }
        if let residual = s.longestSuffix(["os", "a", "o", "\u{E1}", "\u{ED}", "\u{F3}", "e", "\u{E9}"]), s.count - residual.unicodeScalars.count >= pV {
            s.truncate(to: s.count - residual.unicodeScalars.count)
            if residual == "e" || residual == "\u{E9}", s.endsWith("gu"), s.count - 1 >= pV { s.truncate(to: s.count - 1) }
        }
        return s.string { scalar in
            switch scalar {
            case "\u{E1}": "a"
            case "\u{E9}": "e"
            case "\u{ED}": "i"
            case "\u{F3}": "o"
            case "\u{FA}": "u"
            default: scalar
            }
        }
    }

    static func isVowel(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a", "e", "i", "o", "u", "\u{E1}", "\u{E9}", "\u{ED}", "\u{F3}", "\u{FA}", "\u{FC}": true
        default: false
        }
    }

    /// RV: after the next vowel when the second letter is a consonant, after the next consonant
    /// when the first two are vowels, else after the third letter (the end when there is none).
    static func rvStart(_ s: SnowballWord) -> Int {
        let n = s.count
        guard n >= 2 else { return n }
        let firstIsVowel = isVowel(s[0]), secondIsVowel = isVowel(s[1])
        if firstIsVowel == secondIsVowel || !secondIsVowel {
            // vowel-vowel: past the next consonant; consonant-consonant or vowel-consonant: past the next vowel.
            let wantVowel = !(firstIsVowel && secondIsVowel)
            for index in 2..<max(2, n) where isVowel(s[index]) == wantVowel { return index + 1 }
            return n
        }
        return n >= 3 ? 3 : n
    }

    private static func attachedPronoun(_ s: inout SnowballWord, pV: Int) {
        guard let pronoun = s.longestSuffix(["me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos"]) else { return }
        var before = s
        before.truncate(to: s.count - pronoun.unicodeScalars.count)
        guard let ending = before.longestSuffix(["i\u{E9}ndo", "\u{E1}ndo", "\u{E1}r", "\u{E9}r", "\u{ED}r", "ando", "iendo", "ar", "er", "ir", "yendo"]),
              before.count - ending.unicodeScalars.count >= pV else { return }
        let plain: [String: String] = ["i\u{E9}ndo": "iendo", "\u{E1}ndo": "ando", "\u{E1}r": "ar", "\u{E9}r": "er", "\u{ED}r": "ir"]
        if let replacement = plain[ending] {
            before.truncate(to: before.count - ending.unicodeScalars.count)
            before.scalars += replacement.unicodeScalars
            s = before
        } else if ending != "yendo" || before.endsWith("uyendo") {
            s = before
        }
    }

    /// Whether a suffix was removed or replaced.
    private static func standardSuffix(_ s: inout SnowballWord, p1: Int, p2: Int) -> Bool {
        guard let suffix = s.longestSuffix(Array(standardSuffixes.keys)), let group = standardSuffixes[suffix] else { return false }
        let start = s.count - suffix.unicodeScalars.count
        func replace(_ by: String) {
            s.truncate(to: start)
            s.scalars += by.unicodeScalars
        }
        func drop(_ tail: String, region: Int) -> Bool {
            guard s.endsWith(tail), s.count - tail.unicodeScalars.count >= region else { return false }
            s.truncate(to: s.count - tail.unicodeScalars.count)
            return true
        }
        if group == 6 {  // -amente
            guard start >= p1 else { return false }
            s.truncate(to: start)
            if let inner = s.longestSuffix(["iv", "os", "ic", "ad"]), s.count - inner.count >= p2 {
                s.truncate(to: s.count - inner.count)
                if inner == "iv" { _ = drop("at", region: p2) }
            }
            return true
        }
        guard start >= p2 else { return false }
        switch group {
        case 1: s.truncate(to: start)
        case 2: s.truncate(to: start); _ = drop("ic", region: p2)
        case 3: replace("log")
        case 4: replace("u")
        case 5: replace("ente")
        case 7:
            s.truncate(to: start)
            if let after = s.longestSuffix(["ante", "able", "ible"]) { _ = drop(after, region: p2) }
        case 8:
            s.truncate(to: start)
            if let tail = s.longestSuffix(["abil", "ic", "iv"]) { _ = drop(tail, region: p2) }
        default:
            s.truncate(to: start)
            _ = drop("at", region: p2)
        }
        return true
    }

    /// A verb ending inside RV; the y- forms only after u. Whether one was removed.
    private static func verbSuffix(_ s: inout SnowballWord, pV: Int, _ suffixes: [String], afterU: Bool) -> Bool {
        var best: String?
        for suffix in suffixes where s.count - suffix.unicodeScalars.count >= pV && s.endsWith(suffix) {
            if best == nil || suffix.unicodeScalars.count > best!.unicodeScalars.count { best = suffix }
        }
        guard let suffix = best else { return false }
        var start = s.count - suffix.unicodeScalars.count
        if afterU {
            guard s.endsWith("u", before: start) else { return false }
        } else if ["en", "es", "\u{E9}is", "emos"].contains(suffix), s.endsWith("gu", before: start) {
            start -= 1
        }
        s.truncate(to: start)
        return true
    }

    /// The standard suffixes by what is done with them (see `standardSuffix`).
    static let standardSuffixes: [String: Int] = {
        let groups: [(Int, String)] = [
            (1, "anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas amiento amientos imiento imientos"),
            (2, "adora ador aci\u{F3}n adoras adores aciones ante antes ancia ancias acion"),
            (3, "log\u{ED}a log\u{ED}as"), (4, "uci\u{F3}n uciones ucion"), (5, "encia encias"), (6, "amente"), (7, "mente"),
            (8, "idad idades"), (9, "iva ivo ivas ivos"),
        ]
        var table: [String: Int] = [:]
        for (group, words) in groups {
            for word in words.split(separator: " ") { table[String(word)] = group }
        }
        return table
    }()

    static let yVerbSuffixes = ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "y\u{F3}", "yas", "yes", "yais", "yamos"]

    static let verbSuffixes: [String] = ("""
        en es \u{E9}is emos ar\u{ED}an ar\u{ED}as ar\u{E1}n ar\u{E1}s ar\u{ED}ais ar\u{ED}a ar\u{E9}is ar\u{ED}amos aremos ar\u{E1} ar\u{E9} \
        er\u{ED}an er\u{ED}as er\u{E1}n er\u{E1}s er\u{ED}ais er\u{ED}a er\u{E9}is er\u{ED}amos eremos er\u{E1} er\u{E9} \
        ir\u{ED}an ir\u{ED}as ir\u{E1}n ir\u{E1}s ir\u{ED}ais ir\u{ED}a ir\u{E9}is ir\u{ED}amos iremos ir\u{E1} ir\u{E9} \
        aba ada ida \u{ED}a ara iera ad ed id ase iese aste iste an aban \u{ED}an aran ieran asen iesen aron ieron ado \
        ido ando iendo i\u{F3} ar er ir as abas adas idas \u{ED}as aras ieras ases ieses \u{ED}s \u{E1}is abais \u{ED}ais arais \
        ierais aseis ieseis asteis isteis ados idos amos \u{E1}bamos \u{ED}amos imos \u{E1}ramos i\u{E9}ramos i\u{E9}semos \u{E1}semos
        """).split(separator: " ").map(String.init)
}

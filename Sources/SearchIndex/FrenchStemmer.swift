/// The Snowball project's French stemmer (snowballstem.org, `algorithms/french.sbl`), step for
/// step, for lowercase words with their accents (the caller folds them afterwards).
/// `frenchStem` in `Theme/assets/search-stemmers.js` is the same algorithm; both are checked
/// against `Tests/SearchIndexTests/Fixtures/snowball-french-sample.txt`.
///
/// The steps: drop an elision (l', qu'…); mark u, i and y that act as consonants (and ë, ï);
/// find the regions RV, R1 and R2; remove one standard suffix (-ement, -ité, -ation, -euse…),
/// or an -ir verb ending, or another verb ending, or else a residual -e, -s, -ion or -ier; undo a
/// doubled final consonant (-enn, -ett…) and an acute or grave accent before the last
/// consonants; then undo the marks.
enum FrenchStemmer {
    static func stem(_ word: String) -> String {
        var s = SnowballWord(word)
        if let elision = elisionLength(s), elision < s.count { s.scalars.removeFirst(elision) }
        guard s.count > 0 else { return word }
        prelude(&s)
        let (pV, p1, p2) = regions(s)
        if standardSuffix(&s, pV: pV, p1: p1, p2: p2) || iVerbSuffix(&s, pV: pV) || verbSuffix(&s, pV: pV, p2: p2) {
            if s.endsWith("Y") { s[s.count - 1] = "i" } else if s.endsWith("\u{E7}") { s[s.count - 1] = "c" }
        } else {
            residualSuffix(&s, pV: pV, p2: p2)
        }
        if s.longestSuffix(["enn", "onn", "ett", "ell", "eill"]) != nil { s.truncate(to: s.count - 1) }
        var index = s.count
        while index > 0, !isVowel(s[index - 1]) { index -= 1 }
        if index < s.count, index > 0, s[index - 1] == "\u{E9}" || s[index - 1] == "\u{E8}" { s[index - 1] = "e" }
        var out: [Unicode.Scalar] = []
        var position = 0
        while position < s.count {
            let c = s[position]
            if c == "H" {
                let next: Unicode.Scalar? = position + 1 < s.count ? s[position + 1] : nil
                if next == "e" { out.append("\u{EB}"); position += 2; continue }
                if next == "i" { out.append("\u{EF}"); position += 2; continue }
                position += 1
                continue
            }
            out.append(c == "I" ? "i" : c == "U" ? "u" : c == "Y" ? "y" : c)
            position += 1
        }
        s.scalars = out
        return s.string()
    }

    static func isVowel(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a", "e", "i", "o", "u", "y", "\u{E2}", "\u{E0}", "\u{EB}", "\u{E9}", "\u{EA}", "\u{E8}", "\u{EF}", "\u{EE}", "\u{F4}", "\u{FB}", "\u{F9}":
            true
        default:
            false
        }
    }

    /// The length of a leading c', d', j', l', m', n', s', t', z' or qu'.
    private static func elisionLength(_ s: SnowballWord) -> Int? {
        guard s.count >= 2 else { return nil }
        if "cdjlmnstz".unicodeScalars.contains(s[0]), s[1] == "'" { return 2 }
        if s.count >= 3, s[0] == "q", s[1] == "u", s[2] == "'" { return 3 }
        return nil
    }

    private static func prelude(_ s: inout SnowballWord) {
        var i = 0
        while i < s.count {
            let c = s[i], next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            if isVowel(c), next == "u" || next == "i", i + 2 < s.count, isVowel(s[i + 2]) {
                s[i + 1] = next == "u" ? "U" : "I"
            } else if isVowel(c), next == "y" {
                s[i + 1] = "Y"
            } else if c == "\u{EB}" {
                s.scalars.replaceSubrange(i...i, with: ["H", "e"])
            } else if c == "\u{EF}" {
                s.scalars.replaceSubrange(i...i, with: ["H", "i"])
            } else if c == "y", let next, isVowel(next) {
                s[i] = "Y"
            } else if c == "q", next == "u" {
                s[i + 1] = "U"
            }
            i += 1
        }
    }

    /// RV (with the exceptions par-, col-, tap-, ni- and a vowel), R1 and R2.
    private static func regions(_ s: SnowballWord) -> (Int, Int, Int) {
        let n = s.count
        var pV = n, p1 = n, p2 = n
        let starts = String(String.UnicodeScalarView(s.scalars.prefix(3)))
        if n >= 3, isVowel(s[0]), isVowel(s[1]) {
            pV = 3
        } else if ["par", "col", "tap"].contains(starts) || (n >= 3 && s[0] == "n" && s[1] == "i" && isVowel(s[2])) {
            pV = 3
        } else if n > 1, let vowel = (1..<n).first(where: { isVowel(s[$0]) }) {
            pV = vowel + 1
        }
        if let first = s.afterVowelThenConsonant(from: 0, isVowel: isVowel) {
            p1 = first
            p2 = s.afterVowelThenConsonant(from: first, isVowel: isVowel) ?? n
        }
        return (pV, p1, p2)
    }

    /// Whether a suffix was removed; -amment, -emment and -ment change the word and say no, so
    /// that the verb endings are tried next.
    private static func standardSuffix(_ s: inout SnowballWord, pV: Int, p1: Int, p2: Int) -> Bool {
        guard let suffix = s.longestSuffix(Array(standardSuffixes.keys)), let group = standardSuffixes[suffix] else { return false }
        let start = s.count - suffix.unicodeScalars.count
        switch group {
        case 1, 2, 3, 4, 5:
            guard start >= p2 else { return false }
            switch group {
            case 1: s.truncate(to: start)
            case 2: s.truncate(to: start); icOrIqUAfter(&s, p2: p2)
            case 3: s.replaceTail(suffix.unicodeScalars.count, with: "log")
            case 4: s.replaceTail(suffix.unicodeScalars.count, with: "u")
            default: s.replaceTail(suffix.unicodeScalars.count, with: "ent")
            }
            return true
        case 6:  // -ement
            guard start >= pV else { return false }
            s.truncate(to: start)
            afterEment(&s, pV: pV, p1: p1, p2: p2)
            return true
        case 7:  // -ité
            guard start >= p2 else { return false }
            s.truncate(to: start)
            afterIte(&s, p2: p2)
            return true
        case 8:  // -if, -ive
            guard start >= p2 else { return false }
            s.truncate(to: start)
            if s.endsWith("at"), s.count - 2 >= p2 {
                s.truncate(to: s.count - 2)
                icOrIqUAfter(&s, p2: p2)
            }
            return true
        case 9, 10:  // -eaux, -aux
            if group == 9 { s.replaceTail(4, with: "eau") } else if start >= p1 { s.replaceTail(3, with: "al") } else { return false }
            return true
        case 11:  // -oux
            guard start >= 1, "bhjlnp".unicodeScalars.contains(s[start - 1]) else { return false }
            s.replaceTail(3, with: "ou")
            return true
        case 12:  // -euse
            if start >= p2 { s.truncate(to: start); return true }
            if start >= p1 { s.replaceTail(suffix.unicodeScalars.count, with: "eux"); return true }
            return false
        case 13:  // -issement
            guard start >= p1, start >= 1, !isVowel(s[start - 1]) else { return false }
            s.truncate(to: start)
            return true
        case 14:
            if start >= pV { s.replaceTail(6, with: "ant") }
            return false
        case 15:
            if start >= pV { s.replaceTail(6, with: "ent") }
            return false
        default:  // -ment, -ments
            if start >= 1, isVowel(s[start - 1]), start - 1 >= pV { s.truncate(to: start) }
            return false
        }
    }

    /// -ic after a removed suffix: removed within R2, otherwise kept as -iqU.
    private static func icOrIqUAfter(_ s: inout SnowballWord, p2: Int) {
        guard s.endsWith("ic") else { return }
        if s.count - 2 >= p2 { s.truncate(to: s.count - 2) } else { s.replaceTail(2, with: "iqU") }
    }

    /// What -ement leaves: -iv(at), -eus, -abl, -iqU, -ièr and -Ièr go or change by region.
    private static func afterEment(_ s: inout SnowballWord, pV: Int, p1: Int, p2: Int) {
        guard let inner = s.longestSuffix(["iv", "eus", "abl", "iqU", "i\u{E8}r", "I\u{E8}r"]) else { return }
        let at = s.count - inner.unicodeScalars.count
        switch inner {
        case "iv":
            if at >= p2 {
                s.truncate(to: at)
                if s.endsWith("at"), s.count - 2 >= p2 { s.truncate(to: s.count - 2) }
            }
        case "eus":
            if at >= p2 { s.truncate(to: at) } else if at >= p1 { s.replaceTail(3, with: "eux") }
        case "abl", "iqU":
            if at >= p2 { s.truncate(to: at) }
        default:
            if at >= pV { s.replaceTail(3, with: "i") }
        }
    }

    /// What -ité leaves: -abil, -ic and -iv go within R2, or become -abl and -iqU.
    private static func afterIte(_ s: inout SnowballWord, p2: Int) {
        guard let tail = s.longestSuffix(["abil", "ic", "iv"]) else { return }
        let from = s.count - tail.unicodeScalars.count
        if from >= p2 {
            s.truncate(to: from)
        } else if tail == "abil" {
            s.replaceTail(4, with: "abl")
        } else if tail == "ic" {
            s.replaceTail(2, with: "iqU")
        }
    }

    private static func iVerbSuffix(_ s: inout SnowballWord, pV: Int) -> Bool {
        guard let suffix = longestSuffix(s, iVerbSuffixes, from: pV) else { return false }
        let start = s.count - suffix.unicodeScalars.count
        guard start - 1 >= pV, s[start - 1] != "H", !isVowel(s[start - 1]) else { return false }
        s.truncate(to: start)
        return true
    }

    private static func verbSuffix(_ s: inout SnowballWord, pV: Int, p2: Int) -> Bool {
        guard let suffix = longestSuffix(s, Array(verbSuffixes.keys), from: pV), let group = verbSuffixes[suffix] else { return false }
        var start = s.count - suffix.unicodeScalars.count
        if group == 1, start < p2 { return false }
        if group == 3, start >= 1, s[start - 1] == "e", start - 1 >= pV { start -= 1 }
        if group == 4 {
            if s.endsWith("al", before: start), start == 3 { return false }
            if s.endsWith("auv", before: start) || s.endsWith("\u{E9}pl", before: start) { return false }
        }
        s.truncate(to: start)
        return true
    }

    private static func residualSuffix(_ s: inout SnowballWord, pV: Int, p2: Int) {
        let n = s.count
        if n >= 2, s[n - 1] == "s", s.endsWith("His") || !"aiou\u{E8}s".unicodeScalars.contains(s[n - 2]) { s.truncate(to: n - 1) }
        guard let suffix = longestSuffix(s, ["ion", "ier", "i\u{E8}re", "Ier", "I\u{E8}re", "e"], from: pV) else { return }
        let start = s.count - suffix.unicodeScalars.count
        switch suffix {
        case "ion":
            if start >= p2, start - 1 >= pV, s[start - 1] == "s" || s[start - 1] == "t" { s.truncate(to: start) }
        case "e":
            s.truncate(to: start)
        default:
            s.truncate(to: start)
            s.scalars.append("i")
        }
    }

    /// The longest of `suffixes` the word ends with that starts at or after `from`.
    private static func longestSuffix(_ s: SnowballWord, _ suffixes: [String], from: Int) -> String? {
        var best: String?
        for suffix in suffixes where s.count - suffix.unicodeScalars.count >= from && s.endsWith(suffix) {
            if best == nil || suffix.unicodeScalars.count > best!.unicodeScalars.count { best = suffix }
        }
        return best
    }

    static let standardSuffixes: [String: Int] = table([
        (1, "ance iqUe isme able iste eux ances iqUes ismes ables istes"), (2, "atrice ateur ation atrices ateurs ations"),
        (3, "logie logies"), (4, "usion ution usions utions"), (5, "ence ences"), (6, "ement ements"),
        (7, "it\u{E9} it\u{E9}s"), (8, "if ive ifs ives"), (9, "eaux"), (10, "aux"), (11, "oux"), (12, "euse euses"),
        (13, "issement issements"), (14, "amment"), (15, "emment"), (16, "ment ments"),
    ])

    static let iVerbSuffixes: [String] = """
        \u{EE}mes \u{EE}t \u{EE}tes i ie ies ir ira irai iraIent irais irait iras irent irez iriez irions irons \
        iront is issaIent issais issait issant issante issantes issants isse issent isses issez issiez issions issons it
        """.split(separator: " ").map(String.init)

    static let verbSuffixes: [String: Int] = table([
        (1, "ions"),
        (2, "\u{E9} \u{E9}e \u{E9}es \u{E9}s \u{E8}rent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez eais"),
        (3, "\u{E2}mes \u{E2}t \u{E2}tes a ai aIent ait ant ante antes ants as asse assent asses assiez assions"),
        (4, "ais aise aises"),
    ])

    private static func table(_ groups: [(Int, String)]) -> [String: Int] {
        var table: [String: Int] = [:]
        for (group, words) in groups {
            for word in words.split(separator: " ") { table[String(word)] = group }
        }
        return table
    }
}

extension SnowballWord {
    /// Replaces the last `length` letters with `replacement`.
    mutating func replaceTail(_ length: Int, with replacement: String) {
        truncate(to: count - length)
        scalars += replacement.unicodeScalars
    }
}

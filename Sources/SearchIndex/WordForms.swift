/// The term a normalized word is indexed and searched under: its American spelling, stemmed by
/// Porter's algorithm, then joined with the stems of related forms that Porter keeps apart.
///
/// `Theme/assets/search-engine.js` (`termOf`) does exactly the same to query words; the shared
/// fixture `Tests/SearchIndexTests/Fixtures/word-forms.txt` is checked on both sides.
///
/// - Spelling: British `-ise`/`-isation`, `-yse`, `-our` and `-ogue` endings become `-ize`,
///   `-yze`, `-or`, `-og` (prioritise → prioritize, behaviour → behavior), except for words
///   whose `-ise` is no suffix (promise, surprise, advise); a few single words are respelled
///   (judgement → judgment, centre → center).
/// - Stems: a stem shorter than three letters keeps its `e` (one, ones: `one`, not `on`),
///   a final `y` after a vowel becomes `i` (betrayal and betray: `betray` and `betrai`),
///   and a small table of stems that belong together (lonely and loneliness: `lone` and
///   `loneli`; decide and decision: `decid` and `decis`).
enum WordForms {
    /// The term of a normalized word (see ``Tokenizer``).
    static func term(_ word: String) -> String {
        let spelled = americanSpelling(word)
        var stem = PorterStemmer.stem(spelled)
        // A stem of one or two letters stands for too many words ("one" and "use" would meet
        // the stop words "on" and "us"): it keeps the e Porter took from it.
        if stem.utf8.count < 3, spelled.utf8.count > stem.utf8.count { stem += "e" }
        // Porter turns a final y into i only when no suffix followed it (betray → betrai,
        // betrayal → betray); after a vowel, the y becomes i in every stem.
        if stem.utf8.count >= 3, stem.hasSuffix("y"), let before = stem.utf8.dropLast().last, "aeiou".utf8.contains(before) {
            stem = String(stem.dropLast()) + "i"
        }
        return joinedStems[stem] ?? stem
    }

    /// The American spelling of a lowercase ASCII word; other words are returned unchanged.
    static func americanSpelling(_ word: String) -> String {
        if let respelled = respellings[word] { return respelled }
        guard word.utf8.count >= 6, word.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return word }
        for (british, american) in suffixes where word.hasSuffix(british) {
            let root = String(word.dropLast(british.count))
            guard root.count >= 3 else { return word }
            if british.hasPrefix("is") && notIseRoots.contains(root) { return word }
            if british.hasPrefix("our") && notOurRoots.contains(root) { return word }
            return root + american
        }
        return word
    }

    /// British endings and their American forms, longest first within each family.
    static let suffixes: [(String, String)] = [
        ("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("isers", "izers"),
        ("iser", "izer"), ("ises", "izes"), ("ise", "ize"),
        ("ysing", "yzing"), ("ysed", "yzed"), ("yses", "yzes"), ("yse", "yze"),
        ("ourable", "orable"), ("ouring", "oring"), ("oured", "ored"), ("ourite", "orite"), ("ourites", "orites"),
        ("ourful", "orful"), ("ourless", "orless"), ("ours", "ors"), ("our", "or"),
        ("ogues", "ogs"), ("ogue", "og"),
    ]

    /// Roots (what comes before the `-ise` ending) of words whose `-ise` is not the suffix `-ize`.
    static let notIseRoots: Set<String> = [
        "adv", "dev", "rev", "superv", "telev", "improv", "prec", "conc", "exerc", "exc", "inc", "circumc",
        "prom", "comprom", "prem", "dem", "surpr", "enterpr", "compr", "appr", "expert", "advert", "chast",
        "disgu", "otherw", "likew", "clockw", "franch", "merchand", "desp", "parad", "treat", "torto", "porpo",
        "turquo", "mort", "repr", "pra", "cru", "bru", "upr", "cer", "chem", "val", "an",
    ]

    /// Roots of words whose `-our` is no British spelling (devour, contour, detour).
    static let notOurRoots: Set<String> = ["dev", "cont", "det", "param", "troubad", "sc", "fl"]

    /// Single words with a British spelling no ending rule covers.
    static let respellings: [String: String] = [
        "judgement": "judgment", "judgements": "judgments", "acknowledgement": "acknowledgment",
        "acknowledgements": "acknowledgments", "centre": "center", "centres": "centers", "centred": "centered",
        "programme": "program", "programmes": "programs", "defence": "defense", "offence": "offense",
        "licence": "license", "practise": "practice", "practised": "practiced", "practising": "practicing",
        "grey": "gray", "learnt": "learned", "burnt": "burned", "fulfil": "fulfill", "enrol": "enroll",
        "skilful": "skillful", "focussed": "focused", "focussing": "focusing", "theatre": "theater",
        "travelling": "traveling", "travelled": "traveled", "modelling": "modeling", "labelled": "labeled",
    ]

    /// Stems of related words that Porter's algorithm sends apart, mapped to one of them.
    static let joinedStems: [String: String] = [
        "loneli": "lone",  // loneliness, lonely
        "decis": "decid",  // decision, decide
        "prioriti": "priorit",  // priority, prioritize
        "emphasi": "emphas",  // emphasis, emphasize
        "analysi": "analyz",  // analysis, analyze
        "explan": "explain",  // explanation, explain
        "solut": "solv",  // solution, solve
        "failur": "fail",  // failure, fail
        "empathet": "empathi", "empath": "empathi",  // empathetic, empathic, empathy
        "introduct": "introduc",  // introduction, introduce
        "anxieti": "anxiou",  // anxiety, anxious
    ]
}

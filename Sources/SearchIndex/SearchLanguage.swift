import Foundation

/// How the words of a site's language become the terms it is indexed and searched under,
/// chosen by the site's `language` setting (a BCP 47 tag: its first subtag decides), or by an
/// article's own `language` for that article (``SearchDocument/language``).
///
/// - `en`: English, the handbook's own: accents folded, British spellings made American, Porter's
///   stem and a few joined stems (``WordForms``), and English stop words ignored in queries.
/// - `de`, `fr`, `es`: German, French, Spanish: the Snowball project's stemmer for the language
///   (``GermanStemmer``, ``FrenchStemmer``, ``SpanishStemmer``) on the word with its accents,
///   then accents folded (Häuser and hauser are both `haus`; équipes and equipe `equip`).
///   French words lose their elision first (l'équipe → équipe).
/// - anything else: no stemming; accents folded (lowercase, marks dropped: "Ça" → "ca").
///
/// In every language, Chinese, Japanese and Korean text is indexed by pairs of characters
/// (see ``Tokenizer``), so a CJK sentence inside an English article is found too.
///
/// The manifest names the analysis (`"language"` in `search/meta.js`, and the articles' own in
/// `"languages"`) and
/// `Theme/assets/search-engine.js` analyses queries the same way (with the Snowball stemmers of
/// `search-stemmers.js`, which the manifest names for the sites that need them); the shared fixtures
/// `Tests/SearchIndexTests/Fixtures/analysis.txt` and `snowball-*-sample.txt` are checked on both sides.
public enum SearchLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case german = "de"
    case french = "fr"
    case spanish = "es"
    /// No stemming, accents folded.
    case folding = "none"

    /// The analysis for a language tag such as `en`, `de-AT` or `zh-Hans`.
    public init(tag: String) {
        let primary = tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        switch primary {
        case "en": self = .english
        case "de": self = .german
        case "fr": self = .french
        case "es": self = .spanish
        default: self = .folding
        }
    }

    /// How the tokenizer normalizes words: stemmed languages keep their accents until stemmed.
    var wordStyle: Tokenizer.WordStyle {
        switch self {
        case .english, .folding: .folded
        case .german, .spanish: .init(keepsAccents: true)
        case .french: .init(keepsAccents: true, dropsElisions: true)
        }
    }

    /// Whether the English stop words are ignored in queries.
    var hasStopWords: Bool { self == .english }

    /// Whether the browser stems it with a Snowball stemmer of `Theme/assets/search-stemmers.js`,
    /// which `search-engine.js` loads only for a site that needs it.
    var isSnowball: Bool { self == .german || self == .french || self == .spanish }

    /// The term of a word as ``Tokenizer`` normalizes it for this language.
    func term(_ word: String) -> String {
        switch self {
        case .english:
            return WordForms.term(word)
        case .folding:
            return word
        case .german, .french, .spanish:
            guard let first = word.unicodeScalars.first, !Tokenizer.isCJK(first) else { return word }
            let stem = switch self {
            case .german: GermanStemmer.stem(word)
            case .french: FrenchStemmer.stem(word)
            default: SpanishStemmer.stem(word)
            }
            guard !stem.utf8.allSatisfy({ $0 < 0x80 }) else { return stem }
            let folded = Self.foldAccents(stem)
            return folded.isEmpty ? word : folded
        }
    }

    /// Lowercase letters and digits without their marks (NFKD, then letters and digits only).
    static func foldAccents(_ word: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word.decomposedStringWithCompatibilityMapping.unicodeScalars where Tokenizer.isLetterOrDigit(scalar) {
            scalars.append(scalar)
        }
        return String(scalars)
    }
}

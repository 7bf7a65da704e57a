/// How often a term occurs in each field of one section. Millions of these are held while the
/// index is built, so they are small: counts saturate at 255 in the short fields and 65,535 in
/// the body, far beyond where ranking stops telling counts apart.
struct TermOccurrences: Sendable, Hashable {
    var title: UInt8 = 0
    var heading: UInt8 = 0
    var tags: UInt8 = 0
    var body: UInt16 = 0

    enum Field { case title, heading, tags, body }

    mutating func add(_ field: Field) {
        switch field {
        case .title: if title < .max { title += 1 }
        case .heading: if heading < .max { heading += 1 }
        case .tags: if tags < .max { tags += 1 }
        case .body: if body < .max { body += 1 }
        }
    }
}

/// One section reduced to what ranking needs.
struct AnalyzedDocument: Sendable {
    struct Term: Sendable {
        /// The term's number in the ``DocumentAnalyzer`` that analyzed the document.
        var number: Int32
        var occurrences: TermOccurrences
    }
    /// Each distinct term once, in order of first occurrence.
    var terms: [Term]
    /// The number of words in the body text.
    var bodyLength: Int
}

/// Tokenizes and stems documents, numbering the terms it meets. It remembers every word's term:
/// a corpus has far fewer distinct words than words, so each word is stemmed once and after
/// that costs one ``WordTable`` lookup (one table per language: a document in another language
/// than the site's is read as its own). Not shared between threads: each parallel chunk
/// has its own, and the builder maps its numbers to global ones.
struct DocumentAnalyzer {
    let language: SearchLanguage
    /// The terms met so far, by number.
    private(set) var terms: [String] = []
    /// Every normalized word met so far, with its term's number: in `language`, and in the
    /// other languages documents were written in.
    private var termOfWord = WordTable()
    private var termOfWordIn: [SearchLanguage: WordTable] = [:]
    private var numberOfTerm: [String: Int32] = [:]
    /// Per-document scratch space: counts by term number, and which numbers were touched.
    private var counts: [TermOccurrences] = []
    private var touched: [Int32] = []

    /// Every word met so far, with its term's number.
    var words: [(word: String, term: Int32)] {
        ([termOfWord] + termOfWordIn.sorted { $0.key.rawValue < $1.key.rawValue }.map(\.value))
            .flatMap { $0.entries.map { ($0.word, $0.value) } }
    }

    init(language: SearchLanguage = .english) {
        self.language = language
    }

    /// Calls `body` with the words of `text` as the index reads them in `language`: CJK runs
    /// also by single characters.
    static func forEachWord(in text: String, language: SearchLanguage, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        Tokenizer.forEachWordBytes(in: text, style: language.wordStyle, unigrams: true, body)
    }

    mutating func analyze(_ document: SearchDocument) -> AnalyzedDocument {
        let language = document.language ?? language
        Self.forEachWord(in: document.title, language: language) { count(term(of: $0, in: language), field: .title) }
        if let heading = document.heading {
            Self.forEachWord(in: heading, language: language) { count(term(of: $0, in: language), field: .heading) }
        }
        for tag in document.tags {
            Self.forEachWord(in: tag, language: language) { count(term(of: $0, in: language), field: .tags) }
        }
        var bodyLength = 0
        Self.forEachWord(in: document.text, language: language) {
            count(term(of: $0, in: language), field: .body)
            bodyLength += 1
        }
        let result = AnalyzedDocument(terms: touched.map { .init(number: $0, occurrences: counts[Int($0)]) }, bodyLength: bodyLength)
        for number in touched { counts[Int(number)] = TermOccurrences() }
        touched.removeAll(keepingCapacity: true)
        return result
    }

    private mutating func count(_ number: Int32, field: TermOccurrences.Field) {
        if counts[Int(number)] == TermOccurrences() { touched.append(number) }
        counts[Int(number)].add(field)
    }

    /// The number of a word's term (its stem), stemming the word the first time it is seen.
    private mutating func term(of word: UnsafeBufferPointer<UInt8>, in language: SearchLanguage) -> Int32 {
        guard language == self.language else {
            if let known = termOfWordIn[language]?.value(for: word) { return known }
            let number = number(ofTerm: language.term(String(decoding: word, as: UTF8.self)))
            termOfWordIn[language, default: WordTable()].insert(word, value: number)
            return number
        }
        if let known = termOfWord.value(for: word) { return known }
        let number = number(ofTerm: language.term(String(decoding: word, as: UTF8.self)))
        termOfWord.insert(word, value: number)
        return number
    }

    private mutating func number(ofTerm stem: String) -> Int32 {
        let number: Int32
        if let known = numberOfTerm[stem] {
            number = known
        } else {
            number = Int32(terms.count)
            numberOfTerm[stem] = number
            terms.append(stem)
            counts.append(TermOccurrences())
        }
        return number
    }
}

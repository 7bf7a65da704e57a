/// How often a term occurs in each field of one section.
struct TermOccurrences: Sendable, Hashable {
    var title: Int32 = 0
    var heading: Int32 = 0
    var tags: Int32 = 0
    var body: Int32 = 0
}

/// One section reduced to what ranking needs.
struct AnalyzedDocument: Sendable {
    struct Term: Sendable {
        var term: String
        var occurrences: TermOccurrences
    }
    /// Each distinct term once, in no particular order.
    var terms: [Term]
    /// The number of words in the body text.
    var bodyLength: Int
}

/// Tokenizes and stems documents, remembering every word's stem: stemming is the expensive
/// part and a corpus has far fewer distinct words than words. Not shared between threads;
/// each parallel chunk has its own.
struct DocumentAnalyzer {
    /// Every normalized word seen, with its stem.
    private(set) var stems: [String: String] = [:]

    mutating func analyze(_ document: SearchDocument) -> AnalyzedDocument {
        var occurrences: [String: TermOccurrences] = [:]
        for word in Tokenizer.words(document.title) { occurrences[stem(word), default: .init()].title += 1 }
        if let heading = document.heading {
            for word in Tokenizer.words(heading) { occurrences[stem(word), default: .init()].heading += 1 }
        }
        for tag in document.tags {
            for word in Tokenizer.words(tag) { occurrences[stem(word), default: .init()].tags += 1 }
        }
        let body = Tokenizer.words(document.text)
        for word in body { occurrences[stem(word), default: .init()].body += 1 }
        return AnalyzedDocument(
            terms: occurrences.map { AnalyzedDocument.Term(term: $0.key, occurrences: $0.value) },
            bodyLength: body.count
        )
    }

    mutating func stem(_ word: String) -> String {
        if let known = stems[word] { return known }
        let stemmed = PorterStemmer.stem(word)
        stems[word] = stemmed
        return stemmed
    }
}

/// One document in a term's postings list.
struct Posting: Sendable, Hashable {
    var id: Int
    /// The term's field score in the document (before idf), as a 6-bit ``ImpactScale`` level.
    var impact: Int
}

/// A term (a stem) with everything the browser needs to match and rank it.
struct TermEntry: Sendable {
    var term: String
    /// The corpus's other spellings of this stem, as ``SurfaceForms`` tails; they let the browser
    /// complete a half-typed word ("delegati") to a stem ("deleg") that is not its prefix.
    var tails: [String]
    /// The number of documents containing the term (more than `postings.count` when capped).
    var documentFrequency: Int
    /// Sorted by id. For very common terms only the best ``SearchIndexBuilder/maximumPostingsPerTerm``
    /// postings by impact are kept: such a term decides little on its own, and its full list
    /// would dominate what a query downloads.
    var postings: [Posting]
}

/// Inverts analyzed documents into scored, capped postings lists.
struct TermIndex: Sendable {
    let entries: [TermEntry]
    let impactScale: ImpactScale

    init(layout: DocumentLayout, analyzed: [AnalyzedDocument], spellings: [String: Set<String>], ranking: Ranking, maximumPostings: Int) {
        let totalBodyLength = analyzed.reduce(0) { $0 + $1.bodyLength }
        let averageBodyLength = analyzed.isEmpty ? 1 : Double(totalBodyLength) / Double(analyzed.count)

        // Postings in id order (documents are in id order), each with its score before idf.
        var termNumbers: [String: Int] = [:]
        var terms: [String] = []
        var lists: [[(id: Int32, score: Double)]] = []
        for (position, document) in analyzed.enumerated() {
            let id = Int32(layout.ids[position])
            let isLead = layout.isLeadSection[position]
            for term in document.terms {
                let score = ranking.fieldScore(term.occurrences, isLeadSection: isLead, bodyLength: document.bodyLength, averageBodyLength: averageBodyLength)
                if let number = termNumbers[term.term] {
                    lists[number].append((id, score))
                } else {
                    termNumbers[term.term] = terms.count
                    terms.append(term.term)
                    lists.append([(id, score)])
                }
            }
        }

        let largestScore = lists.lazy.flatMap { $0.lazy.map(\.score) }.max() ?? 0
        let scale = ImpactScale(largestScore: largestScore)

        var entries: [TermEntry] = []
        entries.reserveCapacity(terms.count)
        for (number, term) in terms.enumerated() {
            var postings = lists[number].map { Posting(id: Int($0.id), impact: scale.impact($0.score)) }
            if postings.count > maximumPostings {
                // The idf is the same for all of a term's postings: the best field scores are the best postings.
                postings.sort { $0.impact != $1.impact ? $0.impact > $1.impact : $0.id < $1.id }
                postings.removeLast(postings.count - maximumPostings)
                postings.sort { $0.id < $1.id }
            }
            let tails = (spellings[term] ?? []).map { SurfaceForms.tail(of: $0, stem: term) }.sorted { $0.precedesInUTF16($1) }
            entries.append(TermEntry(term: term, tails: tails, documentFrequency: lists[number].count, postings: postings))
        }
        entries.sort { $0.term.precedesInUTF16($1.term) }
        self.entries = entries
        self.impactScale = scale
    }
}

/// Spellings of a stem, written relative to it: a spelling is the stem minus its last `drop`
/// characters plus a tail, written as the decimal `drop` (omitted when 0) followed by the tail.
/// "deleg" + "ation" is "delegation"; "happi" + "1y" is "happy".
enum SurfaceForms {
    static func tail(of spelling: String, stem: String) -> String {
        let spellingUnits = Array(spelling.utf16), stemUnits = Array(stem.utf16)
        var common = 0
        while common < spellingUnits.count, common < stemUnits.count, spellingUnits[common] == stemUnits[common] { common += 1 }
        let drop = stemUnits.count - common
        let tail = String(decoding: spellingUnits[common...], as: UTF16.self)
        return drop > 0 ? "\(drop)\(tail)" : tail
    }

    /// The spelling a tail stands for (tails only occur for ASCII stems).
    static func spelling(stem: String, tail: String) -> String {
        let digits = tail.prefix { $0.isASCII && $0.isNumber }
        let drop = Int(digits) ?? 0
        return String(stem.dropLast(drop)) + tail.dropFirst(digits.count)
    }
}

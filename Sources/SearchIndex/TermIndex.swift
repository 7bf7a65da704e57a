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

/// The analyses of all documents, in index order, as the parallel chunks produced them.
struct AnalyzedCorpus: Sendable {
    struct Chunk: Sendable {
        var documents: [AnalyzedDocument]
        /// The chunk's terms by the numbers its documents use.
        var terms: [String]
        /// Every word the chunk met, with its term's number.
        var words: [(word: String, term: Int32)]
    }

    var chunks: [Chunk]
}

/// Inverts analyzed documents into scored, capped postings lists.
struct TermIndex: Sendable {
    let entries: [TermEntry]
    let impactScale: ImpactScale

    init(layout: DocumentLayout, corpus: AnalyzedCorpus, ranking: Ranking, maximumPostings: Int) {
        let documentCount = corpus.chunks.reduce(0) { $0 + $1.documents.count }
        let totalBodyLength = corpus.chunks.reduce(0) { total, chunk in chunk.documents.reduce(total) { $0 + $1.bodyLength } }
        let averageBodyLength = documentCount == 0 ? 1 : Double(totalBodyLength) / Double(documentCount)

        // Number the terms globally, in order of first appearance (chunks are in document order).
        var numberOfTerm: [String: Int32] = [:]
        var terms: [String] = []
        let globalNumbers: [[Int32]] = corpus.chunks.map { chunk in
            chunk.terms.map { term in
                if let known = numberOfTerm[term] { return known }
                let number = Int32(terms.count)
                numberOfTerm[term] = number
                terms.append(term)
                return number
            }
        }

        // Postings in id order (documents are in id order), each with its field score.
        var lists = Array(repeating: [(id: Int32, score: Float)](), count: terms.count)
        var largestScore: Float = 0
        var position = 0
        for (chunkIndex, chunk) in corpus.chunks.enumerated() {
            let numbers = globalNumbers[chunkIndex]
            for document in chunk.documents {
                let id = Int32(layout.ids[position])
                let isLead = layout.isLeadSection[position]
                for term in document.terms {
                    let score = Float(ranking.fieldScore(term.occurrences, isLeadSection: isLead, bodyLength: document.bodyLength, averageBodyLength: averageBodyLength))
                    largestScore = max(largestScore, score)
                    lists[Int(numbers[Int(term.number)])].append((id, score))
                }
                position += 1
            }
        }

        // The spellings behind each stem.
        var spellings = Array(repeating: Set<String>(), count: terms.count)
        for (chunkIndex, chunk) in corpus.chunks.enumerated() {
            for (word, number) in chunk.words where word != chunk.terms[Int(number)] {
                spellings[Int(globalNumbers[chunkIndex][Int(number)])].insert(word)
            }
        }

        let scale = ImpactScale(largestScore: Double(largestScore))
        let finishedLists = lists, finishedSpellings = spellings
        var entries = concurrentChunkedMap(Array(terms.enumerated())) { number, term in
            var postings = finishedLists[number].map { Posting(id: Int($0.id), impact: scale.impact(Double($0.score))) }
            if postings.count > maximumPostings {
                // The idf is the same for all of a term's postings: the best field scores are the best postings.
                postings.sort { $0.impact != $1.impact ? $0.impact > $1.impact : $0.id < $1.id }
                postings.removeLast(postings.count - maximumPostings)
                postings.sort { $0.id < $1.id }
            }
            let tails = finishedSpellings[number].map { SurfaceForms.tail(of: $0, stem: term) }.sorted { $0.precedesInUTF16($1) }
            return TermEntry(term: term, tails: tails, documentFrequency: finishedLists[number].count, postings: postings)
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

import Parallel

/// One document in a term's postings list.
/// Small on purpose: a large site has millions of postings in memory at once.
struct Posting: Sendable, Hashable {
    var id: Int32
    /// The term's field score in the document (before idf), as a 6-bit ``ImpactScale`` level.
    var impact: UInt8
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

/// The scored postings of all documents, as the parallel chunks produced them (chunks cover
/// consecutive documents, in index order).
struct AnalyzedCorpus: Sendable {
    struct Chunk: Sendable {
        /// The chunk's terms by the numbers its postings use.
        var terms: [String]
        /// Every word the chunk met, with its term's number.
        var words: [(word: String, term: Int32)]
        /// For each term number, the chunk's documents that contain it (in id order) with the
        /// term's field score there.
        var postings: [[(id: Int32, score: Float)]]
        var largestScore: Float
    }

    var chunks: [Chunk]
}

/// Gathers the chunks' scored postings into one capped postings list per term.
struct TermIndex: Sendable {
    let entries: [TermEntry]
    let impactScale: ImpactScale

    init(corpus: AnalyzedCorpus, maximumPostings: Int) {
        // Number the terms globally, in order of first appearance (chunks are in document order),
        // and remember where each chunk keeps each term's postings.
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
        var localNumbers = Array(repeating: [Int32](repeating: -1, count: terms.count), count: corpus.chunks.count)
        for (chunkIndex, numbers) in globalNumbers.enumerated() {
            for (local, global) in numbers.enumerated() { localNumbers[chunkIndex][Int(global)] = Int32(local) }
        }
        let largestScore = corpus.chunks.reduce(Float(0)) { max($0, $1.largestScore) }

        // The spellings behind each stem.
        var spellings = Array(repeating: Set<String>(), count: terms.count)
        for (chunkIndex, chunk) in corpus.chunks.enumerated() {
            for (word, number) in chunk.words where word != chunk.terms[Int(number)] {
                spellings[Int(globalNumbers[chunkIndex][Int(number)])].insert(word)
            }
        }

        let scale = ImpactScale(largestScore: Double(largestScore))
        let finishedSpellings = spellings, chunkOfTerm = localNumbers
        // Each term's postings are read straight from the chunks, in chunk order, which is id
        // order: merging the chunks into one list first would hold every posting twice.
        var entries = concurrentChunkedMap(Array(terms.enumerated())) { number, term in
            var postings: [Posting] = []
            for (chunkIndex, chunk) in corpus.chunks.enumerated() {
                let local = chunkOfTerm[chunkIndex][number]
                guard local >= 0 else { continue }
                for scored in chunk.postings[Int(local)] {
                    postings.append(Posting(id: scored.id, impact: UInt8(scale.impact(Double(scored.score)))))
                }
            }
            let documentFrequency = postings.count
            if postings.count > maximumPostings { postings = Self.best(maximumPostings, of: postings) }
            let tails = finishedSpellings[number].map { SurfaceForms.tail(of: $0, stem: term) }.sorted { $0.precedesInUTF16($1) }
            return TermEntry(term: term, tails: tails, documentFrequency: documentFrequency, postings: postings)
        }
        entries.sort { $0.term.precedesInUTF16($1.term) }
        self.entries = entries
        self.impactScale = scale
    }

    /// The `count` best postings (highest impact; on a tie, lowest id), still in id order.
    /// The idf is the same for all of a term's postings, so the best field scores are the best
    /// postings. Impacts have 64 levels: a histogram finds the lowest level kept, and one pass
    /// keeps everything above it and the first postings at it. (Sorting the lists of the
    /// commonest words, tens of thousands of postings each, cost more than the rest of the index.)
    static func best(_ count: Int, of postings: [Posting]) -> [Posting] {
        var histogram = [Int](repeating: 0, count: Int(UInt8.max) + 1)
        for posting in postings { histogram[Int(posting.impact)] += 1 }
        var threshold = histogram.count - 1, above = 0
        while threshold > 0 && above + histogram[threshold] < count {
            above += histogram[threshold]
            threshold -= 1
        }
        var atThreshold = count - above
        var kept: [Posting] = []
        kept.reserveCapacity(count)
        for posting in postings {
            if Int(posting.impact) > threshold {
                kept.append(posting)
            } else if Int(posting.impact) == threshold && atThreshold > 0 {
                kept.append(posting)
                atThreshold -= 1
            }
        }
        return kept
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

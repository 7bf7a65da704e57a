import Parallel

/// One document in a term's postings list.
/// Small on purpose: a large site has millions of postings in memory at once.
struct Posting: Sendable, Hashable {
    var id: Int32
    /// The term's field score in the document (before idf), as a 6-bit ``ImpactScale`` level.
    var impact: UInt8
}

/// One document in a term's postings list while the index is made: the term's field score
/// there, before it is quantized to an impact (the scale needs the largest score of all).
struct ScoredPosting: Sendable, Hashable {
    var id: Int32
    var score: Float
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
    /// postings by score are kept: such a term decides little on its own, and its full list
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
        /// term's field score there: all of them, or, for a term in many of the chunk's
        /// documents, at least its best ``SearchIndexBuilder/maximumPostingsPerTerm``.
        var postings: [[ScoredPosting]]
        /// For each term number, how many of the chunk's documents contain it.
        var documentFrequencies: [Int]
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
        // order: merging the chunks into one list first would hold every posting twice. Terms
        // are numbered by first appearance, so the commonest, the costliest to merge and cut,
        // come first: spread over the cores term by term, not in contiguous runs.
        var entries = Array(terms.enumerated()).parallelMap { number, term in
            var scored: [ScoredPosting] = []
            var documentFrequency = 0
            for (chunkIndex, chunk) in corpus.chunks.enumerated() {
                let local = Int(chunkOfTerm[chunkIndex][number])
                guard local >= 0 else { continue }
                scored += chunk.postings[local]
                documentFrequency += chunk.documentFrequencies[local]
            }
            if scored.count > maximumPostings { scored = Self.best(maximumPostings, of: scored) }
            let postings = scored.map { Posting(id: $0.id, impact: UInt8(scale.impact(Double($0.score)))) }
            let tails = finishedSpellings[number].map { SurfaceForms.tail(of: $0, stem: term) }.sorted { $0.precedesInUTF16($1) }
            return TermEntry(term: term, tails: tails, documentFrequency: documentFrequency, postings: postings)
        }
        entries.sort { $0.term.precedesInUTF16($1.term) }
        self.entries = entries
        self.impactScale = scale
    }

    /// The `count` best postings (highest score; on a tie, lowest id), still in id order.
    /// The idf is the same for all of a term's postings, so the best field scores are the best
    /// postings. Being a strict order, the best of each chunk's best are the best of all, so
    /// chunks may cut their lists early. A selection finds the `count`th best without sorting
    /// (sorting the commonest words' lists, tens of thousands of postings each, cost more than
    /// the rest of the index); one pass then keeps it and everything better, in id order.
    static func best(_ count: Int, of postings: [ScoredPosting]) -> [ScoredPosting] {
        guard count > 0 else { return [] }
        guard postings.count > count else { return postings }
        var ranked = postings
        let cut = ranked.withUnsafeMutableBufferPointer { select(count - 1, in: $0) }
        return postings.filter { !ranksBelow($0, cut) }
    }

    /// Whether `a` is a worse posting than `b`.
    private static func ranksBelow(_ a: ScoredPosting, _ b: ScoredPosting) -> Bool {
        a.score != b.score ? a.score < b.score : a.id > b.id
    }

    /// The element that would be at `rank` if `items` were sorted best first (Hoare's
    /// selection, the middle element as pivot; reorders `items`).
    private static func select(_ rank: Int, in items: UnsafeMutableBufferPointer<ScoredPosting>) -> ScoredPosting {
        var (low, high) = (0, items.count - 1)
        while low < high {
            let pivot = items[low + (high - low) / 2]
            var (left, right) = (low, high)
            while left <= right {
                while ranksBelow(pivot, items[left]) { left += 1 }
                while ranksBelow(items[right], pivot) { right -= 1 }
                if left <= right {
                    items.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if rank <= right { high = right } else if rank >= left { low = left } else { break }
        }
        return items[rank]
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

import Foundation
import Parallel

/// Builds the offline full-text search index: plain `.js` files under `search/` that
/// `Theme/assets/search-engine.js` loads on demand with `<script src>`, so search works from
/// `file://`, any static server and any subpath, with no server code.
///
/// The files (formats in each writer's documentation):
/// - `search/meta.js` (``Manifest``): shard keys, topics, tags, stop words. Loaded first.
/// - `search/t-*.js` (``TermShards``): terms with their postings, split by term range into
///   files of about ``termShardTargetBytes``. A query loads the shards of its words only.
/// - `search/d-*.js` (``DocumentStore``): titles, headings and section text, deflated, in groups
///   of about ``documentGroupTargetBytes`` before compression. A query loads only the groups of
///   the results it shows.
/// - `search/l-*.js`, `search/x-*.js` (``Lexicons``): term lists for typo tolerance, several
///   lists to a file of about ``smallFileTargetBytes``.
/// - `search/f-*.js` (``TagFilters``): the sections of each tag, for the tag filter, several
///   tags to a file of about ``smallFileTargetBytes``.
/// - `search/synonyms.js` (``Synonyms``): the groups of words that expand a query.
///
/// The output depends only on the input: everything is sorted, nothing is iterated in hash
/// order, so the same documents give byte-identical files.
public struct SearchIndexBuilder: Sendable {
    /// About how many bytes each term shard file should have. Smaller shards mean less to load
    /// per query but more files.
    public var termShardTargetBytes: Int
    /// About how many bytes of text each doc-store file should hold before compression. A result
    /// needs its whole group, so this (deflated) is roughly what each displayed result costs.
    public var documentGroupTargetBytes: Int
    /// The most postings kept for one term. Terms in more sections keep only their best-scoring
    /// ones (title, heading and dense body matches), which bounds what a very common word loads.
    public var maximumPostingsPerTerm: Int
    /// Groups of words and phrases that mean the same to a reader (see ``Synonyms``).
    public var synonyms: [[String]] = []
    /// How words become terms: stemming, accents (see ``SearchLanguage``).
    public var language: SearchLanguage = .english
    /// Where the site serves the browser's German, French and Spanish stemmers (the theme's
    /// `assets/search-stemmers.js`), from its root. The manifest names it only when the site's
    /// language or an article's needs it, so an English site's search never loads it.
    public var stemmersScript: String?

    /// Ids reserved per doc-store group; see ``DocumentLayout``.
    static let groupCapacity = 64
    /// About how many bytes each file of typo lists or tag filters holds. Most single lists are
    /// a few hundred bytes: a file each made hundreds of files too small to be worth a request.
    static let smallFileTargetBytes = 8_000

    /// Defaults sized for sites from a few pages to tens of thousands of articles.
    public init() {
        self.init(termShardTargetBytes: 20_000, documentGroupTargetBytes: 10_000, maximumPostingsPerTerm: 1_000)
    }

    public init(termShardTargetBytes: Int, documentGroupTargetBytes: Int, maximumPostingsPerTerm: Int) {
        self.termShardTargetBytes = max(1, termShardTargetBytes)
        self.documentGroupTargetBytes = max(1, documentGroupTargetBytes)
        self.maximumPostingsPerTerm = max(1, maximumPostingsPerTerm)
    }

    /// Indexes the documents (article sections) and returns the index files, sorted by path.
    public func build(_ documents: [SearchDocument]) -> [SearchIndexFile] {
        var files: [SearchIndexFile] = []
        build(documents) { files += $0 }
        return files.sorted { $0.path.precedesInUTF16($1.path) }
    }

    /// Indexes the documents and hands the files to `output` a batch at a time, as they are
    /// made, so a caller that writes them holds little of the index in memory: the postings
    /// are released before the doc store, the largest part, is made.
    public func build(_ documents: consuming [SearchDocument], output: ([SearchIndexFile]) throws -> Void) rethrows {
        // The layout keeps the documents in its own order; this order's copy goes at once.
        let layout = DocumentLayout(consume documents, groupCapacity: Self.groupCapacity, groupTargetBytes: documentGroupTargetBytes)
        try writeTerms(layout, output: output)
        try DocumentStore.files(layout: layout, output: output)
        try output([Synonyms.file(groups: synonyms)])
    }

    /// The manifest, term shards and lexicons (everything made from the postings) and the tag
    /// filters, which the manifest locates.
    private func writeTerms(_ layout: DocumentLayout, output: ([SearchIndexFile]) throws -> Void) rethrows {
        let corpus = Self.analyze(layout, ranking: Ranking(), language: language, maximumPostings: maximumPostingsPerTerm)
        let index = TermIndex(corpus: corpus, maximumPostings: maximumPostingsPerTerm)
        let shards = TermShards.build(entries: index.entries, targetBytes: termShardTargetBytes)
        let lexicons = Lexicons(terms: index.entries.map(\.term), targetBytes: Self.smallFileTargetBytes)
        let filters = TagFilters(layout: layout, targetBytes: Self.smallFileTargetBytes)
        let otherLanguages = Set(layout.documents.compactMap(\.language)).subtracting([language]).sorted { $0.rawValue < $1.rawValue }
        try output([Manifest.file(layout: layout, shards: shards, lexicons: lexicons, filters: filters, impactScale: index.impactScale,
                                  maximumPostings: maximumPostingsPerTerm, language: language, otherLanguages: otherLanguages,
                                  stemmersScript: stemmersScript)])
        try output(shards.map { SearchIndexFile(path: $0.path, contents: $0.contents) })
        try output(lexicons.files)
        try output(filters.files)
    }

    /// Tokenizes, stems and scores in parallel chunks (several per core, to even out their
    /// lengths), each with its own ``DocumentAnalyzer``. Scores need the average body length, so a
    /// first pass only counts words: cheaper than keeping every document's analysis until the
    /// average is known, which at ten thousand articles is over a hundred megabytes.
    ///
    /// A chunk keeps at most twice `maximumPostings` of a term's postings: once a list reaches
    /// that, it is cut to its best `maximumPostings` (see ``TermIndex/best(_:of:)``), which are
    /// all the index can keep from this chunk. Without the cut the commonest words' lists, which
    /// the index caps anyway, would be most of the build's memory at a hundred thousand articles.
    static func analyze(_ layout: DocumentLayout, ranking: Ranking, language: SearchLanguage = .english,
                        maximumPostings: Int) -> AnalyzedCorpus {
        let documents = layout.documents
        let bodyLengths = concurrentChunkedMap(documents) { document in
            var count = 0
            DocumentAnalyzer.forEachWord(in: document.text, language: document.language ?? language) { _ in count += 1 }
            return count
        }
        let averageBodyLength = documents.isEmpty ? 1 : Double(bodyLengths.reduce(0, +)) / Double(documents.count)

        let chunkCount = min(documents.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let chunkSize = chunkCount == 0 ? 0 : (documents.count + chunkCount - 1) / chunkCount
        let chunks = concurrentMap(count: chunkCount) { chunk -> AnalyzedCorpus.Chunk in
            var analyzer = DocumentAnalyzer(language: language)
            var postings: [[ScoredPosting]] = []
            var documentFrequencies: [Int] = []
            var largestScore: Float = 0
            for position in min(documents.count, chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize) {
                let analyzed = analyzer.analyze(documents[position])
                if postings.count < analyzer.terms.count {
                    postings += repeatElement([], count: analyzer.terms.count - postings.count)
                    documentFrequencies += repeatElement(0, count: analyzer.terms.count - documentFrequencies.count)
                }
                let id = Int32(layout.ids[position])
                for term in analyzed.terms {
                    let score = Float(ranking.fieldScore(term.occurrences, isLeadSection: layout.isLeadSection[position],
                                                         bodyLength: analyzed.bodyLength, averageBodyLength: averageBodyLength))
                    largestScore = max(largestScore, score)
                    let number = Int(term.number)
                    documentFrequencies[number] += 1
                    postings[number].append(ScoredPosting(id: id, score: score))
                    if postings[number].count == 2 * maximumPostings {
                        postings[number] = TermIndex.best(maximumPostings, of: postings[number])
                    }
                }
            }
            return AnalyzedCorpus.Chunk(terms: analyzer.terms, words: analyzer.words, postings: postings,
                                        documentFrequencies: documentFrequencies, largestScore: largestScore)
        }
        return AnalyzedCorpus(chunks: chunks)
    }
}

import Foundation

/// Builds the offline full-text search index: plain `.js` files under `search/` that
/// `Theme/assets/search.js` loads on demand with `<script src>`, so search works from
/// `file://`, any static server and any subpath, with no server code.
///
/// The files (formats in each writer's documentation):
/// - `search/meta.js` (``Manifest``): shard keys, topics, tags, stop words. Loaded first.
/// - `search/t-*.js` (``TermShards``): terms with their postings, split by term range into
///   files of about ``termShardTargetBytes``. A query loads the shards of its words only.
/// - `search/d-*.js` (``DocumentStore``): titles, headings and section text, in groups of about
///   ``documentGroupTargetBytes``. A query loads only the groups of the results it shows.
/// - `search/l-*.js`, `search/x-*.js` (``Lexicons``): term lists for typo tolerance.
/// - `search/f-*.js` (``TagFilters``): the sections of each tag, for the tag filter.
///
/// The output depends only on the input: everything is sorted, nothing is iterated in hash
/// order, so the same documents give byte-identical files.
public struct SearchIndexBuilder: Sendable {
    /// About how many bytes each term shard file should have. Smaller shards mean less to load
    /// per query but more files.
    public var termShardTargetBytes: Int
    /// About how many bytes of text each doc-store file should hold. A result needs its whole
    /// group, so this is roughly what each displayed result costs.
    public var documentGroupTargetBytes: Int
    /// The most postings kept for one term. Terms in more sections keep only their best-scoring
    /// ones (title, heading and dense body matches), which bounds what a very common word loads.
    public var maximumPostingsPerTerm: Int

    /// Ids reserved per doc-store group; see ``DocumentLayout``.
    static let groupCapacity = 64

    /// Defaults sized for sites from a few pages to tens of thousands of articles.
    public init() {
        self.init(termShardTargetBytes: 24_000, documentGroupTargetBytes: 6_000, maximumPostingsPerTerm: 1_000)
    }

    public init(termShardTargetBytes: Int, documentGroupTargetBytes: Int, maximumPostingsPerTerm: Int) {
        self.termShardTargetBytes = max(1, termShardTargetBytes)
        self.documentGroupTargetBytes = max(1, documentGroupTargetBytes)
        self.maximumPostingsPerTerm = max(1, maximumPostingsPerTerm)
    }

    /// Indexes the documents (article sections) and returns the index files, sorted by path.
    public func build(_ documents: [SearchDocument]) -> [SearchIndexFile] {
        let layout = DocumentLayout(documents, groupCapacity: Self.groupCapacity, groupTargetBytes: documentGroupTargetBytes)
        let analyzed = Self.analyze(layout.documents)
        let index = TermIndex(layout: layout, corpus: analyzed, ranking: Ranking(), maximumPostings: maximumPostingsPerTerm)
        let shards = TermShards.build(entries: index.entries, targetBytes: termShardTargetBytes)
        let lexicons = Lexicons(terms: index.entries.map(\.term))

        var files = [Manifest.file(layout: layout, shards: shards, lexicons: lexicons, impactScale: index.impactScale, maximumPostings: maximumPostingsPerTerm)]
        files += shards.map { SearchIndexFile(path: $0.path, contents: $0.contents) }
        files += lexicons.lexicons.map { SearchIndexFile(path: $0.path, contents: $0.contents) }
        files += DocumentStore.files(layout: layout)
        files += TagFilters.files(layout: layout)
        return files.sorted { $0.path.precedesInUTF16($1.path) }
    }

    /// Tokenizes and stems in parallel chunks (several per core, to even out their lengths),
    /// each with its own ``DocumentAnalyzer``.
    static func analyze(_ documents: [SearchDocument]) -> AnalyzedCorpus {
        let chunkCount = min(documents.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let chunkSize = chunkCount == 0 ? 0 : (documents.count + chunkCount - 1) / chunkCount
        let chunks = concurrentMap(count: chunkCount) { chunk -> AnalyzedCorpus.Chunk in
            var analyzer = DocumentAnalyzer()
            let range = min(documents.count, chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize)
            let analyzed = range.map { analyzer.analyze(documents[$0]) }
            return AnalyzedCorpus.Chunk(documents: analyzed, terms: analyzer.terms, words: analyzer.words)
        }
        return AnalyzedCorpus(chunks: chunks)
    }
}

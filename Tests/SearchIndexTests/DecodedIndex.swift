import Foundation
import RawDeflate
import Testing
@testable import SearchIndex

/// Decodes built index files, so tests of the build-time side can check what they hold. Every
/// file is one call whose argument list is valid JSON. No ranking here: query-time ranking is
/// defined once, in Theme/assets/search-engine.js, and tested there (Tests/Browser/test_ranking.py).
struct DecodedIndex {
    /// A posting: a section id and its impact.
    struct Posting: Hashable {
        var id: Int
        var impact: Int
    }

    let files: [String: String]
    let manifest: [String: Any]

    init(_ files: [SearchIndexFile]) throws {
        self.files = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
        let meta = try #require(self.files["search/meta.js"])
        manifest = try #require(Self.arguments(of: meta).first as? [String: Any])
    }

    /// The arguments of the single `window.HandbookSearch.x(…);` call in a file.
    static func arguments(of contents: String) throws -> [Any] {
        let open = try #require(contents.firstIndex(of: "("))
        let close = try #require(contents.lastIndex(of: ")"))
        let inside = String(contents[contents.index(after: open)..<close])
        let json = "[\(inside)]"
        return try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])
    }

    /// The typo list of `kind` (`l` or `x`) and `key`, from the file the manifest names for it.
    func typoList(_ kind: String, key: String) throws -> [Substring] {
        let keys = try #require(manifest[kind == "l" ? "lexicons" : "skipLexicons"] as? [String])
        let starts = try #require(manifest[kind == "l" ? "lexiconFiles" : "skipLexiconFiles"] as? [Int])
        let position = try #require(keys.firstIndex(of: key))
        let start = try #require(starts.last { $0 <= position })
        let file = try #require(files["search/\(kind)-\(keys[start]).js"])
        let lists = try #require(try Self.arguments(of: file)[1] as? [String: String])
        return try #require(lists[key]).split(separator: " ")
    }

    /// The encoded ranges of tag number `tag`, from the file the manifest names for it.
    func tagFilter(_ tag: Int) throws -> String {
        let starts = try #require(manifest["filterFiles"] as? [Int])
        let first = try #require(starts.last { $0 <= tag })
        let file = try #require(files["search/f-\(first).js"])
        let arguments = try Self.arguments(of: file)
        #expect(arguments[0] as? Int == first)
        let tags = try #require(arguments[1] as? [String])
        return tags[tag - first]
    }

    var shardKeys: [String] { manifest["shards"] as? [String] ?? [] }
    var groupCapacity: Int { manifest["groupCapacity"] as? Int ?? 0 }

    /// The shard a term belongs to: the last key ≤ term, compared by UTF-16 units.
    func shardKey(for term: String) -> String? {
        shardKeys.last { !term.precedesInUTF16($0) }
    }

    /// One term of a shard: [term, tails, documents, postings].
    struct ShardRow {
        var term: String
        var tails: String
        var documents: Int
        var postings: String
    }

    func entries(ofShard key: String) throws -> [ShardRow] {
        let contents = try #require(files["search/t-\(CompactEncoding.fileKey(key)).js"])
        let arguments = try Self.arguments(of: contents)
        #expect(arguments.first as? String == key)
        let flat = try #require(arguments.last as? [Any])
        var rows: [ShardRow] = []
        for index in stride(from: 0, to: flat.count, by: 4) {
            let term = try #require(flat[index] as? String), tails = try #require(flat[index + 1] as? String)
            let documents = try #require(flat[index + 2] as? Int), postings = try #require(flat[index + 3] as? String)
            rows.append(ShardRow(term: term, tails: tails, documents: documents, postings: postings))
        }
        return rows
    }

    func entry(for term: String) throws -> ShardRow? {
        guard let key = shardKey(for: term) else { return nil }
        return try entries(ofShard: key).first { $0.term == term }
    }

    /// The postings of a term as (id, impact) pairs.
    func postings(for term: String) throws -> [Posting] {
        guard let entry = try entry(for: term) else { return [] }
        return Self.decodePostings(entry.postings)
    }

    static func decodePostings(_ text: String) -> [Posting] {
        var postings: [Posting] = []
        var id = 0, value = 0
        var expectingImpact = false
        for scalar in text.unicodeScalars {
            let digit = CompactEncoding.alphabet.firstIndex(of: scalar)!
            if expectingImpact {
                postings.append(Posting(id: id, impact: digit))
                expectingImpact = false
            } else if digit >= 32 {
                id += value * 32 + digit - 32
                value = 0
                expectingImpact = true
            } else {
                value = value * 32 + digit
            }
        }
        return postings
    }

    struct StoredSection {
        var url: String
        var title: String
        var topic: Int
        var tags: [Int]
        var anchor: String?
        var heading: String?
        var text: String
    }

    func section(id: Int) throws -> StoredSection? {
        let group = id / groupCapacity
        guard let contents = files["search/d-\(group).js"] else { return nil }
        let arguments = try Self.arguments(of: contents)
        #expect(arguments[0] as? Int == group)
        let packed = try #require(arguments[1] as? String)
        let compressed = try #require(Data(base64Encoded: packed))
        let payload = try #require(RawDeflate.inflate(Array(compressed)))
        let parts = try #require(JSONSerialization.jsonObject(with: Data(payload)) as? [[[Any]]])
        let articles = parts[0], sections = parts[1]
        let slot = id - group * groupCapacity
        guard slot < sections.count else { return nil }
        let section = sections[slot]
        let article = articles[section[0] as! Int]
        let url = try #require(article[0] as? String), title = try #require(article[1] as? String)
        let topic = try #require(article[2] as? Int), tags = try #require(article[3] as? [Int])
        let text = try #require(section[3] as? String)
        let heading = section[2] as? String
        let anchor = section[1] as? Int == 0 ? heading.map { $0.lowercased().replacingOccurrences(of: " ", with: "-") } : section[1] as? String
        return StoredSection(url: url, title: title, topic: topic, tags: tags, anchor: anchor, heading: heading, text: text)
    }
}

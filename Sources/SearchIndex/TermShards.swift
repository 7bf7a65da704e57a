import Parallel

/// Splits the sorted term entries into shard files of about a target size in bytes.
///
/// Shards are ranges of the sorted terms, so the manifest needs only each shard's key: the
/// shortest prefix of its first term that sorts after the previous shard's last term. The
/// browser finds a term's shard as the last key ≤ the term; a prefix query reads the shards
/// whose ranges overlap the prefix's range. Sizing by bytes rather than term count keeps every
/// download small even where a few common terms have long postings lists.
///
/// File `search/t-<file key>.js`:
///
///     window.HandbookSearch.shard("<key>",["<term>","<tails>",<documents>,"<postings>", …]);
///
/// four values per term, sorted by term: the term (a stem); its other spellings as
/// ``SurfaceForms`` tails separated by spaces; how many documents contain it; its postings as
/// ``CompactEncoding`` text: for each posting the id gap (the first id itself) as a varint,
/// then the impact as one digit.
struct TermShards {
    struct Shard {
        var key: String
        var contents: String
        var path: String { "search/t-\(CompactEncoding.fileKey(key)).js" }
    }

    static func build(entries: [TermEntry], targetBytes: Int) -> [Shard] {
        var shards: [Shard] = []
        var body: [UInt8] = []
        var firstTerm: String?
        var previousLastTerm: String?
        var lastTerm = ""

        func finishShard() {
            guard let first = firstTerm else { return }
            let key = shardKey(firstTerm: first, previousLastTerm: previousLastTerm)
            var contents: [UInt8] = []
            contents.reserveCapacity(body.count + 64)
            contents.append(ascii: "window.HandbookSearch.shard(")
            JavaScriptLiteral.appendString(key, to: &contents)
            contents.append(ascii: ",[")
            contents += body
            contents.append(ascii: "]);\n")
            shards.append(Shard(key: key, contents: String(decoding: contents, as: UTF8.self)))
            previousLastTerm = lastTerm
            firstTerm = nil
            body.removeAll(keepingCapacity: true)
        }

        for (entry, encoded) in zip(entries, concurrentChunkedMap(entries, encode)) {
            if firstTerm != nil, body.count + encoded.count > targetBytes { finishShard() }
            if firstTerm == nil {
                firstTerm = entry.term
            } else {
                body.append(UInt8(ascii: ","))
            }
            body += encoded
            lastTerm = entry.term
        }
        finishShard()
        return shards
    }

    static func encode(_ entry: TermEntry) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(entry.postings.count * 3 + 32)
        JavaScriptLiteral.appendString(entry.term, to: &output)
        output.append(UInt8(ascii: ","))
        JavaScriptLiteral.appendString(entry.tails.joined(separator: " "), to: &output)
        output.append(ascii: ",\(entry.documentFrequency),\"")
        var previous = 0
        for posting in entry.postings {
            CompactEncoding.appendVarint(Int(posting.id) - previous, to: &output)
            CompactEncoding.appendDigit(Int(posting.impact), to: &output)
            previous = Int(posting.id)
        }
        output.append(UInt8(ascii: "\""))
        return output
    }

    /// The shortest prefix of `firstTerm` that sorts after `previousLastTerm` (one unit for the
    /// first shard), never ending inside a surrogate pair.
    static func shardKey(firstTerm: String, previousLastTerm: String?) -> String {
        let units = Array(firstTerm.utf16)
        var length = 1
        if let previous = previousLastTerm {
            let previousUnits = Array(previous.utf16)
            while length < units.count, !previousUnits.lexicographicallyPrecedes(units[0..<length]) { length += 1 }
        }
        if length < units.count, UTF16.isLeadSurrogate(units[length - 1]) { length += 1 }
        return String(decoding: units[0..<length], as: UTF16.self)
    }
}

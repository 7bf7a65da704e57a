/// Word lists for typo tolerance: the terms that could be one edit away from a query word.
///
/// A query word of five or more letters that matches nothing is retried with every variant one
/// edit away (a letter deleted, inserted, substituted, or two neighbours swapped), stemmed; the
/// variants that are indexed terms are searched instead. To know which variants exist without
/// loading postings, the browser loads lists of terms:
///
/// - The `l` lists hold the terms by their first two units; enough when the typo is after the
///   second letter.
/// - The `x` lists hold the terms by their third and fourth units; the browser loads the lists
///   for the query word's units 3–4, 2–3, 4–5 and 2+4, which cover a typo in the first two
///   letters (substitution or swap, deletion, insertion, and swapping the 2nd and 3rd letter
///   respectively).
///
/// Only terms of three or more units without digits are listed (typos in numbers are not
/// typos). Most lists are short, so consecutive lists of a kind share a file of about
/// `targetBytes`: `search/l-<first key>.js` holds
/// `window.HandbookSearch.lexicon("l-ab",{"ab":"abil abject …","ac":"…"});`, each list's terms
/// sorted and separated by spaces. The manifest lists every key of a kind in file order, and
/// where each file's keys start.
struct Lexicons {
    /// One kind's lists: every key in order, the files, and the position of each file's first key.
    struct Kind {
        var keys: [String]
        var files: [SearchIndexFile]
        var fileStarts: [Int]
    }

    /// The lists by their first two units.
    let leading: Kind
    /// The lists by their third and fourth units.
    let skipping: Kind

    var files: [SearchIndexFile] { leading.files + skipping.files }

    init(terms: [String], targetBytes: Int) {
        var leading: [String: [String]] = [:]
        var skipping: [String: [String]] = [:]
        for term in terms {
            let units = Array(term.utf16)
            guard units.count >= 3, !units.contains(where: { (0x30...0x39).contains($0) }) else { continue }
            leading[CompactEncoding.fileKey(units: units[0..<2]), default: []].append(term)
            if units.count >= 4 { skipping[CompactEncoding.fileKey(units: units[2..<4]), default: []].append(term) }
        }
        self.leading = Self.pack(leading, prefix: "l", targetBytes: targetBytes)
        self.skipping = Self.pack(skipping, prefix: "x", targetBytes: targetBytes)
    }

    /// The lists in key order, packed into files of about `targetBytes`.
    private static func pack(_ lists: [String: [String]], prefix: String, targetBytes: Int) -> Kind {
        let keys = lists.keys.sorted()
        let entries = keys.map { key in
            var entry: [UInt8] = []
            JavaScriptLiteral.appendString(key, to: &entry)
            entry.append(UInt8(ascii: ":"))
            JavaScriptLiteral.appendString(lists[key]!.sorted { $0.precedesInUTF16($1) }.joined(separator: " "), to: &entry)
            return entry
        }
        let packed = PackedFiles(entries: entries, targetBytes: targetBytes, closing: "});\n",
                                 path: { "search/\(prefix)-\(keys[$0]).js" },
                                 opening: { "window.HandbookSearch.lexicon(\(JavaScriptLiteral.string("\(prefix)-\(keys[$0])")),{" })
        return Kind(keys: keys, files: packed.files, fileStarts: packed.starts)
    }
}

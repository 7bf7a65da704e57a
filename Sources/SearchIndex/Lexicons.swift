/// Word lists for typo tolerance: the terms that could be one edit away from a query word.
///
/// A query word of five or more letters that matches nothing is retried with every variant one
/// edit away (a letter deleted, inserted, substituted, or two neighbours swapped), stemmed; the
/// variants that are indexed terms are searched instead. To know which variants exist without
/// loading postings, the browser loads lists of terms:
///
/// - `search/l-<first two units>.js` lists the terms starting with those two units; enough when
///   the typo is after the second letter.
/// - `search/x-<units 3 and 4>.js` lists the terms by their third and fourth units; the browser
///   loads the lists for the query word's units 3–4, 2–3, 4–5 and 2+4, which cover a typo in
///   the first two letters (substitution or swap, deletion, insertion, and swapping the 2nd
///   and 3rd letter respectively).
///
/// Only terms of three or more units without digits are listed (typos in numbers are not
/// typos). File: `window.HandbookSearch.lexicon("l-ab","abil abject …");`, terms sorted and
/// separated by spaces.
struct Lexicons {
    struct Lexicon {
        var name: String
        var contents: String
        var path: String { "search/\(name).js" }
    }

    let lexicons: [Lexicon]
    /// The file keys of the `l-` lists, for the manifest.
    let leadingKeys: [String]
    /// The file keys of the `x-` lists, for the manifest.
    let skippingKeys: [String]

    init(terms: [String]) {
        var leading: [String: [String]] = [:]
        var skipping: [String: [String]] = [:]
        for term in terms {
            let units = Array(term.utf16)
            guard units.count >= 3, !units.contains(where: { (0x30...0x39).contains($0) }) else { continue }
            leading[CompactEncoding.fileKey(units: units[0..<2]), default: []].append(term)
            if units.count >= 4 { skipping[CompactEncoding.fileKey(units: units[2..<4]), default: []].append(term) }
        }
        func files(_ lists: [String: [String]], prefix: String) -> [Lexicon] {
            lists.keys.sorted().map { key in
                let name = "\(prefix)-\(key)"
                var contents: [UInt8] = []
                contents.append(ascii: "window.HandbookSearch.lexicon(")
                JavaScriptLiteral.appendString(name, to: &contents)
                contents.append(UInt8(ascii: ","))
                JavaScriptLiteral.appendString(lists[key]!.sorted { $0.precedesInUTF16($1) }.joined(separator: " "), to: &contents)
                contents.append(ascii: ");\n")
                return Lexicon(name: name, contents: String(decoding: contents, as: UTF8.self))
            }
        }
        lexicons = files(leading, prefix: "l") + files(skipping, prefix: "x")
        leadingKeys = leading.keys.sorted()
        skippingKeys = skipping.keys.sorted()
    }
}

/// `search/synonyms.js`: groups of words and phrases a reader may use for the same thing, from
/// `search.synonyms` in `handbook.yml` and the tags' aliases in `tags.yml`.
///
///     window.HandbookSearch.synonyms([["1:1","one-on-one"],["pip","performance improvement plan"]]);
///
/// The browser expands a query that contains one phrase of a group with the others
/// (`Theme/assets/search-engine.js`, `findSynonyms`). Nothing else in the index depends on the
/// groups, so changing them rewrites this one small file and no shard.
public enum Synonyms {
    public static let path = "search/synonyms.js"

    /// The file for these groups, in the order given; groups with fewer than two phrases are
    /// left out.
    public static func file(groups: [[String]]) -> SearchIndexFile {
        var output: [UInt8] = []
        output.append(ascii: "window.HandbookSearch.synonyms([")
        var first = true
        for group in groups where group.count >= 2 {
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            JavaScriptLiteral.appendStringArray(group, to: &output)
        }
        output.append(ascii: "]);\n")
        return SearchIndexFile(path: path, contents: String(decoding: output, as: UTF8.self))
    }
}

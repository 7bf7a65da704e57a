/// The sections of each tag's articles, loaded when a search is filtered by that tag. (Topics
/// need no files: each topic is one id range in the manifest.)
///
/// A tag's ranges are ``CompactEncoding`` varint pairs: the gap from the end of the previous
/// range (exclusive, starting at 0) to the range's first id, then the range's length. Most tags
/// are short lists, so consecutive tags share a file of about `targetBytes`:
/// `search/f-<first tag index>.js` holds
/// `window.HandbookSearch.filter(<first tag index>,["<ranges>","<ranges>",…]);`, one string per
/// tag from the first on. The manifest lists the first tag index of each file.
struct TagFilters {
    let files: [SearchIndexFile]
    /// The index (in the manifest's `tags`) of each file's first tag.
    let fileStarts: [Int]

    init(layout: DocumentLayout, targetBytes: Int) {
        var idsByTag = Array(repeating: [Int](), count: layout.tagNames.count)
        let tagNumbers = Dictionary(uniqueKeysWithValues: layout.tagNames.enumerated().map { ($1, $0) })
        for (position, id) in layout.ids.enumerated() {
            let tags = Set(layout.articles[layout.articleOfDocument[position]].tags)
            for tag in tags { idsByTag[tagNumbers[tag]!].append(id) }
        }
        let packed = PackedFiles(entries: idsByTag.map { [UInt8(ascii: "\"")] + Self.ranges($0) + [UInt8(ascii: "\"")] },
                                 targetBytes: targetBytes, closing: "]);\n",
                                 path: { "search/f-\($0).js" }, opening: { "window.HandbookSearch.filter(\($0),[" })
        files = packed.files
        fileStarts = packed.starts
    }

    /// Sorted ids as runs of consecutive ids, encoded.
    private static func ranges(_ ids: [Int]) -> [UInt8] {
        var ranges: [UInt8] = []
        var previousEnd = 0
        var index = 0
        while index < ids.count {
            var last = index
            while last + 1 < ids.count, ids[last + 1] == ids[last] + 1 { last += 1 }
            CompactEncoding.appendVarint(ids[index] - previousEnd, to: &ranges)
            CompactEncoding.appendVarint(last - index + 1, to: &ranges)
            previousEnd = ids[last] + 1
            index = last + 1
        }
        return ranges
    }
}

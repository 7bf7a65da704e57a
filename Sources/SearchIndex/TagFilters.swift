/// One file per tag listing the ids of the sections of its articles, loaded when a search is
/// filtered by that tag. (Topics need no files: each topic is one id range in the manifest.)
///
/// File `search/f-<tag index>.js`: `window.HandbookSearch.filter(<tag index>,"<ranges>");`
/// where the ranges are ``CompactEncoding`` varint pairs: the gap from the end of the previous
/// range (exclusive, starting at 0) to the range's first id, then the range's length.
enum TagFilters {
    static func files(layout: DocumentLayout) -> [SearchIndexFile] {
        var idsByTag = Array(repeating: [Int](), count: layout.tagNames.count)
        let tagNumbers = Dictionary(uniqueKeysWithValues: layout.tagNames.enumerated().map { ($1, $0) })
        for (position, id) in layout.ids.enumerated() {
            let tags = Set(layout.articles[layout.articleOfDocument[position]].tags)
            for tag in tags { idsByTag[tagNumbers[tag]!].append(id) }
        }
        return idsByTag.enumerated().map { tag, ids in
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
            return SearchIndexFile(path: "search/f-\(tag).js", contents: "window.HandbookSearch.filter(\(tag),\"\(String(decoding: ranges, as: UTF8.self))\");\n")
        }
    }
}

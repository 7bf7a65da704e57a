import Parallel

/// The doc store: what results display, kept out of the term shards and loaded only for the
/// documents a query shows.
///
/// File `search/d-<group>.js` per ``DocumentLayout`` group:
///
///     window.HandbookSearch.docs(<group>,[[<url>,<title>,<topic>,[<tag>…]]…],[[<article>,<anchor>,<heading>,<text>]…]);
///
/// First the group's articles (topic and tags as indexes into the manifest's lists), then its
/// sections in id order (section `i` has id `group × capacity + i`), each naming its article by
/// index into the first list; anchor and heading are `null` for an article's lead section, whose
/// text starts with the article's summary on a line of its own (the browser ranks by it).
enum DocumentStore {
    /// Groups handed to `output` at once: enough to keep the cores busy, few enough that the
    /// doc store (most of the index's bytes) is never all in memory.
    static let batchSize = 512

    static func files(layout: DocumentLayout, output: ([SearchIndexFile]) throws -> Void) rethrows {
        let topicNumbers = Dictionary(uniqueKeysWithValues: layout.topics.enumerated().map { ($1.name, $0) })
        let tagNumbers = Dictionary(uniqueKeysWithValues: layout.tagNames.enumerated().map { ($1, $0) })
        let groups = Array(layout.groups.enumerated())
        for start in stride(from: 0, to: groups.count, by: batchSize) {
            let batch = Array(groups[start..<min(start + batchSize, groups.count)])
            try output(files(batch, layout: layout, topicNumbers: topicNumbers, tagNumbers: tagNumbers))
        }
    }

    private static func files(_ groups: [(offset: Int, element: Range<Int>)], layout: DocumentLayout,
                              topicNumbers: [String: Int], tagNumbers: [String: Int]) -> [SearchIndexFile] {
        concurrentChunkedMap(groups) { group, positions in
            var articleNumbers: [Int: Int] = [:]
            var articles: [UInt8] = []
            var sections: [UInt8] = []
            for position in positions {
                let articleIndex = layout.articleOfDocument[position]
                let number: Int
                if let known = articleNumbers[articleIndex] {
                    number = known
                } else {
                    number = articleNumbers.count
                    articleNumbers[articleIndex] = number
                    let article = layout.articles[articleIndex]
                    if number > 0 { articles.append(UInt8(ascii: ",")) }
                    articles.append(UInt8(ascii: "["))
                    JavaScriptLiteral.appendString(article.url, to: &articles)
                    articles.append(UInt8(ascii: ","))
                    JavaScriptLiteral.appendString(article.title, to: &articles)
                    articles.append(ascii: ",\(topicNumbers[article.topic]!),[")
                    articles.append(ascii: article.tags.map { String(tagNumbers[$0]!) }.joined(separator: ","))
                    articles.append(ascii: "]]")
                }
                let document = layout.documents[position]
                if position > positions.lowerBound { sections.append(UInt8(ascii: ",")) }
                sections.append(ascii: "[\(number),")
                JavaScriptLiteral.appendOptionalString(document.anchor, to: &sections)
                sections.append(UInt8(ascii: ","))
                JavaScriptLiteral.appendOptionalString(document.heading, to: &sections)
                sections.append(UInt8(ascii: ","))
                JavaScriptLiteral.appendString(document.text, to: &sections)
                sections.append(UInt8(ascii: "]"))
            }
            var contents: [UInt8] = []
            contents.reserveCapacity(articles.count + sections.count + 64)
            contents.append(ascii: "window.HandbookSearch.docs(\(group),[")
            contents += articles
            contents.append(ascii: "],[")
            contents += sections
            contents.append(ascii: "]);\n")
            return SearchIndexFile(path: "search/d-\(group).js", contents: String(decoding: contents, as: UTF8.self))
        }
    }
}

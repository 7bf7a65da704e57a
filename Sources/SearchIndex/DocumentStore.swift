/// The doc store: what results display, kept out of the term shards and loaded only for the
/// documents a query shows.
///
/// File `search/d-<group>.js` per ``DocumentLayout`` group:
///
///     window.HandbookSearch.docs(<group>,[[<url>,<title>,<topic>,[<tag>…]]…],[[<article>,<anchor>,<heading>,<text>]…]);
///
/// First the group's articles (topic and tags as indexes into the manifest's lists), then its
/// sections in id order (section `i` has id `group × capacity + i`), each naming its article by
/// index into the first list; anchor and heading are `null` for an article's lead section.
enum DocumentStore {
    static func files(layout: DocumentLayout) -> [SearchIndexFile] {
        let topicNumbers = Dictionary(uniqueKeysWithValues: layout.topics.enumerated().map { ($1.name, $0) })
        let tagNumbers = Dictionary(uniqueKeysWithValues: layout.tagNames.enumerated().map { ($1, $0) })
        return layout.groups.enumerated().map { group, positions in
            var articleNumbers: [Int: Int] = [:]
            var articles = ""
            var sections = ""
            for position in positions {
                let articleIndex = layout.articleOfDocument[position]
                let number: Int
                if let known = articleNumbers[articleIndex] {
                    number = known
                } else {
                    number = articleNumbers.count
                    articleNumbers[articleIndex] = number
                    let article = layout.articles[articleIndex]
                    if number > 0 { articles += "," }
                    articles += "["
                    JavaScriptLiteral.appendString(article.url, to: &articles)
                    articles += ","
                    JavaScriptLiteral.appendString(article.title, to: &articles)
                    articles += ",\(topicNumbers[article.topic]!),["
                    articles += article.tags.map { String(tagNumbers[$0]!) }.joined(separator: ",")
                    articles += "]]"
                }
                let document = layout.documents[position]
                if position > positions.lowerBound { sections += "," }
                sections += "[\(number),"
                JavaScriptLiteral.appendOptionalString(document.anchor, to: &sections)
                sections += ","
                JavaScriptLiteral.appendOptionalString(document.heading, to: &sections)
                sections += ","
                JavaScriptLiteral.appendString(document.text, to: &sections)
                sections += "]"
            }
            let contents = "window.HandbookSearch.docs(\(group),[\(articles)],[\(sections)]);\n"
            return SearchIndexFile(path: "search/d-\(group).js", contents: contents)
        }
    }
}

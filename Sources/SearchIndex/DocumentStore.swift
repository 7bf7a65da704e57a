import Foundation
import Parallel
import RawDeflate

/// The doc store: what results display, kept out of the term shards and loaded only for the
/// documents a query shows.
///
/// File `search/d-<group>.js` per ``DocumentLayout`` group:
///
///     window.HandbookSearch.docs(<group>,"<Base64>");
///
/// The string is the Base64 of the raw deflate (``Deflate``) of the JSON
///
///     [[[<url>,<title>,<topic>,[<tag>…](,1)?]…],[[<article>,<anchor>,<heading>,<text>]…]]
///
/// First the group's articles (topic and tags as indexes into the manifest's lists; a last `1`
/// on the group's last article when its sections go on in the next group, which happens only
/// to an article larger than a group), then its
/// sections in id order (section `i` has id `group × capacity + i`), each naming its article by
/// index into the first list; anchor and heading are `null` for an article's lead section, whose
/// text starts with the article's summary on a line of its own (the browser ranks by it). An
/// anchor that ``derivedAnchor(_:)`` makes from its heading (most are) is written as `0`.
/// Compressed, the doc store (nearly all of the index's bytes) takes about half the room on
/// disk; the browser inflates a group with `DecompressionStream`, and a server's gzip gains
/// next to nothing on it, so what a query downloads stays the same.
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
                if let anchor = document.anchor, let heading = document.heading, anchor == derivedAnchor(heading) {
                    sections.append(UInt8(ascii: "0"))
                } else {
                    JavaScriptLiteral.appendOptionalString(document.anchor, to: &sections)
                }
                sections.append(UInt8(ascii: ","))
                JavaScriptLiteral.appendOptionalString(document.heading, to: &sections)
                sections.append(UInt8(ascii: ","))
                JavaScriptLiteral.appendString(document.text, to: &sections)
                sections.append(UInt8(ascii: "]"))
            }
            if positions.upperBound < layout.documents.count
                && layout.articleOfDocument[positions.upperBound] == layout.articleOfDocument[positions.upperBound - 1] {
                // The last article goes on in the next group: mark it so the browser loads that too.
                articles.insert(contentsOf: Array(",1".utf8), at: articles.count - 1)
            }
            var payload: [UInt8] = []
            payload.reserveCapacity(articles.count + sections.count + 8)
            payload.append(ascii: "[[")
            payload += articles
            payload.append(ascii: "],[")
            payload += sections
            payload.append(ascii: "]]")
            let contents = "window.HandbookSearch.docs(\(group),\"\(Data(RawDeflate.deflate(payload)).base64EncodedString())\");\n"
            return SearchIndexFile(path: "search/d-\(group).js", contents: contents)
        }
    }

    /// The anchor the browser derives from a heading stored with anchor `0`: a heading of ASCII
    /// letters, digits and spaces in lowercase, spaces turned into `-`; nil for any other heading.
    static func derivedAnchor(_ heading: String) -> String? {
        let isPlain = heading.utf8.allSatisfy { byte in
            byte == UInt8(ascii: " ") || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        guard isPlain else { return nil }
        return String(decoding: heading.utf8.map { byte in
            byte == UInt8(ascii: " ") ? UInt8(ascii: "-") : (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
        }, as: UTF8.self)
    }
}

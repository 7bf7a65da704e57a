/// An article of a generated fixture site, as the fields its front matter and body are made
/// from, for tests that edit a site at random.
public struct ArticleDraft: Sendable {
    public var topic: String
    public var slug: String
    public var title: String
    public var order: Int
    public var tags: [String]
    public var headings: [String]
    /// Article ids, with an optional heading id.
    public var links: [(id: String, anchor: String?)]
    /// Lines of the opening paragraph: rewording it moves every line below it.
    public var openingLines = 1

    public init(topic: String, slug: String, title: String, order: Int, tags: [String], headings: [String], links: [(id: String, anchor: String?)]) {
        (self.topic, self.slug, self.title, self.order) = (topic, slug, title, order)
        (self.tags, self.headings, self.links) = (tags, headings, links)
    }

    public var id: String { "\(topic)/\(slug)" }
    public var path: String { "Content/\(id).md" }

    public func text() -> String {
        var body = "An opening paragraph.\n" + (1..<max(1, openingLines)).map { "It goes on, line \($0 + 1).\n" }.joined()
        for (index, link) in links.enumerated() {
            let slash = link.id.lastIndex(of: "/") ?? link.id.startIndex
            let (topic, slug) = (String(link.id[..<slash]), String(link.id[link.id.index(after: slash)...]))
            // Beside it by name; anywhere else from the content folder, at whatever depth.
            let target = topic == self.topic ? "\(slug).md" : "/\(link.id).md"
            body += "\nSentence \(index) points to [it](\(target)\(link.anchor.map { "#\($0)" } ?? "")).\n"
        }
        for heading in headings { body += "\n## \(heading)\n\nSome text under \(heading).\n" }
        return "---\ntitle: \(title)\nsummary: About \(title).\ntags: [\(tags.joined(separator: ", "))]\norder: \(order)\n---\n\n\(body)"
    }
}

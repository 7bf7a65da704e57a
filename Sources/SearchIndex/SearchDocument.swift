import RawDeflate

/// One searchable unit: a section of an article (the text under one heading, or the text before
/// the first heading). Results link to `url#anchor` and are grouped by `url`.
public struct SearchDocument: Sendable, Hashable {
    /// The article page's URL relative to the site root, e.g. "practices/one-on-ones.html".
    public var url: String
    /// The section heading's id; nil for the text before the first heading.
    public var anchor: String?
    /// The article's title.
    public var title: String
    /// The section heading's text; nil for the text before the first heading.
    public var heading: String?
    /// The title of the article's topic, e.g. "Practices"; results can be filtered by it.
    public var topic: String
    /// The article's tag names; results can be filtered by them.
    public var tags: [String]
    /// The section's plain text (no markup), held as the article holds it: deflated on a large
    /// site, and then inflated each time it is read.
    public var packedText: PackedText
    /// The section's plain text (no markup).
    public var text: String { packedText.text }
    /// How its words are read, when not as the site's (an article's own `language`).
    public var language: SearchLanguage?

    public init(url: String, anchor: String?, title: String, heading: String?, topic: String, tags: [String], text: String,
                language: SearchLanguage? = nil) {
        self.init(url: url, anchor: anchor, title: title, heading: heading, topic: topic, tags: tags, packedText: .plain(text),
                  language: language)
    }

    public init(url: String, anchor: String?, title: String, heading: String?, topic: String, tags: [String], packedText: PackedText,
                language: SearchLanguage? = nil) {
        self.url = url
        self.anchor = anchor
        self.title = title
        self.heading = heading
        self.topic = topic
        self.tags = tags
        self.packedText = packedText
        self.language = language
    }
}

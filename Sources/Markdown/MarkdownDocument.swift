/// A Markdown document parsed and rendered by libcmark.
///
/// Everything here is a plain Swift value: the cmark tree lives only inside
/// ``MarkdownDocument/init(parsing:options:rewritingLinks:)`` and is freed before it returns.
public struct MarkdownDocument: Sendable, Hashable {
    /// The rendered HTML body (headings carry ids; links are rewritten).
    public var html: String
    /// Every heading in document order, with its unique id.
    public var headings: [Heading]
    /// Every link and image in document order, with its original destination.
    public var links: [Link]
    /// The document's text split at headings: the text before the first heading
    /// (if any) and one section per heading.
    public var sections: [Section]

    /// The whole document as plain text, blocks separated by blank lines.
    public var plainText: String {
        sections.map { section in
            [section.heading?.text, section.text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        }
        .filter { !$0.isEmpty }
        .joined(separator: "\n\n")
    }

    /// The first paragraph's text, if any: a fallback summary.
    public var firstParagraph: String?

    /// What did not render as written (raw HTML left out, footnotes without a definition),
    /// in source order.
    public var problems: [MarkdownProblem]

    /// Parses `source` and renders it.
    ///
    /// - Parameters:
    ///   - source: CommonMark text.
    ///   - options: rendering options; safe by default.
    ///   - rewritingLinks: called once per link or image, in document order, with what is
    ///     known of it when it is reached: its kind, destination, position and whether it is a
    ///     wiki link (its `text` only for a wiki link, its `context` never). Return a new
    ///     destination, or `nil` to keep it. Dangerous destinations (`javascript:` and the like)
    ///     are emptied before this is called, unless ``RenderOptions/unsafe`` is set.
    ///
    ///     A wiki link's destination is the target as written (`Page#Heading`), a page name
    ///     rather than a URL: return the URL it resolves to, or `nil` when it resolves to
    ///     nothing, and it renders as its plain text (no `<a>`, no `<img>`). It is in ``links``
    ///     either way, so the caller can report it. A resolved URL that is dangerous counts as
    ///     unresolved.
    public init(
        parsing source: String,
        options: RenderOptions = [],
        rewritingLinks: (_ link: Link) -> String? = { _ in nil }
    ) {
        self = CmarkConverter.convert(source, options: options, rewrite: rewritingLinks)
    }

    init(html: String, headings: [Heading], links: [Link], sections: [Section], firstParagraph: String?, problems: [MarkdownProblem]) {
        self.problems = problems
        self.html = html
        self.headings = headings
        self.links = links
        self.sections = sections
        self.firstParagraph = firstParagraph
    }
}

/// How a document is rendered.
public struct RenderOptions: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Pass raw HTML and dangerous URLs through. Only for trusted content.
    public static let unsafe = RenderOptions(rawValue: 1 << 0)
    /// Leave straight quotes and dashes as typed (smart punctuation is on by default).
    public static let noSmartPunctuation = RenderOptions(rawValue: 1 << 1)
    /// Do not add a permalink (`#`) inside each heading.
    public static let noHeadingPermalinks = RenderOptions(rawValue: 1 << 2)
    /// Read wiki links: `[[Page]]`, `[[Page|text]]`, `[[Page#Heading]]`, `[[#Heading]]` and
    /// image embeds `![[image.png]]`, `![[image.png|alt text]]`, as Obsidian, Foam and Quartz
    /// write them.
    ///
    /// Off by default because it is not CommonMark: `[[foo]]` is text there (CommonMark 0.30
    /// examples 547 and 589 read differently with it on). A link reference definition wins:
    /// with `[Page]: url` defined, `[[Page]]` is `[` + a link + `]`, as in CommonMark.
    ///
    /// The link's text is the text after `|`, else the target, with `Page#Heading` shown as
    /// `Page > Heading` (Obsidian's reading) and `#Heading` as `Heading`; an embed's alt
    /// text is the text after `|`, else the target. Escaped brackets (`\[[`) and brackets
    /// written as entities are text. The target holds no `[` or `]`, and is read as written:
    /// smart punctuation does not change it.
    public static let wikiLinks = RenderOptions(rawValue: 1 << 3)
}

/// A position in the Markdown source, 1-based. Columns count bytes, as cmark does.
public struct SourcePosition: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

public struct Heading: Sendable, Hashable {
    /// 1 to 6.
    public var level: Int
    /// The heading's plain text.
    public var text: String
    /// A GitHub-style slug, unique within the document.
    public var id: String
    public var position: SourcePosition
}

public struct Link: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case link, image }
    /// `.image` for `![alt](src)` and the wiki embed `![[src]]`.
    public var kind: Kind
    /// The destination as written (after entity decoding), before any rewrite. For a wiki
    /// link, the target between the brackets as written, without the `|` part: `Page#Heading`.
    public var destination: String
    /// Written `[[target]]` or `![[target]]` (with ``RenderOptions/wikiLinks``): the
    /// destination names a page for the caller to resolve, not a URL.
    public var isWikiLink = false
    /// What a link rewrite returns to show a link as its text (an image as its alt text):
    /// for a site that publishes with broken links while it is cleaned up.
    public static let shownAsText = "\u{0}shown-as-text"
    /// The link's text (an image's alt text).
    public var text: String
    /// The sentence (or short list item) around the link, as plain text.
    public var context: String
    public var position: SourcePosition
    /// For a reference link (`[text][label]`), where its destination is defined.
    public var definition: SourcePosition?
}

/// A run of text under one heading (or before the first one).
public struct Section: Sendable, Hashable {
    /// `nil` for the text before the first heading.
    public var heading: Heading?
    public var text: String
}

/// Something the renderer wants the author to know: content it did not publish (raw HTML),
/// a footnote reference without a definition. Always a warning; the page still renders.
public struct MarkdownProblem: Sendable, Hashable {
    public var position: SourcePosition
    public var message: String
    public var hint: String?

    public init(_ position: SourcePosition, _ message: String, hint: String? = nil) {
        self.position = position
        self.message = message
        self.hint = hint
    }
}

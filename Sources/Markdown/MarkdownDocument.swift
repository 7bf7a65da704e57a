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
    ///   - rewritingLinks: called once per link or image with its destination; return a new
    ///     destination, or `nil` to keep it. Dangerous destinations (`javascript:` and the like)
    ///     are emptied before this is called, unless ``RenderOptions/unsafe`` is set.
    public init(
        parsing source: String,
        options: RenderOptions = [],
        rewritingLinks: (_ destination: String) -> String? = { _ in nil }
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
    public var kind: Kind
    /// The destination as written (after entity decoding), before any rewrite.
    public var destination: String
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

import Markdown
import RawDeflate

/// Settings from `handbook.yml`, with defaults for everything.
public struct SiteConfig: Sendable, Hashable {
    public var title = "Handbook"
    /// Whether `handbook.yml` names the title; otherwise the start page's title is the site's.
    public var titleIsSet = false
    public var description = ""
    /// Who wrote the handbook, for the EPUB's metadata; the title when not set.
    public var author: String?
    /// The `lang` of every page.
    public var language = "en"
    /// The repository's web address, for "Edit this page" links, e.g. `https://github.com/org/handbook`.
    public var repository: String?
    public var branch = "main"
    /// Where `Content/` sits inside the repository.
    public var contentPath = "Content"
    /// The published address, e.g. `https://example.org/handbook/`. Only then are canonical
    /// links, the sitemap and absolute feed links written; without it the output stays
    /// host-agnostic.
    public var baseURL: String?
    /// Pass raw HTML in articles through. Only for sites whose every author is trusted:
    /// raw HTML can run script in readers' browsers.
    public var allowRawHTML = false
    /// Typographic quotes, dashes and ellipses (`"a" -- b...` as “a” – b…). Off renders
    /// exactly as GitHub's preview does.
    public var smartPunctuation = true
    /// Publish the handbook to take away: the EPUB, `llms.txt`, `llms-full.txt` and each
    /// page's Markdown beside it. Off by default: at 10,000 articles they add about a third
    /// to the build time and a Markdown file per page.
    public var offline = false
    /// `search.synonyms`: groups of words or phrases that mean the same to a reader (`1:1 =
    /// one-on-one`). A query for one also finds the others; the search index's shards do not
    /// depend on them.
    public var searchSynonyms: [[String]] = []
    /// The content rules `check` and `build` enforce beyond what any Markdown folder needs
    /// (`rules:`); none by default, so an existing folder builds as it is.
    public var rules: Set<ContentRule> = []
    /// How a link to a page, heading or file that does not exist is reported
    /// (`broken_links: warning` while a folder being brought in is cleaned up).
    public var brokenLinks: Diagnostic.Severity = .error
    /// Files next to the articles larger than this many bytes are reported (`large_file_mb`).
    public var largeFileBytes = 5 * 1024 * 1024

    public init() {}

    public static let knownKeys = [
        "title", "description", "author", "language", "repository", "branch", "content_path", "base_url", "allow_raw_html",
        "smart_punctuation", "search", "offline", "rules", "broken_links", "large_file_mb",
    ]

    /// The keys of the `search:` mapping.
    public static let knownSearchKeys = ["synonyms"]

    /// How every page's Markdown is rendered under these settings.
    public var renderOptions: RenderOptions {
        // Wiki links are read on every page: `[[` is rarely meant as text in a handbook.
        var options: RenderOptions = [.wikiLinks]
        if allowRawHTML { options.insert(.unsafe) }
        if !smartPunctuation { options.insert(.noSmartPunctuation) }
        return options
    }

    /// The address where an article's source can be edited, when a repository is set.
    public func editURL(forSourcePath relativePath: String) -> String? {
        guard let repository, !repository.isEmpty else { return nil }
        let base = repository.hasSuffix("/") ? String(repository.dropLast()) : repository
        return "\(base)/edit/\(branch)/\(contentPath)/\(relativePath)"
    }
}

/// A rule a knowledge base can turn on in `handbook.yml` (`rules: strict` turns on all).
/// Each has one name, used in the settings and in every message it gives.
public enum ContentRule: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Every page starts with front matter that gives its title (and an article its summary).
    case frontMatter = "front-matter"
    /// Summaries are one sentence.
    case oneSentenceSummary = "one-sentence-summary"
    /// Every article has 2 to 5 tags.
    case tagCount = "tag-count"
    /// Tags are declared in `tags.yml`, which must exist.
    case declaredTags = "declared-tags"
    /// File and folder names are lower-case and hyphenated (`a-z`, `0-9`, `-`).
    case fileNames = "file-names"
    /// No two articles share a file name, even in different topics.
    case uniqueFileNames = "unique-file-names"
    /// Every topic folder has an `_index.md` introduction.
    case topicIntroductions = "topic-introductions"
    /// Front matter keys the generator does not know are errors rather than warnings.
    case knownKeys = "known-keys"

    public static func < (lhs: ContentRule, rhs: ContentRule) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A page of the handbook written in Markdown: an article, a topic's introduction or the start page.
///
/// Its fields (``Fields``, read as `article.title` and so on) live in one shared, immutable
/// box: every loop over a site's articles copies each one, and a copy of a plain struct of
/// this size costs a reference count per field, which on a large site was most of what
/// `serve` did after an edit.
@dynamicMemberLookup
public struct Article: Sendable, Hashable, Identifiable {
    public struct Fields: Sendable, Hashable {
        /// The id of the topic the article's folder is ("" for the content folder itself).
        public var topic: String
        /// The file name's address form, without `.md`.
        public var slug: String
        public var title: String
        public var summary: String
        /// Tag slugs, in the order written, without duplicates.
        public var tags: [String]
        public var order: Int?
        /// `YYYY-MM-DD`.
        public var updated: String?
        public var draft: Bool
        /// The path inside `Content/` as named on disk, e.g. `practices/one-on-ones.md`.
        public var relativePath: String
        /// The path shown in messages, e.g. `Content/practices/one-on-ones.md`.
        public var displayPath: String
        /// Line of the file where the Markdown body starts.
        public var bodyFirstLine: Int
        /// The parsed body without its text: the rendered HTML and each section's text are in
        /// ``body`` and ``sectionTexts`` (read as ``Article/html`` and ``Article/sections``), which
        /// a large site holds deflated.
        public var document: MarkdownDocument
        /// The rendered HTML of the body.
        public var body: PackedText
        /// The plain text of each of `document.sections`, in order.
        public var sectionTexts: [PackedText]
        /// The Markdown body as written, without the front matter: published beside the page
        /// and in `llms-full.txt` when the offline formats are on, and empty when they are off.
        public var markdown: String
        /// The id of the body's `# Title` heading when the title was taken from it (the heading
        /// is then not repeated in the body; the page title carries its id).
        public var titleAnchor: String?
        /// Words in the body, counted once at load (for reading time).
        public var wordCount: Int
        /// The article's own `language` (a BCP 47 tag) as its front matter writes it, which may
        /// be the site's too; the book marks only one that differs.
        public var language: String?
    }

    @usableFromInline
    final class Box: Sendable {
        @usableFromInline let fields: Fields
        @usableFromInline let id: String

        init(_ fields: Fields) {
            self.fields = fields
            id = fields.topic.isEmpty ? fields.slug : "\(fields.topic)/\(fields.slug)"
        }
    }

    @usableFromInline
    var box: Box

    public init(_ fields: Fields) { box = Box(fields) }

    @inlinable
    public subscript<Value>(dynamicMember field: KeyPath<Fields, Value>) -> Value { box.fields[keyPath: field] }

    /// The page's path in the output without `.html` (`topic/slug`, or `slug` at the root):
    /// unique in the handbook. Kept rather than computed: every stage looks articles up by it.
    @inlinable
    public var id: String { box.id }

    /// The page's path in the output, relative to the site root.
    public var url: String { "\(id).html" }

    /// The rendered HTML of the body.
    public var html: String { box.fields.body.text }

    /// The body's sections, each with its text.
    public var sections: [Section] {
        zip(box.fields.document.sections, box.fields.sectionTexts).map { section, text in
            var section = section
            section.text = text.text
            return section
        }
    }

    /// The same article without what only its pages and the graph read (its HTML, Markdown
    /// and links), once the pages are written.
    func releasingPageContent() -> Article {
        var fields = box.fields
        fields.body = .empty
        fields.markdown = ""
        fields.document.links = []
        return Article(fields)
    }

    public static func == (lhs: Article, rhs: Article) -> Bool { lhs.box === rhs.box || lhs.box.fields == rhs.box.fields }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }
}

/// A folder of articles, introduced by its `_index.md`, `index.md` or `README.md`.
public struct Topic: Sendable, Hashable, Identifiable {
    public var id: String { slug }
    /// The folder's path in the output, e.g. `engineering/dev-process`; "" for the articles
    /// at the top of the content folder, whose page is the start page.
    public var slug: String
    public var title: String
    public var description: String
    public var order: Int?
    public var displayPath: String
    public var bodyFirstLine: Int
    public var introduction: MarkdownDocument
    /// The introduction's Markdown as written, without the front matter.
    public var markdown: String = ""
    /// The folder inside the content folder, as named on disk.
    public var folder: String = ""
    /// The introduction's path inside the content folder, when there is one.
    public var introductionPath: String?
    /// The enclosing topic's slug; nil for a top-level topic.
    public var parent: String?
    public var url: String { slug.isEmpty ? "index.html" : "\(slug)/index.html" }
    /// How deep the topic is: 1 for a top-level folder.
    public var depth: Int { slug.isEmpty ? 0 : slug.pathComponents().count }
}

/// The start page, from the content folder's `_index.md`, `index.md` or `README.md`.
public struct HomePage: Sendable, Hashable {
    public var title: String
    public var description: String
    public var displayPath: String
    public var bodyFirstLine: Int
    public var document: MarkdownDocument
    /// The Markdown as written, without the front matter.
    public var markdown: String = ""
    /// The path inside the content folder, e.g. `README.md`.
    public var relativePath = "_index.md"
}

/// A file published as it is beside the pages: an image, a PDF, a data file.
public struct ContentFile: Sendable, Hashable {
    /// The path inside the content folder, as named on disk.
    public var sourcePath: String
    /// Where it is written in the output.
    public var outputPath: String
    public var size: Int
    public var displayPath: String
    /// Where to read it from.
    public var location: String
}

/// Everything loaded from `Content/` and the config, before the graph is built.
public struct Site: Sendable {
    public var config: SiteConfig
    public var home: HomePage?
    /// In reading order.
    public var topics: [Topic]
    /// Sorted by id.
    public var articles: [Article]
    public var tags: TagVocabulary
    /// How the content folder is named in messages.
    public var contentDisplayName: String
    /// Paths (`topic/slug.md`) of drafts left out of this build.
    public var draftPaths: Set<String>
    /// Files published beside the pages, by path inside the content folder.
    public var files: [ContentFile] = []
    /// Paths of articles that exist but could not be loaded (their errors are reported), so
    /// links to them are not also reported as links to missing articles.
    public var unloadedPaths: Set<String> = []
    /// What `[[wiki links]]` can name.
    public var wikiTargets = WikiTargets()
    /// The article files of the topics that loaded, by path inside the content folder: what
    /// `serve` reads again after an edit, without listing the folder again.
    var articleSources: [String: ContentListing.ArticleEntry] = [:]
    /// Whether the articles hold their HTML and text deflated, as do those `serve` reads again.
    public internal(set) var packsText = false
}

extension Site {
    /// Empties every article's HTML, Markdown and links, for a build that has written its
    /// pages and needs the memory for what comes next. Frees them only where this copy of the
    /// site holds the last reference.
    public mutating func releasePageContent() {
        for index in articles.indices { articles[index] = articles[index].releasingPageContent() }
    }
}

extension String {
    /// Words: runs of letters and digits, with apostrophes inside them. Read byte by byte:
    /// ASCII is classified by value, and only other characters are decoded and asked about
    /// their Unicode properties, which is many times faster than going scalar by scalar.
    var wordCount: Int {
        var text = self
        return text.withUTF8 { bytes in
            var (count, inWord, index) = (0, false, 0)
            while index < bytes.count {
                let byte = bytes[index]
                let isWordCharacter: Bool
                let isApostrophe: Bool
                if byte < 0x80 {
                    isWordCharacter = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                    isApostrophe = byte == 0x27
                    index += 1
                } else {
                    let (scalar, length) = Self.scalar(in: bytes, at: index)
                    isWordCharacter = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    isApostrophe = scalar == "\u{2019}"
                    index += length
                }
                if isWordCharacter && !inWord { count += 1 }
                inWord = isWordCharacter || (inWord && isApostrophe)
            }
            return count
        }
    }

    /// The scalar whose UTF-8 starts at `index`, a lead byte of a string's valid UTF-8, and
    /// how many bytes it takes.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (0x7F >> length)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}

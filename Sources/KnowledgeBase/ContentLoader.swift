import Foundation
import Markdown
import Parallel

/// The `load` stage: reads `Content/` and the config into a ``Site``.
///
/// Every problem is collected; the site is returned even when some files had errors, so
/// `check` can report everything in one run. Callers decide whether errors are fatal.
public struct ContentLoader: Sendable {
    public var contentDirectory: String
    /// How `contentDirectory` is shown in messages (usually the path the user typed).
    public var displayName: String
    public var includeDrafts: Bool

    public static let articleKeys = ["title", "summary", "tags", "order", "updated", "draft", "language"]
    public static let topicKeys = ["title", "description", "order"]
    public static let homeKeys = ["title", "description"]

    public init(contentDirectory: String, displayName: String? = nil, includeDrafts: Bool = false) {
        self.contentDirectory = contentDirectory
        self.displayName = displayName ?? contentDirectory
        self.includeDrafts = includeDrafts
    }

    public func load(config: SiteConfig) -> (site: Site, diagnostics: [Diagnostic]) {
        var timings = StageTimings()
        return load(config: config, timings: &timings)
    }

    /// Loads everything, adding the time spent reading files to the stage `load` and the
    /// time spent parsing and rendering Markdown to `markdown`.
    public func load(config: SiteConfig, timings: inout StageTimings) -> (site: Site, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let clock = ContinuousClock.now
        let listing = ContentListing.scan(contentDirectory, displayName: displayName, diagnostics: &diagnostics)

        var tags = TagVocabulary()
        let tagsPath = "\(displayName)/tags.yml"
        if let bytes = read("tags.yml", display: tagsPath, diagnostics: &diagnostics) {
            if case .success(let text) = SourceFile.decode(bytes, displayPath: tagsPath) {
                tags = TagVocabulary(yaml: text, file: tagsPath, diagnostics: &diagnostics)
            } else if case .failure(let problem) = SourceFile.decode(bytes, displayPath: tagsPath) {
                diagnostics.append(problem)
                tags = .unreadable
            }
        } else if FileManager.default.fileExists(atPath: "\(contentDirectory)/tags.yml") {
            // There, but not a readable file: the error is reported; do not also call every tag unknown.
            tags = .unreadable
        } else if listing.hasTagsFile == false {
            diagnostics.append(.warning(tagsPath, "no tag vocabulary", hint: "declare tags in \(tagsPath) as 'name: description' lines"))
        }

        let renderOptions = config.renderOptions
        let home = listing.hasHomePage ? loadHome(options: renderOptions, diagnostics: &diagnostics) : nil
        let topics = listing.topics.compactMap { loadTopic($0, options: renderOptions, diagnostics: &diagnostics) }
        let knownTopics = Set(topics.map(\.slug))

        let loader = self
        let vocabulary = tags
        // Articles of a topic that failed to load are read too: their own errors are
        // reported in the same run, though they are not published.
        let sources = listing.articles.parallelMap { entry in loader.readArticle(entry) }
        timings.add("load", (ContinuousClock.now - clock).seconds)
        let results = timings.measure("markdown") {
            sources.parallelMap { source in loader.parseArticle(source, tags: vocabulary, options: renderOptions) }
        }
        var articles: [Article] = []
        var draftPaths: Set<String> = []
        var unloadedPaths = Set(listing.articles.filter { !knownTopics.contains($0.topic) }.map { "\($0.topic)/\($0.slug).md" })
        for (source, result) in zip(sources, results) {
            diagnostics += result.diagnostics
            guard let article = result.article, knownTopics.contains(source.entry.topic) else {
                unloadedPaths.insert("\(source.entry.topic)/\(source.entry.slug).md")
                continue
            }
            if includeDrafts || !article.draft {
                articles.append(article)
            } else {
                draftPaths.insert(article.relativePath)
            }
        }
        articles.sort { $0.id < $1.id }
        if articles.isEmpty && draftPaths.isEmpty && unloadedPaths.isEmpty {
            diagnostics.append(.error(displayName, "no articles found",
                                      hint: "put each article in a topic folder with front matter (title, summary): \(displayName)/<topic>/_index.md introduces the topic, \(displayName)/<topic>/<article>.md is an article"))
        }
        let site = Site(config: config, home: home, topics: TopicOrder.sorted(topics), articles: articles, tags: tags,
                        contentDisplayName: displayName, draftPaths: draftPaths, unloadedPaths: unloadedPaths)
        return (site, diagnostics)
    }

    // MARK: - Files

    private func read(_ relativePath: String, display: String, diagnostics: inout [Diagnostic]) -> [UInt8]? {
        let path = "\(contentDirectory)/\(relativePath)"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(.error(display, "cannot read the file", hint: "check its permissions"))
            return nil
        }
        return [UInt8](data)
    }

    private func source(_ relativePath: String, diagnostics: inout [Diagnostic]) -> SourceFile? {
        let display = "\(displayName)/\(relativePath)"
        guard let bytes = read(relativePath, display: display, diagnostics: &diagnostics) else { return nil }
        switch SourceFile.parse(bytes: bytes, displayPath: display) {
        case .success(let file): return file
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    private func frontMatter(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> YAMLFields? {
        guard file.hasFrontMatter else {
            diagnostics.append(.error(file.displayPath, 1, 1, "missing front matter",
                                      hint: "start the file with '---', the fields (title: …), and '---'"))
            return nil
        }
        return YAMLFields(yaml: file.frontMatter, file: file.displayPath, firstLine: file.frontMatterFirstLine, diagnostics: &diagnostics, allowEmpty: false)
    }

    // MARK: - Pages

    private func loadHome(options: RenderOptions, diagnostics: inout [Diagnostic]) -> HomePage? {
        guard let file = source("_index.md", diagnostics: &diagnostics),
              var fields = frontMatter(file, diagnostics: &diagnostics) else { return nil }
        fields.rejectUnknownKeys(Self.homeKeys)
        let title = fields.string("title", required: true)
        let description = fields.string("description") ?? ""
        diagnostics += fields.diagnostics
        let document = render(file, options: options, diagnostics: &diagnostics)
        return HomePage(title: title ?? "", description: description, displayPath: file.displayPath, bodyFirstLine: file.bodyFirstLine,
                        document: document, markdown: file.body)
    }

    private func loadTopic(_ slug: String, options: RenderOptions, diagnostics: inout [Diagnostic]) -> Topic? {
        let indexPath = "\(slug)/_index.md"
        guard FileManager.default.fileExists(atPath: "\(contentDirectory)/\(indexPath)") else {
            diagnostics.append(.error("\(displayName)/\(slug)", "topic folder has no _index.md",
                                      hint: "add \(displayName)/\(indexPath) with a title, a description and an introduction"))
            return nil
        }
        guard let file = source(indexPath, diagnostics: &diagnostics),
              var fields = frontMatter(file, diagnostics: &diagnostics) else { return nil }
        fields.rejectUnknownKeys(Self.topicKeys)
        let title = fields.string("title", required: true)
        let description = fields.string("description") ?? ""
        let order = fields.int("order")
        diagnostics += fields.diagnostics
        let document = render(file, options: options, diagnostics: &diagnostics)
        return Topic(slug: slug, title: title ?? slug, description: description, order: order, displayPath: file.displayPath,
                     bodyFirstLine: file.bodyFirstLine, introduction: document, markdown: file.body)
    }

    /// Renders a page's Markdown; what did not render as written becomes a located warning.
    private func render(_ file: SourceFile, options: RenderOptions, diagnostics: inout [Diagnostic]) -> MarkdownDocument {
        let document = MarkdownDocument(parsing: file.body, options: options, rewritingLinks: LinkResolver.rewrite)
        for problem in document.problems {
            diagnostics.append(.warning(file.displayPath, problem.position.line + file.bodyFirstLine - 1, problem.position.column,
                                        problem.message, hint: problem.hint))
        }
        return document
    }

    struct ArticleResult: Sendable {
        var article: Article?
        var diagnostics: [Diagnostic]
    }

    struct ArticleSource: Sendable {
        var entry: ContentListing.ArticleEntry
        var file: SourceFile?
        var diagnostics: [Diagnostic]
    }

    func readArticle(_ entry: ContentListing.ArticleEntry) -> ArticleSource {
        var diagnostics: [Diagnostic] = []
        let file = source("\(entry.topic)/\(entry.slug).md", diagnostics: &diagnostics)
        return ArticleSource(entry: entry, file: file, diagnostics: diagnostics)
    }

    func parseArticle(_ source: ArticleSource, tags: TagVocabulary, options: RenderOptions) -> ArticleResult {
        var diagnostics = source.diagnostics
        let entry = source.entry
        let relativePath = "\(entry.topic)/\(entry.slug).md"
        guard let file = source.file else { return ArticleResult(diagnostics: diagnostics) }
        guard var fields = frontMatter(file, diagnostics: &diagnostics) else { return ArticleResult(diagnostics: diagnostics) }
        fields.rejectUnknownKeys(Self.articleKeys)
        let title = fields.string("title", required: true)
        let summary = fields.string("summary", required: true)
        let order = fields.int("order")
        let updated = fields.date("updated")
        let draft = fields.bool("draft") ?? false
        let language = fields.string("language")
        var tagSlugs: [String] = []
        for item in fields.stringList("tags") ?? [] {
            if let tag = tags.resolve(item.text) {
                if !tagSlugs.contains(tag.slug) { tagSlugs.append(tag.slug) }
            } else if tags.isComplete {
                let hint = tags.suggestion(for: item.text).map { "did you mean '\($0)'?" }
                    ?? "declare it in \(displayName)/tags.yml, or use one of the declared tags"
                diagnostics.append(.error(file.displayPath, item.line, item.column, "unknown tag '\(item.text.debugEscaped)'", hint: hint))
            }
        }
        diagnostics += fields.diagnostics
        if let summary, let node = fields.value("summary") {
            let position = fields.position(of: node)
            if summary.hasPrefix("TODO") {
                diagnostics.append(.error(file.displayPath, position.line, position.column, "the summary is still the placeholder",
                                          hint: "write one sentence saying what the reader will take away"))
            } else if let problem = SummaryRules.problem(with: summary) {
                diagnostics.append(.error(file.displayPath, position.line, position.column, problem))
            }
        }

        let document = render(file, options: options, diagnostics: &diagnostics)
        if document.sections.allSatisfy({ $0.text.trimmingWhitespace().isEmpty }) {
            diagnostics.append(.error(file.displayPath, file.bodyFirstLine, 1, "the article has no text", hint: "write the article below the front matter"))
        }
        guard let title, let summary else { return ArticleResult(diagnostics: diagnostics) }
        let article = Article(
            topic: entry.topic, slug: entry.slug, title: title, summary: summary, tags: tagSlugs, order: order,
            updated: updated, draft: draft, relativePath: relativePath, displayPath: file.displayPath,
            bodyFirstLine: file.bodyFirstLine, document: document, markdown: file.body,
            wordCount: document.sections.reduce(0) { $0 + $1.text.wordCount }, language: language
        )
        return ArticleResult(article: article, diagnostics: diagnostics)
    }
}

/// A summary is one sentence: it shows under titles, in search results and in meta tags.
enum SummaryRules {
    static func problem(with summary: String) -> String? {
        let trimmed = summary.trimmingWhitespace()
        guard let last = trimmed.last else { return "the summary is empty" }
        // Chinese and Japanese end sentences with full-width marks, and need no space after them.
        if !".!?\u{3002}\u{FF01}\u{FF1F}".contains(last) { return "the summary should be one sentence ending with '.', '!' or '?'" }
        let inner = trimmed.dropLast()
        for terminator in [". ", "! ", "? ", "\u{3002}", "\u{FF01}", "\u{FF1F}"] where inner.contains(terminator) {
            return "the summary should be one sentence, but it has more"
        }
        return nil
    }
}

enum TopicOrder {
    /// By `order` (topics without one last), then by title and slug.
    static func sorted(_ topics: [Topic]) -> [Topic] {
        topics.sorted { ($0.order ?? Int.max, $0.title, $0.slug) < ($1.order ?? Int.max, $1.title, $1.slug) }
    }
}

import Foundation
import Markdown
import Parallel
import RawDeflate

/// The `load` stage: reads `Content/` and the config into a ``Site``.
///
/// Every problem is collected; the site is returned even when some files had errors, so
/// `check` can report everything in one run. Callers decide whether errors are fatal.
public struct ContentLoader: Sendable {
    public var contentDirectory: String
    /// How `contentDirectory` is shown in messages (usually the path the user typed).
    public var displayName: String
    public var includeDrafts: Bool
    /// Folders inside the content folder that are not content: the output folder and the
    /// theme, when a site keeps its Markdown at its root.
    public var excluding: Set<String> = []
    /// Above this many bytes of Markdown, the articles' HTML and text are held deflated from
    /// their parse until they are written (see ``PackedText``).
    public var packingTextAbove = ContentLoader.packingThreshold

    /// 256 MiB of Markdown, about forty thousand articles of a few pages: such a site's HTML and
    /// text take over half a gigabyte as they are. Deflating them, and inflating them for each
    /// page and for the search index, makes the build about a quarter slower, which below this
    /// size buys memory nobody is short of.
    public static let packingThreshold = 256 << 20

    /// The file every folder a build writes holds: such a folder is never content, wherever
    /// it is (an earlier build's output inside a knowledge base built from its top).
    public static let outputMarker = ".handbook-output"

    public static let articleKeys = ["title", "summary", "tags", "order", "updated", "draft", "language"]
    public static let topicKeys = ["title", "description", "order"]
    public static let homeKeys = ["title", "description"]
    /// Keys other generators write that are read as ours: `description` as the summary,
    /// `weight` as the order, `date` and `lastmod` as the updated date.
    public static let borrowedKeys = ["description", "weight", "date", "lastmod"]

    public init(contentDirectory: String, displayName: String? = nil, includeDrafts: Bool = false, excluding: Set<String> = []) {
        self.contentDirectory = Self.trimmingSlashes(contentDirectory)
        self.displayName = displayName ?? contentDirectory
        self.includeDrafts = includeDrafts
        self.excluding = excluding
    }

    /// `docs/` → `docs`, so paths made from it have one `/` between folders.
    public static func trimmingSlashes(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// How many articles are parsed at once (see ``load(config:timings:)``).
    static let parseBatchSize = 1_024

    public func load(config: SiteConfig) -> (site: Site, diagnostics: [Diagnostic]) {
        var timings = StageTimings()
        return load(config: config, timings: &timings)
    }

    /// Loads everything, adding the time spent reading files to the stage `load` and the
    /// time spent parsing and rendering Markdown to `markdown`.
    public func load(config: SiteConfig, timings: inout StageTimings) -> (site: Site, diagnostics: [Diagnostic]) {
        var config = config
        var diagnostics: [Diagnostic] = []
        let clock = ContinuousClock.now
        let listing = ContentListing.scan(contentDirectory, displayName: displayName, rules: config.rules, excluding: excluding,
                                          diagnostics: &diagnostics)
        let tags = loadTags(listing, rules: config.rules, diagnostics: &diagnostics)

        let loader = self
        // Articles of a topic that failed to load are read too: their own errors are
        // reported in the same run, though they are not published.
        var sources = listing.articles.parallelMap { entry in loader.readArticle(entry) }
        let markdownBytes = sources.reduce(0) { $0 + ($1.file?.body.utf8.count ?? 0) }
        let settings = pageSettings(listing, sources: sources, config: config, packingText: markdownBytes > packingTextAbove)
        let home = listing.home.flatMap { loadHome($0, settings: settings, diagnostics: &diagnostics) }
        // A folder brought in without settings is named by its start page's title.
        if !config.titleIsSet, let title = home?.title, !title.isEmpty { config.title = title }
        let topics = loadTopics(listing, settings: settings, siteTitle: home?.title ?? config.title, diagnostics: &diagnostics)
        let knownTopics = Set(topics.map(\.slug))
        timings.add("load", (ContinuousClock.now - clock).seconds)
        // Parsed a batch at a time, letting go of each batch's files once parsed: at a hundred
        // thousand articles the Markdown read is over half a gigabyte, not to be held beside
        // all that it becomes.
        var results: [ArticleResult] = []
        results.reserveCapacity(sources.count)
        timings.measure("markdown") {
            for start in stride(from: 0, to: sources.count, by: Self.parseBatchSize) {
                let batch = start..<min(start + Self.parseBatchSize, sources.count)
                results += Array(sources[batch]).parallelMap { source in loader.parseArticle(source, tags: tags, settings: settings) }
                for index in batch { sources[index].file = nil }
            }
        }
        var articles: [Article] = []
        var draftPaths: Set<String> = []
        var unloadedPaths = Set(listing.articles.filter { !knownTopics.contains($0.topic) }.map(\.sourcePath))
        for (source, result) in zip(sources, results) {
            diagnostics += result.diagnostics
            guard let article = result.article, knownTopics.contains(source.entry.topic) else {
                unloadedPaths.insert(source.entry.sourcePath)
                continue
            }
            if includeDrafts || !article.draft {
                articles.append(article)
            } else {
                draftPaths.insert(article.relativePath)
            }
        }
        articles.sort { $0.id < $1.id }
        // A start page alone is a site, unless articles are what the rules expect.
        if articles.isEmpty && draftPaths.isEmpty && unloadedPaths.isEmpty && (home == nil || config.rules.contains(.frontMatter)) {
            diagnostics.append(.error(displayName, "no articles found",
                                      hint: "put the pages in \(displayName) as .md files: each folder is a topic, and its README.md, index.md or _index.md introduces it (\(displayName)/<topic>/_index.md)"))
        }
        let vocabulary = tags.isDeclared ? tags : TagVocabulary(used: articles.map(\.tags))
        var site = Site(config: config, home: home, topics: TopicOrder.sorted(topics), articles: articles, tags: vocabulary,
                        contentDisplayName: displayName, draftPaths: draftPaths, files: publishedFiles(listing, config: config, diagnostics: &diagnostics),
                        unloadedPaths: unloadedPaths)
        site.wikiTargets = settings.wiki
        site.packsText = settings.packsText
        for entry in listing.articles where knownTopics.contains(entry.topic) { site.articleSources[entry.sourcePath] = entry }
        return (site, diagnostics)
    }

    /// What rendering every page needs to know of the whole folder.
    private func pageSettings(_ listing: ContentListing, sources: [ArticleSource], config: SiteConfig, packingText: Bool) -> PageSettings {
        var settings = PageSettings(config: config)
        settings.packsText = packingText
        settings.wiki = Self.wikiTargets(listing, sources: sources)
        settings.folders = Set(listing.topics.map(\.folder))
        settings.fileLocations = Dictionary(listing.files.map { ($0.outputPath, "\(contentDirectory)/\($0.sourcePath)") }) { first, _ in first }
        if config.brokenLinks == .warning { settings.linkTargets = Self.linkTargets(listing) }
        return settings
    }

    /// Every topic that loads, each under the nearest enclosing topic that loaded, so none
    /// drops out of the tree. The top of the content folder takes the site's title.
    private func loadTopics(_ listing: ContentListing, settings: PageSettings, siteTitle: String, diagnostics: inout [Diagnostic]) -> [Topic] {
        var topics = listing.topics.compactMap { loadTopic($0, settings: settings, diagnostics: &diagnostics) }
        let knownTopics = Set(topics.map(\.slug))
        for index in topics.indices {
            var parent = topics[index].parent
            while let candidate = parent, !knownTopics.contains(candidate) {
                parent = candidate.contains("/") ? LinkingPage.folder(of: candidate) : nil
            }
            topics[index].parent = parent
            if topics[index].slug.isEmpty { topics[index].title = siteTitle }
        }
        return topics
    }

    /// The files published beside the pages; each larger than `large_file_mb` is reported.
    private func publishedFiles(_ listing: ContentListing, config: SiteConfig, diagnostics: inout [Diagnostic]) -> [ContentFile] {
        let files = listing.files.map {
            ContentFile(sourcePath: $0.sourcePath, outputPath: $0.outputPath, size: $0.size, displayPath: "\(displayName)/\($0.sourcePath)",
                        location: "\(contentDirectory)/\($0.sourcePath)")
        }
        for file in files where file.size > config.largeFileBytes {
            diagnostics.append(.warning(file.displayPath, "file is \(Self.describe(bytes: file.size)), larger than the \(Self.describe(bytes: config.largeFileBytes)) set by large_file_mb",
                                        hint: "readers download it with the page that links it; make it smaller, or raise large_file_mb in handbook.yml"))
        }
        return files
    }

    /// `5.0 MB`, `12 KB`.
    static func describe(bytes: Int) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(max(1, bytes / 1024)) KB"
    }

    /// Every page, file and folder of the content folder, by path.
    static func linkTargets(_ listing: ContentListing) -> Set<String> {
        var targets = Set(listing.articles.map(\.sourcePath) + listing.files.map(\.sourcePath) + listing.topics.map(\.folder))
        targets.formUnion(listing.topics.compactMap(\.introduction))
        if let home = listing.home { targets.insert(home) }
        targets.insert("")
        return targets
    }

    /// Every page, topic and file by the names wiki links may use.
    static func wikiTargets(_ listing: ContentListing, sources: [ArticleSource]) -> WikiTargets {
        var wiki = WikiTargets()
        for source in sources {
            let target = WikiTargets.Target(sourcePath: source.entry.sourcePath, outputPath: source.entry.id + ".html")
            wiki.addPage(target, title: source.file.flatMap(WikiTargets.title))
        }
        for topic in listing.topics where !topic.id.isEmpty {
            wiki.addFolder(topic.folder, target: WikiTargets.Target(sourcePath: topic.introduction ?? topic.folder, outputPath: "\(topic.id)/index.html"))
        }
        for file in listing.files { wiki.addFile(WikiTargets.Target(sourcePath: file.sourcePath, outputPath: file.outputPath)) }
        return wiki
    }

    /// `tags.yml` declares the vocabulary; without one, any tag is accepted (unless the
    /// `declared-tags` rule is on).
    private func loadTags(_ listing: ContentListing, rules: Set<ContentRule>, diagnostics: inout [Diagnostic]) -> TagVocabulary {
        let tagsPath = "\(displayName)/tags.yml"
        if let bytes = read("tags.yml", display: tagsPath, diagnostics: &diagnostics) {
            switch SourceFile.decode(bytes, displayPath: tagsPath) {
            case .success(let text): return TagVocabulary(yaml: text, file: tagsPath, diagnostics: &diagnostics)
            case .failure(let problem):
                diagnostics.append(problem)
                return .unreadable
            }
        }
        if FileManager.default.fileExists(atPath: "\(contentDirectory)/tags.yml") {
            // There, but not a readable file: the error is reported; do not also call every tag unknown.
            return .unreadable
        }
        if rules.contains(.declaredTags) {
            diagnostics.append(.warning(tagsPath, "no tag vocabulary [declared-tags]", hint: "declare tags in \(tagsPath) as 'name: description' lines"))
        }
        return TagVocabulary.undeclared
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

    /// What rendering and checking a page depends on.
    struct PageSettings: Sendable {
        var options: RenderOptions
        var rules: Set<ContentRule>
        /// Whether articles keep their Markdown as written: only the offline formats publish it,
        /// and at a hundred thousand articles it is over half a gigabyte.
        var keepsMarkdown: Bool
        /// Whether articles hold their HTML and text deflated (``ContentLoader/packingTextAbove``).
        var packsText = false
        /// What wiki links can name.
        var wiki = WikiTargets()
        /// The topic folders, which pages may link to as folders.
        var folders: Set<String> = []
        /// Where to read each published file, by its path in the output: images get their sizes.
        var fileLocations: [String: String] = [:]
        /// With `broken_links: warning`, what links may lead to (pages and files, by path
        /// inside the content folder); a link to anything else is shown as its text.
        var linkTargets: Set<String>?
    }

    /// The front matter's fields; an empty set of fields for a file without front matter
    /// (an error under the `front-matter` rule). Nil when the front matter is broken.
    private func frontMatter(_ file: SourceFile, rules: Set<ContentRule>, diagnostics: inout [Diagnostic]) -> YAMLFields? {
        guard file.hasFrontMatter else {
            if rules.contains(.frontMatter) {
                diagnostics.append(.error(file.displayPath, 1, 1, "missing front matter [front-matter]",
                                          hint: "start the file with '---', the fields (title: …), and '---'"))
                return nil
            }
            return YAMLFields(yaml: "", file: file.displayPath, firstLine: 1, diagnostics: &diagnostics)
        }
        var yaml = file.frontMatter
        if file.frontMatterIsTOML {
            switch TOMLFrontMatter.yaml(from: file.frontMatter, file: file.displayPath, firstLine: file.frontMatterFirstLine) {
            case .success(let converted): yaml = converted
            case .failure(let problem):
                diagnostics.append(problem)
                return nil
            }
        }
        return YAMLFields(yaml: yaml, file: file.displayPath, firstLine: file.frontMatterFirstLine, diagnostics: &diagnostics,
                          allowEmpty: !rules.contains(.frontMatter))
    }

    /// Checks the keys against `known`: unknown ones are warnings, or errors under `known-keys`.
    private func checkKeys(_ fields: inout YAMLFields, known: [String], rules: Set<ContentRule>) {
        if rules.contains(.knownKeys) {
            fields.rejectUnknownKeys(known, rule: .knownKeys)
        } else {
            fields.warnAboutUnknownKeys(known + Self.borrowedKeys)
        }
    }

    /// The page's title: from the front matter, else its `# Title` heading, else its file name.
    private func title(_ fields: inout YAMLFields, document: MarkdownDocument, fallback: String, rules: Set<ContentRule>) -> (String?, fromHeading: Bool) {
        if let title = fields.string("title", required: rules.contains(.frontMatter)) { return (title, false) }
        if rules.contains(.frontMatter) { return (nil, false) }
        if let first = document.headings.first, first.level == 1, document.html.hasPrefix("<h1"), !first.text.isEmpty {
            return (first.text, true)
        }
        return (TitleText.fromFileName(fallback), false)
    }

    // MARK: - Pages

    private func loadHome(_ path: String, settings: PageSettings, diagnostics: inout [Diagnostic]) -> HomePage? {
        guard let file = source(path, diagnostics: &diagnostics),
              var fields = frontMatter(file, rules: settings.rules, diagnostics: &diagnostics) else { return nil }
        checkKeys(&fields, known: Self.homeKeys, rules: settings.rules)
        var document = render(file, folder: "", outputFolder: "", settings: settings, diagnostics: &diagnostics)
        let (title, fromHeading) = title(&fields, document: document, fallback: "", rules: settings.rules)
        let description = fields.string("description") ?? fields.string("summary") ?? ""
        diagnostics += fields.diagnostics
        if fromHeading { document.html = TitleText.droppingFirstHeading(document.html) }
        return HomePage(title: title ?? "", description: description, displayPath: file.displayPath, bodyFirstLine: file.bodyFirstLine,
                        document: document, markdown: file.body, relativePath: path)
    }

    private func loadTopic(_ entry: ContentListing.TopicEntry, settings: PageSettings, diagnostics: inout [Diagnostic]) -> Topic? {
        let folderName = String(entry.folder.pathComponents().last ?? "")
        let parent = entry.id.contains("/") ? LinkingPage.folder(of: entry.id) : nil
        guard let introductionPath = entry.introduction, !entry.id.isEmpty else {
            // Under `topic-introductions` the listing reported the folder; it is not published.
            if settings.rules.contains(.topicIntroductions) && !entry.id.isEmpty { return nil }
            // No introduction: the folder name is the title, and the page lists what is in it.
            return Topic(slug: entry.id, title: TitleText.fromFileName(folderName), description: "", order: nil,
                         displayPath: "\(displayName)/\(entry.folder)", bodyFirstLine: 1, introduction: MarkdownDocument(parsing: ""),
                         folder: entry.folder, introductionPath: nil, parent: parent)
        }
        guard let file = source(introductionPath, diagnostics: &diagnostics),
              var fields = frontMatter(file, rules: settings.rules, diagnostics: &diagnostics) else { return nil }
        checkKeys(&fields, known: Self.topicKeys, rules: settings.rules)
        var document = render(file, folder: entry.folder, outputFolder: entry.id, settings: settings, diagnostics: &diagnostics)
        let (title, fromHeading) = title(&fields, document: document, fallback: folderName, rules: settings.rules)
        let description = fields.string("description") ?? fields.string("summary") ?? ""
        let order = fields.int("order") ?? fields.int("weight")
        diagnostics += fields.diagnostics
        if fromHeading { document.html = TitleText.droppingFirstHeading(document.html) }
        return Topic(slug: entry.id, title: title ?? folderName, description: description, order: order, displayPath: file.displayPath,
                     bodyFirstLine: file.bodyFirstLine, introduction: document, markdown: file.body, folder: entry.folder,
                     introductionPath: introductionPath, parent: parent)
    }

    /// Renders a page's Markdown; what did not render as written becomes a located warning.
    /// `folder` is the page's folder inside the content folder and `outputFolder` its folder
    /// in the output, for `/`-rooted, folder and wiki links.
    private func render(_ file: SourceFile, folder: String, outputFolder: String, settings: PageSettings,
                        diagnostics: inout [Diagnostic]) -> MarkdownDocument {
        let depth = outputFolder.isEmpty ? 0 : outputFolder.pathComponents().count
        var document = MarkdownDocument(parsing: file.body, options: settings.options) { link in
            if link.isWikiLink { return settings.wiki.href(for: link, fromFolder: outputFolder) }
            if let targets = settings.linkTargets, !LinkResolver.leadsSomewhere(link.destination, from: folder, targets: targets) {
                return Link.shownAsText
            }
            return LinkResolver.rewrite(link.destination, depth: depth, folder: folder, folders: settings.folders)
        }
        document.html = Self.sizingImages(document.html, outputFolder: outputFolder, files: settings.fileLocations)
        for problem in document.problems {
            diagnostics.append(.warning(file.displayPath, problem.position.line + file.bodyFirstLine - 1, problem.position.column,
                                        problem.message, hint: problem.hint))
        }
        return document
    }

    /// Images load lazily, and those published from the content folder get their width and
    /// height, so the page does not jump as they arrive.
    static func sizingImages(_ html: String, outputFolder: String, files: [String: String]) -> String {
        // Returns `html` as it is, without a copy, when it holds no image.
        return ImageDimensions.addingLazyLoading(to: html) { src in
            guard case .otherRelative = LinkResolver.classify(src),
                  let output = LinkResolver.resolve(LinkResolver.decoded(src), against: outputFolder),
                  let location = files[output], let data = FileManager.default.contents(atPath: location),
                  let size = ImageDimensions.size(of: [UInt8](data)) else { return nil }
            return (size.width, size.height)
        }
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
        let file = source(entry.sourcePath, diagnostics: &diagnostics)
        return ArticleSource(entry: entry, file: file, diagnostics: diagnostics)
    }

    func parseArticle(_ source: ArticleSource, tags: TagVocabulary, settings: PageSettings) -> ArticleResult {
        var diagnostics = source.diagnostics
        let entry = source.entry
        let rules = settings.rules
        guard let file = source.file else { return ArticleResult(diagnostics: diagnostics) }
        guard var fields = frontMatter(file, rules: rules, diagnostics: &diagnostics) else { return ArticleResult(diagnostics: diagnostics) }
        checkKeys(&fields, known: Self.articleKeys, rules: rules)
        let folder = LinkingPage.folder(of: entry.sourcePath)
        var document = render(file, folder: folder, outputFolder: entry.topic, settings: settings, diagnostics: &diagnostics)
        let fileName = ContentListing.stem(of: String(entry.sourcePath.pathComponents().last ?? ""))
        let (title, fromHeading) = title(&fields, document: document, fallback: fileName, rules: rules)
        let summaryKey = fields.value("summary") != nil || rules.contains(.frontMatter) ? "summary" : "description"
        let writtenSummary = fields.string(summaryKey, required: rules.contains(.frontMatter))
        let order = fields.int("order") ?? fields.int("weight")
        let updated = fields.date("updated") ?? fields.date("lastmod") ?? fields.date("date")
        let draft = fields.bool("draft") ?? false
        let language = fields.string("language")
        let tagSlugs = articleTags(&fields, vocabulary: tags, file: file, rules: rules, diagnostics: &diagnostics)
        diagnostics += fields.diagnostics
        if let writtenSummary, let node = fields.value(summaryKey) {
            let position = fields.position(of: node)
            if writtenSummary.hasPrefix("TODO") {
                diagnostics.append(.error(file.displayPath, position.line, position.column, "the summary is still the placeholder",
                                          hint: "write one sentence saying what the reader will take away"))
            } else if rules.contains(.oneSentenceSummary), let problem = SummaryRules.problem(with: writtenSummary) {
                diagnostics.append(.error(file.displayPath, position.line, position.column, "\(problem) [one-sentence-summary]"))
            }
        }
        var titleAnchor: String?
        if fromHeading {
            titleAnchor = document.headings.first?.id
            document.html = TitleText.droppingFirstHeading(document.html)
        }
        if document.sections.allSatisfy({ $0.text.trimmingWhitespace().isEmpty }) {
            let message = "the article has no text"
            if rules.contains(.frontMatter) {
                diagnostics.append(.error(file.displayPath, file.bodyFirstLine, 1, message, hint: "write the article below the front matter"))
            } else {
                diagnostics.append(.warning(file.displayPath, file.bodyFirstLine, 1, message, hint: "write the article, or delete the file"))
            }
        }
        guard let title else { return ArticleResult(diagnostics: diagnostics) }
        if rules.contains(.frontMatter) && writtenSummary == nil { return ArticleResult(diagnostics: diagnostics) }
        let summary = writtenSummary ?? TitleText.summary(fromParagraph: document.firstParagraph ?? "")
        let wordCount = document.sections.reduce(0) { $0 + $1.text.wordCount }
        let packsText = settings.packsText
        let body = packsText ? PackedText.deflated(document.html) : .plain(document.html)
        let sectionTexts = document.sections.map { packsText ? PackedText.deflated($0.text) : .plain($0.text) }
        // Held once, in `body` and `sectionTexts`; the first paragraph and the problems have
        // been read (the summary, the diagnostics) and are of no further use.
        document.html = ""
        for index in document.sections.indices { document.sections[index].text = "" }
        document.firstParagraph = nil
        document.problems = []
        let article = Article(Article.Fields(
            topic: entry.topic, slug: entry.slug, title: title, summary: summary, tags: tagSlugs, order: order,
            updated: updated, draft: draft, relativePath: entry.sourcePath, displayPath: file.displayPath,
            bodyFirstLine: file.bodyFirstLine, document: document, body: body, sectionTexts: sectionTexts,
            markdown: settings.keepsMarkdown ? file.body : "", titleAnchor: titleAnchor, wordCount: wordCount, language: language
        ))
        return ArticleResult(article: article, diagnostics: diagnostics)
    }

    /// The article's tag slugs: declared ones when `tags.yml` exists, any usable name otherwise.
    private func articleTags(_ fields: inout YAMLFields, vocabulary: TagVocabulary, file: SourceFile, rules: Set<ContentRule>,
                             diagnostics: inout [Diagnostic]) -> [String] {
        var slugs: [String] = []
        let items = fields.stringList("tags", acceptingText: !rules.contains(.frontMatter)) ?? []
        for item in items {
            if let tag = vocabulary.resolve(item.text) {
                if !slugs.contains(tag.slug) { slugs.append(tag.slug) }
            } else if !vocabulary.isDeclared {
                if let slug = TagVocabulary.normalize(item.text) {
                    if !slugs.contains(slug) { slugs.append(slug) }
                } else {
                    diagnostics.append(.warning(file.displayPath, item.line, item.column, "tag '\(item.text.debugEscaped)' has no letters or digits to make an address from; left out"))
                }
            } else if vocabulary.isComplete {
                let hint = vocabulary.suggestion(for: item.text).map { "did you mean '\($0)'?" }
                    ?? "declare it in \(displayName)/tags.yml, or use one of the declared tags"
                diagnostics.append(.error(file.displayPath, item.line, item.column, "unknown tag '\(item.text.debugEscaped)'", hint: hint))
            }
        }
        if rules.contains(.tagCount), !(2...5).contains(slugs.count) {
            let position: (line: Int, column: Int) = fields.value("tags").map { fields.position(of: $0) } ?? (file.frontMatterFirstLine, 1)
            diagnostics.append(.error(file.displayPath, position.line, position.column, "an article needs 2 to 5 tags, this one has \(slugs.count) [tag-count]",
                                      hint: "tags connect the article to the others; choose the few a reader would look for"))
        }
        return slugs
    }
}

/// Titles and summaries derived from what a page already has, for Markdown written
/// without front matter.
enum TitleText {
    /// `dev-process` → `Dev process`; `Getting Started` stays as it is.
    static func fromFileName(_ name: String) -> String {
        let spaced = name.replacingAll("-", with: " ").replacingAll("_", with: " ").trimmingWhitespace()
        guard let first = spaced.first else { return name }
        if spaced.contains(where: \.isUppercase) { return spaced }
        return first.uppercased() + spaced.dropFirst()
    }

    /// The longest summary derived from a first paragraph.
    static let summaryLimit = 200

    /// The paragraph's first sentences that fit in ``summaryLimit`` characters; a first
    /// sentence longer than that is cut at a word, with an ellipsis.
    static func summary(fromParagraph paragraph: String) -> String {
        let text = paragraph.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard text.count > summaryLimit else { return text }
        let window = text.prefix(summaryLimit)
        var cut: String.Index?
        var index = window.startIndex
        while index < window.endIndex {
            let next = window.index(after: index)
            if ".!?".contains(window[index]), next == window.endIndex || window[next] == " " { cut = next }
            index = next
        }
        if let cut { return String(window[..<cut]) }
        let words = window.split(separator: " ").dropLast()
        return (words.isEmpty ? String(window) : words.joined(separator: " ")) + "…"
    }

    /// The HTML without its leading `<h1>…</h1>`, which the page shows as its title.
    static func droppingFirstHeading(_ html: String) -> String {
        guard html.hasPrefix("<h1"), let end = html.range(of: "</h1>") else { return html }
        var rest = html[end.upperBound...]
        if rest.first == "\n" { rest = rest.dropFirst() }
        return String(rest)
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
    /// The top of the content folder first, then each topic followed by its sub-topics;
    /// siblings by `order` (those without one last), then by title and slug.
    static func sorted(_ topics: [Topic]) -> [Topic] {
        let children = Dictionary(grouping: topics.filter { !$0.slug.isEmpty }, by: { $0.parent ?? "" })
        var result = topics.filter { $0.slug.isEmpty }
        func visit(_ parent: String) {
            let siblings = (children[parent] ?? []).sorted {
                ($0.order ?? Int.max, $0.title, $0.slug) < ($1.order ?? Int.max, $1.title, $1.slug)
            }
            for topic in siblings {
                result.append(topic)
                visit(topic.slug)
            }
        }
        visit("")
        return result
    }
}

extension ContentLoader.PageSettings {
    /// What the site's settings decide alone; the rest comes from the content folder.
    init(config: SiteConfig) {
        self.init(options: config.renderOptions, rules: config.rules, keepsMarkdown: config.offline)
    }
}

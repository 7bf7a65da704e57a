import KnowledgeBase
import Markdown
import Mustache
import Parallel

/// A page of the output: its kind and id. ``all(site:graph:)`` is the one list of pages
/// that the write stage, the sitemap, the feed and `serve`'s rebuilds work from;
/// ``PageFactory`` renders each one with the template of its kind, from a context that
/// ``SiteReader/content(of:root:layout:)`` makes.
public enum PageJob: Sendable, Hashable {
    case home, notFound, search, map, tagIndex, book
    case topic(String)
    /// The map of one topic's articles, on a handbook too large for one map of every article.
    case topicMap(String)
    case article(String)
    case tag(String)

    /// Every page of the site, in the order they are written.
    public static func all(site: Site, graph: KnowledgeGraph) -> [PageJob] {
        var jobs: [PageJob] = [.home, .notFound, .search, .map, .tagIndex]
        if site.articles.count > articlesOnOneMap {
            jobs += site.topics.filter { graph.articlesByTopic[$0.slug] != nil }.map { .topicMap($0.slug) }
        }
        // The top of the content folder has the start page as its page.
        jobs += site.topics.filter { !$0.slug.isEmpty }.map { .topic($0.slug) }
        jobs += graph.readingPath.map { .article($0) }
        jobs += site.tags.tags.filter { graph.articlesByTag[$0.slug] != nil }.map { .tag($0.slug) }
        jobs.append(.book)
        return jobs
    }

    /// Where the page goes, from the output folder's root.
    public var outputPath: String {
        switch self {
        case .home: "index.html"
        case .notFound: "404.html"
        case .search: "search.html"
        case .map: "map.html"
        case .tagIndex: "tags/index.html"
        case .book: BookPage.path
        case .topic(let slug): "\(slug)/index.html"
        case .topicMap(let slug): "map/\(Self.fileName(topic: slug)).html"
        case .article(let id): "\(id).html"
        case .tag(let slug): "tags/\(slug).html"
        }
    }

    /// The page's address below the site's base URL: the start page is the base URL itself.
    var urlPath: String { self == .home ? "" : outputPath }

    /// Whether search engines should list the page (it is in the sitemap and has a canonical link).
    public var isIndexable: Bool { self != .notFound && self != .search }

    /// The layout's `kind`, which the stylesheet and scripts key on.
    var kind: String {
        switch self {
        case .home: "home"
        case .notFound: "not-found"
        case .search: "search"
        case .map, .topicMap: "map"
        case .tagIndex: "tags"
        case .book: "book"
        case .topic: "topic"
        case .article: "article"
        case .tag: "tag"
        }
    }

    /// Pages that show every article (the map), or a whole topic's: on a large site each
    /// takes as long as hundreds of others, so `serve` writes them after an edit's other pages.
    public var isDeferred: Bool {
        switch self {
        case .map, .topicMap: true
        default: false
        }
    }

    /// The pages in order, cut into the batches a build renders together and writes before the
    /// next: at most `pages` pages, and pages that list at most `listedArticles` articles
    /// between them (a page always fits in a batch of its own). Counting pages alone held
    /// every topic's map and index in one batch at a hundred thousand articles: over 300 MB
    /// of HTML at once, where a batch of article pages holds about 20 MB.
    static func batches(_ jobs: [PageJob], graph: KnowledgeGraph, pages: Int = 512, listedArticles: Int = 25_000) -> [ArraySlice<PageJob>] {
        var batches: [ArraySlice<PageJob>] = []
        var start = 0
        var listed = 0
        for (index, job) in jobs.enumerated() {
            let count = job.listedArticleCount(graph: graph)
            if index > start && (index - start == pages || listed + count > listedArticles) {
                batches.append(jobs[start..<index])
                (start, listed) = (index, 0)
            }
            listed += count
        }
        if start < jobs.count { batches.append(jobs[start...]) }
        return batches
    }

    /// About how many articles the page lists, each with a line or a card of its own: what
    /// makes a page large, besides an article's own text.
    func listedArticleCount(graph: KnowledgeGraph) -> Int {
        switch self {
        case .topic(let slug), .topicMap(let slug): graph.articlesByTopic[slug]?.count ?? 0
        case .tag(let slug): graph.articlesByTag[slug]?.count ?? 0
        case .map: graph.readingPath.count > Self.articlesOnOneMap ? graph.articlesByTopic.count : graph.readingPath.count
        case .home: graph.articlesByTopic[""]?.count ?? 0
        case .tagIndex, .notFound, .search, .book, .article: 0
        }
    }

    /// The most articles the map shows on one picture. A larger handbook's map shows its
    /// topics, and each topic has a map of its own (``topicMap(_:)``): ten thousand dots on
    /// one picture show nothing.
    static let articlesOnOneMap = 1_000

    /// A topic's name for a file of its own in a folder of the generator's, such as `book/`:
    /// `teams/hiring` → `teams--hiring`, the top of the content folder `book-pages`. A file
    /// name has at most 255 bytes: the name of a deeply nested topic is cut, and a hash of
    /// the whole keeps it its own.
    static func fileName(topic slug: String) -> String {
        let name = BookPage.anchor(topic: slug)
        guard name.utf8.count > 200 else { return name }
        var cut = Substring(name)
        while cut.utf8.count > 180 { cut = cut.dropLast() }
        return "\(cut)-\(ContentHash.hex(Array(name.utf8), length: 12))"
    }
}

/// Makes the pages of a build: each page's context comes from a ``SiteReader`` (the site
/// and the graph seen through accessors that record what the page read), rendered with the
/// template of its kind. Read-only, so pages render in parallel.
struct PageFactory: Sendable {
    let site: Site
    let graph: KnowledgeGraph
    let theme: Theme
    let history: ContentHistory
    let articlesByID: ArticleLookup
    let topicsBySlug: [String: Topic]
    /// Each topic's sub-topics, in reading order ("" holds the top-level topics).
    let subtopics: [String: [String]]
    let siteInfo: SiteInfo
    let assets: AssetPaths
    /// Sidebar entries rendered once for a whole build; nil renders them per page.
    private(set) var navigationCache: NavigationCache?
    /// Fragments that many pages show alike, rendered once per build; nil renders them per page.
    let fragmentCache: FragmentCache?

    /// The sidebar lists at most this many articles of the current topic, around the current one.
    static let navigationWindow = 40
    /// At most this many backlinks are shown with their context.
    static let backlinkLimit = 100

    init(site: Site, graph: KnowledgeGraph, theme: Theme, history: ContentHistory, cachingNavigation: Bool = false) {
        self.site = site
        self.graph = graph
        self.theme = theme
        self.history = history
        articlesByID = ArticleLookup(site.articles)
        topicsBySlug = Dictionary(uniqueKeysWithValues: site.topics.map { ($0.slug, $0) })
        var subtopics: [String: [String]] = [:]
        for topic in site.topics where !topic.slug.isEmpty { subtopics[topic.parent ?? "", default: []].append(topic.slug) }
        self.subtopics = subtopics
        siteInfo = SiteInfo(
            title: site.config.title, description: site.config.description, language: site.config.language,
            contentSecurityPolicy: ContentSecurityPolicy.value, offline: site.config.offline
        )
        assets = AssetPaths(paths: theme.assetPaths)
        navigationCache = nil
        fragmentCache = cachingNavigation ? FragmentCache() : nil
        if cachingNavigation { navigationCache = NavigationCache(factory: self) }
    }

    var jobs: [PageJob] { PageJob.all(site: site, graph: graph) }

    /// The page's HTML; what its context read goes to `recorder` when one is given.
    func render(_ job: PageJob, recorder: ReadRecorder? = nil) -> String {
        return SiteReader(self, recorder: recorder).render(job)
    }

    /// The page's HTML and the keys its context read.
    func renderRecording(_ job: PageJob) -> (html: String, reads: [ReadKey]) {
        let recorder = ReadRecorder()
        let html = render(job, recorder: recorder)
        return (html, recorder.distinctKeys)
    }

    /// A reader that records nothing, for the outputs that show every article (the book,
    /// the EPUB), which are made again after every edit.
    var unrecorded: SiteReader { SiteReader(self, recorder: nil) }

    // MARK: - The book's pages

    /// The book's page `part`, between `previous` and `next`, with `contentMarker` where its
    /// topic's heading and its articles go.
    func renderBookPart(_ part: BookPage.Part, previous: BookPage.Part?, next: BookPage.Part?, contentMarker: String) -> String {
        let reader = unrecorded
        let root = "../"
        func link(_ part: BookPage.Part?) -> PageLink? { part.map { PageLink(title: $0.title, url: $0.path, root: root) } }
        var layout = LayoutContext(
            site: siteInfo, root: root, pageTitle: "\(part.title) · The whole handbook · \(site.config.title)", description: part.topic.description,
            kind: PageJob.book.kind, canonicalURL: site.config.baseURL.map { BaseURL.join($0, part.path) },
            breadcrumbs: [PageLink(title: "Home", url: "index.html", root: root), PageLink(title: "The whole handbook", url: BookPage.path, root: root),
                          PageLink(title: part.title, url: part.path, root: root, current: true)],
            navigationHTML: reader.navigation(currentTopic: part.topic.slug.isEmpty ? nil : part.topic.slug, currentArticle: nil, root: root),
            content: "", assets: assets, noIndex: false, fragments: reader.fragments
        )
        let entry = BookTopicEntry(title: part.title, anchor: BookPage.anchor(topic: part.topic.slug), articles: part.articles.map {
            PageLink(title: articlesByID[$0]?.title ?? $0, url: "#" + BookPage.anchor(articleID: $0), root: "")
        }, introduction: "")
        let context = BookContext(title: part.title, description: part.topic.description, articleCount: part.articles.count, topics: [entry],
                                  contents: contentMarker, previous: link(previous), next: link(next))
        layout.content = theme.render(PageScope(page: context, layout: layout), template: "book")
        return theme.render(layout, template: "layout")
    }

    /// Whether the book has the article or topic `id`, which a link of the book can then lead to.
    func isInBook(_ id: String) -> Bool {
        articlesByID[id] != nil || topicsBySlug[id] != nil
    }

    func renderBookTopic(_ topic: Topic) -> String {
        let introduction = BookPage.rewrite(topic.introduction.html, articleID: topic.slug, folder: topic.slug, isInBook: isInBook)
        let context = BookTopicEntry(title: topic.title, anchor: BookPage.anchor(topic: topic.slug), articles: [], introduction: introduction)
        return theme.render(context, template: "partials/book-topic")
    }

    func renderBookArticle(_ article: Article, body: String) -> String {
        let context = BookArticleContext(anchor: BookPage.anchor(articleID: article.id), title: article.title, summary: article.summary,
                                         topic: topicsBySlug[article.topic]?.title ?? article.topic, body: body,
                                         language: article.language.flatMap { $0.lowercased() == site.config.language.lowercased() ? nil : $0 })
        return theme.render(context, template: "partials/book-article")
    }
}

// MARK: - Each page kind's context

extension SiteReader {
    func render(_ job: PageJob) -> String {
        let path = job.outputPath
        let root = String(repeating: "../", count: path.pathComponents().count - 1)
        let config = self.config
        var layout = LayoutContext(
            site: siteInfo, root: root, pageTitle: config.title, description: config.description,
            kind: "", canonicalURL: config.baseURL.map { BaseURL.join($0, job.urlPath) },
            breadcrumbs: [], navigationHTML: navigation(currentTopic: nil, currentArticle: nil, root: root),
            content: "", assets: assets, noIndex: false, fragments: fragments
        )
        let (template, page) = content(of: job, root: root, layout: &layout)
        layout.content = theme.render(PageScope(page: page, layout: layout), template: template)
        return theme.render(layout, template: "layout")
    }

    /// The template and context of `job`, with what the layout shows of it set on `layout`.
    private func content(of job: PageJob, root: String, layout: inout LayoutContext) -> (template: String, page: any MustacheParent) {
        let home = PageLink(title: "Home", url: "index.html", root: root)
        func named(_ title: String) -> PageLink { PageLink(title: title, url: job.outputPath, root: root, current: true) }
        let config = self.config
        layout.kind = job.kind
        switch job {
        case .home:
            layout.markdownURL = config.offline ? self.home.map { _ in PlainTextFiles.markdownPath(forPage: job.outputPath) } : nil
            return ("home", homeContext(root: root))
        case .notFound:
            layout.pageTitle = "Page not found · \(config.title)"
            layout.canonicalURL = nil
            layout.noIndex = true
            return ("404", EmptyContext())
        case .search:
            layout.pageTitle = "Search · \(config.title)"
            layout.noIndex = true
            return ("search", EmptyContext())
        case .map:
            layout.pageTitle = "Map of the handbook · \(config.title)"
            layout.description = "Every article of \(config.title) and the links between them."
            layout.breadcrumbs = [home, named("Map")]
            return ("map", mapContext(root: root))
        case .topicMap(let slug):
            return ("map", topicMapContext(self.topic(slug)!, root: root, layout: &layout))
        case .tagIndex:
            layout.pageTitle = "Tags · \(config.title)"
            layout.description = "The handbook's articles by tag."
            layout.breadcrumbs = [home, named("Tags")]
            return ("tags", TagIndexContext(tags: tags.compactMap { tagLink($0, root: root) }))
        case .topic(let slug):
            let topic = self.topic(slug)!
            layout.markdownURL = config.offline ? PlainTextFiles.markdownPath(forPage: job.outputPath) : nil
            layout.pageTitle = "\(topic.title) · \(config.title)"
            layout.description = topic.description
            layout.navigationHTML = navigation(currentTopic: slug, currentArticle: nil, root: root)
            layout.breadcrumbs = [home] + ancestors(of: topic.parent).map { topicLink($0, root: root) } + [named(topic.title)]
            return ("topic", topicContext(topic, root: root))
        case .article(let id):
            let article = self.article(id)!
            layout.markdownURL = config.offline ? PlainTextFiles.markdownPath(forPage: job.outputPath) : nil
            layout.pageTitle = "\(article.title) · \(config.title)"
            layout.description = article.summary
            layout.language = article.language
            layout.navigationHTML = navigation(currentTopic: article.topic, currentArticle: id, root: root)
            layout.breadcrumbs = [home] + ancestors(of: article.topic).map { topicLink($0, root: root) } + [named(article.title)]
            return ("article", articleContext(article, root: root))
        case .tag(let slug):
            let tag = self.tag(slug)!
            layout.pageTitle = "Tag: \(tag.name) · \(config.title)"
            layout.description = tag.description
            layout.breadcrumbs = [home, PageLink(title: "Tags", url: PageJob.tagIndex.outputPath, root: root), named(tag.name)]
            return ("tag", TagContext(name: tag.name, description: tag.description, articles: articles(taggedWith: slug).map { card($0, root: root) },
                                    fragments: fragments))
        case .book:
            layout.pageTitle = "The whole handbook · \(config.title)"
            layout.description = "\(config.title) to read in order or to print, a page per topic."
            layout.breadcrumbs = [home, named("The whole handbook")]
            return ("book-index", bookIndexContext(root: root))
        }
    }

    // MARK: - Contexts

    func link(toArticle id: String, root: String) -> PageLink {
        PageLink(title: title(of: id) ?? id, url: "\(id).html", root: root)
    }

    func topicLink(_ slug: String, root: String) -> PageLink {
        PageLink(title: topic(slug)?.title ?? slug, url: slug.isEmpty ? "index.html" : "\(slug)/index.html", root: root)
    }

    /// The topic `slug` and the topics that hold it, outermost first; none for the top of
    /// the content folder.
    func ancestors(of slug: String?) -> [String] {
        var chain: [String] = []
        var current = slug
        while let topic = current, !topic.isEmpty {
            chain.insert(topic, at: 0)
            current = self.topic(topic)?.parent
        }
        return chain
    }

    func card(_ id: String, root: String) -> ArticleCard {
        let shown = card(of: id)!
        return ArticleCard(title: shown.title, url: "\(id).html", summary: shown.summary, topic: topicLink(shown.topic, root: root), root: root)
    }

    func tagLink(_ tag: Tag, root: String) -> TagLink? {
        guard let count = articleCount(taggedWith: tag.slug) else { return nil }
        return TagLink(name: tag.name, url: "tags/\(tag.slug).html", description: tag.description, count: count, root: root)
    }

    /// The sidebar's topics as a tree: the topics on the way to the current page open, with
    /// their sub-topics and a window of their articles around the current article; the others
    /// as plain links (rendered once per build when cached). Articles at the top of the
    /// content folder are always listed.
    func navigation(currentTopic: String?, currentArticle: String?, root: String) -> String {
        let open = Set(ancestors(of: currentTopic))
        var html = ""
        if topic("") != nil {
            html += navigationEntry(expanding: "", currentTopic: currentTopic, currentArticle: currentArticle, open: open, root: root)
        }
        html += navigationLevel(under: "", currentTopic: currentTopic, currentArticle: currentArticle, open: open, root: root)
        return html
    }

    private func navigationLevel(under parent: String, currentTopic: String?, currentArticle: String?, open: Set<String>, root: String) -> String {
        var html = ""
        for slug in subtopics(of: parent) {
            guard open.contains(slug) else {
                html += navigationEntry(topic: slug, root: root)
                continue
            }
            html += navigationEntry(expanding: slug, currentTopic: currentTopic, currentArticle: currentArticle, open: open, root: root)
        }
        return html
    }

    /// An open topic: its link, a window of its articles and its sub-topics.
    private func navigationEntry(expanding slug: String, currentTopic: String?, currentArticle: String?, open: Set<String>, root: String) -> String {
        var topicEntry = topicLink(slug, root: root)
        topicEntry.current = currentArticle == nil && currentTopic == slug
        let ids = articles(inTopic: slug)
        var window = ids[...]
        if ids.count > PageFactory.navigationWindow {
            let centre = currentArticle.flatMap { position(of: $0, inTopic: slug) } ?? 0
            let start = max(0, min(centre - PageFactory.navigationWindow / 2, ids.count - PageFactory.navigationWindow))
            window = ids[start..<(start + PageFactory.navigationWindow)]
        }
        var articlesHTML = ""
        for id in window {
            articlesHTML += navigationEntry(id, current: id == currentArticle, root: root)
        }
        var entry = NavigationTopic(link: topicEntry, articlesHTML: articlesHTML, moreCount: ids.count - window.count)
        if !slug.isEmpty {
            entry.subtopicsHTML = navigationLevel(under: slug, currentTopic: currentTopic, currentArticle: currentArticle, open: open, root: root)
            entry.isOpen = true
        }
        return theme.render(entry, template: "partials/nav-topic")
    }

    /// A topic that is not the current one, from the cache when it was rendered for this root.
    func navigationEntry(topic slug: String, root: String) -> String {
        if let cached = navigationCache?.topics[root]?[slug] {
            _ = topics
            return cached
        }
        // Closed, with the topics inside it listed for the reader to open.
        var entry = NavigationTopic(link: topicLink(slug, root: root), articlesHTML: "", moreCount: 0)
        entry.subtopicsHTML = subtopics(of: slug).map { navigationEntry(topic: $0, root: root) }.joined()
        return theme.render(entry, template: "partials/nav-topic")
    }

    /// One article in the sidebar, from the cache when it was rendered for this root.
    func navigationEntry(_ id: String, current: Bool, root: String) -> String {
        if let cached = navigationCache?.entries[id], cached.root == root {
            _ = title(of: id)
            return current ? cached.current : cached.plain
        }
        var link = link(toArticle: id, root: root)
        link.current = current
        return theme.render(link, template: "partials/nav-article")
    }

    func topicSummary(_ slug: String, root: String) -> TopicSummary {
        let ids = articles(inTopic: slug)
        return TopicSummary(link: topicLink(slug, root: root), description: topic(slug)?.description ?? "", articleCount: ids.count,
                            firstArticles: ids.prefix(3).map { link(toArticle: $0, root: root) })
    }

    /// The book's contents: each topic's page, in reading order.
    func bookIndexContext(root: String) -> BookIndexContext {
        let home = self.home
        let config = self.config
        let parts = BookPage.parts(topics: topics) { articles(inTopic: $0) }.map { part in
            TopicSummary(link: PageLink(title: part.title, url: part.path, root: root), description: part.number == 1 ? part.topic.description : "",
                         articleCount: part.articles.count, firstArticles: [])
        }
        return BookIndexContext(title: home?.title ?? config.title, description: config.description, articleCount: articleCount, parts: parts)
    }

    func homeContext(root: String) -> HomeContext {
        let home = self.home
        let config = self.config
        return HomeContext(
            title: home?.title ?? config.title,
            description: home?.description ?? config.description,
            introduction: home?.document.html ?? "",
            topics: subtopics(of: "").map { topicSummary($0, root: root) },
            articles: articles(inTopic: "").map { card($0, root: root) },
            start: firstArticle.map { link(toArticle: $0, root: root) },
            articleCount: articleCount,
            tagCount: usedTagCount
        )
    }

    func topicContext(_ topic: Topic, root: String) -> TopicContext {
        let pages = topics.filter { !$0.slug.isEmpty }
        let index = pages.firstIndex { $0.slug == topic.slug } ?? 0
        return TopicContext(
            title: topic.title, description: topic.description, introduction: topic.introduction.html,
            articles: articles(inTopic: topic.slug).map { card($0, root: root) },
            subtopics: subtopics(of: topic.slug).map { topicSummary($0, root: root) },
            previous: index > 0 ? topicLink(pages[index - 1].slug, root: root) : nil,
            next: index + 1 < pages.count ? topicLink(pages[index + 1].slug, root: root) : nil
        )
    }

    func articleContext(_ article: Article, root: String) -> ArticleContext {
        let id = article.id
        let toc = article.document.headings.filter { $0.level == 2 || $0.level == 3 }.map {
            TableOfContentsEntry(id: $0.id, text: $0.text, level: $0.level)
        }
        let backlinks = backlinks(of: id).prefix(PageFactory.backlinkLimit).map {
            BacklinkEntry(article: link(toArticle: $0.source, root: root), context: $0.context)
        }
        // The first article's "previous" is the start page: the reading path begins there.
        let previous = previous(of: id).map { link(toArticle: $0, root: root) }
            ?? (firstArticle == id ? PageLink(title: home?.title ?? "Start", url: "index.html", root: root) : nil)
        return ArticleContext(
            title: article.title, titleID: article.titleAnchor, summary: article.summary, body: article.html,
            topic: topicLink(article.topic, root: root),
            tags: article.tags.compactMap { tag($0) }.compactMap { tagLink($0, root: root) },
            tableOfContents: toc,
            related: related(to: id).map { card($0.id, root: root) },
            backlinks: Array(backlinks),
            neighbours: neighbours(of: id).map { link(toArticle: $0, root: root) },
            previous: previous,
            next: next(of: id).map { link(toArticle: $0, root: root) },
            editURL: config.editURL(forSourcePath: article.relativePath),
            updated: lastChanged(article),
            readingMinutes: max(1, Int((Double(article.wordCount) / 220).rounded())),
            fragments: fragments
        )
    }

    /// The map of every article, or on a handbook of more than ``PageJob/articlesOnOneMap``,
    /// the map of its topics, each leading to its own map.
    func mapContext(root: String) -> MapContext {
        let topics = self.topics
        let count = articleCount
        guard count > PageJob.articlesOnOneMap else {
            return articleMap(title: "Map of the handbook", layout: mapLayout(), topics: topics, listed: topics, root: root)
        }
        let layout = topicsLayout()
        let index = Dictionary(uniqueKeysWithValues: topics.enumerated().map { ($1.slug, $0) })
        let mapped = topics.filter { !articles(inTopic: $0.slug).isEmpty }
        func link(_ slug: String) -> PageLink {
            PageLink(title: topic(slug)?.title ?? slug, url: PageJob.topicMap(slug).outputPath, root: root)
        }
        let nodes = layout.nodes.map {
            MapNode(title: "\(topic($0.id)?.title ?? $0.id): \(articles(inTopic: $0.id).count) articles", href: link($0.id).href, x: $0.x, y: $0.y,
                    radius: $0.radius, topicIndex: (index[$0.id] ?? 0) % 8, degree: $0.degree)
        }
        return MapContext(title: "Map of the handbook", overview: true, articleCount: count, width: layout.width, height: layout.height,
                          nodes: nodes, edges: edges(of: layout), topics: mapped.map { MapTopic(link: link($0.slug), index: (index[$0.slug] ?? 0) % 8, linkLists: []) })
    }

    /// The map of one topic's articles and the links between them; its list also names the
    /// articles of other topics they link to. The page's title and breadcrumbs go on `page`.
    func topicMapContext(_ topic: Topic, root: String, layout page: inout LayoutContext) -> MapContext {
        page.pageTitle = "Map of \(topic.title) · \(config.title)"
        page.description = "The articles of \(topic.title) and their links."
        page.breadcrumbs = [PageLink(title: "Home", url: "index.html", root: root), PageLink(title: "Map", url: PageJob.map.outputPath, root: root),
                            PageLink(title: topic.title, url: PageJob.topicMap(topic.slug).outputPath, root: root, current: true)]
        let topics = self.topics
        return articleMap(title: "Map of \(topic.title)", layout: mapLayout(topic: topic.slug), topics: topics, listed: [topic], root: root)
    }

    /// A map of articles: their dots coloured by topic, and the articles of `listed` with
    /// what they link to, in text.
    private func articleMap(title: String, layout: GraphLayout, topics: [Topic], listed: [Topic], root: String) -> MapContext {
        let topicIndex = Dictionary(uniqueKeysWithValues: topics.enumerated().map { ($1.slug, $0) })
        let nodes = layout.nodes.map {
            MapNode(title: self.title(of: $0.id) ?? $0.id, href: "\(root)\($0.id).html", x: $0.x, y: $0.y,
                    radius: $0.radius, topicIndex: (topicIndex[$0.topic] ?? 0) % 8, degree: $0.degree)
        }
        let mapTopics = listed.map { topic in
            MapTopic(link: topicLink(topic.slug, root: root), index: (topicIndex[topic.slug] ?? 0) % 8, linkLists: articles(inTopic: topic.slug).map {
                MapArticleLinks(article: link(toArticle: $0, root: root), linksTo: outgoing(from: $0).map { link(toArticle: $0, root: root) })
            })
        }
        return MapContext(title: title, overview: false, articleCount: nodes.count, width: layout.width, height: layout.height,
                          nodes: nodes, edges: edges(of: layout), topics: mapTopics)
    }

    /// The layout's links as lines between its dots.
    private func edges(of layout: GraphLayout) -> [MapEdge] {
        let position = Dictionary(uniqueKeysWithValues: layout.nodes.map { ($0.id, $0) })
        return layout.edges.compactMap { edge -> MapEdge? in
            guard let a = position[edge.source], let b = position[edge.target] else { return nil }
            return MapEdge(x1: a.x, y1: a.y, x2: b.x, y2: b.y)
        }
    }
}

/// Every article's sidebar entry, rendered once in both states (current or not) for the
/// folder depth where articles are listed (topic and article pages, one level down). With
/// a sidebar of 40 entries on each of thousands of pages, this saves most of a page's
/// template work.
struct NavigationCache: Sendable {
    struct Entry: Sendable {
        var root: String
        var plain: String
        var current: String
    }

    static let root = "../"
    var entries: [String: Entry] = [:]
    /// Each topic as a plain sidebar link (not the current topic), by root and topic slug, for
    /// pages at the site root and one level down.
    var topics: [String: [String: String]] = [:]

    init(factory: PageFactory) {
        let ids = factory.graph.readingPath
        let rendered = ids.parallelMap { id in
            Entry(root: Self.root, plain: factory.unrecorded.navigationEntry(id, current: false, root: Self.root),
                  current: factory.unrecorded.navigationEntry(id, current: true, root: Self.root))
        }
        entries = Dictionary(uniqueKeysWithValues: zip(ids, rendered))
        for root in ["", Self.root] {
            topics[root] = Dictionary(uniqueKeysWithValues: factory.site.topics.map { ($0.slug, factory.unrecorded.navigationEntry(topic: $0.slug, root: root)) })
        }
    }
}

/// Articles by id. Keeps positions into the site's articles rather than copies: copying an
/// article costs a reference count per field, and `serve` makes a factory after every edit.
struct ArticleLookup: Sendable {
    private let articles: [Article]
    private let positions: [String: Int]

    init(_ articles: [Article]) {
        self.articles = articles
        positions = Dictionary(uniqueKeysWithValues: articles.indices.map { (articles[$0].id, $0) })
    }

    subscript(id: String) -> Article? { positions[id].map { articles[$0] } }
}

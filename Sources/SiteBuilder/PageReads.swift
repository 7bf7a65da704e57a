import KnowledgeBase

/// One thing a page's context reads of the site or the graph. A page is rendered again
/// exactly when one of the keys it read has another value (see
/// ``SiteBuilder/changes(since:reads:)``).
public enum ReadKey: Hashable, Sendable {
    /// The config, the topics, the start page, the tag vocabulary and the theme's assets:
    /// what every page's layout and sidebar show.
    case siteWide
    /// Every field of an article and its history date: what its own page shows.
    case article(String)
    /// An article's title (or that it does not exist): what a link to it shows.
    case title(String)
    /// An article's title and summary: what a card of it shows. Its topic is part of its id.
    case card(String)
    /// How many articles the site has.
    case articleCount
    /// How many tags articles use.
    case usedTagCount
    /// The first article of the reading path.
    case firstArticle
    /// What the map's layout is made of: the reading path and every article's links.
    case mapLayout
    /// A topic's articles, in reading order.
    case topicArticles(String)
    /// A tag's articles, in reading order.
    case tagArticles(String)
    /// How many articles use a tag (nil when none does).
    case tagCount(String)
    case backlinks(String)
    case related(String)
    /// The articles one link away from an article, in either direction, in reading order.
    case neighbours(String)
    /// The articles before and after an article in the reading path.
    case readingNeighbours(String)
    /// The articles an article links to.
    case outgoing(String)
}

/// Collects the keys one page's render reads. Made for one render, on one thread.
final class ReadRecorder {
    private(set) var keys: [ReadKey] = []
    private var readsSiteWide = false

    func record(_ key: ReadKey) { keys.append(key) }
    func recordSiteWide() { readsSiteWide = true }

    /// The keys read, each once.
    var distinctKeys: [ReadKey] { Array(Set(keys + (readsSiteWide ? [.siteWide] : []))) }
}

/// The site and its graph as a page's context sees them: every read goes through an
/// accessor that records its ``ReadKey`` when a recorder is given. The site, the graph and
/// the history are private to this file, so a context cannot read them unrecorded.
struct SiteReader {
    private let factory: PageFactory
    private let recorder: ReadRecorder?

    init(_ factory: PageFactory, recorder: ReadRecorder?) {
        self.factory = factory
        self.recorder = recorder
    }

    /// The templates and the sidebar's cache: the same for every page of a build.
    var theme: Theme { factory.theme }
    var navigationCache: NavigationCache? { factory.navigationCache }
    var fragments: FragmentRenderer { FragmentRenderer(theme: factory.theme, cache: factory.fragmentCache) }

    // MARK: - Site-wide

    private func siteWide() { recorder?.recordSiteWide() }

    var config: SiteConfig { siteWide(); return factory.site.config }
    var home: HomePage? { siteWide(); return factory.site.home }
    var siteInfo: SiteInfo { siteWide(); return factory.siteInfo }
    var assets: AssetPaths { siteWide(); return factory.assets }
    /// Every topic, in reading order, with the top of the content folder first when it has articles.
    var topics: [Topic] { siteWide(); return factory.site.topics }
    func topic(_ slug: String) -> Topic? { siteWide(); return factory.topicsBySlug[slug] }
    /// The topics in `parent`'s folder ("" for the top level), in reading order.
    func subtopics(of parent: String) -> [String] { siteWide(); return factory.subtopics[parent] ?? [] }
    func tag(_ slug: String) -> Tag? { siteWide(); return factory.site.tags[slug] }
    var tags: [Tag] { siteWide(); return factory.site.tags.tags }

    // MARK: - Articles

    /// The whole article, for its own page.
    func article(_ id: String) -> Article? {
        recorder?.record(.article(id))
        return factory.articlesByID[id]
    }

    /// The date the article last changed, from its history or its front matter.
    func lastChanged(_ article: Article) -> String? {
        recorder?.record(.article(article.id))
        return factory.history.lastChanged(article)
    }

    func title(of id: String) -> String? {
        recorder?.record(.title(id))
        return factory.articlesByID[id]?.title
    }

    /// The title and summary of an article, for a card, with its topic (part of its id).
    func card(of id: String) -> (title: String, summary: String, topic: String)? {
        recorder?.record(.card(id))
        return factory.articlesByID[id].map { ($0.title, $0.summary, $0.topic) }
    }

    var articleCount: Int {
        recorder?.record(.articleCount)
        return factory.site.articles.count
    }

    // MARK: - The graph

    func articles(inTopic slug: String) -> [String] {
        recorder?.record(.topicArticles(slug))
        return factory.graph.articlesByTopic[slug] ?? []
    }

    /// The position of `id` in its topic's list `slug`: the list determines it, since a
    /// topic's articles are contiguous in the reading path.
    func position(of id: String, inTopic slug: String) -> Int? {
        let ids = articles(inTopic: slug)
        guard let first = ids.first, let start = factory.graph.position(of: first), let position = factory.graph.position(of: id) else { return nil }
        return position - start
    }

    func articles(taggedWith slug: String) -> [String] {
        recorder?.record(.tagArticles(slug))
        return factory.graph.articlesByTag[slug] ?? []
    }

    /// How many articles use the tag; nil when none does.
    func articleCount(taggedWith slug: String) -> Int? {
        recorder?.record(.tagCount(slug))
        return factory.graph.articlesByTag[slug]?.count
    }

    var usedTagCount: Int {
        recorder?.record(.usedTagCount)
        return factory.graph.articlesByTag.count
    }

    var firstArticle: String? {
        recorder?.record(.firstArticle)
        return factory.graph.readingPath.first
    }

    func previous(of id: String) -> String? {
        recorder?.record(.readingNeighbours(id))
        return factory.graph.previous(of: id)
    }

    func next(of id: String) -> String? {
        recorder?.record(.readingNeighbours(id))
        return factory.graph.next(of: id)
    }

    func backlinks(of id: String) -> [KnowledgeGraph.Backlink] {
        recorder?.record(.backlinks(id))
        return factory.graph.backlinks[id] ?? []
    }

    func related(to id: String) -> [KnowledgeGraph.RelatedArticle] {
        recorder?.record(.related(id))
        return factory.graph.related[id] ?? []
    }

    func neighbours(of id: String) -> [String] {
        recorder?.record(.neighbours(id))
        return factory.graph.neighbours(of: id)
    }

    func outgoing(from id: String) -> [String] {
        recorder?.record(.outgoing(id))
        return factory.graph.outgoing[id] ?? []
    }

    /// The map's layout of every article and the links between them, or with `topic`, of that
    /// topic's articles.
    func mapLayout(topic: String? = nil) -> GraphLayout {
        recorder?.record(.mapLayout)
        let topics = self.topics.map(\.slug)
        let ids = topic.map { articles(inTopic: $0) }
        return GraphLayout.compute(factory.graph, topicOf: { factory.articlesByID[$0]?.topic ?? "" }, topics: topics, only: ids)
    }

    /// The map of the topics.
    func topicsLayout() -> GraphLayout {
        recorder?.record(.mapLayout)
        let topics = self.topics.filter { !(factory.graph.articlesByTopic[$0.slug] ?? []).isEmpty }.map(\.slug)
        return GraphLayout.topics(factory.graph, topics: topics, articlesOf: { factory.graph.articlesByTopic[$0] ?? [] },
                                  topicOf: { factory.articlesByID[$0]?.topic ?? "" })
    }
}

/// Which keys each page read when it was last rendered, and which pages read each key:
/// what `serve` keeps to find the pages an edit changes.
public struct PageReads: Sendable {
    private var keysByPage: [PageJob: [ReadKey]] = [:]
    private var pagesByKey: [ReadKey: Set<PageJob>] = [:]

    public init() {}

    /// Replaces what `page` read with `keys` (each once).
    mutating func set(_ keys: [ReadKey], for page: PageJob) {
        remove(page)
        keysByPage[page] = keys
        for key in keys { pagesByKey[key, default: []].insert(page) }
    }

    mutating func remove(_ page: PageJob) {
        guard let old = keysByPage.removeValue(forKey: page) else { return }
        for key in old {
            pagesByKey[key]?.remove(page)
            if pagesByKey[key]?.isEmpty == true { pagesByKey[key] = nil }
        }
    }

    /// Takes in what the pages of `rendered` read.
    public mutating func record(_ rendered: RenderedPages) {
        for (page, keys) in rendered.reads { set(keys, for: page) }
    }

    /// Takes in what the pages an edit rendered read, and forgets the pages it removed.
    public mutating func record(_ summary: PartialBuildSummary) {
        for (page, keys) in summary.reads { set(keys, for: page) }
        for page in summary.removedPages { remove(page) }
    }

    /// The pages that read a key for which `changed` is true.
    func pages(reading changed: (ReadKey) -> Bool) -> Set<PageJob> {
        var pages = Set<PageJob>()
        for (key, readers) in pagesByKey where changed(key) { pages.formUnion(readers) }
        return pages
    }

    /// The pages that read any of `keys`.
    func pages(readingAny keys: [ReadKey]) -> Set<PageJob> {
        var pages = Set<PageJob>()
        for key in keys { pages.formUnion(pagesByKey[key] ?? []) }
        return pages
    }

    /// How many pages have their reads recorded.
    var pageCount: Int { keysByPage.count }

    /// The keys `page` read when it was last rendered; nil when it was not.
    func keys(of page: PageJob) -> [ReadKey]? { keysByPage[page] }
}

/// Pages rendered, with what each read.
public struct RenderedPages: Sendable {
    public var files: [OutputFile]
    var reads: [(PageJob, [ReadKey])]
}

/// The knowledge graph of a site that changes one edit at a time, for `serve`.
///
/// Remembers what each page's links resolved to, so an edit to some articles re-checks only
/// their links (all pages' when a heading id of theirs changed), updates links and backlinks
/// for them alone, and recomputes related articles only where a score can move: for the
/// edited articles and those they link to or from (before or after), and for every article
/// carrying a tag whose membership changed. Edits that move articles in the reading order
/// (a new title or order), or change anything but articles, build the graph again.
///
/// The graph and diagnostics are always those of ``KnowledgeGraph/build(_:)`` for ``site``.
public struct LiveGraph: Sendable {
    public private(set) var site: Site
    public private(set) var graph: KnowledgeGraph
    /// The graph's diagnostics, sorted.
    public private(set) var diagnostics: [Diagnostic]

    /// What checking one page's links found.
    struct PageLinks: Sendable {
        var links: [ArticleLink]
        var diagnostics: [Diagnostic]
    }

    /// By the page's display path.
    private var pages: [String: PageLinks] = [:]
    private var anchorsByPath: [String: Set<String>] = [:]
    private var articleIDByPath: [String: String] = [:]
    private var structure: [Diagnostic] = []

    public init(site: Site) {
        self.site = site
        (graph, _) = KnowledgeGraph.build(site)
        diagnostics = []
        (anchorsByPath, articleIDByPath) = LinkChecker.targets(of: site)
        for page in Self.linkingPages(of: site) { pages[page.displayPath] = check(page) }
        structure = graph.structureWarnings(site)
        diagnostics = collectDiagnostics()
    }

    /// Brings the graph up to date with `newSite`, in which the articles `changed` (ids)
    /// were edited. Anything else may differ too: then the graph is built again.
    public mutating func update(to newSite: Site, changed: Set<String>) {
        guard let edited = incrementalEdits(to: newSite, changed: changed) else {
            self = LiveGraph(site: newSite)
            return
        }
        let old = graph
        site = newSite

        // Tags: lists in reading order, as `build` makes them.
        let retagged = edited.filter { $0.before.tags != $0.after.tags }
        if !retagged.isEmpty {
            let tagsByID = Dictionary(uniqueKeysWithValues: newSite.articles.map { ($0.id, $0.tags) })
            graph.articlesByTag = [:]
            for id in graph.readingPath {
                for tag in tagsByID[id] ?? [] { graph.articlesByTag[tag, default: []].append(id) }
            }
        }

        // Links: the edited pages, or every page when an anchor others may link to changed.
        var anchorsChanged = false
        for (_, after) in edited {
            let anchors = Set(after.document.headings.map(\.id))
            if anchorsByPath[after.relativePath] != anchors {
                anchorsByPath[after.relativePath] = anchors
                anchorsChanged = true
            }
        }
        let rechecked = anchorsChanged ? Self.linkingPages(of: newSite) : edited.map { Self.linkingPage($0.after) }
        // Articles whose links now resolve differently: the edited ones, and after an anchor
        // changed, those whose links to it broke or work again.
        var sources: [String] = []
        for page in rechecked {
            let result = check(page)
            if let id = page.id, result.links != pages[page.displayPath]?.links { sources.append(id) }
            pages[page.displayPath] = result
        }
        let displayPathOf = Dictionary(uniqueKeysWithValues: rechecked.compactMap { page in page.id.map { ($0, page.displayPath) } })
        if !sources.isEmpty { graph.links = newSite.articles.flatMap { pages[$0.displayPath]?.links ?? [] } }

        // Outgoing links of those articles, and backlinks of their targets before and after.
        var relinked = Set<String>()
        for id in sources {
            var targets: [String] = []
            var contexts: [String: String] = [:]
            for link in pages[displayPathOf[id]!]?.links ?? [] where link.target != id && contexts[link.target] == nil {
                targets.append(link.target)
                contexts[link.target] = link.context
            }
            let oldTargets = old.outgoing[id] ?? []
            graph.outgoing[id] = targets.isEmpty ? nil : targets
            for target in Set(oldTargets + targets) {
                var list = graph.backlinks[target] ?? []
                list.removeAll { $0.source == id }
                if let context = contexts[target] {
                    list.append(KnowledgeGraph.Backlink(source: id, context: context))
                    list.sort { (graph.positionInPath[$0.source] ?? 0) < (graph.positionInPath[$1.source] ?? 0) }
                }
                graph.backlinks[target] = list.isEmpty ? nil : list
            }
            if oldTargets != targets {
                relinked.insert(id)
                relinked.formUnion(oldTargets)
                relinked.formUnion(targets)
            }
        }

        // Related articles, where a score can have moved.
        var rescored = relinked
        for (before, after) in retagged {
            for tag in Set(before.tags + after.tags) {
                rescored.formUnion(old.articlesByTag[tag] ?? [])
                rescored.formUnion(graph.articlesByTag[tag] ?? [])
            }
        }
        if !rescored.isEmpty {
            graph.related.merge(RelatedArticles.compute(newSite.articles, graph: graph, only: rescored)) { $1 }
        }

        // Duplicates, orphans, dead ends and unused tags: only titles, links and tags change them.
        if !sources.isEmpty || !retagged.isEmpty || edited.contains(where: { $0.before.title != $0.after.title }) {
            structure = graph.structureWarnings(newSite)
        }
        diagnostics = collectDiagnostics()
    }

    /// The edited articles before and after, when nothing but their text, tags and links
    /// changed; nil when the graph must be built again.
    private func incrementalEdits(to newSite: Site, changed: Set<String>) -> [(before: Article, after: Article)]? {
        guard newSite.config == site.config, newSite.topics == site.topics, newSite.home == site.home,
              newSite.tags.tags == site.tags.tags, newSite.draftPaths == site.draftPaths,
              newSite.articles.count == site.articles.count else { return nil }
        var edited: [(before: Article, after: Article)] = []
        let changedSlugs = Set(changed.map { $0.split(separator: "/").last.map(String.init) ?? $0 })
        for index in newSite.articles.indices {
            let (before, after) = (site.articles[index], newSite.articles[index])
            guard before.slug == after.slug, before.topic == after.topic else { return nil }
            guard changedSlugs.contains(after.slug), changed.contains(after.id) else { continue }
            guard before.displayPath == after.displayPath else { return nil }
            edited.append((before, after))
        }
        // A new title or order may move an article in the reading order, which changes
        // previous and next, and the order of every list: then build again.
        let moved = edited.filter { $0.before.title != $0.after.title || $0.before.order != $0.after.order }
        if !moved.isEmpty {
            let articles = Dictionary(uniqueKeysWithValues: newSite.articles.map { ($0.id, ($0.order ?? Int.max, $0.title, $0.slug)) })
            for (_, after) in moved {
                let ids = graph.articlesByTopic[after.topic] ?? []
                guard let index = ids.firstIndex(of: after.id), let key = articles[after.id] else { return nil }
                if index > 0, let previous = articles[ids[index - 1]], !(previous < key) { return nil }
                if index + 1 < ids.count, let next = articles[ids[index + 1]], !(key < next) { return nil }
            }
        }
        return edited
    }

    private func check(_ page: LinkingPage) -> PageLinks {
        let checker = LinkChecker(anchorsByPath: anchorsByPath, articleIDByPath: articleIDByPath, draftPaths: site.draftPaths)
        var links: [ArticleLink] = []
        var diagnostics: [Diagnostic] = []
        checker.check(page, links: &links, diagnostics: &diagnostics)
        return PageLinks(links: links, diagnostics: diagnostics)
    }

    private func collectDiagnostics() -> [Diagnostic] {
        (pages.values.flatMap(\.diagnostics) + structure).sorted()
    }

    private static func linkingPage(_ article: Article) -> LinkingPage {
        LinkingPage(id: article.id, folder: article.topic, displayPath: article.displayPath, bodyFirstLine: article.bodyFirstLine, document: article.document)
    }

    /// Every page whose links are checked: articles, the start page, topic introductions.
    private static func linkingPages(of site: Site) -> [LinkingPage] {
        var pages = site.articles.map(linkingPage)
        if let home = site.home {
            pages.append(LinkingPage(id: nil, folder: "", displayPath: home.displayPath, bodyFirstLine: home.bodyFirstLine, document: home.document))
        }
        for topic in site.topics {
            pages.append(LinkingPage(id: nil, folder: topic.slug, displayPath: topic.displayPath, bodyFirstLine: topic.bodyFirstLine, document: topic.introduction))
        }
        return pages
    }
}

import Foundation
import Parallel

/// How articles relate: reading order, tags, links, backlinks and related articles.
/// Stored by article id (`topic/slug`); knows nothing of HTML.
public struct KnowledgeGraph: Sendable {
    /// Every article id in reading order: topic by topic, then by `order` and title.
    public internal(set) var readingPath: [String] = []
    /// Article ids per topic slug, in reading order.
    public internal(set) var articlesByTopic: [String: [String]] = [:]
    /// Article ids per tag slug, in reading order.
    public internal(set) var articlesByTag: [String: [String]] = [:]
    /// Distinct targets of each article's links to other articles, in the order written.
    public internal(set) var outgoing: [String: [String]] = [:]
    /// Who links to each article, in reading order, with the sentence that holds the link.
    public internal(set) var backlinks: [String: [Backlink]] = [:]
    /// The most related articles of each, best first.
    public internal(set) var related: [String: [RelatedArticle]] = [:]
    /// Every link from one article to another (self-links included), in source order.
    public internal(set) var links: [ArticleLink] = []
    /// Articles that the start page or a topic's introduction links to.
    public internal(set) var introduced: Set<String> = []
    /// Files (paths inside the content folder) that some page links to or shows.
    public internal(set) var linkedFiles: Set<String> = []
    /// Articles that link to a topic's page or the start page.
    public internal(set) var linkingToTopics: Set<String> = []
    var positionInPath: [String: Int] = [:]

    /// Only the reading order, for a build whose pages, feeds and sitemap are written: the
    /// links, backlinks and related articles are most of the graph's memory, and the search
    /// index, which comes next, reads the order alone.
    public func readingOrderOnly() -> KnowledgeGraph {
        var graph = KnowledgeGraph()
        graph.readingPath = readingPath
        graph.positionInPath = positionInPath
        return graph
    }

    public struct Backlink: Sendable, Hashable {
        public var source: String
        public var context: String
        public init(source: String, context: String) {
            self.source = source
            self.context = context
        }
    }

    public struct RelatedArticle: Sendable, Hashable {
        public var id: String
        public var score: Double
    }

    /// The article's index in the reading path.
    public func position(of id: String) -> Int? { positionInPath[id] }

    public func previous(of id: String) -> String? {
        guard let index = positionInPath[id], index > 0 else { return nil }
        return readingPath[index - 1]
    }

    public func next(of id: String) -> String? {
        guard let index = positionInPath[id], index + 1 < readingPath.count else { return nil }
        return readingPath[index + 1]
    }

    /// Articles one link away, in either direction, in reading order.
    public func neighbours(of id: String) -> [String] {
        let ids = Set((outgoing[id] ?? []) + (backlinks[id] ?? []).map(\.source)).subtracting([id])
        return ids.sorted { (positionInPath[$0] ?? 0) < (positionInPath[$1] ?? 0) }
    }

    /// Builds the graph and checks what only the whole handbook can tell: links and anchors,
    /// duplicate slugs and titles, orphans, dead ends and unused tags. The per-page work
    /// (``PageLinks/check(_:)``) runs on all cores, then ``assemble(_:pages:)`` joins it.
    public static func build(_ site: Site) -> (graph: KnowledgeGraph, diagnostics: [Diagnostic]) {
        let checker = LinkChecker(site)
        let pages = LinkingPage.all(of: site).parallelMap { PageLinks.check($0, with: checker) }
        return assemble(site, pages: pages)
    }

    /// The graph of a site before an edit, for ``assemble(_:pages:previous:)``.
    struct Previous {
        var site: Site
        var graph: KnowledgeGraph
        /// Whether any page's links resolve differently after the edit.
        var linksChanged: Bool

        /// Whether `site` has the same articles in the same reading order.
        func hasSameReadingOrder(as site: Site) -> Bool {
            self.site.topics == site.topics && self.site.articles.count == site.articles.count
                && zip(self.site.articles, site.articles).allSatisfy { $0.id == $1.id && $0.order == $1.order && $0.title == $1.title }
        }
    }

    /// The graph of `site` from what checking each of its pages' links found, in the order of
    /// ``LinkingPage/all(of:)``. Reading order, tags, backlinks, related articles and the
    /// structure warnings all come from here, for `build` and `serve` alike. Given the graph
    /// before an edit, it keeps what the edit cannot have changed: the reading order when no
    /// article moved, the links and backlinks when no page's links changed either, and the
    /// related articles no score of which can have moved
    /// (see ``RelatedArticles/compute(_:graph:reusing:)``).
    static func assemble(_ site: Site, pages: [PageLinks], previous: Previous? = nil) -> (graph: KnowledgeGraph, diagnostics: [Diagnostic]) {
        var graph = KnowledgeGraph()
        let kept = previous.flatMap { $0.hasSameReadingOrder(as: site) ? $0 : nil }
        if let kept {
            graph.readingPath = kept.graph.readingPath
            graph.articlesByTopic = kept.graph.articlesByTopic
            graph.positionInPath = kept.graph.positionInPath
        } else {
            graph.orderArticles(site)
        }
        graph.tagArticles(site)
        if let kept, !kept.linksChanged {
            (graph.links, graph.outgoing, graph.backlinks) = (kept.graph.links, kept.graph.outgoing, kept.graph.backlinks)
        } else {
            graph.links = pages.flatMap(\.links)
            graph.collectLinks()
        }
        graph.introduced = Set(pages.flatMap(\.introduced))
        graph.linkedFiles = Set(pages.flatMap(\.files))
        graph.linkingToTopics = Set(pages.compactMap(\.linksToTopicsFrom))
        graph.related = RelatedArticles.compute(site.articles, graph: graph, reusing: previous.map { ($0.site, $0.graph) })
        return (graph, pages.flatMap(\.diagnostics) + graph.structureWarnings(site))
    }

    /// Reading order: topic by topic, then by `order`, title and slug.
    private mutating func orderArticles(_ site: Site) {
        var byTopic: [String: [Article]] = [:]
        for article in site.articles { byTopic[article.topic, default: []].append(article) }
        for topic in site.topics {
            let ordered = (byTopic[topic.slug] ?? []).sorted {
                ($0.order ?? Int.max, $0.title, $0.slug) < ($1.order ?? Int.max, $1.title, $1.slug)
            }
            articlesByTopic[topic.slug] = ordered.map(\.id)
            readingPath += ordered.map(\.id)
        }
        for (index, id) in readingPath.enumerated() { positionInPath[id] = index }
    }

    /// The articles of each tag, in reading order.
    private mutating func tagArticles(_ site: Site) {
        let tagsByID = Dictionary(uniqueKeysWithValues: site.articles.map { ($0.id, $0.tags) })
        for id in readingPath {
            for tag in tagsByID[id] ?? [] { articlesByTag[tag, default: []].append(id) }
        }
    }

    private mutating func collectLinks() {
        // Each (source, target) pair once: the first link between them gives the backlink its
        // context. Links are found by reading position first (on all cores), then deduplicated
        // and grouped by position; only the grouped lists are keyed by id. At a hundred thousand
        // articles, a few dictionary updates keyed by id for every link took seconds.
        let positionInPath = positionInPath
        let positions = links.parallelMap { link -> (source: Int, target: Int)? in
            guard link.source != link.target, let source = positionInPath[link.source],
                  let target = positionInPath[link.target] else { return nil }
            return (source, target)
        }
        let count = readingPath.count
        var seen = Set<Int>()
        var targetsOf = [[Int]](repeating: [], count: count)
        var sourcesOf = [[(source: Int, link: Int)]](repeating: [], count: count)
        for (link, pair) in positions.enumerated() {
            guard let pair, seen.insert(pair.source * count + pair.target).inserted else { continue }
            targetsOf[pair.source].append(pair.target)
            sourcesOf[pair.target].append((pair.source, link))
        }
        outgoing.reserveCapacity(targetsOf.count { !$0.isEmpty })
        backlinks.reserveCapacity(sourcesOf.count { !$0.isEmpty })
        for position in 0..<count {
            let id = readingPath[position]
            if !targetsOf[position].isEmpty {
                outgoing[id] = targetsOf[position].map { readingPath[$0] }
            }
            if !sourcesOf[position].isEmpty {
                // In reading order of the linking articles (each links here once).
                backlinks[id] = sourcesOf[position].sorted { $0.source < $1.source }.map {
                    Backlink(source: readingPath[$0.source], context: links[$0.link].context)
                }
            }
        }
    }

    func structureWarnings(_ site: Site) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Display paths, not articles: copying an article costs a reference count per field.
        var bySlug: [String: String] = [:]
        var byTitle: [String: String] = [:]
        bySlug.reserveCapacity(site.articles.count)
        byTitle.reserveCapacity(site.articles.count)
        for article in site.articles {
            if let other = bySlug[article.slug], site.config.rules.contains(.uniqueFileNames) {
                diagnostics.append(.error(article.displayPath, "slug '\(article.slug)' is also used by \(other) [unique-file-names]",
                                          hint: "give each article its own file name; search results and links are easier to tell apart"))
            } else {
                bySlug[article.slug] = article.displayPath
            }
            let titleKey = article.title.lowercased()
            if let other = byTitle[titleKey] {
                diagnostics.append(.warning(article.displayPath, "title '\(article.title)' is also used by \(other)"))
            } else {
                byTitle[titleKey] = article.displayPath
            }
            if backlinks[article.id, default: []].isEmpty && !introduced.contains(article.id) {
                diagnostics.append(.warning(article.displayPath, "no other article links here (orphan)",
                                            hint: "link to it from an article where the ideas meet"))
            }
            if outgoing[article.id, default: []].isEmpty && !linkingToTopics.contains(article.id) {
                diagnostics.append(.warning(article.displayPath, "links to no other article (dead end)",
                                            hint: "link to related articles so readers can go on"))
            }
        }
        for file in site.files where !linkedFiles.contains(file.sourcePath) && !file.sourcePath.hasPrefix("assets/") {
            diagnostics.append(.warning(file.displayPath, "no page links to this file; it is published as \(file.outputPath)",
                                        hint: "link to it from a page, move it into assets/ if it is meant to be published on its own, or delete it"))
        }
        for tag in site.tags.tags where articlesByTag[tag.slug] == nil {
            diagnostics.append(.warning("\(site.tagsDisplayPath)", tag.line, tag.column, "tag '\(tag.name)' is declared but no article uses it"))
        }
        return diagnostics
    }
}

extension Site {
    var tagsDisplayPath: String { contentDisplayName + "/tags.yml" }
}

import Parallel

/// The knowledge graph of a site that changes one edit at a time, for `serve`.
///
/// ``KnowledgeGraph/build(_:)`` is per-page work (each page's links checked) followed by one
/// assembly step. This keeps each page's result and, after an edit, checks again only the
/// pages that changed (every page when what links can point at changed: a heading id, an
/// article added, removed or failing to load), then runs the same assembly, told what the
/// edit left as it was (see ``KnowledgeGraph/Previous``). So the graph and diagnostics are
/// those of a full build by construction.
public struct LiveGraph: Sendable {
    public private(set) var site: Site
    public private(set) var graph: KnowledgeGraph
    /// The graph's diagnostics, sorted.
    public private(set) var diagnostics: [Diagnostic]

    private struct CheckedPage: Sendable {
        var page: LinkingPage
        var links: PageLinks
    }

    private var targets: LinkChecker.Targets
    /// By the page's display path.
    private var checked: CheckedPages

    public init(site: Site) {
        self.site = site
        targets = LinkChecker.Targets(site)
        let checker = LinkChecker(targets)
        let pages = LinkingPage.all(of: site)
        let results = pages.parallelMap { PageLinks.check($0, with: checker) }
        checked = Self.index(pages, results)
        (graph, diagnostics) = KnowledgeGraph.assemble(site, pages: results)
        diagnostics.sort()
    }

    /// Brings the graph up to date with `newSite`.
    public mutating func update(to newSite: Site) {
        if updateForRewording(to: newSite) { return }
        let pages = LinkingPage.all(of: newSite)
        let changed = pages.indices.filter { checked[pages[$0].displayPath]?.page != pages[$0] }
        // The same pages (by path), so the same articles to link to, with maybe other headings.
        let samePages = pages.count == checked.count && changed.allSatisfy { checked[pages[$0].displayPath] != nil }
            && newSite.draftPaths == site.draftPaths && newSite.unloadedPaths == site.unloadedPaths && newSite.files == site.files
        var newTargets = targets
        var anchorsChanged = !samePages
        if samePages {
            for index in changed {
                let anchors = Set(pages[index].document.headings.map(\.id))
                if newTargets.anchorsByPath[pages[index].path] != anchors {
                    newTargets.anchorsByPath[pages[index].path] = anchors
                    anchorsChanged = true
                }
            }
        } else {
            newTargets = LinkChecker.Targets(newSite)
        }
        let stale = anchorsChanged ? Array(pages.indices) : changed
        let checker = LinkChecker(newTargets)
        let fresh = stale.parallelMap { PageLinks.check(pages[$0], with: checker) }
        var results = pages.map { checked[$0.displayPath]?.links ?? PageLinks() }
        var linksChanged = !samePages
        for (index, result) in zip(stale, fresh) {
            if result.links != results[index].links { linksChanged = true }
            results[index] = result
        }
        let previous = KnowledgeGraph.Previous(site: site, graph: graph, linksChanged: linksChanged)
        (graph, diagnostics) = KnowledgeGraph.assemble(newSite, pages: results, previous: previous)
        diagnostics.sort()
        site = newSite
        targets = newTargets
        if samePages {
            for index in stale { checked[pages[index].displayPath] = CheckedPage(page: pages[index], links: results[index]) }
        } else {
            checked = Self.index(pages, results)
        }
    }

    /// The edit met most often: articles reworded, with the same titles, tags, order and
    /// headings, and links to the same places from the same sentences, if maybe on other lines.
    /// Then the graph is the same, and of the problems only the edited pages' own can differ (a
    /// broken link that moved). This finds that out and updates the problems at the cost of the
    /// edited pages, where the rest of ``update(to:)`` goes over every page of the site; it
    /// returns false, changing nothing, for any other edit.
    private mutating func updateForRewording(to newSite: Site) -> Bool {
        guard newSite.articles.count == site.articles.count, newSite.config == site.config, newSite.home == site.home,
              newSite.topics == site.topics, newSite.tags.tags == site.tags.tags, newSite.files == site.files,
              newSite.draftPaths == site.draftPaths, newSite.unloadedPaths == site.unloadedPaths else { return false }
        // Articles read again are new boxes; the others are the ones the graph was made from.
        let edited = newSite.articles.indices.filter { newSite.articles[$0].box !== site.articles[$0].box }
        var rechecked: [(page: LinkingPage, links: PageLinks, old: PageLinks)] = []
        let checker = LinkChecker(targets)
        for index in edited {
            let (before, after) = (site.articles[index], newSite.articles[index])
            let page = LinkingPage(after)
            guard before.id == after.id, before.title == after.title, before.tags == after.tags, before.order == after.order,
                  targets.anchorsByPath[page.path] == Set(page.document.headings.map(\.id)),
                  let old = checked[page.displayPath]?.links else { return false }
            let links = PageLinks.check(page, with: checker)
            guard links.links == old.links, links.introduced == old.introduced, links.files == old.files,
                  links.linksToTopicsFrom == old.linksToTopicsFrom else { return false }
            rechecked.append((page, links, old))
        }
        for (_, links, old) in rechecked where links.diagnostics != old.diagnostics {
            // The list is sorted: each problem is found, and put, where sorting would have it.
            for diagnostic in old.diagnostics {
                // Sorting looks at the place and message only: a problem may share them with another.
                var position = diagnostics.partitioningIndex { !($0 < diagnostic) }
                while position < diagnostics.count && diagnostics[position] != diagnostic && !(diagnostic < diagnostics[position]) { position += 1 }
                if position < diagnostics.count && diagnostics[position] == diagnostic { diagnostics.remove(at: position) }
            }
            for diagnostic in links.diagnostics { diagnostics.insert(diagnostic, at: diagnostics.partitioningIndex { !($0 < diagnostic) }) }
        }
        site = newSite
        for (page, links, _) in rechecked { checked[page.displayPath] = CheckedPage(page: page, links: links) }
        return true
    }

    private static func index(_ pages: [LinkingPage], _ results: [PageLinks]) -> CheckedPages {
        var checked = CheckedPages()
        for (page, links) in zip(pages, results) { checked[page.displayPath] = CheckedPage(page: page, links: links) }
        return checked
    }

    /// Each page's checked links by its display path, kept in shards. `serve` holds the graph
    /// it serves while it updates a copy; with one dictionary, changing the copy's entry for
    /// an edited page would copy every page's entry first (a tenth of a second at 100,000
    /// pages), where a shard holds a few hundred.
    private struct CheckedPages: Sendable {
        private var shards = [[String: CheckedPage]](repeating: [:], count: 256)

        /// Hashing is seeded per process, and the shards live no longer than one.
        private static func shard(_ path: String) -> Int { path.hashValue & 255 }

        subscript(path: String) -> CheckedPage? {
            get { shards[Self.shard(path)][path] }
            set { shards[Self.shard(path)][path] = newValue }
        }

        var count: Int { shards.reduce(0) { $0 + $1.count } }
    }
}

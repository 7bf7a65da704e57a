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
    private var checked: [String: CheckedPage]

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

    private static func index(_ pages: [LinkingPage], _ results: [PageLinks]) -> [String: CheckedPage] {
        var checked: [String: CheckedPage] = [:]
        for (page, links) in zip(pages, results) { checked[page.displayPath] = CheckedPage(page: page, links: links) }
        return checked
    }
}

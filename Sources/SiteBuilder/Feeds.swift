import KnowledgeBase

/// The Atom feed of recently changed articles, and the sitemap when a base URL is set.
enum Feeds {
    static let feedEntryLimit = 30

    static func files(site: Site, graph: KnowledgeGraph, history: ContentHistory) -> [(String, String)] {
        var files = [("feed.xml", atom(site: site, graph: graph, history: history))]
        if let base = site.config.baseURL { files.append(("sitemap.xml", sitemap(site: site, graph: graph, base: base))) }
        return files
    }

    /// Links are relative to the feed's own address unless a base URL is configured.
    static func atom(site: Site, graph: KnowledgeGraph, history: ContentHistory) -> String {
        // The articles with a page: those of the reading path.
        let dated = site.articles.compactMap { article in
            graph.position(of: article.id) == nil ? nil : history.lastChanged(article).map { (article, $0) }
        }
        // Newest first, then by id.
        let newest = first(feedEntryLimit, of: dated) { ($0.1, $1.0.id) > ($1.1, $0.0.id) }
        func address(_ path: String) -> String { site.config.baseURL.map { BaseURL.join($0, path) } ?? path }
        let idBase = identifier(for: site.config)
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XMLEscaping.escape(site.config.language))">
          <title>\(XMLEscaping.escape(site.config.title))</title>
          <subtitle>\(XMLEscaping.escape(site.config.description))</subtitle>
          <id>\(XMLEscaping.escape(idBase))</id>
          <link rel="alternate" href="\(XMLEscaping.escape(address("index.html")))"/>
          <link rel="self" href="\(XMLEscaping.escape(address("feed.xml")))"/>
          <updated>\(newest.first?.1 ?? "1970-01-01")T00:00:00Z</updated>
          <author><name>\(XMLEscaping.escape(site.config.title))</name></author>

        """
        for (article, date) in newest {
            xml += """
              <entry>
                <title>\(XMLEscaping.escape(article.title))</title>
                <id>\(XMLEscaping.escape(idBase + article.url))</id>
                <link rel="alternate" href="\(XMLEscaping.escape(address(article.url)))"/>
                <updated>\(date)T00:00:00Z</updated>
                <summary>\(XMLEscaping.escape(article.summary))</summary>
              </entry>

            """
        }
        return xml + "</feed>\n"
    }

    /// The first `count` of `entries` in the order `precedes` gives, picked in one pass, as
    /// `entries.sorted(by: precedes).prefix(count)` when the order is total: `serve` makes the
    /// feed again after every edit, and sorting every article of a large site each time would
    /// cost more than the rest of the edit.
    static func first<Entry>(_ count: Int, of entries: [Entry], by precedes: (Entry, Entry) -> Bool) -> [Entry] {
        guard count > 0 else { return [] }
        var first: [Entry] = []
        first.reserveCapacity(count + 1)
        for entry in entries where first.count < count || precedes(entry, first[first.count - 1]) {
            first.insert(entry, at: first.partitioningIndex { !precedes($0, entry) })
            if first.count > count { first.removeLast() }
        }
        return first
    }

    /// The site's lasting name: its address, or a URN made from its title.
    static func identifier(for config: SiteConfig) -> String {
        config.baseURL.map { BaseURL.join($0, "") } ?? "urn:handbook:\(config.title.lowercased().filter { $0.isLetter || $0.isNumber })/"
    }

    /// The last change to any article, `YYYY-MM-DD`, as the feed's `updated` reads it.
    static func lastChange(site: Site, history: ContentHistory) -> String {
        site.articles.compactMap { history.lastChanged($0) }.max() ?? "1970-01-01"
    }

    /// Every indexable page of the page list, then the book's page of each topic.
    static func sitemap(site: Site, graph: KnowledgeGraph, base: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let paths = PageJob.all(site: site, graph: graph).filter(\.isIndexable).map(\.urlPath) + BookPage.parts(site: site, graph: graph).map(\.path)
        for path in paths {
            xml += "  <url><loc>\(XMLEscaping.escape(BaseURL.join(base, path)))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}

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
        // The article pages of the page list.
        let articles = ArticleLookup(site.articles)
        let pages = PageJob.all(site: site, graph: graph).compactMap { page -> Article? in
            guard case .article(let id) = page else { return nil }
            return articles[id]
        }
        let dated = pages.compactMap { article in history.lastChanged(article).map { (article, $0) } }
            .sorted { ($0.1, $1.0.id) > ($1.1, $0.0.id) }
            .prefix(feedEntryLimit)
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
          <updated>\(dated.first?.1 ?? "1970-01-01")T00:00:00Z</updated>
          <author><name>\(XMLEscaping.escape(site.config.title))</name></author>

        """
        for (article, date) in dated {
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

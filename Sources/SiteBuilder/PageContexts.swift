import Mustache

// Typed contexts handed to the templates. Each answers the names its templates use
// through `child(named:)`, which is also much faster than reflection on every lookup.

/// A link to a page: its title and its path from the site root.
public struct PageLink: Sendable, Hashable, MustacheParent {
    public var title: String
    /// From the site root, e.g. `practices/one-on-ones.html`.
    public var url: String
    /// From the page being rendered, e.g. `../practices/one-on-ones.html`.
    public var href: String
    public var current: Bool

    public init(title: String, url: String, root: String, current: Bool = false) {
        self.title = title
        self.url = url
        self.href = root + url
        self.current = current
    }

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "current": current
        default: nil
        }
    }
}

/// An article shown in a list: title, summary and topic.
public struct ArticleCard: Sendable, Hashable, MustacheParent {
    public var title: String
    public var href: String
    public var summary: String
    public var topic: PageLink

    public init(title: String, url: String, summary: String, topic: PageLink, root: String) {
        self.title = title
        self.href = root + url
        self.summary = summary
        self.topic = topic
    }

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "summary": summary
        case "topic": topic
        default: nil
        }
    }
}

public struct TagLink: Sendable, Hashable, MustacheParent {
    public var name: String
    public var href: String
    public var description: String
    public var count: Int

    public init(name: String, url: String, description: String, count: Int, root: String) {
        self.name = name
        self.href = root + url
        self.description = description
        self.count = count
    }

    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "href": href
        case "description": description
        case "count": count
        default: nil
        }
    }
}

public struct TableOfContentsEntry: Sendable, Hashable, MustacheParent {
    public var id: String
    public var text: String
    public var level: Int

    public func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "text": text
        case "nested": level > 2
        default: nil
        }
    }
}

public struct BacklinkEntry: Sendable, Hashable, MustacheParent {
    public var article: PageLink
    public var context: String

    public func child(named name: String) -> Any? {
        switch name {
        case "article": article
        case "title": article.title
        case "href": article.href
        case "context": context
        default: nil
        }
    }
}

/// A topic in the sidebar, rendered by `partials/nav-topic`; the current topic lists (a window
/// of) its articles.
public struct NavigationTopic: Sendable, Hashable, MustacheParent {
    public var link: PageLink
    /// The current topic's articles (a window of them), each rendered by `partials/nav-article`.
    public var articlesHTML: String
    /// Set when the topic has more articles than the sidebar shows.
    public var moreCount: Int
    /// The sub-topics of a topic on the way to the current page, each rendered by `partials/nav-topic`.
    public var subtopicsHTML: String = ""
    /// Whether the topic's sub-topics show: it is on the way to the current page.
    public var isOpen = false

    public func child(named name: String) -> Any? {
        switch name {
        case "title": link.title
        case "href": link.href
        case "current": link.current
        case "articlesHTML": articlesHTML.isEmpty ? nil : articlesHTML
        case "subtopicsHTML": subtopicsHTML.isEmpty ? nil : subtopicsHTML
        case "open": isOpen
        case "moreCount": moreCount > 0 ? moreCount : nil
        default: nil
        }
    }
}

/// What every page shares: the layout's context. `content` is the page kind's rendered HTML.
public struct LayoutContext: Sendable, MustacheParent {
    public var site: SiteInfo
    /// Relative path from this page to the site root: "" or "../".
    public var root: String
    public var pageTitle: String
    public var description: String
    public var kind: String
    public var canonicalURL: String?
    public var breadcrumbs: [PageLink]
    /// The sidebar's topics, each rendered by `partials/nav-topic`.
    public var navigationHTML: String
    public var content: String
    public var assets: AssetPaths
    public var noIndex: Bool
    /// The page's Markdown, from the site root, for pages that publish theirs.
    public var markdownURL: String? = nil
    /// The page's language when it is not the site's (an article's own `language`).
    public var language: String? = nil
    /// Renders `partials/head-assets` for `headAssetsHTML`.
    var fragments: FragmentRenderer

    public func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "markdownURL": markdownURL
        case "language": language ?? site.language
        case "root": root
        case "pageTitle": pageTitle
        case "description": description
        case "kind": kind
        case "canonicalURL": canonicalURL
        case "breadcrumbs": breadcrumbs
        case "navigationHTML": navigationHTML
        case "content": content
        case "asset": assets
        case "noIndex": noIndex
        case "isArticle": kind == "article"
        case "headAssetsHTML": fragments.render(SiteScope(root: root, site: site, assets: assets), template: "partials/head-assets", key: root)
        default: nil
        }
    }
}

public struct SiteInfo: Sendable, Hashable, MustacheParent {
    public var title: String
    public var description: String
    public var language: String
    public var contentSecurityPolicy: String
    /// Whether the EPUB and the plain-text files are published (`offline: true`).
    public var offline: Bool

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "language": language
        case "contentSecurityPolicy": contentSecurityPolicy
        case "offline": offline
        default: nil
        }
    }
}

/// Theme assets by name with `.` written as `_`: `{{asset.style_css}}`.
public struct AssetPaths: Sendable, Hashable, MustacheParent {
    var paths: [String: String]

    public func child(named name: String) -> Any? {
        paths[name.replacingUnderscoreBeforeExtension()]
    }
}

extension String {
    /// `style_css` → `style.css`; `search_box_css` → `search_box.css`.
    func replacingUnderscoreBeforeExtension() -> String {
        guard let underscore = lastIndex(of: "_") else { return self }
        return self[..<underscore] + "." + self[index(after: underscore)...]
    }
}

public struct HomeContext: Sendable, MustacheParent {
    public var title: String
    public var description: String
    public var introduction: String
    public var topics: [TopicSummary]
    /// Articles at the top of the content folder, outside any topic.
    public var articles: [ArticleCard] = []
    public var start: PageLink?
    public var articleCount: Int
    public var tagCount: Int

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "introduction": introduction
        case "topics": topics
        case "articles": articles
        case "start": start
        case "articleCount": articleCount
        case "tagCount": tagCount
        default: nil
        }
    }
}

public struct TopicSummary: Sendable, Hashable, MustacheParent {
    public var link: PageLink
    public var description: String
    public var articleCount: Int
    public var firstArticles: [PageLink]

    public func child(named name: String) -> Any? {
        switch name {
        case "title": link.title
        case "href": link.href
        case "description": description
        case "articleCount": articleCount
        case "firstArticles": firstArticles
        default: nil
        }
    }
}

public struct TopicContext: Sendable, MustacheParent {
    public var title: String
    public var description: String
    public var introduction: String
    public var articles: [ArticleCard]
    /// The topics in this topic's folder.
    public var subtopics: [TopicSummary] = []
    public var previous: PageLink?
    public var next: PageLink?

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "introduction": introduction
        case "articles": articles
        case "subtopics": subtopics
        case "articleCount": articles.count
        case "previous": previous
        case "next": next
        default: nil
        }
    }
}

public struct ArticleContext: Sendable, MustacheParent {
    public var title: String
    /// The id of the heading the title was taken from, so links to it still land.
    public var titleID: String?
    public var summary: String
    public var body: String
    public var topic: PageLink
    public var tags: [TagLink]
    public var tableOfContents: [TableOfContentsEntry]
    public var related: [ArticleCard]
    public var backlinks: [BacklinkEntry]
    public var neighbours: [PageLink]
    public var previous: PageLink?
    public var next: PageLink?
    public var editURL: String?
    public var updated: String?
    public var readingMinutes: Int
    /// Renders `tags`, `related` and `neighbours` item by item, for the `…HTML` names.
    var fragments: FragmentRenderer

    public func child(named name: String) -> Any? {
        switch name {
        case "tagsHTML": fragments.html(tags, template: "partials/tag-chip")
        case "relatedHTML": fragments.html(related, template: "partials/related-card")
        case "neighboursHTML": fragments.html(neighbours, template: "partials/linked-article")
        case "title": title
        case "titleID": titleID
        case "summary": summary
        case "body": body
        case "topic": topic
        case "tags": tags
        case "tableOfContents": tableOfContents
        case "related": related
        case "backlinks": backlinks
        case "neighbours": neighbours
        case "previous": previous
        case "next": next
        case "editURL": editURL
        case "updated": updated
        case "readingMinutes": readingMinutes
        default: nil
        }
    }
}

public struct TagIndexContext: Sendable, MustacheParent {
    public var tags: [TagLink]

    public func child(named name: String) -> Any? {
        switch name {
        case "tags": tags
        case "tagCount": tags.count
        default: nil
        }
    }
}

public struct TagContext: Sendable, MustacheParent {
    public var name: String
    public var description: String
    public var articles: [ArticleCard]
    /// Renders `articles` card by card, for `articlesHTML`.
    var fragments: FragmentRenderer

    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "description": description
        case "articles": articles
        case "articlesHTML": fragments.html(articles, template: "partials/article-card")
        case "articleCount": articles.count
        default: nil
        }
    }
}

public struct MapContext: Sendable, MustacheParent {
    public var title: String
    /// Whether the dots are topics rather than articles.
    public var overview: Bool
    public var articleCount: Int
    public var width: Double
    public var height: Double
    public var nodes: [MapNode]
    public var edges: [MapEdge]
    public var topics: [MapTopic]

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "overview": overview
        case "width": Self.format(width)
        case "height": Self.format(height)
        case "nodes": nodes
        case "edges": edges
        case "topics": topics
        case "articleCount": articleCount
        case "topicCount": nodes.count
        case "linkCount": edges.count
        default: nil
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

public struct MapNode: Sendable, Hashable, MustacheParent {
    public var title: String
    public var href: String
    public var x: Double
    public var y: Double
    public var radius: Double
    public var topicIndex: Int
    public var degree: Int

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "x": MapContext.format(x)
        case "y": MapContext.format(y)
        case "radius": MapContext.format(radius)
        case "topicIndex": topicIndex
        default: nil
        }
    }
}

public struct MapEdge: Sendable, Hashable, MustacheParent {
    public var x1: Double, y1: Double, x2: Double, y2: Double

    public func child(named name: String) -> Any? {
        switch name {
        case "x1": MapContext.format(x1)
        case "y1": MapContext.format(y1)
        case "x2": MapContext.format(x2)
        case "y2": MapContext.format(y2)
        default: nil
        }
    }
}

public struct MapTopic: Sendable, Hashable, MustacheParent {
    public var link: PageLink
    public var index: Int
    public var linkLists: [MapArticleLinks]

    public func child(named name: String) -> Any? {
        switch name {
        case "title": link.title
        case "href": link.href
        case "index": index
        case "articles": linkLists
        default: nil
        }
    }
}

/// An article in the map's text version, with the articles it links to.
public struct MapArticleLinks: Sendable, Hashable, MustacheParent {
    public var article: PageLink
    public var linksTo: [PageLink]

    public func child(named name: String) -> Any? {
        switch name {
        case "title": article.title
        case "href": article.href
        case "linksTo": linksTo
        default: nil
        }
    }
}

/// Pages with nothing of their own to show but the layout (search, 404).
public struct EmptyContext: Sendable, MustacheParent {
    public func child(named name: String) -> Any? { nil }
}

/// What a page kind's template sees: its own context first, then the layout's names
/// (`root`, `site`, `asset`, …).
struct PageScope: MustacheParent {
    var page: any MustacheParent
    var layout: LayoutContext

    func child(named name: String) -> Any? {
        page.child(named: name) ?? layout.child(named: name)
    }
}

/// A topic's page of the book: its table of contents; the articles are streamed in after it.
struct BookContext: MustacheParent {
    var title: String
    var description: String
    var articleCount: Int
    var topics: [BookTopicEntry]
    var contents: String
    /// The topics' pages before and after this one.
    var previous: PageLink?
    var next: PageLink?

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "articleCount": articleCount
        case "topics": topics
        case "contents": contents
        case "previous": previous
        case "next": next
        default: nil
        }
    }
}

/// `book.html`: the book's title and each topic's page.
struct BookIndexContext: MustacheParent {
    var title: String
    var description: String
    var articleCount: Int
    var parts: [TopicSummary]

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "articleCount": articleCount
        case "parts": parts
        default: nil
        }
    }
}

struct BookTopicEntry: MustacheParent {
    var title: String
    var anchor: String
    var articles: [PageLink]
    var introduction: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "anchor": anchor
        case "articles": articles
        case "introduction": introduction
        default: nil
        }
    }
}

struct BookArticleContext: MustacheParent {
    var anchor: String
    var title: String
    var summary: String
    var topic: String
    var body: String
    /// The article's own language when it is not the site's, for `lang` on its element.
    var language: String? = nil

    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "title": title
        case "summary": summary
        case "topic": topic
        case "body": body
        case "language": language
        default: nil
        }
    }
}

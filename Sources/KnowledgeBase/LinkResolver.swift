import Foundation
import Markdown

/// Links between pages are relative links to `.md` files, so they also work in a pull
/// request's preview. The output mirrors `Content/`, so a link's rewrite is purely
/// textual (`x.md` → `x.html`, `_index.md` → `index.html`); whether its target and anchor
/// exist is checked once every page is loaded.
public enum LinkResolver {
    /// The rewrite applied while rendering; nil leaves the destination alone.
    @Sendable public static func rewrite(_ destination: String) -> String? {
        guard case .page(let path, let fragment) = classify(destination) else { return nil }
        var page = String(path.dropLast(3))
        if page == "_index" || page.hasSuffix("/_index") { page = String(page.dropLast(6)) + "index" }
        return page + ".html" + (fragment.map { "#\($0)" } ?? "")
    }

    enum Destination: Equatable {
        /// Has a scheme or is protocol-relative: left alone.
        case external
        /// `#anchor` on the same page.
        case fragment(String)
        /// A relative path ending in `.md`, with an optional anchor.
        case page(path: String, fragment: String?)
        /// Root-absolute (`/x`): breaks under a subpath.
        case rootAbsolute
        /// Any other relative path (a folder, an image, a file that is not published).
        case otherRelative(String)
        case empty
    }

    static func classify(_ destination: String) -> Destination {
        // Byte by byte: every link of every article comes through here twice (rewrite and
        // check), and Character-based scanning cost more than parsing the Markdown.
        let bytes = destination.utf8
        guard let first = bytes.first else { return .empty }
        if first == UInt8(ascii: "#") { return .fragment(String(destination.dropFirst())) }
        if first == UInt8(ascii: "/") {
            return bytes.dropFirst().first == UInt8(ascii: "/") ? .external : .rootAbsolute
        }
        // A scheme: a colon before any `/`, `?` or `#`.
        for byte in bytes {
            if byte == UInt8(ascii: ":") { return .external }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
        }
        let path: Substring
        let fragment: String?
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            path = destination[..<hash]
            fragment = String(destination[destination.index(after: hash)...])
        } else {
            path = destination[...]
            fragment = nil
        }
        if path.utf8.suffix(3).elementsEqual(".md".utf8) && !path.utf8.contains(UInt8(ascii: "?")) {
            return .page(path: String(path), fragment: fragment)
        }
        return .otherRelative(String(path))
    }

    /// Resolves `path` against the folder `base` (e.g. `practices`, or "" for the root).
    /// Nil when it climbs out of `Content/`.
    static func resolve(_ path: String, against base: String) -> String? {
        var components = base.isEmpty ? [] : base.split(separator: "/").map(String.init)
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }
}

/// A page whose links are checked: an article, a topic introduction or the start page.
struct LinkingPage: Sendable, Equatable {
    var id: String?
    /// The folder inside `Content/` that relative links start from.
    var folder: String
    /// The path inside `Content/` that links to this page resolve to.
    var path: String
    var displayPath: String
    var bodyFirstLine: Int
    var document: MarkdownDocument
}

extension LinkingPage {
    init(_ article: Article) {
        self.init(id: article.id, folder: article.topic, path: article.relativePath, displayPath: article.displayPath,
                  bodyFirstLine: article.bodyFirstLine, document: article.document)
    }

    /// Every page of `site` whose links are checked: articles, the start page, topic introductions.
    static func all(of site: Site) -> [LinkingPage] {
        var pages = site.articles.map(LinkingPage.init)
        if let home = site.home {
            pages.append(LinkingPage(id: nil, folder: "", path: "_index.md", displayPath: home.displayPath,
                                     bodyFirstLine: home.bodyFirstLine, document: home.document))
        }
        for topic in site.topics {
            pages.append(LinkingPage(id: nil, folder: topic.slug, path: "\(topic.slug)/_index.md", displayPath: topic.displayPath,
                                     bodyFirstLine: topic.bodyFirstLine, document: topic.introduction))
        }
        return pages
    }
}

/// What checking one page's links found: the per-page work of the graph stage.
struct PageLinks: Sendable, Equatable {
    var links: [ArticleLink] = []
    var diagnostics: [Diagnostic] = []

    static func check(_ page: LinkingPage, with checker: LinkChecker) -> PageLinks {
        var result = PageLinks()
        checker.check(page, links: &result.links, diagnostics: &result.diagnostics)
        return result
    }
}

/// A link from one article to another, with where it was written.
public struct ArticleLink: Sendable, Hashable {
    public var source: String
    public var target: String
    public var fragment: String?
    public var context: String
    public var line: Int
    public var column: Int
}

struct LinkChecker: Sendable {
    /// What links can point at: a checker gives the same results for the same targets.
    struct Targets: Sendable, Equatable {
        var anchorsByPath: [String: Set<String>]
        var articleIDByPath: [String: String]
        var draftPaths: Set<String>
        var unloadedPaths: Set<String>
    }

    /// Heading ids of every page, by its path inside `Content/` (`topic/slug.md`, `topic/_index.md`, `_index.md`).
    let anchorsByPath: [String: Set<String>]
    /// Article id by path.
    let articleIDByPath: [String: String]
    let draftPaths: Set<String>
    /// Articles whose own errors are already reported: links to them are not errors too.
    let unloadedPaths: Set<String>
    /// Every page path, sorted for the suggestions of links to missing articles: once per
    /// checker, and only when such a link turns up.
    private let sortedPaths: SortedOnFirstUse

    init(anchorsByPath: [String: Set<String>], articleIDByPath: [String: String], draftPaths: Set<String>, unloadedPaths: Set<String> = []) {
        self.anchorsByPath = anchorsByPath
        self.articleIDByPath = articleIDByPath
        self.draftPaths = draftPaths
        self.unloadedPaths = unloadedPaths
        sortedPaths = SortedOnFirstUse(keysOf: anchorsByPath)
    }

    /// The checker of every page of `site`.
    init(_ site: Site) {
        self.init(Targets(site))
    }

    init(_ targets: Targets) {
        self.init(anchorsByPath: targets.anchorsByPath, articleIDByPath: targets.articleIDByPath,
                  draftPaths: targets.draftPaths, unloadedPaths: targets.unloadedPaths)
    }

    func check(_ page: LinkingPage, links found: inout [ArticleLink], diagnostics: inout [Diagnostic]) {
        // Once per page, not once per link: an article may hold 100,000 links.
        let pageAnchors = page.document.headings.map(\.id)
        let pageAnchorSet = Set(pageAnchors)
        // The same broken link written many times gets its suggestion worked out once.
        var hints: [String: String?] = [:]
        func hint(_ key: String, _ make: () -> String?) -> String? {
            if let known = hints[key] { return known }
            let made = make()
            hints[key] = .some(made)
            return made
        }
        // Wiki links name pages, not files: they are not resolved (nor checked) here yet.
        for link in page.document.links where !link.isWikiLink {
            let line = link.position.line + page.bodyFirstLine - 1
            let column = link.position.column
            func report(_ message: String, hint: String? = nil) {
                // A reference link's destination is fixed where it is defined: point there.
                if let definition = link.definition {
                    diagnostics.append(.error(page.displayPath, definition.line + page.bodyFirstLine - 1, definition.column,
                                              "\(message) (used at line \(line), column \(column))", hint: hint))
                } else {
                    diagnostics.append(.error(page.displayPath, line, column, message, hint: hint))
                }
            }
            switch LinkResolver.classify(link.destination) {
            case .external:
                break
            case .empty:
                if !URLSafety.isDangerous(link.destination) { report("link has no destination") }
            case .rootAbsolute:
                report("link '\(link.destination)' starts with '/', which breaks when the handbook is hosted under a subpath",
                       hint: "link to the article's .md file with a relative path, e.g. ../topic/article.md")
            case .otherRelative(let path):
                if link.kind == .image {
                    report("image '\(path)' is not published with the handbook", hint: "use an https:// address for images")
                } else {
                    report("link '\(link.destination)' does not point to an article", hint: "link to the article's .md file, e.g. ../topic/article.md")
                }
            case .fragment(let fragment):
                if !pageAnchorSet.contains(fragment) {
                    report("no heading with id '#\(fragment)' on this page", hint: hint("#\(fragment)") { Suggestions.didYouMean(fragment, in: pageAnchors) })
                }
            case .page(let path, let fragment):
                let (problem, target) = resolve(path, fragment: fragment, destination: link.destination, from: page, hint: hint)
                if let problem { report(problem.message, hint: problem.hint) }
                if let source = page.id, let target {
                    found.append(ArticleLink(source: source, target: target, fragment: fragment, context: link.context, line: line, column: column))
                }
            }
        }
    }

    /// The article a link to another page leads to, or what is wrong with it (nothing for a
    /// link to an article whose own errors are reported).
    private func resolve(_ path: String, fragment: String?, destination: String, from page: LinkingPage,
                         hint: (String, () -> String?) -> String?) -> (problem: (message: String, hint: String?)?, target: String?) {
        guard let resolved = LinkResolver.resolve(path, against: page.folder) else {
            return (("link '\(destination)' leads outside the content folder", nil), nil)
        }
        guard let anchors = anchorsByPath[resolved] else {
            if unloadedPaths.contains(resolved) { return (nil, nil) }
            if draftPaths.contains(resolved) { return (("link to '\(resolved)', which is a draft and is not published", nil), nil) }
            let suggestion = hint(resolved) {
                Suggestions.closest(to: resolved, in: sortedPaths.values).map { "did you mean '\(Self.relative(from: page.folder, to: $0))'?" }
            }
            return (("link to missing article '\(resolved)'", suggestion), nil)
        }
        if let fragment, !anchors.contains(fragment) {
            let suggestion = hint("\(resolved)#\(fragment)") { Suggestions.didYouMean(fragment, in: anchors.sorted()) }
            return (("'\(resolved)' has no heading with id '#\(fragment)'", suggestion), nil)
        }
        return (nil, articleIDByPath[resolved])
    }

    /// What links can point at: heading ids by page path (`topic/slug.md`, `topic/_index.md`,
    /// `_index.md`), and article ids by path. Shared by full and incremental graph builds.

    /// The relative path from a folder to a page, as a contributor would write it.
    static func relative(from folder: String, to path: String) -> String {
        let pathParts = path.split(separator: "/")
        if folder.isEmpty { return path }
        if pathParts.count > 1 && pathParts[0] == folder { return pathParts.dropFirst().joined(separator: "/") }
        return "../" + path
    }
}

extension LinkChecker.Targets {
    init(_ site: Site) {
        var anchors: [String: Set<String>] = [:]
        var ids: [String: String] = [:]
        for article in site.articles {
            anchors[article.relativePath] = Set(article.document.headings.map(\.id))
            ids[article.relativePath] = article.id
        }
        for topic in site.topics { anchors["\(topic.slug)/_index.md"] = Set(topic.introduction.headings.map(\.id)) }
        if let home = site.home { anchors["_index.md"] = Set(home.document.headings.map(\.id)) }
        self.init(anchorsByPath: anchors, articleIDByPath: ids, draftPaths: site.draftPaths, unloadedPaths: site.unloadedPaths)
    }
}

/// A dictionary's keys, sorted the first time they are asked for, by whichever thread asks
/// first. Holding the dictionary costs nothing (it is shared, not copied), so a checker made
/// for a few pages, as the live graph makes after an edit, pays for sorting only where a link is broken.
private final class SortedOnFirstUse: @unchecked Sendable {
    private let lock = NSLock()
    private var dictionary: [String: Set<String>]
    private var sorted: [String]?

    init(keysOf dictionary: [String: Set<String>]) {
        self.dictionary = dictionary
    }

    var values: [String] {
        lock.lock()
        defer { lock.unlock() }
        if let sorted { return sorted }
        let result = dictionary.keys.sorted()
        sorted = result
        dictionary = [:]
        return result
    }
}

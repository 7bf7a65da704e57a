import Foundation
import Markdown

/// Links between pages are relative links to `.md` files, so they also work in a pull
/// request's preview. Every output path is the address form of its source path, folder by
/// folder (``URLNames``), so a link's rewrite is textual: `Dev Process/Deploy.md` →
/// `dev-process/deploy.html`, a folder's `README.md`, `index.md` or `_index.md` → its
/// `index.html`, `/`-rooted links → relative ones. Whether the target and anchor exist is
/// checked once every page is loaded.
public enum LinkResolver {
    /// The rewrite applied while rendering a page `depth` folders below the content folder;
    /// nil leaves the destination alone. `folders` are the topic folders' paths inside the
    /// content folder, which the page in `folder` may link to as folders.
    @Sendable public static func rewrite(_ destination: String, depth: Int = 0, folder: String = "", folders: Set<String> = []) -> String? {
        switch classify(destination) {
        case .page(let path, let fragment):
            return pageAddress(path) + (fragment.map { "#\(headingID($0))" } ?? "")
        case .fragment(let fragment):
            let id = headingID(fragment)
            return id == fragment ? nil : "#\(id)"
        case .rootAbsolute:
            let relative = String(destination.drop { $0 == "/" })
            let up = String(repeating: "../", count: depth)
            if relative.isEmpty { return up + "index.html" }
            return rewrite(relative, depth: depth, folder: "", folders: folders).map { up + $0 } ?? up + relative
        case .otherRelative(let path):
            let rest = destination.dropFirst(path.count)
            let resolved = resolve(decoded(path), against: folder)
            if path.hasSuffix("/") || resolved.map(folders.contains) == true {
                var folderPath = URLNames.folders(of: decoded(path)).joined(separator: "/")
                if !folderPath.isEmpty && !folderPath.hasSuffix("/") { folderPath += "/" }
                return folderPath + "index.html" + rest
            }
            guard path.contains("/") else { return nil }
            // A file: its folders in address form, its name as written.
            var parts = URLNames.folders(of: decoded(path))
            parts[parts.count - 1] = String(path.pathComponents(omittingEmpty: false).last ?? "")
            return parts.joined(separator: "/") + rest
        case .external, .empty:
            return nil
        }
    }

    /// Whether a link from the page in `folder` leads to one of `targets` (paths inside the
    /// content folder) or out of the site; fragments are not checked.
    static func leadsSomewhere(_ destination: String, from folder: String, targets: Set<String>) -> Bool {
        switch classify(destination) {
        case .external, .fragment, .empty:
            return true
        case .rootAbsolute:
            return leadsSomewhere(String(destination.drop { $0 == "/" }), from: "", targets: targets)
        case .page(let path, _), .otherRelative(let path):
            guard let resolved = resolve(decoded(path), against: folder) else { return false }
            return targets.contains(resolved)
        }
    }

    /// `../Dev Process/README.md` → `../dev-process/index.html`.
    static func pageAddress(_ path: String) -> String {
        if let plain = plainPageAddress(path) { return plain }
        var parts = URLNames.folders(of: decoded(path))
        let name = parts.removeLast()
        let stem = ContentListing.stem(of: name)
        let lower = stem.lowercased()
        let page = lower == "_index" || lower == "index" || lower == "readme" ? "index" : (URLNames.segment(stem) ?? stem)
        return (parts + [page + ".html"]).joined(separator: "/")
    }

    /// A link whose every folder and name already is an address (`../practices/one-on-ones.md`,
    /// as this handbook writes them): only `.md` changes, so nothing is decoded or lower-cased.
    private static func plainPageAddress(_ path: String) -> String? {
        let bytes = path.utf8
        guard bytes.count > 3, bytes.suffix(3).elementsEqual(".md".utf8) else { return nil }
        let parts = bytes.dropLast(3).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            let isLast = index == parts.count - 1
            if !isLast && (part.elementsEqual("..".utf8) || part.elementsEqual(".".utf8)) { continue }
            if isLast && (part.elementsEqual("_index".utf8) || part.elementsEqual("index".utf8) || part.elementsEqual("readme".utf8)) {
                return String(decoding: bytes.dropLast(3).dropLast(part.count), as: UTF8.self) + "index.html"
            }
            guard URLNames.isAddress(part) else { return nil }
        }
        return String(decoding: bytes.dropLast(3), as: UTF8.self) + ".html"
    }

    /// Heading ids are lower case: `#Getting-Started` means `#getting-started`.
    static func headingID(_ fragment: String) -> String {
        fragment.contains(where: \.isUppercase) ? fragment.lowercased() : fragment
    }

    /// `%20` and the like decoded, as a file name on disk is written.
    static func decoded(_ path: String) -> String {
        path.contains("%") ? (path.removingPercentEncoding ?? path) : path
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
        if ContentListing.isMarkdown(String(path)) && !path.utf8.contains(UInt8(ascii: "?")) {
            return .page(path: String(path), fragment: fragment)
        }
        return .otherRelative(String(path))
    }

    /// Resolves `path` against the folder `base` (e.g. `practices`, or "" for the root).
    /// Nil when it climbs out of `Content/`.
    static func resolve(_ path: String, against base: String) -> String? {
        var components = base.isEmpty ? [] : base.pathComponents().map(String.init)
        for component in path.pathComponents() {
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
        self.init(id: article.id, folder: Self.folder(of: article.relativePath), path: article.relativePath, displayPath: article.displayPath,
                  bodyFirstLine: article.bodyFirstLine, document: article.document)
    }

    /// `a/b/c.md` → `a/b`; `c.md` → "".
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Every page of `site` whose links are checked: articles, the start page, topic introductions.
    static func all(of site: Site) -> [LinkingPage] {
        var pages = site.articles.map(LinkingPage.init)
        if let home = site.home {
            pages.append(LinkingPage(id: nil, folder: "", path: home.relativePath, displayPath: home.displayPath,
                                     bodyFirstLine: home.bodyFirstLine, document: home.document))
        }
        for topic in site.topics {
            guard let path = topic.introductionPath else { continue }
            pages.append(LinkingPage(id: nil, folder: topic.folder, path: path, displayPath: topic.displayPath,
                                     bodyFirstLine: topic.bodyFirstLine, document: topic.introduction))
        }
        return pages
    }
}

/// What checking one page's links found: the per-page work of the graph stage.
struct PageLinks: Sendable, Equatable {
    var links: [ArticleLink] = []
    var diagnostics: [Diagnostic] = []
    /// Articles an introduction or the start page links to: they are not orphans.
    var introduced: [String] = []
    /// Files (paths inside the content folder) the page links to or shows.
    var files: [String] = []
    /// The article whose links these are (nil for an introduction or the start page), when
    /// it links to a topic's page or the start page: a reader can go on from it.
    var linksToTopicsFrom: String?

    static func check(_ page: LinkingPage, with checker: LinkChecker) -> PageLinks {
        var result = PageLinks()
        checker.check(page, into: &result)
        return result
    }
}

/// A link from one article to another, with the sentence that holds it. Where in the file it
/// is written is left to the diagnostics: rewording the text above a link then leaves the
/// graph as it was.
public struct ArticleLink: Sendable, Hashable {
    public var source: String
    public var target: String
    public var fragment: String?
    public var context: String
}

struct LinkChecker: Sendable {
    /// What links can point at: a checker gives the same results for the same targets.
    struct Targets: Sendable, Equatable {
        var anchorsByPath: [String: Set<String>]
        var articleIDByPath: [String: String]
        var draftPaths: Set<String>
        var unloadedPaths: Set<String>
        /// Files published beside the pages, by path inside the content folder.
        var files: Set<String> = []
        /// Topic folders, by path inside the content folder ("" for the folder itself).
        var folders: Set<String> = [""]
        var brokenLinkSeverity: Diagnostic.Severity = .error
        var wikiTargets = WikiTargets()
    }

    /// Heading ids of every page, by its path inside `Content/` (`topic/slug.md`, `topic/_index.md`, `_index.md`).
    let anchorsByPath: [String: Set<String>]
    /// Article id by path.
    let articleIDByPath: [String: String]
    let draftPaths: Set<String>
    /// Articles whose own errors are already reported: links to them are not errors too.
    let unloadedPaths: Set<String>
    let files: Set<String>
    let folders: Set<String>
    let brokenLinkSeverity: Diagnostic.Severity
    let wikiTargets: WikiTargets
    /// Every page path, sorted for the suggestions of links to missing articles: once per
    /// checker, and only when such a link turns up.
    private let sortedPaths: SortedOnFirstUse

    init(anchorsByPath: [String: Set<String>], articleIDByPath: [String: String], draftPaths: Set<String>, unloadedPaths: Set<String> = [],
         files: Set<String> = [], folders: Set<String> = [""], brokenLinkSeverity: Diagnostic.Severity = .error,
         wikiTargets: WikiTargets = WikiTargets()) {
        self.anchorsByPath = anchorsByPath
        self.articleIDByPath = articleIDByPath
        self.draftPaths = draftPaths
        self.unloadedPaths = unloadedPaths
        self.files = files
        self.folders = folders
        self.brokenLinkSeverity = brokenLinkSeverity
        self.wikiTargets = wikiTargets
        sortedPaths = SortedOnFirstUse(keysOf: anchorsByPath)
    }

    /// The checker of every page of `site`.
    init(_ site: Site) {
        self.init(Targets(site))
    }

    init(_ targets: Targets) {
        self.init(anchorsByPath: targets.anchorsByPath, articleIDByPath: targets.articleIDByPath,
                  draftPaths: targets.draftPaths, unloadedPaths: targets.unloadedPaths, files: targets.files,
                  folders: targets.folders, brokenLinkSeverity: targets.brokenLinkSeverity, wikiTargets: targets.wikiTargets)
    }

    func check(_ page: LinkingPage, into result: inout PageLinks) {
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
        for link in page.document.links {
            let line = link.position.line + page.bodyFirstLine - 1
            let column = link.position.column
            func report(_ message: String, hint: String? = nil, severity: Diagnostic.Severity? = nil) {
                let severity = severity ?? brokenLinkSeverity
                // A reference link's destination is fixed where it is defined: point there.
                if let definition = link.definition {
                    result.diagnostics.append(Diagnostic(severity, file: page.displayPath, line: definition.line + page.bodyFirstLine - 1, column: definition.column,
                                                         "\(message) (used at line \(line), column \(column))", hint: hint))
                } else {
                    result.diagnostics.append(Diagnostic(severity, file: page.displayPath, line: line, column: column, message, hint: hint))
                }
            }
            let problem = link.isWikiLink
                ? checkWikiLink(link, on: page, anchors: pageAnchorSet, into: &result).map { ($0.message, $0.hint, nil) }
                : checkLink(link, on: page, anchors: (pageAnchors, pageAnchorSet), into: &result, hint: hint)
            if let problem { report(problem.message, hint: problem.hint, severity: problem.severity) }
        }
    }

    typealias Problem = (message: String, hint: String?, severity: Diagnostic.Severity?)

    /// A Markdown link or image: to a page, a heading, a file or a folder of the content
    /// folder, or out of the site.
    private func checkLink(_ link: Link, on page: LinkingPage, anchors: (list: [String], set: Set<String>), into result: inout PageLinks,
                           hint: (String, () -> String?) -> String?) -> Problem? {
        var destination = LinkResolver.classify(link.destination)
        var folder = page.folder
        if case .rootAbsolute = destination {
            // `/topic/page.md` starts at the content folder.
            let relative = String(link.destination.drop { $0 == "/" })
            destination = relative.isEmpty ? .otherRelative("") : LinkResolver.classify(relative)
            folder = ""
        }
        switch destination {
        case .external, .rootAbsolute:
            return nil
        case .empty:
            return URLSafety.isDangerous(link.destination) ? nil : ("link has no destination", nil, .error)
        case .otherRelative(let path):
            switch checkFile(path, isImage: link.kind == .image, folder: folder, hint: hint) {
            case .file(let file): result.files.append(file)
            case .folder: result.linksToTopicsFrom = page.id
            case .problem(let message, let suggestion): return (message, suggestion, nil)
            }
            return nil
        case .fragment(let fragment):
            guard !anchors.set.contains(fragment) else { return nil }
            let id = LinkResolver.headingID(fragment)
            if anchors.set.contains(id) { return ("'#\(fragment)' is written '#\(id)' in the page; the link uses that", nil, .warning) }
            return ("no heading with id '#\(fragment)' on this page", hint("#\(fragment)") { Suggestions.didYouMean(fragment, in: anchors.list) }, nil)
        case .page(let path, let fragment):
            let (problem, target) = resolve(path, fragment: fragment, destination: link.destination, from: folder, hint: hint)
            if problem == nil && target == nil && !unloadedPaths.contains(LinkResolver.resolve(LinkResolver.decoded(path), against: folder) ?? "") {
                result.linksToTopicsFrom = page.id
            }
            if let target { record(target, fragment: fragment, from: page, link: link, into: &result) }
            return problem
        }
    }

    /// A link that lands on an article: a link of the graph, or, from the start page or a
    /// topic's introduction, an incoming link that keeps the article from being an orphan.
    private func record(_ target: String, fragment: String?, from page: LinkingPage, link: Link, into result: inout PageLinks) {
        guard let source = page.id else {
            result.introduced.append(target)
            return
        }
        result.links.append(ArticleLink(source: source, target: target, fragment: fragment, context: link.context))
    }

    /// `[[Page#Heading]]` and `![[file]]`: resolved by name, as they were while rendering.
    private func checkWikiLink(_ link: Link, on page: LinkingPage, anchors pageAnchors: Set<String>,
                               into result: inout PageLinks) -> (message: String, hint: String?)? {
        let (name, fragment) = WikiTargets.split(link.destination)
        let written = "[[\(link.destination)]]"
        if name.trimmingWhitespace().isEmpty {
            if let fragment, !pageAnchors.contains(fragment) {
                return ("\(written): no heading with id '#\(fragment)' on this page", Suggestions.didYouMean(fragment, in: pageAnchors.sorted()))
            }
            return nil
        }
        let resolution = link.kind == .image ? wikiTargets.file(name) : wikiTargets.page(name)
        switch resolution {
        case .missing(let suggestion):
            return ("\(written) names no \(link.kind == .image ? "file" : "page") of the content folder",
                   suggestion.map { "did you mean [[\($0)]]?" } ?? "name a page by its file name, its path or its title")
        case .ambiguous(let candidates):
            return ("\(written) could be any of \(candidates.map { "'\($0.sourcePath)'" }.joined(separator: ", "))",
                   "write the path to say which, e.g. [[\(ContentListing.stem(of: candidates[0].sourcePath))]]")
        case .found(let target):
            if link.kind == .image {
                result.files.append(target.sourcePath)
                return nil
            }
            if let fragment, let anchors = anchorsByPath[target.sourcePath], !anchors.contains(fragment) {
                return ("\(written): '\(target.sourcePath)' has no heading with id '#\(fragment)'", Suggestions.didYouMean(fragment, in: anchors.sorted()))
            }
            guard let id = articleIDByPath[target.sourcePath] else {
                result.linksToTopicsFrom = page.id
                return nil
            }
            record(id, fragment: fragment, from: page, link: link, into: &result)
            return nil
        }
    }

    private enum FileTarget {
        case file(String)
        case folder
        case problem(String, hint: String?)
    }

    /// A link to a file published beside the pages, or to a topic's folder.
    private func checkFile(_ path: String, isImage: Bool, folder: String, hint: (String, () -> String?) -> String?) -> FileTarget {
        guard let resolved = LinkResolver.resolve(LinkResolver.decoded(path), against: folder) else {
            return .problem("link '\(path)' leads outside the content folder", hint: nil)
        }
        if files.contains(resolved) { return .file(resolved) }
        if !isImage, folders.contains(resolved) { return .folder }
        let suggestion = hint(resolved) {
            Suggestions.closest(to: resolved, in: files.sorted()).map { "did you mean '\(Self.relative(from: folder, to: $0))'?" }
        }
        return .problem(isImage ? "image '\(resolved)' not found in the content folder" : "link to missing file '\(resolved)'", hint: suggestion)
    }

    /// The article a link to another page leads to, or what is wrong with it (nothing for a
    /// link to an article whose own errors are reported).
    private func resolve(_ path: String, fragment: String?, destination: String, from folder: String,
                         hint: (String, () -> String?) -> String?) -> (problem: Problem?, target: String?) {
        guard let resolved = LinkResolver.resolve(LinkResolver.decoded(path), against: folder) else {
            return (("link '\(destination)' leads outside the content folder", nil, nil), nil)
        }
        guard let anchors = anchorsByPath[resolved] else {
            if unloadedPaths.contains(resolved) { return (nil, nil) }
            if draftPaths.contains(resolved) { return (("link to '\(resolved)', which is a draft and is not published", nil, nil), nil) }
            let suggestion = hint(resolved) {
                Suggestions.closest(to: resolved, in: sortedPaths.values).map { "did you mean '\(Self.relative(from: folder, to: $0))'?" }
            }
            return (("link to missing article '\(resolved)'", suggestion, nil), nil)
        }
        if let fragment, !anchors.contains(fragment) {
            let id = LinkResolver.headingID(fragment)
            if anchors.contains(id) {
                return (("'#\(fragment)' is written '#\(id)' in '\(resolved)'; the link uses that", nil, .warning), articleIDByPath[resolved])
            }
            let suggestion = hint("\(resolved)#\(fragment)") { Suggestions.didYouMean(fragment, in: anchors.sorted()) }
            return (("'\(resolved)' has no heading with id '#\(fragment)'", suggestion, nil), nil)
        }
        return (nil, articleIDByPath[resolved])
    }

    /// The relative path from a folder to a page, as a contributor would write it.
    static func relative(from folder: String, to path: String) -> String {
        let from = folder.pathComponents()
        let to = path.pathComponents()
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
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
        for topic in site.topics {
            if let path = topic.introductionPath { anchors[path] = Set(topic.introduction.headings.map(\.id)) }
        }
        if let home = site.home { anchors[home.relativePath] = Set(home.document.headings.map(\.id)) }
        self.init(anchorsByPath: anchors, articleIDByPath: ids, draftPaths: site.draftPaths, unloadedPaths: site.unloadedPaths,
                  files: Set(site.files.map(\.sourcePath)), folders: Set(site.topics.map(\.folder) + [""]),
                  brokenLinkSeverity: site.config.brokenLinks, wikiTargets: site.wikiTargets)
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

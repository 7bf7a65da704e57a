import Foundation
import Mustache

/// Fragments that many pages show alike, each rendered once per build: a related article's
/// card, an article one link away, a tag, and the links to the theme's assets at the top
/// of every page. swift-mustache pays a handful of dynamic casts for every name it looks
/// up, and these fragments were a large share of an article page's lookups, repeated on
/// every page.
///
/// A fragment is known by its template and a key that names everything it shows within one
/// build: a list item's link (which starts with the page's way to the root, so it names one
/// article or tag seen from one folder depth), or the root itself for what depends only on
/// the site. Shared by the build's parallel renders behind a lock; `serve`, which renders a
/// few pages after an edit, renders fragments directly.
///
/// The cache holds at most about ``budgetBytes`` of keys and HTML: past that it starts over.
/// Pages are rendered topic by topic, and a page's fragments are mostly its own topic's
/// articles, so a cache of the recent ones serves nearly as well as one of all; at a hundred
/// thousand articles, all of them would be a few hundred megabytes.
final class FragmentCache: @unchecked Sendable {
    private struct Key: Hashable {
        var template: String
        var key: String
    }

    static let defaultBudgetBytes = 32 << 20

    let budgetBytes: Int
    private let lock = NSLock()
    private var rendered: [Key: String] = [:]
    private var bytes = 0

    init(budgetBytes: Int = FragmentCache.defaultBudgetBytes) {
        self.budgetBytes = budgetBytes
    }

    /// The bytes of keys and HTML held now.
    var heldBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return bytes
    }

    /// `context` rendered with `template`, from the cache when a fragment with the same
    /// template and key was rendered before.
    func html(_ context: some MustacheParent, template: String, key: String, theme: Theme) -> String {
        let key = Key(template: template, key: key)
        lock.lock()
        let cached = rendered[key]
        lock.unlock()
        if let cached { return cached }
        // Rendered outside the lock; two pages asking at once render the same HTML twice.
        let html = theme.render(context, template: template)
        let size = key.key.utf8.count + html.utf8.count
        lock.lock()
        if bytes + size > budgetBytes { (rendered, bytes) = ([:], 0) }
        if rendered.updateValue(html, forKey: key) == nil { bytes += size }
        lock.unlock()
        return html
    }
}

/// Renders fragments with the theme, through the build's ``FragmentCache`` when there is one.
struct FragmentRenderer: Sendable {
    var theme: Theme
    var cache: FragmentCache?

    /// A list's items, each rendered with `template` and known by its link.
    func html(_ items: [some LinkedListItem], template: String) -> String {
        var html = ""
        for item in items {
            html += render(item, template: template, key: item.href)
        }
        return html
    }

    func render(_ context: some MustacheParent, template: String, key: String) -> String {
        cache?.html(context, template: template, key: key, theme: theme) ?? theme.render(context, template: template)
    }
}

/// A list item that links to the one page it shows.
protocol LinkedListItem: MustacheParent, Sendable {
    var href: String { get }
}

extension PageLink: LinkedListItem {}
extension ArticleCard: LinkedListItem {}
extension TagLink: LinkedListItem {}

/// What `partials/head-assets` sees: the names that are the same on every page at one
/// folder depth, so that it is rendered once per depth.
struct SiteScope: MustacheParent {
    var root: String
    var site: SiteInfo
    var assets: AssetPaths

    func child(named name: String) -> Any? {
        switch name {
        case "root": root
        case "site": site
        case "asset": assets
        default: nil
        }
    }
}

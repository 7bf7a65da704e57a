import Foundation

/// What `Content/` holds, before any file is read: topic folders and article files.
///
/// Symbolic links are not followed (they could point outside `Content/` or loop), names
/// that cannot be URLs are rejected, and every other stray file is reported.
struct ContentListing: Sendable {
    struct ArticleEntry: Sendable, Hashable {
        var topic: String
        var slug: String
    }

    var hasHomePage = false
    var hasTagsFile = false
    var topics: [String] = []
    var articles: [ArticleEntry] = []

    static func scan(_ directory: String, displayName: String, diagnostics: inout [Diagnostic]) -> ContentListing {
        var listing = ContentListing()
        guard isDirectory(directory) else {
            diagnostics.append(.error(displayName, "content folder not found", hint: "pass --content with the folder that holds the articles"))
            return listing
        }
        for name in entries(of: directory, display: displayName, diagnostics: &diagnostics) {
            let path = "\(directory)/\(name)"
            let display = "\(displayName)/\(name)"
            switch kind(of: path) {
            case .symbolicLink:
                diagnostics.append(.error(display, "symbolic links are not followed in the content folder", hint: "replace the link with the file or folder itself"))
            case .directory:
                if let problem = SlugRules.problem(with: name) {
                    diagnostics.append(.error(display, "topic folder name \(problem)", hint: SlugRules.hint(for: name)))
                    continue
                }
                listing.topics.append(name)
                listing.articles += scanTopic(name, in: directory, displayName: displayName, diagnostics: &diagnostics)
            case .file:
                switch name {
                case "_index.md": listing.hasHomePage = true
                case "tags.yml": listing.hasTagsFile = true
                default: strayFile(display, diagnostics: &diagnostics)
                }
            case .other:
                diagnostics.append(.warning(display, "not a regular file or folder; ignored"))
            }
        }
        // Two names that differ only by case collide on case-insensitive file systems.
        reportCaseCollisions(listing.topics, display: { "\(displayName)/\($0)" }, diagnostics: &diagnostics)
        return listing
    }

    private static func scanTopic(_ topic: String, in directory: String, displayName: String, diagnostics: inout [Diagnostic]) -> [ArticleEntry] {
        var found: [ArticleEntry] = []
        let folder = "\(directory)/\(topic)"
        for name in entries(of: folder, display: "\(displayName)/\(topic)", diagnostics: &diagnostics) {
            let display = "\(displayName)/\(topic)/\(name)"
            switch kind(of: "\(folder)/\(name)") {
            case .symbolicLink:
                diagnostics.append(.error(display, "symbolic links are not followed in the content folder", hint: "replace the link with the file itself"))
            case .directory:
                diagnostics.append(.error(display, "folders inside a topic are not supported", hint: "articles live directly in their topic's folder"))
            case .other:
                diagnostics.append(.warning(display, "not a regular file; ignored"))
            case .file:
                guard name != "_index.md" else { continue }
                guard name.hasSuffix(".md") else {
                    strayFile(display, diagnostics: &diagnostics)
                    continue
                }
                let slug = String(name.dropLast(3))
                if let problem = SlugRules.problem(with: slug) {
                    diagnostics.append(.error(display, "article file name \(problem)", hint: SlugRules.hint(for: slug)))
                    continue
                }
                found.append(ArticleEntry(topic: topic, slug: slug))
            }
        }
        reportCaseCollisions(found.map(\.slug), display: { "\(displayName)/\(topic)/\($0).md" }, diagnostics: &diagnostics)
        return found
    }

    private static func strayFile(_ display: String, diagnostics: inout [Diagnostic]) {
        diagnostics.append(.warning(display, "neither an article nor a topic index; it is not published",
                                    hint: "articles are Content/<topic>/<slug>.md; topic introductions are Content/<topic>/_index.md"))
    }

    private static func reportCaseCollisions(_ names: [String], display: (String) -> String, diagnostics: inout [Diagnostic]) {
        var seen: [String: String] = [:]
        for name in names.sorted() {
            let key = name.lowercased()
            if let other = seen[key] {
                diagnostics.append(.error(display(name), "'\(name)' and '\(other)' differ only by case and collide on case-insensitive file systems"))
            } else {
                seen[key] = name
            }
        }
    }

    /// Sorted names, hidden files skipped.
    private static func entries(of directory: String, display: String, diagnostics: inout [Diagnostic]) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            diagnostics.append(.error(display, "cannot read the folder", hint: "check its permissions"))
            return []
        }
    }

    enum Kind { case file, directory, symbolicLink, other }

    static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// Slugs become file names and URLs: lowercase letters, digits and single hyphens.
public enum SlugRules {
    public static func problem(with slug: String) -> String? {
        if slug.isEmpty { return "is empty" }
        if slug.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "'\(slug.debugEscaped)' contains control characters"
        }
        let valid = slug.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        if !valid || slug.hasPrefix("-") || slug.hasSuffix("-") || slug.contains("--") {
            return "'\(slug)' is not lowercase-hyphenated (a-z, 0-9 and single '-')"
        }
        return nil
    }

    public static func hint(for slug: String) -> String {
        let suggestion = TagVocabulary.normalize(slug.replacingAll(".", with: "-"))?
            .unicodeScalars.filter { $0.isASCII }.map(String.init).joined() ?? ""
        return suggestion.isEmpty ? "rename it using a-z, 0-9 and '-'" : "rename it to '\(suggestion)'"
    }
}

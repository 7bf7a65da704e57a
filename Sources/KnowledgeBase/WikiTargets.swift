import Foundation
import Markdown

/// What `[[wiki links]]` can name, as Obsidian, Foam and Quartz resolve them: a page by its
/// file name, its path inside the content folder or its title; an embedded `![[file]]` by
/// its file name or path. Names match whatever their case, spaces or hyphens.
public struct WikiTargets: Sendable, Equatable {
    public struct Target: Sendable, Hashable, Comparable {
        /// The path inside the content folder, as on disk.
        public var sourcePath: String
        /// Where it is in the output.
        public var outputPath: String

        public static func < (lhs: Target, rhs: Target) -> Bool { lhs.sourcePath < rhs.sourcePath }
    }

    public enum Resolution: Sendable, Equatable {
        case found(Target)
        case missing(suggestion: String?)
        case ambiguous([Target])
    }

    private var pages: [String: Set<Target>] = [:]
    private var files: [String: Set<Target>] = [:]

    public init() {}

    /// `Dev Process/Deploy` → `dev-process/deploy`: each part in address form.
    static func key(_ name: String) -> String {
        var name = name.trimmingWhitespace()
        if ContentListing.isMarkdown(name) { name = ContentListing.stem(of: name) }
        return name.pathComponents().map { URLNames.segment(String($0)) ?? String($0).lowercased() }.joined(separator: "/")
    }

    /// A page, known by its file name, its path without extension and its title.
    mutating func addPage(_ target: Target, title: String?) {
        let stem = ContentListing.stem(of: String(target.sourcePath.pathComponents().last ?? ""))
        var names = [stem, ContentListing.stem(of: target.sourcePath)]
        if let title, !title.isEmpty { names.append(title) }
        for name in names { pages[Self.key(name), default: []].insert(target) }
    }

    /// A topic, known by its folder's name and path.
    mutating func addFolder(_ folder: String, target: Target) {
        let name = String(folder.pathComponents().last ?? "")
        for key in Set([Self.key(name), Self.key(folder)]) { pages[key, default: []].insert(target) }
    }

    mutating func addFile(_ target: Target) {
        let name = String(target.sourcePath.pathComponents().last ?? "")
        for key in Set([name.lowercased(), target.sourcePath.lowercased()]) { files[key, default: []].insert(target) }
    }

    /// The page a `[[name]]` leads to.
    public func page(_ name: String) -> Resolution {
        resolve(Self.key(name), in: pages)
    }

    /// The file an `![[name]]` shows.
    public func file(_ name: String) -> Resolution {
        resolve(name.trimmingWhitespace().lowercased(), in: files)
    }

    private func resolve(_ key: String, in table: [String: Set<Target>]) -> Resolution {
        guard let candidates = table[key] else {
            return .missing(suggestion: Suggestions.closest(to: key, in: table.keys.sorted()))
        }
        if candidates.count == 1 { return .found(candidates.first!) }
        return .ambiguous(candidates.sorted())
    }

    /// `Page#Heading` → the page's name and the heading's id (GitHub's form of the text).
    public static func split(_ destination: String) -> (name: String, fragment: String?) {
        guard let hash = destination.firstIndex(of: "#") else { return (destination, nil) }
        let heading = String(destination[destination.index(after: hash)...])
        return (String(destination[..<hash]), heading.isEmpty ? nil : HeadingSlugger.slug(heading))
    }

    /// The `href` of a wiki link on a page whose output folder is `folder`; nil when it does
    /// not resolve (the link then renders as text and the checker reports it).
    public func href(for link: Link, fromFolder folder: String) -> String? {
        let (name, fragment) = Self.split(link.destination)
        let suffix = fragment.map { "#\($0)" } ?? ""
        if name.trimmingWhitespace().isEmpty { return fragment.map { "#\($0)" } }
        let resolution = link.kind == .image ? file(name) : page(name)
        guard case .found(let target) = resolution else { return nil }
        return LinkChecker.relative(from: folder, to: target.outputPath) + suffix
    }

    /// A cheap look at a page's title before it is parsed: `title:` in the front matter, or
    /// a first line `# Title`. Wiki links are resolved while pages render, before titles are
    /// read properly.
    static func title(of file: SourceFile) -> String? {
        let key = file.frontMatterIsTOML ? "title" : "title:"
        // Line by line over the front matter only: it is short, the body may not be.
        for line in file.frontMatter.utf8.split(separator: UInt8(ascii: "\n")) where line.starts(with: key.utf8) {
            var value = String(decoding: line.dropFirst(key.utf8.count), as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if file.frontMatterIsTOML {
                guard value.hasPrefix("=") else { continue }
                value = value.dropFirst().trimmingCharacters(in: .whitespaces)
            }
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        // The body's first line that is not blank, when it is a `# Title`.
        let body = file.body.utf8
        guard let start = body.firstIndex(where: { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: " ") }) else { return nil }
        let end = body[start...].firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
        let line = body[start..<end]
        guard line.starts(with: "# ".utf8) else { return nil }
        return String(decoding: line.dropFirst(2), as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }
}

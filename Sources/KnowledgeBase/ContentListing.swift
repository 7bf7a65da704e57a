import Foundation

/// What the content folder holds, before any file is read: topic folders at any depth, their
/// introductions, articles and the other files published beside them.
///
/// A folder holding Markdown is a topic; its `_index.md`, `index.md` or `README.md` is its
/// introduction (the root's is the start page). Page paths in the output are the lower-case,
/// hyphenated forms of the source paths (``URLNames``), so two sources that would be written
/// to one path are an error. Symbolic links are not followed (they could point outside the
/// folder or loop).
struct ContentListing: Sendable {
    struct TopicEntry: Sendable, Hashable {
        /// The topic's path in the output, e.g. `engineering/dev-process` ("" for the root).
        var id: String
        /// The folder inside the content folder, as named on disk.
        var folder: String
        /// The introduction's path inside the content folder, when there is one.
        var introduction: String?
    }

    struct ArticleEntry: Sendable, Hashable {
        /// The topic's id: the article's folder in the output ("" at the root).
        var topic: String
        /// The file name's URL form, without `.md`.
        var slug: String
        /// The path inside the content folder, as named on disk.
        var sourcePath: String

        var id: String { topic.isEmpty ? slug : "\(topic)/\(slug)" }
    }

    /// A file published as it is: an image, a PDF, a data file.
    struct FileEntry: Sendable, Hashable {
        var sourcePath: String
        /// Its path in the output: folders in URL form, the file name as written.
        var outputPath: String
        var size: Int
    }

    /// The root folder's introduction (the start page), if any.
    var home: String?
    var hasTagsFile = false
    /// Every folder holding Markdown, parents before children, in path order.
    var topics: [TopicEntry] = []
    var articles: [ArticleEntry] = []
    var files: [FileEntry] = []

    /// Names that introduce a folder, in order of precedence.
    static let introductionNames = ["_index.md", "index.md", "readme.md"]

    static func scan(_ directory: String, displayName: String, rules: Set<ContentRule> = [], excluding: Set<String> = [],
                     diagnostics: inout [Diagnostic]) -> ContentListing {
        var scanner = Scanner(root: directory, displayName: displayName, rules: rules, excluding: excluding)
        guard isDirectory(directory) else {
            diagnostics.append(.error(displayName, "content folder not found", hint: "pass --content with the folder that holds the articles"))
            return ContentListing()
        }
        scanner.scanFolder("", topicID: "")
        diagnostics += scanner.diagnostics
        return scanner.listing
    }

    private struct Scanner {
        let root: String
        let displayName: String
        let rules: Set<ContentRule>
        let excluding: Set<String>
        var listing = ContentListing()
        var diagnostics: [Diagnostic] = []
        /// Output paths taken so far, with the source that took them.
        var outputPaths: [String: String] = [:]

        init(root: String, displayName: String, rules: Set<ContentRule>, excluding: Set<String>) {
            self.root = root
            self.displayName = displayName
            self.rules = rules
            self.excluding = excluding
        }

        func display(_ relative: String) -> String { relative.isEmpty ? displayName : "\(displayName)/\(relative)" }

        /// Claims `output` for `source`; false (with an error) when another source has it.
        mutating func claim(_ output: String, for source: String) -> Bool {
            let key = output.lowercased()
            if let other = outputPaths[key] {
                diagnostics.append(.error(display(source), "'\(source)' and '\(other)' would both be published as '\(output)'",
                                          hint: "rename one of them; page addresses are the lower-case, hyphenated form of file names"))
                return false
            }
            outputPaths[key] = source
            return true
        }

        /// Lists `folder` (a path inside the root, "" for the root) as the topic `topicID`,
        /// then its sub-folders. Returns whether the folder or one below it holds Markdown.
        @discardableResult
        mutating func scanFolder(_ folder: String, topicID: String) -> Bool {
            let names = entries(of: folder)
            var markdown: [String] = []
            var subfolders: [String] = []
            for name in names {
                let relative = folder.isEmpty ? name : "\(folder)/\(name)"
                if excluding.contains("\(root)/\(relative)") { continue }
                switch ContentListing.kind(of: "\(root)/\(relative)") {
                case .symbolicLink:
                    diagnostics.append(.error(display(relative), "symbolic links are not followed in the content folder",
                                              hint: "replace the link with the file or folder itself"))
                case .directory:
                    if ContentListing.kind(of: "\(root)/\(relative)/\(ContentLoader.outputMarker)") != .file { subfolders.append(name) }
                case .other:
                    diagnostics.append(.warning(display(relative), "not a regular file or folder; ignored"))
                case .file:
                    if ContentListing.isMarkdown(name) {
                        markdown.append(name)
                    } else if folder.isEmpty && name == "tags.yml" {
                        listing.hasTagsFile = true
                    } else {
                        addFile(relative, folderOutput: topicID)
                    }
                }
            }
            let introduction = Self.introduction(among: markdown)
            let topicIndex = listing.topics.count
            // The root without Markdown has no entry: `topicIndex` is then its first folder's.
            let hasEntry = !folder.isEmpty || !markdown.isEmpty
            if hasEntry {
                listing.topics.append(TopicEntry(id: topicID, folder: folder, introduction: introduction.map { join(folder, $0) }))
            }
            if folder.isEmpty { listing.home = introduction.map { join(folder, $0) } }
            for name in markdown where name != introduction {
                addArticle(name, in: folder, topicID: topicID, introduction: introduction)
            }
            reportCaseCollisions(subfolders, in: folder)
            let holdsMarkdown = scanSubfolders(subfolders, of: folder, topicID: topicID) || !markdown.isEmpty
            // A folder of images is not a topic; the root's entry exists only for its articles.
            if hasEntry, !holdsMarkdown || (folder.isEmpty && markdown.allSatisfy({ $0 == introduction })) {
                listing.topics.remove(at: topicIndex)
            }
            if !folder.isEmpty, holdsMarkdown, introduction == nil, rules.contains(.topicIntroductions) {
                diagnostics.append(.error(display(folder), "topic folder has no _index.md [topic-introductions]",
                                          hint: "add \(display(join(folder, "_index.md"))) with a title, a description and an introduction"))
            }
            return holdsMarkdown
        }

        /// Lists each of `subfolders` of `folder` as a topic inside `topicID`, unless its name
        /// cannot be an address. Returns whether one of them holds Markdown.
        private mutating func scanSubfolders(_ subfolders: [String], of folder: String, topicID: String) -> Bool {
            var holdsMarkdown = false
            for name in subfolders {
                let relative = join(folder, name)
                guard let segment = URLNames.segment(name) else {
                    diagnostics.append(.error(display(relative), "folder name '\(name.debugEscaped)' has no letters or digits to make an address from",
                                              hint: "rename the folder"))
                    continue
                }
                if rules.contains(.fileNames), let problem = SlugRules.problem(with: name) {
                    diagnostics.append(.error(display(relative), "topic folder name \(problem) [file-names]", hint: SlugRules.hint(for: name)))
                    continue
                }
                let childID = topicID.isEmpty ? segment : "\(topicID)/\(segment)"
                if scanFolder(relative, topicID: childID) { holdsMarkdown = true }
            }
            return holdsMarkdown
        }

        mutating func addArticle(_ name: String, in folder: String, topicID: String, introduction: String?) {
            let relative = join(folder, name)
            let stem = ContentListing.stem(of: name)
            if introduction != nil, ContentListing.introductionNames.contains(name.lowercased()), name.lowercased() != "readme.md" {
                // `index.md` beside `_index.md`: both would be the folder's index page.
                diagnostics.append(.error(display(relative), "'\(name)' and '\(introduction!)' both introduce the folder; only '\(introduction!)' is published",
                                          hint: "merge them into one introduction"))
                return
            }
            if rules.contains(.fileNames), let problem = SlugRules.problem(with: stem) {
                diagnostics.append(.error(display(relative), "article file name \(problem) [file-names]", hint: SlugRules.hint(for: stem)))
                return
            }
            guard let slug = URLNames.segment(stem) else {
                diagnostics.append(.error(display(relative), "file name '\(name.debugEscaped)' has no letters or digits to make an address from",
                                          hint: "rename the file"))
                return
            }
            let entry = ArticleEntry(topic: topicID, slug: slug, sourcePath: relative)
            guard claim(entry.id + ".html", for: relative) else { return }
            listing.articles.append(entry)
        }

        mutating func addFile(_ relative: String, folderOutput: String) {
            let name = String(relative.pathComponents().last ?? "")
            let output = folderOutput.isEmpty ? name : "\(folderOutput)/\(name)"
            guard claim(output, for: relative) else { return }
            var info = stat()
            let size = lstat("\(root)/\(relative)", &info) == 0 ? Int(info.st_size) : 0
            listing.files.append(FileEntry(sourcePath: relative, outputPath: output, size: size))
        }

        static func introduction(among markdown: [String]) -> String? {
            for candidate in ContentListing.introductionNames {
                if let name = markdown.first(where: { $0.lowercased() == candidate && ($0 == candidate || candidate == "readme.md") }) {
                    return name
                }
            }
            return nil
        }

        func join(_ folder: String, _ name: String) -> String { folder.isEmpty ? name : "\(folder)/\(name)" }

        mutating func reportCaseCollisions(_ names: [String], in folder: String) {
            var seen: [String: String] = [:]
            for name in names.sorted() {
                let key = URLNames.segment(name) ?? name
                if let other = seen[key] {
                    diagnostics.append(.error(display(join(folder, name)), "'\(name)' and '\(other)' would both be published as '\(key)'",
                                              hint: "rename one of them; page addresses are the lower-case, hyphenated form of folder names"))
                } else {
                    seen[key] = name
                }
            }
        }

        /// Sorted names, hidden files skipped.
        mutating func entries(of folder: String) -> [String] {
            do {
                return try FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? root : "\(root)/\(folder)")
                    .filter { !$0.hasPrefix(".") }.sorted()
            } catch {
                diagnostics.append(.error(display(folder), "cannot read the folder", hint: "check its permissions"))
                return []
            }
        }
    }

    static func isMarkdown(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown")
    }

    /// The file name without its Markdown extension.
    static func stem(of name: String) -> String {
        name.lowercased().hasSuffix(".markdown") ? String(name.dropLast(9)) : String(name.dropLast(3))
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

/// How source names become addresses: lower case, letters and digits kept (in any script),
/// every other run of characters one `-`. `Dev Process` → `dev-process`, `README` → `readme`.
public enum URLNames {
    /// One path segment's address form; nil when no letter or digit is left.
    public static func segment(_ name: String) -> String? {
        // Most names already are addresses (`one-on-ones`): checked byte by byte, they are
        // returned as they are, without asking Unicode about every character.
        if isAddress(name) { return name }
        var result = ""
        var pendingHyphen = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "\u{2019}" {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? nil : result
    }

    /// The address form in plain ASCII, as the `file-names` rule wants it: accents dropped
    /// (`Café culture` → `cafe-culture`), any other letter a separator; nil when nothing is left.
    public static func asciiSegment(_ name: String) -> String? {
        let folded = name.folding(options: .diacriticInsensitive, locale: nil)
        return segment(String(String.UnicodeScalarView(folded.unicodeScalars.map { $0.isASCII ? $0 : " " })))
    }

    /// Whether `name` is already an address: `a-z`, `0-9` and single inner hyphens.
    static func isAddress(_ name: String) -> Bool { isAddress(name.utf8) }

    static func isAddress(_ bytes: some Sequence<UInt8>) -> Bool {
        var afterHyphen = true
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                if afterHyphen { return false }
                afterHyphen = true
            } else if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                afterHyphen = false
            } else {
                return false
            }
        }
        return !afterHyphen
    }

    /// A relative path as written in a link (`../Dev Process/Deploy.md`), with every folder in
    /// address form; the last segment is left to the caller.
    static func folders(of path: some StringProtocol) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part == "." || part == ".." || part.isEmpty ? String(part) : (segment(String(part)) ?? String(part))
        }
    }
}

/// Slugs become file names and URLs: lowercase letters, digits and single hyphens.
public enum SlugRules {
    public static func problem(with slug: String) -> String? {
        if URLNames.isAddress(slug) { return nil }
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
        guard let suggestion = URLNames.asciiSegment(slug) else { return "rename it using a-z, 0-9 and '-'" }
        return "rename it to '\(suggestion)'"
    }
}

import ArgumentParser
import Foundation
import SiteBuilder

extension HandbookCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Starts a knowledge base: settings, a start page and an example article.",
            discussion: """
            Writes handbook.yml, Content/_index.md (the start page), Content/tags.yml and one \
            topic with an example article into the folder, creating it if needed; 'handbook build' \
            then works there straight away. The look comes from the theme built into handbook: \
            a Theme/ folder is only needed to change it, and holds just the files that differ. \
            With --theme, the built-in theme is copied into Theme/ to edit; in a folder that \
            already has a knowledge base, only the theme is copied. Nothing is ever \
            overwritten: if any file to write exists, nothing is written.
            """
        )

        @Argument(help: "The folder to start in; created if missing.")
        var directory = "."

        @Flag(help: "Copy the built-in theme into Theme/ to edit it.")
        var theme = false

        func run() throws {
            let folder = Self.trimmingSlash(directory)
            let manager = FileManager.default
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
                Terminal.error("error: \(folder) exists and is not a folder")
                throw Exit.usage
            }
            let hasSite = manager.fileExists(atPath: "\(folder)/handbook.yml") || manager.fileExists(atPath: "\(folder)/Content")
            var files: [(path: String, bytes: [UInt8])] = []
            if !(theme && hasSite) {
                files += StarterSite.files(title: StarterSite.title(forFolder: folder))
            }
            if theme {
                files += ThemeFiles.builtIn.sorted.map { ("Theme/\($0.path)", $0.file.bytes) }
            }

            // Every file is checked before any is written: all or nothing.
            let existing = files.map(\.path).filter { Self.exists("\(folder)/\($0)") }
            if let first = existing.first {
                let more = existing.count > 1 ? " (and \(plural(existing.count - 1, "other file")))" : ""
                Terminal.error("error: \(Self.display(first, in: folder)) already exists\(more); init never overwrites a file, so nothing was written")
                if hasSite && !theme {
                    Terminal.error("  hint: this folder already has a knowledge base; 'handbook init --theme' copies just the built-in theme into it")
                }
                throw Exit.contentErrors
            }
            for file in files {
                let path = "\(folder)/\(file.path)"
                do {
                    try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                } catch {
                    Terminal.error("error: cannot create the folder for \(Self.display(file.path, in: folder)): \(error.localizedDescription)")
                    throw Exit.contentErrors
                }
                try Self.writeNew(path, bytes: file.bytes, display: Self.display(file.path, in: folder))
            }

            var lines: [String] = []
            for file in files where !file.path.hasPrefix("Theme/") {
                lines.append("  \(Self.display(file.path, in: folder))")
            }
            if theme {
                lines.append("  \(Self.display("Theme/", in: folder)) (\(plural(ThemeFiles.builtIn.files.count, "file")), the built-in theme to edit)")
            }
            Terminal.output("Wrote:\n" + lines.joined(separator: "\n"))
            let cd = folder == "." ? "" : "cd \(Self.shellQuoted(folder)) && "
            if theme {
                Terminal.output("Edit the files in \(Self.display("Theme/", in: folder)); delete those you leave as they are, and the built-in theme provides them.")
            }
            Terminal.output("Next: \(cd)handbook build, then open public/index.html (or run 'handbook serve' to preview as you write).")
        }

        /// `notes/Content/_index.md`, or `Content/_index.md` when initialising the current folder.
        static func display(_ path: String, in folder: String) -> String {
            folder == "." ? path : "\(folder)/\(path)"
        }

        static func trimmingSlash(_ path: String) -> String {
            var path = path.isEmpty ? "." : path
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            return path
        }

        /// Whether anything is at `path`, a broken symbolic link included.
        static func exists(_ path: String) -> Bool {
            var info = stat()
            return lstat(path, &info) == 0
        }

        /// Creates `path` with `bytes`; O_EXCL never overwrites, even a file that appeared since the check.
        static func writeNew(_ path: String, bytes: [UInt8], display: String) throws {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard descriptor >= 0 else {
                let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
                Terminal.error("error: cannot create \(display): \(reason)")
                throw Exit.contentErrors
            }
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == bytes.count else {
                Terminal.error("error: could not write \(display)")
                throw Exit.contentErrors
            }
        }

        /// The folder as a shell would need it typed, for the "Next:" line.
        static func shellQuoted(_ path: String) -> String {
            let plain = path.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "-_./".unicodeScalars.contains($0)) }
            return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
    }
}

/// What `handbook init` writes: a minimal knowledge base that `check` and `build` accept.
enum StarterSite {
    /// "team-notes" → "Team notes"; the current folder's name for ".".
    static func title(forFolder folder: String) -> String {
        let path = folder == "." ? FileManager.default.currentDirectoryPath : folder
        let name = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
        let words = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " || $0 == "." }).joined(separator: " ")
        guard let first = words.first, name != "/" else { return "Knowledge base" }
        return first.uppercased() + words.dropFirst()
    }

    static func files(title: String) -> [(path: String, bytes: [UInt8])] {
        [
            ("handbook.yml", config(title: title)),
            ("Content/_index.md", startPage(title: title)),
            ("Content/tags.yml", tags),
            ("Content/getting-started/_index.md", topic),
            ("Content/getting-started/writing-articles.md", article),
        ].map { ($0.0, Array($0.1.utf8)) }
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += "\\x" + String(format: "%02X", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    static func config(title: String) -> String {
        """
        # Settings for `handbook build`. Every key is optional: remove the '# ' before a
        # setting to turn it on.
        title: \(quoted(title))
        # One sentence about the knowledge base, for search engines, the feed and the EPUB.
        # description: What this knowledge base is for, in one sentence.
        # The language of the content, for browsers and screen readers.
        # language: en
        # Who wrote it, for the EPUB's metadata; the title is used when this is left out.
        # author: Your name
        # Where the source lives, for "Edit this page" links on every article.
        # repository: https://github.com/you/notes
        # branch: main
        # The published address. When set, pages get canonical links and a sitemap is written;
        # leave it out to keep the output free of any host name.
        # base_url: https://example.org/notes/
        # To take away: every article on one page, an EPUB, llms.txt and each page's Markdown.
        # offline: true
        # Typographic quotes and dashes are on; false renders exactly as GitHub's preview does.
        # smart_punctuation: false
        # Words readers search for that the articles call otherwise: a query with one side of
        # a line also finds the others.
        # search:
        #   synonyms:
        #     - 1:1 = one-on-one

        """
    }

    static func startPage(title: String) -> String {
        """
        ---
        title: \(quoted(title))
        description: A knowledge base written in Markdown.
        ---

        This is the start page, `Content/_index.md`. Say here what this knowledge base is for
        and where a reader should begin.

        Each folder in `Content/` is a topic, and each Markdown file in it an article. Begin
        with [writing articles](getting-started/writing-articles.md).

        """
    }

    static let tags = """
    # Every tag an article may use, each with a one-line description.
    writing: How to write and organise the articles.

    """

    static let topic = """
    ---
    title: Getting started
    description: How this knowledge base is written.
    order: 1
    ---

    A topic is a folder in `Content/`; its `_index.md`, this page, introduces it. Its articles
    follow in reading order.

    """

    static let article = """
    ---
    title: Writing articles
    summary: Every article is a Markdown file with a title, a one-sentence summary and tags.
    tags: [writing]
    order: 1
    ---

    This is an example article, `Content/getting-started/writing-articles.md`. Edit it, or
    delete it once you have written your own.

    ## Front matter

    An article starts with a few settings between two `---` lines:

    ```yaml
    ---
    title: Writing articles
    summary: One sentence saying what the reader will take away.
    tags: [writing]
    order: 1
    ---
    ```

    The title and the summary are required. Tags must be declared in `Content/tags.yml`, each
    with a description. `order` places the article in its topic's reading order.

    ## Links

    Link to another article with a relative link to its Markdown file, such as
    `[the start page](../_index.md)`, so links work in any Markdown preview too. The build
    checks every link and every `#heading` anchor.

    ## Next steps

    - `handbook new "A title" --topic getting-started --tags writing` creates an article.
    - `handbook serve` previews the site and rebuilds it as you write.
    - `handbook check` reports every problem, each with its file and line.
    - `handbook init --theme` copies the built-in theme into `Theme/` to change the look.

    """
}

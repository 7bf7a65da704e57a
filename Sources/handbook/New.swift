import ArgumentParser
import Foundation
import KnowledgeBase

extension HandbookCommand {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Creates a new article with front matter and a skeleton to fill in.",
            discussion: "The summary is a placeholder that 'handbook check' rejects until you replace it. Existing files are never overwritten."
        )

        @Argument(help: "The article's title.")
        var title: String

        @Option(help: "The topic folder to put it in, at any depth, e.g. practices or engineering/deployments.")
        var topic: String

        @Option(help: "Comma-separated tags from Content/tags.yml, e.g. delegation,trust.")
        var tags: String?

        @Option(help: "The file name without .md; made from the title when omitted.")
        var slug: String?

        @Option(help: "The folder of Markdown articles.")
        var content = "Content"

        var articleSlug: String {
            slug ?? URLNames.asciiSegment(title) ?? ""
        }

        var tagList: [String] {
            (tags ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        func validate() throws {
            if title.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the title is empty") }
            // A topic is a folder at any depth: `practices`, `engineering/deployments`.
            let parts = topic.split(separator: "/", omittingEmptySubsequences: false)
            if parts.contains(where: { $0.isEmpty || $0.hasPrefix(".") || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) {
                throw ValidationError("the topic '\(topic.debugDescription.dropFirst().dropLast())' is not a folder inside the content folder, e.g. practices or engineering/deployments")
            }
            if let problem = SlugRules.problem(with: articleSlug) {
                throw ValidationError("the file name \(problem); pass --slug")
            }
        }

        func run() throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: "\(content)/\(topic)", isDirectory: &isDirectory), isDirectory.boolValue else {
                let topics = (try? FileManager.default.contentsOfDirectory(atPath: content))?.filter { !$0.hasPrefix(".") && !$0.contains(".") }.sorted() ?? []
                Terminal.error("error: there is no topic '\(topic)' in \(content)/ (topics: \(topics.joined(separator: ", ")))")
                throw Exit.usage
            }
            // Tags must be declared: check them now rather than leave the contributor a failing check.
            var diagnostics: [Diagnostic] = []
            let tagsPath = "\(content)/tags.yml"
            if let data = FileManager.default.contents(atPath: tagsPath) {
                let vocabulary = TagVocabulary(yaml: String(decoding: data, as: UTF8.self), file: tagsPath, diagnostics: &diagnostics)
                for tag in tagList where vocabulary.resolve(tag) == nil {
                    let hint = vocabulary.suggestion(for: tag).map { " (did you mean '\($0)'?)" } ?? ""
                    Terminal.error("error: unknown tag '\(tag)'\(hint); declared tags are in \(tagsPath)")
                    throw Exit.usage
                }
            }
            let path = "\(content)/\(topic)/\(articleSlug).md"
            let text = NewArticle.text(title: title, tags: tagList)
            // O_EXCL: never overwrite, even if a file appears between a check and the write.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard descriptor >= 0 else {
                if errno == EEXIST {
                    Terminal.error("error: \(path) already exists; choose another title or pass --slug")
                } else {
                    Terminal.error("error: cannot create \(path): \(String(cString: strerror(errno)))")
                }
                throw Exit.contentErrors
            }
            let bytes = Array(text.utf8)
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == bytes.count else {
                Terminal.error("error: could not write \(path)")
                throw Exit.contentErrors
            }
            Terminal.output(path)
        }
    }
}

enum NewArticle {
    /// The placeholder `check` rejects until it is replaced.
    static let summaryPlaceholder = "TODO write one sentence saying what the reader will take away."

    static func text(title: String, tags: [String]) -> String {
        let quotedTitle = "\"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return """
        ---
        title: \(quotedTitle)
        summary: "\(summaryPlaceholder)"
        tags: [\(tags.joined(separator: ", "))]
        ---

        Open with the situation the reader is in, in two or three sentences.

        ## The idea

        Explain the idea, with a concrete example from real work.

        ## How to apply it

        Say what to do, step by step. Link to related articles where the ideas meet, with a
        relative link to their file, such as `[one-on-ones](../practices/one-on-ones.md)`.

        """
    }
}

import Foundation
import KnowledgeBase
import Markdown
import Parallel

/// The handbook as plain text, for assistants and for anyone who wants the source:
///
/// - every page's Markdown beside it (`practices/delegation.md` next to
///   `practices/delegation.html`, `practices/_index.md` next to `practices/index.html`,
///   `_index.md` next to `index.html`), so the relative `.md` links authors write keep
///   working unchanged. The front matter becomes a `#` title and the summary a quote.
/// - `llms.txt`: the title, the description and every article with its summary, linked
///   to its Markdown and grouped by topic, as the llms.txt proposal describes.
/// - `llms-full.txt`: the whole handbook's Markdown in reading order.
///
/// Without `allow_raw_html`, raw HTML is taken out of the Markdown as it is out of the pages.
enum PlainTextFiles {
    static let index = "llms.txt"
    static let full = "llms-full.txt"

    /// The Markdown published for a page at `pagePath` (`practices/delegation.html`).
    static func markdownPath(forPage pagePath: String) -> String {
        if pagePath == "index.html" { return "_index.md" }
        if pagePath.hasSuffix("/index.html") { return String(pagePath.dropLast("index.html".count)) + "_index.md" }
        return String(pagePath.dropLast(".html".count)) + ".md"
    }

    /// Every file at once, `llms.txt` and `llms-full.txt` last: for `serve`, which compares
    /// them with what it served before.
    static func files(site: Site, graph: KnowledgeGraph) -> [(String, String)] {
        var pages: [(String, String)] = []
        forEachBatch(site: site, graph: graph) { pages += $0 }
        var full = llmsFullHeader(site: site)
        full.reserveCapacity(pages.reduce(full.utf8.count) { $0 + $1.0.utf8.count + $1.1.utf8.count + 24 })
        for (path, markdown) in pages { full += llmsFullEntry(path: path, markdown: markdown) }
        return pages + [(index, llmsIndex(site: site, graph: graph)), (self.full, full)]
    }

    /// Writes every file with `writer`, a batch of pages at a time, each also added to
    /// `llms-full.txt` as it is written, so that the text of the whole handbook is never in
    /// memory twice over (120 MB at 10,000 articles). Returns how many files and bytes.
    static func write(site: Site, graph: KnowledgeGraph, with writer: FileWriter) throws -> (files: Int, bytes: Int) {
        let fullText = try writer.openStream(full)
        defer { fullText.close() }
        try fullText.write(llmsFullHeader(site: site))
        var (files, bytes) = (2, 0)
        var failure: (any Error)?
        forEachBatch(site: site, graph: graph) { pages in
            guard failure == nil else { return }
            do {
                try SiteBuilder.writeAll(pages, with: writer)
                for (path, markdown) in pages { try fullText.write(llmsFullEntry(path: path, markdown: markdown)) }
                files += pages.count
                bytes += pages.reduce(0) { $0 + $1.1.utf8.count }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        let indexText = llmsIndex(site: site, graph: graph)
        try SiteBuilder.writeAll([(index, indexText)], with: writer)
        return (files, bytes + fullText.bytesWritten + indexText.utf8.count)
    }

    /// Hands the pages' Markdown to `body` in reading order, made on all cores a batch at a time:
    /// the start page, then each topic's introduction and its articles.
    private static func forEachBatch(site: Site, graph: KnowledgeGraph, _ body: ([(String, String)]) -> Void) {
        let articles = Dictionary(uniqueKeysWithValues: site.articles.map { ($0.id, $0) })
        var sources: [(path: String, title: String, summary: String, markdown: String)] = []
        if let home = site.home { sources.append(("_index.md", home.title, home.description, home.markdown)) }
        for topic in site.topics {
            // The top of the content folder has the start page as its introduction.
            if !topic.slug.isEmpty { sources.append((markdownPath(forPage: topic.url), topic.title, topic.description, topic.markdown)) }
            for id in graph.articlesByTopic[topic.slug] ?? [] {
                guard let article = articles[id] else { continue }
                sources.append((markdownPath(forPage: article.url), article.title, article.summary, article.markdown))
            }
        }
        let config = site.config
        for start in stride(from: 0, to: sources.count, by: SiteBuilder.batchSize) {
            let batch = Array(sources[start..<min(start + SiteBuilder.batchSize, sources.count)])
            body(batch.parallelMap { ($0.path, page(title: $0.title, summary: $0.summary, markdown: $0.markdown, config: config)) })
        }
    }

    /// A page's published Markdown: its title and summary, then its body.
    static func page(title: String, summary: String, markdown: String, config: SiteConfig) -> String {
        var text = "# \(singleLine(title))\n\n"
        if !summary.isEmpty { text += "> \(singleLine(summary))\n\n" }
        let body = config.allowRawHTML ? markdown : PublishedMarkdown.removingRawHTML(markdown)
        text += body.drop { $0 == "\n" || $0 == "\r" }
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    static func llmsIndex(site: Site, graph: KnowledgeGraph) -> String {
        let articles = Dictionary(uniqueKeysWithValues: site.articles.map { ($0.id, $0) })
        func address(_ path: String) -> String { destination(site.config.baseURL.map { BaseURL.join($0, path) } ?? path) }
        var text = "# \(singleLine(site.config.title))\n\n"
        if !site.config.description.isEmpty { text += "> \(singleLine(site.config.description))\n\n" }
        text += "Every article below links to its Markdown source. The whole handbook is also in one file, "
        text += "[\(full)](\(address(full))), as an EPUB book, [\(EPUBBook.path)](\(address(EPUBBook.path))), "
        text += "and as web pages, one per topic, listed on [\(BookPage.path)](\(address(BookPage.path))).\n"
        for topic in site.topics {
            text += "\n## \(singleLine(topic.title))\n\n"
            if !topic.slug.isEmpty {
                text += "- [\(linkText(topic.title)): introduction](\(address(markdownPath(forPage: topic.url))))"
                text += topic.description.isEmpty ? "\n" : ": \(singleLine(topic.description))\n"
            }
            for id in graph.articlesByTopic[topic.slug] ?? [] {
                guard let article = articles[id] else { continue }
                text += "- [\(linkText(article.title))](\(address(markdownPath(forPage: article.url)))): \(singleLine(article.summary))\n"
            }
        }
        return text
    }

    /// `llms-full.txt` is every page's Markdown in reading order, each under a line naming its
    /// file, which is what its relative links are relative to; this is its start.
    static func llmsFullHeader(site: Site) -> String {
        var text = "# \(singleLine(site.config.title))\n\n"
        if !site.config.description.isEmpty { text += "> \(singleLine(site.config.description))\n\n" }
        text += "The whole handbook in reading order. Each page starts after a rule with the path of its Markdown file; its relative links start from there.\n"
        return text
    }

    /// A page of `llms-full.txt`.
    static func llmsFullEntry(path: String, markdown: String) -> String {
        "\n---\n\nSource: \(path)\n\n" + markdown
    }

    /// Text from the front matter or the config on one line, with `<` written as `&lt;` so
    /// it cannot open raw HTML (a title is text on the page, too).
    static func singleLine(_ text: String) -> String {
        // Most titles and summaries hold no line break: only look for one when a byte that can
        // start one (U+000A to U+000D, U+0085, U+2028, U+2029) is there.
        let mayBreak = text.utf8.contains { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }
        let line = mayBreak ? text.split(whereSeparator: \.isNewline).joined(separator: " ") : text
        return replacing(line, [("<", "&lt;")])
    }

    /// A path as a Markdown link destination: spaces and parentheses percent-encoded.
    static func destination(_ path: String) -> String {
        replacing(path, [("%", "%25"), (" ", "%20"), ("(", "%28"), (")", "%29")])
    }

    /// Link text with its brackets escaped.
    static func linkText(_ text: String) -> String {
        replacing(singleLine(text), [("[", "\\["), ("]", "\\]")])
    }

    /// `text` with each ASCII character of `replacements` written as its replacement, in one
    /// pass over the UTF-8 bytes; `text` itself when it has none of them. `llms.txt` escapes
    /// every article's title, summary and path.
    static func replacing(_ text: String, _ replacements: [(character: Unicode.Scalar, replacement: String)]) -> String {
        let bytes = replacements.map { UInt8($0.character.value) }
        precondition(replacements.allSatisfy(\.character.isASCII), "only ASCII characters are replaced byte by byte")
        guard text.utf8.contains(where: bytes.contains) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if let index = bytes.firstIndex(of: byte) { output += replacements[index].replacement.utf8 } else { output.append(byte) }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

// The fuzz target: arbitrary bytes through every stage that reads untrusted text.
//
// Built by scripts/fuzz.sh with libFuzzer and AddressSanitizer, together with the sources of
// the Markdown, KnowledgeBase and SearchIndex modules (compiled with -enable-testing, so the
// internal front matter reader is reachable without widening the public API). Each input is:
//
// 1. decoded and split like a content file (`SourceFile.parse`), its front matter read field
//    by field (`YAMLFields`) and as a tag vocabulary, and the whole file loaded as an article
//    (`ContentLoader.parseArticle`: front matter, tags, summary rules, Markdown);
// 2. parsed and rendered as Markdown, safe and unsafe, with the link rewriter (`LinkResolver`);
// 3. link-checked against a one-page site (`KnowledgeGraph.build`);
// 4. indexed for search (`SearchIndexBuilder`: tokenizer, stemmer, shard encoding).
//
// Besides crashes, leaks and timeouts, it checks properties that must hold for any input, and
// traps when one does not: safe HTML holds no raw tag or script URL, search files are plain
// ASCII with no way out of a string literal, and a destination a browser would run as script is
// always recognized as dangerous.

@testable import Markdown
import SearchIndex

@testable import KnowledgeBase

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    fuzzFrontMatter(bytes)
    fuzzMarkdown(text)
    fuzzNames(text)
    fuzzURLSafety(text)
    fuzzLinkChecking(text)
    fuzzSearchIndex(text)
    return 0
}

// MARK: - Front matter

private let vocabulary: TagVocabulary = {
    var diagnostics: [Diagnostic] = []
    return TagVocabulary(yaml: "trust: Trust.\ndelegation:\n  description: Delegation.\n  aliases: [delegating]\n", file: "tags.yml", diagnostics: &diagnostics)
}()

private func fuzzFrontMatter(_ bytes: [UInt8]) {
    guard case .success(let file) = SourceFile.parse(bytes: bytes, displayPath: "Content/fuzz/input.md") else { return }
    var diagnostics: [Diagnostic] = []
    if var fields = YAMLFields(yaml: file.frontMatter, file: file.displayPath, firstLine: file.frontMatterFirstLine, diagnostics: &diagnostics) {
        fields.rejectUnknownKeys(ContentLoader.articleKeys)
        _ = fields.string("title", required: true)
        _ = fields.string("summary", required: true)
        _ = fields.int("order")
        _ = fields.bool("draft")
        _ = fields.date("updated")
        _ = fields.stringList("tags")
        diagnostics += fields.diagnostics
    }
    _ = TagVocabulary(yaml: file.frontMatter, file: "tags.yml", diagnostics: &diagnostics)
    for diagnostic in diagnostics {
        // Every located problem points inside the file, and prints on one line plus a hint.
        check(diagnostic.line >= 0 && diagnostic.column >= 0, "negative position")
        check(diagnostic.description.split(separator: "\n").count <= 2, "a diagnostic spans lines: \(diagnostic.description)")
        check(!diagnostic.description.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\r" }, "a terminal escape in a diagnostic")
    }

    let loader = ContentLoader(contentDirectory: "/nonexistent", displayName: "Content")
    let source = ContentLoader.ArticleSource(entry: .init(topic: "fuzz", slug: "input", sourcePath: "fuzz/input.md"), file: file, diagnostics: [])
    // Under every content rule, as this handbook is held, and under none, as any folder is.
    for rules in [Set(ContentRule.allCases), []] {
        let result = loader.parseArticle(source, tags: vocabulary, settings: .init(options: [.wikiLinks], rules: rules, keepsMarkdown: true))
        if let article = result.article {
            check(!article.title.isEmpty, "an article without a title")
            check(!rules.contains(.frontMatter) || !article.summary.isEmpty, "an article without a summary under the rules")
            check(article.tags.allSatisfy { vocabulary[$0] != nil }, "an undeclared tag")
        }
    }
}

// MARK: - Names

/// Each line of the input as a path, as a tree brought in might name its files: every name
/// has an address of letters, digits and single hyphens, or none; links to it rewrite.
private func fuzzNames(_ text: String) {
    for line in text.split(separator: "\n").prefix(64) {
        let path = String(line)
        for part in path.split(separator: "/") {
            guard let segment = URLNames.segment(String(part)) else { continue }
            check(!segment.isEmpty && !segment.hasPrefix("-") && !segment.hasSuffix("-") && !segment.contains("--"),
                  "address '\(segment)' of '\(part)' is not lowercase-hyphenated")
            check(segment.unicodeScalars.allSatisfy { $0 == "-" || $0.properties.isAlphabetic || $0.properties.numericType != nil },
                  "address '\(segment)' holds a character that is not allowed")
        }
        _ = LinkResolver.rewrite(path + ".md", depth: 3, folder: "a/b", folders: ["a", "a/b"])
        _ = LinkResolver.rewrite("/" + path, depth: 2, folder: "x", folders: ["x"])
        _ = WikiTargets.key(path)
    }
}

// MARK: - Markdown and links

private func fuzzMarkdown(_ text: String) {
    let safe = MarkdownDocument(parsing: text, options: [.wikiLinks]) { LinkResolver.rewrite($0.destination) }
    checkSafeHTML(safe.html)
    check(Set(safe.headings.map(\.id)).count == safe.headings.count, "repeated heading ids")
    for heading in safe.headings {
        check(heading.id.unicodeScalars.allSatisfy { $0 == "-" || $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil },
              "heading id '\(heading.id)' holds a character that is not allowed")
    }
    for link in safe.links {
        // At most 280 bytes of the sentence, and an ellipsis either side when it was cut.
        check(link.context.utf8.count <= 280 + 6, "a link context longer than the limit: \(link.context.utf8.count) bytes")
        _ = LinkResolver.rewrite(link.destination)
    }
    _ = MarkdownDocument(parsing: text, options: [.unsafe, .noSmartPunctuation, .noHeadingPermalinks])
    fuzzGitHubExtensions(text)
    // Markdown published beside a page holds no raw HTML: read again, cmark finds none.
    let published = PublishedMarkdown.removingRawHTML(text)
    check(PublishedMarkdown.rawHTMLSpans(in: Array(published.utf8)).isEmpty, "raw HTML left in published Markdown: \(published.debugDescription)")
}

/// The input inside every construct of GitHub's extensions at once: a table cell, struck-out
/// text, a footnote definition, a callout and a task, so each extension meets arbitrary text.
private func fuzzGitHubExtensions(_ text: String) {
    let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    let wrapped = "| a | b |\n|:-|-:|\n| \(line) | x |\n\nx[^f] ~~\(line)~~\n\n[^f]: \(text)\n\n> [!NOTE]\n> \(line)\n\n- [ ] \(line)\n"
    for source in [text, wrapped] {
        let document = MarkdownDocument(parsing: source, options: [.wikiLinks]) { LinkResolver.rewrite($0.destination) }
        checkSafeHTML(document.html)
        // Lines as cmark counts them: a line ends at LF, CR or CR LF.
        let lines = source.replacingOccurrences(of: "\r\n", with: "\n").utf8.lazy.filter { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }.count + 1
        for problem in document.problems {
            check(problem.position.line >= 1 && problem.position.line <= lines && problem.position.column >= 1,
                  "a problem outside the document: \(problem.position) \(problem.message)")
        }
        for link in document.links {
            check(link.position.line >= 1 && link.position.column >= 1, "a link at \(link.position)")
        }
    }
}

/// The tags cmark writes in safe mode, the heading permalinks and GitHub's extensions.
private let safeTags: Set<String> = [
    "a", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "strong", "ul",
    // GitHub's extensions: tables, strikethrough, task checkboxes, footnotes, callouts.
    "table", "thead", "tbody", "tr", "th", "td", "del", "input", "sup", "section", "div",
]

/// In safe mode no tag but cmark's own appears, no attribute is an event handler, and no URL
/// runs script.
private func checkSafeHTML(_ html: String) {
    for tag in HTMLTag.all(in: html) {
        check(safeTags.contains(tag.name), "a <\(tag.name)> tag in safe HTML: \(html)")
        for attribute in tag.attributes {
            check(!attribute.name.hasPrefix("on"), "an event handler \(attribute.name) in safe HTML: \(html)")
            if ["href", "src"].contains(attribute.name) {
                check(!BrowserURL.runsScript(attribute.value), "a script URL in safe HTML: \(html)")
            }
        }
    }
}

/// Whatever a browser would run as script must be recognized. Browsers drop leading C0
/// controls and spaces, and tabs and line breaks anywhere, then read the scheme case-blind.
private func fuzzURLSafety(_ text: String) {
    for candidate in [text, String(text.prefix(40))] {
        // The candidate is a destination as cmark hands it over, entities already decoded.
        let url = BrowserURL.normalized(candidate, decodingEntities: false)
        if url.hasPrefix("javascript:") || url.hasPrefix("vbscript:") {
            check(URLSafety.isDangerous(candidate), "a script URL not recognized: \(candidate.debugDescription)")
        }
    }
}

/// The input as the body of an article in a small site, with a second article to link to.
private func fuzzLinkChecking(_ text: String) {
    var config = SiteConfig()
    config.baseURL = "https://example.org/"
    let loader = ContentLoader(contentDirectory: "/nonexistent", displayName: "Content")
    func article(_ slug: String, _ body: String) -> Article? {
        let bytes = Array("---\ntitle: \(slug)\nsummary: The \(slug).\ntags: [trust]\n---\n\n\(body)".utf8)
        guard case .success(let file) = SourceFile.parse(bytes: bytes, displayPath: "Content/fuzz/\(slug).md") else { return nil }
        let source = ContentLoader.ArticleSource(entry: .init(topic: "fuzz", slug: slug, sourcePath: "fuzz/\(slug).md"), file: file, diagnostics: [])
        return loader.parseArticle(source, tags: vocabulary, settings: .init(options: [], rules: Set(ContentRule.allCases), keepsMarkdown: true)).article
    }
    let articles = [article("input", text), article("target", "## A heading\n\nText [back](input.md).\n")].compactMap { $0 }
    let topic = Topic(slug: "fuzz", title: "Fuzz", description: "", order: 1, displayPath: "Content/fuzz/_index.md", bodyFirstLine: 1,
                      introduction: MarkdownDocument(parsing: "See [input](input.md)."), folder: "fuzz", introductionPath: "fuzz/_index.md")
    let site = Site(config: config, home: nil, topics: [topic], articles: articles, tags: vocabulary, contentDisplayName: "Content", draftPaths: [])
    let (graph, _) = KnowledgeGraph.build(site)
    check(graph.readingPath.count == articles.count, "the reading path lost an article")
}

// MARK: - Search

private func fuzzSearchIndex(_ text: String) {
    let halves = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let documents = [
        SearchDocument(url: "fuzz/input.html", anchor: nil, title: String(halves.first ?? ""), heading: nil, topic: "Fuzz",
                       tags: ["trust"], text: text),
        SearchDocument(url: "fuzz/input.html", anchor: "a", title: "Input", heading: String(halves.last ?? ""), topic: text,
                       tags: [text], text: String(text.reversed())),
    ]
    for file in SearchIndexBuilder().build(documents) {
        check(file.path.hasPrefix("search/") && file.path.hasSuffix(".js"), "a search file outside search/: \(file.path)")
        check(file.contents.utf8.allSatisfy { $0 < 0x80 }, "a search file that is not ASCII: \(file.path)")
        check(!file.contents.contains("<"), "'<' in a search file: \(file.path)")
        checkStringsAreClosed(file.contents, path: file.path)
    }
}

/// Outside its string literals, a search file holds no text from the input: every quote and
/// line break the input contained was escaped.
private func checkStringsAreClosed(_ script: String, path: String) {
    guard let outside = JavaScriptStrings.codeOutsideStrings(script) else {
        return check(false, "a string literal never closes or spans lines in \(path)")
    }
    check(!outside.contains("'") && !outside.contains("`"), "a quote outside string literals in \(path)")
}

/// Stops the run on a violated property; libFuzzer saves the input that caused it.
private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        let text = Array("fuzz property violated: \(message())\n".utf8)
        _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

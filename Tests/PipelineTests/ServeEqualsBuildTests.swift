import Foundation
@testable import handbook
import KnowledgeBase
import SiteBuilder
import TestSupport
import Testing

/// `serve` is the same build, cached: after any sequence of edits, every file it serves is
/// byte for byte what a fresh build of the same content writes, and when the content has
/// errors it reports the errors a build reports and keeps serving the last good build.
@Suite struct ServeEqualsBuildTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomEditsServeWhatABuildWrites(seed: UInt64) async throws {
        let folder = try TemporaryFolder("handbook-pipeline")
        defer { folder.remove() }
        try FileManager.default.copyItem(atPath: Repository.theme, toPath: "\(folder.path)/Theme")
        var content = EditedContent(seed: seed)
        try content.writeAll(into: folder)
        let sources = HandbookSources(content: "\(folder.path)/Content", theme: "\(folder.path)/Theme", config: "\(folder.path)/handbook.yml")
        let session = SiteSession(sources: sources, folder: ServedFolder(path: "\(folder.path)/served"), printTimings: false)
        var lastGood = try await check(await session.buildAll(), sources: sources, in: folder, lastGood: [:], "seed \(seed), start")

        for step in 0..<20 {
            let name = content.randomEdit()
            let changes = try content.apply(in: folder)
            let outcome = await session.rebuild(after: changes)
            _ = await session.writeDeferredFiles()
            lastGood = try await check(outcome, sources: sources, in: folder, lastGood: lastGood, "seed \(seed), step \(step): \(name)")
        }
    }

    /// Compares what `serve` published (or refused to) with a fresh build. Returns the
    /// served files, or `lastGood` when the content has errors.
    func check(_ outcome: SiteSession.Outcome?, sources: HandbookSources, in folder: TemporaryFolder,
               lastGood: [String: Data], _ context: String) async throws -> [String: Data] {
        let handbook = Handbook.load(sources)
        let errors = handbook.diagnostics.filter { $0.severity == .error }.map(\.description)
        let served = try folder.snapshot("served")
        guard let builder = handbook.builder() else {
            guard case .failed(_, let diagnostics) = outcome else {
                Issue.record("\(context): the build fails but serve published")
                return lastGood
            }
            #expect(Set(diagnostics.filter { $0.severity == .error }.map(\.description)) == Set(errors), "\(context): errors")
            #expect(served == lastGood, "\(context): the last good build is no longer served")
            return lastGood
        }
        if case .failed(_, let diagnostics) = outcome {
            Issue.record("\(context): the build succeeds but serve failed: \(diagnostics.map(\.description))")
        }
        try? FileManager.default.removeItem(atPath: "\(folder.path)/built")
        let output = OutputFolder(path: "\(folder.path)/built")
        let staging = try output.makeStagingFolder()
        var timings = StageTimings()
        _ = try builder.write(into: staging, timings: &timings)
        try output.commit(staging)
        let built = try folder.snapshot("built")
        for path in Set(built.keys).union(served.keys).sorted() where built[path] != served[path] {
            Issue.record("\(context): \(path) \(served[path] == nil ? "is missing" : built[path] == nil ? "is left over" : "differs")")
        }
        return served
    }
}

/// A small handbook that changes at random, one edit at a time, like an author's session:
/// articles, topics, tags and the start page are added, changed, renamed and deleted, and an
/// article breaks and is fixed again. Links and tags always point at what exists, so the
/// content has errors only while an article is broken.
struct EditedContent {
    struct TopicDraft {
        var slug: String
        var title: String
        var order: Int
        var path: String { "Content/\(slug)/_index.md" }
        func text() -> String { "---\ntitle: \(title)\ndescription: All about \(title).\norder: \(order)\n---\n\nAn introduction to \(title).\n" }
    }

    var generator: SplitMix64
    var topics: [String: TopicDraft] = [:]
    var articles: [String: ArticleDraft] = [:]
    var tags: [String: String] = ["alpha": "The first tag.", "beta": "The second tag.", "gamma": "The third tag."]
    var homeTitle = "Test Handbook"
    var broken: Set<String> = []
    private var counter = 0

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
        for _ in 0..<2 { addTopic() }
        for _ in 0..<6 { addArticle() }
    }

    var tagsText: String { tags.keys.sorted().map { "\($0): \(tags[$0]!)" }.joined(separator: "\n") + "\n" }
    var homeText: String { "---\ntitle: \(homeTitle)\ndescription: A handbook for tests.\n---\n\nWelcome.\n" }

    /// Every file of the content, by path relative to the site folder.
    var files: [String: String] {
        var files = ["Content/tags.yml": tagsText, "Content/_index.md": homeText]
        for topic in topics.values { files[topic.path] = topic.text() }
        for article in articles.values { files[article.path] = broken.contains(article.id) ? Self.brokenText : article.text() }
        return files
    }

    static let brokenText = "---\ntitle: [unclosed\nsummary: Broken.\n---\n\nBroken.\n"

    func writeAll(into folder: TemporaryFolder) throws { try folder.write(files) }

    mutating func next(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[next(0...items.count - 1)] }
    mutating func newName(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)-\(counter)"
    }

    mutating func randomTags() -> [String] {
        Array(tags.keys.sorted().shuffled(using: &generator).prefix(next(0...2)))
    }

    mutating func randomLinks(from id: String) -> [(id: String, anchor: String?)] {
        let ids = articles.keys.sorted().filter { $0 != id }
        return (0..<next(0...3)).compactMap { _ in pick(ids).map { ($0, nil) } }
    }

    mutating func randomHeadings() -> [String] { (0..<next(0...2)).map { "Part \($0)" } }

    /// A topic at the top, or (one time in three) inside another.
    mutating func addTopic() {
        let parent = next(0...2) == 0 ? pick(topics.keys.sorted()) : nil
        let slug = (parent.map { "\($0)/" } ?? "") + newName("topic")
        topics[slug] = TopicDraft(slug: slug, title: "Topic \(slug.uppercased())", order: next(1...3))
    }

    mutating func addArticle() {
        guard let topic = pick(topics.keys.sorted()) else { return }
        let slug = newName("article")
        var article = ArticleDraft(topic: topic, slug: slug, title: "Article \(counter)", order: next(1...4), tags: randomTags(), headings: randomHeadings(), links: [])
        article.links = randomLinks(from: article.id)
        articles[article.id] = article
    }

    /// Removes an article and every link to it, as an author would.
    mutating func removeArticle(_ id: String) {
        articles[id] = nil
        broken.remove(id)
        for key in articles.keys { articles[key]!.links.removeAll { $0.id == id } }
    }

    /// Makes one random edit and returns what it was.
    mutating func randomEdit() -> String {
        let ids = articles.keys.sorted()
        switch next(0...13) {
        case 0, 1:
            addArticle()
            return ("add an article")
        case 2, 3, 4:
            guard let id = pick(ids) else { return randomEdit() }
            switch next(0...4) {
            case 0: articles[id]!.title += " again"
            case 1: articles[id]!.order = next(1...4)
            case 2: articles[id]!.tags = randomTags()
            case 3: articles[id]!.headings = randomHeadings()
            default: articles[id]!.links = randomLinks(from: id)
            }
            return ("change \(id)")
        case 5:
            guard let id = pick(ids), var article = articles[id], let topic = pick(topics.keys.sorted()) else { return randomEdit() }
            let wasBroken = broken.contains(id)
            let linking = articles.keys.filter { articles[$0]!.links.contains { $0.id == id } }
            removeArticle(id)
            article.topic = topic
            article.slug = newName("article")
            articles[article.id] = article
            if wasBroken { broken.insert(article.id) }
            for key in linking where articles[key] != nil { articles[key]!.links.append((article.id, nil)) }
            return ("rename \(id) to \(article.id)")
        case 6:
            guard ids.count > 2, let id = pick(ids) else { return randomEdit() }
            removeArticle(id)
            return ("delete \(id)")
        case 7:
            guard let id = pick(ids.filter { !broken.contains($0) }) else { return randomEdit() }
            broken.insert(id)
            return ("break \(id)")
        case 8:
            guard let id = pick(broken.sorted()) else { return randomEdit() }
            broken.remove(id)
            return ("fix \(id)")
        case 9:
            if topics.count < 4 || next(0...1) == 0 {
                addTopic()
                return ("add a topic")
            }
            guard let slug = pick(topics.keys.sorted()) else { return randomEdit() }
            // With the topics inside it, as deleting its folder does.
            for topic in topics.keys where topic == slug || topic.hasPrefix(slug + "/") {
                topics[topic] = nil
                for id in ids where articles[id]?.topic == topic { removeArticle(id) }
            }
            return ("delete topic \(slug)")
        case 10:
            guard let slug = pick(topics.keys.sorted()) else { return randomEdit() }
            if next(0...1) == 0 { topics[slug]!.title += " too" } else { topics[slug]!.order = next(1...3) }
            return ("change topic \(slug)")
        case 11:
            switch next(0...2) {
            case 0: tags[newName("tag")] = "A new tag."
            case 1: if let tag = pick(tags.keys.sorted()) { tags[tag]! += " Changed." }
            default:
                guard tags.count > 1, let tag = pick(tags.keys.sorted()) else { return randomEdit() }
                tags[tag] = nil
                for id in ids { articles[id]!.tags.removeAll { $0 == tag } }
            }
            return ("change the tags")
        default:
            homeTitle += " again"
            return ("change the start page")
        }
    }

    /// Writes the content as it now is over the files in `folder`, and returns what changed,
    /// as the file watcher reports it.
    func apply(in folder: TemporaryFolder) throws -> FileChanges {
        let wanted = files
        var existing: [String: String] = [:]
        let content = "\(folder.path)/Content"
        for case let relative as String in FileManager.default.enumerator(atPath: content)! where relative.hasSuffix(".md") || relative.hasSuffix(".yml") {
            existing["Content/\(relative)"] = try String(contentsOfFile: "\(content)/\(relative)", encoding: .utf8)
        }
        var changes = FileChanges()
        for path in wanted.keys.sorted() where existing[path] != wanted[path] {
            if existing[path] == nil { changes.added.append("\(folder.path)/\(path)") } else { changes.modified.append("\(folder.path)/\(path)") }
            try folder.write([path: wanted[path]!])
        }
        for path in existing.keys.sorted() where wanted[path] == nil {
            try FileManager.default.removeItem(atPath: "\(folder.path)/\(path)")
            changes.removed.append("\(folder.path)/\(path)")
        }
        // A topic's folder goes with its index, at any depth; the deepest first.
        let folders = (FileManager.default.enumerator(atPath: content)?.compactMap { $0 as? String } ?? [])
            .filter { !$0.contains(".") }.sorted { $0.count > $1.count }
        for topic in folders where !wanted.keys.contains(where: { $0.hasPrefix("Content/\(topic)/") }) {
            try FileManager.default.removeItem(atPath: "\(content)/\(topic)")
        }
        return changes
    }
}

import Foundation
import KnowledgeBase
@testable import SiteBuilder
import TestSupport
import Testing

/// A page's context reads the site and the graph through a ``SiteReader``, which records
/// what it read; after an edit, `serve` renders again exactly the pages that read something
/// that changed. These tests fail when a page can read something without recording it.
@Suite struct PageReadsTests {
    /// The fixture, then the fixture after `edit`.
    static func builds(_ edit: [String: String]) throws -> (before: SiteBuilder, after: SiteBuilder) {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        let before = try loadSite(in: folder)
        try folder.write(edit)
        return (before, try loadSite(in: folder))
    }

    static func article(_ name: String, replacing target: String, with replacement: String) -> [String: String] {
        IncrementalBuildTests.article(name, replacing: target, with: replacement)
    }

    /// Edits of every kind an article can have, and one to the start page.
    static let edits: [String: [String: String]] = [
        "title": article("second", replacing: "title: Second", with: "title: Second, renamed"),
        "summary": article("third", replacing: "summary: The third article.", with: "summary: A better summary."),
        "body": article("third", replacing: "Third links to", with: "A new paragraph.\n\nThird links to"),
        "order": article("first", replacing: "order: 1", with: "order: 9"),
        "tag added": article("third", replacing: "tags: [feedback]", with: "tags: [feedback, trust]"),
        "tag removed": article("first", replacing: "tags: [delegation, Trust]", with: "tags: [delegation]"),
        "link removed": article("first", replacing: "Because of [third](third.md).", with: "Because of reasons."),
        "link added": article("third", replacing: "Third links to [second](second.md).", with: "Third links to [second](second.md) and [first](first.md)."),
        "heading": article("second", replacing: "It links back", with: "## A new part\n\nIt links back"),
        "article added": ["Content/basics/fourth.md": "---\ntitle: Fourth\nsummary: The fourth article.\ntags: [trust]\norder: 2\n---\n\nFourth links to [first](first.md).\n"],
        "start page": ["Content/_index.md": FixtureSite.files["Content/_index.md"]!.replacingOccurrences(of: "title: Test Handbook", with: "title: Another Handbook")],
    ]

    /// Every page of the fixture, rendered in `builder`, by output path; `reads` takes in what each read.
    static func renderAll(_ builder: SiteBuilder, reads: inout PageReads) -> [String: [UInt8]] {
        let jobs = PageJob.all(site: builder.site, graph: builder.graph)
        let rendered = builder.render(jobs)
        reads.record(rendered)
        return Dictionary(uniqueKeysWithValues: rendered.files.map { ($0.path, $0.bytes) })
    }

    /// Each page is rendered before and after the edit: every page whose HTML differs must be
    /// listed. A context field that reads the site or the graph unrecorded shows here as a
    /// page that changed but was not listed.
    @Test(arguments: edits.keys.sorted())
    func everyPageAnEditChangesIsListed(edit: String) throws {
        let (before, after) = try Self.builds(Self.edits[edit]!)
        var reads = PageReads()
        let old = Self.renderAll(before, reads: &reads)
        let changes = after.changes(since: before, reads: reads)
        var ignored = PageReads()
        let new = Self.renderAll(after, reads: &ignored)
        let listed = Set((changes.pages + changes.deferredPages).map(\.outputPath))
        for (path, bytes) in new.sorted(by: { $0.key < $1.key }) where old[path] != bytes {
            #expect(listed.contains(path), "\(edit): \(path) changed but was not listed")
        }
        #expect(Set(changes.removedPaths) == Set(old.keys).subtracting(new.keys), "\(edit): removed pages")
    }

    /// Only what an edit changes is rendered: a body edit touches its own page alone.
    @Test func aBodyEditListsOnlyItsPage() throws {
        let (before, after) = try Self.builds(Self.edits["body"]!)
        var reads = PageReads()
        _ = Self.renderAll(before, reads: &reads)
        let changes = after.changes(since: before, reads: reads)
        #expect((changes.pages + changes.deferredPages).map(\.outputPath) == ["basics/third.html"])
    }

    /// A page whose reads were never recorded (one a server has yet to render) is listed
    /// after any edit, beside the pages the edit changed.
    @Test func aPageWithUnknownReadsIsListed() throws {
        let (before, after) = try Self.builds(Self.edits["body"]!)
        var reads = PageReads()
        _ = Self.renderAll(before, reads: &reads)
        reads.remove(.map)
        let changes = after.changes(since: before, reads: reads)
        #expect(Set((changes.pages + changes.deferredPages).map(\.outputPath)) == ["basics/third.html", "map.html"])
    }

    /// A context field added to a page through the reader needs nothing else: the key it
    /// records changes when what it shows changes, and not otherwise. Here, a hypothetical
    /// field of the first article's page: the summary of the article after it.
    @Test func aNewContextFieldIsInvalidatedByWhatItReads() throws {
        func field(_ reader: SiteReader) -> String? {
            reader.next(of: "basics/first").flatMap { reader.card(of: $0)?.summary }
        }
        func reads(_ builder: SiteBuilder) -> (value: String?, keys: [ReadKey]) {
            let recorder = ReadRecorder()
            let factory = PageFactory(site: builder.site, graph: builder.graph, theme: builder.theme, history: builder.history)
            return (field(SiteReader(factory, recorder: recorder)), recorder.distinctKeys)
        }
        let edits = [
            "summary": Self.article("second", replacing: "summary: The second article.", with: "summary: Another summary."),
            "order": Self.article("first", replacing: "order: 1", with: "order: 9"),
            "order elsewhere": Self.article("third", replacing: "order: 3", with: "order: 5"),
            "body": Self.article("second", replacing: "It links back", with: "Now it links back"),
        ]
        for (name, edit) in edits.sorted(by: { $0.key < $1.key }) {
            let (before, after) = try Self.builds(edit)
            let (old, keys) = reads(before)
            let comparison = ReadComparison(old: before, new: after)
            #expect(keys.contains(where: comparison.changed) == (old != reads(after).value), "\(name): \(keys)")
        }
    }

    /// Every accessor of ``SiteReader`` records a key: one that did not would let a context
    /// read something `serve` never compares.
    @Test func everyAccessorRecords() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        let builder = try loadSite(in: folder)
        let factory = PageFactory(site: builder.site, graph: builder.graph, theme: builder.theme, history: builder.history)
        let article = builder.site.articles[0]
        let id = article.id
        let accessors: [String: (SiteReader) -> Void] = [
            "config": { _ = $0.config }, "home": { _ = $0.home }, "siteInfo": { _ = $0.siteInfo }, "assets": { _ = $0.assets },
            "topics": { _ = $0.topics }, "topic": { _ = $0.topic("basics") }, "subtopics": { _ = $0.subtopics(of: "") },
            "tag": { _ = $0.tag("trust") }, "tags": { _ = $0.tags }, "article": { _ = $0.article(id) },
            "lastChanged": { _ = $0.lastChanged(article) }, "title": { _ = $0.title(of: id) }, "card": { _ = $0.card(of: id) },
            "articleCount": { _ = $0.articleCount }, "articlesInTopic": { _ = $0.articles(inTopic: "basics") },
            "position": { _ = $0.position(of: id, inTopic: "basics") }, "articlesTagged": { _ = $0.articles(taggedWith: "trust") },
            "tagCount": { _ = $0.articleCount(taggedWith: "trust") }, "usedTagCount": { _ = $0.usedTagCount },
            "firstArticle": { _ = $0.firstArticle }, "previous": { _ = $0.previous(of: id) }, "next": { _ = $0.next(of: id) },
            "backlinks": { _ = $0.backlinks(of: id) }, "related": { _ = $0.related(to: id) }, "neighbours": { _ = $0.neighbours(of: id) },
            "outgoing": { _ = $0.outgoing(from: id) }, "mapLayout": { _ = $0.mapLayout() },
        ]
        for (name, read) in accessors.sorted(by: { $0.key < $1.key }) {
            let recorder = ReadRecorder()
            read(SiteReader(factory, recorder: recorder))
            #expect(!recorder.distinctKeys.isEmpty, "\(name) records nothing")
        }
    }
}

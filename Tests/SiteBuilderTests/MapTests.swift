import Foundation
@testable import SiteBuilder
import TestSupport
import Testing

@Suite struct MapTests {
    /// A handbook one article over the limit: the fixture's three articles and a topic of
    /// the rest, each linking to the next, the first also to the fixture's.
    static func largeSite() throws -> TemporaryFolder {
        let count = PageJob.articlesOnOneMap + 1 - 3
        var files = ["Content/more/_index.md": "---\ntitle: More\ndescription: The rest.\norder: 2\n---\n\nThe rest.\n"]
        for index in 0..<count {
            let next = index + 1 < count ? "[next](m\(index + 1).md)" : "the end"
            let first = index == 0 ? " and [the first](../basics/first.md)" : ""
            files["Content/more/m\(index).md"] = "---\ntitle: M \(index)\nsummary: Article \(index).\ntags: [feedback]\norder: \(index)\n---\n\nOn to \(next)\(first).\n"
        }
        return try FixtureSite.make(extra: files, withTheme: true)
    }

    @Test func aLargeHandbookHasAMapOfTopicsAndOneOfEachTopic() throws {
        let folder = try Self.largeSite()
        defer { folder.remove() }
        _ = try buildSite(in: folder)
        let overview = try folder.read("public/map.html")
        #expect(overview.contains("1001 articles in 2 topics"))
        #expect(overview.components(separatedBy: "<circle class=\"topic-").count - 1 == 2, "one dot per topic")
        #expect(overview.components(separatedBy: "<line ").count - 1 == 1, "one line: more links to basics")
        #expect(overview.contains("<a href=\"map/more.html\" aria-label=\"More: 998 articles\">"))
        #expect(overview.contains("<a href=\"map/basics.html\">Basics</a>"))
        #expect(!overview.contains("Articles and their links"))

        let more = try folder.read("public/map/more.html")
        #expect(more.contains("<h1>Map of More</h1>"))
        #expect(more.components(separatedBy: "<circle class=\"topic-").count - 1 == 998)
        #expect(more.components(separatedBy: "<line ").count - 1 == 997, "the links within the topic")
        #expect(more.contains("<a href=\"../more/m0.html\">M 0</a> <span class=\"links-to\">links to <a href=\"../more/m1.html\">M 1</a>, <a href=\"../basics/first.html\">"))
        #expect(!more.contains("../basics/second.html"), "only the topic's articles are listed")
        let basics = try folder.read("public/map/basics.html")
        #expect(basics.components(separatedBy: "<circle class=\"topic-").count - 1 == 3)
    }

    @Test func aHandbookWithinTheLimitHasOneMapOfEveryArticle() throws {
        let folder = try FixtureSite.make(withTheme: true)
        defer { folder.remove() }
        _ = try buildSite(in: folder)
        let map = try folder.read("public/map.html")
        #expect(map.contains("3 articles and the"))
        #expect(map.components(separatedBy: "<circle class=\"topic-").count - 1 == 3)
        #expect(!folder.exists("public/map"))
    }
}

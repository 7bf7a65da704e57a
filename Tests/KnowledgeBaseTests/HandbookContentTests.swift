@testable import KnowledgeBase
import Markdown
import TestSupport
import Testing

/// The handbook's own articles meet the structure rules in CONTRIBUTING.md.
@Suite struct HandbookContentTests {
    static let loaded: (site: Site, graph: KnowledgeGraph, diagnostics: [Diagnostic]) = {
        let loader = ContentLoader(contentDirectory: "\(Repository.root)/Content", displayName: "Content")
        // Under the handbook's own settings, which hold it to every content rule.
        var settingsDiagnostics: [Diagnostic] = []
        let config = ConfigLoader.load(path: "\(Repository.root)/handbook.yml", diagnostics: &settingsDiagnostics)
        let (site, diagnostics) = loader.load(config: config)
        let (graph, graphDiagnostics) = KnowledgeGraph.build(site)
        return (site, graph, settingsDiagnostics + diagnostics + graphDiagnostics)
    }()

    var site: Site { Self.loaded.site }

    @Test func isHeldToEveryContentRule() {
        #expect(site.config.rules == Set(ContentRule.allCases))
    }

    @Test func buildsWithoutErrorsOrWarnings() {
        #expect(Self.loaded.diagnostics.map(\.description) == [])
    }

    @Test func hasTheRequiredTopicsAndEnoughArticles() {
        let topics = Set(site.topics.map(\.slug))
        #expect(topics.isSuperset(of: ["transition", "pitfalls", "practices"]))
        #expect(site.articles.count >= 65)
        for topic in site.topics {
            #expect(topic.introduction.plainText.wordsBetweenSpaces >= 60, "\(topic.slug)/_index.md needs an introduction")
            #expect(!topic.description.isEmpty, "\(topic.slug) has no description")
        }
        #expect(site.home.map { $0.document.links.count >= 10 } == true, "the start page suggests a reading path")
    }

    @Test func everyArticleHasTheRightShape() {
        for article in site.articles {
            let name = article.displayPath
            #expect((400...1200).contains(article.wordCount), "\(name): \(article.wordCount) words")
            #expect((2...5).contains(article.tags.count), "\(name): \(article.tags.count) tags")
            #expect((Self.loaded.graph.outgoing[article.id] ?? []).count >= 2, "\(name) links to fewer than 2 articles")
            #expect(!(Self.loaded.graph.backlinks[article.id] ?? []).isEmpty, "\(name) is linked from no article")
            #expect(article.document.headings.filter { $0.level == 2 }.count >= 2, "\(name) needs section headings")
        }
    }

    /// A topic's introduction lists every article of its topic, so no article is reachable
    /// only through search or the map.
    @Test func everyTopicIntroductionLinksToEveryArticleOfItsTopic() {
        for topic in site.topics {
            let linked = Set(topic.introduction.links.compactMap { Self.articleID(of: $0.destination, from: topic.slug) })
            for article in site.articles where article.topic == topic.slug {
                #expect(linked.contains(article.id), "\(topic.slug)/_index.md does not link to \(article.displayPath)")
            }
        }
    }

    @Test func practicesEndWithSomethingToDoThisWeek() {
        for article in site.articles where article.topic == "practices" {
            #expect(article.document.headings.last?.text == "Try this week", "\(article.displayPath)")
        }
    }

    @Test func pitfallsSaySignsWhyAndTheWayOut() {
        for article in site.articles where article.topic == "pitfalls" {
            let headings = article.document.headings.map(\.text)
            for required in ["Signs you are doing it", "Why it fails", "The way out"] {
                #expect(headings.contains(required), "\(article.displayPath) lacks '\(required)'")
            }
        }
    }

    @Test func everyDeclaredTagIsDescribedAndUsed() {
        #expect(site.tags.tags.count >= 10)
        for tag in site.tags.tags {
            #expect(!tag.description.isEmpty)
            #expect(Self.loaded.graph.articlesByTag[tag.slug] != nil, "tag \(tag.name) is unused")
        }
    }

    @Test func theSourcesArePageCredited() {
        let sources = site.articles.first { $0.id == "about/sources" }
        #expect(sources != nil)
        #expect(sources?.document.headings.filter { $0.level == 3 }.count == 5)
    }
}

extension HandbookContentTests {
    /// The article id (`topic/slug`) a relative link from the folder `folder` points to,
    /// or nil for external links, anchors on the same page and section introductions.
    static func articleID(of destination: String, from folder: String) -> String? {
        let path = String(destination.prefix { $0 != "#" })
        guard path.hasSuffix(".md"), !path.contains(":"), !path.hasPrefix("/"),
              let resolved = LinkResolver.resolve(path, against: folder) else { return nil }
        let components = resolved.split(separator: "/")
        guard components.count == 2, components[1] != "_index.md" else { return nil }
        return components[0] + "/" + String(components[1].dropLast(3))
    }
}

extension String {
    /// Words as a reader counts them: what lies between spaces and line breaks.
    var wordsBetweenSpaces: Int { split(whereSeparator: { $0 == " " || $0 == "\n" }).count }
}

import Foundation
import KnowledgeBase
import SiteBuilder
import TestSupport
import Testing

/// The built-in theme and a site's `Theme/` over it, file by file.
@Suite struct ThemeTests {
    /// A folder holding just `files`, as a site's partial theme.
    func siteTheme(_ files: [String: String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(files.reduce(into: [:]) { $0["Theme/\($1.key)"] = $1.value })
        return folder
    }

    @Test func builtInThemeIsTheRepositoryThemeByteForByte() throws {
        var diagnostics: [Diagnostic] = []
        let repository = ThemeFiles.read(Repository.theme, diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(ThemeFiles.builtIn.paths == repository.paths)
        for path in repository.paths {
            #expect(ThemeFiles.builtIn.files[path]?.bytes == repository.files[path]?.bytes, "\(path) differs from Theme/\(path)")
            #expect(ThemeFiles.builtIn.files[path]?.displayPath == "(built-in theme)/\(path)")
        }
    }

    @Test func aSiteFileReplacesTheBuiltInFileOfTheSamePath() throws {
        let folder = try siteTheme(["article.mustache": "<main>SITE ARTICLE {{title}}</main>\n"])
        defer { folder.remove() }
        var diagnostics: [Diagnostic] = []
        let merged = ThemeFiles.builtIn.overridden(by: ThemeFiles.read("\(folder.path)/Theme", diagnostics: &diagnostics))
        #expect(diagnostics.isEmpty)
        #expect(merged.paths == ThemeFiles.builtIn.paths)
        #expect(merged.files["article.mustache"]?.displayPath == "\(folder.path)/Theme/article.mustache")
        #expect(merged.files["article.mustache"]?.bytes == Array("<main>SITE ARTICLE {{title}}</main>\n".utf8))
        for path in merged.paths where path != "article.mustache" {
            #expect(merged.files[path]?.displayPath == "(built-in theme)/\(path)")
        }
    }

    @Test func addedFilesAreIncluded() throws {
        let folder = try siteTheme([
            "partials/extra.mustache": "<p>extra</p>\n",
            "assets/extra.css": "p { color: black; }\n",
        ])
        defer { folder.remove() }
        var diagnostics: [Diagnostic] = []
        let merged = ThemeFiles.builtIn.overridden(by: ThemeFiles.read("\(folder.path)/Theme", diagnostics: &diagnostics))
        #expect(merged.paths.count == ThemeFiles.builtIn.paths.count + 2)
        let theme = try Theme.load(overriding: "\(folder.path)/Theme")
        #expect(theme.library.getTemplate(named: "partials/extra") != nil)
        #expect(theme.library.getTemplate(named: "article") != nil)
        let extra = try #require(theme.assetPaths["extra.css"])
        #expect(theme.assetFiles[extra] == Array("p { color: black; }\n".utf8))
        #expect(theme.assetPaths["style.css"] != nil, "built-in assets are still there")
    }

    @Test func aBrokenOverridingTemplateIsLocatedInTheSiteFile() throws {
        let folder = try siteTheme(["article.mustache": "<main>\n{{#title}}unclosed\n</main>\n"])
        defer { folder.remove() }
        do {
            _ = try Theme.load(overriding: "\(folder.path)/Theme")
            Issue.record("a broken template must not load")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(error.diagnostics.count == 1)
            #expect(diagnostic.file == "\(folder.path)/Theme/article.mustache")
            #expect(diagnostic.line > 0)
            #expect(diagnostic.message.hasPrefix("template error"))
        }
    }

    @Test func aBrokenBuiltInTemplateIsNamedAsBuiltIn() throws {
        var files = ThemeFiles.builtIn
        files.files["home.mustache"]?.bytes = Array("{{#unclosed}}\n".utf8)
        do {
            _ = try Theme.load(files)
            Issue.record("a broken template must not load")
        } catch {
            #expect(error.diagnostics.map(\.file) == ["(built-in theme)/home.mustache"])
        }
    }

    @Test func aMissingFolderMeansTheBuiltInThemeUnlessItWasNamed() throws {
        let missing = "\(FileManager.default.temporaryDirectory.path)/no-such-theme-\(UUID().uuidString)"
        let theme = try Theme.load(overriding: missing)
        #expect(Set(theme.assetPaths.keys) == Set(ThemeFiles.builtIn.paths.filter { $0.hasPrefix("assets/") }.map { String($0.dropFirst("assets/".count)) }))
        do {
            _ = try Theme.load(overriding: missing, required: true)
            Issue.record("a theme folder named on the command line must exist")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["\(missing): error: theme folder not found\n  hint: pass --theme with a folder of templates and assets, or leave it out to use the built-in theme"])
        }
    }

    @Test func aSiteWithoutThemeBuildsTheSameBytesAsWithTheFullTheme() throws {
        let bare = try FixtureSite.make()
        defer { bare.remove() }
        let full = try FixtureSite.make(withTheme: true)
        defer { full.remove() }
        #expect(!bare.exists("Theme"))
        _ = try buildSite(in: bare)
        _ = try buildSite(in: full)
        let bareFiles = try bare.snapshot("public")
        #expect(bareFiles.keys.contains("basics/first.html"))
        #expect(bareFiles.keys.contains { $0.hasPrefix("assets/style.") })
        #expect(bareFiles == (try full.snapshot("public")))
    }

    @Test func anOverridingTemplateShowsInTheBuiltPages() throws {
        let site = try FixtureSite.make(extra: ["Theme/article.mustache": "<main><h1>{{title}}</h1><p>SITE ARTICLE</p></main>\n"])
        defer { site.remove() }
        _ = try buildSite(in: site)
        let page = try site.read("public/basics/second.html")
        #expect(page.contains("<p>SITE ARTICLE</p>"))
        #expect(page.contains("<!DOCTYPE html>") || page.contains("<!doctype html>"), "the built-in layout still wraps it")
        #expect(!(try site.read("public/basics/index.html")).contains("SITE ARTICLE"))
    }

    /// The fragments rendered once per build come from their partials, with each item's own
    /// names, and the head's assets once per folder depth: a page at the top and a page one
    /// folder down each get their own way to the root.
    @Test func fragmentsRenderedOncePerBuildComeFromTheirPartials() throws {
        let site = try FixtureSite.make(extra: [
            "Theme/partials/related-card.mustache": "<li data-related>{{title}}|{{summary}}|{{topic.title}}</li>\n",
            "Theme/partials/linked-article.mustache": "<li data-linked>{{title}}|{{href}}</li>\n",
            "Theme/partials/tag-chip.mustache": "<li data-tag>{{name}}|{{href}}</li>\n",
            "Theme/partials/article-card.mustache": "<li data-card>{{title}}|{{href}}|{{topic.href}}</li>\n",
            "Theme/partials/head-assets.mustache": "<meta name=\"head-assets\" content=\"{{root}}|{{site.title}}|{{root}}{{asset.style_css}}\">\n",
        ])
        defer { site.remove() }
        _ = try buildSite(in: site)
        let second = try site.read("public/basics/second.html")
        #expect(second.contains("<li data-related>First &lt;article&gt;|The first article &amp; its &quot;summary&quot;.|Basics</li>\n<li data-related>Third|The third article.|Basics</li>\n</ul>"))
        #expect(second.contains("<li data-linked>First &lt;article&gt;|../basics/first.html</li>\n<li data-linked>Third|../basics/third.html</li>\n</ul>"))
        #expect(second.contains("<li data-tag>delegation|../tags/delegation.html</li>\n<li data-tag>feedback|../tags/feedback.html</li>\n</ul>"))
        let title = try #require(second.firstMatch(of: /<meta name="head-assets" content="\.\.\/\|([^|]*)\|\.\.\/assets\/style\.[0-9a-f]+\.css">/)).1
        #expect(!title.isEmpty)
        #expect(try site.read("public/index.html").contains(#/<meta name="head-assets" content="\|[^|]+\|assets/style\.[0-9a-f]+\.css">/#))
        #expect(!second.contains("<link rel=\"stylesheet\""), "the layout's assets come from the partial alone")
        let tag = try site.read("public/tags/delegation.html")
        #expect(tag.contains("<ul class=\"card-list\">\n<li data-card>First &lt;article&gt;|../basics/first.html|../basics/index.html</li>\n<li data-card>Second|../basics/second.html|../basics/index.html</li>\n</ul>"))
    }

    /// A site's article template that lists the items itself, as before they had partials,
    /// still gets them.
    @Test func anArticleTemplateMayStillListItsItemsItself() throws {
        let site = try FixtureSite.make(extra: [
            "Theme/article.mustache": "<main>{{#related}}[{{title}}]{{/related}}{{#neighbours}}({{href}}){{/neighbours}}{{#tags}}<{{name}}>{{/tags}}</main>\n",
        ])
        defer { site.remove() }
        _ = try buildSite(in: site)
        let second = try site.read("public/basics/second.html")
        #expect(second.contains("<main>[First &lt;article&gt;][Third](../basics/first.html)(../basics/third.html)<delegation><feedback></main>"))
    }
}

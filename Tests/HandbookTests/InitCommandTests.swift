import Foundation
import TestSupport
import Testing

@Suite struct InitCommandTests {
    /// Every file below `path` (hidden ones left out) with its bytes.
    func files(below path: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: path))
        while let item = enumerator.nextObject() as? String {
            if item.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(path)/\(item)", isDirectory: &isDirectory), !isDirectory.boolValue {
                files[item] = try Data(contentsOf: URL(fileURLWithPath: "\(path)/\(item)"))
            }
        }
        return files
    }

    @Test func initThenBuildInAnEmptyFolderWithNoTheme() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let initialised = try Handbook.run(["init", "team-notes"], in: folder.path)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(initialised.stdout.contains("team-notes/handbook.yml"))
        #expect(initialised.stdout.contains("team-notes/Content/getting-started/writing-articles.md"))
        #expect(initialised.stdout.contains("Next: cd team-notes && handbook build"))
        #expect(try folder.read("team-notes/handbook.yml").contains("title: \"Team notes\"\n"))
        #expect(!folder.exists("team-notes/Theme"))

        let site = "\(folder.path)/team-notes"
        let checked = try Handbook.run(["check"], in: site)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(!checked.stderr.contains(": error:"), "\(checked.stderr)")
        let built = try Handbook.run(["build"], in: site)
        #expect(built.status == 0, "\(built.stderr)")
        for page in ["index.html", "getting-started/index.html", "getting-started/writing-articles.html", "tags/writing.html", "search.html", "404.html"] {
            #expect(folder.exists("team-notes/public/\(page)"), "missing \(page)")
        }
        let output = try folder.snapshot("team-notes/public")
        let builtIn = try files(below: Repository.theme)
        for asset in builtIn.keys where asset.hasPrefix("assets/") {
            let name = (asset as NSString).lastPathComponent
            let stem = (name as NSString).deletingPathExtension
            #expect(output.contains { $0.key.hasPrefix("assets/\(stem)") && $0.value == builtIn[asset] }, "missing \(asset)")
        }
        let article = try folder.read("team-notes/public/getting-started/writing-articles.html")
        #expect(article.contains("<h1"))
        #expect(article.contains("Writing articles"))
    }

    @Test func theCurrentFolderIsTheDefault() throws {
        let folder = try TemporaryFolder("Ops_handbook")
        defer { folder.remove() }
        let result = try Handbook.run(["init"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\n  handbook.yml\n"))
        #expect(result.stdout.contains("Next: handbook build"))
        #expect(try folder.read("handbook.yml").contains("title: \"Ops handbook "))
        #expect(folder.exists("Content/_index.md"))
    }

    @Test func refusesToOverwriteAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(["kb/Content/tags.yml": "mine: My own tag.\n"])
        let result = try Handbook.run(["init", "kb"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error: kb/Content/tags.yml already exists"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was written"))
        #expect(try folder.snapshot("kb").keys.sorted() == ["Content/tags.yml"])
        #expect(try folder.read("kb/Content/tags.yml") == "mine: My own tag.\n")
    }

    @Test func refusesToStartAgainWhereAKnowledgeBaseIs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(try Handbook.run(["init"], in: folder.path).status == 0)
        let before = try folder.snapshot("")
        let again = try Handbook.run(["init"], in: folder.path)
        #expect(again.status == 1)
        #expect(again.stderr.contains("error: handbook.yml already exists"))
        #expect(again.stderr.contains("'handbook init --theme'"))
        #expect(try folder.snapshot("") == before)
    }

    @Test func themeCopiesTheBuiltInThemeByteForByte() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try Handbook.run(["init", "--theme", "kb"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("kb/handbook.yml"))
        #expect(result.stdout.contains("kb/Theme/ ("))
        let copied = try files(below: "\(folder.path)/kb/Theme")
        #expect(!copied.isEmpty)
        #expect(copied == (try files(below: Repository.theme)))
        let built = try Handbook.run(["build"], in: "\(folder.path)/kb")
        #expect(built.status == 0, "\(built.stderr)")
    }

    @Test func themeAloneOnAnExistingSiteCopiesOnlyTheTheme() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(try Handbook.run(["init"], in: folder.path).status == 0)
        let handbookYML = try folder.read("handbook.yml")
        let result = try Handbook.run(["init", "--theme"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("handbook.yml"))
        #expect(result.stdout.contains("Theme/ ("))
        #expect(try folder.read("handbook.yml") == handbookYML)
        #expect(folder.exists("Theme/layout.mustache"))

        try folder.write(["Theme/layout.mustache": "edited"])
        let again = try Handbook.run(["init", "--theme"], in: folder.path)
        #expect(again.status == 1)
        #expect(again.stderr.contains("error: Theme/404.mustache already exists"), "\(again.stderr)")
        #expect(try folder.read("Theme/layout.mustache") == "edited")
    }
}

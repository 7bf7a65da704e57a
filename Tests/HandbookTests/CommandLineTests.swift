import Foundation
import TestSupport
import Testing

/// Runs the real `handbook` binary, built next to this test bundle.
struct Handbook {
    static let binary: String = {
        let besideTests = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("handbook").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return "\(Repository.root)/.build/debug/handbook"
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `handbook` with `arguments` in `directory`; one that hangs is killed after 10 minutes.
    static func run(_ arguments: [String], in directory: String) throws -> Result {
        try HostileRun.run(arguments, in: directory, timeout: 600).result
    }
}

final class ThreadSafeData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}

/// A copy of an invalid fixture site in a temporary folder.
func invalidSite() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/invalid-site/Content").path
    try FileManager.default.copyItem(atPath: source, toPath: "\(folder.path)/Content")
    try FileManager.default.copyItem(atPath: "\(source)/../handbook.yml", toPath: "\(folder.path)/handbook.yml")
    try FileManager.default.copyItem(atPath: Repository.theme, toPath: "\(folder.path)/Theme")
    return folder
}

/// This target's golden files (Fixtures/golden); `UPDATE_GOLDEN=1 swift test` rewrites them.
let golden = GoldenFiles(besideTestFile: #filePath)

@Suite struct HelpTests {
    @Test(arguments: [["--help"], ["build", "--help"], ["check", "--help"], ["init", "--help"], ["new", "--help"]])
    func helpMatchesGolden(arguments: [String]) throws {
        let result = try Handbook.run(arguments, in: Repository.root)
        #expect(result.status == 0)
        try golden.check(result.stdout, against: "help-\(arguments.count == 1 ? "handbook" : arguments[0]).txt")
    }
}

@Suite struct CheckCommandTests {
    @Test func reportsEveryProblemWithItsLocation() throws {
        let site = try invalidSite()
        defer { site.remove() }
        let result = try Handbook.run(["check"], in: site.path)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        try golden.check(result.stderr, against: "check-invalid-site.txt")
    }

    @Test func githubFormatAnnotatesThePullRequest() throws {
        let site = try invalidSite()
        defer { site.remove() }
        let result = try Handbook.run(["check", "--format", "github"], in: site.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=Content/basics/typo-tag.md,line=4,col=8::unknown tag 'delegaton' (hint: did you mean 'delegation'?)"))
        try golden.check(result.stdout, against: "check-invalid-site-github.txt")
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let site = try FixtureSite.make(extra: ["Content/basics/lonely.md": "---\ntitle: Lonely\nsummary: Nobody links here.\n---\n\nAlone, linking [first](first.md).\n"], withTheme: true)
        defer { site.remove() }
        let relaxed = try Handbook.run(["check"], in: site.path)
        #expect(relaxed.status == 0, "\(relaxed.stderr)")
        #expect(relaxed.stderr.contains("Content/basics/lonely.md: warning: no other article links here (orphan)"))
        let strict = try Handbook.run(["check", "--strict"], in: site.path)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("Content/basics/lonely.md: error: no other article links here (orphan)"))
    }

    @Test func checkWritesNothing() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        let before = try FileManager.default.contentsOfDirectory(atPath: site.path).sorted()
        _ = try Handbook.run(["check"], in: site.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path).sorted() == before)
    }

    @Test func reportsTemplateErrorsBeforeABuild() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        try site.write(["Theme/article.mustache": "<main>\n{{#title}}unclosed\n</main>\n"])
        let result = try Handbook.run(["check"], in: site.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Theme/article.mustache:"), "\(result.stderr)")
    }
}

@Suite struct BuildCommandTests {
    @Test func buildsAndSaysWhereToOpenIt() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        let result = try Handbook.run(["build"], in: site.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Built "))
        #expect(result.stdout.contains("Open public/index.html"))
        #expect(site.exists("public/basics/first.html"))
    }

    @Test func contentErrorsExitOneAndKeepTheOutput() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        #expect(try Handbook.run(["build"], in: site.path).status == 0)
        let before = try site.snapshot("public")
        try site.write(["Content/basics/third.md": "---\ntitle: Third\nsummary: Fine.\n---\n\nSee [missing](nope.md#x).\n"])
        let result = try Handbook.run(["build"], in: site.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/basics/third.md:6:5: error: link to missing article 'basics/nope.md'"))
        #expect(result.stderr.contains("the output was not changed"))
        #expect(try site.snapshot("public") == before)
    }

    @Test(arguments: [["build", "--output", "/"], ["build", "--output", "Content"], ["build", "--no-such-option"], ["frobnicate"]])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        let result = try Handbook.run(arguments, in: site.path)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func refusesToReplaceAFolderItDidNotWrite() throws {
        let site = try FixtureSite.make(extra: ["public/important.txt": "keep me"], withTheme: true)
        defer { site.remove() }
        let result = try Handbook.run(["build"], in: site.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("refusing to replace it"))
        #expect(try site.read("public/important.txt") == "keep me")
    }

    @Test func timingsListEveryStage() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        let result = try Handbook.run(["build", "--timings"], in: site.path)
        let stages = result.stderr.split(separator: "\n").filter { $0.hasPrefix("timing ") }.map { $0.split(separator: " ").dropLast().joined(separator: " ") }
        #expect(stages == ["timing load", "timing markdown", "timing graph", "timing templates", "timing write", "timing search index", "timing offline formats", "timing replace output", "timing total"])
    }
}

@Suite struct NewCommandTests {
    @Test func newArticleRoundTripsThroughCheck() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        let created = try Handbook.run(["new", "Running a Retro", "--topic", "basics", "--tags", "feedback,Trust"], in: site.path)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "Content/basics/running-a-retro.md\n")
        let text = try site.read("Content/basics/running-a-retro.md")
        #expect(text.hasPrefix("---\ntitle: \"Running a Retro\"\n"))
        #expect(text.contains("tags: [feedback, Trust]"))

        let rejected = try Handbook.run(["check"], in: site.path)
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("Content/basics/running-a-retro.md:3:10: error: the summary is still the placeholder"))

        try site.write(["Content/basics/running-a-retro.md": text.replacingOccurrences(of: "\"TODO write one sentence saying what the reader will take away.\"", with: "How to run a retro.")])
        let accepted = try Handbook.run(["check"], in: site.path)
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    @Test func refusesToOverwriteAndRejectsUnknownTagsAndTopics() throws {
        let site = try FixtureSite.make(withTheme: true)
        defer { site.remove() }
        let original = try site.read("Content/basics/first.md")
        let overwrite = try Handbook.run(["new", "First", "--topic", "basics"], in: site.path)
        #expect(overwrite.status == 1)
        #expect(overwrite.stderr.contains("already exists"))
        #expect(try site.read("Content/basics/first.md") == original)

        let badTag = try Handbook.run(["new", "Other", "--topic", "basics", "--tags", "feedbak"], in: site.path)
        #expect(badTag.status == 2)
        #expect(badTag.stderr.contains("unknown tag 'feedbak' (did you mean 'feedback'?)"))

        let badTopic = try Handbook.run(["new", "Other", "--topic", "nowhere"], in: site.path)
        #expect(badTopic.status == 2)
        #expect(!site.exists("Content/nowhere"))

        // A topic inside a topic, by its folder path; a path out of the content folder is refused.
        try FileManager.default.createDirectory(atPath: "\(site.path)/Content/basics/deeper", withIntermediateDirectories: true)
        let nested = try Handbook.run(["new", "Nested One", "--topic", "basics/deeper"], in: site.path)
        #expect(nested.status == 0, "\(nested.stderr)")
        #expect(site.exists("Content/basics/deeper/nested-one.md"))

        // The file name is the title's address in plain ASCII, as the file-names rule wants.
        let accented = try Handbook.run(["new", "Café culture: don't panic", "--topic", "basics"], in: site.path)
        #expect(accented.stdout == "Content/basics/cafe-culture-dont-panic.md\n", "\(accented.stderr)")
        let escape = try Handbook.run(["new", "Other", "--topic", "../outside"], in: site.path)
        #expect(escape.status == 2)
        #expect(escape.stderr.contains("is not a folder inside the content folder"), "\(escape.stderr)")
    }
}

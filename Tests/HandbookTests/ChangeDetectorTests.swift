import Foundation
@testable import handbook
import KnowledgeBase
import TestSupport
import Testing

/// `serve` finds changes from the system's notices (on Linux) or by scanning. Either way it
/// must report exactly what a scan before and after would: every edit, every added and
/// removed file, in folders made, moved and removed along the way; not the output folder,
/// hidden files or the config's neighbours.
@Suite struct ChangeDetectorTests {
    /// The files of a fixture: `Content/` with topics, the output inside it, `Theme/` and the
    /// config beside a file that is not watched.
    static func fixture() throws -> (TemporaryFolder, WatchedFiles) {
        let folder = try TemporaryFolder("change-detector")
        try folder.write([
            "Content/a/one.md": "one", "Content/a/two.md": "two", "Content/b/deep/three.md": "three",
            "Content/public/index.html": "out", "Theme/layout.html": "layout", "handbook.yml": "title: T", "notes.txt": "x",
        ])
        let watched = WatchedFiles(folders: ["\(folder.path)/Content", "\(folder.path)/Theme"], files: ["\(folder.path)/handbook.yml"],
                                   excluded: ["\(folder.path)/Content/public"])
        return (folder, watched)
    }

    /// One random change to the files under `root`; what it did, for a failure's message.
    static func change(_ root: String, _ generator: inout SplitMix64, step: Int) throws -> String {
        let manager = FileManager.default
        let folders = ["Content", "Content/a", "Content/b", "Content/b/deep", "Content/new", "Content/new/inner", "Theme", "Content/public"]
        let folder = "\(root)/\(folders.randomElement(using: &generator)!)"
        let existing = (try? manager.contentsOfDirectory(atPath: folder))?.sorted() ?? []
        let name = existing.randomElement(using: &generator)
        switch Int.random(in: 0..<9, using: &generator) {
        case 0, 1:
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("file \(step)".utf8).write(to: URL(fileURLWithPath: "\(folder)/file-\(step).md"))
            return "wrote \(folder)/file-\(step).md"
        case 2, 3:
            guard let name, !isFolder("\(folder)/\(name)") else { return "nothing" }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(folder)/\(name)"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(" edit \(step)".utf8))
            try handle.close()
            return "appended to \(folder)/\(name)"
        case 4:
            guard let name else { return "nothing" }
            try manager.removeItem(atPath: "\(folder)/\(name)")
            return "removed \(folder)/\(name)"
        case 5:
            guard let name else { return "nothing" }
            let target = "\(root)/\(["Content/a", "Content/b", "Theme", root].randomElement(using: &generator)!)/moved-\(step)"
            guard !target.hasPrefix("\(folder)/\(name)/"), manager.fileExists(atPath: (target as NSString).deletingLastPathComponent) else { return "nothing" }
            try manager.moveItem(atPath: "\(folder)/\(name)", toPath: target)
            return "moved \(folder)/\(name) to \(target)"
        case 6:
            try manager.createDirectory(atPath: "\(root)/Content/new/inner", withIntermediateDirectories: true)
            try Data("nested".utf8).write(to: URL(fileURLWithPath: "\(root)/Content/new/inner/n-\(step).md"))
            return "made Content/new/inner/n-\(step).md"
        case 7:
            try Data("hidden".utf8).write(to: URL(fileURLWithPath: "\(folder)/.swap-\(step)"))
            try Data("backup".utf8).write(to: URL(fileURLWithPath: "\(folder)/backup-\(step).md~"))
            return "hid files in \(folder)"
        default:
            let file = Bool.random(using: &generator) ? "handbook.yml" : "notes.txt"
            try Data("title: \(step)".utf8).write(to: URL(fileURLWithPath: "\(root)/\(file).tmp"))
            // As editors save: a new file renamed over the old one.
            _ = rename("\(root)/\(file).tmp", "\(root)/\(file)")
            return "replaced \(file)"
        }
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// What the detector reports once the files changed: a change it has not seen yet may
    /// take one more look.
    static func reported(by detector: ChangeDetector) async -> FileChanges {
        for _ in 0..<5 {
            guard let changes = await detector.nextChanges() else { return FileChanges() }
            if !changes.isEmpty { return changes }
        }
        return FileChanges()
    }

    @Test(arguments: [false, true])
    func reportsWhatAScanFinds(polling: Bool) async throws {
        let (folder, watched) = try Self.fixture()
        defer { folder.remove() }
        let detector = await ChangeDetector(watching: watched, interval: .milliseconds(polling ? 20 : 500), polling: polling)
        #if os(Linux)
        #expect(detector.method == (polling ? .polling : .notices))
        #endif
        var generator = SplitMix64(seed: 7)
        var before = watched.snapshot()
        #expect(detector.snapshot == before)
        for step in 0..<60 {
            var done: [String] = []
            for part in 0..<Int.random(in: 1...3, using: &generator) { done.append(try Self.change(folder.path, &generator, step: step * 10 + part)) }
            let after = watched.snapshot()
            let expected = before.changes(to: after)
            let changes = expected.isEmpty ? FileChanges() : await Self.reported(by: detector)
            #expect(changes == expected, "step \(step): \(done)")
            #expect(detector.snapshot == after, "step \(step): \(done)")
            before = after
        }
    }

    #if os(Linux)
    @Test func seesANewArticleInANewFolderAtOnce() async throws {
        let (folder, watched) = try Self.fixture()
        defer { folder.remove() }
        // An interval far longer than the test: only a notice can wake the detector in time.
        // The bound is half of it, since in a full parallel run other tests can hold the
        // threads this test resumes on for a minute or more.
        let detector = await ChangeDetector(watching: watched, interval: .seconds(600), polling: false)
        #expect(detector.method == .notices)
        let started = ContinuousClock.now
        try folder.write(["Content/c/d/new.md": "new"])
        let changes = await detector.nextChanges()
        #expect(changes == FileChanges(added: ["\(folder.path)/Content/c/d/new.md"]))
        #expect(ContinuousClock.now - started < .seconds(300))
    }
    #endif

    /// A content folder that is a link to one elsewhere, which the scan enters too.
    @Test(arguments: [false, true])
    func watchesAContentFolderThatIsALink(polling: Bool) async throws {
        let (folder, watched) = try Self.fixture()
        defer { folder.remove() }
        try FileManager.default.moveItem(atPath: "\(folder.path)/Content", toPath: "\(folder.path)/elsewhere")
        try FileManager.default.createSymbolicLink(atPath: "\(folder.path)/Content", withDestinationPath: "\(folder.path)/elsewhere")
        let detector = await ChangeDetector(watching: watched, interval: .milliseconds(200), polling: polling)
        try folder.write(["elsewhere/a/one.md": "one, edited", "elsewhere/c/new.md": "new"])
        #expect(await Self.reported(by: detector) == FileChanges(added: ["\(folder.path)/Content/c/new.md"],
                                                                modified: ["\(folder.path)/Content/a/one.md"]))
    }

    @Test func watchesAThemeFolderMadeAfterServeStarted() async throws {
        let (folder, watched) = try Self.fixture()
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: "\(folder.path)/Theme")
        let detector = await ChangeDetector(watching: watched, interval: .milliseconds(200), polling: false)
        try folder.write(["Theme/page.html": "page"])
        #expect(await Self.reported(by: detector) == FileChanges(added: ["\(folder.path)/Theme/page.html"]))
        try folder.write(["Theme/page.html": "page, edited"])
        #expect(await Self.reported(by: detector) == FileChanges(modified: ["\(folder.path)/Theme/page.html"]))
    }
}

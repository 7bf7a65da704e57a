import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Nothing lost: an interrupted build leaves the old output or the new one, never a mix, and
/// nothing behind after the next build; the same input always gives the same bytes.
@Suite(.serialized) struct OutputSafetyTests {
    /// A site of a few hundred articles, so a build has distinct stages to interrupt:
    /// reading, rendering, writing and swapping the output in.
    private func largeSite(version: String) -> [String: String] {
        var files: [String: String] = [
            "Content/tags.yml": "trust: What people extend.\n",
            "Content/_index.md": "---\ntitle: Large \(version)\ndescription: A large site.\n---\n\nStart with [one](t0/t0-a0.md).\n",
        ]
        let sentence = "Leaders extend trust, delegate real work and give feedback early, version \(version). "
        for topic in 0..<3 {
            files["Content/t\(topic)/_index.md"] = "---\ntitle: Topic \(topic)\ndescription: Topic \(topic).\n---\n\nStart with [one](t\(topic)-a0.md).\n"
            for article in 0..<80 {
                // Slugs are unique across the handbook; each article links to the next.
                let next = "t\(topic)-a\((article + 1) % 80).md"
                let body = (0..<6).map { "## Part \($0)\n\n" + String(repeating: sentence, count: 8) + "See [the next](\(next)).\n\n" }.joined()
                files["Content/t\(topic)/t\(topic)-a\(article).md"] = "---\ntitle: Article \(topic)-\(article) \(version)\nsummary: Article \(article).\ntags: [trust]\n---\n\n\(body)"
            }
        }
        return files
    }

    private func write(_ files: [String: String], into site: TemporaryFolder) throws {
        for (path, text) in files { try site.write(path, bytes: Array(text.utf8)) }
    }

    /// When to interrupt: a while after the start (still loading), or once a given file
    /// exists in the build's staging folder (rendering, writing, about to swap in).
    enum Moment: CustomStringConvertible {
        case afterStart(seconds: Double)
        case onceStaged(String, thenSeconds: Double)

        var description: String {
            switch self {
            case .afterStart(let seconds): "\(seconds) s after the start"
            case .onceStaged(let file, let seconds): "\(seconds) s after \(file) was staged"
            }
        }
    }

    /// Starts `handbook build`, sends `signal` at `moment`, and returns the exit status.
    private func interruptedBuild(in site: TemporaryFolder, at moment: Moment, with signalNumber: Int32) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Handbook.binary)
        process.arguments = ["build"]
        process.currentDirectoryURL = URL(fileURLWithPath: site.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        switch moment {
        case .afterStart(let seconds):
            usleep(UInt32(seconds * 1_000_000))
        case .onceStaged(let file, let seconds):
            let staged = "\(site.path)/.handbook-staging-public-\(process.processIdentifier)/\(file)"
            while process.isRunning && !FileManager.default.fileExists(atPath: staged) { usleep(200) }
            usleep(UInt32(seconds * 1_000_000))
        }
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func interruptedBuildsLeaveTheOldOutputOrTheNewOne() throws {
        let site = try TemporaryFolder("handbook-interrupt")
        defer { site.remove() }
        try FileManager.default.copyItem(atPath: Repository.theme, toPath: "\(site.path)/Theme")
        let versions = [largeSite(version: "A"), largeSite(version: "B")]

        // The complete output of each version.
        var snapshots: [[String: Data]] = []
        for (index, files) in versions.enumerated() {
            try write(files, into: site)
            let outcome = try HostileRun.run(["build", "--output", "reference-\(index)"], in: site.path, timeout: 300)
            #expect(outcome.result.status == 0, "\(outcome.result.stderr.prefix(2000))")
            snapshots.append(try site.snapshot("reference-\(index)"))
        }
        #expect(snapshots[0] != snapshots[1])
        try write(versions[0], into: site)
        #expect(try Handbook.run(["build"], in: site.path).status == 0)
        var current = 0

        // Interrupt builds of the other version while loading, while writing pages, and just
        // before, during or after the swap (the theme's assets, favicon.svg among them, are
        // the last files written).
        let last = "assets/favicon.svg"
        // Where a build is interrupted with most of its work still ahead (the staging folder
        // just made, or a page of the second topic written while the book, the search index,
        // the feeds and the assets are yet to come), the old output must still be there: that is
        // what shows the interruptions land in the middle of builds. Elsewhere the build may
        // finish first, on a fast machine, and either output is right.
        let interruptions: [(Int32, Moment, mustKeepOld: Bool)] = [
            (SIGINT, .afterStart(seconds: 0.02), false),
            (SIGKILL, .onceStaged(".handbook-output", thenSeconds: 0), true),
            (SIGTERM, .onceStaged("t1/t1-a40.html", thenSeconds: 0), true),
            (SIGKILL, .onceStaged("feed.xml", thenSeconds: 0), false),
            (SIGINT, .onceStaged(last, thenSeconds: 0), false),
            (SIGKILL, .onceStaged(last, thenSeconds: 0.01), false),
            (SIGTERM, .onceStaged(last, thenSeconds: 0.03), false),
            (SIGKILL, .onceStaged(last, thenSeconds: 0.06), false),
            (SIGINT, .onceStaged(last, thenSeconds: 0.1), false),
        ]
        for (signalNumber, moment, mustKeepOld) in interruptions {
            let other = 1 - current
            try write(versions[other], into: site)
            let leftBefore = Set(Hostile.leftovers(in: site.path))
            let status = try interruptedBuild(in: site, at: moment, with: signalNumber)
            let output = try site.snapshot("public")
            let state = output == snapshots[current] ? "old" : output == snapshots[other] ? "new" : "a mix"
            #expect(state != "a mix", "signal \(signalNumber) \(moment) (exit \(status)) left \(output.count) files that are neither build")
            if mustKeepOld { #expect(state == "old", "signal \(signalNumber) \(moment) (exit \(status)) did not keep the old output") }
            if state == "new" { current = other }
            if signalNumber != SIGKILL {
                // A caught signal cleans up at once; SIGKILL's leftovers go with the next build.
                let left = Set(Hostile.leftovers(in: site.path)).subtracting(leftBefore)
                #expect(left.isEmpty, "signal \(signalNumber) \(moment) left \(left)")
            }
        }
        // The next build finishes what the killed ones left.
        let other = 1 - current
        try write(versions[other], into: site)
        #expect(try Handbook.run(["build"], in: site.path).status == 0)
        #expect(try site.snapshot("public") == snapshots[other])
        #expect(Hostile.leftovers(in: site.path).isEmpty, "\(Hostile.leftovers(in: site.path))")
    }

    /// The real handbook, built twice through the command line into different folders: every
    /// file is byte-identical.
    @Test func theHandbookBuildsByteIdentically() throws {
        let site = try TemporaryFolder("handbook-deterministic")
        defer { site.remove() }
        for item in ["Content", "Theme", "handbook.yml"] {
            try FileManager.default.copyItem(atPath: "\(Repository.root)/\(item)", toPath: "\(site.path)/\(item)")
        }
        var builds: [[String: Data]] = []
        for output in ["first", "second"] {
            let outcome = try HostileRun.run(["build", "--output", output], in: site.path, timeout: 300)
            #expect(outcome.result.status == 0, "\(outcome.result.stderr.prefix(2000))")
            builds.append(try site.snapshot(output))
        }
        #expect(builds[0].count > 100)
        #expect(builds[0].keys.sorted() == builds[1].keys.sorted())
        for (path, data) in builds[0] where builds[1][path] != data {
            Issue.record("\(path) differs between two builds of the same input")
        }
    }
}

import Foundation
@testable import SiteBuilder
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The output folder is replaced in one step and never loses a folder it did not write.
@Suite struct OutputSwapTests {
    private func build(_ marker: String, into folder: TemporaryFolder, output: OutputFolder) throws -> String {
        let staging = try output.makeStagingFolder()
        for index in 0..<50 {
            try Data("\(marker) \(index)".utf8).write(to: URL(fileURLWithPath: "\(staging)/page-\(index).html"))
        }
        return staging
    }

    /// How often a reader, checking all the while on another thread, found `path` missing
    /// while `body` ran.
    private static func timesMissing(_ path: String, while body: () throws -> Void) rethrows -> Int {
        let stop = Flag()
        let misses = Counter()
        let reader = Thread {
            while !stop.isSet {
                if !FileManager.default.fileExists(atPath: path) { misses.increment() }
            }
        }
        reader.start()
        defer {
            stop.set()
            while !reader.isFinished { usleep(1000) }
        }
        try body()
        return misses.value
    }

    /// A reader looking at the output while builds are swapped in always finds a complete
    /// build: the swap is one atomic exchange, not two renames with a gap between them.
    @Test func readersNeverFindTheOutputMissing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = OutputFolder(path: "\(folder.path)/public")
        try output.commit(try build("first", into: folder, output: output))

        let misses = try Self.timesMissing("\(folder.path)/public/page-49.html") {
            for round in 0..<300 {
                try output.commit(try build("round \(round)", into: folder, output: output))
            }
        }
        #expect(misses == 0, "the output was missing \(misses) times during 300 swaps")
        #expect(try String(contentsOfFile: "\(folder.path)/public/page-0.html", encoding: .utf8) == "round 299 0")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["public"])
    }

    /// The preview server's swap is atomic too, and hands back the previous build under a
    /// retired name, out of the way of the next staging folder.
    @Test func serveSwapNeverLeavesTheOutputMissing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = OutputFolder(path: "\(folder.path)/public")
        _ = try output.swapIn(try build("first", into: folder, output: output), serial: 0)

        let misses = try Self.timesMissing("\(folder.path)/public/page-49.html") {
            for round in 1...200 {
                let retired = try #require(try output.swapIn(try build("round \(round)", into: folder, output: output), serial: round))
                #expect((retired as NSString).lastPathComponent.hasPrefix(".handbook-retired-public-"))
                #expect(try String(contentsOfFile: "\(retired)/page-0.html", encoding: .utf8) == (round == 1 ? "first 0" : "round \(round - 1) 0"))
                output.discard(retired)
            }
        }
        #expect(misses == 0, "the output was missing \(misses) times during 200 swaps")
        #expect(try String(contentsOfFile: "\(folder.path)/public/page-0.html", encoding: .utf8) == "round 200 0")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["public"])
    }

    /// A folder that happens to have the name of a staging folder but not our marker is in
    /// the way, not ours: the build stops rather than delete it.
    @Test func aFolderAtOurNameWithoutTheMarkerIsNeverDeleted() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pid = ProcessInfo.processInfo.processIdentifier
        try folder.write([".handbook-staging-public-\(pid)/keep.txt": "not ours"])
        let output = OutputFolder(path: "\(folder.path)/public")
        #expect(throws: (any Error).self) { try output.makeStagingFolder() }
        #expect(try folder.read(".handbook-staging-public-\(pid)/keep.txt") == "not ours")
    }

    /// A removal that cannot finish keeps the marker, so the next build still knows the
    /// folder is its own and finishes the job once it can.
    @Test func aRemovalCutShortKeepsTheMarker() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = OutputFolder(path: "\(folder.path)/public")
        let staging = try build("x", into: folder, output: output)
        try folder.write(["\((staging as NSString).lastPathComponent)/locked/page.html": "x"])
        // Something in the folder that cannot be removed: a read-only folder, or for root
        // (whom permissions do not stop) an immutable file.
        let locked = "\(staging)/locked"
        let isRoot = getuid() == 0
        if isRoot {
            #expect(try Self.chattr("+i", "\(locked)/page.html") == 0, "chattr +i is needed to make a file root cannot remove")
        } else {
            chmod(locked, 0o500)
        }
        output.discard(staging)
        // What is left (renamed aside first) still carries the marker.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".handbook-staging-public-") }
        try #require(left.count == 1, "\(left)")
        let remains = "\(folder.path)/\(left[0])"
        #expect(FileManager.default.fileExists(atPath: "\(remains)/\(OutputFolder.markerName)"), "the marker went before the rest")
        #expect(!FileManager.default.fileExists(atPath: "\(remains)/page-0.html"))
        if isRoot { _ = try Self.chattr("-i", "\(remains)/locked/page.html") } else { chmod("\(remains)/locked", 0o755) }
        output.removeLeftovers()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// A folder named with the id of a running process is that process's, unless the process
    /// started after the folder last changed: ids are reused once they wrap around, and a
    /// leftover whose id went to another process must still be removed.
    @Test func aReusedProcessIDDoesNotKeepALeftover() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let before = "\(folder.path)/made-before"
        try FileManager.default.createDirectory(atPath: before, withIntermediateDirectories: false)
        // More than the margin for the boot time's whole seconds and for clock adjustments.
        Thread.sleep(forTimeInterval: 3)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["30"]
        try process.run()
        // SIGKILL, since a child may inherit a mask that blocks SIGTERM.
        defer { kill(process.processIdentifier, SIGKILL) }
        let after = "\(folder.path)/made-after"
        try FileManager.default.createDirectory(atPath: after, withIntermediateDirectories: false)
        let pid = process.processIdentifier
        #expect(!OutputFolder.isAnotherRunningProcess(pid, owning: before), "a process that started after the folder was made owns it")
        #expect(OutputFolder.isAnotherRunningProcess(pid, owning: after), "a running process does not own the folder it made")
        kill(pid, SIGKILL)
        process.waitUntilExit()
        #expect(!OutputFolder.isAnotherRunningProcess(pid, owning: after), "a process that ended still owns its folder")
    }

    private static func chattr(_ flag: String, _ path: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

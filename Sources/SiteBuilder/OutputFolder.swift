import Foundation
import KnowledgeBase

/// Writes a build into a fresh folder beside the output and swaps it in only when
/// everything succeeded, so a failed or interrupted build leaves the previous output as
/// it was. It refuses to replace a folder it did not create.
public struct OutputFolder: Sendable {
    /// Present in every output folder this tool writes.
    public static let markerName = ContentLoader.outputMarker
    static let markerContents = "This folder is written by `handbook build` and is replaced on every build.\n"
    static let stagingPrefix = ".handbook-staging-"
    static let retiredPrefix = ".handbook-retired-"

    public let path: String

    public init(path: String) {
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Problems that make `path` unsafe to build into: `/`, the home folder, the current
    /// folder or a parent of it, the content or theme folder or anything inside them, and
    /// an existing folder that is not empty and was not written by this tool.
    public func problems(content: String, theme: String, workingDirectory: String = FileManager.default.currentDirectoryPath) -> [String] {
        let output = resolved(path)
        var problems: [String] = []
        let home = resolved(NSHomeDirectory())
        if output == "/" { problems.append("the output folder cannot be '/'") }
        if output == home { problems.append("the output folder cannot be your home folder") }
        let cwd = resolved(workingDirectory)
        if cwd == output || cwd.hasPrefix(output + "/") {
            problems.append("the output folder '\(path)' contains the current folder")
        }
        // The output may lie inside the content folder (a site built from the top of its
        // repository): the loader leaves it out.
        for (name, folder, outputMayBeInside) in [("content", content, true), ("theme", theme, false)] {
            let other = resolved(folder)
            if output == other || (!outputMayBeInside && output.hasPrefix(other + "/")) || other.hasPrefix(output + "/") {
                problems.append("the output folder '\(path)' overlaps the \(name) folder '\(folder)'")
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                problems.append("'\(path)' exists and is not a folder")
            } else if !isOurs(path), let entries = try? FileManager.default.contentsOfDirectory(atPath: path), !entries.isEmpty {
                problems.append("'\(path)' is not empty and was not written by handbook (no \(Self.markerName) file); refusing to replace it")
            }
        }
        return problems
    }

    /// A fresh, empty staging folder next to the output (same file system, so the final
    /// swap is a rename). Stale staging folders from interrupted builds are removed first.
    public func makeStagingFolder() throws -> String {
        removeLeftovers()
        let parent = parentFolder
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let staging = "\(parent)/\(Self.stagingPrefix)\(outputName)-\(ProcessInfo.processInfo.processIdentifier)"
        try removeIfOurs(staging)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        try Data(Self.markerContents.utf8).write(to: URL(fileURLWithPath: "\(staging)/\(Self.markerName)"))
        return staging
    }

    /// Replaces the output with `staging` and removes the previous build.
    public func commit(_ staging: String) throws {
        if let previous = try replace(with: staging) { discard(previous) }
    }

    /// Puts `staging` in the output's place and returns where the previous build now is (for
    /// ``discard(_:)``), or nil when there was none. Where the system can, the two folders
    /// swap in one atomic step, so at every instant the output path holds the old build or
    /// the new one. Elsewhere the old output is renamed aside first; if an interruption
    /// leaves the output path empty, ``removeLeftovers()`` puts the old build back.
    public func replace(with staging: String) throws -> String? {
        try replace(with: staging, retiringTo: retiredPath(""))
    }

    /// `replace(with:)`, with `retired` as where the previous build goes when the system cannot
    /// swap the two folders in one step. After a swap it is at `staging`'s path instead.
    func replace(with staging: String, retiringTo retired: String) throws -> String? {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else {
            try fm.moveItem(atPath: staging, toPath: path)
            return nil
        }
        try removeIfOurs(retired)
        if isOurs(path) && AtomicSwap.exchange(staging, path) { return staging }
        try fm.moveItem(atPath: path, toPath: retired)
        do {
            try fm.moveItem(atPath: staging, toPath: path)
        } catch {
            try? fm.moveItem(atPath: retired, toPath: path)
            throw error
        }
        return retired
    }

    /// Removes a staging folder after a failed or interrupted build, or a previous build after
    /// a commit, if it carries our marker. It is renamed first, so writers still running (an
    /// interrupted build's) can no longer add to it, and the marker goes last, so a removal cut
    /// short still leaves a folder that ``removeLeftovers()`` recognizes and finishes (under a
    /// staging name, never as a previous build to put back).
    public func discard(_ folder: String) {
        guard isOurs(folder) else { return }
        let discarded = "\(parentFolder)/\(Self.stagingPrefix)\(outputName)-\(ProcessInfo.processInfo.processIdentifier)-discarded"
        if folder != discarded && isOurs(discarded) { Self.removeMarkerLast(discarded) }
        Self.removeMarkerLast(folder != discarded && rename(folder, discarded) == 0 ? discarded : folder)
    }

    static func removeMarkerLast(_ folder: String) {
        // A writer of an interrupted build that was already past the folder's name when it was
        // renamed can still add a file to a folder being emptied: another pass removes it.
        var removedAll = false
        for _ in 0..<3 where !removedAll {
            removedAll = removeAllButMarker(folder)
        }
        guard removedAll else { return }
        try? FileManager.default.removeItem(atPath: "\(folder)/\(markerName)")
        rmdir(folder)
    }

    /// Whether everything in `folder` but the marker is gone.
    private static func removeAllButMarker(_ folder: String) -> Bool {
        let fm = FileManager.default
        var removedAll = true
        for entry in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where entry != markerName {
            do { try fm.removeItem(atPath: "\(folder)/\(entry)") } catch { removedAll = false }
        }
        return removedAll
    }

    /// Staging and retired folders left by interrupted builds of this output, if they carry our marker.
    /// A retired folder whose output is missing is the last good build: it is put back. Folders
    /// of another process that is still running (a `build` next to a `serve`) are not leftovers:
    /// their names carry the process id, and they are left alone.
    public func removeLeftovers() {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: parentFolder) else { return }
        let staging = "\(Self.stagingPrefix)\(outputName)-", retired = "\(Self.retiredPrefix)\(outputName)-"
        for entry in entries.sorted() {
            let full = "\(parentFolder)/\(entry)"
            guard entry.hasPrefix(staging) || entry.hasPrefix(retired), isOurs(full) else { continue }
            let owner = entry.dropFirst(entry.hasPrefix(staging) ? staging.count : retired.count).prefix { $0.isASCII && $0.isNumber }
            if let owner = Int32(owner), Self.isAnotherRunningProcess(owner, owning: full) { continue }
            if entry.hasPrefix(retired) && !fm.fileExists(atPath: path) {
                try? fm.moveItem(atPath: full, toPath: path)
            } else {
                Self.removeMarkerLast(full)
            }
        }
    }

    /// Whether `pid` is a running process other than this one that can own `folder`, named with its id.
    static func isAnotherRunningProcess(_ pid: Int32, owning folder: String) -> Bool {
        guard pid > 0, pid != getpid() else { return false }
        // Signal 0 only asks whether the process exists; EPERM means it does, as another user's.
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        // Ids are reused, by processes and threads alike, once they wrap around: a process
        // that started after the folder last changed did not name it, since its owner changes
        // it by naming it. Where the start time cannot be read, the folder is left alone.
        var info = stat()
        guard lstat(folder, &info) == 0, let started = processStart(pid) else { return true }
        let changed = Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9
        // The boot time is given in whole seconds, and clocks are adjusted: a margin covers both.
        return started <= changed + 2
    }

    /// When process (or thread) `pid` started, in seconds since 1970, from `/proc`; nil where
    /// there is no `/proc`.
    private static func processStart(_ pid: Int32) -> Double? {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let system = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              // The command name, in parentheses, may hold spaces: fields are counted after it.
              let nameEnd = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
        // `starttime` is field 22 of the file, the 20th after the name, in clock ticks since boot.
        guard fields.count > 19, let ticks = Double(fields[19]),
              let bootLine = system.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
              let boot = Double(bootLine.dropFirst("btime ".count)) else { return nil }
        return boot + ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
        #else
        return nil
        #endif
    }

    /// Removes a folder left at one of our own names, but only if it carries our marker:
    /// the tool never deletes a folder it did not create.
    private func removeIfOurs(_ folder: String) throws {
        guard FileManager.default.fileExists(atPath: folder) else { return }
        guard isOurs(folder) else {
            throw BuildError.write("'\(folder)' is in the way and was not written by handbook; move it and build again")
        }
        Self.removeMarkerLast(folder)
        if FileManager.default.fileExists(atPath: folder) {
            throw BuildError.write("cannot remove '\(folder)', left by an earlier build")
        }
    }

    private var parentFolder: String { (path as NSString).deletingLastPathComponent }
    private var outputName: String { (path as NSString).lastPathComponent }

    /// A retired folder's path: this process's id, then `suffix` (e.g. `-3`) to tell several apart.
    func retiredPath(_ suffix: String) -> String {
        "\(parentFolder)/\(Self.retiredPrefix)\(outputName)-\(ProcessInfo.processInfo.processIdentifier)\(suffix)"
    }

    private func isOurs(_ folder: String) -> Bool {
        var info = stat()
        // The marker must be a regular file, not a link planted to make a folder look ours.
        return lstat("\(folder)/\(Self.markerName)", &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    private func resolved(_ folder: String) -> String {
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        // Resolve links in the part that exists, so `out -> Content` is caught too.
        var existing = url
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path) && existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var result = existing.resolvingSymlinksInPath().path
        for component in rest { result += (result.hasSuffix("/") ? "" : "/") + component }
        return result
    }
}

/// Swaps two paths in one step: `renameat2(RENAME_EXCHANGE)` on Linux (looked up at run
/// time, as Glibc's module does not declare it), `renamex_np(RENAME_SWAP)` on Darwin.
enum AtomicSwap {
    /// True when the two paths swapped; false when the system or file system cannot do it.
    static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
        guard let symbol = UnsafeRawPointer(bitPattern: renameat2Address) else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #elseif canImport(Darwin)
        return renamex_np(first, second, UInt32(RENAME_SWAP)) == 0
        #else
        return false
        #endif
    }

    #if os(Linux)
    private static let renameat2Address = Int(bitPattern: dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2"))
    #endif
}

/// Writes files into a staging folder with plain POSIX calls: Foundation's `createFile`
/// writes through a temporary file each time, which costs several times more.
struct FileWriter: Sendable {
    let root: String

    /// Creates every folder the given relative file paths need, once each.
    func makeFolders(for relativePaths: [String]) throws {
        var folders = Set<String>()
        for path in relativePaths {
            var folder = Self.parent(of: path[...])
            while !folder.isEmpty, folders.insert(String(folder)).inserted {
                folder = Self.parent(of: folder)
            }
        }
        for folder in folders.sorted() where mkdir("\(root)/\(folder)", 0o755) != 0 && errno != EEXIST {
            throw BuildError.write("\(folder): \(String(cString: strerror(errno)))")
        }
    }

    /// The folder part of a relative path (`a/b/c.html` → `a/b`), empty at the top. Plain
    /// string work: Foundation's `deletingLastPathComponent` traps on a one-character folder.
    static func parent(of path: Substring) -> Substring {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return path[..<slash]
    }

    /// Writes one file; its folder must exist.
    func write(_ relativePath: String, _ contents: some FileContents) throws {
        let full = "\(root)/\(relativePath)"
        let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BuildError.write("\(relativePath): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        try contents.withBytes { try Self.write($0, to: descriptor, path: relativePath) }
    }

    /// Writes all of `buffer`, resuming after interruptions and short writes.
    static func write(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw BuildError.write("\(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}

/// What a file can be written from, without copying it first: rendered text or raw bytes.
protocol FileContents: Sendable {
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result
}

extension String: FileContents {
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        var text = self
        return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }
}

extension Array: FileContents where Element == UInt8 {
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        try withUnsafeBytes(body)
    }
}

/// A file written in pieces, for pages too large to build in memory.
final class FileStream {
    private let descriptor: Int32
    private let path: String
    private(set) var bytesWritten = 0

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BuildError.write("\(path): \(String(cString: strerror(errno)))") }
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try FileWriter.write(UnsafeRawBufferPointer($0), to: descriptor, path: path) }
        bytesWritten += text.utf8.count
    }

    func close() { Foundation.close(descriptor) }
}

extension FileWriter {
    func openStream(_ relativePath: String) throws -> FileStream {
        try FileStream(path: "\(root)/\(relativePath)")
    }
}

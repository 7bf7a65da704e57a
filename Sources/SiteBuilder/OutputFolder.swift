import Foundation
import KnowledgeBase

/// Writes a build into a fresh folder beside the output and swaps it in only when
/// everything succeeded, so a failed or interrupted build leaves the previous output as
/// it was. It refuses to replace a folder it did not create.
public struct OutputFolder: Sendable {
    /// Present in every output folder this tool writes.
    public static let markerName = ".handbook-output"
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
        for (name, folder) in [("content", content), ("theme", theme)] {
            let other = resolved(folder)
            if output == other || output.hasPrefix(other + "/") || other.hasPrefix(output + "/") {
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
        if FileManager.default.fileExists(atPath: staging) { try FileManager.default.removeItem(atPath: staging) }
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        try Data(Self.markerContents.utf8).write(to: URL(fileURLWithPath: "\(staging)/\(Self.markerName)"))
        return staging
    }

    /// Replaces the output with `staging`. The old output is renamed aside first, then
    /// removed; at every instant the output path holds a complete build or nothing.
    public func commit(_ staging: String) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            let retired = "\(parentFolder)/\(Self.retiredPrefix)\(outputName)-\(ProcessInfo.processInfo.processIdentifier)"
            if fm.fileExists(atPath: retired) { try fm.removeItem(atPath: retired) }
            try fm.moveItem(atPath: path, toPath: retired)
            do {
                try fm.moveItem(atPath: staging, toPath: path)
            } catch {
                try? fm.moveItem(atPath: retired, toPath: path)
                throw error
            }
            try? fm.removeItem(atPath: retired)
        } else {
            try fm.moveItem(atPath: staging, toPath: path)
        }
    }

    /// Removes a staging folder after a failed build.
    public func discard(_ staging: String) {
        if isOurs(staging) { try? FileManager.default.removeItem(atPath: staging) }
    }

    /// Staging and retired folders left by interrupted builds of this output, if they carry our marker.
    /// A retired folder whose output is missing is the last good build: it is put back.
    public func removeLeftovers() {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: parentFolder) else { return }
        for entry in entries.sorted() {
            let full = "\(parentFolder)/\(entry)"
            guard isOurs(full) else { continue }
            if entry.hasPrefix("\(Self.retiredPrefix)\(outputName)-") && !fm.fileExists(atPath: path) {
                try? fm.moveItem(atPath: full, toPath: path)
            } else if entry.hasPrefix("\(Self.stagingPrefix)\(outputName)-") || entry.hasPrefix("\(Self.retiredPrefix)\(outputName)-") {
                try? fm.removeItem(atPath: full)
            }
        }
    }

    private var parentFolder: String { (path as NSString).deletingLastPathComponent }
    private var outputName: String { (path as NSString).lastPathComponent }

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

/// Writes files into a staging folder with plain POSIX calls: Foundation's `createFile`
/// writes through a temporary file each time, which costs several times more.
struct FileWriter: Sendable {
    let root: String

    /// Creates every folder the given relative file paths need, once each.
    func makeFolders(for relativePaths: [String]) throws {
        var folders = Set<String>()
        for path in relativePaths {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        for folder in folders.sorted() where mkdir("\(root)/\(folder)", 0o755) != 0 && errno != EEXIST {
            throw BuildError.write("\(folder): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes one file; its folder must exist.
    func write(_ relativePath: String, _ bytes: [UInt8]) throws {
        let full = "\(root)/\(relativePath)"
        let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BuildError.write("\(relativePath): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw BuildError.write("\(relativePath): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
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
        try text.withUTF8 { buffer in
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
        bytesWritten += text.utf8.count
    }

    func close() { Foundation.close(descriptor) }
}

extension FileWriter {
    func openStream(_ relativePath: String) throws -> FileStream {
        try FileStream(path: "\(root)/\(relativePath)")
    }
}

import Foundation

/// The size, modification time and inode of every file under the watched folders, to
/// compare with a later snapshot, or to bring up to date for the paths the system says
/// changed (``refresh(_:excluded:)``). A scan of 10,000 files is a few milliseconds of
/// `lstat` calls; of 100,000, half a second.
struct FileSnapshot: Sendable, Equatable {
    struct Stamp: Sendable, Hashable {
        var size: Int64
        var modified: Int64
        var inode: UInt64
    }

    /// By path, each starting with the folder or file it was found under.
    var files: [String: Stamp] = [:]

    /// Hidden files (editors' swap files, our own temporary files) and backups ending in `~`
    /// are left out: saving an article must not look like adding a file.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~")
    }

    /// Scans `folders` recursively, without following links, and stamps each of `files`
    /// that exists. Folders in `excluded` (the output, when it lies inside the content
    /// folder) are not entered.
    static func take(folders: [String], files: [String], excluded: Set<String> = []) -> FileSnapshot {
        var snapshot = FileSnapshot()
        for folder in folders { snapshot.scan(folder, excluded: excluded) }
        for file in files {
            if let stamp = stamp(file) { snapshot.files[file] = stamp }
        }
        return snapshot
    }

    private mutating func scan(_ folder: String, excluded: Set<String>) {
        var pending = [folder]
        while let current = pending.popLast() {
            guard let directory = opendir(current) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name == "." || name == ".." || Self.isIgnored(name) { continue }
                let path = "\(current)/\(name)"
                var info = stat()
                // Relative to the open folder: no walk along the path for every file.
                guard fstatat(dirfd(directory), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    if !excluded.contains(path) { pending.append(path) }
                } else {
                    files[path] = Self.stamp(info)
                }
            }
        }
    }

    /// Brings the snapshot up to date for `paths` alone, each with whether it was a folder
    /// when it changed, and returns what changed among them: what ``changes(to:)`` would
    /// find against a new snapshot, when nothing else changed. A folder that appeared is
    /// scanned; one that went takes every file under it along.
    mutating func refresh(_ paths: [String: Bool], excluded: Set<String>) -> FileChanges {
        var changes = FileChanges()
        // Sorted, so a folder comes before the paths inside it.
        for (path, wasFolder) in paths.sorted(by: { $0.key < $1.key }) {
            var info = stat()
            let exists = lstat(path, &info) == 0
            let isFolder = exists && (info.st_mode & S_IFMT) == S_IFDIR
            if wasFolder || isFolder { refreshFolder(path, exists: isFolder, excluded: excluded, into: &changes) }
            let stamp = exists && !isFolder ? Self.stamp(info) : nil
            switch (files[path], stamp) {
            case (nil, let new?): changes.added.append(path)
                files[path] = new
            case (let old?, let new?) where old != new: changes.modified.append(path)
                files[path] = new
            case (_?, nil): changes.removed.append(path)
                files[path] = nil
            default: break
            }
        }
        return changes.sortedWithoutRepeats()
    }

    /// Compares what the snapshot has under `folder` with what is there now.
    private mutating func refreshFolder(_ folder: String, exists: Bool, excluded: Set<String>, into changes: inout FileChanges) {
        var now = FileSnapshot()
        if exists && !excluded.contains(folder) { now.scan(folder, excluded: excluded) }
        let prefix = folder + "/"
        let gone = files.keys.filter { $0.hasPrefix(prefix) && now.files[$0] == nil }
        for path in gone { files[path] = nil }
        changes.removed += gone
        for (path, stamp) in now.files {
            switch files[path] {
            case nil: changes.added.append(path)
            case let old? where old != stamp: changes.modified.append(path)
            default: continue
            }
            files[path] = stamp
        }
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return stamp(info)
    }

    private static func stamp(_ info: stat) -> Stamp {
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return Stamp(size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino))
    }

    /// What changed from this snapshot to `newer`.
    func changes(to newer: FileSnapshot) -> FileChanges {
        var changes = FileChanges()
        for (path, stamp) in newer.files {
            switch files[path] {
            case nil: changes.added.append(path)
            case let old? where old != stamp: changes.modified.append(path)
            default: break
            }
        }
        for path in files.keys where newer.files[path] == nil { changes.removed.append(path) }
        return changes.sortedWithoutRepeats()
    }
}

/// Files added, removed and modified between two snapshots, sorted.
struct FileChanges: Sendable, Equatable {
    var added: [String] = []
    var removed: [String] = []
    var modified: [String] = []

    var isEmpty: Bool { added.isEmpty && removed.isEmpty && modified.isEmpty }

    func sortedWithoutRepeats() -> FileChanges {
        FileChanges(added: Set(added).sorted(), removed: Set(removed).sorted(), modified: Set(modified).sorted())
    }
    var all: [String] { (added + removed + modified).sorted() }
}

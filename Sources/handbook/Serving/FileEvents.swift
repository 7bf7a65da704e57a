#if os(Linux)
import Glibc

/// The system's notices of changed files (Linux's inotify), so that an edit is seen the
/// moment it is saved and only the paths it names are looked at again. Scanning a folder
/// of 100,000 articles for changes takes about half a second; reading a notice takes
/// microseconds.
///
/// Every folder under the watched folders is watched (the system reports changes to a
/// folder's own entries only), and the folder of each watched file, whose other entries
/// are ignored. Folders created later are watched as they appear.
final class FileEvents {
    /// What the notices read so far name.
    struct Touched {
        /// Each path named, and whether it was a folder when the notice was written.
        var paths: [String: Bool] = [:]
        /// Notices were lost (the system's queue overflowed) or a watched folder itself was
        /// moved or removed: only a full scan can tell what changed.
        var needsFullScan = false

        mutating func formUnion(_ other: Touched) {
            paths.merge(other.paths) { $0 || $1 }
            needsFullScan = needsFullScan || other.needsFullScan
        }
    }

    private let descriptor: Int32
    private let folders: [String]
    private let files: Set<String>
    private let excluded: Set<String>
    /// Watched folders that do not exist (yet): their parent is watched for them to appear.
    private var awaited: Set<String> = []
    /// The folder each watch stands for, and the watch of each folder.
    private var folderOfWatch: [Int32: String] = [:]
    private var watchOfFolder: [String: Int32] = [:]

    /// Links are followed: a watched folder may be a link to one, as the scan allows, and the
    /// folders under it are watched only when they are folders, not links, as the scan enters them.
    private static let folderMask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
        | IN_DELETE_SELF | IN_MOVE_SELF) | UInt32(IN_ONLYDIR) | UInt32(IN_EXCL_UNLINK)

    /// Watches the folders of `watched` (every folder under them but those excluded) and its
    /// files; nil when the system cannot, for example when there are more folders than it
    /// allows watches (`fs.inotify.max_user_watches`).
    init?(_ watched: WatchedFiles) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        (folders, files, excluded) = (watched.folders, Set(watched.files), watched.excluded)
        var watching = true
        for folder in folders {
            var info = stat()
            if stat(folder, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                watching = watching && watchTree(folder)
            } else {
                awaited.insert(folder)
                watching = watching && watch(Self.parent(of: folder))
            }
        }
        for file in watched.files { watching = watching && watch(Self.parent(of: file)) }
        guard watching else {
            close(descriptor)
            return nil
        }
    }

    deinit {
        close(descriptor)
    }

    /// Whether notices are waiting, after waiting up to `milliseconds` for one. Blocks: call
    /// it off Swift's cooperative threads. Reads nothing, so it is safe to call from any thread.
    static func wait(on descriptor: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0 && entry.revents & Int16(POLLIN) != 0
    }

    /// The descriptor to wait on with ``wait(on:milliseconds:)``.
    var waitable: Int32 { descriptor }

    /// Reads every notice waiting, without blocking, and watches the folders they say were
    /// created or moved in.
    func read() -> Touched {
        var touched = Touched()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            let headerSize = MemoryLayout<inotify_event>.size
            while offset + headerSize <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                // The system writes whole notices; a cut one would be a notice lost.
                guard offset + headerSize + length <= count else {
                    touched.needsFullScan = true
                    break
                }
                let nameBytes = buffer[(offset + headerSize)..<(offset + headerSize + length)].prefix { $0 != 0 }
                handle(watch: watch, mask: mask, name: String(decoding: nameBytes, as: UTF8.self), into: &touched)
                offset += headerSize + length
            }
        }
        return touched
    }

    private func handle(watch: Int32, mask: UInt32, name: String, into touched: inout Touched) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            touched.needsFullScan = true
            return
        }
        guard let folder = folderOfWatch[watch] else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            forget(folder)
            return
        }
        if name.isEmpty {
            // The folder itself moved or went: its parent's notice says so, unless it is
            // one of the watched folders.
            if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 && folders.contains(folder) { touched.needsFullScan = true }
            return
        }
        // A watched file in the working folder is named without `./`, as the snapshot names it.
        let path = folder == "." && (files.contains(name) || awaited.contains(name)) ? name : "\(folder)/\(name)"
        if awaited.contains(path) {
            // A watched folder appeared: a full scan watches it and finds what it holds.
            touched.needsFullScan = true
            return
        }
        guard !FileSnapshot.isIgnored(name), !excluded.contains(path), isWatched(path) else { return }
        let isFolder = mask & UInt32(IN_ISDIR) != 0
        touched.paths[path] = (touched.paths[path] ?? false) || isFolder
        guard isFolder else { return }
        if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            if !watchTree(path) { touched.needsFullScan = true }
        } else if mask & UInt32(IN_MOVED_FROM) != 0 {
            // Its watches would go on reporting changes under its old path.
            for (watched, watch) in watchOfFolder where watched == path || watched.hasPrefix(path + "/") {
                inotify_rm_watch(descriptor, watch)
                forget(watched)
            }
        }
    }

    /// Whether `path` is under a watched folder or is a watched file (the folder of a watched
    /// file has other entries).
    private func isWatched(_ path: String) -> Bool {
        files.contains(path) || folders.contains { path.hasPrefix($0 + "/") }
    }

    /// Watches `folder` and every folder under it, but the excluded and the hidden ones.
    private func watchTree(_ folder: String) -> Bool {
        var pending = [folder]
        while let current = pending.popLast() {
            guard watch(current) else { return false }
            guard let directory = opendir(current) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                guard entry.pointee.d_type == UInt8(DT_DIR) || entry.pointee.d_type == UInt8(DT_UNKNOWN) else { continue }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name == "." || name == ".." || FileSnapshot.isIgnored(name) { continue }
                let path = "\(current)/\(name)"
                var info = stat()
                guard !excluded.contains(path), fstatat(dirfd(directory), name, &info, AT_SYMLINK_NOFOLLOW) == 0,
                      (info.st_mode & S_IFMT) == S_IFDIR else { continue }
                pending.append(path)
            }
        }
        return true
    }

    /// Watches one folder; a folder that vanished meanwhile counts as watched.
    private func watch(_ folder: String) -> Bool {
        let watch = inotify_add_watch(descriptor, folder, Self.folderMask)
        guard watch >= 0 else { return errno == ENOENT || errno == ENOTDIR }
        // The same folder reached twice (the config's folder is also the content's parent)
        // has one watch: the first path it was reached by names its entries.
        if folderOfWatch[watch] == nil { folderOfWatch[watch] = folder }
        watchOfFolder[folder] = watch
        return true
    }

    private func forget(_ folder: String) {
        if let watch = watchOfFolder.removeValue(forKey: folder), folderOfWatch[watch] == folder { folderOfWatch[watch] = nil }
    }

    static func parent(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }
}
#endif

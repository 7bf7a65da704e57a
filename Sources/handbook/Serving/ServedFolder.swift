import Foundation

/// The output folder as the server sees it. Finds the file a request names, never one
/// outside the folder, and knows when a full rebuild is swapping a new folder in, so a
/// request that finds nothing in that instant looks again instead of answering 404.
final class ServedFolder: @unchecked Sendable {
    /// The output folder, absolute.
    let path: String
    /// The output folder with the links of its parent folders resolved: every file served
    /// must have a real path inside it.
    let realRoot: String

    private let lock = NSLock()
    /// Odd while a swap is under way.
    private var swapCount = 0
    /// Counts the builds published, so a page can tell whether it is out of date.
    private var publishedCount = 0

    init(path: String) {
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
        // The folder itself is replaced on every full rebuild; its parent stays.
        let parent = (self.path as NSString).deletingLastPathComponent
        let name = (self.path as NSString).lastPathComponent
        let realParent = Self.realPath(parent) ?? parent
        realRoot = (realParent == "/" ? "" : realParent) + "/" + name
    }

    // MARK: - Versions

    var swapGeneration: Int { lock.withLock { swapCount } }

    var version: Int { lock.withLock { publishedCount } }

    /// Counts a build as published (after its files are written).
    func publish() -> Int {
        lock.withLock {
            publishedCount += 1
            return publishedCount
        }
    }

    /// Runs `swap`, which replaces the folder, with requests told to look again if they miss.
    func swapping<T>(_ swap: () throws -> T) rethrows -> T {
        lock.withLock { swapCount += 1 }
        defer { lock.withLock { swapCount += 1 } }
        return try swap()
    }

    // MARK: - Lookup

    enum Lookup: Sendable {
        case file(bytes: [UInt8], path: String)
        /// A folder asked for without its trailing slash: relative links need it.
        case redirect(location: String)
        case missing
    }

    /// The file `request` names: a folder's `index.html`, never anything whose real path
    /// (links resolved) is outside the output folder, never anything but a regular file.
    func lookup(_ request: RequestPath) -> Lookup {
        let candidate = ([realRoot] + request.segments).joined(separator: "/")
        guard let resolved = inside(candidate) else { return .missing }
        var info = stat()
        guard stat(resolved, &info) == 0 else { return .missing }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard request.hasTrailingSlash || request.segments.isEmpty else {
                var withSlash = request
                withSlash.hasTrailingSlash = true
                return .redirect(location: withSlash.encoded)
            }
            guard let index = inside(resolved + "/index.html"), let bytes = Self.readRegularFile(index) else { return .missing }
            return .file(bytes: bytes, path: index)
        }
        guard let bytes = Self.readRegularFile(resolved) else { return .missing }
        return .file(bytes: bytes, path: resolved)
    }

    /// The real path of `candidate` when it exists and is inside the output folder.
    private func inside(_ candidate: String) -> String? {
        guard let resolved = Self.realPath(candidate) else { return nil }
        return resolved == realRoot || resolved.hasPrefix(realRoot + "/") ? resolved : nil
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The whole file, when `path` is a regular file (not a link: `O_NOFOLLOW`).
    static func readRegularFile(_ path: String) -> [UInt8]? {
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        // O_NOATIME (not exported to Swift): no access time update. While a rebuild creates and
        // removes thousands of files, that write can wait on the file system's journal for
        // seconds. Allowed on files we own; others are opened as usual.
        let noAccessTime: Int32 = 0o1000000
        var descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | noAccessTime)
        if descriptor < 0 && errno == EPERM { descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
        #else
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        #endif
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        // Room for one byte more than the size, to see the end of a file that grew meanwhile.
        var capacity = Int(info.st_size) + 1
        while true {
            var complete = true
            var failed = false
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = 0
                while count < capacity {
                    let result = read(descriptor, buffer.baseAddress! + count, capacity - count)
                    if result < 0 && errno == EINTR { continue }
                    if result < 0 { failed = true }
                    if result <= 0 { break }
                    count += result
                }
                complete = count < capacity
            }
            if failed { return nil }
            if complete { return bytes }
            // It grew: start again with more room.
            guard lseek(descriptor, 0, SEEK_SET) == 0 else { return nil }
            capacity *= 2
        }
    }
}

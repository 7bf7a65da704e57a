import Foundation

/// A folder under the system's temporary directory, removed when the value is released
/// by `remove()`. Tests write fixture sites into it.
public struct TemporaryFolder: Sendable {
    public let path: String

    public init(_ name: String = "handbook-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes each file (path relative to this folder → contents), creating folders.
    public func write(_ files: [String: String]) throws {
        for (relative, contents) in files {
            try write(relative, bytes: Array(contents.utf8))
        }
    }

    public func write(_ relative: String, bytes: [UInt8]) throws {
        let full = "\(path)/\(relative)"
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    public func read(_ relative: String) throws -> String {
        try String(contentsOfFile: "\(path)/\(relative)", encoding: .utf8)
    }

    public func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(path)/\(relative)")
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Every file below `relative`, as sorted relative paths, with its bytes.
    public func snapshot(_ relative: String) throws -> [String: Data] {
        let root = "\(path)/\(relative)"
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
        while let item = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(item)", isDirectory: &isDirectory), !isDirectory.boolValue {
                files[item] = try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(item)"))
            }
        }
        return files
    }
}

/// The repository's root folder, found from this source file's location.
public enum Repository {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var theme: String { "\(root)/Theme" }
}

/// A small valid site: one topic, three articles that link to each other.
public enum FixtureSite {
    public static let tags = """
    delegation:
      description: Handing work to others.
      aliases: [delegating]
    trust: What people extend to a leader.
    feedback: How work lands.

    """

    /// Held to the content rules this handbook is held to, but for `tag-count` (the fixture
    /// articles have one tag each); tests of a relaxed knowledge base remove it or write their own.
    public static let strictSettings = """
    title: Handbook
    rules: [front-matter, one-sentence-summary, declared-tags, file-names, unique-file-names, topic-introductions, known-keys]

    """

    public static let files: [String: String] = [
        "handbook.yml": strictSettings,
        "Content/tags.yml": tags,
        "Content/_index.md": """
        ---
        title: Test Handbook
        description: A handbook for tests.
        ---

        Start with [the first article](basics/first.md).

        """,
        "Content/basics/_index.md": """
        ---
        title: Basics
        description: The basics.
        order: 1
        ---

        The basics, starting with [first](first.md).

        """,
        "Content/basics/first.md": """
        ---
        title: First <article>
        summary: The first article & its "summary".
        tags: [delegation, Trust]
        order: 1
        ---

        Intro paragraph linking to [the second](second.md#how-it-works).

        ## Why it matters

        Because of [third](third.md).

        """,
        "Content/basics/second.md": """
        ---
        title: Second
        summary: The second article.
        tags: [delegating, feedback]
        order: 2
        ---

        ## How it works

        It links back to [the first](first.md). And to [itself](#how-it-works).

        """,
        "Content/basics/third.md": """
        ---
        title: Third
        summary: The third article.
        tags: [feedback]
        order: 3
        ---

        Third links to [second](second.md).

        """,
    ]

    /// Writes the fixture (and, when asked, a copy of the real theme) into a new folder.
    public static func make(extra: [String: String] = [:], removing: [String] = [], withTheme: Bool = false) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        var files = Self.files
        for name in removing { files[name] = nil }
        files.merge(extra) { $1 }
        try folder.write(files)
        if withTheme {
            try FileManager.default.copyItem(atPath: Repository.theme, toPath: "\(folder.path)/Theme")
        }
        return folder
    }
}

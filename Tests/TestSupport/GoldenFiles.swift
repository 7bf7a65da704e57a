import Foundation

/// Expected outputs kept as files next to a test target (its `Fixtures/golden`). A test
/// compares what it produced with the file; `UPDATE_GOLDEN=1 swift test` rewrites the files
/// instead, for a change that is meant (review the diff before committing it).
public struct GoldenFiles: Sendable {
    public let folder: URL
    /// Rewrite the files instead of comparing: set by `UPDATE_GOLDEN=1`.
    public let updating: Bool

    /// The `Fixtures/golden` folder beside the test file that passes its `#filePath`.
    public init(besideTestFile testFile: String) {
        self.init(folder: URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Fixtures/golden"))
    }

    public init(folder: URL, updating: Bool = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1") {
        self.folder = folder
        self.updating = updating
    }

    /// Throws ``GoldenFileMismatch`` when `actual` differs from the golden file `name`.
    public func check(_ actual: String, against name: String) throws {
        let url = folder.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if actual != expected { throw GoldenFileMismatch(name: name, expected: expected, actual: actual) }
    }
}

/// Where a produced text first differs from its golden file.
public struct GoldenFileMismatch: Error, CustomStringConvertible {
    public let name: String
    /// 1-based; the first line that differs.
    public let line: Int
    public let expectedLine: String?
    public let actualLine: String?

    init(name: String, expected: String, actual: String) {
        self.name = name
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < expectedLines.count, index < actualLines.count, expectedLines[index] == actualLines[index] { index += 1 }
        line = index + 1
        expectedLine = index < expectedLines.count ? String(expectedLines[index]) : nil
        actualLine = index < actualLines.count ? String(actualLines[index]) : nil
    }

    public var description: String {
        """
        differs from golden file \(name) at line \(line)
          expected: \(expectedLine ?? "(end of file)")
          actual:   \(actualLine ?? "(end of file)")
        rerun with UPDATE_GOLDEN=1 after checking the change
        """
    }
}

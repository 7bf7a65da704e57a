import Foundation

/// When each article last changed: the date of the last commit that touched it when the
/// content is in a git checkout (deterministic for a given commit), else its `updated:`.
public struct ContentHistory: Sendable {
    /// `YYYY-MM-DD` by path inside the content folder (`topic/slug.md`).
    public private(set) var commitDates: [String: String] = [:]

    public init(commitDates: [String: String] = [:]) {
        self.commitDates = commitDates
    }

    /// The later of the commit date and `updated:`.
    public func lastChanged(_ article: Article) -> String? {
        switch (commitDates[article.relativePath], article.updated) {
        case let (commit?, updated?): max(commit, updated)
        case let (commit?, nil): commit
        case let (nil, updated): updated
        }
    }

    /// Reads the history of `contentDirectory` with one `git log` call. Empty when git is
    /// missing or the folder is not in a checkout.
    public static func fromGit(contentDirectory: String) -> ContentHistory {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", contentDirectory, "log", "--format=@%cs", "--name-only", "--relative", "--no-renames", "--", "."]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return ContentHistory()
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return ContentHistory() }
        var dates: [String: String] = [:]
        var current = ""
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("@") {
                current = String(line.dropFirst())
            } else if dates[String(line)] == nil {
                // Newest commits come first: the first date seen is the last change.
                dates[String(line)] = current
            }
        }
        return ContentHistory(commitDates: dates)
    }
}

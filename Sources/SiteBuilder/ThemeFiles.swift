import BuiltInTheme
import Foundation
import KnowledgeBase
import ThemeFolder

/// The files a theme is made of, by their path inside the theme (`article.mustache`,
/// `partials/header.mustache`, `assets/style.css`), each with where it came from.
///
/// A site's theme is the built-in one with the site's own `Theme/` over it, file by file:
/// a file of the site replaces the built-in file of the same path, a new path is added, and
/// every other file stays built-in (as mdBook's theme folder does).
public struct ThemeFiles: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public var bytes: [UInt8]
        /// Where the file came from, as messages show it: `Theme/article.mustache`, or
        /// `(built-in theme)/article.mustache`.
        public var displayPath: String

        public init(bytes: [UInt8], displayPath: String) {
            self.bytes = bytes
            self.displayPath = displayPath
        }
    }

    public var files: [String: File]

    public init(files: [String: File] = [:]) {
        self.files = files
    }

    /// Every path, sorted.
    public var paths: [String] { files.keys.sorted() }

    /// Every file with its path, sorted by path.
    public var sorted: [(path: String, file: File)] {
        files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// How messages name the built-in theme's folder.
    public static let builtInDisplayName = "(built-in theme)"

    /// The theme compiled into the generator from the repository's `Theme/` folder.
    public static let builtIn = ThemeFiles(files: Dictionary(uniqueKeysWithValues: BuiltInTheme.files.map {
        ($0.path, File(bytes: $0.bytes, displayPath: "\(builtInDisplayName)/\($0.path)"))
    }))

    /// These files with each of `overrides` in place of the file of the same path, and the
    /// paths only `overrides` has added.
    public func overridden(by overrides: ThemeFiles) -> ThemeFiles {
        ThemeFiles(files: files.merging(overrides.files) { _, override in override })
    }

    /// Every file below `directory`, named in messages as `directory/path`. Hidden files and
    /// folders are left out; a file that cannot be read is an error.
    public static func read(_ directory: String, diagnostics: inout [Diagnostic]) -> ThemeFiles {
        var theme = ThemeFiles()
        for path in ThemeFolder.files(in: directory) {
            let displayPath = "\(directory)/\(path)"
            guard let data = FileManager.default.contents(atPath: displayPath) else {
                diagnostics.append(.error(displayPath, "cannot read the file", hint: "check its permissions"))
                continue
            }
            theme.files[path] = File(bytes: [UInt8](data), displayPath: displayPath)
        }
        return theme
    }
}

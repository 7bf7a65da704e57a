import Foundation

/// The default theme, compiled into the generator from the repository's `Theme/` folder by
/// the EmbedTheme build plugin: a binary copied anywhere builds a site with no theme files
/// beside it.
public enum BuiltInTheme {
    /// A file of the theme: its path inside the theme (`article.mustache`,
    /// `assets/style.css`) and its bytes.
    public struct File: Sendable {
        public var path: String
        public var bytes: [UInt8]
    }

    /// Every file of the theme, sorted by path.
    public static let files: [File] = embedded.map { File(path: $0.path, bytes: $0.contents.bytes) }

    /// How the build plugin writes a file: text as a string literal, anything else as Base64.
    enum EmbeddedContents {
        case text(String)
        case base64(String)

        var bytes: [UInt8] {
            switch self {
            case .text(let text): Array(text.utf8)
            case .base64(let encoded): Data(base64Encoded: encoded).map { [UInt8]($0) } ?? []
            }
        }
    }
}

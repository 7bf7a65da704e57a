/// A file of the search index, for the site builder to write.
public struct SearchIndexFile: Sendable, Hashable {
    /// The path relative to the output root, always under `search/`, e.g. "search/t-ab.js".
    public var path: String
    /// The file's text: plain ASCII JavaScript.
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

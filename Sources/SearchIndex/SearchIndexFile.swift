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

/// Small entries packed in order into files of about `targetBytes`, for lists too short to be
/// worth a request each (typo lists, tag filters). A new file starts where the next entry would
/// take the current one past the target. A file is the opening made for its first entry, its
/// entries separated by commas, then `closing`; the browser finds an entry's file from `starts`,
/// the position of each file's first entry, which the manifest lists.
struct PackedFiles {
    private(set) var files: [SearchIndexFile] = []
    private(set) var starts: [Int] = []

    init(entries: [[UInt8]], targetBytes: Int, closing: String, path: (Int) -> String, opening: (Int) -> String) {
        var contents: [UInt8] = []
        for (position, entry) in entries.enumerated() {
            if !contents.isEmpty && contents.count + entry.count > targetBytes { finishFile(&contents, closing: closing, path: path) }
            if contents.isEmpty {
                starts.append(position)
                contents.append(ascii: opening(position))
            } else {
                contents.append(UInt8(ascii: ","))
            }
            contents += entry
        }
        if !contents.isEmpty { finishFile(&contents, closing: closing, path: path) }
    }

    private mutating func finishFile(_ contents: inout [UInt8], closing: String, path: (Int) -> String) {
        contents.append(ascii: closing)
        files.append(SearchIndexFile(path: path(starts.last!), contents: String(decoding: contents, as: UTF8.self)))
        contents = []
    }
}

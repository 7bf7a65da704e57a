// TEMP-SEARCH: replaced by the SearchIndex module's API.
struct SearchDocument: Sendable, Hashable {
    var url: String; var anchor: String?; var title: String; var heading: String?; var topic: String; var tags: [String]; var text: String
}
struct SearchIndexFile: Sendable, Hashable { var path: String; var contents: String }
struct SearchIndexBuilder: Sendable { func build(_ documents: [SearchDocument]) -> [SearchIndexFile] { [] } }

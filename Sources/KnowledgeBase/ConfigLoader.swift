import Foundation

/// Reads `handbook.yml`.
public enum ConfigLoader {
    public static func load(path: String, diagnostics: inout [Diagnostic]) -> SiteConfig {
        var config = SiteConfig()
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(.error(path, "cannot read the config file"))
            return config
        }
        let text: String
        switch SourceFile.decode([UInt8](data), displayPath: path) {
        case .success(let decoded): text = decoded
        case .failure(let problem):
            diagnostics.append(problem)
            return config
        }
        guard var fields = YAMLFields(yaml: text, file: path, firstLine: 1, diagnostics: &diagnostics) else { return config }
        fields.rejectUnknownKeys(SiteConfig.knownKeys)
        if let title = fields.string("title") { config.title = title }
        if let description = fields.string("description") { config.description = description }
        config.author = fields.string("author")
        if let language = fields.string("language") { config.language = language }
        config.repository = fields.string("repository")
        if let branch = fields.string("branch") { config.branch = branch }
        if let contentPath = fields.string("content_path") { config.contentPath = contentPath }
        if let base = fields.string("base_url") {
            if base.hasPrefix("https://") || base.hasPrefix("http://") {
                config.baseURL = base
            } else if let node = fields.value("base_url") {
                fields.error(at: node, "'base_url' must start with https:// or http://")
            }
        }
        if let repository = config.repository, !(repository.hasPrefix("https://") || repository.hasPrefix("http://")),
           let node = fields.value("repository") {
            fields.error(at: node, "'repository' must be a web address starting with https://")
            config.repository = nil
        }
        config.allowRawHTML = fields.bool("allow_raw_html") ?? false
        config.smartPunctuation = fields.bool("smart_punctuation") ?? true
        diagnostics += fields.diagnostics
        return config
    }
}

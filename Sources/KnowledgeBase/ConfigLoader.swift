import Foundation
import Yams

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
        config.offline = fields.bool("offline") ?? false
        diagnostics += fields.diagnostics
        if let search = fields.value("search") {
            config.searchSynonyms = searchSynonyms(search, file: path, diagnostics: &diagnostics)
        }
        return config
    }

    /// `search: {synonyms: ["1:1 = one-on-one", …]}`: each item is two or more words or phrases
    /// separated by `=`. Every malformed item is reported at its line and column.
    static func searchSynonyms(_ node: Node, file: String, diagnostics: inout [Diagnostic]) -> [[String]] {
        func error(_ node: Node, _ message: String, hint: String? = nil) {
            diagnostics.append(.error(file, node.mark?.line ?? 1, node.mark?.column ?? 1, message, hint: hint))
        }
        guard let mapping = node.mapping else {
            error(node, "'search' must be a mapping, found \(YAMLFields.describe(node))",
                  hint: "write it as 'search:' followed by an indented 'synonyms:' list")
            return []
        }
        var groups: [[String]] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard name == "synonyms" else {
                let hint = Suggestions.didYouMean(name, in: SiteConfig.knownSearchKeys)
                    ?? "known keys: \(SiteConfig.knownSearchKeys.joined(separator: ", "))"
                error(key, "unknown key 'search.\(name)'", hint: hint)
                continue
            }
            guard let items = value.sequence else {
                error(value, "'search.synonyms' must be a list, found \(YAMLFields.describe(value))",
                      hint: "write each group as a list item, e.g. '- 1:1 = one-on-one'")
                continue
            }
            for item in items {
                guard let text = item.scalar?.string else {
                    error(item, "each item of 'search.synonyms' must be text, found \(YAMLFields.describe(item))",
                          hint: "write it as '- pip = performance improvement plan'")
                    continue
                }
                let phrases = text.split(separator: "=", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                guard phrases.count >= 2 else {
                    error(item, "synonym group '\(text)' needs '=' between words that mean the same",
                          hint: "write it as 'pip = performance improvement plan'")
                    continue
                }
                guard phrases.allSatisfy({ phrase in phrase.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil } }) else {
                    error(item, "synonym group '\(text)' has an empty side", hint: "every side of '=' needs a word")
                    continue
                }
                groups.append(phrases)
            }
        }
        return groups
    }
}

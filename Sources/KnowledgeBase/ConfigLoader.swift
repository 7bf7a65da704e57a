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
        if let title = fields.string("title") {
            config.title = title
            config.titleIsSet = true
        }
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
        readContentSettings(&fields, into: &config)
        diagnostics += fields.diagnostics
        if let rules = fields.value("rules") {
            config.rules = contentRules(rules, file: path, diagnostics: &diagnostics)
        }
        if let search = fields.value("search") {
            config.searchSynonyms = searchSynonyms(search, file: path, diagnostics: &diagnostics)
        }
        return config
    }

    /// `large_file_mb` and `broken_links`: how strict the build is with what the content holds.
    static func readContentSettings(_ fields: inout YAMLFields, into config: inout SiteConfig) {
        if let megabytes = fields.int("large_file_mb") {
            if megabytes > 0 { config.largeFileBytes = megabytes * 1024 * 1024 } else if let node = fields.value("large_file_mb") {
                fields.error(at: node, "'large_file_mb' must be a positive number of megabytes")
            }
        }
        if let brokenLinks = fields.string("broken_links") {
            switch brokenLinks {
            case "error": config.brokenLinks = .error
            case "warning": config.brokenLinks = .warning
            default:
                if let node = fields.value("broken_links") {
                    fields.error(at: node, "'broken_links' must be 'error' or 'warning', found '\(brokenLinks)'")
                }
            }
        }
    }

    /// `rules: strict` (every rule), `rules: none`, or a list of rule names.
    static func contentRules(_ node: Node, file: String, diagnostics: inout [Diagnostic]) -> Set<ContentRule> {
        let names = ContentRule.allCases.map(\.rawValue)
        let hint = "write 'rules: strict', or list rule names: \(names.joined(separator: ", "))"
        if let word = node.scalar?.string {
            switch word {
            case "strict": return Set(ContentRule.allCases)
            case "none", "": return []
            default:
                diagnostics.append(.error(file, node.mark?.line ?? 1, node.mark?.column ?? 1, "'rules' must be 'strict', 'none' or a list of rules, found '\(word)'", hint: hint))
                return []
            }
        }
        guard let items = node.sequence else {
            diagnostics.append(.error(file, node.mark?.line ?? 1, node.mark?.column ?? 1, "'rules' must be 'strict', 'none' or a list of rules, found \(YAMLFields.describe(node))", hint: hint))
            return []
        }
        var rules: Set<ContentRule> = []
        for item in items {
            let name = item.scalar?.string ?? ""
            if let rule = ContentRule(rawValue: name) {
                rules.insert(rule)
            } else {
                diagnostics.append(.error(file, item.mark?.line ?? 1, item.mark?.column ?? 1, "unknown rule '\(name)'",
                                          hint: Suggestions.didYouMean(name, in: names) ?? hint))
            }
        }
        return rules
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

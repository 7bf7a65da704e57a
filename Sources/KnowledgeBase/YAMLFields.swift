import Markdown
import Yams

/// Reads a YAML mapping field by field, recording a located diagnostic for every problem
/// instead of stopping at the first.
struct YAMLFields {
    let file: String
    /// Added to YAML's 1-based line numbers to get the file's line numbers.
    let lineOffset: Int
    private(set) var entries: [(key: String, keyNode: Node, value: Node)] = []
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var mappingPosition: (line: Int, column: Int)

    /// Fields are read as text and converted here (`int`, `bool`, `date`), so the only tag
    /// that matters is null. Yams' default resolver tries a dozen regular expressions on
    /// every scalar; at thousands of articles that cost more than parsing the YAML.
    private static let resolver = Resolver.basic.appending(.null)

    /// Composes `yaml`; returns nil (with a diagnostic) when it is not a mapping.
    init?(yaml: String, file: String, firstLine: Int, diagnostics: inout [Diagnostic], allowEmpty: Bool = true) {
        self.file = file
        self.lineOffset = firstLine - 1
        self.mappingPosition = (firstLine, 1)
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, Self.resolver, .default, .utf8)
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, file: file, lineOffset: lineOffset))
            return nil
        } catch {
            diagnostics.append(.error(file, firstLine, 1, "invalid YAML: \(error)"))
            return nil
        }
        guard let node else {
            if allowEmpty { return }
            diagnostics.append(.error(file, firstLine, 1, "front matter is empty", hint: "add the fields, e.g. 'title: …' and 'summary: …'"))
            return nil
        }
        guard let mapping = node.mapping else {
            let mark = node.mark
            diagnostics.append(.error(file, (mark?.line ?? 1) + lineOffset, mark?.column ?? 1,
                                      "expected 'key: value' lines, found \(Self.describe(node))"))
            return nil
        }
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            if !seen.insert(key).inserted {
                diagnostics.append(.error(file, (keyNode.mark?.line ?? 1) + lineOffset, keyNode.mark?.column ?? 1, "duplicate key '\(key)'"))
                continue
            }
            entries.append((key, keyNode, value))
        }
    }

    func position(of node: Node) -> (line: Int, column: Int) {
        ((node.mark?.line ?? 1) + lineOffset, node.mark?.column ?? 1)
    }

    func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    mutating func error(at node: Node, _ message: String, hint: String? = nil) {
        let position = position(of: node)
        diagnostics.append(.error(file, position.line, position.column, message, hint: hint))
    }

    /// Reports every key that is not in `known`, with a suggestion.
    /// `rule` is named in the message when a content rule asks for this.
    mutating func rejectUnknownKeys(_ known: [String], rule: ContentRule? = nil) {
        for entry in entries where !known.contains(entry.key) {
            let position = position(of: entry.keyNode)
            let hint = Suggestions.didYouMean(entry.key, in: known) ?? "known keys: \(known.joined(separator: ", "))"
            let named = rule.map { " [\($0.rawValue)]" } ?? ""
            diagnostics.append(.error(file, position.line, position.column, "unknown key '\(entry.key)'\(named)", hint: hint))
        }
    }

    /// Reports every key that is not in `known` as a warning: for knowledge bases whose front
    /// matter was written for another generator.
    mutating func warnAboutUnknownKeys(_ known: [String]) {
        for entry in entries where !known.contains(entry.key) {
            let position = position(of: entry.keyNode)
            let hint = Suggestions.didYouMean(entry.key, in: known) ?? "it is not used; the 'known-keys' rule makes this an error"
            diagnostics.append(.warning(file, position.line, position.column, "unknown key '\(entry.key)' is ignored", hint: hint))
        }
    }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let node = value(key) else {
            if required {
                diagnostics.append(.error(file, mappingPosition.line, 1, "missing required field '\(key)'", hint: "add '\(key): …' to the front matter"))
            }
            return nil
        }
        guard let scalar = node.scalar, node.tag.description != Yams.Tag.Name.null.rawValue else {
            error(at: node, "'\(key)' must be text, found \(Self.describe(node))")
            return nil
        }
        let text = scalar.string.trimmingWhitespace()
        if text.isEmpty && required {
            error(at: node, "'\(key)' is empty")
            return nil
        }
        return text
    }

    mutating func int(_ key: String) -> Int? {
        scalar(key, expected: "a whole number") { $0.int }
    }

    mutating func bool(_ key: String) -> Bool? {
        scalar(key, expected: "true or false") { $0.bool }
    }

    /// The value of `key` read by `read` from a scalar; a located error saying what was
    /// `expected` when it is something else.
    private mutating func scalar<Value>(_ key: String, expected: String, _ read: (Node) -> Value?) -> Value? {
        guard let node = value(key) else { return nil }
        guard node.scalar != nil, let value = read(node) else {
            error(at: node, "'\(key)' must be \(expected), found \(Self.describe(node))")
            return nil
        }
        return value
    }

    /// A calendar date written `YYYY-MM-DD`, kept as that text. A time after it, as other
    /// generators write (`2024-03-01 10:00:00 +0100`, `2024-03-01T10:00:00Z`), is ignored.
    mutating func date(_ key: String) -> String? {
        guard let node = value(key) else { return nil }
        guard let text = node.scalar?.string.trimmingWhitespace() else {
            error(at: node, "'\(key)' must be a date written YYYY-MM-DD, found \(Self.describe(node))")
            return nil
        }
        let day = String(text.prefix(10))
        let rest = text.dropFirst(10)
        guard Self.isValidDate(day), rest.isEmpty || rest.first == " " || rest.first == "T" else {
            error(at: node, "'\(key)' must be a date written YYYY-MM-DD, found \(Self.describe(node))")
            return nil
        }
        return day
    }

    /// A list of text items, each with its position. With `acceptingText`, a single text is
    /// read as a list separated by commas (or by spaces, as Jekyll writes tags).
    mutating func stringList(_ key: String, acceptingText: Bool = false) -> [(text: String, line: Int, column: Int)]? {
        guard let node = value(key) else { return nil }
        if acceptingText, let text = node.scalar?.string, node.tag.description != Yams.Tag.Name.null.rawValue {
            let position = position(of: node)
            let separator: Character = text.contains(",") ? "," : " "
            return text.split(separator: separator).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
                .map { ($0, position.line, position.column) }
        }
        guard let sequence = node.sequence else {
            let example = node.scalar.map { "\(key): [\($0.string)]" } ?? "\(key): [a, b]"
            error(at: node, "'\(key)' must be a list, found \(Self.describe(node))", hint: "write it as '\(example)'")
            return nil
        }
        var items: [(String, Int, Int)] = []
        for item in sequence {
            guard let scalar = item.scalar, !scalar.string.isEmpty else {
                error(at: item, "each item of '\(key)' must be text, found \(Self.describe(item))")
                continue
            }
            let position = position(of: item)
            items.append((scalar.string, position.line, position.column))
        }
        return items
    }

    static func isValidDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }) else { return false }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(month) && (1...days[month - 1]).contains(day)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if node.tag.description == Yams.Tag.Name.null.rawValue { return "nothing" }
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            return "'\(text)'"
        }
    }

    static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, let yaml),
             .parser(let context, let problem, let mark, let yaml),
             .composer(let context, let problem, let mark, let yaml):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
            let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(max(0, mark.line - 1)).first
            let character = line?.unicodeScalars.dropFirst(max(0, mark.column - 1)).first
            let hint = character == "\t" ? "indent with spaces: YAML does not allow tabs there" : hintFor(problem)
            return .error(file, mark.line + lineOffset, mark.column, message, hint: hint)
        case .reader(let problem, let offset, let value, let yaml):
            // Raised before scanning, e.g. for a control character; the offset counts characters.
            var line = 1, column = 1
            for character in yaml.prefix(offset ?? 0) {
                if character == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            let hex = String(value, radix: 16, uppercase: true)
            let character = value >= 0 ? " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex))" : ""
            return .error(file, line + lineOffset, column, "invalid YAML: \(problem)\(character)",
                          hint: problem.contains("control characters") ? "write it as an escape inside double quotes, e.g. \"\\t\"" : nil)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(file, context.mark.line + lineOffset, context.mark.column, "duplicate key '\(duplicates.joined(separator: "', '"))'")
        default:
            return .error(file, lineOffset + 1, 1, "invalid YAML: \(error)")
        }
    }

    private static func hintFor(_ problem: String) -> String? {
        if problem.contains("mapping values are not allowed") {
            return "a value containing ': ' must be quoted, e.g. title: \"Staff engineers: a guide\""
        }
        if problem.contains("found character that cannot start any token") {
            return "a value starting with a special character (` @ % | > etc.) must be quoted"
        }
        return nil
    }
}

import Foundation
import TOMLKit

/// TOML front matter (`+++`, as Hugo writes it), read as the same fields as YAML: each
/// top-level key becomes a YAML line holding its value as JSON, on the line where the key is
/// written, so every message about a field points at its line in the file.
enum TOMLFrontMatter {
    static func yaml(from toml: String, file: String, firstLine: Int) -> Result<String, Diagnostic> {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            return .failure(.error(file, error.source.begin.line + firstLine - 1, max(error.source.begin.column, 1),
                                   "invalid TOML: \(error.description)"))
        } catch {
            return .failure(.error(file, firstLine, 1, "invalid TOML: \(error)"))
        }
        guard let data = table.convert(to: .json).data(using: .utf8),
              let values = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            return .failure(.error(file, firstLine, 1, "invalid TOML: its values cannot be read"))
        }
        var lines: [String] = []
        var written: Set<String> = []
        var inSection = false
        for line in toml.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            var key: String?
            if trimmed.hasPrefix("[") {
                // `[section]` holds the keys below it: the section is one field, on this line.
                inSection = true
                let name = trimmed.dropFirst().prefix { $0 != "]" && $0 != "." }
                if !trimmed.hasPrefix("[[") { key = unquoted(String(name)) }
            } else if !inSection, let equals = trimmed.firstIndex(of: "="), !trimmed.hasPrefix("#") {
                key = unquoted(trimmed[..<equals].trimmingCharacters(in: .whitespaces))
            }
            guard let key, !written.contains(key), let value = values[key] else {
                lines.append("")
                continue
            }
            written.insert(key)
            lines.append("\(json(key)): \(json(value))")
        }
        // Keys the lines above did not place (`[[array.of.tables]]`): after the others.
        for key in values.keys.sorted() where !written.contains(key) {
            lines.append("\(json(key)): \(json(values[key] ?? NSNull()))")
        }
        return .success(lines.joined(separator: "\n"))
    }

    private static func unquoted(_ key: String) -> String {
        if key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first {
            return String(key.dropFirst().dropLast())
        }
        return key
    }

    /// JSON is YAML's flow syntax: a value written this way reads back as itself.
    private static func json(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes, .sortedKeys]) else {
            return "null"
        }
        return String(decoding: data, as: UTF8.self)
    }
}

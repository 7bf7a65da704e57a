/// A problem found in the content, located like a compiler error.
public struct Diagnostic: Sendable, Hashable, Comparable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning, error
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    /// The file's path as the user should see it, e.g. `Content/pitfalls/x.md`.
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    public var column: Int
    public var message: String
    /// What to do about it, when there is something useful to say.
    public var hint: String?

    public init(_ severity: Severity, file: String, line: Int = 0, column: Int = 0, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public static func error(_ file: String, _ line: Int = 0, _ column: Int = 0, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, message, hint: hint)
    }

    public static func warning(_ file: String, _ line: Int = 0, _ column: Int = 0, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: column, message, hint: hint)
    }

    /// A problem with a whole file or folder rather than a place in it.
    public static func error(_ file: String, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, file: file, message, hint: hint)
    }

    public static func warning(_ file: String, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, file: file, message, hint: hint)
    }

    /// `file:line:col: severity: message`, then the hint on its own line. Control and format
    /// characters (from file names, YAML escapes or link destinations) are shown as escapes,
    /// so content cannot write terminal escape sequences or fake lines into the report.
    public var description: String {
        var location = file.debugEscaped
        if line > 0 { location += ":\(line):\(max(column, 1))" }
        var text = "\(location): \(severity.rawValue): \(message.debugEscaped)"
        if let hint { text += "\n  hint: \(hint.debugEscaped)" }
        return text
    }

    /// A GitHub Actions workflow command, shown inline on a pull request's diff.
    public var githubAnnotation: String {
        func escapeData(_ text: String) -> String {
            text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A").debugEscaped
        }
        func escapeProperty(_ text: String) -> String {
            escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
        }
        var properties = ["file=\(escapeProperty(file))"]
        if line > 0 {
            properties.append("line=\(line)")
            properties.append("col=\(max(column, 1))")
        }
        let body = hint.map { "\(message) (hint: \($0))" } ?? message
        return "::\(severity.rawValue) \(properties.joined(separator: ","))::\(escapeData(body))"
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.message)
    }
}

/// Thrown when content errors stop a stage; carries every problem found so far.
public struct ContentErrors: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension [Diagnostic] {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = self[...]
        while let range = rest.range(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

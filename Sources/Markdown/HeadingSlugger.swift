/// Makes GitHub-style heading ids, unique within one document.
///
/// Lowercase; letters, digits, `-` and `_` kept; spaces become `-`; everything else is
/// dropped. A repeated slug gets `-1`, `-2`, … in order, as on GitHub.
public struct HeadingSlugger: Sendable {
    private var used: Set<String> = []
    /// The last suffix tried for each base slug, so a heading repeated thousands of times
    /// does not try `-1`, `-2`, … from the start each time.
    private var lastSuffix: [String: Int] = [:]

    public init() {}

    public static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII {
                // ASCII by value: Unicode property lookups dominated the cost of long documents.
                switch scalar.value {
                case 0x20, 0x2D: slug.append("-")
                case 0x5F, 0x30...0x39, 0x61...0x7A: slug.unicodeScalars.append(scalar)
                default: break
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                slug.unicodeScalars.append(scalar)
            }
        }
        return slug
    }

    public mutating func uniqueSlug(for text: String) -> String {
        let slug = Self.slug(text)
        let base = slug.isEmpty ? "section" : slug
        var candidate = base
        var counter = lastSuffix[base] ?? 0
        if counter > 0 { candidate = "\(base)-\(counter)" }
        while used.contains(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        used.insert(candidate)
        lastSuffix[base] = counter
        return candidate
    }
}

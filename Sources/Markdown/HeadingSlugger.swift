/// Makes GitHub-style heading ids, unique within one document.
///
/// Lowercase; letters, digits, `-` and `_` kept; spaces become `-`; everything else is
/// dropped. A repeated slug gets `-1`, `-2`, … in order, as on GitHub.
public struct HeadingSlugger: Sendable {
    private var used: Set<String> = []

    public init() {}

    public static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " || scalar == "-" {
                slug.append("-")
            } else if scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                slug.unicodeScalars.append(scalar)
            }
        }
        return slug
    }

    public mutating func uniqueSlug(for text: String) -> String {
        let base = Self.slug(text).isEmpty ? "section" : Self.slug(text)
        var candidate = base
        var counter = 0
        while used.contains(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        used.insert(candidate)
        return candidate
    }
}

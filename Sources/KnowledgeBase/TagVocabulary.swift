import Markdown
import Yams

/// A declared tag.
public struct Tag: Sendable, Hashable, Identifiable {
    public var id: String { slug }
    /// The name as declared in `tags.yml`.
    public var name: String
    /// URL-safe form: lowercase, words joined by `-`.
    public var slug: String
    public var description: String
    public var aliases: [String]
    public var line: Int
    public var column: Int
}

/// The tags declared in `Content/tags.yml`.
///
/// Each entry maps a name to its one-line description, or to a mapping with
/// `description` and optional `aliases`. Names match case-insensitively.
public struct TagVocabulary: Sendable {
    /// Sorted by slug.
    public private(set) var tags: [Tag] = []
    private var slugByKey: [String: String] = [:]
    private var tagBySlug: [String: Tag] = [:]

    /// False when `tags.yml` could not be read; unknown tags are then not reported, since
    /// every tag would be.
    public private(set) var isComplete = true
    /// Whether the tags come from a `tags.yml`. Without one, any tag an article uses is one.
    public private(set) var isDeclared = true

    public init() {}

    /// The vocabulary of a knowledge base without `tags.yml`: nothing declared, anything accepted.
    public static var undeclared: TagVocabulary {
        var vocabulary = TagVocabulary()
        vocabulary.isDeclared = false
        return vocabulary
    }

    /// The tags the articles use (slugs), named after their slugs, for a knowledge base
    /// without `tags.yml`.
    init(used: [[String]]) {
        isDeclared = false
        for slug in Set(used.joined()) {
            let tag = Tag(name: slug.replacingAll("-", with: " "), slug: slug, description: "", aliases: [], line: 0, column: 0)
            tagBySlug[slug] = tag
            slugByKey[slug] = slug
        }
        tags = tagBySlug.values.sorted { $0.slug < $1.slug }
    }

    /// A vocabulary that could not be read: no tags, and unknown tags are not reported.
    public static var unreadable: TagVocabulary {
        var vocabulary = TagVocabulary()
        vocabulary.isComplete = false
        return vocabulary
    }

    public init(yaml: String, file: String, diagnostics: inout [Diagnostic]) {
        guard let fields = YAMLFields(yaml: yaml, file: file, firstLine: 1, diagnostics: &diagnostics) else {
            isComplete = false
            return
        }
        var collected: [Tag] = []
        for entry in fields.entries {
            if let tag = Self.tag(entry, in: fields, file: file, diagnostics: &diagnostics) { collected.append(tag) }
        }
        for tag in collected { register(tag, file: file, diagnostics: &diagnostics) }
        tags = tagBySlug.values.sorted { $0.slug < $1.slug }
    }

    /// One entry of `tags.yml`: `name: description`, or `name:` with `description` and
    /// `aliases` below it. Nil, with the reason reported, when it is not a usable tag.
    private static func tag(_ entry: (key: String, keyNode: Node, value: Node), in fields: YAMLFields, file: String, diagnostics: inout [Diagnostic]) -> Tag? {
        let position = fields.position(of: entry.keyNode)
        let name = entry.key
        guard let slug = normalize(name) else {
            diagnostics.append(.error(file, position.line, position.column, "tag name '\(name.debugEscaped)' is not usable",
                                      hint: "use letters, digits, spaces or '-' (no '/', '..' or control characters)"))
            return nil
        }
        var description: String?
        var aliases: [String] = []
        switch entry.value {
        case .scalar(let scalar):
            description = scalar.string.trimmingWhitespace()
        case .mapping(let mapping):
            for (key, value) in mapping {
                switch key.string {
                case "description":
                    description = value.scalar?.string.trimmingWhitespace()
                case "aliases":
                    if let sequence = value.sequence {
                        aliases = sequence.compactMap { $0.scalar?.string }
                    } else if let single = value.scalar?.string {
                        aliases = [single]
                    }
                default:
                    let keyPosition = fields.position(of: key)
                    diagnostics.append(.error(file, keyPosition.line, keyPosition.column, "unknown key '\(key.string ?? "")' in tag '\(name)'",
                                              hint: Suggestions.didYouMean(key.string ?? "", in: ["description", "aliases"])))
                }
            }
        default:
            break
        }
        guard let description, !description.isEmpty else {
            diagnostics.append(.error(file, position.line, position.column, "tag '\(name)' has no description",
                                      hint: "write '\(name): One line saying what the tag covers.'"))
            return nil
        }
        return Tag(name: name, slug: slug, description: description, aliases: aliases, line: position.line, column: position.column)
    }

    /// Adds `tag` and its aliases, unless its slug or an alias is already taken.
    private mutating func register(_ tag: Tag, file: String, diagnostics: inout [Diagnostic]) {
        if let existing = tagBySlug[tag.slug] {
            diagnostics.append(.error(file, tag.line, tag.column, "tag '\(tag.name)' and tag '\(existing.name)' both become '\(tag.slug)'",
                                      hint: "merge them, or make one an alias of the other"))
            return
        }
        tagBySlug[tag.slug] = tag
        slugByKey[tag.slug] = tag.slug
        for alias in tag.aliases {
            guard let key = Self.normalize(alias) else {
                diagnostics.append(.error(file, tag.line, tag.column, "alias '\(alias.debugEscaped)' of tag '\(tag.name)' is not usable"))
                continue
            }
            if let other = slugByKey[key], other != tag.slug {
                diagnostics.append(.error(file, tag.line, tag.column, "alias '\(alias)' of tag '\(tag.name)' is already used by tag '\(other)'"))
                continue
            }
            slugByKey[key] = tag.slug
        }
    }

    public subscript(slug: String) -> Tag? { tagBySlug[slug] }

    /// The tag a name or alias refers to.
    public func resolve(_ name: String) -> Tag? {
        Self.normalize(name).flatMap { slugByKey[$0] }.flatMap { tagBySlug[$0] }
    }

    /// The closest declared name, for "did you mean".
    public func suggestion(for name: String) -> String? {
        Suggestions.closest(to: Self.normalize(name) ?? name, in: slugByKey.keys.sorted())
            .flatMap { slugByKey[$0] }
    }

    /// The address form (``URLNames/segment(_:)``) of a name made of letters, digits, spaces,
    /// `_` and `-`; nil for any other character (a path separator, `.`, punctuation, a control
    /// character) or when nothing is left.
    public static func normalize(_ name: String) -> String? {
        let lowered = name.lowercased()
        let usable = lowered.unicodeScalars.allSatisfy {
            $0 == " " || $0 == "_" || $0 == "-" || $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
        return usable ? URLNames.segment(lowered) : nil
    }
}

extension String {
    /// The text with control and format characters (terminal escapes, bidi overrides) shown
    /// as escapes, safe to print in a message.
    var debugEscaped: String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                result += scalar.escaped(asASCII: true)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

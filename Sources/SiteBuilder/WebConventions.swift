/// The Content-Security-Policy every page carries as a meta tag: only the site's own
/// scripts and styles run (no inline script, no eval), nothing is loaded from elsewhere
/// except images, and forms submit only to the site itself. `'self'` also covers
/// `file://` pages, so the handbook works opened from disk.
enum ContentSecurityPolicy {
    static let value = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' https: data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ].joined(separator: "; ")
}

enum BaseURL {
    /// `https://x.org/handbook` + `a/b.html` → `https://x.org/handbook/a/b.html`.
    static func join(_ base: String, _ path: String) -> String {
        (base.hasSuffix("/") ? base : base + "/") + path
    }
}

/// Escaping for text placed in XML (feeds, sitemaps).
enum XMLEscaping {
    static func escape(_ text: String) -> String {
        // Most titles, paths and anchors need nothing: checking the bytes first spares
        // building the same string again, scalar by scalar (the EPUB escapes every title).
        guard text.utf8.contains(where: needsAttention) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                // Characters XML 1.0 forbids are dropped rather than passed on.
                let value = scalar.value
                if value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF) {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Whether `byte` may need escaping or dropping: one of `&<>"'`, a control character, or
    /// the lead byte of U+FFFE and U+FFFF (`EF BF BE`, `EF BF BF`), which XML forbids.
    private static func needsAttention(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: true
        case 0x09, 0x0A, 0x0D: false
        default: byte < 0x20
        }
    }
}

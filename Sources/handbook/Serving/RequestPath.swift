import Foundation

/// A request target checked and split into path segments, before it comes near the file
/// system.
///
/// Rejected as bad requests: targets that do not start with `/`; `.` and `..` segments,
/// whether written plainly or percent-encoded; encoded slashes (`%2f`); backslashes, raw or
/// encoded; NUL and other control characters; malformed percent escapes; bytes that are not
/// UTF-8. Segments starting with a dot are never served (the folder marker, temporary files).
/// The query and fragment are dropped.
struct RequestPath: Sendable, Equatable {
    /// Decoded segments, none empty.
    var segments: [String]
    /// Whether the path ends with `/`, as a folder's address should.
    var hasTrailingSlash: Bool

    enum Problem: Error, Equatable {
        /// The target is malformed or tries to leave the site: answered with 400.
        case malformed(String)
        /// A hidden file: answered with 404, as if it did not exist.
        case hidden
    }

    static func parse(_ target: String) -> Result<RequestPath, Problem> {
        var raw = Substring(target)
        if let end = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) { raw = raw[..<end] }
        guard raw.hasPrefix("/") else { return .failure(.malformed("the path must start with '/'")) }
        if raw.contains("\\") { return .failure(.malformed("backslash in the path")) }
        var segments: [String] = []
        var hidden = false
        for rawSegment in raw.split(separator: "/", omittingEmptySubsequences: true) {
            guard let bytes = percentDecoded(rawSegment) else { return .failure(.malformed("malformed percent escape")) }
            if let byte = bytes.first(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }) {
                return .failure(.malformed(byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") ? "encoded separator in the path" : "control character in the path"))
            }
            guard let segment = String(bytes: bytes, encoding: .utf8) else { return .failure(.malformed("the path is not UTF-8")) }
            if segment == "." || segment == ".." { return .failure(.malformed("'\(segment)' in the path")) }
            if segment.hasPrefix(".") { hidden = true }
            segments.append(segment)
        }
        if hidden { return .failure(.hidden) }
        return .success(RequestPath(segments: segments, hasTrailingSlash: raw.hasSuffix("/")))
    }

    /// Nil when an escape is malformed (`%`, `%4`, `%zz`).
    static func percentDecoded(_ text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The path as a URL path again, percent-encoding what needs it; for redirects.
    var encoded: String {
        let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@".utf8)
        var text = "/"
        for (index, segment) in segments.enumerated() {
            if index > 0 { text += "/" }
            for byte in segment.utf8 {
                if unreserved.contains(byte) {
                    text.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    text += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
        }
        if hasTrailingSlash && !segments.isEmpty { text += "/" }
        return text
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

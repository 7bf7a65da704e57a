/// Recognizes link destinations that would run script or reach outside the site.
public enum URLSafety {
    private static let dangerousSchemes = ["javascript:", "vbscript:", "file:", "data:"]

    /// True for `javascript:`, `vbscript:`, `file:` and `data:` destinations, however they
    /// are disguised: mixed case, leading spaces or control characters, or tabs and line
    /// breaks inside the scheme (browsers drop those before reading it).
    public static func isDangerous(_ destination: String) -> Bool {
        var scheme: [UInt8] = []
        for byte in destination.utf8 {
            if byte <= 0x20 || byte == 0x7F { continue }
            scheme.append(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0))
            if byte == UInt8(ascii: ":") || scheme.count > 12 { break }
        }
        let text = String(decoding: scheme, as: UTF8.self)
        return dangerousSchemes.contains { text.hasPrefix($0) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension String {
    /// Whether the text's UTF-8 holds `byte`. `memchr` reads the bytes many at a time; the
    /// generic `utf8.contains` reads a whole article one byte at a time, which at 10,000
    /// articles was a fifth of a second of a build.
    public func containsUTF8Byte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }
}

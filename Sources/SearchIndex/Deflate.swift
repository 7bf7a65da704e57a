import Foundation
import ZIPFoundation

/// Raw deflate (RFC 1951), as the browser's `DecompressionStream("deflate-raw")` reads it, and
/// Base64, to carry the compressed bytes in a JavaScript string. zlib at its default level: the
/// same bytes in give the same bytes out.
enum Deflate {
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        let input = Data(bytes)
        var output: [UInt8] = []
        // Reading from memory and appending to memory cannot fail.
        _ = try! Data.compress(size: Int64(input.count), bufferSize: max(1, input.count), provider: { position, size in
            input.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { output += $0 })
        return output
    }

    /// The bytes `compress` was given, or nil when `bytes` are not raw deflate.
    static func decompress(_ bytes: [UInt8]) -> [UInt8]? {
        let input = Data(bytes)
        var output: [UInt8] = []
        do {
            _ = try Data.decompress(size: Int64(input.count), bufferSize: 1 << 16, skipCRC32: true, provider: { position, size in
                input.subdata(in: Int(position)..<min(input.count, Int(position) + size))
            }, consumer: { output += $0 })
        } catch {
            return nil
        }
        return output
    }

    /// `bytes` compressed and written as Base64.
    static func base64(_ bytes: [UInt8]) -> String {
        Data(compress(bytes)).base64EncodedString()
    }
}

import Clibdeflate
import Foundation

/// Raw deflate (RFC 1951: no header, no checksum), the form ZIP entries hold and the browser's
/// `DecompressionStream("deflate-raw")` reads, with the CRC-32 a ZIP entry carries.
///
/// libdeflate at its fastest level: on the search index's document store it takes a third of
/// the time zlib takes at its default level, for output within 1% of its size, and at the same
/// level it is about twice as fast as zlib. Each input is compressed whole, in one call, so
/// the EPUB's documents and the index's files are compressed on all cores at once. The same
/// bytes in give the same bytes out.
public struct DeflatedPiece: Sendable {
    /// The compressed bytes: a whole raw deflate stream.
    public private(set) var bytes: [UInt8]
    /// The CRC-32 of the bytes before compression.
    public private(set) var crc: UInt32
    /// How many bytes there were before compression.
    public private(set) var count: Int

    public init(_ input: [UInt8]) {
        bytes = RawDeflate.deflate(input)
        crc = RawDeflate.crc32(input)
        count = input.count
    }
}

public enum RawDeflate {
    /// libdeflate's fastest level (1 to 12).
    public static let level: Int32 = 1

    /// `input` deflated at ``level``.
    public static func deflate(_ input: [UInt8]) -> [UInt8] {
        compressors.withCompressor { compressor in deflate(input, with: compressor) }
    }

    /// Compressed into a scratch buffer of the bound's size, then copied into an array of the
    /// output's own size: an array cut down to it would keep the bound's capacity, about the
    /// input's size, in whatever holds it (an EPUB document until the book is packed, an
    /// article's text for a whole build).
    private static func deflate(_ input: [UInt8], with compressor: OpaquePointer) -> [UInt8] {
        let bound = libdeflate_deflate_compress_bound(compressor, input.count)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { scratch in
            let count = input.withUnsafeBytes { source in
                libdeflate_deflate_compress(compressor, source.baseAddress, source.count, scratch.baseAddress, bound)
            }
            // The bound is enough for any input.
            precondition(count > 0 || input.isEmpty, "deflate output larger than its bound")
            return Array(UnsafeBufferPointer(rebasing: scratch[..<count]))
        }
    }

    /// What `deflate` was given, or nil when `input` is not a whole raw deflate stream.
    public static func inflate(_ input: [UInt8]) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        // libdeflate inflates into a buffer of a known size: grow it until the output fits.
        var capacity = max(1 << 16, input.count * 8)
        while capacity < 1 << 31 {
            var output = [UInt8](repeating: 0, count: capacity)
            var produced = 0
            let result = input.withUnsafeBytes { source in
                output.withUnsafeMutableBytes { target in
                    libdeflate_deflate_decompress(decompressor, source.baseAddress, source.count, target.baseAddress, target.count, &produced)
                }
            }
            switch result {
            case LIBDEFLATE_SUCCESS:
                output.removeLast(output.count - produced)
                return output
            case LIBDEFLATE_INSUFFICIENT_SPACE: capacity *= 4
            default: return nil
            }
        }
        return nil
    }

    /// Inflates a whole raw deflate stream into `target`, which must have room for all of it;
    /// returns how many bytes it produced, or nil when the input is not a whole stream that fits.
    static func inflate(_ input: [UInt8], into target: UnsafeMutableRawBufferPointer) -> Int? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var produced = 0
        let result = input.withUnsafeBytes { source in
            libdeflate_deflate_decompress(decompressor, source.baseAddress, source.count, target.baseAddress, target.count, &produced)
        }
        return result == LIBDEFLATE_SUCCESS ? produced : nil
    }

    /// The CRC-32 (as ZIP and gzip use it) of `bytes`.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
    }

    private static let compressors = CompressorPool()
}

/// Compressors kept for the next call: making one costs a sixth of compressing a page of the
/// EPUB, and each call starts from a clean state, so a reused one gives the same bytes. There
/// are never more than the calls running at once, one per core.
private final class CompressorPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [OpaquePointer] = []

    func withCompressor<Result>(_ body: (OpaquePointer) -> Result) -> Result {
        // Allocating a compressor fails only when memory does, which nothing here can recover from.
        guard let compressor = lock.withLock({ idle.popLast() }) ?? libdeflate_alloc_compressor(RawDeflate.level) else {
            fatalError("out of memory for a deflate compressor")
        }
        defer { lock.withLock { idle.append(compressor) } }
        return body(compressor)
    }
}

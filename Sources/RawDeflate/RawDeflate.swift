import Czlib

/// zlib's raw deflate (RFC 1951: no header, no checksum), the form ZIP entries hold and the
/// browser's `DecompressionStream("deflate-raw")` reads, with the CRC-32 a ZIP entry carries.
/// The same bytes and level give the same bytes out.
public struct DeflatedPiece: Sendable {
    /// The compressed bytes.
    public private(set) var bytes: [UInt8]
    /// The CRC-32 of the bytes before compression.
    public private(set) var crc: UInt32
    /// How many bytes there were before compression.
    public private(set) var count: Int

    /// `input` deflated at `level` (1, fastest, to 9, smallest). A piece that is not `final`
    /// ends on a byte boundary without ending the stream, so pieces deflated on their own (on
    /// different cores) and joined in order are one valid stream, the last one `final`.
    public init(_ input: [UInt8], level: Int32, final: Bool = true) throws {
        bytes = try RawDeflate.deflate(input, level: level, final: final)
        crc = RawDeflate.crc32(input)
        count = input.count
    }

    /// The pieces one after another, as one: `pieces` must end with a `final` one.
    public static func joined(_ pieces: [DeflatedPiece]) -> DeflatedPiece {
        var whole = DeflatedPiece(bytes: [], crc: 0, count: 0)
        whole.bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.bytes.count })
        for piece in pieces {
            whole.bytes += piece.bytes
            whole.crc = UInt32(truncatingIfNeeded: crc32_combine(UInt(whole.crc), UInt(piece.crc), Int(piece.count)))
            whole.count += piece.count
        }
        return whole
    }

    private init(bytes: [UInt8], crc: UInt32, count: Int) {
        (self.bytes, self.crc, self.count) = (bytes, crc, count)
    }
}

/// zlib refused its input or ran out of memory.
public struct DeflateError: Error, CustomStringConvertible {
    public let description: String
}

public enum RawDeflate {
    /// `input` deflated at `level`; see ``DeflatedPiece/init(_:level:final:)`` for `final`.
    public static func deflate(_ input: [UInt8], level: Int32, final: Bool = true) throws -> [UInt8] {
        guard input.count < Int(UInt32.max) else { throw DeflateError(description: "\(input.count) bytes are too many to deflate at once") }
        var stream = z_stream()
        let start = deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard start == Z_OK else { throw DeflateError(description: "zlib could not start deflating (error \(start))") }
        defer { deflateEnd(&stream) }
        // Room for all of it at once, and for the empty block that ends a piece that is not final.
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 16)
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return Czlib.deflate(&stream, final ? Z_FINISH : Z_SYNC_FLUSH)
            }
        }
        guard status == (final ? Z_STREAM_END : Z_OK), stream.avail_in == 0 else {
            throw DeflateError(description: "zlib could not deflate \(input.count) bytes (error \(status))")
        }
        output.removeLast(Int(stream.avail_out))
        return output
    }

    /// What `deflate` was given, or nil when `input` is not a whole raw deflate stream.
    public static func inflate(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK,
              input.count < Int(UInt32.max) else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status = Z_OK
        input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while status == Z_OK {
                let produced = chunk.withUnsafeMutableBufferPointer { target -> Int in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    status = Czlib.inflate(&stream, Z_NO_FLUSH)
                    return target.count - Int(stream.avail_out)
                }
                output += chunk[..<produced]
                if produced == 0 && status == Z_OK { status = Z_BUF_ERROR }
            }
        }
        return status == Z_STREAM_END ? output : nil
    }

    /// The CRC-32 (as ZIP and gzip use it) of `bytes`.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: crc32_z(0, buffer.baseAddress, buffer.count))
        }
    }
}

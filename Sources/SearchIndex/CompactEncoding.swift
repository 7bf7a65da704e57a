/// The compact text encodings of the index, mirrored by the decoder in `Theme/assets/search-engine.js`.
///
/// Numbers are written with a 64-character alphabet that needs no escaping in a JavaScript
/// string. A varint is written most significant group first, five bits per character; the
/// last character comes from the upper half of the alphabet, so a reader knows where it ends
/// without separators. Values up to 31 take one character, up to 1023 two, up to 32767 three.
enum CompactEncoding {
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".unicodeScalars)
    private static let alphabetBytes = alphabet.map { UInt8($0.value) }

    /// Appends `value` (≥ 0) as a varint.
    static func appendVarint(_ value: Int, to output: inout [UInt8]) {
        precondition(value >= 0, "varints are unsigned")
        var shift = 0
        while value >> (shift + 5) > 0 { shift += 5 }
        while shift > 0 {
            output.append(alphabetBytes[(value >> shift) & 31])
            shift -= 5
        }
        output.append(alphabetBytes[32 + value & 31])
    }

    /// Appends `digit` (0...63) as one character.
    static func appendDigit(_ digit: Int, to output: inout [UInt8]) {
        precondition((0..<64).contains(digit), "a digit is 6 bits")
        output.append(alphabetBytes[digit])
    }

    /// A file-name-safe spelling of a term prefix: a–z and 0–9 stay, any other UTF-16 unit
    /// becomes `_` and four hex digits. Terms never contain `_`, so spellings cannot collide.
    /// Works on UTF-16 units because prefixes may cut a surrogate pair, as JavaScript's do.
    static func fileKey<Units: Collection<UInt16>>(units: Units) -> String {
        var output = ""
        for unit in units {
            switch unit {
            case 0x61...0x7A, 0x30...0x39: output.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                output += "_" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return output
    }

    static func fileKey(_ key: String) -> String { fileKey(units: key.utf16) }
}

extension String {
    /// Orders strings by UTF-16 code units, as JavaScript's `<` does; Swift's own `<` orders by
    /// Unicode scalars after normalization, which the browser could not reproduce.
    func precedesInUTF16(_ other: String) -> Bool {
        utf16.lexicographicallyPrecedes(other.utf16)
    }
}

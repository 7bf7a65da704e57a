/// The compact text encodings of the index, mirrored by the decoder in `search.js`.
///
/// Numbers are written with a 64-character alphabet that needs no escaping in a JavaScript
/// string. A varint is written most significant group first, five bits per character; the
/// last character comes from the upper half of the alphabet, so a reader knows where it ends
/// without separators. Values up to 31 take one character, up to 1023 two, up to 32767 three.
enum CompactEncoding {
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".unicodeScalars)

    /// Appends `value` (≥ 0) as a varint.
    static func appendVarint(_ value: Int, to output: inout String) {
        precondition(value >= 0, "varints are unsigned")
        var groups: [Int] = [value & 31]
        var rest = value >> 5
        while rest > 0 {
            groups.append(rest & 31)
            rest >>= 5
        }
        for (index, group) in groups.reversed().enumerated() {
            let isLast = index == groups.count - 1
            output.unicodeScalars.append(alphabet[isLast ? 32 + group : group])
        }
    }

    /// Appends `digit` (0...63) as one character.
    static func appendDigit(_ digit: Int, to output: inout String) {
        precondition((0..<64).contains(digit), "a digit is 6 bits")
        output.unicodeScalars.append(alphabet[digit])
    }

    /// Decodes a string of varints; used by tests.
    static func decodeVarints(_ text: String) -> [Int] {
        var values: [Int] = []
        var value = 0
        for scalar in text.unicodeScalars {
            guard let digit = alphabet.firstIndex(of: scalar) else { return values }
            if digit >= 32 {
                values.append(value * 32 + digit - 32)
                value = 0
            } else {
                value = value * 32 + digit
            }
        }
        return values
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

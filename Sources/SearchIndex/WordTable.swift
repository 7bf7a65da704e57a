/// A hash table from words, given as UTF-8 bytes, to term numbers.
///
/// Indexing looks up every word of the corpus; with a `[String: Int32]` each lookup would first
/// build a String and hash it with SipHash. Here a known word costs one FNV-1a pass over its
/// bytes and one comparison, and only new words become Strings. Open addressing, linear
/// probing, kept at most half full.
struct WordTable {
    /// Per slot: the entry's index + 1, or 0 when empty.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var values: [Int32] = []
    /// All words' bytes, back to back.
    private var storage: [UInt8] = []

    init() {
        slots = Array(repeating: 0, count: 1 << 12)
    }

    var count: Int { values.count }

    /// All entries as (word, value).
    var entries: [(word: String, value: Int32)] {
        values.indices.map { index in
            let start = Int(starts[index])
            return (String(decoding: storage[start..<start + Int(lengths[index])], as: UTF8.self), values[index])
        }
    }

    func value(for word: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(word)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return nil }
            if hashes[entry] == hash, Int(lengths[entry]) == word.count, matches(entry, word) { return values[entry] }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Adds a word that is not in the table.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, value: Int32) {
        if (values.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(word)
        hashes.append(hash)
        starts.append(Int32(storage.count))
        lengths.append(Int32(word.count))
        values.append(value)
        storage.append(contentsOf: word)
        place(entry: values.count - 1, hash: hash)
    }

    private func matches(_ entry: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[entry])
        return storage.withUnsafeBufferPointer { stored in
            for offset in 0..<word.count where stored[start + offset] != word[offset] { return false }
            return true
        }
    }

    private mutating func place(entry: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(entry + 1)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for entry in values.indices { place(entry: entry, hash: hashes[entry]) }
    }

    /// FNV-1a, 64 bits.
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

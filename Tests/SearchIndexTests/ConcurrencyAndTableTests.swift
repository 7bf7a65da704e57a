import Parallel
import RawDeflate
import Testing
@testable import SearchIndex

@Suite struct ConcurrencyAndTableTests {
    @Test(arguments: [0, 1, 2, 7, 9, 17, 100, 1_001])
    func concurrentChunkedMapKeepsOrder(count: Int) {
        let items = Array(0..<count)
        #expect(concurrentChunkedMap(items) { $0 * 3 } == items.map { $0 * 3 })
    }

    @Test(arguments: [0, 1, 2, 63, 64, 65, 1_001])
    func parallelMapKeepsOrder(count: Int) {
        let items = Array(0..<count)
        #expect(items.parallelMap { $0 * 3 + 1 } == items.map { $0 * 3 + 1 })
    }

    /// Compressors are kept and reused across calls and threads: each call must still get one
    /// of its own, and give the bytes a call on its own gives.
    @Test func deflatingOnAllCoresGivesTheBytesOfOneCallAtATime() {
        let inputs = (0..<400).map { index in
            Array((0..<(index * 37 % 5_000)).map { UInt8(truncatingIfNeeded: $0 * (index % 7 + 1) / 3) })
        }
        let alone = inputs.map { RawDeflate.deflate($0) }
        let together = inputs.parallelMap { RawDeflate.deflate($0) }
        #expect(together == alone)
        #expect(together.map { RawDeflate.inflate($0) } == inputs.map { Optional($0) })
    }

    @Test func wordTableFindsWhatWasInsertedAcrossGrowth() {
        var table = WordTable()
        let words = (0..<10_000).map { "word\($0)" }
        for (index, word) in words.enumerated() {
            var word = word
            word.withUTF8 { bytes in
                #expect(table.value(for: bytes) == nil)
                table.insert(bytes, value: Int32(index))
            }
        }
        #expect(table.count == words.count)
        for (index, word) in words.enumerated() {
            var word = word
            word.withUTF8 { #expect(table.value(for: $0) == Int32(index)) }
        }
        var missing = "word10000"
        missing.withUTF8 { #expect(table.value(for: $0) == nil) }
        #expect(Set(table.entries.map(\.word)) == Set(words))
    }
}

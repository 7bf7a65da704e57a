#if os(Linux)
import Foundation
import Glibc
@testable import SiteBuilder
import Testing

@Suite struct MemoryReleaseTests {
    /// Memory freed below a block still in use stays with the process, where the allocator
    /// cannot shrink the heap from its top, until it is handed back.
    @Test func freedMemoryGoesBackToTheSystem() throws {
        let blockSize = 4_000
        let blocks = (0..<40_000).map { _ in malloc(blockSize)! }
        for block in blocks { memset(block, 1, blockSize) }
        let keeper = try #require(malloc(blockSize))
        defer { free(keeper) }
        for block in blocks { free(block) }
        let before = try Self.residentBytes()
        MemoryRelease.returnFreedMemory()
        let after = try Self.residentBytes()
        #expect(before - after > 100_000_000, "resident \(before) bytes before, \(after) after")
    }

    /// The second field of /proc/self/statm: resident pages.
    static func residentBytes() throws -> Int {
        let fields = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        return try #require(Int(fields[1])) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
#endif

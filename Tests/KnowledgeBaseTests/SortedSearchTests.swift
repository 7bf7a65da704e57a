import KnowledgeBase
import Testing

/// Asking a sorted list where something goes, by halving, as a search from the start would.
struct SortedSearchTests {
    @Test func theIndexIsTheFirstThatBelongsAfter() {
        let sorted = [1, 2, 2, 2, 5, 8, 8, 13]
        for value in 0...14 {
            #expect(sorted.partitioningIndex { $0 >= value } == (sorted.firstIndex { $0 >= value } ?? sorted.endIndex), "\(value)")
        }
        #expect([Int]().partitioningIndex { $0 >= 3 } == 0)
    }

    @Test func aSliceKeepsItsIndices() {
        let slice = [0, 4, 6, 6, 9, 11][2...]
        #expect(slice.partitioningIndex { $0 >= 6 } == 2)
        #expect(slice.partitioningIndex { $0 > 6 } == 4)
        #expect(slice.partitioningIndex { $0 > 20 } == slice.endIndex)
    }
}

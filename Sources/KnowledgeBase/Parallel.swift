import Dispatch

extension Array where Element: Sendable {
    /// Maps on all cores, keeping the order. Each result slot is written by exactly one
    /// worker, so there is no shared mutable state between them.
    public func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        let chunkCount = Swift.min(count, 64)
        withoutActuallyEscaping(transform) { transform in
            self.withUnsafeBufferPointer { elements in
                nonisolated(unsafe) let input = elements
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                    var index = chunk
                    while index < input.count {
                        slots[index] = transform(input[index])
                        index += chunkCount
                    }
                }
            }
        }
        return results.map { $0! }
    }
}

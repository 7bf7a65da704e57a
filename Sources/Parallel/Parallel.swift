import Dispatch
import Foundation

// Ordered parallel maps for the build's stages. Each call writes only its own, preinitialized
// slot of one buffer, so there is no shared mutable state to race on; the results are
// collected after `concurrentPerform` returns, which waits for every call.

/// Calls `body(0..<count)` in parallel and returns the results in index order.
public func concurrentMap<Output: Sendable>(count: Int, _ body: @Sendable (Int) -> Output) -> [Output] {
    guard count > 1 else { return (0..<count).map(body) }
    let slots = ResultSlots<Output>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        slots.store(body(index), at: index)
    }
    return slots.collect()
}

/// Maps `items` in parallel, in contiguous chunks (several per core, to even out their costs),
/// keeping the order. For work whose cost grows along the array.
public func concurrentChunkedMap<Item: Sendable, Output: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Output) -> [Output] {
    let chunkCount = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 4)
    guard chunkCount > 1 else { return items.map(transform) }
    let chunkSize = (items.count + chunkCount - 1) / chunkCount
    return concurrentMap(count: chunkCount) { chunk in
        items[min(items.count, chunk * chunkSize)..<min(items.count, (chunk + 1) * chunkSize)].map(transform)
    }.flatMap { $0 }
}

extension Array where Element: Sendable {
    /// Maps on all cores, keeping the order. Workers take every 64th element, so elements of
    /// uneven cost (pages, articles) spread evenly over them.
    public func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let slots = ResultSlots<Result>(count: count)
        let workers = Swift.min(count, 64)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: count, by: workers) {
                slots.store(transform(self[index]), at: index)
            }
        }
        return slots.collect()
    }
}

/// Storage that concurrent callers fill, each at an index no one else writes.
private final class ResultSlots<Output>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Output?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    func store(_ output: Output, at index: Int) {
        buffer[index] = output
    }

    func collect() -> [Output] {
        buffer.map { $0! }
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }
}

/// Work started on a thread of its own, to run beside what the caller does next; ``wait()``
/// returns its result. A thread rather than a queue: the caller's own parallel maps fill the
/// shared pool, and work queued there would wait for them instead of running beside them.
public final class BackgroundWork<Output: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var output: Output?

    public init(_ body: @escaping @Sendable () -> Output) {
        let thread = Thread { [self] in
            let result = body()
            lock.withLock { output = result }
            finished.signal()
        }
        thread.start()
    }

    /// Blocks until the work is done and returns what it made.
    public func wait() -> Output {
        finished.wait()
        // For the next caller, who then finds the work done at once.
        finished.signal()
        return lock.withLock { output! }
    }
}

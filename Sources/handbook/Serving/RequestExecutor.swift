import Foundation

/// Threads of their own for the server's tasks: the request handlers, the event streams and
/// the watcher, which inherit it as their executor preference (child tasks do).
///
/// On Linux, Swift's default executor runs tasks on Dispatch's worker threads, the same ones
/// a rebuild's parallel loops occupy entirely for seconds on a large site: requests would wait
/// for them. With these threads, requests are answered while a rebuild runs, and the rebuild's
/// threads can yield to them (see ``Offload/yieldToRequests(by:)``).
@available(macOS 15.0, *)
final class RequestExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0

    init(threads: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)) {
        for index in 0..<threads {
            let thread = Thread { [unowned self] in
                // Named from inside: a thread otherwise keeps the name of the one that made it.
                Thread.current.name = "handbook-http-\(index)"
                self.work()
            }
            thread.start()
        }
    }

    func enqueue(_ job: UnownedJob) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs jobs in the order they came, for the life of the process.
    private func work() {
        while true {
            condition.lock()
            while next == jobs.count { condition.wait() }
            let job = jobs[next]
            next += 1
            // Drop what has run, now and then, rather than shifting the array on every job.
            if next > 1024 && next * 2 > jobs.count {
                jobs.removeFirst(next)
                next = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

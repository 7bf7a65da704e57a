import Foundation

/// How long each stage took, in the order they ran.
public struct StageTimings: Sendable {
    public private(set) var stages: [(name: String, seconds: Double)] = []
    public init() {}

    public mutating func add(_ name: String, _ seconds: Double) {
        if let index = stages.firstIndex(where: { $0.name == name }) {
            stages[index].seconds += seconds
        } else {
            stages.append((name, seconds))
        }
    }

    /// Runs `body` and adds its wall time to the stage `name`.
    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer { add(name, (ContinuousClock.now - start).seconds) }
        return try body()
    }
}

extension Duration {
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}


import Foundation

extension OutputFolder {
    /// Replaces the output with `staging` like ``commit(_:)``, but leaves the previous output
    /// in a retired folder beside it and returns that folder's path, for the caller to remove
    /// when it suits (removing a large site takes a while; a server should not wait for it).
    /// `serial` tells apart the retired folders of one process; ``removeLeftovers()`` cleans
    /// up any that are left.
    public func swapIn(_ staging: String, serial: Int) throws -> String? {
        let retired = retiredPath("-\(serial)")
        guard let previous = try replace(with: staging, retiringTo: retired) else { return nil }
        guard previous == staging else { return previous }
        // Swapped in one step: the previous build is under the staging name. It moves aside so
        // the next rebuild can stage there; if that fails, it is removed from there.
        return (try? FileManager.default.moveItem(atPath: staging, toPath: retired)) != nil ? retired : staging
    }
}

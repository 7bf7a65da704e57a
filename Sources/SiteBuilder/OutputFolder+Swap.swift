import Foundation

extension OutputFolder {
    /// Replaces the output with `staging` like ``commit(_:)``, but leaves the previous output
    /// in a retired folder beside it and returns that folder's path, for the caller to remove
    /// when it suits (removing a large site takes a while; a server should not wait for it).
    /// `serial` tells apart the retired folders of one process; ``removeLeftovers()`` cleans
    /// up any that are left.
    public func swapIn(_ staging: String, serial: Int) throws -> String? {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else {
            try fm.moveItem(atPath: staging, toPath: path)
            return nil
        }
        let retired = "\(parentFolder)/\(Self.retiredPrefix)\(outputName)-\(ProcessInfo.processInfo.processIdentifier)-\(serial)"
        if fm.fileExists(atPath: retired) { try fm.removeItem(atPath: retired) }
        // One atomic step where the system can, as in `replace(with:)`: a reader of the served
        // folder never finds it missing. The previous build, now under the staging name, then
        // moves aside so the next rebuild can stage there; if that fails, it is removed there.
        if isOurs(path) && AtomicSwap.exchange(staging, path) {
            return (try? fm.moveItem(atPath: staging, toPath: retired)) != nil ? retired : staging
        }
        try fm.moveItem(atPath: path, toPath: retired)
        do {
            try fm.moveItem(atPath: staging, toPath: path)
        } catch {
            try? fm.moveItem(atPath: retired, toPath: path)
            throw error
        }
        return retired
    }
}

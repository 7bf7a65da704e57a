extension Substring {
    /// The parts of a path between its `/`s, found by byte. A `/` is always one byte, and
    /// splitting by characters instead costs grapheme breaking on every character: about
    /// 10,000 instructions for one path, which every link, page and anchor of a build pays.
    public func pathComponents(omittingEmpty: Bool = true) -> [Substring] {
        utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
    }
}

extension String {
    /// The parts of the path between its `/`s (see ``Substring/pathComponents(omittingEmpty:)``).
    public func pathComponents(omittingEmpty: Bool = true) -> [Substring] {
        self[...].pathComponents(omittingEmpty: omittingEmpty)
    }
}

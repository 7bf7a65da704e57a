/// Text that can be held deflated in memory and inflated each time it is read.
///
/// For what a large site holds from its parse to its output: the articles' HTML and text are
/// about 1.3 GB at a hundred thousand articles, more than half of the build's memory, and
/// deflated they take less than half of that. Small sites keep them as they are (``plain(_:)``):
/// deflating and inflating would cost them time for memory they have plenty of.
///
/// Two values are equal when their texts are, however each is held.
public struct PackedText: Sendable, Hashable {
    private enum Storage: Sendable {
        case plain(String)
        /// The raw deflate of the text's UTF-8, and how many bytes that is.
        case deflated([UInt8], count: Int)
    }

    private let storage: Storage

    /// The text held as it is.
    public static func plain(_ text: String) -> PackedText { PackedText(storage: .plain(text)) }

    /// The text held deflated.
    public static func deflated(_ text: String) -> PackedText {
        let bytes = Array(text.utf8)
        return PackedText(storage: .deflated(RawDeflate.deflate(bytes), count: bytes.count))
    }

    public static let empty = PackedText.plain("")

    public var isDeflated: Bool {
        if case .deflated = storage { true } else { false }
    }

    /// The length of the text's UTF-8, without inflating it.
    public var utf8Count: Int {
        switch storage {
        case .plain(let text): text.utf8.count
        case .deflated(_, let count): count
        }
    }

    /// The bytes of memory the text takes: its UTF-8, or the storage of its deflated form.
    public var heldBytes: Int {
        switch storage {
        case .plain(let text): text.utf8.count
        case .deflated(let bytes, _): bytes.capacity
        }
    }

    /// `prefix` and then this text, held the same way.
    public func prefixed(by prefix: String) -> PackedText {
        isDeflated ? .deflated(prefix + text) : .plain(prefix + text)
    }

    /// The text, inflated when it is held deflated.
    public var text: String {
        switch storage {
        case .plain(let text):
            return text
        case .deflated(let bytes, let count):
            return String(unsafeUninitializedCapacity: count, initializingUTF8With: { (target: UnsafeMutableBufferPointer<UInt8>) in
                let produced = RawDeflate.inflate(bytes, into: UnsafeMutableRawBufferPointer(target))
                // The bytes were deflated here from exactly `count` bytes: anything else is memory gone bad.
                precondition(produced == count, "packed text does not inflate to its length")
                return count
            })
        }
    }

    public static func == (lhs: PackedText, rhs: PackedText) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.plain(let left), .plain(let right)): left == right
        // The same bytes in give the same bytes out (RawDeflate), so equal texts deflate alike.
        case (.deflated(let left, _), .deflated(let right, _)): left == right
        default: lhs.text == rhs.text
        }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

import Ccmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Small, named operations on cmark nodes, so the extensions read as tree edits rather than
/// pointer juggling. Nodes are `OpaquePointer`s owned by the tree they sit in; a node
/// unlinked from its tree must be re-inserted or freed by the caller.
enum CmarkNode {
    static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

    /// Every text node below `root` in document order, with whether it is inside a link or an
    /// image, and every list item as it is entered. Collect the nodes and change the tree
    /// after the walk: cmark's iterator does not allow changes while it runs.
    static func forEachText(in root: OpaquePointer, enteringItem: (OpaquePointer) -> Void = { _ in },
                            _ visit: (_ node: OpaquePointer, _ insideLink: Bool) -> Void) {
        var linkDepth = 0
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            switch type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                linkDepth += event == CMARK_EVENT_ENTER ? 1 : -1
            case CMARK_NODE_ITEM where event == CMARK_EVENT_ENTER:
                enteringItem(node)
            case CMARK_NODE_TEXT:
                visit(node, linkDepth > 0)
            default:
                break
            }
        }
    }

    static func literal(_ node: OpaquePointer) -> [UInt8] {
        guard let literal = cmark_node_get_literal(node) else { return [] }
        return literal.withMemoryRebound(to: UInt8.self, capacity: strlen(literal)) {
            Array(UnsafeBufferPointer(start: $0, count: strlen(literal)))
        }
    }

    static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    static func text(_ bytes: some Collection<UInt8>) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        setLiteral(node, bytes)
        return node
    }

    static func setLiteral(_ node: OpaquePointer, _ bytes: some Collection<UInt8>) {
        var terminated = Array(bytes)
        terminated.append(0)
        terminated.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                _ = cmark_node_set_literal(node, $0)
            }
        }
    }

    /// A block whose HTML is `enter`, its children, then `exit`.
    static func customBlock(enter: String, exit: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    /// An inline whose HTML is `enter`, its children, then `exit`.
    static func customInline(enter: String, exit: String = "") -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    static func moveChildren(of source: OpaquePointer, to target: OpaquePointer) {
        while let child = cmark_node_first_child(source) {
            cmark_node_unlink(child)
            cmark_node_append_child(target, child)
        }
    }

    /// Unlinks `node` from its tree and frees it with everything below it.
    static func delete(_ node: OpaquePointer) {
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    static func startLine(_ node: OpaquePointer) -> Int { Int(cmark_node_get_start_line(node)) }
    static func startColumn(_ node: OpaquePointer) -> Int { Int(cmark_node_get_start_column(node)) }
    static func endLine(_ node: OpaquePointer) -> Int { Int(cmark_node_get_end_line(node)) }

    /// Parses `source` as a document of its own with the same options.
    /// The caller frees the returned root.
    static func parse(_ source: [UInt8], options: Int32) -> OpaquePointer {
        var bytes = source.isEmpty ? [UInt8(ascii: "\n")] : source
        return bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parse_document($0, buffer.count, options)
            }
        }
    }
}

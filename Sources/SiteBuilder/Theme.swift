import Foundation
import KnowledgeBase
import Mustache

/// A theme folder: Mustache templates named by their path (`article`, `partials/head`)
/// and static assets copied under `assets/` with a content hash in their names, so a
/// static host can cache them forever.
public struct Theme: Sendable {
    public var library: MustacheLibrary
    /// Output path (e.g. `assets/style.1a2b3c4d.css`) by the asset's name in `Theme/assets/`.
    public var assetPaths: [String: String]
    /// Asset bytes by output path.
    public var assetFiles: [String: [UInt8]]
    /// The EPUB's stylesheet, `epub/book.css` in the theme; a plain one if the theme has none.
    public var epubStylesheet: [UInt8] = Array(Self.defaultEPUBStylesheet.utf8)

    /// The templates every theme must have: one per page kind and the layout around them.
    public static let requiredTemplates = [
        "layout", "home", "topic", "article", "tags", "tag", "map", "search", "404", "book", "partials/book-topic", "partials/book-article", "partials/nav-article", "partials/nav-topic",
    ]
    /// Hashed names only for what pages link to; fonts and images keep theirs.
    static let fingerprintedExtensions: Set<String> = ["css", "js"]

    public static func load(from directory: String) throws(ContentErrors) -> Theme {
        let display = directory
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        FastHTMLContentType.register()
        var assetPaths: [String: String] = [:]
        var assetFiles: [String: [UInt8]] = [:]
        var epubStylesheet: [UInt8]?
        let files = listFiles(directory)
        if files.isEmpty {
            throw ContentErrors([.error(display, "theme folder not found or empty", hint: "pass --theme with the folder that holds the templates")])
        }
        for file in files {
            let path = "\(directory)/\(file)"
            if file.hasSuffix(".mustache") && !file.hasPrefix("assets/") {
                let name = String(file.dropLast(".mustache".count))
                guard let data = FileManager.default.contents(atPath: path) else {
                    diagnostics.append(.error("\(display)/\(file)", "cannot read the template"))
                    continue
                }
                do {
                    let text = FastHTMLContentType.pragma + String(decoding: data, as: UTF8.self)
                    library.register(try MustacheTemplate(string: text), named: name)
                } catch let error as MustacheTemplate.ParserError {
                    // The pragma sits at the start of line 1; report columns as in the file.
                    let context = error.context
                    let column = context.lineNumber == 1 ? max(1, context.columnNumber - FastHTMLContentType.pragma.count) : context.columnNumber
                    diagnostics.append(.error("\(display)/\(file)", context.lineNumber, column, "template error: \(error.error)"))
                } catch {
                    diagnostics.append(.error("\(display)/\(file)", "template error: \(error)"))
                }
            } else if file == "epub/book.css" {
                guard let data = FileManager.default.contents(atPath: path) else {
                    diagnostics.append(.error("\(display)/\(file)", "cannot read the stylesheet"))
                    continue
                }
                epubStylesheet = [UInt8](data)
            } else if file.hasPrefix("assets/") {
                guard let data = FileManager.default.contents(atPath: path) else {
                    diagnostics.append(.error("\(display)/\(file)", "cannot read the asset"))
                    continue
                }
                let bytes = [UInt8](data)
                let name = String(file.dropFirst("assets/".count))
                let output = fingerprinted(name, bytes: bytes)
                assetPaths[name] = "assets/\(output)"
                assetFiles["assets/\(output)"] = bytes
            }
        }
        for required in requiredTemplates where library.getTemplate(named: required) == nil {
            diagnostics.append(.error("\(display)/\(required).mustache", "the theme has no '\(required)' template"))
        }
        if diagnostics.hasErrors { throw ContentErrors(diagnostics) }
        var theme = Theme(library: library, assetPaths: assetPaths, assetFiles: assetFiles)
        if let epubStylesheet { theme.epubStylesheet = epubStylesheet }
        return theme
    }

    static let defaultEPUBStylesheet = "body { font-family: serif; line-height: 1.5; }\n"

    /// `style.css` → `style.1a2b3c4d.css`.
    static func fingerprinted(_ name: String, bytes: [UInt8]) -> String {
        guard let dot = name.lastIndex(of: "."), fingerprintedExtensions.contains(String(name[name.index(after: dot)...])) else { return name }
        return "\(name[..<dot]).\(ContentHash.hex(bytes, length: 10))\(name[dot...])"
    }

    /// Every file below `directory`, as sorted relative paths; hidden files skipped.
    static func listFiles(_ directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(directory)/\(path)", isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    func render(_ context: Any, template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}

/// A short content hash (64-bit FNV-1a) for cache-busting file names.
enum ContentHash {
    static func hex(_ bytes: [UInt8], length: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let text = String(hash, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - text.count)) + text).prefix(length))
    }
}

import Foundation
import KnowledgeBase
import Mustache

/// A loaded theme: Mustache templates named by their path (`article`, `partials/head`)
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
        "layout", "home", "topic", "article", "tags", "tag", "map", "search", "404", "book", "book-index", "partials/book-topic", "partials/book-article", "partials/nav-article", "partials/nav-topic",
        "partials/related-card", "partials/linked-article", "partials/tag-chip", "partials/article-card", "partials/head-assets",
    ]
    /// Hashed names only for what pages link to; fonts and images keep theirs.
    static let fingerprintedExtensions: Set<String> = ["css", "js"]

    /// The built-in theme with the files of a site's theme folder over it (see
    /// ``ThemeFiles/overridden(by:)``). A missing folder leaves the built-in theme as it is,
    /// unless `required` (a folder named on the command line must exist).
    public static func load(overriding directory: String, required: Bool = false) throws(ContentErrors) -> Theme {
        var diagnostics: [Diagnostic] = []
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue {
            let files = ThemeFiles.builtIn.overridden(by: ThemeFiles.read(directory, diagnostics: &diagnostics))
            return try load(files, diagnostics: diagnostics)
        }
        if required {
            diagnostics.append(.error(directory, "theme folder not found", hint: "pass --theme with a folder of templates and assets, or leave it out to use the built-in theme"))
        }
        return try load(.builtIn, diagnostics: diagnostics)
    }

    /// Templates from every `.mustache` file outside `assets/`, the EPUB's stylesheet from
    /// `epub/book.css` and every file in `assets/`. Problems are located in the file that
    /// provided them; any error (or one already in `diagnostics`) throws.
    public static func load(_ files: ThemeFiles, diagnostics: [Diagnostic] = []) throws(ContentErrors) -> Theme {
        var diagnostics = diagnostics
        var library = MustacheLibrary()
        FastHTMLContentType.register()
        var assetPaths: [String: String] = [:]
        var assetFiles: [String: [UInt8]] = [:]
        var epubStylesheet: [UInt8]?
        var broken: Set<String> = []
        for path in files.paths {
            guard let file = files.files[path] else { continue }
            if path.hasSuffix(".mustache") && !path.hasPrefix("assets/") {
                let name = String(path.dropLast(".mustache".count))
                broken.insert(name)
                do {
                    let text = FastHTMLContentType.pragma + String(decoding: file.bytes, as: UTF8.self)
                    library.register(try MustacheTemplate(string: text), named: name)
                    broken.remove(name)
                } catch let error as MustacheTemplate.ParserError {
                    // The pragma sits at the start of line 1; report columns as in the file.
                    let context = error.context
                    let column = context.lineNumber == 1 ? max(1, context.columnNumber - FastHTMLContentType.pragma.count) : context.columnNumber
                    diagnostics.append(.error(file.displayPath, context.lineNumber, column, "template error: \(error.error)"))
                } catch {
                    diagnostics.append(.error(file.displayPath, "template error: \(error)"))
                }
            } else if path == "epub/book.css" {
                epubStylesheet = file.bytes
            } else if path.hasPrefix("assets/") {
                let name = String(path.dropFirst("assets/".count))
                let output = fingerprinted(name, bytes: file.bytes)
                assetPaths[name] = "assets/\(output)"
                assetFiles["assets/\(output)"] = file.bytes
            }
        }
        // A template with errors is reported once, for its errors.
        for required in requiredTemplates where library.getTemplate(named: required) == nil && !broken.contains(required) {
            diagnostics.append(.error("\(ThemeFiles.builtInDisplayName)/\(required).mustache", "the theme has no '\(required)' template"))
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

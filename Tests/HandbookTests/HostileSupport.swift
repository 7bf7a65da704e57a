import Foundation
import TestSupport
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The catalogue of hostile and broken inputs in `Fixtures/hostile/`:
///
/// - `broken/<name>.md|yml` with `broken/<name>.expected`: an input that must be rejected with
///   the messages in the `.expected` file (one per line, each found in stderr; a line starting
///   with `!` is a message that must not appear), a non-zero exit
///   and the previous output untouched. `config-*.yml` becomes `handbook.yml`, `tags-*.yml`
///   becomes `Content/tags.yml`, `topic-*.md` becomes `Content/basics/_index.md`, anything else
///   `Content/basics/<name>.md` in the small fixture site.
/// - `accepted/<name>.md` with `accepted/<name>.expected`: odd but valid input (byte-order
///   marks, CRLF, Unicode) that must build, its page holding the expected lines.
/// - `injection-site/`: a whole site with a script-injection payload in every field, and
///   `injection-site.expected`: escaped text each page must hold (`path: text`).
enum Hostile {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hostile")

    /// The input files of one part of the catalogue, sorted.
    static func cases(_ part: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(part).path)) ?? []
        return names.filter { !$0.hasSuffix(".expected") && !$0.hasPrefix(".") }.sorted()
    }

    static func bytes(_ part: String, _ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent("\(part)/\(name)")))
    }

    /// The expected lines for a case: every non-empty line that is not a `#` comment.
    static func expectations(_ part: String, _ name: String) throws -> [String] {
        let stem = (name as NSString).deletingPathExtension
        let text = try String(contentsOf: folder.appendingPathComponent("\(part)/\(stem).expected"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Where a broken case goes in the fixture site.
    static func destination(of name: String) -> String {
        let stem = (name as NSString).deletingPathExtension
        if name.hasPrefix("config-") { return "handbook.yml" }
        if name.hasPrefix("tags-") { return "Content/tags.yml" }
        if name.hasPrefix("topic-") { return "Content/basics/_index.md" }
        return "Content/basics/\(stem).md"
    }

    /// A copy of the injection site with the repository's theme.
    static func injectionSite() throws -> TemporaryFolder {
        let site = try TemporaryFolder("handbook-hostile")
        let source = folder.appendingPathComponent("injection-site").path
        for item in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: "\(source)/\(item)", toPath: "\(site.path)/\(item)")
        }
        try FileManager.default.copyItem(atPath: Repository.theme, toPath: "\(site.path)/Theme")
        return site
    }

    /// Folders a build leaves beside its output while it runs.
    static func leftovers(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".handbook-") }.sorted()
    }
}

/// Runs the real binary with a time limit, optionally through a launcher (e.g. `setpriv`).
enum HostileRun {
    struct Outcome {
        var result: Handbook.Result
        var seconds: Double
        var timedOut: Bool
    }

    static func run(_ arguments: [String], in directory: String, launcher: [String] = [], timeout: Double = 120) throws -> Outcome {
        let process = Process()
        let command = launcher + [Handbook.binary] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "100"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        try process.run()
        // Read both pipes to the end before waiting, so a full pipe cannot stall the child.
        let errData = ThreadSafeData()
        let errThread = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errThread.start()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        let killed = ThreadSafeData()
        timer.schedule(deadline: .now() + timeout)
        timer.setEventHandler {
            killed.set(Data([1]))
            kill(process.processIdentifier, SIGKILL)
        }
        timer.resume()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        while !errData.isSet { usleep(1000) }
        let result = Handbook.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                     stderr: String(decoding: errData.value, as: UTF8.self))
        return Outcome(result: result, seconds: Date().timeIntervalSince(start), timedOut: killed.isSet)
    }
}

/// Proves a built site holds no markup or script that came from content.
enum InjectionScanner {
    /// Every element the theme and cmark's safe renderer write.
    static let allowedTags: Set<String> = [
        "html", "head", "meta", "title", "link", "script", "body", "a", "nav", "ol", "ul", "li", "main", "div", "header", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "span", "time", "button", "svg", "path", "circle", "g", "line", "figure",
        "figcaption", "section", "article", "blockquote", "code", "pre", "em", "strong", "img", "br", "hr", "form", "label",
        "input", "select", "option", "noscript", "aside", "small", "table", "thead", "tbody", "tr", "th", "td", "del", "details", "summary",
    ]
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "srcset"]

    /// One line per problem found in `html`.
    static func problems(inPage html: String, path: String, contentSecurityPolicy: String) -> [String] {
        var problems: [String] = []
        let tags = HTMLTag.all(in: html)
        var sawPolicy = false
        for (index, tag) in tags.enumerated() where !tag.isEnd {
            if !allowedTags.contains(tag.name) { problems.append("\(path): unexpected element \(tag)") }
            for attribute in tag.attributes {
                if attribute.name.hasPrefix("on") { problems.append("\(path): event handler in \(tag)") }
                if ["style", "srcdoc", "formaction", "xmlns:xlink"].contains(attribute.name) { problems.append("\(path): attribute \(attribute.name) in \(tag)") }
                if urlAttributes.contains(attribute.name) && BrowserURL.runsScript(attribute.value) {
                    problems.append("\(path): script URL in \(tag)")
                }
            }
            switch tag.name {
            case "script":
                // Only the theme's own fingerprinted files, with nothing inside the element.
                let source = tag.value(of: "src") ?? ""
                if source.firstMatch(of: /^(\.\.\/)*assets\/[a-z-]+\.[0-9a-f]{10}\.js$/) == nil {
                    problems.append("\(path): script that is not one of the theme's: \(tag)")
                }
                if index + 1 >= tags.count || !(tags[index + 1].isEnd && tags[index + 1].name == "script") {
                    problems.append("\(path): script element with content: \(tag)")
                }
                if !sawPolicy { problems.append("\(path): script before the Content-Security-Policy") }
            case "meta":
                if let equiv = tag.value(of: "http-equiv") {
                    if equiv.lowercased() != "content-security-policy" {
                        problems.append("\(path): meta http-equiv=\(equiv)")
                    } else if tag.value(of: "content").map(BrowserURL.decodingEntities) != contentSecurityPolicy || sawPolicy {
                        problems.append("\(path): unexpected Content-Security-Policy \(tag)")
                    } else {
                        sawPolicy = true
                    }
                }
            case "link":
                if !sawPolicy { problems.append("\(path): link before the Content-Security-Policy") }
            case "base", "iframe", "object", "embed", "math", "style":
                problems.append("\(path): forbidden element \(tag)")
            default:
                break
            }
        }
        if !sawPolicy { problems.append("\(path): no Content-Security-Policy") }
        return problems
    }

    /// A search index file must be plain ASCII JavaScript whose every piece of content sits in
    /// a closed string literal: no `<` (so no `</script>` or `<!--`), no raw line terminators.
    static func problems(inScript script: String, path: String) -> [String] {
        var problems: [String] = []
        if !script.utf8.allSatisfy({ $0 < 0x80 }) { problems.append("\(path): not ASCII") }
        if script.contains("<") { problems.append("\(path): holds '<'") }
        let outside = JavaScriptStrings.codeOutsideStrings(script)
        if outside == nil { problems.append("\(path): a string literal never closes or spans lines") }
        if let outside, outside.contains("pwned") || outside.contains("'") { problems.append("\(path): content outside string literals: \(outside.prefix(200))") }
        return problems
    }

    /// The element names of an XML document and the text of each element, or nil when it is
    /// not well-formed.
    static func parseXML(_ data: Data) -> (names: Set<String>, texts: [(String, String)])? {
        final class Collector: NSObject, XMLParserDelegate {
            var names: Set<String> = []
            var texts: [(String, String)] = []
            var stack: [(String, String)] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                names.insert(name)
                stack.append((name, ""))
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if !stack.isEmpty { stack[stack.count - 1].1 += string }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if let last = stack.popLast() { texts.append(last) }
            }
        }
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { return nil }
        return (collector.names, collector.texts)
    }
}

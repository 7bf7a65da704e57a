import Foundation
import ThemeFolder

// Writes every file of a theme folder into a Swift source file, for the EmbedTheme build plugin:
//
//     ThemeEmbedder <theme folder> <output.swift>
//
// Text files become string literals (ASCII only, everything else escaped), anything that is
// not UTF-8 becomes Base64. Hidden files and folders are left out, as the theme loader leaves
// them out. The same files always give the same bytes (they are sorted), and an output that
// would not change is not touched, so nothing is compiled again.

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: ThemeEmbedder <theme folder> <output.swift>\n".utf8))
    exit(2)
}
let (folder, output) = (arguments[0], arguments[1])

let paths = ThemeFolder.files(in: folder)
if paths.isEmpty {
    FileHandle.standardError.write(Data("error: no theme files in \(folder)\n".utf8))
    exit(1)
}

/// A string literal that reads back as exactly `text`: printable ASCII as it is, the rest escaped.
func literal(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case " "..."~": result.unicodeScalars.append(scalar)
        default: result += "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
    return result + "\""
}

var source = """
// Generated at build time from the repository's Theme/ folder by ThemeEmbedder, run by the
// EmbedTheme build plugin. Do not edit: edit Theme/ instead.

extension BuiltInTheme {
    static let embedded: [(path: String, contents: EmbeddedContents)] = [

"""
for path in paths {
    guard let data = FileManager.default.contents(atPath: "\(folder)/\(path)") else {
        FileHandle.standardError.write(Data("error: cannot read \(folder)/\(path)\n".utf8))
        exit(1)
    }
    let bytes = [UInt8](data)
    let contents = if let text = String(validating: bytes, as: UTF8.self) {
        ".text(\(literal(text)))"
    } else {
        ".base64(\(literal(data.base64EncodedString())))"
    }
    source += "        (\(literal(path)), \(contents)),\n"
}
source += "    ]\n}\n"

let data = Data(source.utf8)
if FileManager.default.contents(atPath: output) == data { exit(0) }
do {
    try data.write(to: URL(fileURLWithPath: output))
} catch {
    FileHandle.standardError.write(Data("error: cannot write \(output): \(error)\n".utf8))
    exit(1)
}

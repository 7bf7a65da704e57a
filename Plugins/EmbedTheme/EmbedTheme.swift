import Foundation
import PackagePlugin

/// Compiles the files of the target's folder, the repository's `Theme/`, into it as Swift
/// byte strings, so the generator carries its default theme wherever its binary is copied.
/// An edited file reruns the command (every file is an input); an added or removed one makes
/// SwiftPM plan the build again, since the folder is the target's own.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let theme = context.package.directoryURL.appending(path: "Theme")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTheme.swift")
        let files = Self.files(in: theme)
        return [
            .buildCommand(
                displayName: "Embedding the built-in theme (\(files.count) files)",
                executable: try context.tool(named: "ThemeEmbedder").url,
                arguments: [theme.path, output.path],
                inputFiles: files.map { theme.appending(path: $0) },
                outputFiles: [output]
            ),
        ]
    }

    /// Every file below `folder` as sorted relative paths, hidden ones left out, as
    /// ThemeEmbedder and the theme loader list them.
    static func files(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appending(path: path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }
}

import Foundation

/// What counts as a theme's files, for the theme compiled into the generator and for a
/// site's own `Theme/` alike.
public enum ThemeFolder {
    /// Every file below `directory`, as sorted relative paths; hidden files and files in
    /// hidden folders are skipped.
    public static func files(in directory: String) -> [String] {
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
}

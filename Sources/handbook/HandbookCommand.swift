import ArgumentParser
import Foundation

@main
struct HandbookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handbook",
        abstract: "Builds a static, searchable handbook from a folder of Markdown articles.",
        discussion: """
        Any folder of Markdown builds as it is: each folder is a topic, its README.md or \
        _index.md introduces it, and front matter is optional; 'rules' in handbook.yml turns \
        on stricter content rules. The look comes from \
        the theme built into handbook; a file in Theme/ replaces its file of the same path. The \
        output is plain files with relative links: open it from disk, or host it on any static \
        server, at a domain's root or under a subpath. Start a new knowledge base with \
        'handbook init'.
        """,
        version: "1.0.0",
        subcommands: [Build.self, Check.self, Init.self, New.self, Serve.self],
        defaultSubcommand: Build.self
    )

    /// Exit codes: 0 success, 1 content errors, 2 usage errors.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    static func exit(withError error: any Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            print(fullMessage(for: error))
            Foundation.exit(0)
        }
        if let exit = error as? ExitCode {
            Foundation.exit(exit.rawValue)
        }
        let message = fullMessage(for: error)
        if !message.isEmpty { Terminal.error(message) }
        // Everything the parser rejects is a usage error.
        Foundation.exit(code == .failure ? 1 : 2)
    }
}

/// Exit codes shared by the subcommands.
enum Exit {
    static let contentErrors = ExitCode(1)
    static let usage = ExitCode(2)
}

enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

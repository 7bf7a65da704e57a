import Foundation
import TestSupport
import Testing

@Suite struct GoldenFilesTests {
    @Test func matchPassesAndMismatchNamesTheFirstDifferentLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(["page.html": "<h1>Title</h1>\n<p>Body</p>\n"])
        let golden = GoldenFiles(folder: URL(fileURLWithPath: folder.path), updating: false)

        try golden.check("<h1>Title</h1>\n<p>Body</p>\n", against: "page.html")
        let mismatch = try #require(throws: GoldenFileMismatch.self) {
            try golden.check("<h1>Title</h1>\n<p>Changed</p>\n", against: "page.html")
        }
        #expect(mismatch.line == 2)
        #expect(mismatch.expectedLine == "<p>Body</p>")
        #expect(mismatch.actualLine == "<p>Changed</p>")
        #expect(throws: GoldenFileMismatch.self) { try golden.check("<h1>Title</h1>\n", against: "page.html") }
    }

    @Test func updatingRewritesTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let golden = GoldenFiles(folder: URL(fileURLWithPath: folder.path), updating: true)
        try golden.check("new output\n", against: "new.txt")
        #expect(try folder.read("new.txt") == "new output\n")
    }
}

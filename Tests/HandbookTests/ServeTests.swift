import Foundation
import TestSupport
import Testing

/// `handbook serve`, run as a real process on a copy of `Fixtures/serve-site`. Serialized:
/// each test starts a server and builds a site, which is enough load for a small machine.
@Suite(.serialized) struct ServeTests {
    static let script = #"<script src="/__handbook/live-reload.js""#

    @Test func servesPagesWithTheirContentTypes() throws {
        let site = try ServedSite()
        let home = try site.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        // The script goes in only when serving, before </body>.
        let scriptAt = try #require(home.text.range(of: Self.script))
        let bodyEnd = try #require(home.text.range(of: "</body>", options: .backwards))
        #expect(scriptAt.upperBound < bodyEnd.lowerBound)
        #expect(!(try site.folder.read("public/index.html")).contains("live-reload"), "the output on disk has no script")

        let article = try site.get("/basics/first.html")
        #expect(article.status == 200)
        #expect(article.text.contains("<h1>First</h1>"))

        let stylesheet = try #require(home.text.firstMatch(of: /href="(assets\/style\.[0-9a-f]+\.css)"/)?.1)
        #expect(try site.get("/\(stylesheet)").headers["content-type"] == "text/css; charset=utf-8")
        #expect(try site.get("/assets/favicon.svg").headers["content-type"] == "image/svg+xml")
        #expect(try site.get("/feed.xml").headers["content-type"] == "application/xml; charset=utf-8")
        let script = try site.get("/__handbook/live-reload.js")
        #expect(script.status == 200)
        #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
        #expect(script.text.contains("EventSource") && !script.text.contains("innerHTML"))

        // A folder redirects to its address with a slash, then serves its index.html.
        let folder = try site.get("/basics")
        #expect(folder.status == 301)
        #expect(folder.headers["location"] == "/basics/")
        let topic = try site.get("/basics/")
        #expect(topic.status == 200)
        #expect(topic.text.contains(Self.script))

        // Missing pages get the site's 404 page, with status 404.
        let missing = try site.get("/basics/nothing-here.html")
        #expect(missing.status == 404)
        #expect(missing.text == (try site.get("/404.html")).text)
        #expect(missing.text.contains("page-not-found"))

        let head = try site.get("/basics/first.html", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.headers["content-length"] == article.headers["content-length"])
        #expect(try site.get("/", method: "POST").status == 405)
    }

    @Test func neverServesAFileOutsideTheOutput() throws {
        let site = try ServedSite()
        let secret = "top-secret-\(UUID().uuidString)"
        try site.folder.write(["secret.txt": secret])
        let output = "\(site.folder.path)/public"
        try FileManager.default.createSymbolicLink(atPath: "\(output)/leak.txt", withDestinationPath: "../secret.txt")
        try FileManager.default.createSymbolicLink(atPath: "\(output)/leak-folder", withDestinationPath: site.folder.path)
        try FileManager.default.createSymbolicLink(atPath: "\(output)/absolute-leak.txt", withDestinationPath: "\(site.folder.path)/secret.txt")
        // A link that stays inside the output is fine.
        try FileManager.default.createSymbolicLink(atPath: "\(output)/inside.html", withDestinationPath: "index.html")

        let attempts = [
            "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt",
            "/basics/..%2f..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt",
            "/secret.txt%00.html", "/%00", "/leak.txt", "/leak-folder/secret.txt", "/absolute-leak.txt",
            "/\(site.folder.path)/secret.txt", "//\(site.folder.path.dropFirst())/secret.txt", "/.handbook-output",
            "/%zz", "/.%2e/secret.txt", "secret.txt", "http://127.0.0.1/../secret.txt", "*",
        ]
        for path in attempts {
            let reply = try site.get(path)
            #expect((400..<500).contains(reply.status), "\(path) answered \(reply.status)")
            #expect(!reply.text.contains(secret), "\(path) leaked the file")
        }
        #expect(try site.get("/inside.html").status == 200)
        #expect(try site.get("/").status == 200, "still serving")
    }

    @Test func answersMalformedRequestsWith400AndKeepsServing() throws {
        let site = try ServedSite()
        for request in ["NOT HTTP AT ALL\r\n\r\n", "GET / HTTP/1.1 trailing\r\n\r\n", "GET /a b HTTP/1.1\r\n\r\n", "\u{16}\u{03}\u{01}\u{02}\r\n\r\n"] {
            let reply = try RawHTTP.send(Array(request.utf8), port: site.port)
            #expect((400..<500).contains(reply.status), "\(request.debugDescription) answered \(reply.status)")
        }
        let home = try site.get("/")
        #expect(home.status == 200)
    }

    @Test func reloadsOpenPagesAfterAnEdit() throws {
        let site = try ServedSite()
        let events = try EventStream(port: site.port)
        let marker = "Edited-\(UUID().uuidString.prefix(8))"
        try site.edit("Content/basics/second.md") { $0 + "\nA new paragraph says \(marker).\n" }
        let reload = try events.next { $0.name == "reload" }
        #expect(reload.data.split(separator: "\n").contains("basics/second.html"))
        #expect(try site.get("/basics/second.html").text.contains(marker))
        let line = try site.waitForOutput("rebuilt basics/second.md in")
        #expect(line.hasSuffix("(1 page)"), "only the edited page: \(line)")
        // A page loaded now carries the new version, so its script does not reload it again.
        let version = try #require(try site.get("/basics/second.html").text.firstMatch(of: /data-version="(\d+)"/)?.1)
        #expect(Int(version)! >= 2)

        // Once edits pause, what covers every article follows: the book's page of the topic and the search index.
        let later = try events.next { $0.name == "reload" && $0.data.split(separator: "\n").contains("book/basics.html") }
        #expect(!later.data.split(separator: "\n").contains("basics/second.html"))
        #expect(try site.get("/book/basics.html").text.contains(marker))
        try site.waitForOutput("and the search index (")
        let index = try site.folder.snapshot("public/search").map { readableSearchFile(path: $0.key, contents: String(decoding: $0.value, as: UTF8.self)) }
        #expect(index.contains { $0.contains(marker.lowercased()) || $0.contains(marker) }, "the search index has the new text")
    }

    @Test func showsBuildErrorsAndKeepsTheLastGoodSite() throws {
        let site = try ServedSite()
        let events = try EventStream(port: site.port)
        try site.edit("Content/basics/first.md") { $0.replacingOccurrences(of: "title: First", with: "title: [First") }
        let failure = try events.next { $0.name == "failure" }
        #expect(failure.data.contains(#/Content/basics/first\.md:\d+:\d+: error: /#), "\(failure.data)")
        // The same error on the terminal.
        try site.waitForOutput("Content/basics/first.md:", on: \.stderr)
        // The last good build stays online, and a page opened now learns of the errors too.
        #expect(try site.get("/basics/first.html").text.contains("<h1>First</h1>"))
        let late = try EventStream(port: site.port)
        #expect(try late.next { $0.name == "failure" }.data == failure.data)

        try site.edit("Content/basics/first.md") { $0.replacingOccurrences(of: "title: [First", with: "title: First, fixed") }
        _ = try events.next { $0.name == "reload" }
        #expect(try site.get("/basics/first.html").text.contains("<h1>First, fixed</h1>"))
    }

    @Test func rebuildsEverythingAfterAThemeChange() throws {
        let site = try ServedSite()
        let events = try EventStream(port: site.port)
        try site.edit("Theme/404.mustache") { $0 + "\n<p>Theme edited.</p>\n" }
        let reload = try events.next { $0.name == "reload" }
        #expect(reload.data.split(separator: "\n").contains("*"))
        #expect(try site.get("/nothing.html").text.contains("Theme edited."))
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func stopsCleanlyOnASignal(signal: Int32) throws {
        let site = try ServedSite()
        let events = try EventStream(port: site.port)
        let (status, reason) = try site.stop(signal)
        #expect(reason == .exit && status == 0, "exit \(status), \(reason)")
        #expect(site.stdout.contains("Stopped."))
        #expect(throws: ServeTestError.self) { try events.next(timeout: .seconds(5)) { _ in true } }
    }

    @Test func helpMatchesGolden() throws {
        let result = try Handbook.run(["serve", "--help"], in: Repository.root)
        #expect(result.status == 0)
        try golden.check(result.stdout, against: "help-serve.txt")
    }
}

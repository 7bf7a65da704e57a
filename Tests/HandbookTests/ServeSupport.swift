import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `handbook serve` running on a copy of a fixture site, on a free port.
final class ServedSite: @unchecked Sendable {
    let folder: TemporaryFolder
    let process = Process()
    private(set) var port = 0
    private let lock = NSLock()
    private var stdoutText = ""
    private var stderrText = ""

    var stdout: String { lock.withLock { stdoutText } }
    var stderr: String { lock.withLock { stderrText } }

    /// Copies `Fixtures/<fixture>` and the repository's theme into a temporary folder, starts
    /// the server there and waits for the first build.
    init(fixture: String = "serve-site", timeout: Duration = .seconds(90)) throws {
        folder = try TemporaryFolder("handbook-serve")
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(fixture)").path
        for item in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: "\(source)/\(item)", toPath: "\(folder.path)/\(item)")
        }
        try FileManager.default.copyItem(atPath: Repository.theme, toPath: "\(folder.path)/Theme")

        process.executableURL = URL(fileURLWithPath: Handbook.binary)
        process.arguments = ["serve", "--port", "0", "--poll-interval", "50"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            self?.lock.withLock { self?.stdoutText += String(decoding: data, as: UTF8.self) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            self?.lock.withLock { self?.stderrText += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let line = try waitForOutput("Serving", timeout: timeout)
        guard let range = line.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression),
              let port = Int(line[range].dropFirst("http://127.0.0.1:".count).dropLast()) else {
            throw ServeTestError("no address in: \(line)")
        }
        self.port = port
        _ = try waitForOutput("built the handbook", timeout: timeout)
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        folder.remove()
    }

    /// The first line of stdout (or of `stream`) containing `text` (after the `skip` first
    /// ones), once it appears: the server's output reaches the test through a pipe, some time
    /// after the server has acted on it.
    @discardableResult
    func waitForOutput(_ text: String, on stream: KeyPath<ServedSite, String> = \.stdout, skip: Int = 0,
                       timeout: Duration = .seconds(30)) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let matches = self[keyPath: stream].split(separator: "\n").filter { $0.contains(text) }
            if matches.count > skip { return String(matches[skip]) }
            if !process.isRunning { break }
            usleep(20_000)
        }
        let name = stream == \ServedSite.stdout ? "stdout" : "stderr"
        throw ServeTestError("no '\(text)' on \(name); stdout:\n\(stdout)\nstderr:\n\(stderr)")
    }

    /// Sends `signal` and returns the exit status, once the process has exited.
    func stop(_ signal: Int32 = SIGINT, timeout: Duration = .seconds(30)) throws -> (status: Int32, reason: Process.TerminationReason) {
        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        guard !process.isRunning else { throw ServeTestError("still running \(timeout) after signal \(signal)") }
        return (process.terminationStatus, process.terminationReason)
    }

    func get(_ path: String, method: String = "GET") throws -> HTTPReply {
        try RawHTTP.send(Array("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8), port: port)
    }

    /// Rewrites a file of the site, keeping it the same file (like most editors' plain save).
    func edit(_ relative: String, _ change: (String) -> String) throws {
        let path = "\(folder.path)/\(relative)"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = change(text)
        precondition(changed != text, "the edit of \(relative) changes nothing")
        try Data(changed.utf8).write(to: URL(fileURLWithPath: path))
    }
}

struct ServeTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct HTTPReply {
    var status: Int
    /// Lowercased names.
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// HTTP/1.1 over a plain socket, so a test can send what URLSession would refuse or clean
/// up (`/../`, `%2e%2e`, a malformed request line) and see exactly what comes back.
enum RawHTTP {
    static func makeConnection(port: Int, timeout: Duration = .seconds(30)) throws -> Int32 {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw ServeTestError("socket: \(errno)") }
        var time = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            throw ServeTestError("connect: \(errno)")
        }
        return descriptor
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            guard count > 0 else { throw ServeTestError("write: \(errno)") }
            offset += count
        }
    }

    /// Sends `request` and reads the reply until the server closes the connection.
    static func send(_ request: [UInt8], port: Int) throws -> HTTPReply {
        let descriptor = try makeConnection(port: port)
        defer { close(descriptor) }
        try writeAll(request, to: descriptor)
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ServeTestError("read: \(errno) after \(data.count) bytes") }
            if count == 0 { break }
            data += buffer[..<count]
        }
        return try parse(data)
    }

    static func parse(_ data: [UInt8]) throws -> HTTPReply {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = data.firstRange(of: separator) else { throw ServeTestError("no header end in \(String(decoding: data, as: UTF8.self))") }
        let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw ServeTestError("bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(data[end.upperBound...])
        if headers["transfer-encoding"] == "chunked" {
            var decoder = ChunkedDecoder()
            body = decoder.decode(body)
        }
        return HTTPReply(status: status, headers: headers, body: body)
    }
}

/// Decodes `Transfer-Encoding: chunked` as the bytes arrive.
struct ChunkedDecoder {
    private var pending: [UInt8] = []
    private var remaining = 0

    mutating func decode(_ bytes: [UInt8]) -> [UInt8] {
        pending += bytes
        var output: [UInt8] = []
        while true {
            if remaining > 0 {
                let take = min(remaining, pending.count)
                output += pending[..<take]
                pending.removeFirst(take)
                remaining -= take
                if remaining > 0 { break }
                // Each chunk ends with CRLF.
                remaining = -2
            }
            if remaining < 0 {
                guard pending.count >= -remaining else { break }
                pending.removeFirst(-remaining)
                remaining = 0
            }
            guard let lineEnd = pending.firstRange(of: Array("\r\n".utf8)) else { break }
            let sizeText = String(decoding: pending[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            pending.removeFirst(lineEnd.upperBound)
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0 else { break }
            remaining = size
        }
        return output
    }
}

/// The live-reload events, read from `/__handbook/events` as they come.
final class EventStream {
    struct Event: Equatable {
        var name: String
        var data: String
    }

    private let descriptor: Int32
    private var decoder = ChunkedDecoder()
    private var text = ""
    private var headersDone = false
    private var raw: [UInt8] = []
    private(set) var received: [Event] = []

    init(port: Int) throws {
        descriptor = try RawHTTP.makeConnection(port: port, timeout: .seconds(1))
        try RawHTTP.writeAll(Array("GET /__handbook/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".utf8), to: descriptor)
        _ = try next { $0.name == "hello" }
    }

    deinit { close(descriptor) }

    /// The next event that `matches`, skipping others, within `timeout`.
    func next(timeout: Duration = .seconds(30), where matches: (Event) -> Bool) throws -> Event {
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 16384)
        while ContinuousClock.now < deadline {
            while let event = nextParsed() {
                received.append(event)
                if matches(event) { return event }
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count == 0 { throw ServeTestError("the event stream closed; got \(received)") }
            if count < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                throw ServeTestError("read: \(errno)")
            }
            feed(Array(buffer[..<count]))
        }
        throw ServeTestError("no matching event within \(timeout); got \(received)")
    }

    private func feed(_ bytes: [UInt8]) {
        guard headersDone else {
            raw += bytes
            guard let end = raw.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
            headersDone = true
            let rest = Array(raw[end.upperBound...])
            raw = []
            feed(rest)
            return
        }
        text += String(decoding: decoder.decode(bytes), as: UTF8.self)
    }

    private func nextParsed() -> Event? {
        guard let end = text.range(of: "\n\n") else { return nil }
        let block = text[..<end.lowerBound]
        text.removeSubrange(..<end.upperBound)
        var name = "message"
        var data: [String] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
        }
        if data.isEmpty && name == "message" { return nextParsed() } // a comment (ping)
        return Event(name: name, data: data.joined(separator: "\n"))
    }
}

import Foundation
import Hummingbird
import ServiceLifecycle

/// Answers every request of `serve`: files of the output folder (pages with the
/// live-reload script added), the script itself, and the events that drive it.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let folder: ServedFolder
    let hub: LiveReloadHub

    /// How long a request that misses a file waits for a swap of the output folder to end.
    static let swapRetries = 40
    static let swapRetryDelay = Duration.milliseconds(5)

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.text(.methodNotAllowed, "Only GET and HEAD are supported.\n", extra: [.allow: "GET, HEAD"])
        }
        let path: RequestPath
        switch RequestPath.parse(request.head.path ?? "") {
        case .failure(.malformed(let reason)):
            return Self.text(.badRequest, "Bad request: \(reason).\n")
        case .failure(.hidden):
            return await notFound(head: request.method == .head)
        case .success(let parsed):
            path = parsed
        }
        switch path.segments {
        case ["__handbook", "events"]:
            return events()
        case ["__handbook", "live-reload.js"]:
            return Self.file(Array(LiveReloadScript.source.utf8), type: ContentType.javaScript, status: .ok, head: request.method == .head)
        default:
            return await file(path, head: request.method == .head)
        }
    }

    private func file(_ path: RequestPath, head: Bool) async -> Response {
        for _ in 0..<Self.swapRetries {
            let swap = folder.swapGeneration
            let version = folder.version
            switch folder.lookup(path) {
            case .file(let bytes, let filePath):
                return Self.page(bytes, path: filePath, version: version, status: .ok, head: head)
            case .redirect(let location):
                return Response(status: .movedPermanently, headers: [.location: location, .contentLength: "0", .cacheControl: "no-store"])
            case .missing:
                // Missed while a full rebuild swapped the folder: look again once it is done.
                guard swap % 2 == 1 || folder.swapGeneration != swap else { return await notFound(head: head) }
                try? await Task.sleep(for: Self.swapRetryDelay)
            }
        }
        return await notFound(head: head)
    }

    /// The site's own 404 page, with status 404.
    private func notFound(head: Bool) async -> Response {
        let version = folder.version
        if case .file(let bytes, let filePath) = folder.lookup(RequestPath(segments: ["404.html"], hasTrailingSlash: false)) {
            return Self.page(bytes, path: filePath, version: version, status: .notFound, head: head)
        }
        // No build yet (the first one failed): a bare page, so the script can show the errors.
        let bare = Array("<!DOCTYPE html>\n<title>Not found</title>\n<p>Not found. The handbook has not been built yet.</p>\n".utf8)
        return Self.page(bare, path: "404.html", version: version, status: .notFound, head: head)
    }

    private func events() -> Response {
        let hub = hub
        let body = ResponseBody { writer in
            let stream = await hub.subscribe()
            for await event in stream.cancelOnGracefulShutdown() {
                try await writer.write(ByteBuffer(string: event.serverSentEvent))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"], body: body)
    }

    // MARK: - Responses

    private static func page(_ bytes: [UInt8], path: String, version: Int, status: HTTPResponse.Status, head: Bool) -> Response {
        let type = ContentType.of(path)
        let body = type == ContentType.html ? LiveReloadScript.inject(into: bytes, version: version) : bytes
        return file(body, type: type, status: status, head: head)
    }

    private static func file(_ bytes: [UInt8], type: String, status: HTTPResponse.Status, head: Bool) -> Response {
        let headers: HTTPFields = [
            .contentType: type, .contentLength: String(bytes.count),
            .cacheControl: "no-cache", .init("X-Content-Type-Options")!: "nosniff",
        ]
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func text(_ status: HTTPResponse.Status, _ message: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: ContentType.text, .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }
}

/// Content types by file extension.
enum ContentType {
    static let html = "text/html; charset=utf-8"
    static let javaScript = "text/javascript; charset=utf-8"
    static let text = "text/plain; charset=utf-8"

    static let byExtension: [String: String] = [
        "html": html, "htm": html, "js": javaScript, "mjs": javaScript, "txt": text,
        "css": "text/css; charset=utf-8", "json": "application/json", "map": "application/json",
        "xml": "application/xml; charset=utf-8", "svg": "image/svg+xml", "webmanifest": "application/manifest+json",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "avif": "image/avif", "ico": "image/x-icon", "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf",
        "otf": "font/otf", "pdf": "application/pdf", "wasm": "application/wasm",
    ]

    static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}

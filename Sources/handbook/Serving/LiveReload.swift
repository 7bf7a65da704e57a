import Foundation

/// Tells open pages, over Server-Sent Events, to reload after a rebuild or to show the
/// build's errors. Remembers the errors, so a page opened while the build is broken shows
/// them at once.
actor LiveReloadHub {
    enum Event: Sendable, Equatable {
        /// Sent first on every connection: the version of the site being served.
        case hello(version: Int)
        /// A rebuild was published: the output paths that changed, or `*` for all.
        case reload(version: Int, paths: [String])
        /// The last build failed; the text lists the errors, one `file:line:col: …` per line.
        case failure(String)
        /// Keeps idle connections open through proxies and finds closed ones.
        case ping
    }

    private var clients: [UUID: AsyncStream<Event>.Continuation] = [:]
    private var errors: String?
    private var version = 0

    /// A new connection's events, starting with the current state.
    func subscribe() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(32))
        let id = UUID()
        continuation.onTermination = { _ in
            Task { await self.unsubscribe(id) }
        }
        clients[id] = continuation
        continuation.yield(.hello(version: version))
        if let errors { continuation.yield(.failure(errors)) }
        return stream
    }

    private func unsubscribe(_ id: UUID) {
        clients[id] = nil
    }

    func published(version: Int, paths: [String]) {
        self.version = version
        errors = nil
        broadcast(.reload(version: version, paths: paths))
    }

    func failed(_ text: String) {
        errors = text
        broadcast(.failure(text))
    }

    func ping() {
        broadcast(.ping)
    }

    /// Ends every connection (the server is stopping).
    func finishAll() {
        for continuation in clients.values { continuation.finish() }
        clients = [:]
    }

    private func broadcast(_ event: Event) {
        for continuation in clients.values { continuation.yield(event) }
    }
}

extension LiveReloadHub.Event {
    /// The event in the `text/event-stream` format.
    var serverSentEvent: String {
        switch self {
        case .hello(let version): return "retry: 1000\nevent: hello\ndata: \(version)\n\n"
        case .reload(let version, let paths): return Self.event("reload", data: ["\(version)"] + paths)
        case .failure(let text): return Self.event("failure", data: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        case .ping: return ": ping\n\n"
        }
    }

    private static func event(_ name: String, data lines: [String]) -> String {
        var text = "event: \(name)\n"
        for line in lines { text += "data: \(line.filter { $0 != "\r" })\n" }
        return text + "\n"
    }
}

/// What `serve` adds to the pages it serves, and only to them: a script tag before
/// `</body>`. The pages' Content-Security-Policy allows scripts from the site itself only,
/// so the script is a file served from memory rather than inline code.
enum LiveReloadScript {
    static let path = "/__handbook/live-reload.js"
    static let eventsPath = "/__handbook/events"

    /// `page` with the script tag inserted before its last `</body>` (at the end when there is none).
    static func inject(into page: [UInt8], version: Int) -> [UInt8] {
        let tag = Array("<script src=\"\(path)\" data-version=\"\(version)\"></script>\n".utf8)
        let closing = Array("</body>".utf8)
        var position = page.count
        var index = page.count - closing.count
        while index >= 0 {
            if zip(page[index..<(index + closing.count)], closing).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                position = index
                break
            }
            index -= 1
        }
        var result = page
        result.insert(contentsOf: tag, at: position)
        return result
    }

    /// Connects to the events, reloads when a rebuild changed this page (or everything, or
    /// the page was out of date or showing errors), and shows build errors in an overlay.
    /// Text goes in with `textContent` only: diagnostics quote the content, which is not HTML.
    static let source = """
    (function () {
      "use strict";
      var script = document.currentScript;
      var loadedVersion = script ? script.getAttribute("data-version") : null;
      var overlay = null;

      function currentPage() {
        var path = decodeURIComponent(location.pathname).replace(/^\\/+/, "");
        if (path === "" || path.slice(-1) === "/") { path += "index.html"; }
        return path;
      }

      function hideErrors() {
        if (overlay) { overlay.remove(); overlay = null; }
      }

      function showErrors(text) {
        hideErrors();
        overlay = document.createElement("div");
        overlay.id = "handbook-build-errors";
        overlay.setAttribute("role", "alert");
        var s = overlay.style;
        s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "2147483647";
        s.maxHeight = "60vh"; s.overflow = "auto"; s.padding = "1rem 1.25rem";
        s.background = "#2b0b0b"; s.color = "#ffe9e9"; s.borderTop = "4px solid #e5484d";
        s.font = "14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
        s.boxShadow = "0 -8px 24px rgba(0,0,0,.35)";
        var heading = document.createElement("strong");
        heading.textContent = "The build failed. This is the last version that built; it reloads when the errors are fixed.";
        var close = document.createElement("button");
        close.type = "button";
        close.textContent = "Dismiss";
        close.style.float = "right";
        close.addEventListener("click", hideErrors);
        var details = document.createElement("pre");
        details.style.whiteSpace = "pre-wrap";
        details.style.margin = "0.75rem 0 0";
        details.textContent = text;
        overlay.appendChild(close);
        overlay.appendChild(heading);
        overlay.appendChild(details);
        document.body.appendChild(overlay);
      }

      if (typeof EventSource === "undefined") { return; }
      var events = new EventSource("\(eventsPath)");
      events.addEventListener("hello", function (event) {
        if (loadedVersion !== null && event.data !== loadedVersion) { location.reload(); }
      });
      events.addEventListener("reload", function (event) {
        var lines = event.data.split("\\n");
        var paths = lines.slice(1);
        var page = currentPage();
        if (overlay || paths.indexOf("*") >= 0 || paths.indexOf(page) >= 0) {
          location.reload();
        } else {
          loadedVersion = lines[0];
        }
      });
      events.addEventListener("failure", function (event) { showErrors(event.data); });
    })();

    """
}

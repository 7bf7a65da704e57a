import Foundation

/// What `serve` watches: the content and theme folders, but the output when it lies inside
/// one of them, and the config file.
struct WatchedFiles: Sendable {
    var folders: [String]
    var files: [String]
    var excluded: Set<String> = []

    func snapshot() -> FileSnapshot {
        FileSnapshot.take(folders: folders, files: files, excluded: excluded)
    }
}

/// Finds what changed among the watched files since it last looked, and waits until a burst
/// of changes (an editor saving several files, a checkout) has ended.
///
/// Where the system sends notices of changes (Linux), they say at once which paths to look at
/// again, so an edit is seen as it is saved, whatever the size of the handbook. Elsewhere, or
/// when asked to, every file is scanned every interval and compared with the last scan.
final class ChangeDetector {
    enum Method: Sendable {
        case notices, polling
    }

    let watched: WatchedFiles
    let interval: Duration
    private(set) var snapshot: FileSnapshot
    #if os(Linux)
    private var notices: FileEvents?
    #endif

    /// How the detector finds changes: ``Method/polling`` when asked to or when the system
    /// sends no notices.
    var method: Method {
        #if os(Linux)
        notices == nil ? .polling : .notices
        #else
        .polling
        #endif
    }

    /// How long the files must stay still before the changes are reported. Notices come as
    /// files change, so a short pause means the burst ended; a scan needs longer.
    var settleTime: Duration { method == .notices ? .milliseconds(20) : .milliseconds(50) }

    /// Starts watching, then takes the first snapshot, so that no change falls between the two.
    init(watching watched: WatchedFiles, interval: Duration, polling: Bool) async {
        self.watched = watched
        self.interval = interval
        #if os(Linux)
        notices = polling ? nil : FileEvents(watched)
        #endif
        snapshot = await Offload.run { watched.snapshot() } ?? FileSnapshot()
    }

    /// Waits up to the interval for a change, then until the files stay still, and returns
    /// what changed: nothing when no file did, nil when the task was cancelled.
    func nextChanges() async -> FileChanges? {
        #if os(Linux)
        if let notices { return await nextChanges(from: notices) }
        #endif
        return await nextChangesByScanning()
    }

    private func nextChangesByScanning() async -> FileChanges? {
        do { try await Task.sleep(for: interval) } catch { return nil }
        guard var latest = await scan() else { return nil }
        if latest == snapshot { return FileChanges() }
        for _ in 0..<20 {
            do { try await Task.sleep(for: settleTime) } catch { return nil }
            guard let again = await scan() else { return nil }
            if again == latest { break }
            latest = again
        }
        let changes = snapshot.changes(to: latest)
        snapshot = latest
        return changes
    }

    private func scan() async -> FileSnapshot? {
        let watched = watched
        return await Offload.run { watched.snapshot() }
    }

    #if os(Linux)
    private func nextChanges(from notices: FileEvents) async -> FileChanges? {
        let descriptor = notices.waitable
        let (interval, settle) = (Self.milliseconds(interval), Self.milliseconds(settleTime))
        // Each wait blocks a thread of its own: not one of Dispatch's few workers, which run
        // the builds' parallel loops.
        guard let ready = await Offload.runInBackground({ FileEvents.wait(on: descriptor, milliseconds: interval) }) else { return nil }
        guard ready else { return FileChanges() }
        var touched = notices.read()
        for _ in 0..<20 {
            guard let more = await Offload.runInBackground({ FileEvents.wait(on: descriptor, milliseconds: settle) }) else { return nil }
            guard more else { break }
            touched.formUnion(notices.read())
        }
        guard touched.needsFullScan else { return snapshot.refresh(touched.paths, excluded: watched.excluded) }
        // Notices were lost, or a watched folder moved, went or appeared: watch afresh, then
        // compare everything.
        self.notices = FileEvents(watched)
        guard let latest = await scan() else { return nil }
        let changes = snapshot.changes(to: latest)
        snapshot = latest
        return changes
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(clamping: duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
    #endif
}

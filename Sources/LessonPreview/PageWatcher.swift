import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells `changed` when something in the watched folders may have changed. On Linux it waits on
/// inotify (a save is seen at once, nothing is read in between); elsewhere, or when inotify is
/// unavailable or `polling` is asked for, it calls every quarter second and the caller's
/// fingerprints find what changed. Folders are watched rather than files: editors that save by
/// renaming a new file over the old one replace the file a watch would be on.
final class PageWatcher: @unchecked Sendable {
    enum Method: String, Sendable {
        case inotify, polling
    }

    private let folders: () -> [String]
    private let changed: @Sendable () -> Void
    private let lock = NSLock()
    private var stopping = false
    private var finished = false
    private var started = false
    private let done = NSCondition()
    private(set) var method: Method

    /// `folders` is asked again after each change, so new subfolders are watched too.
    init(polling: Bool, folders: @escaping () -> [String], changed: @escaping @Sendable () -> Void) {
        self.folders = folders
        self.changed = changed
        #if os(Linux)
        method = polling ? .polling : .inotify
        #else
        method = .polling
        #endif
    }

    private var inotify: Int32 = -1

    /// Begins watching (changes from here on are seen), before the first render, so nothing
    /// saved between that render and the watching thread's start is missed.
    func prepare() {
        #if os(Linux)
        if method == .inotify {
            inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if inotify < 0 { method = .polling } else { addWatches() }
        }
        #endif
    }

    /// Starts the thread that reports changes; `prepare` first.
    func start() {
        let thread = Thread { [self] in
            if inotify >= 0 { watchWithInotify() } else { poll() }
            done.lock()
            finished = true
            done.broadcast()
            done.unlock()
        }
        thread.name = "lectern preview watcher"
        thread.start()
        started = true
    }

    /// Returns once the watching thread has ended (within a quarter second).
    func stop() {
        lock.withLock { stopping = true }
        guard started else {
            if inotify >= 0 { close(inotify) }
            inotify = -1
            return
        }
        done.lock()
        while !finished { done.wait() }
        done.unlock()
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func poll() {
        while !isStopping {
            usleep(250_000)
            if !isStopping { changed() }
        }
    }

    #if os(Linux)
    private static let events = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB)

    private func addWatches() {
        for folder in folders() { inotify_add_watch(inotify, folder, Self.events) }
    }

    private func watchWithInotify() {
        defer { close(inotify) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !isStopping {
            var request = pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&request, 1, 250) > 0 else { continue }
            // Editors write a file in several steps: let the burst finish, then look once.
            usleep(20_000)
            while buffer.withUnsafeMutableBytes({ read(inotify, $0.baseAddress, $0.count) }) > 0 {}
            if isStopping { break }
            addWatches()
            changed()
        }
    }
    #endif
}

import FlyingFox
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LessonCache
import LessonCells
import LessonExecution
import LessonReport

/// `lectern preview` as library code: renders the pages, serves the reports on 127.0.0.1 and
/// keeps them current as the pages change. FlyingFox does the HTTP (on the system's sockets).
public final class PreviewServer: Sendable {
    public static let defaultPort: UInt16 = 4848
    /// The long poll answers after this long without a change, and the script asks again.
    static let longPollLimit: Duration = .seconds(10)

    public let port: UInt16
    private let site: PreviewSite
    private let server: HTTPServer
    private let watcher: PageWatcher
    private let runTask = Mutexed<Task<Void, any Error>?>(nil)
    /// Set when stopping: waiting long polls answer at once, so stopping never waits on a tab.
    private let closing = Mutexed(false)

    /// `port` 0 takes a free port (see `start`'s result). `cache` nil runs every page afresh;
    /// `polling` uses the portable watcher even where inotify exists. `log` hears one line per
    /// event (a page rendered, a located error). `limits` and `isolation` are those of `render`.
    public init(inputs: [String], port: UInt16 = PreviewServer.defaultPort, cache: CellCache? = CellCache(),
                limits: ExecutionLimits = .default, isolation: PageIsolation = .inProcess,
                polling: Bool = false, log: @escaping @Sendable (String) -> Void) {
        self.port = port
        let site = PreviewSite(inputs: inputs, cache: cache, limits: limits, isolation: isolation, log: log)
        self.site = site
        // 127.0.0.1 only: the preview is for the author's own browser, not the network.
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        server = HTTPServer(address: address, timeout: 30, logger: .disabled)
        watcher = PageWatcher(polling: polling, folders: { PreviewServer.folders(of: inputs) }, changed: { site.refresh() })
    }

    /// How the watcher learns of changes (`inotify` or `polling`).
    public var watchMethod: String { watcher.method.rawValue }

    /// Renders every page, starts listening and watching; returns the port listened on.
    public func start() async throws(PreviewFailure) -> UInt16 {
        watcher.prepare()
        site.refresh()
        await server.appendRoute(HTTPRoute(methods: [.GET], path: PreviewInjection.changesPath)) { [site, closing] request in
            await Self.waitForChange(site, request, closing: closing)
        }
        // Browsers ask for an icon; answering keeps their consoles free of errors.
        await server.appendRoute("GET /favicon.ico") { _ in HTTPResponse(statusCode: .noContent) }
        await server.appendRoute("GET *") { [site] request in
            Self.page(site, request)
        }
        let server = self.server
        let failure = Mutexed<String?>(nil)
        runTask.set(Task {
            do {
                try await server.run()
                failure.set("the server stopped")
            } catch {
                failure.set(Self.reason(error))
            }
        })
        // Listening, or the reason it could not: a taken port fails at once.
        while true {
            if case .ip4(_, let bound)? = await server.listeningAddress {
                watcher.start()
                return bound
            }
            if let reason = failure.get() {
                watcher.stop()
                throw PreviewFailure.cannotListen(port: port, reason: reason)
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// For a command: serves until Ctrl-C (SIGINT) or SIGTERM, then stops cleanly.
    public func serveUntilInterrupted(listening: @escaping @Sendable (UInt16) -> Void) throws(PreviewFailure) {
        let stop = DispatchSemaphore(value: 0)
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        try serve(until: stop, listening: listening)
    }

    /// For a command: starts, tells `listening` the port, serves until `stop` is signalled, then
    /// stops. Throws, without serving, when it cannot listen.
    public func serve(until stop: DispatchSemaphore, listening: @escaping @Sendable (UInt16) -> Void) throws(PreviewFailure) {
        let failure = Mutexed<PreviewFailure?>(nil)
        Task {
            do throws(PreviewFailure) {
                listening(try await start())
            } catch {
                failure.set(error)
                stop.signal()
            }
        }
        stop.wait()
        if let error = failure.get() { throw error }
        let stopped = DispatchSemaphore(value: 0)
        Task {
            await self.stop()
            stopped.signal()
        }
        stopped.wait()
    }

    /// Stops serving and watching; open long polls end.
    public func stop() async {
        closing.set(true)
        // Long polls have answered; a short grace lets responses being written finish.
        await server.stop(timeout: 0.2)
        runTask.get()?.cancel()
        watcher.stop()
    }

    /// The folders whose changes matter: each folder named (and those under it, for new pages),
    /// and the folder of each page named.
    static func folders(of inputs: [String]) -> [String] {
        var folders: [String] = []
        for input in inputs {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue {
                folders.append(input)
                let enumerator = FileManager.default.enumerator(atPath: input)
                while let relative = enumerator?.nextObject() as? String {
                    if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                    let path = input + "/" + relative
                    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { folders.append(path) }
                }
            } else {
                let slash = input.lastIndex(of: "/")
                folders.append(slash.map { String(input[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? ".")
            }
        }
        var seen: Set<String> = []
        return folders.filter { seen.insert($0).inserted }
    }

    /// The reason the server stopped or could not listen, in a few words.
    private static func reason(_ error: any Error) -> String {
        if let error = error as? SocketError, case .failed(_, let code, let message) = error {
            return code == EADDRINUSE ? "the port is in use" : message
        }
        return "\(error)"
    }

    private static func page(_ site: PreviewSite, _ request: HTTPRequest) -> HTTPResponse {
        let file = String(request.path.drop { $0 == "/" })
        guard let name = site.name(forFile: file), let served = site.served(name) else {
            let body = "<!DOCTYPE html><title>Not found</title><p>No report is served at /\(ReportRenderer.escapeHTML(file)). "
                + "<a href=\"/index.html\">Lessons</a></p>\n"
            return HTTPResponse(statusCode: .notFound, headers: headers(type: "text/html; charset=utf-8"), body: Data(body.utf8))
        }
        return HTTPResponse(statusCode: .ok, headers: headers(type: "text/html; charset=utf-8"), body: Data(served.html.utf8))
    }

    /// Answers with the page's version as soon as it differs from the one asked about.
    private static func waitForChange(_ site: PreviewSite, _ request: HTTPRequest, closing: Mutexed<Bool>) async -> HTTPResponse {
        let name = request.query.first { $0.name == "page" }?.value ?? PreviewSite.indexName
        let known = request.query.first { $0.name == "version" }?.value ?? ""
        let deadline = ContinuousClock.now.advanced(by: longPollLimit)
        var current = site.served(name)?.version ?? ""
        while current == known, ContinuousClock.now < deadline, !Task.isCancelled, !closing.get() {
            try? await Task.sleep(for: .milliseconds(100))
            current = site.served(name)?.version ?? ""
        }
        return HTTPResponse(statusCode: .ok, headers: headers(type: "text/plain; charset=utf-8"), body: Data(current.utf8))
    }

    private static func headers(type: String) -> HTTPHeaders {
        [.contentType: type, .cacheControl: "no-store"]
    }
}

/// Why preview could not start: one line for the terminal.
public enum PreviewFailure: Error, Sendable, CustomStringConvertible {
    case cannotListen(port: UInt16, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let port, let reason):
            "error: cannot serve on 127.0.0.1:\(port): \(reason) (choose another with --port)"
        }
    }
}

/// A value behind a lock, for the server's one mutable field.
final class Mutexed<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}

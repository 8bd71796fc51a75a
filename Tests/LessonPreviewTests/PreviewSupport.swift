import FlyingFox
import FlyingSocks
import Foundation

/// A temporary folder of pages, removed when the test ends.
final class PageFolder {
    let path = NSTemporaryDirectory() + "lectern-preview-" + UUID().uuidString

    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes as an editor that saves by renaming does (a new file over the old name).
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(filePath: file), options: .atomic)
        return file
    }
}

/// One GET to the server on 127.0.0.1; the status and the body as text.
func fetch(_ port: UInt16, _ target: String) async throws -> (status: Int, body: String, headers: HTTPHeaders) {
    var client = HTTPClient()
    let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
    let query = parts.count > 1 ? parts[1].split(separator: "&").map { item -> HTTPRequest.QueryItem in
        let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
        return .init(name: pair[0], value: pair.count > 1 ? pair[1] : "")
    } : []
    let request = HTTPRequest(method: .GET, version: .http11, path: parts[0], query: query,
                              headers: [.host: "127.0.0.1:\(port)"], body: HTTPBodySequence(data: Data()))
    let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
    // FlyingFox's client gives a connection 5 s, and a timed-out one is tried again, for up to a
    // minute. The cause is outside the server (Sources/LessonPreview renders pages on its
    // watcher's own thread and answers from memory): `swift test` runs every suite of this
    // process side by side on Swift's cooperative pool, one thread per core (2 here), and other
    // suites' synchronous, CPU-bound tests (pages run, long graphs) hold those threads for
    // seconds, while FlyingFox's accept loop and this client are tasks on the same pool. In a
    // whole-suite run the second case of anEditedPageIsServedAnew started 100 s after the first.
    var attempts = 0
    let response: HTTPResponse
    while true {
        do {
            response = try await client.sendHTTPRequest(request, to: address)
            break
        } catch SocketError.timeout(_) where attempts < 11 {
            attempts += 1
        }
    }
    return (response.statusCode.code, String(decoding: try await response.bodyData, as: UTF8.self), response.headers)
}

/// Fetches `target` until its body satisfies `condition` (a save is seen within a second or so;
/// the limit is only there so a broken watcher fails the test instead of hanging it).
func fetch(_ port: UInt16, _ target: String, until condition: (String) -> Bool) async throws -> String? {
    let deadline = ContinuousClock.now.advanced(by: .seconds(30))
    while ContinuousClock.now < deadline {
        let body = try await fetch(port, target).body
        if condition(body) { return body }
        try await Task.sleep(for: .milliseconds(50))
    }
    return nil
}

func lesson(printing value: String, title: String = "Preview lesson") -> String {
    """
    ---
    title: \(title)
    ---

    Some prose.

    ```swift
    print(\(value))
    ```

    """
}

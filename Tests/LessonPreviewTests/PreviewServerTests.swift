import FlyingFox
import Foundation
import LessonReport
import Testing
@testable import LessonPreview

@Suite(.serialized) struct PreviewServerTests {
    /// A folder with `pages` and a preview of it on a free port.
    private func serve(_ pages: [String: String]) async throws -> (PageFolder, PreviewServer, UInt16) {
        let folder = try PageFolder()
        for (name, text) in pages { try folder.write(name, text) }
        let server = PreviewServer(inputs: [folder.path], port: 0, cache: nil, log: { _ in })
        return (folder, server, try await server.start())
    }

    /// Start on a free port, fetch the page, edit it, and see the new output served.
    @Test(arguments: [false, true])
    func anEditedPageIsServedAnew(polling: Bool) async throws {
        let folder = try PageFolder()
        try folder.write("lesson.md", lesson(printing: "\"first version\""))
        let server = PreviewServer(inputs: [folder.path], port: 0, cache: nil, polling: polling, log: { _ in })
        let port = try await server.start()
        #expect(server.watchMethod == (polling ? "polling" : "inotify"))
        let first = try await fetch(port, "/lesson.html")
        #expect(first.status == 200)
        #expect(first.body.contains("first version"))
        #expect(first.headers[.contentType] == "text/html; charset=utf-8")
        try folder.write("lesson.md", lesson(printing: "\"second version\""))
        let second = try await fetch(port, "/lesson.html") { $0.contains("second version") }
        #expect(second != nil)
        #expect(second?.contains("first version") == false)
        await server.stop()
    }

    @Test func theTabsScriptIsToldOfAChange() async throws {
        let (folder, server, port) = try await serve(["lesson.md": lesson(printing: "1")])
        _ = folder
        let body = try await fetch(port, "/lesson.html").body
        let version = try #require(body.firstMatch(of: /data-version="([^"]+)"/)?.1).description
        async let answer = fetch(port, "\(PreviewInjection.changesPath)?page=lesson&version=\(version)")
        try await Task.sleep(for: .milliseconds(300))
        try folder.write("lesson.md", lesson(printing: "2"))
        let changed = try await answer
        #expect(changed.status == 200)
        #expect(!changed.body.isEmpty && changed.body != version)
        await server.stop()
    }

    @Test func previewResponsesCarryTheScriptAndAPolicyForItOnly() async throws {
        let (folder, server, port) = try await serve(["lesson.md": lesson(printing: "1")])
        _ = folder
        for target in ["/", "/index.html", "/lesson.html"] {
            let body = try await fetch(port, target).body
            #expect(body.contains("<script data-page="), "\(target)")
            #expect(body.contains("content=\"script-src \(PreviewInjection.scriptSource); connect-src 'self'; default-src 'none';"), "\(target)")
            #expect(body.components(separatedBy: "<script").count == 2, "\(target)")
        }
        // The index links the report by the name it is served at.
        #expect(try await fetch(port, "/").body.contains("href=\"lesson.html\""))
        #expect(try await fetch(port, "/missing.html").status == 404)
        await server.stop()
    }

    @Test func aFailingPageShowsItsLocatedErrorUntilFixed() async throws {
        let (folder, server, port) = try await serve(["lesson.md": lesson(printing: "\"works\"")])
        let path = folder.path + "/lesson.md"
        #expect(try await fetch(port, "/lesson.html").body.contains("works"))
        try folder.write("lesson.md", lesson(printing: "notDefinedAnywhere"))
        // The cell is on line 8, its argument at column 7.
        let failing = try await fetch(port, "/lesson.html") { $0.contains("lectern-preview-error") }
        #expect(failing?.contains("\(path):8:7: error:") == true)
        #expect(failing?.contains(">works<") == false)
        try folder.write("lesson.md", lesson(printing: "\"fixed\""))
        let fixed = try await fetch(port, "/lesson.html") { $0.contains("fixed") }
        #expect(fixed?.contains("lectern-preview-error") == false)
        await server.stop()
    }

    @Test func aPageThatCannotBeReadShowsWhy() async throws {
        let (folder, server, port) = try await serve(["lesson.md": lesson(printing: "1")])
        _ = folder
        try folder.write("lesson.md", "---\ntitle: [unclosed\n---\n\ntext\n")
        let broken = try await fetch(port, "/lesson.html") { $0.contains("lectern-preview-error") }
        #expect(broken?.contains("lesson.md:") == true)
        #expect(broken?.contains("error:") == true)
        await server.stop()
    }

    @Test func aNewPageAppearsInTheIndex() async throws {
        let folder = try PageFolder()
        try folder.write("a.md", lesson(printing: "1", title: "First"))
        let server = PreviewServer(inputs: [folder.path], port: 0, cache: nil, log: { _ in })
        let port = try await server.start()
        try folder.write("b.md", lesson(printing: "2", title: "Second"))
        let index = try await fetch(port, "/index.html") { $0.contains("Second") }
        #expect(index?.contains("href=\"b.html\"") == true)
        #expect(try await fetch(port, "/b.html").body.contains("Second"))
        await server.stop()
    }

    @Test func anEditRerunsAndReloadsOnlyThatPage() async throws {
        let folder = try PageFolder()
        try folder.write("a.md", lesson(printing: "\"alpha one\"", title: "First"))
        try folder.write("b.md", lesson(printing: "\"beta one\"", title: "Second"))
        let logged = LogLines()
        let server = PreviewServer(inputs: [folder.path], port: 0, cache: nil, log: { logged.append($0) })
        let port = try await server.start()
        func version(_ page: String) async throws -> String? {
            try await fetch(port, "/\(page).html").body.firstMatch(of: /data-version="([^"]+)"/).map { String($0.1) }
        }
        let (a, b, index) = (try await version("a"), try await version("b"), try await version("index"))
        try folder.write("a.md", lesson(printing: "\"alpha two\"", title: "First"))
        #expect(try await fetch(port, "/a.html") { $0.contains("alpha two") } != nil)
        #expect(try await version("a") != a)
        #expect(try await version("b") == b)
        #expect(try await version("index") == index)
        #expect(logged.lines.contains { $0.hasPrefix("rendered \(folder.path)/a.md") })
        #expect(!logged.lines.contains { $0.hasPrefix("rendered \(folder.path)/b.md") })
        await server.stop()
    }

    @Test func aTakenPortIsOneLineNamingIt() async throws {
        let folder = try PageFolder()
        try folder.write("lesson.md", lesson(printing: "1"))
        let first = PreviewServer(inputs: [folder.path], port: 0, cache: nil, log: { _ in })
        let port = try await first.start()
        let second = PreviewServer(inputs: [folder.path], port: port, cache: nil, log: { _ in })
        do {
            _ = try await second.start()
            Issue.record("a second server listened on a taken port")
            await second.stop()
        } catch {
            #expect(error.description == "error: cannot serve on 127.0.0.1:\(port): the port is in use (choose another with --port)")
        }
        await first.stop()
    }

    @Test func renderedReportsStayScriptFree() throws {
        let folder = try PageFolder()
        try folder.write("lesson.md", lesson(printing: "1"))
        let job = RenderJob(inputs: [folder.path], formats: [.html], outputFolder: folder.path + "/out")
        #expect(!job.run(report: { _ in }).failed)
        for name in ["lesson.html", "index.html"] {
            let html = try String(contentsOfFile: folder.path + "/out/" + name, encoding: .utf8)
            #expect(!html.contains("<script"))
            #expect(html.contains("default-src 'none'"))
        }
    }
}

/// Lines a server logged, collected across threads.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}

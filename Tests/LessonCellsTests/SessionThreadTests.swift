import Foundation
@testable import LessonCells
import LessonModel
import Testing

/// A session runs all its cells on one thread with a large stack, which ends with the session.
/// Threads are told apart by the kernel's id, looked up in /proc (not by timing).
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/proc/thread-self"), "thread ids are read from Linux's /proc"))
struct SessionThreadTests {
    /// The calling thread's kernel id: /proc/thread-self links to `<pid>/task/<tid>`.
    static func threadID() -> Int {
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")) ?? ""
        return Int(link.split(separator: "/").last ?? "") ?? 0
    }

    static func threadExists(_ id: Int) -> Bool {
        FileManager.default.fileExists(atPath: "/proc/self/task/\(id)")
    }

    func cell(_ code: String, line: Int = 1) -> CellSource {
        CellSource(code: code, location: SourceLocation(file: "page.md", line: line, column: 1))
    }

    @Test func cellsOfOneSessionRunOnOneThreadWithTheDeepStack() {
        let session = CellSession()
        let first = session.onCellThread(Self.threadID)
        #expect(first != nil && first != 0 && first != Self.threadID())
        // Recursion near the call-depth budget in a later cell still has the stack it needs.
        let define = session.run(cell("func depth(_ n: Int) -> Int { n == 0 ? 0 : 1 + depth(n - 1) }"))
        #expect(define.error == nil)
        let deep = session.run(cell("print(depth(\(Budget.maxCallDepth - 10)))", line: 2))
        #expect(deep.error == nil)
        #expect(deep.items == [.text("\(Budget.maxCallDepth - 10)\n")])
        #expect(session.onCellThread(Self.threadID) == first)
    }

    @Test func aBudgetErrorLeavesTheThreadToTheNextCell() {
        let session = CellSession(limits: ExecutionLimits(maxTensorElements: 100))
        let before = session.onCellThread(Self.threadID)
        let refused = session.run(cell("let xs = [Double](repeating: 0, count: 1000)"))
        #expect(refused.error != nil)
        let recursing = session.run(cell("func down(_ n: Int) -> Int { down(n + 1) }\nprint(down(0))", line: 2))
        #expect(recursing.error?.message.hasPrefix("too many nested calls") == true)
        #expect(session.run(cell("print(1)", line: 4)).items == [.text("1\n")])
        #expect(session.onCellThread(Self.threadID) == before)
    }

    @Test func aCellOutOfTimeLeavesTheThreadToTheSession() {
        let session = CellSession(limits: ExecutionLimits(maxSteps: .max, wallClock: .milliseconds(30)))
        let before = session.onCellThread(Self.threadID)
        let output = session.run(cell("var i = 0\nwhile true { i += 1 }"))
        #expect(output.error?.message.contains("time budget") == true)
        #expect(session.onCellThread(Self.threadID) == before)
    }

    @Test func droppedSessionsEndTheirThreads() {
        var ids: [Int] = []
        for index in 0..<64 {
            let session = CellSession()
            _ = session.run(cell("var xs = [[\(index)]]\nxs.append([1, 2])"))
            ids.append(session.onCellThread(Self.threadID) ?? 0)
        }
        #expect(Set(ids).count == 64 && !ids.contains(0))
        // A session's release joins its thread, so none is left when the loop is over.
        #expect(ids.filter(Self.threadExists) == [])
    }

    @Test func aThreadLeftRunningEndsAfterItsJob() {
        let id = ThreadIDBox()
        let finished = CellSession.onLargeStack(wait: .milliseconds(20)) {
            id.set(Self.threadID())
            usleep(200_000)
        }
        #expect(!finished)
        // Waits for the thread to start and then to end, for at most 30 s; no timing is asserted.
        var polls = 0
        while polls < 3_000, id.get() == 0 || Self.threadExists(id.get()) {
            usleep(10_000)
            polls += 1
        }
        #expect(id.get() != 0)
        #expect(!Self.threadExists(id.get()))
    }
}

/// A thread id written by the cells' thread and read by the test's.
private final class ThreadIDBox: @unchecked Sendable {
    // @unchecked: `value` is only touched while holding `lock`.
    private let lock = NSLock()
    private var value = 0

    func set(_ id: Int) { lock.withLock { value = id } }
    func get() -> Int { lock.withLock { value } }
}

import Foundation

/// Idle `lectern __run-cells` children, reused page after page: a process start costs more
/// than a small page's cells, so a `check` starts one per page it runs at once, not one per page.
final class ChildPool: @unchecked Sendable {
    static let shared = ChildPool()
    private let lock = NSLock()
    private var idle: [String: [Child]] = [:]

    /// An idle child for `executable`, or a new one; `nil` when none can start.
    func take(executable: String) -> Child? {
        lock.lock()
        let reused = idle[executable]?.popLast()
        lock.unlock()
        return reused ?? Child(executable: executable)
    }

    func put(_ child: Child, executable: String) {
        lock.lock()
        idle[executable, default: []].append(child)
        lock.unlock()
    }
}

/// One child process and its pipes. Its input stays open between pages; it exits when the
/// parent does (its input then ends).
final class Child {
    let process = Process()
    let input: FileHandle
    private let output: FileHandle
    private var buffer: [UInt8] = []

    init?(executable: String) {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [ChildExecution.subcommand]
        let inputPipe = Pipe(), outputPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        input = inputPipe.fileHandleForWriting
        output = outputPipe.fileHandleForReading
        do {
            try process.run()
        } catch {
            return nil
        }
    }

    /// The next line the child wrote, without its newline; `nil` once its output ended.
    func readLine() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[..<newline]
                buffer = Array(buffer[(newline + 1)...])
                return line
            }
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            buffer += chunk
        }
    }

    /// How the child ended, once its output has: "signal 11", "exit status 70".
    func endStatus() -> String {
        try? input.close()
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
            ? "signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
    }
}

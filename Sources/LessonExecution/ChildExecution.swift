import Foundation
import LessonCells
import LessonDocument
import LessonModel

/// A page's cells run in a child process, so a crash (a stack overflow, an allocation the
/// system refuses, any signal) takes down only that page: `check` still reports the others and
/// writes its JUnit, `render` still writes the other reports and the index.
///
/// The protocol, over pipes: the parent writes a JSON line with the limits and the page's length,
/// then the page's bytes, to the child's standard input; the child (`lectern __run-cells PATH`)
/// reads exactly that much (never waiting for the end of input, which a sibling child spawned
/// meanwhile may hold open) and answers with one JSON line per cell, `{"cell": i, "output": …}`,
/// written as each cell finishes. A child that
/// dies by a signal leaves the cells it finished; the first cell without an answer gets the
/// located error "page crashed (signal N)", and later cells count as not run, as after any error.
public enum ChildExecution {
    /// The hidden subcommand that runs a page's cells for a parent.
    public static let subcommand = "__run-cells"

    /// The request's first line.
    struct Request: Codable {
        var limits: ExecutionLimits
        var bytes: Int
    }

    /// One answer line.
    struct Answer: Codable {
        var cell: Int
        var output: CellOutput?
    }

    /// JSON has no NaN or infinity; gradients and printed values may hold them.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// The parent's side: runs `document` in a child and reads its answers.
    static func execute(_ document: Document, limits: ExecutionLimits, executable: String) -> ExecutedDocument {
        _ = ignoreBrokenPipes
        var outputs = [CellOutput?](repeating: nil, count: document.cells.count)
        var answered = [Bool](repeating: false, count: document.cells.count)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [subcommand, document.path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            // No child (the binary moved?): run here rather than not at all.
            return ExecutedDocument.execute(document, limits: limits)
        }
        var request = (try? encoder().encode(Request(limits: limits, bytes: document.source.count))) ?? Data("{}".utf8)
        request.append(UInt8(ascii: "\n"))
        request.append(contentsOf: document.source)
        // A child that died early closes its end: the write fails (no SIGPIPE) and is ignored.
        try? input.fileHandleForWriting.write(contentsOf: request)
        try? input.fileHandleForWriting.close()
        let answers = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let decoder = decoder()
        for line in answers.split(separator: UInt8(ascii: "\n")) {
            guard let answer = try? decoder.decode(Answer.self, from: line), outputs.indices.contains(answer.cell) else { continue }
            outputs[answer.cell] = answer.output
            answered[answer.cell] = true
        }
        if process.terminationReason == .uncaughtSignal || process.terminationStatus != 0 {
            let how = process.terminationReason == .uncaughtSignal
                ? "signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
            let crash = Diagnostic.error("page crashed (\(how)) while this cell ran; the other pages were not affected", at: nil)
            if let first = answered.firstIndex(of: false) {
                var located = crash
                located.location = document.cells[first].codeLocation
                outputs[first] = CellOutput(items: [.error(located)])
            } else if let last = document.cells.indices.last {
                // Every cell answered and the child died after (freeing values): still a fault.
                var located = crash
                located.message = "page crashed (\(how)) after its last cell ran"
                located.location = document.cells[last].codeLocation
                var last = outputs[last] ?? CellOutput()
                last.items.append(.error(located))
                outputs[document.cells.count - 1] = last
            }
        }
        return ExecutedDocument(document: document, outputs: outputs)
    }

    /// The child's side: reads the request through `read` (a chunk per call, empty at the end),
    /// runs the page, and hands each answer line to `answer` as soon as its cell finishes.
    /// Returns false when the request is unreadable.
    public static func serve(path: String, read: () -> [UInt8], answer: (Data) -> Void) -> Bool {
        var input: [UInt8] = []
        var newline: Int?
        while newline == nil {
            let chunk = read()
            if chunk.isEmpty { return false }
            input += chunk
            newline = input.firstIndex(of: UInt8(ascii: "\n"))
        }
        guard let newline, let request = try? decoder().decode(Request.self, from: Data(input[..<newline])) else { return false }
        let start = newline + 1
        while input.count - start < request.bytes {
            let chunk = read()
            if chunk.isEmpty { return false }
            input += chunk
        }
        guard let document = try? Document.parse(path: path, contents: Array(input[start..<(start + request.bytes)])) else { return false }
        let encoder = encoder()
        _ = ExecutedDocument.execute(document, limits: request.limits) { cell, output in
            guard var line = try? encoder.encode(Answer(cell: cell, output: output)) else { return }
            line.append(UInt8(ascii: "\n"))
            answer(line)
        }
        return true
    }

    /// Writing to a child that died must fail with EPIPE, not kill the parent.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}

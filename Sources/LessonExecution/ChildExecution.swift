import Foundation
import LessonCells
import LessonDocument
import LessonModel
import NetworkKernels

/// A page's cells run in a child process, so a crash (a stack overflow, an allocation the
/// system refuses, any signal) takes down only that page: `check` still reports the others and
/// writes its JUnit, `render` still writes the other reports and the index.
///
/// The protocol, over pipes: for each page the parent writes a JSON line with the limits, the
/// page's path and its length, then the page's bytes, to the child's standard input; the child
/// (`lectern __run-cells`) reads exactly that much and answers with one JSON line per cell,
/// `{"cell": i, "output": …}`, written as each cell finishes, then `{"cell": -1}`. A child
/// serves pages until its input ends. A child that
/// dies by a signal leaves the cells it finished; the first cell without an answer gets the
/// located error "page crashed (signal N)", and later cells count as not run, as after any error.
public enum ChildExecution {
    /// The hidden subcommand that runs a page's cells for a parent.
    public static let subcommand = "__run-cells"

    /// The request's first line.
    struct Request: Codable {
        var limits: ExecutionLimits
        var bytes: Int
        var path: String
    }

    /// One answer line; `cell == pageDone` ends a page's answers.
    struct Answer: Codable {
        static let pageDone = -1
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

    /// The parent's side: runs `document` in a child and reads its answers. Children are kept
    /// and reused, one per page running at once, so a whole `check` starts only as many
    /// processes as it runs pages in parallel; a child that crashed is not reused.
    static func execute(_ document: Document, limits: ExecutionLimits, executable: String) -> ExecutedDocument {
        _ = ignoreBrokenPipes
        guard let child = ChildPool.shared.take(executable: executable) else {
            // No child (the binary moved?): run here rather than not at all.
            return ExecutedDocument.execute(document, limits: limits)
        }
        var outputs = [CellOutput?](repeating: nil, count: document.cells.count)
        var answered = [Bool](repeating: false, count: document.cells.count)
        var request = (try? encoder().encode(Request(limits: limits, bytes: document.source.count, path: document.path))) ?? Data("{}".utf8)
        request.append(UInt8(ascii: "\n"))
        request.append(contentsOf: document.source)
        // A child that died closes its end: the write fails (no SIGPIPE) and is ignored.
        try? child.input.write(contentsOf: request)
        let decoder = decoder()
        var finished = false
        while let line = child.readLine() {
            guard let answer = try? decoder.decode(Answer.self, from: Data(line)) else { continue }
            if answer.cell == Answer.pageDone {
                finished = true
                break
            }
            guard outputs.indices.contains(answer.cell) else { continue }
            outputs[answer.cell] = answer.output
            answered[answer.cell] = true
        }
        if finished {
            ChildPool.shared.put(child, executable: executable)
            return ExecutedDocument(document: document, outputs: outputs)
        }
        let how = child.endStatus()
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
            var output = outputs[last] ?? CellOutput()
            output.items.append(.error(located))
            outputs[last] = output
        }
        return ExecutedDocument(document: document, outputs: outputs)
    }

    /// Set up a child process to serve pages: memory a page freed stays in the process for the
    /// next one (a 124M model's 622 MB is faulted in once per child, not once per page).
    /// Process-wide, so only the `__run-cells` command calls it.
    public static func prepareChildProcess() {
        nk_keep_freed_memory_between_pages()
    }

    /// The child's side: reads requests through `read` (a chunk per call, empty at the end),
    /// runs each page, and hands each answer line to `answer` as soon as its cell finishes, then
    /// a `pageDone` line. Returns at the end of input; false when a request is unreadable.
    public static func serve(read: () -> [UInt8], answer: (Data) -> Void) -> Bool {
        var input: [UInt8] = []
        while true {
            switch servePage(&input, read: read, answer: answer) {
            case .served: continue
            case .end: return true
            case .unreadable: return false
            }
        }
    }

    private enum Served { case served, end, unreadable }

    private static func servePage(_ input: inout [UInt8], read: () -> [UInt8], answer: (Data) -> Void) -> Served {
        var newline = input.firstIndex(of: UInt8(ascii: "\n"))
        while newline == nil {
            let chunk = read()
            if chunk.isEmpty { return input.isEmpty ? .end : .unreadable }
            input += chunk
            newline = input.firstIndex(of: UInt8(ascii: "\n"))
        }
        guard let newline, let request = try? decoder().decode(Request.self, from: Data(input[..<newline])) else { return .unreadable }
        let start = newline + 1
        while input.count - start < request.bytes {
            let chunk = read()
            if chunk.isEmpty { return .unreadable }
            input += chunk
        }
        let page = Array(input[start..<(start + request.bytes)])
        input.removeFirst(start + request.bytes)
        guard let document = try? Document.parse(path: request.path, contents: page) else { return .unreadable }
        let encoder = encoder()
        func send(_ reply: Answer) {
            guard var line = try? encoder.encode(reply) else { return }
            line.append(UInt8(ascii: "\n"))
            answer(line)
        }
        _ = ExecutedDocument.execute(document, limits: request.limits) { cell, output in send(Answer(cell: cell, output: output)) }
        send(Answer(cell: Answer.pageDone, output: nil))
        return .served
    }

    /// Writing to a child that died must fail with EPIPE, not kill the parent.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}

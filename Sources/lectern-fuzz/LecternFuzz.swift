import Foundation
import LessonCells
import LessonDocument
import LessonExecution
import LessonModel
import LessonReport

// The fuzz target for page parsing and cell lowering and evaluation (docs/fuzzing.md).
// `scripts/fuzz.sh` builds it with `-sanitize=fuzzer -D LECTERN_FUZZER`: libFuzzer then supplies
// `main` and calls `LLVMFuzzerTestOneInput`. A plain `swift build` builds the `@main` below
// instead, which replays saved inputs (a crash file, a corpus) through the same code.
// One file on purpose: SwiftPM compiles a one-file executable target without `main.swift` as a
// library (`-parse-as-library`), so the fuzzer build, which has no `@main`, makes no `main` of
// its own.

/// Budgets small enough that an input takes milliseconds. They are command-line limits, so a
/// page's front matter `limits:` cannot raise them (as with `lectern run --limit`).
let fuzzLimits: ExecutionLimits = {
    let settings = LimitSettings([
        .time: 0.1, .steps: 20_000, .tensorElements: 100_000, .memory: 16_777_216, .output: 65_536, .figures: 4,
    ])
    return ExecutionLimits(commandLine: settings).forPage(LimitSettings())
}()

/// An input that takes longer than this ran past its budget: a hang, reported as a crash so
/// libFuzzer keeps it. Far above the 0.1 s budget so that a busy machine is not a finding; a
/// cell the session had to abandon takes the budget plus `CellSession.grace` (2 s).
let overrunLimit: Duration = .milliseconds(
    ProcessInfo.processInfo.environment["LECTERN_FUZZ_OVERRUN_MS"].flatMap { Int64($0) } ?? 1_500)

/// Runs one input as `lectern run` runs a page: parse, run the cells in one session, write the
/// transcript (to nowhere). An input without a code fence is a cell's code: it is wrapped in a
/// `swift` fence, so mutations of cell code reach lowering and evaluation at once.
func runFuzzInput(_ bytes: [UInt8]) {
    let started = ContinuousClock.now
    let page = containsFence(bytes) ? bytes : wrappedAsCell(bytes)
    if let document = try? Document.parse(path: "fuzz.md", contents: page) {
        let executed = ExecutedDocument.execute(document, limits: fuzzLimits)
        RunTranscript.write(executed, output: { _ in }, errors: { _ in })
    }
    let elapsed = ContinuousClock.now - started
    if elapsed > overrunLimit {
        fatalError("lectern-fuzz: input ran \(elapsed) against a budget of \(fuzzLimits.wallClock)")
    }
}

/// True when the bytes hold ``` or ~~~, the start of a fence somewhere in a page.
func containsFence(_ bytes: [UInt8]) -> Bool {
    var run = 0
    var previous: UInt8 = 0
    for byte in bytes {
        run = (byte == previous) ? run + 1 : 1
        previous = byte
        if run == 3 && (byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~")) { return true }
    }
    return false
}

/// `code` as the page's only cell. Without backquote runs in the code (see `containsFence`),
/// a three-backquote fence cannot be closed early.
func wrappedAsCell(_ code: [UInt8]) -> [UInt8] {
    Array("```swift\n".utf8) + code + Array("\n```\n".utf8)
}

#if LECTERN_FUZZER
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    runFuzzInput(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// SwiftPM links every executable with `--defsym main=<module>_main` (it renames entry points
/// so that tests can link executables), so the link needs this symbol. libFuzzer's own `main`
/// (linked whole) is the one that runs; should this one run instead, it starts the same driver.
@_cdecl("lectern_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzTestOneInput)
}
#else
/// Replays files or folders of inputs: `lectern-fuzz CRASH-FILE…` (no fuzzer needed).
@main
struct LecternFuzzReplay {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            FileHandle.standardError.write(Data("usage: lectern-fuzz INPUT-FILE-OR-FOLDER…\n".utf8))
            exit(64)
        }
        var count = 0
        for path in paths {
            for file in inputFiles(path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("lectern-fuzz: cannot read \(file)\n".utf8))
                    exit(1)
                }
                runFuzzInput(Array(data))
                count += 1
            }
        }
        print("lectern-fuzz: \(count) inputs ran without a crash or overrun")
    }

    /// A file, or a folder's files in name order.
    static func inputFiles(_ path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}
#endif

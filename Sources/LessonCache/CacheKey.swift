import Foundation
import LessonCells
import LessonDocument

/// What a page's outputs depend on, hashed: the lectern build, the page's path (diagnostics name
/// it), its front matter, its limits, and each cell's code, options and place (diagnostics carry
/// line and column). Prose and published `output` blocks do not change what cells print, so
/// editing them keeps the entry.
public struct CacheKey: Hashable, Sendable, CustomStringConvertible {
    public let hex: String

    public init(hex: String) { self.hex = hex }

    public init(document: Document, limits: ExecutionLimits, build: String) {
        let frontMatter = document.frontMatter.byteRange.clamped(to: 0..<document.source.count)
        let inputs = Inputs(
            format: CellCache.formatVersion,
            build: build,
            page: document.path,
            frontMatter: String(decoding: document.source[frontMatter], as: UTF8.self),
            limits: Inputs.Limits(limits),
            cells: document.cells.map {
                Inputs.Cell(code: $0.code, options: $0.options.rawValue, line: $0.codeLocation.line, column: $0.codeLocation.column)
            })
        hex = SHA256.hex(CacheJSON.encode(inputs))
    }

    public var description: String { hex }

    /// Encoded as JSON with sorted keys: one spelling for the same inputs on every machine.
    private struct Inputs: Encodable {
        struct Cell: Encodable {
            var code: String
            var options: Int
            var line: Int
            var column: Int
        }

        /// Every field of `ExecutionLimits` by name, as plain numbers: the key must not follow
        /// how Swift happens to describe a value (`String(reflecting:)` did).
        struct Limits: Encodable {
            var steps: Int
            /// The wall clock as `Duration`'s exact components.
            var timeSeconds: Int64
            var timeAttoseconds: Int64
            var tensorElements: Int
            var memory: Int
            var output: Int
            var figures: Int
            /// The command line's settings by their names (`time`, `memory`): budget messages
            /// say where a limit was set.
            var commandLine: [String: Double]

            init(_ limits: ExecutionLimits) {
                steps = limits.maxSteps
                (timeSeconds, timeAttoseconds) = limits.wallClock.components
                tensorElements = limits.maxTensorElements
                memory = limits.maxMemoryBytes
                output = limits.maxOutputBytes
                figures = limits.maxFigures
                commandLine = Dictionary(uniqueKeysWithValues: limits.commandLine.values.map { ($0.key.rawValue, $0.value) })
            }
        }

        var format: Int
        var build: String
        var page: String
        var frontMatter: String
        var limits: Limits
        var cells: [Cell]
    }
}

/// The cache's one JSON spelling: sorted keys, no escaped slashes, non-finite numbers as strings.
enum CacheJSON {
    static func encode<Value: Encodable>(_ value: Value) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Every value the cache encodes is plain data; encoding cannot fail.
        return (try? Array(encoder.encode(value))) ?? []
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: Data(bytes))
    }
}

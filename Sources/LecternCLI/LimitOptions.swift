import ArgumentParser
import LessonCells
import LessonModel

/// `--limit NAME=VALUE`: a page budget for this run, over the page's own `limits:` front matter.
/// One option for every limit, so the names are those of the front matter and of the messages
/// that report a budget (`LimitName`).
public struct LimitOptions: ParsableArguments {
    @Option(
        name: .customLong("limit"),
        help: ArgumentHelp(
            "Set a page budget, over the page's front matter (repeatable): time (seconds, default 10), steps (100000000), tensor-elements (64000000), memory (bytes, 2147483648), output (bytes, 8388608), figures (100).",
            valueName: "name=value"))
    public var limits: [String] = []

    public init() {}

    public func validate() throws {
        _ = try settings()
    }

    /// The limits every page of this run gets, before its front matter.
    public var executionLimits: ExecutionLimits {
        ExecutionLimits(commandLine: (try? settings()) ?? LimitSettings())
    }

    private func settings() throws -> LimitSettings {
        var settings = LimitSettings()
        for text in limits {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--limit takes NAME=VALUE, e.g. '--limit time=60', not '\(text)'") }
            switch LimitSettings.parse(name: parts[0], value: parts[1]) {
            case .success(let (name, value)): settings[name] = value
            case .failure(let error): throw ValidationError("--limit: \(error.message)")
            }
        }
        return settings
    }
}

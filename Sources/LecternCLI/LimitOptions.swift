import ArgumentParser
import LessonCells
import LessonModel

/// `--limit NAME=VALUE`: a page budget for this run, over the page's own `limits:` front matter.
/// One option for every limit, so the names are those of the front matter and of the messages
/// that report a budget (`LimitName`).
public struct LimitOptions: ParsableArguments {
    @Option(
        name: .customLong("limit"),
        help: ArgumentHelp(LimitOptions.help, valueName: "name=value"))
    public var limits: [String] = []

    public init() {}

    /// The names with their defaults, from `ExecutionLimits.default`.
    static var help: String {
        let limits = ExecutionLimits.default
        let (seconds, _) = limits.wallClock.components
        return "Set a page budget for this run, over the page's front matter (repeatable). Defaults: time=\(seconds) (seconds), "
            + "steps=\(limits.maxSteps), tensor-elements=\(limits.maxTensorElements), memory=\(limits.maxMemoryBytes) (bytes), "
            + "output=\(limits.maxOutputBytes) (bytes), figures=\(limits.maxFigures)."
    }

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

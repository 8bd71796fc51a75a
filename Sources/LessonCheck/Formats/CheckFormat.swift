import LessonModel

/// How `lectern check` reports: for people, for programs, for CI test reports, for GitHub.
public enum CheckFormat: String, CaseIterable, Sendable {
    case text, json, junit, github

    /// The whole report for `summary`, ending with a newline.
    public func render(_ summary: CheckSummary) -> String {
        switch self {
        case .text: TextReport.render(summary)
        case .json: JSONReport.render(summary)
        case .junit: JUnitReport.render(summary)
        case .github: GitHubAnnotations.render(summary)
        }
    }
}

extension PageResult {
    /// The page error as `file:line:col: error: message`, naming the page when the error has no place.
    var errorLine: String? {
        guard let error else { return nil }
        return error.location == nil ? "\(PathText.display(path)): \(error)" : "\(error)"
    }

    /// A mismatch's full text: its summary, then its diff lines.
    static func mismatchText(_ mismatch: Mismatch) -> String {
        ([mismatch.summary] + mismatch.details).joined(separator: "\n")
    }
}

import Foundation

/// `lectern new`'s reminder that the cell cache is not for git, until `.gitignore` says so.
public enum GitIgnoreAdvice {
    public static let line = "note: lectern keeps its cell cache in .lectern/; add `.lectern/` to .gitignore so it stays out of git"

    /// The reminder, or nil when the `.gitignore` at `path` already ignores `.lectern`.
    public static func advice(gitignore path: String = ".gitignore") -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return line }
        let ignores = text.split(whereSeparator: \.isNewline).contains { entry in
            let pattern = entry.trimmingCharacters(in: .whitespaces)
            return [".lectern", ".lectern/", "/.lectern", "/.lectern/"].contains(pattern)
        }
        return ignores ? nil : line
    }
}

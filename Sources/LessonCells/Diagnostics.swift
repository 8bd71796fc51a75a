import LessonModel

/// A located error from any stage: syntax, lowering or evaluation. `run` turns it into the
/// cell's `.error` item with the page's file name.
struct CellError: Error {
    var message: String
    var loc: Loc
    /// A budget ran out: no caller may recover from it (e.g. by trying another initializer).
    var isBudget = false
    /// A Swift error the engine (or a library) threw, which `try?` turns into nil; the
    /// interpreter's own errors are Swift's traps and compile errors.
    var isThrown = false

    init(_ message: String, at loc: Loc) {
        self.message = message
        self.loc = loc
    }

    func diagnostic(file: String) -> Diagnostic {
        .error(message, at: SourceLocation(file: file, line: Int(loc.line), column: Int(loc.column)))
    }
}

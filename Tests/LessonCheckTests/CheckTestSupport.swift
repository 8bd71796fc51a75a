import Foundation
import LessonDocument
import LessonExecution
import LessonModel
@testable import LessonCheck

func parsePage(_ text: String, path: String = "lesson.md") throws -> Document {
    try Document.parse(path: path, contents: Array(text.utf8))
}

/// `document` as if its cells had printed `printed` (one entry per cell; `nil` = did not run).
func executed(_ document: Document, printed: [String?]) -> ExecutedDocument {
    ExecutedDocument(document: document, outputs: printed.map { $0.map { CellOutput(items: [.text($0)]) } })
}

func at(_ line: Int, _ column: Int, _ file: String = "lesson.md") -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
}

/// The gradient lines the published lesson prints (seed 123, without shortcuts, PyTorch 2.15).
let gradientLines = """
    layers.0.0.weight has gradient mean of 0.00020173587836325169
    layers.1.0.weight has gradient mean of 0.00012011159560643137
    layers.2.0.weight has gradient mean of 0.0007152040489017963
    layers.3.0.weight has gradient mean of 0.0013988736318424344
    layers.4.0.weight has gradient mean of 0.005049645435065031

    """

/// A small lesson page: front matter, prose, a cell without output, a cell with one.
let lessonPage = """
    ---
    title: Shortcut connections
    ---

    # Gradients

    Some prose before the cells.

    ```swift
    let layerSizes = [3, 3, 3, 3, 3, 1]
    ```

    ```swift
    printGradients(model, sampleInput)
    ```

    ```output
    \(gradientLines)```

    The end.

    """

/// A temporary folder removed when the test ends.
final class ScratchFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "lectern-check-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(filePath: file))
        return file
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path + "/" + name, encoding: .utf8)
    }
}

enum FileManagerHelpers {
    static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}

import Foundation
import LessonDocument
import LessonExecution
import LessonModel

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let path = NSTemporaryDirectory() + "lectern-cache-" + UUID().uuidString

    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(filePath: file))
        return file
    }

    func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path + "/" + folder)) ?? []).sorted()
    }
}

/// A page with two cells, the second publishing what it prints.
func page(printing value: String, title: String = "Cached", prose: String = "Some prose.") -> String {
    """
    ---
    title: \(title)
    ---

    \(prose)

    ```swift
    let x = \(value)
    ```

    ```swift
    print(x)
    ```

    ```output
    \(value)
    ```

    """
}

/// `document` as if each cell had printed `printed[i]` (a cell that prints nothing has no items).
func pretend(_ document: Document, printed: [String?]) -> ExecutedDocument {
    ExecutedDocument(document: document, outputs: printed.map { $0.map { $0.isEmpty ? CellOutput() : CellOutput(items: [.text($0)]) } })
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

import LessonDocument
import LessonExecution
import LessonModel

/// Hand-made executed pages: the interpreter is not needed to test how reports spell outputs.
enum Fixtures {
    static let mseWarning = "Using a target size (torch.Size([1, 1])) that is different to the input size (torch.Size([1, 3])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size."

    static let withoutShortcut = [0.00020173587836325169, 0.0001201116101583466, 0.0007152041653171182, 0.0013988513965159655, 0.005049603525549173]
    static let withShortcut = [0.22169798612594604, 0.20694111287593842, 0.3289700150489807, 0.26657330989837646, 1.3258544206619263]

    static var gradientTable: GradientTable {
        GradientTable(
            title: "Mean |grad| of each weight",
            modelLabels: ["without shortcut", "with shortcut"],
            rows: (0..<5).map { i in
                GradientTable.Row(name: "layers.\(i).0.weight", shape: i == 4 ? [1, 3] : [3, 3],
                                  meanAbsoluteGradients: [withoutShortcut[i], withShortcut[i]])
            })
    }

    static var barChart: Chart {
        Chart(kind: .groupedBar, title: "Gradient per layer", xTitle: "layer", yTitle: "mean |grad|", yScale: .log,
              categories: (1...5).map { "layer \($0)" },
              series: [.init(label: "without shortcut", values: withoutShortcut), .init(label: "with shortcut", values: withShortcut)])
    }

    static var lineChart: Chart {
        Chart(kind: .line, title: "Loss <by> step", xTitle: "step", yTitle: "loss", yScale: .linear,
              xValues: [0, 1, 2, 3, 4, 5],
              series: [.init(label: "plain", values: [1.2, 0.9, 0.7, 0.55, 0.5, 0.48]),
                       .init(label: "shortcut & more", values: [1.1, 0.6, 0.35, 0.2, 0.15, 0.12])])
    }

    /// A page using every cmark-gfm feature the report must keep, and every cell option.
    static let lessonPage = """
        ---
        title: Shortcut connections
        tolerance: 1e-5
        ---

        # Shortcut connections

        Deep networks *vanish*: gradients ~~grow~~ shrink layer by layer. See [the chapter](https://example.com/ch4) or www.example.org.

        | layer | size |
        | ----- | ---: |
        | 1     | 3    |

        - [x] build the network
        - [ ] add shortcuts

        Use `print(x < y)` to show values. <kbd>Ctrl</kbd> <script>alert("prose")</script>

        ```swift
        let layerSizes = [3, 3, 3, 3, 3, 1]
        // a comment <b>bold</b>
        let label = "<script>alert(1)</script>"
        print(label)
        ```

        ```output
        <script>alert(1)</script>
        ```

        ```swift hidden
        printGradients(modelWithoutShortcut, sampleInput)
        ```

        ```swift norun
        manualSeed(999)
        ```

        ```swift error
        let broken = undefinedThing
        ```

        Closing prose.

        """

    static func lesson(path: String = "notebooks/shortcut-connections.md") throws -> ExecutedDocument {
        let document = try Document.parse(path: path, contents: Array(lessonPage.utf8))
        let cells = document.cells
        var hidden = CellOutput()
        hidden.items = [
            .warning(mseWarning),
            .text("layers.0.0.weight has gradient mean of 0.00020173587836325169\n"),
            .figure(.gradientTable(gradientTable)),
            .figure(.chart(barChart)),
            .figure(.chart(lineChart)),
        ]
        let outputs: [CellOutput?] = [
            CellOutput(items: [.text("<script>alert(1)</script>\n")]),
            hidden,
            nil,
            CellOutput(items: [.error(.error("cannot find 'undefinedThing' in scope", at: SourceLocation(file: path, line: cells[3].codeLocation.line, column: 14)))]),
        ]
        return ExecutedDocument(document: document, outputs: outputs)
    }

    static let failingPage = """
        # Failing page

        ```swift
        print("before")
        ```

        ```swift
        let x = missing
        ```

        Prose after the error.

        ```swift
        print("after")
        ```

        """

    static func failing(path: String = "failing.md") throws -> ExecutedDocument {
        let document = try Document.parse(path: path, contents: Array(failingPage.utf8))
        return ExecutedDocument(document: document, outputs: [
            CellOutput(items: [.text("before\n")]),
            CellOutput(items: [.text("partial\n"), .error(.error("cannot find 'missing' in scope", at: SourceLocation(file: path, line: 8, column: 9)))]),
            nil,
        ])
    }
}

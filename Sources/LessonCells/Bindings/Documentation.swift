/// The API reference in docs/cell-language.md, written from the registry: every binding's Swift
/// declaration, by area. A test compares the docs with this text (`BindingTests`).
extension Registry {
    static let docsBegin = "<!-- API reference: generated from Sources/LessonCells/Bindings (see BindingTests) -->"
    static let docsEnd = "<!-- end of the generated API reference -->"

    var documentation: String {
        var text = Registry.docsBegin + "\n"
        for (title, _) in Registry.areas {
            let lines = all.filter { $0.area == title }.map(\.declaration)
            text += "\n#### \(title)\n\n```swift\n" + lines.joined(separator: "\n") + "\n```\n"
        }
        return text + "\n" + Registry.docsEnd
    }
}

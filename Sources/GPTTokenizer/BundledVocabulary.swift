import Foundation

/// Finds `gpt2.tiktoken`, which SwiftPM copies into the `Lectern_GPTTokenizer.resources` folder
/// beside the built binaries. SwiftPM's generated `Bundle.module` looks in the same two places
/// (beside the executable, then the build folder) but stops the process when neither has it; this
/// throws a clear error instead, and also finds the file in the source tree it was built from.
enum BundledVocabulary {
    static let resourcePath = "Vocabulary/gpt2.tiktoken"

    static func url() throws(TokenizerError) -> URL {
        let candidates = searchedPlaces()
        if let found = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0.path) }) { return found }
        throw .bundledVocabularyMissing(searched: candidates.map(\.path))
    }

    static func searchedPlaces() -> [URL] {
        var places: [URL] = []
        if let executableFolder = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            places.append(executableFolder.appendingPathComponent("Lectern_GPTTokenizer.resources/" + resourcePath))
            places.append(executableFolder.appendingPathComponent("Lectern_GPTTokenizer.bundle/" + resourcePath))
            places.append(executableFolder.appendingPathComponent("Lectern_GPTTokenizer.bundle/Contents/Resources/" + resourcePath))
        }
        // The source tree this module was compiled from (a development checkout).
        places.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(resourcePath))
        return places
    }
}

import LessonModel
import Yams
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `_toc.yml` (see `ChapterContents`), collecting every problem with its line and column
/// rather than stopping at the first, so one run shows all that is wrong with the file.
struct ChapterContentsReader {
    static let knownKeys = ["chapter", "title", "sections"]
    static let entryKeys = ["file", "number", "sections"]
    /// Deeper than 4.4.1.1 is a book's structure, not a chapter's; it also bounds the recursion.
    static let maximumDepth = 3

    let lines: LineTable
    let path: String
    let folder: String
    private(set) var diagnostics: [Diagnostic] = []
    private var chapter: Int?
    private var entries: [ChapterContents.Entry] = []
    /// Listed files by identity (device, inode), with where each was first listed.
    private var listed: [FileIdentity: SourceLocation] = [:]

    init(lines: LineTable, path: String, folder: String) {
        self.lines = lines
        self.path = path
        self.folder = folder
    }

    mutating func read(_ yaml: String) -> ChapterContents? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            diagnostics.append(yamlDiagnostic(error))
            return nil
        }
        guard let mapping = root?.mapping else {
            diagnostics.append(.error("the contents must be 'key: value' lines: 'chapter:', 'title:' and 'sections:' listing the pages",
                                      at: location(of: root?.mark)))
            return nil
        }
        var title: String?
        var sections: Node?
        // `chapter:` is read first wherever it stands: the section numbers depend on it.
        for (key, value) in mapping where key.string == "chapter" {
            guard let text = value.scalar?.string, let number = Int(text), number > 0, !text.hasPrefix("+") else {
                error("'chapter' must be the chapter's number, a whole number such as 4, not '\(value.scalar?.string ?? "a list")'", at: value.mark)
                continue
            }
            chapter = number
        }
        for (key, value) in mapping {
            switch key.string ?? "" {
            case "chapter": break
            case "title":
                guard let text = value.scalar?.string else {
                    error("'title' must be text", at: value.mark)
                    continue
                }
                title = text
            case "sections": sections = value
            default:
                diagnostics.append(.warning(
                    "unknown key '\(key.string ?? "")' in the contents (known keys: \(Self.knownKeys.joined(separator: ", ")))",
                    at: location(of: key.mark)))
            }
        }
        guard let sections else {
            diagnostics.append(.error("the contents list no pages: add 'sections:' with one '- file: page.md' line per page",
                                      at: location(of: root?.mark)))
            return nil
        }
        readList(sections, parent: chapter.map { [$0] }, depth: 0)
        return ChapterContents(path: path, folder: folder, chapter: chapter, title: title, entries: entries)
    }

    /// One `sections:` list: its entries are numbered after `parent` (nil when unnumbered).
    private mutating func readList(_ node: Node, parent: [Int]?, depth: Int) {
        guard let sequence = node.sequence, !sequence.isEmpty else {
            error("'sections' must be a list of pages, one '- file: page.md' line each", at: node.mark)
            return
        }
        var previous: Int?
        for item in sequence {
            var file: Node?
            var numberNode: Node?
            var children: Node?
            if item.scalar != nil {
                file = item
            } else if let mapping = item.mapping {
                for (key, value) in mapping {
                    switch key.string ?? "" {
                    case "file": file = value
                    case "number": numberNode = value
                    case "sections": children = value
                    default:
                        diagnostics.append(.warning(
                            "unknown key '\(key.string ?? "")' in a contents entry (known keys: \(Self.entryKeys.joined(separator: ", ")))",
                            at: location(of: key.mark)))
                    }
                }
            } else {
                error("a contents entry is a page: '- file: page.md'", at: item.mark)
                continue
            }
            guard let file else {
                error("this contents entry names no page: add 'file: page.md'", at: item.mark)
                continue
            }
            let number = sectionNumber(numberNode, parent: parent, previous: previous)
            if let number { previous = number.last }
            addEntry(file, number: number, depth: depth)
            if let children {
                if depth + 1 > Self.maximumDepth {
                    error("sections nest at most \(Self.maximumDepth) deep under the chapter", at: children.mark)
                } else {
                    readList(children, parent: number, depth: depth + 1)
                }
            }
        }
    }

    /// The entry's number: as written (checked), else one more than the previous sibling's.
    private mutating func sectionNumber(_ node: Node?, parent: [Int]?, previous: Int?) -> [Int]? {
        guard let node else {
            return parent.map { $0 + [(previous ?? 0) + 1] }
        }
        let text = node.scalar?.string ?? ""
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let components = parts.compactMap { part -> Int? in
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part), value > 0 else { return nil }
            return value
        }
        guard components.count == parts.count, components.count >= 2 else {
            error("'\(node.scalar?.string ?? "a list")' is not a section number such as 4.4 (whole numbers from 1, joined by dots)", at: node.mark)
            return nil
        }
        guard let parent else {
            error("a section number needs the chapter's number: add 'chapter: \(components[0])' at the top of the contents", at: node.mark)
            return nil
        }
        let parentText = parent.map(String.init).joined(separator: ".")
        guard components.count == parent.count + 1, Array(components.dropLast()) == parent else {
            let place = parent.count == 1 ? "chapter \(parentText)" : "section \(parentText)"
            error("'\(text)' cannot be numbered in \(place), where it is listed: number it \(parentText).N", at: node.mark)
            return nil
        }
        if let previous, components.last! <= previous {
            error("'\(text)' does not come after \(parentText).\(previous), listed before it: numbers rise in the order the pages are listed",
                  at: node.mark)
            return nil
        }
        return components
    }

    private mutating func addEntry(_ node: Node, number: [Int]?, depth: Int) {
        guard let listedName = node.scalar?.string, !listedName.isEmpty else {
            error("'file' must name a page, such as 'file: shortcut-connections.md'", at: node.mark)
            return
        }
        let here = location(of: node.mark)
        let components = listedName.split(separator: "/", omittingEmptySubsequences: false)
        guard !listedName.hasPrefix("/"), !components.contains(".."), !components.contains("") else {
            error("'\(listedName)' must name a page inside \(PathText.display(folder)) by its path from there", at: node.mark)
            return
        }
        let file = listedName.hasSuffix(".md") ? listedName : listedName + ".md"
        let pagePath = folder.hasSuffix("/") ? folder + file : folder + "/" + file
        var status = stat()
        guard stat(pagePath, &status) == 0 else {
            error("'\(listedName)' is listed, but there is no page \(PathText.display(pagePath))", at: node.mark)
            return
        }
        if let kind = FileKind.nonRegular(status.st_mode) {
            error("'\(listedName)' is listed, but \(PathText.display(pagePath)) is \(kind)", at: node.mark)
            return
        }
        let identity = FileIdentity(status)
        if let first = listed[identity] {
            error("'\(listedName)' is listed twice (first at line \(first.line)); a page has one place in the chapter", at: node.mark)
            return
        }
        listed[identity] = here
        entries.append(ChapterContents.Entry(
            path: pagePath, number: number.map { $0.map(String.init).joined(separator: ".") }, depth: depth, location: here))
    }

    private mutating func error(_ message: String, at mark: Mark?) {
        diagnostics.append(.error(message, at: location(of: mark)))
    }

    private func yamlDiagnostic(_ error: any Error) -> Diagnostic {
        switch YAMLProblem(error) {
        case .invalid(let problem, let mark): return .error("the contents are not valid YAML: \(problem)", at: location(of: mark))
        case .repeatedKeys(let keys, let mark): return .error("the contents repeat the key \(keys)", at: location(of: mark))
        }
    }

    private func location(of mark: Mark?) -> SourceLocation {
        lines.location(of: mark, yamlStartingAt: 1, in: path)
    }
}

import LessonDocument
import LessonModel

/// Prose with its math set aside: cmark-gfm reads the Markdown with each math span replaced by a
/// placeholder word, so `_` and `*` inside TeX are never emphasis, and the rendered HTML then gets
/// the typeset MathML in the placeholder's place.
struct ProseMath {
    /// The prose Markdown, math spans replaced by placeholders.
    let markdown: String
    fileprivate let source: [UInt8]
    fileprivate let spans: [MathSpan]

    /// A placeholder is private-use characters around the span's number: cmark-gfm treats them
    /// as letters (no emphasis, escaping or linking applies), and no page writes them.
    fileprivate static let open: Unicode.Scalar = "\u{E000}"
    private static let close: Unicode.Scalar = "\u{E001}"

    init(_ markdown: String) {
        source = Array(markdown.utf8)
        spans = MathSpans.find(in: source)
        guard !spans.isEmpty else {
            self.markdown = markdown
            return
        }
        var protected: [UInt8] = []
        protected.reserveCapacity(source.count)
        var i = 0
        for (number, span) in spans.enumerated() {
            protected += source[i..<span.range.lowerBound]
            protected += Array("\(Self.open)\(number)\(Self.close)".utf8)
            i = span.range.upperBound
        }
        protected += source[i...]
        self.markdown = String(decoding: protected, as: UTF8.self)
    }

    /// The rendered prose with each placeholder replaced by its `<math>` element. Math that cannot
    /// be typeset shows as its TeX source in `<code class="math-source">`, with a warning located
    /// at the problem; `locate` turns a byte offset in the prose into a page location.
    func typeset(_ html: String, locate: (Int) -> SourceLocation?) -> (html: String, warnings: [Diagnostic]) {
        guard !spans.isEmpty else { return (html, []) }
        var rendered: [String?] = Array(repeating: nil, count: spans.count)
        var warnings: [Diagnostic] = []
        var result = ""
        result.reserveCapacity(html.utf8.count + spans.count * 200)
        var insideTag = false
        let scalars = html.unicodeScalars
        var i = scalars.startIndex
        // Text between placeholders is copied a run at a time (a scalar at a time was slow).
        var runStart = i
        while i < scalars.endIndex {
            let placeholderStart = i
            let c = scalars[i]
            i = scalars.index(after: i)
            guard c == Self.open, let (number, next) = Self.placeholderNumber(scalars, from: i), number < spans.count else {
                if c == "<" { insideTag = true } else if c == ">" { insideTag = false }
                continue
            }
            result += Substring(scalars[runStart..<placeholderStart])
            i = next
            runStart = next
            let span = spans[number]
            let written = MathSpans.text(of: span.range, in: source)
            // Inside a tag (an image's alt text, a link title) only text can go: the TeX as written.
            if insideTag {
                result += Escape.html(written)
                continue
            }
            if let markup = rendered[number] {
                result += markup
                continue
            }
            let tex = MathSpans.text(of: span.texRange, in: source)
            let markup: String
            do throws(TeXProblem) {
                markup = MathMLWriter.math(try TeXParser.parse(tex), tex: tex, display: span.display)
            } catch {
                markup = "<code class=\"math-source\">\(Escape.html(written))</code>"
                warnings.append(.warning("\(error.message); the HTML report shows this math as TeX source",
                                         at: locate(span.texRange.lowerBound + error.offset)))
            }
            rendered[number] = markup
            result += markup
        }
        result += Substring(scalars[runStart...])
        return (result, warnings)
    }

    /// The number of the placeholder whose digits start at `start`, and where it ends.
    fileprivate static func placeholderNumber(_ scalars: String.UnicodeScalarView, from start: String.Index) -> (Int, String.Index)? {
        Placeholder.number(scalars, from: start, close: close)
    }
}

extension Prose {
    /// The page location of a byte offset in this prose run.
    func location(ofOffset offset: Int) -> SourceLocation {
        let starts = MathSpans.lineStarts(Array(markdown.utf8))
        let lineIndex = (starts.lastIndex { $0 <= offset } ?? 0)
        let column = offset - starts[lineIndex] + (lineIndex == 0 ? location.column : 1)
        return SourceLocation(file: location.file, line: location.line + lineIndex, column: column)
    }
}

extension ProseMath {
    /// `text` (from the protected Markdown) with each placeholder back as the math as written,
    /// `$x$`: what a heading holding math reads as in the Markdown report.
    func restoringMath(_ text: String) -> String {
        guard !spans.isEmpty, text.unicodeScalars.contains(Self.open) else { return text }
        var result = ""
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            i = scalars.index(after: i)
            if c == Self.open, let (number, next) = Self.placeholderNumber(scalars, from: i), number < spans.count {
                result += MathSpans.text(of: spans[number].range, in: source)
                i = next
            } else {
                result.unicodeScalars.append(c)
            }
        }
        return result
    }
}

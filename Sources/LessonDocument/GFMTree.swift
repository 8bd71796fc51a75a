import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A GitHub-flavoured Markdown parse by cmark-gfm, shared by the page parser and the report's
/// prose renderer so both read Markdown the same way.
package final class GFMTree {
    /// GitHub's extensions but `tagfilter`: the report's HTML sanitizer reads raw HTML with a real
    /// parser and an allowlist, and tagfilter's half-escaped tags (`&lt;/script>` closing a
    /// `<script/x>` it let through) would only confuse that reading.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// The extensions, registered once. cmark-gfm's registry is a plain global list, so pages
    /// parsed on several threads at once (`check` does) must not register concurrently: a
    /// Swift `static let` runs its initialiser exactly once, thread-safely. The extension objects
    /// are never changed after registration, so sharing the pointers is safe.
    nonisolated(unsafe) private static let extensions: [OpaquePointer] = {
        cmark_gfm_core_extensions_ensure_registered()
        return extensionNames.compactMap { cmark_find_syntax_extension($0) }
    }()

    /// One parse at a time in the process. cmark-gfm keeps the characters that start an inline
    /// (`~` for strikethrough, `:` and `w` for bare URLs) in one global table: each parse adds its
    /// extensions' characters before reading inlines and removes them after, so a parse on another
    /// thread would lose its strikethrough and autolinks meanwhile (github/cmark-gfm#176).
    /// Parsing is a small part of a page's work; rendering the tree needs no lock.
    nonisolated(unsafe) private static let parseLock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()

    private let parser: OpaquePointer
    package let root: OpaquePointer

    /// Parses `bytes`; `sourcePositions` records each node's lines (CMARK_OPT_SOURCEPOS).
    package init(_ bytes: ArraySlice<UInt8>, sourcePositions: Bool = false) {
        let extensions = Self.extensions
        pthread_mutex_lock(Self.parseLock)
        defer { pthread_mutex_unlock(Self.parseLock) }
        let parser: OpaquePointer = cmark_parser_new(sourcePositions ? CMARK_OPT_SOURCEPOS : CMARK_OPT_DEFAULT)
        for extensionPointer in extensions {
            cmark_parser_attach_syntax_extension(parser, extensionPointer)
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        self.parser = parser
        root = cmark_parser_finish(parser)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// The document's top-level blocks in order.
    package var topLevelBlocks: [OpaquePointer] {
        var blocks: [OpaquePointer] = []
        var node = cmark_node_first_child(root)
        while let current = node {
            blocks.append(current)
            node = cmark_node_next(current)
        }
        return blocks
    }

    /// Replaces the destination of every link for which `transform` returns a new one.
    package func rewriteLinks(_ transform: (String) -> String?) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_LINK,
                  let url = cmark_node_get_url(node), let replacement = transform(String(cString: url)) else { continue }
            cmark_node_set_url(node, replacement)
        }
    }

    /// Raw HTML in the tree (blocks and inline tags) with where each starts, in document order.
    /// Needs a tree parsed with `sourcePositions`.
    package func rawHTML() -> [(line: Int, column: Int, literal: String)] {
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var found: [(line: Int, column: Int, literal: String)] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK, let literal = cmark_node_get_literal(node) else { continue }
            found.append((Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node)), String(cString: literal)))
        }
        return found
    }

    /// Every heading in document order (nested ones in quotes and lists too, as GitHub gives
    /// each an anchor): its level, whether it is a top-level block, and its text as a browser's
    /// `textContent` reads it (code spans' text kept, markup and images' alt text dropped).
    /// With `marker`, the text `marker(k)` is put first in the k-th heading (from 0), so the
    /// rendered HTML can be told which heading each `<hN>` is.
    package func headings(marking marker: ((Int) -> String)? = nil) -> [(level: Int, topLevel: Bool, text: String)] {
        var headingNodes: [OpaquePointer] = []
        if let iterator = cmark_iter_new(root) {
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_HEADING {
                    headingNodes.append(node)
                }
            }
        }
        // Texts are read before any marker is added; the tree is changed only after the walk.
        let found = headingNodes.map { (Int(cmark_node_get_heading_level($0)), cmark_node_parent($0) == root, Self.textContent(of: $0)) }
        if let marker {
            for (k, heading) in headingNodes.enumerated() {
                guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
                cmark_node_set_literal(text, marker(k))
                if cmark_node_prepend_child(heading, text) == 0 { cmark_node_free(text) }
            }
        }
        return found
    }

    private static func textContent(of heading: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(heading) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        var imageDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_IMAGE {
                imageDepth += event == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            guard event == CMARK_EVENT_ENTER, imageDepth == 0 else { continue }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += "\n"
            default:
                break
            }
        }
        return text
    }

    /// HTML for the whole tree. Raw HTML is kept as written (CMARK_OPT_UNSAFE): the caller
    /// sanitizes the result (the HTML report passes it through `HTMLSanitizer`).
    package func html() -> String {
        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let rendered = cmark_render_html(root, CMARK_OPT_UNSAFE, extensions) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}

import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A GitHub-flavoured Markdown parse by cmark-gfm, shared by the page parser and the report's
/// prose renderer so both read Markdown the same way.
package final class GFMTree {
    /// GitHub's extensions. `tagfilter` only acts when rendering with the parser's extension list.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    private let parser: OpaquePointer
    package let root: OpaquePointer

    /// Parses `bytes`; `sourcePositions` records each node's lines (CMARK_OPT_SOURCEPOS).
    package init(_ bytes: ArraySlice<UInt8>, sourcePositions: Bool = false) {
        cmark_gfm_core_extensions_ensure_registered()
        let parser: OpaquePointer = cmark_parser_new(sourcePositions ? CMARK_OPT_SOURCEPOS : CMARK_OPT_DEFAULT)
        for name in Self.extensionNames {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
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

    /// HTML for the whole tree. Raw HTML is kept (CMARK_OPT_UNSAFE) but passes through
    /// `tagfilter`, which neutralises `<script>`, `<style>`, `<iframe>` and the like, as GitHub does.
    package func html() -> String {
        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let rendered = cmark_render_html(root, CMARK_OPT_UNSAFE, extensions) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}

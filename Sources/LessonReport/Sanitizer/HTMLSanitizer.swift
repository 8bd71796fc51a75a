import CLibXML2

/// Filters raw HTML through `HTMLAllowlist`, read by libxml2's HTML parser (never by patterns):
/// an allowed element is written again with only its allowed attributes; any other element's
/// tags, and everything else, become escaped text, shown rather than obeyed. Comments,
/// processing instructions and doctypes are dropped. Every byte written is either a tag built
/// here from the allowlist or escaped text, so no difference between libxml2's reading and a
/// browser's can smuggle markup through.
enum HTMLSanitizer {
    /// How the fragment relates to its surroundings.
    enum Mode {
        /// A whole fragment (the HTML report's rendered prose): elements still open at its end
        /// are closed, and end tags with no open element are dropped.
        case balanced
        /// One piece of raw HTML in Markdown (a tag, or an HTML block that may open `<details>`
        /// here and close it in a later block): tags are written as they appear, unclosed ones
        /// left open and stray end tags kept.
        case piece
    }

    static func sanitize(_ html: String, mode: Mode) -> String {
        guard html.utf8.contains(UInt8(ascii: "<")) || html.utf8.contains(UInt8(ascii: "&")) else { return html }
        _ = initialized
        return HTMLSanitizerRun(html, mode: mode).output
    }

    /// libxml2's global state, set up once before any thread parses.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()
}

/// One parse: the SAX callbacks append to `output`.
private final class HTMLSanitizerRun {
    var output = ""
    let mode: HTMLSanitizer.Mode
    /// The allowed elements written and not yet closed, innermost last.
    var open: [String] = []
    /// Elements libxml2 has open, wrapper included (1 = only the wrapper).
    var depth = 0
    /// Input bytes past this offset are the wrapper's tail and the end marker, not the page's.
    let contentEnd: Int
    var context: htmlParserCtxtPtr?

    /// An element of our own around the fragment: text at its top level is then inside an
    /// element, so libxml2 does not wrap it in an implied `<p>`.
    private static let wrapper = "lectern-fragment"

    init(_ html: String, mode: HTMLSanitizer.Mode) {
        self.mode = mode
        output.reserveCapacity(html.utf8.count + 64)
        // NUL ends libxml2's reading; cmark writes U+FFFD for it anyway.
        let clean = html.utf8.contains(0) ? String(html.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : Character($0) }) : html
        let prefix = "<\(Self.wrapper)>"
        // A space after the content: events libxml2 makes when the input ends (closing what is
        // still open) come after it, so they can be told from the page's own tags.
        let bytes = Array((prefix + clean + " ").utf8)
        contentEnd = prefix.utf8.count + clean.utf8.count
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in parse(chars) }
        }
        if mode == .balanced { for name in open.reversed() { output += "</\(name)>" } }
    }

    private func parse(_ chars: UnsafeBufferPointer<CChar>) {
        guard let context = htmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count)) else { return }
        defer { htmlFreeParserCtxt(context) }
        self.context = context
        let options = Int32(HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue)
        htmlCtxtUseOptions(context, options)
        xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
        var handler = htmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElement = { user, name, attributes in HTMLSanitizerRun.from(user).start(name, attributes) }
        handler.endElement = { user, name in HTMLSanitizerRun.from(user).end(name) }
        handler.characters = { user, text, length in HTMLSanitizerRun.from(user).text(text, length) }
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = handler.characters
        // Errors are not printed; the one that matters says an end tag closed nothing.
        handler.serror = { user, error in HTMLSanitizerRun.from(user).error(error) }
        context.pointee.sax.pointee = handler
        context.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
        htmlParseDocument(context)
        context.pointee.userData = nil
        self.context = nil
    }

    static func from(_ user: UnsafeMutableRawPointer?) -> HTMLSanitizerRun {
        Unmanaged<HTMLSanitizerRun>.fromOpaque(user!).takeUnretainedValue()
    }

    /// How far libxml2 has read: an event at or before `contentEnd` comes from the page.
    private var position: Int {
        guard let input = context?.pointee.input else { return 0 }
        return Int(input.pointee.consumed) + (input.pointee.cur - input.pointee.base)
    }

    private var fromPage: Bool { position <= contentEnd }

    func start(_ rawName: UnsafePointer<xmlChar>?, _ rawAttributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        depth += 1
        guard depth > 1, fromPage, let rawName else { return }
        let name = String(cString: rawName).lowercased()
        var attributes: [(String, String?)] = []
        if var pair = rawAttributes {
            while let attribute = pair.pointee {
                let value = pair.advanced(by: 1).pointee.map { String(cString: $0) }
                attributes.append((String(cString: attribute).lowercased(), value))
                pair = pair.advanced(by: 2)
            }
        }
        guard HTMLAllowlist.keepsElement(name, attributes: attributes) else {
            output += escapeText(tag(name, attributes, escaping: false))
            return
        }
        let kept = attributes.filter { HTMLAllowlist.keeps(name, $0.0, $0.1) }
        if HTMLAllowlist.voidElements.contains(name) {
            output += String(tag(name, kept).dropLast()) + " />"
        } else {
            output += tag(name, kept)
            open.append(name)
        }
    }

    func end(_ rawName: UnsafePointer<xmlChar>?) {
        defer { depth -= 1 }
        guard depth > 1, let rawName else { return }
        let name = String(cString: rawName).lowercased()
        if HTMLAllowlist.voidElements.contains(name) { return }
        guard fromPage else { return }
        closeTag(name)
    }

    /// `</name>` for an allowed element that is open (or, in a piece, for any allowed one).
    /// Another element's end tag is dropped: its start tag was shown as text, and libxml2 also
    /// reports end tags it implies, which the page never wrote.
    private func closeTag(_ name: String) {
        guard HTMLAllowlist.elements.contains(name) else { return }
        if let index = open.lastIndex(of: name) {
            // Close what libxml2 closed implicitly inside it, as the browser would.
            for inner in open[(index + 1)...].reversed() { output += "</\(inner)>" }
            open.removeSubrange(index...)
            output += "</\(name)>"
        } else if mode == .piece {
            output += "</\(name)>"
        }
    }

    func text(_ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
        guard let characters, length > 0, depth >= 1 else { return }
        // Drop the end marker: the bytes of this text past `contentEnd`.
        let beyond = max(0, position - contentEnd)
        let count = Int(length) - beyond
        guard count > 0 else { return }
        let text = String(decoding: UnsafeBufferPointer(start: characters, count: count), as: UTF8.self)
        output += escapeText(text)
    }

    /// Text as HTML; in a piece only `&` and `<` (enough to keep text from forming markup),
    /// so a block quote's `>` markers on the lines of a quoted HTML block stay markers.
    private func escapeText(_ text: String) -> String {
        guard mode == .piece else { return Escape.html(text) }
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") }) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    func error(_ error: xmlErrorPtr?) {
        // "Unexpected end tag : NAME": an end tag with nothing to close. A piece keeps it (its
        // element was opened by an earlier piece); a balanced fragment drops it.
        guard mode == .piece, let error, error.pointee.code == XML_ERR_TAG_NAME_MISMATCH.rawValue,
              error.pointee.str2 == nil, let name = error.pointee.str1, fromPage else { return }
        let element = String(cString: name).lowercased()
        guard !HTMLAllowlist.voidElements.contains(element), element != Self.wrapper else { return }
        closeTag(element)
    }

    /// `<name a="v" b="">`, values escaped for a double-quoted attribute unless the whole tag
    /// is to be escaped as text.
    private func tag(_ name: String, _ attributes: [(String, String?)], escaping: Bool = true) -> String {
        var text = "<" + name
        for (attribute, value) in attributes {
            text += " " + attribute + "=\"" + (escaping ? Escape.html(value ?? "") : value ?? "") + "\""
        }
        return text + ">"
    }
}

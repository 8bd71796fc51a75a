/// What raw HTML may keep in a report, after GitHub's sanitizer for READMEs: text-level and
/// block elements that cannot run code, fetch a document or send a form; a few presentational
/// attributes; links and images only to http(s), relative (and, for links, mailto) URLs. The
/// elements cmark-gfm itself writes (paragraphs, lists, tables, code, task-list checkboxes) are
/// on the list, since the HTML report filters the whole rendered prose.
enum HTMLAllowlist {
    static let elements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
        "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp",
        "rt", "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "ul", "var", "wbr",
    ]

    /// Attributes any allowed element may keep: none can hold a script or a URL.
    static let commonAttributes: Set<String> = [
        "align", "alt", "title", "lang", "dir", "width", "height", "colspan", "rowspan", "scope",
        "valign", "abbr", "datetime", "start", "reversed", "open", "aria-label", "aria-hidden",
    ]

    /// Elements that never have an end tag.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
        "source", "track", "wbr",
    ]

    /// The URL attribute an element may keep, and the schemes allowed in it besides relative URLs.
    static func urlSchemes(element: String, attribute: String) -> Set<String>? {
        switch (element, attribute) {
        case ("a", "href"): ["http", "https", "mailto"]
        case ("img", "src"): ["http", "https"]
        default: nil
        }
    }

    /// Whether `element` may keep `attribute` with `value` (a `nil` value is a bare attribute).
    static func keeps(_ element: String, _ attribute: String, _ value: String?) -> Bool {
        if commonAttributes.contains(attribute) { return true }
        if let schemes = urlSchemes(element: element, attribute: attribute) {
            return value.map { URLScheme.isAllowed($0, schemes: schemes) } ?? false
        }
        switch (element, attribute) {
        // cmark-gfm's task-list checkbox and its code blocks' language class.
        case ("input", "type"): return value?.lowercased() == "checkbox"
        case ("input", "checked"), ("input", "disabled"): return true
        case ("code", "class"): return value.map(isLanguageClass) ?? false
        default: return false
        }
    }

    /// An `input` is kept only as a disabled-looking checkbox, as task lists write it.
    static func keepsElement(_ element: String, attributes: [(String, String?)]) -> Bool {
        guard elements.contains(element) else { return false }
        if element == "input" {
            return attributes.contains { $0.0 == "type" && $0.1?.lowercased() == "checkbox" }
        }
        return true
    }

    /// `language-swift`: letters, digits and `-_+.#` after the prefix.
    private static func isLanguageClass(_ value: String) -> Bool {
        guard value.hasPrefix("language-"), value.count > 9 else { return false }
        return value.dropFirst(9).unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_+.#".unicodeScalars.contains($0) }
    }
}

/// The scheme of a URL as a browser reads it, to tell `javascript:` from a relative path.
enum URLScheme {
    /// True for a relative URL (no scheme) or one whose scheme is in `schemes`. Browsers drop
    /// leading spaces and control characters and every tab and line break before reading the
    /// scheme (`java\tscript:`), so this does too; an empty URL counts as relative.
    static func isAllowed(_ url: String, schemes: Set<String>) -> Bool {
        var scheme = ""
        var leading = true
        for scalar in url.unicodeScalars {
            if leading, scalar.value <= 0x20 { continue }
            leading = false
            if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
            if scalar == ":" { return schemes.contains(scheme.lowercased()) }
            // A path, query or fragment before any colon: relative.
            if scalar == "/" || scalar == "?" || scalar == "#" { return true }
            scheme.unicodeScalars.append(scalar)
        }
        return true
    }
}

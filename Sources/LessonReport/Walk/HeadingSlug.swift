/// GitHub's heading anchors (github-slugger, which github.com's Markdown uses): the heading's
/// text in lower case, with every character that is not a letter, mark, number, connector
/// punctuation (`_`), hyphen or space removed, and each space made a hyphen; a slug met before
/// on the page gets `-1`, `-2`, … So a link to `#why-gradients-vanish` works both in the Markdown
/// report on GitHub and in the HTML report, which uses the same ids.
struct HeadingSlugger {
    /// How often each slug has been given, as github-slugger counts.
    private var occurrences: [String: Int] = [:]

    mutating func slug(_ text: String) -> String {
        let original = Self.base(text)
        var slug = original
        while occurrences[slug] != nil {
            occurrences[original, default: 0] += 1
            slug = "\(original)-\(occurrences[original]!)"
        }
        occurrences[slug] = 0
        return slug
    }

    static func base(_ text: String) -> String {
        var slug = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                slug.append("-")
            } else if scalar == "-" || isWordScalar(scalar) {
                slug.append(scalar)
            }
        }
        return String(slug)
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation:
            return true
        default:
            return false
        }
    }
}

extension ReportFormat {
    /// `html,md` as given to `--to`; an unknown name is an error that lists the known ones.
    public static func parseList(_ list: String) throws(RenderFailure) -> Set<ReportFormat> {
        var formats: Set<ReportFormat> = []
        for word in list.split(separator: ",") {
            let name = word.trimmingSpaces.lowercased()
            switch name {
            case "html": formats.insert(.html)
            case "md", "markdown": formats.insert(.md)
            default:
                throw RenderFailure("unknown report format '\(name)' in --to (known formats: html, md)")
            }
        }
        guard !formats.isEmpty else { throw RenderFailure("--to needs at least one format: html, md") }
        return formats
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}

import LessonModel

/// JUnit XML for CI test reports: a test suite per page and a test case per `output` block.
/// A block that differs is a failure; a block the page never reached is an error, and a page that
/// cannot be read or parsed (or stops after its last block) is one test case with an error. No times or timestamps: same bytes every run.
enum JUnitReport {
    static func render(_ summary: CheckSummary) -> String {
        let suites = summary.pages.map(suite)
        let tests = suites.reduce(0) { $0 + $1.tests }
        let errors = suites.reduce(0) { $0 + $1.errors }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let name = summary.shard.map { "lectern check, shard \($0)" } ?? "lectern check"
        xml += "<testsuites name=\"\(name)\" tests=\"\(tests)\" failures=\"\(summary.failedCount)\" errors=\"\(errors)\">\n"
        for suite in suites { xml += suite.xml }
        xml += "</testsuites>\n"
        return xml
    }

    private struct Suite {
        var tests = 0
        var failures = 0
        var errors = 0
        var xml = ""
    }

    private static func suite(_ page: PageResult) -> Suite {
        var suite = Suite()
        var cases = ""
        let path = XMLText.escape(page.path)
        for block in page.blocks {
            suite.tests += 1
            cases += "    <testcase name=\"\(caseName(cell: block.cellIndex, line: block.location.line))\" classname=\"\(path)\" file=\"\(path)\" line=\"\(block.location.line)\""
            if block.passed {
                cases += "/>\n"
                continue
            }
            suite.failures += 1
            let text = block.mismatches.map { "\($0.location): \(PageResult.mismatchText($0))" }.joined(separator: "\n")
            cases += ">\n      <failure message=\"\(XMLText.escape(block.mismatches[0].summary))\" type=\"mismatch\">"
            cases += XMLText.escape(text) + "</failure>\n    </testcase>\n"
        }
        if let error = page.error {
            let message = XMLText.escape(error.message)
            let text = XMLText.escape(page.errorLine ?? error.message)
            // The blocks the error left unchecked, or, when it left none, the page itself.
            let unreached: [SourceLocation?] = page.uncheckedBlocks.isEmpty ? [nil] : page.uncheckedBlocks.map(Optional.some)
            for location in unreached {
                suite.tests += 1
                suite.errors += 1
                let name = location.map { "output block, line \($0.line)" } ?? "page"
                let line = location.map { " line=\"\($0.line)\"" } ?? ""
                cases += "    <testcase name=\"\(name)\" classname=\"\(path)\" file=\"\(path)\"\(line)>\n"
                cases += "      <error message=\"\(message)\" type=\"page error\">\(text)</error>\n    </testcase>\n"
            }
        }
        suite.xml = "  <testsuite name=\"\(path)\" tests=\"\(suite.tests)\" failures=\"\(suite.failures)\" errors=\"\(suite.errors)\">\n"
            + cases + "  </testsuite>\n"
        return suite
    }

    private static func caseName(cell: Int, line: Int) -> String {
        "cell \(cell + 1) output, line \(line)"
    }
}

/// Escaping for XML 1.0 text and attribute values.
enum XMLText {
    /// `& < > " '` as entities; line breaks and tabs as character references so attributes keep
    /// them; other control characters, which XML 1.0 cannot carry at all, as U+FFFD.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result.unicodeScalars.append("\u{FFFD}")
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

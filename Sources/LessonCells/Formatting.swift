import Foundation

/// `String(format: "%.4f", x)`: Foundation's formatter, with each conversion checked against its
/// argument first (a mismatch in C's varargs would read garbage, so it is a located error here).
extension Interpreter {
    func format(_ template: String, _ values: [Value], _ loc: Loc) throws(CellError) -> String {
        var arguments: [CVarArg] = []
        var next = 0
        var chars = template.makeIterator()
        while let c = chars.next() {
            guard c == "%" else { continue }
            var conversion: Character?
            var sawLength = false
            while let d = chars.next() {
                if "-+ #0123456789.".contains(d) { continue }
                if d == "l" { sawLength = true; continue }
                conversion = d
                break
            }
            guard let conversion else { throw CellError("format string ends inside a '%' conversion", at: loc) }
            if conversion == "%" { continue }
            guard next < values.count else { throw CellError("format string has more conversions than arguments", at: loc) }
            let value = values[next]
            next += 1
            switch conversion {
            case "d", "i", "o", "x", "X", "u":
                guard case .int(let i) = value else { throw CellError("'%\(conversion)' formats an Int, found '\(value.typeName)'", at: loc) }
                arguments.append(i)
            case "f", "F", "e", "E", "g", "G", "a", "A":
                guard !sawLength, let d = number(value) else { throw CellError("'%\(conversion)' formats a Double, found '\(value.typeName)'", at: loc) }
                arguments.append(d)
            case "@":
                arguments.append(NSString(string: try describe(value, loc)))
            default:
                throw CellError("'%\(conversion)' is not supported in String(format:); use %d, %f, %e, %g or %@", at: loc)
            }
        }
        guard next == values.count else { throw CellError("String(format:) has \(values.count - next) argument(s) more than conversions", at: loc) }
        return String(format: template, arguments: arguments)
    }
}

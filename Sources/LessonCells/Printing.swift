/// How `print` and string interpolation spell values, following Swift: a Double prints its
/// shortest round-trip digits (`Double.description`, the same digits Python prints for a
/// float), strings inside collections are quoted, tensors print in PyTorch's style.
/// Describing is budgeted: each element is a step, a value nested more than
/// `Budget.maxValueDepth` levels is an error rather than a deep recursion, and a description
/// longer than the output the page may still produce stops early.
extension Interpreter {
    func describe(_ value: Value, _ loc: Loc) throws(CellError) -> String {
        if case .string(let s) = value { return s }
        var text = ""
        try spell(value, nested: false, depth: 0, into: &text, loc)
        return text
    }

    private func spell(_ value: Value, nested: Bool, depth: Int, into out: inout String, _ loc: Loc) throws(CellError) {
        if depth > Budget.maxValueDepth {
            throw CellError("value nested too deeply to print (more than \(Budget.maxValueDepth) levels)", at: loc)
        }
        try step(loc)
        if out.utf8.count > budget.maxOutputBytes - budget.outputBytes {
            throw Budget.exceeded("printing this value exceeds the page's output limit of \(budget.maxOutputBytes) bytes", .output, loc)
        }
        func list(_ elements: [Value], _ open: String, _ close: String) throws(CellError) {
            out += open
            for (i, element) in elements.enumerated() {
                if i > 0 { out += ", " }
                try spell(element, nested: true, depth: depth + 1, into: &out, loc)
            }
            out += close
        }
        switch value {
        case .void: out += "()"
        case .nilValue: out += "nil"
        case .someValue(let v):
            out += "Optional("
            try spell(v, nested: true, depth: depth + 1, into: &out, loc)
            out += ")"
        case .int(let i): out += String(i)
        case .double(let d): out += d.description
        case .float(let f): out += f.description
        case .bool(let b): out += b ? "true" : "false"
        case .string(let s): out += nested ? Interpreter.quoted(s) : s
        case .array(let a): try list(a, "[", "]")
        case .tuple(let t):
            out += "("
            for (i, (element, label)) in zip(t.elements, t.labels).enumerated() {
                if i > 0 { out += ", " }
                if let label { out += label + ": " }
                try spell(element, nested: true, depth: depth + 1, into: &out, loc)
            }
            out += ")"
        case .dictionary(let d):
            if d.keys.isEmpty { out += "[:]"; return }
            out += "["
            for (i, (key, element)) in zip(d.keys, d.values).enumerated() {
                if i > 0 { out += ", " }
                try spell(key, nested: true, depth: depth + 1, into: &out, loc)
                out += ": "
                try spell(element, nested: true, depth: depth + 1, into: &out, loc)
            }
            out += "]"
        case .range(let lower, let upper): out += "\(lower)..<\(upper)"
        case .partialRange(let p):
            // As Swift prints them: `PartialRangeFrom<Int>(lowerBound: 1)`; `...` is a function.
            if let lower = p.lower { out += "\(p.typeName)(lowerBound: \(lower))" }
            else if let upper = p.upper { out += "\(p.typeName)(upperBound: \(upper))" }
            else { out += "(Function)" }
        case .tensor(let t):
            // The engine writes a tensor's text in one go: the elements it shows (a large tensor
            // is summarised, as PyTorch prints it) must fit the output still allowed, at three
            // bytes or more each (as in `0.,`), before it starts.
            let shown = t.printedElementCount
            if shown > (budget.maxOutputBytes - budget.outputBytes - out.utf8.count) / 3 {
                throw Budget.exceeded("printing \(shown) elements of a tensor exceeds the page's output limit of \(budget.maxOutputBytes) bytes", .output, loc)
            }
            try budget.charge(shown, loc)
            out += t.description
        case .instance(let i):
            out += i.type.name + "("
            for (n, (field, element)) in zip(i.type.fields, i.fields).enumerated() {
                if n > 0 { out += ", " }
                out += field.name + ": "
                try spell(element, nested: true, depth: depth + 1, into: &out, loc)
            }
            out += ")"
        case .module(let m): out += try describe(module: m, loc)
        case .host(let h): out += h.typeName + "()"
        case .function: out += "(Function)"
        case .enumCase(let name): out += name
        case .figure, .series: out += value.typeName
        }
    }

    /// A shape as a message spells it: `[1000, 1000]`.
    static func spellShape(_ dims: [Value]) -> String {
        "[" + dims.map(spellScalar).joined(separator: ", ") + "]"
    }

    /// A number, Bool or string as a message spells it; other values by their type.
    static func spellScalar(_ value: Value) -> String {
        switch value {
        case .int(let i): return String(i)
        case .double(let d): return d.description
        case .float(let f): return f.description
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return quoted(s)
        default: return value.typeName
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}

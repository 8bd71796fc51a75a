/// How `print` and string interpolation spell values, following Swift: a Double prints its
/// shortest round-trip digits (`Double.description`, the same digits Python prints for a
/// float), strings inside collections are quoted, tensors print in PyTorch's style.
extension Interpreter {
    func describe(_ value: Value) -> String {
        if case .string(let s) = value { return s }
        return Interpreter.spell(value, nested: false)
    }

    static func spell(_ value: Value, nested: Bool) -> String {
        switch value {
        case .void: return "()"
        case .nilValue: return "nil"
        case .someValue(let v): return "Optional(" + spell(v, nested: true) + ")"
        case .int(let i): return String(i)
        case .double(let d): return d.description
        case .float(let f): return f.description
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return nested ? quoted(s) : s
        case .array(let a): return "[" + a.map { spell($0, nested: true) }.joined(separator: ", ") + "]"
        case .tuple(let t):
            let parts = zip(t.elements, t.labels).map { element, label in
                (label.map { "\($0): " } ?? "") + spell(element, nested: true)
            }
            return "(" + parts.joined(separator: ", ") + ")"
        case .dictionary(let d):
            if d.keys.isEmpty { return "[:]" }
            return "[" + zip(d.keys, d.values).map { spell($0, nested: true) + ": " + spell($1, nested: true) }.joined(separator: ", ") + "]"
        case .range(let lower, let upper): return "\(lower)..<\(upper)"
        case .tensor(let t): return t.description
        case .instance(let i):
            let fields = zip(i.type.fields, i.fields).map { "\($0.name): " + spell($1, nested: true) }
            return i.type.name + "(" + fields.joined(separator: ", ") + ")"
        case .layer(let l): return l.description
        case .sequential(let children): return "Sequential(" + children.map { spell($0, nested: true) }.joined(separator: ", ") + ")"
        case .function: return "(Function)"
        case .enumCase(let name): return name
        case .figure, .series: return value.typeName
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

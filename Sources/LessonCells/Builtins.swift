import Foundation
import NetworkEngine

/// Built-in free functions: `print`, math on numbers and tensors, `zip`, `stride`, conversions.
/// Cells get nothing that reaches files, the network, processes or the environment.
extension Interpreter {
    func callBuiltin(_ name: String, _ arguments: [Argument], _ frame: Frame, _ loc: Loc) throws(CellError) -> Value {
        let (values, labels) = try evalArguments(arguments, frame)
        return try callBuiltinValues(name, values, labels, arguments, loc)
    }

    func callBuiltinValues(_ name: String, _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> Value {
        try step(loc)
        if name == "print" { return try printValues(values, labels, loc) }
        if let op = BinaryOp(rawValue: name), values.count == 2 { return try binary(op, values[0], values[1], loc) }
        if let v = try mathBuiltin(name, values, labels, loc) { return v }
        if let v = try engineBuiltin(name, values, labels, loc) { return v }
        if let v = try figureBuiltin(name, values, labels, loc) { return v }
        switch (name, labels) {
        case ("zip", [nil, nil]):
            let a = try elements(of: values[0], loc)
            let b = try elements(of: values[1], loc)
            try reserve(min(a.count, b.count) &* 3 &* MemoryLayout<Value>.stride, loc)
            for e in a.prefix(b.count) { try checkNesting(e, levels: 2, loc) }
            for e in b.prefix(a.count) { try checkNesting(e, levels: 2, loc) }
            return .array(zip(a, b).map { .tuple(TupleValue(elements: [$0, $1], labels: [nil, nil])) })
        case ("stride", ["from", "to", "by"]), ("stride", ["from", "through", "by"]):
            guard case .int(let from) = values[0], case .int(let to) = values[1], case .int(let by) = values[2] else {
                if let from = number(values[0]), let to = number(values[1]), let by = number(values[2]), by != 0 {
                    let seq = labels[1] == "to" ? Array(Swift.stride(from: from, to: to, by: by)) : Array(Swift.stride(from: from, through: to, by: by))
                    if seq.count > budget.maxTensorElements { throw CellError("stride is too long", at: loc) }
                    return .array(seq.map { .double($0) })
                }
                throw CellError("stride takes numbers", at: loc)
            }
            guard by != 0 else { throw CellError("stride with a step of zero never ends", at: loc) }
            let count = Swift.max(0, (to - from) / by + 1)
            if count > budget.maxTensorElements { throw CellError("stride of \(count) elements is too long", at: loc) }
            let seq = labels[1] == "to" ? Array(Swift.stride(from: from, to: to, by: by)) : Array(Swift.stride(from: from, through: to, by: by))
            return .array(seq.map { .int($0) })
        case ("Int", [nil]):
            switch values[0] {
            case .int: return values[0]
            case .float(let f) where f.isFinite && Swift.abs(f) < 9.2e18: return .int(Int(f))
            case .double(let d):
                guard d.isFinite, d > -9.3e18, d < 9.3e18 else { throw CellError("\(d) cannot be converted to Int because it is outside the representable range", at: loc) }
                return .int(Int(d))
            case .string(let s): return Value.optional(Int(s).map { .int($0) })
            case .bool(let b): return .int(b ? 1 : 0)
            default: throw CellError("cannot convert a value of type '\(values[0].typeName)' to 'Int'", at: loc)
            }
        case ("Double", ["exactly"]):
            guard let d = number(values[0]) else { return .nilValue }
            return .someValue(.double(d))
        case ("Float", ["exactly"]):
            guard let d = number(values[0]), let f = Float(exactly: d) else { return .nilValue }
            return .someValue(.float(f))
        case ("Float", [nil]):
            return try toFloat(values[0], loc)
        case ("String", _) where labels.first == "format" && labels.dropFirst().allSatisfy({ $0 == nil }):
            guard case .string(let template) = values[0] else { throw CellError("String(format:) takes a String template", at: loc) }
            return .string(try format(template, Array(values.dropFirst()), loc))
        case ("String", [nil]), ("String", ["describing"]):
            return .string(try describe(values[0], loc))
        case ("String", [nil, "radix"]):
            guard case .int(let i) = values[0], case .int(let r) = values[1], (2...36).contains(r) else { throw CellError("String(_:radix:) takes an Int and a radix 2...36", at: loc) }
            return .string(String(i, radix: r))
        case ("Array", [nil]):
            return .array(try elements(of: values[0], loc))
        case ("Array", ["repeating", "count"]):
            guard case .int(let count) = values[1], count >= 0 else {
                throw CellError("Array(repeating:count:) takes a count that is a non-negative Int", at: loc)
            }
            try checkArray(count, new: count, loc)
            return .array(Array(repeating: values[0], count: count))
        case ("fatalError", _):
            let message = try values.first.map { (value) throws(CellError) in try describe(value, loc) } ?? ""
            throw CellError("fatal error\(message.isEmpty ? "" : ": " + message)", at: loc)
        case ("precondition", _), ("assert", _):
            if !(try truth(values[0], loc)) {
                let message = values.count > 1 ? try describe(values[1], loc) : ""
                throw CellError("\(name) failed\(message.isEmpty ? "" : ": " + message)", at: loc)
            }
            return .void
        default:
            throw CellError("no function '\(name)' takes arguments (\(labels.map { ($0 ?? "_") + ":" }.joined()))", at: loc)
        }
    }

    func printValues(_ values: [Value], _ labels: [String?], _ loc: Loc) throws(CellError) -> Value {
        var separator = " "
        var terminator = "\n"
        var items: [String] = []
        for (value, label) in zip(values, labels) {
            switch label {
            case nil: items.append(try describe(value, loc))
            case "separator"?:
                guard case .string(let s) = value else { throw CellError("'separator' must be a String", at: loc) }
                separator = s
            case "terminator"?:
                guard case .string(let s) = value else { throw CellError("'terminator' must be a String", at: loc) }
                terminator = s
            case let other?:
                throw CellError("print has no parameter '\(other):'", at: loc)
            }
        }
        try print(items.joined(separator: separator) + terminator, loc)
        return .void
    }

    /// `tanh`, `exp`, `log`, `erf`, `sqrt`, `relu`, `sigmoid`, `abs`, `pow`, `min`, `max`, `round`…
    /// on a number (Foundation's) or a tensor (the engine's, differentiable).
    func mathBuiltin(_ name: String, _ values: [Value], _ labels: [String?], _ loc: Loc) throws(CellError) -> Value? {
        if values.count == 1, labels[0] == nil {
            let v = values[0]
            if case .tensor(let t) = v {
                switch name {
                case "tanh": return .tensor(t.tanh())
                case "exp": return .tensor(t.exp())
                case "log": return .tensor(t.log())
                case "erf": return .tensor(t.erf())
                case "sqrt": return .tensor(t.sqrt())
                case "relu": return .tensor(t.relu())
                case "sigmoid": return .tensor(t.sigmoid())
                case "abs": return .tensor(t.abs())
                default: return nil
                }
            }
            if case .int(let i) = v, name == "abs" {
                if i == Int.min { throw CellError("arithmetic overflow: abs(\(i)) does not fit in an Int", at: loc) }
                return .int(Swift.abs(i))
            }
            if case .float = v, let result = try mathBuiltin(name, [.double(number(v)!)], labels, loc), let d = number(result) {
                return .float(Float(d))
            }
            guard let x = number(v) else {
                if ["tanh", "exp", "log", "erf", "sqrt", "relu", "sigmoid", "abs", "round", "floor", "ceil"].contains(name) {
                    throw CellError("\(name) takes a number or a Tensor, found '\(v.typeName)'", at: loc)
                }
                return nil
            }
            switch name {
            case "tanh": return .double(Foundation.tanh(x))
            case "exp": return .double(Foundation.exp(x))
            case "log": return .double(Foundation.log(x))
            case "erf": return .double(Foundation.erf(x))
            case "sqrt": return .double(Foundation.sqrt(x))
            case "relu": return .double(Swift.max(0, x))
            case "sigmoid": return .double(1 / (1 + Foundation.exp(-x)))
            case "abs": return .double(Swift.abs(x))
            case "round": return .double(x.rounded())
            case "floor": return .double(Foundation.floor(x))
            case "ceil": return .double(Foundation.ceil(x))
            default: return nil
            }
        }
        if values.count == 2, labels == [nil, nil] {
            switch name {
            case "pow":
                guard let e = number(values[1]) else { throw CellError("pow's exponent must be a number", at: loc) }
                if case .tensor(let t) = values[0] { return .tensor(t.pow(e)) }
                guard let b = number(values[0]) else { throw CellError("pow takes a number or a Tensor, found '\(values[0].typeName)'", at: loc) }
                if case .float = values[0] { return .float(Float(Foundation.pow(b, e))) }
                return .double(Foundation.pow(b, e))
            case "min", "max":
                let aFirst = try less(values[1], values[0], loc)
                return name == "min" ? (aFirst ? values[1] : values[0]) : (try less(values[0], values[1], loc) ? values[1] : values[0])
            default: return nil
            }
        }
        return nil
    }
}

import LessonModel
import NetworkEngine

/// Everything a cell computes with. A compact enum: numbers and booleans inline, arrays and
/// struct instances as Swift values (so they copy on write, as Swift's do), tensors by reference
/// (as in PyTorch and in the engine).
enum Value {
    case void
    /// Swift's `nil`.
    case nilValue
    /// A non-nil optional (`Optional(3)` when printed, as Swift prints it). Made where Swift's
    /// types make an optional (`Int("3")`, `dict[key]`, `.first`, `.grad`, a `T?` annotation,
    /// an optional chain) and taken apart by `!`, `?.`, `if let`, `??` and comparisons.
    indirect case someValue(Value)
    case int(Int)
    case double(Double)
    /// A real float32 (`Float`); see `Floats.swift`.
    case float(Float)
    case bool(Bool)
    case string(String)
    case array([Value])
    case tuple(TupleValue)
    // Large payloads are boxed (`indirect`), keeping every `Value` two words and a tag: copying
    // values is the evaluator's commonest work.
    indirect case dictionary(DictionaryValue)
    /// `lower..<upper` (a closed range is stored with `upper + 1`).
    case range(Int, Int)
    /// `1...`, `..<2`, `...2`, and `...` alone (Swift's `UnboundedRange`): both bounds nil.
    indirect case partialRange(PartialRange)
    case tensor(Tensor)
    case instance(Instance)
    /// An engine module (`Linear`, `Sequential`, …), as the engine holds it.
    indirect case module(any Module)
    /// A host object cells hold by reference (the tokenizer, `MSELoss`).
    case host(HostObject)
    case function(Function)
    /// `.tanh` in `GELU(approximate: .tanh)`: an implicit member waiting for its context.
    case enumCase(String)
    indirect case figure(Figure)
    indirect case series(Chart.Series)
}

/// A range with a missing bound (`1...`, `..<2`, `...2`), or none (`...`).
struct PartialRange {
    var lower: Int?
    var upper: Int?
    var closed: Bool

    var typeName: String {
        switch (lower, upper) {
        case (_?, nil): return "PartialRangeFrom<Int>"
        case (nil, _?): return closed ? "PartialRangeThrough<Int>" : "PartialRangeUpTo<Int>"
        default: return "UnboundedRange"
        }
    }

    /// The indices it selects from `count` elements (Swift traps where these do not fit).
    func bounds(in count: Int) -> (Int, Int) {
        (lower ?? 0, upper.map { closed ? $0 + 1 : $0 } ?? count)
    }
}

/// A tuple with optional element labels, e.g. `(name: String, parameter: Tensor)`.
struct TupleValue {
    var elements: [Value]
    var labels: [String?]
}

/// A dictionary that remembers insertion order, so iterating it is deterministic.
struct DictionaryValue {
    var keys: [Value] = []
    var values: [Value] = []
    var index: [DictionaryKey: Int] = [:]

    subscript(key: DictionaryKey) -> Value? {
        index[key].map { values[$0] }
    }

    mutating func set(_ key: Value, _ hashKey: DictionaryKey, _ value: Value?) {
        if let i = index[hashKey] {
            if let value {
                values[i] = value
            } else {
                keys.remove(at: i)
                values.remove(at: i)
                index = [:]
                for (j, k) in keys.enumerated() { if let h = DictionaryKey(k) { index[h] = j } }
            }
        } else if let value {
            index[hashKey] = keys.count
            keys.append(key)
            values.append(value)
        }
    }
}

/// The values that may key a dictionary.
enum DictionaryKey: Hashable {
    case int(Int), double(Double), float(Float), bool(Bool), string(String)

    init?(_ value: Value) {
        switch value {
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .float(let f): self = .float(f)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }
}

/// An instance of a struct the page declared. Fields follow declaration order.
struct Instance {
    let type: StructType
    var fields: [Value]
}

/// Something callable: a page function or closure (with the frame it captured), a method bound
/// to its receiver, or a built-in.
enum Function {
    case closure(FunctionCode, Frame?)
    case method(FunctionCode, Instance)
    /// An operator passed as a function (`xs.reduce(0, +)`).
    case builtin(String)
}

extension Value {
    /// The Swift type name, for error messages.
    var typeName: String {
        switch self {
        case .void: return "Void"
        case .nilValue: return "nil"
        case .someValue(let v): return v.typeName + "?"
        case .int: return "Int"
        case .double: return "Double"
        case .float: return "Float"
        case .bool: return "Bool"
        case .string: return "String"
        case .array: return "Array"
        case .tuple: return "tuple"
        case .dictionary: return "Dictionary"
        case .range: return "Range<Int>"
        case .partialRange(let p): return p.typeName
        case .tensor: return "Tensor"
        case .instance(let i): return i.type.name
        case .module(let m): return m is PageModule ? "Module" : "\(type(of: m))"
        case .host(let h): return h.typeName
        case .function: return "function"
        case .enumCase(let name): return ".\(name)"
        case .figure(let f):
            switch f {
            case .gradientTable: return "GradientTable"
            case .chart(let c): return c.kind == .line ? "LineChart" : "BarChart"
            }
        case .series: return "Series"
        }
    }

    /// The value inside a non-nil optional; any other value as it is.
    var unwrapped: Value {
        if case .someValue(let v) = self { return v }
        return self
    }

    /// This value as an optional: `nil` and optionals stay as they are (Swift flattens the
    /// optional an optional chain or a `T?` annotation would add to one).
    var asOptional: Value {
        switch self {
        case .nilValue, .someValue: return self
        default: return .someValue(self)
        }
    }

    /// Swift's `Optional(x)` from a host optional.
    static func optional(_ value: Value?) -> Value {
        value.map { .someValue($0) } ?? .nilValue
    }

    var isNone: Bool {
        if case .nilValue = self { return true }
        return false
    }
}

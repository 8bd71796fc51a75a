import LessonModel
import NetworkEngine

/// A Swift type a bound closure takes: how a cell's value is tested (to choose between
/// overloads) and converted. Every conversion between cell values and Swift values is here:
/// an `Int` where a `Double` is wanted, numbers into tensors' float32, shapes checked against
/// the element budget before anything is allocated.
protocol CellTyped {
    /// The type's name in messages and the docs.
    static var cellType: String { get }
}

protocol CellArgument: CellTyped {
    /// Supplied by the interpreter, not by the cell (`CallSite`, `Generator`).
    static var isImplicit: Bool { get }
    /// Takes the unlabeled arguments that follow it (`Int...`).
    static var isVariadic: Bool { get }
    static func accepts(_ value: Value) -> Bool
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Self
}

extension CellArgument {
    static var isImplicit: Bool { false }
    static var isVariadic: Bool { false }
}

/// A Swift type a bound closure returns, and the cell value it becomes. A tensor result is
/// checked against the page's element and memory budgets here, once for every binding.
protocol CellResult: CellTyped {
    func cellValue(_ site: CallSite) throws(CellError) -> Value
}

extension CallSite: CellArgument {
    static var cellType: String { "CallSite" }
    static var isImplicit: Bool { true }
    static func accepts(_ value: Value) -> Bool { true }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> CallSite { site }
}

/// The page's generator: cells seed and draw from their session's, never the process's.
extension Generator: CellArgument {
    static var cellType: String { "Generator" }
    static var isImplicit: Bool { true }
    static func accepts(_ value: Value) -> Bool { true }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Generator {
        site.interpreter.generator
    }
}

/// Any cell value, unconverted (for bindings that take what Swift's `Any` takes).
extension Value: CellArgument, CellResult {
    static var cellType: String { "Any" }
    static func accepts(_ value: Value) -> Bool { true }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Value { value }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { self }
}

struct Nothing: CellResult {
    static var cellType: String { "Void" }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .void }
}

extension Int: CellArgument, CellResult {
    static var cellType: String { "Int" }
    static func accepts(_ value: Value) -> Bool {
        if case .int = value { return true }
        return false
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Int {
        guard case .int(let i) = value else { throw mismatch(value, Int.self, site) }
        return i
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .int(self) }
}

/// An `Int` fits where a `Double` is wanted (a literal in Swift; cells are lenient for variables).
extension Double: CellArgument, CellResult {
    static var cellType: String { "Double" }
    static func accepts(_ value: Value) -> Bool {
        switch value {
        case .int, .double, .float: return true
        default: return false
        }
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Double {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .float(let f): return Double(f)
        default: throw mismatch(value, Double.self, site)
        }
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .double(self) }
}

extension Float: CellArgument, CellResult {
    static var cellType: String { "Float" }
    static func accepts(_ value: Value) -> Bool { Double.accepts(value) }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Float {
        if case .float(let f) = value { return f }
        return Float(try Double.cell(value, site))
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .float(self) }
}

extension Bool: CellArgument, CellResult {
    static var cellType: String { "Bool" }
    static func accepts(_ value: Value) -> Bool {
        if case .bool = value { return true }
        return false
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Bool {
        guard case .bool(let b) = value else { throw mismatch(value, Bool.self, site) }
        return b
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .bool(self) }
}

extension String: CellArgument, CellResult {
    static var cellType: String { "String" }
    static func accepts(_ value: Value) -> Bool {
        if case .string = value { return true }
        return false
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> String {
        guard case .string(let s) = value else { throw mismatch(value, String.self, site) }
        return s
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value {
        try site.interpreter.checkString(utf8.count, new: utf8.count, site.loc)
        return .string(self)
    }
}

extension Tensor: CellArgument, CellResult {
    static var cellType: String { "Tensor" }
    static func accepts(_ value: Value) -> Bool { value.isTensor }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Tensor {
        guard case .tensor(let t) = value else { throw mismatch(value, Tensor.self, site) }
        return t
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value {
        .tensor(try site.interpreter.checked(self, site.loc))
    }
}

/// `[Int]`, `[Double]`, `[String]`, `[Tensor]`…: an array (or a range) whose elements convert.
extension Array: CellTyped where Element: CellTyped {
    static var cellType: String { "[\(Element.cellType)]" }
}

extension Array: CellArgument where Element: CellArgument {
    static func accepts(_ value: Value) -> Bool {
        switch value {
        case .array(let items): return items.allSatisfy(Element.accepts)
        case .range: return Element.accepts(.int(0))
        default: return false
        }
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> [Element] {
        let items: [Value]
        switch value {
        case .array(let a): items = a
        case .range: items = try site.interpreter.elements(of: value, site.loc)
        default: throw mismatch(value, [Element].self, site)
        }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for item in items { result.append(try Element.cell(item, site)) }
        return result
    }
}

extension Array: CellResult where Element: CellResult {
    func cellValue(_ site: CallSite) throws(CellError) -> Value {
        try site.interpreter.checkArray(count, new: count, site.loc)
        var values: [Value] = []
        values.reserveCapacity(count)
        for element in self { values.append(try element.cellValue(site)) }
        return .array(values)
    }
}

extension Optional: CellTyped where Wrapped: CellTyped {
    static var cellType: String { Wrapped.cellType + "?" }
}

extension Optional: CellArgument where Wrapped: CellArgument {
    static func accepts(_ value: Value) -> Bool { value.isNone || Wrapped.accepts(value.unwrapped) }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Wrapped? {
        value.isNone ? nil : try Wrapped.cell(value.unwrapped, site)
    }
}

extension Optional: CellResult where Wrapped: CellResult {
    func cellValue(_ site: CallSite) throws(CellError) -> Value {
        guard let self else { return .nilValue }
        return .someValue(try self.cellValue(site))
    }
}

/// A tensor's shape, written as sizes (`Tensor.zeros(2, 3)`) or one array (`Tensor.zeros([2, 3])`),
/// checked against the element budget before anything is allocated.
struct Shape: CellArgument {
    var dims: [Int]
    static var cellType: String { "Int" }
    static var isVariadic: Bool { true }
    static func accepts(_ value: Value) -> Bool { variadicItems(value)?.allSatisfy(Int.accepts) ?? false }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Shape {
        guard let items = variadicItems(value) else { throw mismatch(value, Shape.self, site) }
        return Shape(dims: try site.interpreter.shape(items, site.loc))
    }
}

/// A variadic parameter's arguments, or the elements of the one array passed instead
/// (`Tensor.zeros(2, 3)` or `Tensor.zeros([2, 3])`, `Sequential(a, b)` or `Sequential([a, b])`).
func variadicItems(_ value: Value) -> [Value]? {
    guard case .array(let items) = value else { return nil }
    if items.count == 1, case .array(let inner) = items[0] { return inner }
    return items
}

/// A shape given as one `[Int]` (`Tensor(shape:scalars:)`), checked like `Shape`.
struct ShapeArray: CellArgument {
    var dims: [Int]
    static var cellType: String { "[Int]" }
    static func accepts(_ value: Value) -> Bool { [Int].accepts(value) }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> ShapeArray {
        ShapeArray(dims: try site.interpreter.shape([value], site.loc))
    }
}

/// Nested arrays of numbers (`Tensor([[1.0, 0.0, -1.0]])`), of any depth, rectangular.
struct NestedScalars: CellArgument {
    var tensor: Tensor
    static var cellType: String { "[Double]" }
    static func accepts(_ value: Value) -> Bool {
        if case .array = value { return true }
        return false
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> NestedScalars {
        NestedScalars(tensor: try site.interpreter.tensor(from: value, site.loc))
    }
}

/// A module of the engine or of the page (a struct conforming to `Module`), as the engine sees
/// it: page modules are wrapped so the engine's parameter walk reaches their fields.
struct AnyModule: CellArgument {
    var module: any Module
    static var cellType: String { "Module" }
    static func accepts(_ value: Value) -> Bool { Interpreter.isModule(value) }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> AnyModule {
        guard let module = site.interpreter.engineModule(value) else { throw mismatch(value, AnyModule.self, site) }
        return AnyModule(module: module)
    }
}

/// An engine module type (`Linear`, `GELU`, …) as a receiver or argument, and as a result.
protocol CellModule: Module, CellArgument, CellResult {}

extension CellModule {
    static var cellType: String { "\(Self.self)" }
    static func accepts(_ value: Value) -> Bool {
        if case .module(let m) = value { return m is Self }
        return false
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Self {
        guard case .module(let m) = value, let module = m as? Self else { throw mismatch(value, Self.self, site) }
        return module
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .module(self) }
}

extension Linear: CellModule {}
extension GELU: CellModule {}
extension ReLU: CellModule {}
extension Tanh: CellModule {}
extension Sigmoid: CellModule {}
extension Sequential: CellModule {}
extension Embedding: CellModule {}
extension LayerNorm: CellModule {}
extension Dropout: CellModule {}

/// `.tanh` and `.none` in `GELU(approximate: .tanh)`.
extension GELU.Approximation: CellArgument, CellResult {
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .enumCase(self == .tanh ? "tanh" : "none") }

    static var cellType: String { "GELU.Approximation" }
    static func accepts(_ value: Value) -> Bool {
        switch value {
        case .enumCase("tanh"), .enumCase("none"): return true
        default: return false
        }
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> GELU.Approximation {
        switch value {
        case .enumCase("tanh"): return .tanh
        case .enumCase("none"): return .none
        default: throw CellError("GELU's approximate is .none or .tanh", at: site.loc)
        }
    }
}

extension Chart.Series: CellArgument, CellResult {
    static var cellType: String { "Series" }
    static func accepts(_ value: Value) -> Bool {
        if case .series = value { return true }
        return false
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Chart.Series {
        guard case .series(let s) = value else { throw mismatch(value, Chart.Series.self, site) }
        return s
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .series(self) }
}

extension Figure: CellArgument, CellResult {
    static var cellType: String { "Figure" }
    static func accepts(_ value: Value) -> Bool {
        if case .figure = value { return true }
        return false
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Figure {
        guard case .figure(let f) = value else {
            throw CellError("display shows a GradientTable, BarChart or LineChart, found '\(value.typeName)'", at: site.loc)
        }
        return f
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .figure(self) }
}

/// A host object a cell holds by reference (the tokenizer), with its Swift type's name.
final class HostObject {
    let object: Any
    let typeName: String

    init(_ object: Any, typeName: String) {
        self.object = object
        self.typeName = typeName
    }
}

/// A host type cells hold as an opaque value.
protocol CellHostType: CellArgument, CellResult {}

extension CellHostType {
    static var cellType: String { "\(Self.self)" }
    static func accepts(_ value: Value) -> Bool {
        if case .host(let h) = value { return h.object is Self }
        return false
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Self {
        guard case .host(let h) = value, let object = h.object as? Self else { throw mismatch(value, Self.self, site) }
        return object
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .host(HostObject(self, typeName: Self.cellType)) }
}

/// Cell values as a result whose Swift type the docs name: `[Any]` (an array as it is, not
/// converted element by element), `[(name: String, parameter: Tensor)]`, `[Module]`, `Tensor`.
/// The binding checks the array's size against the budget before making it.
struct ValueArray: CellResult {
    var items: [Value]
    static var cellType: String { "[Any]" }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .array(items) }
}

struct ParameterPairs: CellResult {
    var items: [Value]
    static var cellType: String { "[(name: String, parameter: Tensor)]" }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { try ValueArray(items: items).cellValue(site) }
}

struct ModuleList: CellResult {
    var items: [Value]
    static var cellType: String { "[Module]" }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { try ValueArray(items: items).cellValue(site) }
}

/// A module's output as the interpreter computed it (a page module's layer may be in it).
struct ModuleOutput: CellResult {
    var value: Value
    static var cellType: String { "Tensor" }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { value }
}

/// Swift's words for an argument of the wrong type.
func mismatch<T: CellArgument>(_ value: Value, _ type: T.Type, _ site: CallSite) -> CellError {
    CellError("cannot convert value of type '\(value.typeName)' to expected argument type '\(T.cellType)'", at: site.loc)
}

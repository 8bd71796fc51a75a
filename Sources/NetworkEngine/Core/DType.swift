/// A tensor's element type (PyTorch's dtype). float32 is the default; int64 tensors hold token ids
/// and indices (`arange`, `argmax`), bool tensors masks and comparisons.
///
/// Every tensor keeps float32 values for the kernels (`values`); an int64 tensor also keeps its
/// exact integers (`integers`), from which those are rounded, and a bool tensor holds 0 and 1.
/// So an operation that mixes types and gives a float32 result (PyTorch casts every operand to
/// the result type first) runs the float kernels unchanged; one whose result is int64 or bool
/// computes on the integers.
public enum DType: Int8, Sendable, Comparable, CustomStringConvertible {
    // In promotion order: a bool meets an int64 as an int64, an int64 meets a float32 as a float32.
    case bool, int64, float32

    public var description: String {
        switch self {
        case .bool: "torch.bool"
        case .int64: "torch.int64"
        case .float32: "torch.float32"
        }
    }

    /// The name PyTorch's messages give a tensor of this type (`torch.FloatTensor`).
    var tensorTypeName: String {
        switch self {
        case .bool: "torch.BoolTensor"
        case .int64: "torch.LongTensor"
        case .float32: "torch.FloatTensor"
        }
    }

    /// The C++ scalar name PyTorch's dispatch messages use (`Long`).
    var scalarTypeName: String {
        switch self {
        case .bool: "Bool"
        case .int64: "Long"
        case .float32: "Float"
        }
    }

    /// The C type name PyTorch's matmul messages use (`long int`).
    var cName: String {
        switch self {
        case .bool: "bool"
        case .int64: "long int"
        case .float32: "float"
        }
    }

    /// `torch.result_type` of two tensors: the later kind of the two.
    public static func promoted(_ a: DType, _ b: DType) -> DType { Swift.max(a, b) }

    public static func < (lhs: DType, rhs: DType) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Tensor {
    /// An int64 or bool tensor holding `integers` (0 and 1 for bool).
    convenience init(validShape shape: [Int], integers: [Int64], dtype: DType) {
        precondition(dtype != .float32)
        self.init(validShape: shape, count: integers.count) { out in
            for i in integers.indices { out[i] = Float(integers[i]) }
        }
        self.dtype = dtype
        if dtype == .int64 { withExtras { $0.integers = integers } }
    }

    /// `torch.tensor([…])` of Swift integers: an int64 vector.
    public convenience init(integers: [Int]) {
        self.init(validShape: [integers.count], integers: integers.map(Int64.init), dtype: .int64)
    }

    /// An int64 tensor of `shape`.
    public convenience init(shape: [Int], integers: [Int]) throws {
        try Tensor.checkShape(shape, holds: integers.count)
        self.init(validShape: shape, integers: integers.map(Int64.init), dtype: .int64)
    }

    /// `torch.tensor([True, False])`: a bool vector.
    public convenience init(booleans: [Bool]) {
        self.init(validShape: [booleans.count], integers: booleans.map { $0 ? 1 : 0 }, dtype: .bool)
    }

    /// A bool tensor of `shape`.
    public convenience init(shape: [Int], booleans: [Bool]) throws {
        try Tensor.checkShape(shape, holds: booleans.count)
        self.init(validShape: shape, integers: booleans.map { $0 ? 1 : 0 }, dtype: .bool)
    }

    /// `Tensor(shape:scalars:)` and its int64 and bool forms. The shape is the new tensor's whole
    /// shape, as a factory's (`torch.empty(shape)`) is, not a `reshape` that could infer a -1: a
    /// negative size is the factories' "Trying to create tensor with negative dimension" (the
    /// closest torch call, `torch.tensor(values).reshape(shape)`, would read -1 as "infer" and
    /// call -2 an "invalid shape dimension", neither of which a stated shape means here).
    static func checkShape(_ shape: [Int], holds count: Int) throws {
        try checkFactoryShape(shape)
        guard shape.reduce(1, *) == count else {
            throw TensorError("shape \(shape) is invalid for input of size \(count)")
        }
    }

    /// The values as integers: exact for int64, 0 and 1 for bool, rounded toward zero for
    /// float32 (PyTorch's cast; values beyond the range of int64, and NaN, give its minimum).
    public var integers: [Int64] {
        if let exact = extrasValue({ $0.integers }) { return exact }
        return UnsafeBufferPointer(start: values, count: count).map(Tensor.integer)
    }

    /// The values as booleans: nonzero is true.
    public var booleans: [Bool] {
        UnsafeBufferPointer(start: values, count: count).map { $0 != 0 }
    }

    /// PyTorch's float-to-int64 cast of one value.
    static func integer(_ value: Float) -> Int64 {
        guard value.isFinite, Swift.abs(value) < 9.2e18 else { return .min }
        return Int64(value.rounded(.towardZero))
    }

    /// `tensor.to(dtype)`: a copy of another type (no history), or this tensor when it is of it.
    public func to(_ dtype: DType) -> Tensor {
        guard dtype != self.dtype else { return self }
        switch dtype {
        case .float32:
            return Tensor(validShape: shape, count: count, copying: values)
        case .int64:
            return Tensor(validShape: shape, integers: integers, dtype: .int64)
        case .bool:
            return Tensor(validShape: shape, integers: booleans.map { $0 ? 1 : 0 }, dtype: .bool)
        }
    }

    /// New integer values for an int64 or bool tensor, in place (see `changeInPlace`).
    func changeIntegersInPlace(reading sources: [Tensor], to integers: [Int64]) throws {
        precondition(dtype != .float32 && integers.count == count)
        try changeInPlace(reading: sources) { out in
            for i in integers.indices { out[i] = Float(integers[i]) }
        }
        if dtype == .int64 { withExtras { $0.integers = integers } }
    }
}

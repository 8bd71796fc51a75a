// int64 and bool results: `arange`, comparisons, and arithmetic whose promoted type
// (`DType.promoted`) is not float32. Exact on the integers; none of them has a gradient.

extension Tensor {
    /// `torch.arange(end)`: 0, 1, … end - 1, as int64.
    public static func arange(_ end: Int) throws -> Tensor {
        try arange(0, end)
    }

    /// `torch.arange(start, end, step)`: from `start` up to (not including) `end`, as int64.
    public static func arange(_ start: Int, _ end: Int, step: Int = 1) throws -> Tensor {
        guard step != 0 else { throw TensorError("step must be nonzero") }
        let (span, overflow) = end.subtractingReportingOverflow(start)
        guard !overflow, Swift.abs(span) < Int.max / 2 else { throw TensorError("arange: the range from \(start) to \(end) is too large") }
        guard span.signum() * step.signum() >= 0 else {
            throw TensorError("upper bound and larger bound inconsistent with step sign")
        }
        let count = (span + step - step.signum()) / step
        return Tensor(validShape: [count], integers: (0..<count).map { Int64(start + $0 * step) }, dtype: .int64)
    }
}

// MARK: - Comparisons (bool results)

extension Tensor {
    public func eq(_ other: Tensor) throws -> Tensor { try compare(other, ==, ==) }
    public func ne(_ other: Tensor) throws -> Tensor { try compare(other, !=, !=) }
    public func lt(_ other: Tensor) throws -> Tensor { try compare(other, <, <) }
    public func le(_ other: Tensor) throws -> Tensor { try compare(other, <=, <=) }
    public func gt(_ other: Tensor) throws -> Tensor { try compare(other, >, >) }
    public func ge(_ other: Tensor) throws -> Tensor { try compare(other, >=, >=) }

    public func eq(_ scalar: Double) -> Tensor { compare(scalar, ==) }
    public func ne(_ scalar: Double) -> Tensor { compare(scalar, !=) }
    public func lt(_ scalar: Double) -> Tensor { compare(scalar, <) }
    public func le(_ scalar: Double) -> Tensor { compare(scalar, <=) }
    public func gt(_ scalar: Double) -> Tensor { compare(scalar, >) }
    public func ge(_ scalar: Double) -> Tensor { compare(scalar, >=) }

    /// Elementwise comparison over the broadcast shape, in the promoted type: on the integers
    /// when neither side is float32, else on the float32 values.
    private func compare(_ other: Tensor, _ floats: (Float, Float) -> Bool, _ exact: (Int64, Int64) -> Bool) throws -> Tensor {
        let shape = try broadcastShapes(self.shape, other.shape)
        let result: [Int64]
        if DType.promoted(dtype, other.dtype) == .float32 {
            let a = values, b = other.values
            result = broadcastIntegers(shape, other) { i, j in floats(a[i], b[j]) ? 1 : 0 }
        } else {
            let a = integers, b = other.integers
            result = broadcastIntegers(shape, other) { i, j in exact(a[i], b[j]) ? 1 : 0 }
        }
        return Tensor(validShape: shape, integers: result, dtype: .bool)
    }

    /// Comparison with a number (a Python float: compared as float32, PyTorch's promotion).
    private func compare(_ scalar: Double, _ floats: (Float, Float) -> Bool) -> Tensor {
        let s = Float(scalar), x = values
        return Tensor(validShape: shape, integers: (0..<count).map { floats(x[$0], s) ? 1 : 0 }, dtype: .bool)
    }

    /// `f(indexInSelf, indexInOther)` for every element of the broadcast `shape`, row-major.
    func broadcastIntegers(_ shape: [Int], _ other: Tensor, _ f: (Int, Int) -> Int64) -> [Int64] {
        var result = [Int64](repeating: 0, count: elementCount(shape))
        forEachBroadcastElement(shape, broadcastStrides(self.shape, to: shape), broadcastStrides(other.shape, to: shape)) { i, a, b in
            result[i] = f(a, b)
        }
        return result
    }
}

// MARK: - Arithmetic whose result is int64 or bool

/// The integer form of `add`, `sub` and `mul`.
enum IntegerArithmetic {
    case add, subtract, multiply

    /// `a op b` for int64 results, wrapping on overflow as PyTorch's do.
    func apply(_ a: Int64, _ b: Int64) -> Int64 {
        switch self {
        case .add: a &+ b
        case .subtract: a &- b
        case .multiply: a &* b
        }
    }
}

extension Tensor {
    /// `self op other` when the promoted type is int64 or bool (nil when it is float32, whose
    /// kernels then run on the float32 values, as PyTorch casts operands to the result type).
    /// Two bools: `+` is `or`, `*` is `and`, `-` is refused (PyTorch's rules).
    func integerArithmetic(_ other: Tensor, _ operation: IntegerArithmetic) throws -> Tensor? {
        let type = DType.promoted(dtype, other.dtype)
        guard type != .float32 else { return nil }
        if type == .bool && operation == .subtract {
            throw TensorError("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        }
        let shape = try broadcastShapes(self.shape, other.shape)
        let a = integers, b = other.integers
        let result = broadcastIntegers(shape, other) { i, j in
            let value = operation.apply(a[i], b[j])
            return type == .bool ? (value != 0 ? 1 : 0) : value
        }
        return Tensor(validShape: shape, integers: result, dtype: type)
    }

    /// `f` of each int64 value, as int64 (nil for other types): the operations that keep
    /// integers integers (`neg`, `abs`, `relu`).
    func integerMap(_ f: (Int64) -> Int64) -> Tensor? {
        guard dtype == .int64 else { return nil }
        return Tensor(validShape: shape, integers: integers.map(f), dtype: .int64)
    }
}

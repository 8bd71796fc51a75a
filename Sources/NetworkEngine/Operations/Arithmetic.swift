// `a + b`, `a - b`, `a * b`, `a / b` for two tensors, broadcasting (NumPy's rules), in the
// promoted type: int64 and bool results are computed on the integers (`Integers.swift`); a float32
// result (every division) by the float32 kernels below, on the operands' float32 values. Every
// backward rule hands each input the gradient summed back to the input's shape
// (`accumulate(broadcastFrom:writing:)`, PyTorch's `sum_to_size`), in PyTorch's summation order.

extension Tensor {
    // (Each forward is spelled out rather than shared through a helper taking the operator: the
    // compiler then specialises every loop for its operator instead of calling it per element.)

    public func add(_ other: Tensor) throws -> Tensor {
        if dtype != .float32 || other.dtype != .float32, let exact = try integerArithmetic(other, .add) { return exact }
        let shape = try broadcastShapes(self.shape, other.shape)
        let a = values, b = other.values
        let out = Tensor(validShape: shape, count: elementCount(shape)) { out in
            broadcastMap(shape, a, self.shape, b, other.shape, into: out, +)
        }
        if Tensor.anyRequiresGrad(self, other) { out.record(self, other, as: AddBackward()) }
        return out
    }

    public func sub(_ other: Tensor) throws -> Tensor {
        if dtype != .float32 || other.dtype != .float32, let exact = try integerArithmetic(other, .subtract) { return exact }
        let shape = try broadcastShapes(self.shape, other.shape)
        let a = values, b = other.values
        let out = Tensor(validShape: shape, count: elementCount(shape)) { out in
            broadcastMap(shape, a, self.shape, b, other.shape, into: out, -)
        }
        if Tensor.anyRequiresGrad(self, other) { out.record(self, other, as: SubBackward()) }
        return out
    }

    public func mul(_ other: Tensor) throws -> Tensor {
        if dtype != .float32 || other.dtype != .float32, let exact = try integerArithmetic(other, .multiply) { return exact }
        let shape = try broadcastShapes(self.shape, other.shape)
        let a = values, b = other.values
        let out = Tensor(validShape: shape, count: elementCount(shape)) { out in
            broadcastMap(shape, a, self.shape, b, other.shape, into: out, *)
        }
        if Tensor.anyRequiresGrad(self, other) { out.record(self, other, as: MulBackward()) }
        return out
    }

    public func div(_ other: Tensor) throws -> Tensor {
        let shape = try broadcastShapes(self.shape, other.shape)
        let a = values, b = other.values
        let out = Tensor(validShape: shape, count: elementCount(shape)) { out in
            broadcastMap(shape, a, self.shape, b, other.shape, into: out, /)
        }
        if Tensor.anyRequiresGrad(self, other) { out.record(self, other, as: DivBackward()) }
        return out
    }
}

/// The gradient, summed back to each input's shape.
struct AddBackward: BackwardRule {
    static let name = "AddBackward0"
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { a, b in
            result.passGradient(g, to: a)
            result.passGradient(g, to: b)
        }
    }
}

/// The gradient, and its negation, summed back.
struct SubBackward: BackwardRule {
    static let name = "SubBackward0"
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { a, b in
            result.passGradient(g, to: a)
            let count = result.count
            b.accumulate(broadcastFrom: result.shape, writing: { mapValues(g, count, into: $0) { -$0 } })
        }
    }
}

/// d(a·b)/da = b, d(a·b)/db = a: `grad * other`, `grad * self`, each summed back.
struct MulBackward: BackwardRule {
    static let name = "MulBackward0"
    static let saved = SavedTensors.bothInputs
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        let shape = result.shape
        result.withInputs { a, b in
            a.accumulate(broadcastFrom: shape, writing: { broadcastMap(shape, g, shape, b.values, b.shape, into: $0, *) })
            b.accumulate(broadcastFrom: shape, writing: { broadcastMap(shape, g, shape, a.values, a.shape, into: $0, *) })
        }
    }
}

/// `grad / other` and `-grad * ((self / other) / other)` (`div_tensor_other_backward`).
struct DivBackward: BackwardRule {
    static let name = "DivBackward0"
    static let saved = SavedTensors.bothInputs
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        let shape = result.shape, count = result.count
        result.withInputs { a, b in
            a.accumulate(broadcastFrom: shape, writing: { broadcastMap(shape, g, shape, b.values, b.shape, into: $0, /) })
            b.accumulate(broadcastFrom: shape, writing: { out in
                broadcastMap(shape, a.values, a.shape, b.values, b.shape, into: out, /)
                broadcastMap(shape, UnsafePointer(out), shape, b.values, b.shape, into: out, /)
                for i in 0..<count { out[i] = -g[i] * out[i] }
            })
        }
    }
}

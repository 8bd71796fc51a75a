// `torch.where(condition, a, b)`: `a` where the bool condition is true, else `b`, all three
// broadcast together. (A static member: `where` is a Swift keyword, usable after a dot.)

extension Tensor {
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard condition.dtype == .bool else {
            throw TensorError("where expected condition to be a boolean tensor, but got a tensor with dtype \(condition.dtype.scalarTypeName)")
        }
        let shape = try broadcastShapes(condition.shape, broadcastShapes(a.shape, b.shape))
        let pickA = condition.expandedPlaces(shape), fromA = a.expandedPlaces(shape), fromB = b.expandedPlaces(shape)
        let flags = condition.booleans, type = DType.promoted(a.dtype, b.dtype)
        if type != .float32 {
            let x = a.integers, y = b.integers
            let picked = (0..<elementCount(shape)).map { n -> Int64 in flags[pickA[n]] ? x[fromA[n]] : y[fromB[n]] }
            return Tensor(validShape: shape, integers: picked, dtype: type)
        }
        let x = a.values, y = b.values
        let out = Tensor(validShape: shape, count: elementCount(shape)) { out in
            for n in 0..<pickA.count { out[n] = flags[pickA[n]] ? x[fromA[n]] : y[fromB[n]] }
        }
        if a.requiresGrad || b.requiresGrad { out.record(a, b, condition, as: WhereBackward()) }
        return out
    }

    /// A number is a rank-0 float32 tensor (PyTorch: a Python float beside an int64 tensor makes
    /// the result float32).
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Double) throws -> Tensor {
        try Tensor.where(condition, a, Tensor(b))
    }

    public static func `where`(_ condition: Tensor, _ a: Double, _ b: Tensor) throws -> Tensor {
        try Tensor.where(condition, Tensor(a), b)
    }

    public static func `where`(_ condition: Tensor, _ a: Double, _ b: Double) throws -> Tensor {
        try Tensor.where(condition, Tensor(a), Tensor(b))
    }

    /// For each element of the broadcast `shape`, row-major, which stored value of this tensor
    /// it reads.
    func expandedPlaces(_ shape: [Int]) -> [Int] {
        var places = [Int](repeating: 0, count: elementCount(shape))
        let strides = broadcastStrides(self.shape, to: shape)
        forEachBroadcastElement(shape, strides, strides) { out, i, _ in places[out] = i }
        return places
    }
}

/// `a` receives the gradient where the condition holds, `b` where it does not (zeros
/// elsewhere), each summed back to its own shape.
struct WhereBackward: BackwardRule {
    static let name = "WhereBackward0"
    static let saved = SavedTensors.thirdInput
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        let shape = result.shape, count = result.count
        var flags: [Bool] = [], pick: [Int] = []
        result.withThirdInput { condition in
            flags = condition.booleans
            pick = condition.expandedPlaces(shape)
        }
        result.withInputs { a, b in
            a.accumulate(broadcastFrom: shape, writing: { out in for n in 0..<count { out[n] = flags[pick[n]] ? g[n] : 0 } })
            b.accumulate(broadcastFrom: shape, writing: { out in for n in 0..<count { out[n] = flags[pick[n]] ? 0 : g[n] } })
        }
    }
}

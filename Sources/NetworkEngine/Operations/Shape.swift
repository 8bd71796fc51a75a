// Operations that move values without arithmetic: their results are exact, and their backward
// rules hand each input its own part of the gradient.

extension Tensor {
    /// `torch.cat(tensors, dim)`: the tensors joined along `dim`; every other size must agree.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("torch.cat(): expected a non-empty list of Tensors") }
        if let position = tensors.firstIndex(where: { $0.shape.isEmpty }) {
            throw TensorError("zero-dimensional tensor (at position \(position)) cannot be concatenated")
        }
        let rank = first.shape.count
        let axis = try normalizedDimension(dim, rank: rank)
        var shape = first.shape
        shape[axis] = 0
        for (number, tensor) in tensors.enumerated() {
            guard tensor.shape.count == rank else {
                throw TensorError("Tensors must have same number of dimensions: got \(rank) and \(tensor.shape.count)")
            }
            for d in 0..<rank where d != axis && tensor.shape[d] != first.shape[d] {
                throw TensorError("Sizes of tensors must match except in dimension \(axis). Expected size \(first.shape[d]) but got size \(tensor.shape[d]) for tensor number \(number) in the list.")
            }
            shape[axis] += tensor.shape[axis]
        }
        let inner = shape[(axis + 1)...].reduce(1, *), outer = shape[..<axis].reduce(1, *)
        /// Writes every tensor's blocks in place along the joined dimension.
        func join<Element>(into out: UnsafeMutablePointer<Element>, _ elements: (Tensor) -> [Element]) {
            let rowLength = shape[axis] * inner
            var offset = 0
            for tensor in tensors {
                let block = tensor.shape[axis] * inner, values = elements(tensor)
                for o in 0..<outer {
                    for i in 0..<block { out[o * rowLength + offset + i] = values[o * block + i] }
                }
                offset += block
            }
        }
        // In the promoted type: integers joined exactly, else float32 values.
        let type = tensors.dropFirst().reduce(first.dtype) { DType.promoted($0, $1.dtype) }
        if type != .float32 {
            var joined = [Int64](repeating: 0, count: elementCount(shape))
            joined.withUnsafeMutableBufferPointer { out in
                if let base = out.baseAddress { join(into: base) { $0.integers } }
            }
            return Tensor(validShape: shape, integers: joined, dtype: type)
        }
        let out = Tensor(validShape: shape, count: elementCount(shape)) { out in join(into: out) { $0.scalars } }
        if tensors.contains(where: \.requiresGrad) { out.record(tensors, as: CatBackward(axis: axis)) }
        return out
    }
}

/// Each input receives its own slice of the gradient along the joined dimension.
struct CatBackward: BackwardRule {
    static let name = "CatBackward0"
    let axis: Int
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.handBackSlices(g, along: axis) { $0.shape[axis] }
    }
}

extension Tensor {
    /// Hands each input of this joined result (`cat`, `stack`) its consecutive slice of the
    /// gradient `g` along `axis`, `length(input)` positions long.
    func handBackSlices(_ g: UnsafePointer<Float>, along axis: Int, length: (Tensor) -> Int) {
        let inner = shape[(axis + 1)...].reduce(1, *), outer = shape[..<axis].reduce(1, *)
        let rowLength = shape[axis] * inner
        var offset = 0
        for index in 0..<inputCount {
            withInput(at: index) { input in
                let block = length(input) * inner, start = offset
                input.accumulate(writing: { out in
                    for o in 0..<outer {
                        for i in 0..<block { out[o * block + i] = g[o * rowLength + start + i] }
                    }
                })
                offset += block
            }
        }
    }
}

/// `dim` counted from the end when negative, checked against `rank` (PyTorch's wording).
func normalizedDimension(_ dim: Int, rank: Int) throws -> Int {
    let range = Swift.max(rank, 1)
    guard dim >= -range && dim < range else {
        throw TensorError("Dimension out of range (expected to be in range of [\(-range), \(range - 1)], but got \(dim))")
    }
    return dim < 0 ? dim + range : dim
}

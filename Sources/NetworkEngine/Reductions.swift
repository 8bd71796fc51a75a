// Sums and means. PyTorch's CPU `mean` is `sum` followed by one float division by the count,
// so both share the summation order of `contiguousSum`.

extension Tensor {
    /// The sum of all elements, rank 0.
    public func sum() -> Tensor {
        let total = contiguousSum(values, count)
        let out = Tensor(validShape: [], count: 1) { $0[0] = total }
        if requiresGrad { out.record(self, as: .sum) }
        return out
    }

    /// The rule of `sum()`, run on its output: the gradient spread to every element.
    func sumBackward(_ g: UnsafePointer<Float>) {
        let upstream = g[0]
        withInput { x in x.accumulate { _ in upstream } }
    }

    /// The mean of all elements, rank 0: `sum / count`.
    public func mean() -> Tensor {
        let n = Float(count)
        let mean = contiguousSum(values, count) / n
        let out = Tensor(validShape: [], count: 1) { $0[0] = mean }
        if requiresGrad { out.record(self, as: .mean) }
        return out
    }

    /// The rule of `mean()`, run on its output: `grad / count` to every element.
    func meanBackward(_ g: UnsafePointer<Float>) {
        withInput { x in
            let share = g[0] / Float(x.count)
            x.accumulate { _ in share }
        }
    }

    public func sum(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try reduce(dim: dim, keepDim: keepDim, divideBySize: false)
    }

    public func mean(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try reduce(dim: dim, keepDim: keepDim, divideBySize: true)
    }

    private func reduce(dim: Int, keepDim: Bool, divideBySize: Bool) throws -> Tensor {
        let rank = Swift.max(shape.count, 1)
        guard dim >= -rank && dim < rank else {
            throw TensorError("Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(dim))")
        }
        let axis = dim < 0 ? dim + rank : dim
        let dims = shape.isEmpty ? [1] : shape
        let size = dims[axis]
        let outer = dims[..<axis].reduce(1, *)
        let inner = dims[(axis + 1)...].reduce(1, *)
        var keptShape = dims
        keptShape[axis] = 1
        var outShape = shape.isEmpty ? [] : keptShape
        if !keepDim && !shape.isEmpty { outShape.remove(at: axis) }
        let n = Float(size)
        // Summed as PyTorch's reduction kernel sums: along the contiguous dimension as row sums,
        // along an outer one as column sums.
        var values = scalars.withUnsafeBufferPointer { x -> [Float] in
            guard let base = x.baseAddress else { return [Float](repeating: 0, count: outer * inner) }
            if inner == 1 { return rowSums(base, rows: outer, columns: size) }
            return (0..<outer).flatMap { columnSums(base + $0 * size * inner, rows: size, columns: inner) }
        }
        if divideBySize {
            for i in values.indices { values[i] /= n }
        }
        let out = Tensor(validShape: outShape, scalars: values)
        if requiresGrad {
            out.record(self) { [x = self] g in
                var spread = [Float](repeating: 0, count: x.count)
                for o in 0..<outer {
                    for k in 0..<size {
                        for i in 0..<inner {
                            let value = g[o * inner + i]
                            spread[(o * size + k) * inner + i] = divideBySize ? value / n : value
                        }
                    }
                }
                x.accumulate(spread)
            }
        }
        return out
    }
}


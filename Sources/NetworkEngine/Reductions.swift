// Sums and means. PyTorch's CPU `mean` is `sum` followed by one float division by the count,
// so both share the summation order of `sumOfScalars`.

extension Tensor {
    /// The sum of all elements, rank 0; backward spreads the gradient to every element.
    public func sum() -> Tensor {
        let out = Tensor(validShape: [], scalars: [scalars.withUnsafeBufferPointer(sumOfScalars)])
        if requiresGrad {
            out.record([self]) { [x = self] g in
                x.accumulate([Float](repeating: g[0], count: x.count))
            }
        }
        return out
    }

    /// The mean of all elements, rank 0: `sum / count`; backward `grad / count` everywhere.
    public func mean() -> Tensor {
        let n = Float(count)
        let out = Tensor(validShape: [], scalars: [scalars.withUnsafeBufferPointer(sumOfScalars) / n])
        if requiresGrad {
            out.record([self]) { [x = self] g in
                x.accumulate([Float](repeating: g[0] / n, count: x.count))
            }
        }
        return out
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
        var values = [Float](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { out in
                var column = [Float](repeating: 0, count: size)
                for o in 0..<outer {
                    for i in 0..<inner {
                        for k in 0..<size { column[k] = x[(o * size + k) * inner + i] }
                        let total = column.withUnsafeBufferPointer(sumOfScalars)
                        out[o * inner + i] = divideBySize ? total / n : total
                    }
                }
            }
        }
        let out = Tensor(validShape: outShape, scalars: values)
        if requiresGrad {
            out.record([self]) { [x = self] g in
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

/// The sum of a run of floats in a fixed order.
func sumOfScalars(_ x: UnsafeBufferPointer<Float>) -> Float {
    var total: Float = 0
    for value in x { total += value }
    return total
}

import NetworkEngine

/// Tensor subscripts, PyTorch's basic and advanced indexing in Swift's spelling: integers
/// (negative ones count from the end), ranges (`0..<2`, `1...3`, `1...`, `..<2`, `...2`),
/// `stride(from:to:by:)`, `...` for a whole axis, one per leading dimension (`x[0, ..., -1]`);
/// or one int64 or bool tensor (`x[mask]`). Reading makes a new tensor with PyTorch's history;
/// assigning (`x[0..<2] = y`, `x[0] = 0.5`, `x[1...] += 1`) changes the tensor in place.
extension Interpreter {
    func tensorSubscript(_ t: Tensor, _ keys: [Value], _ loc: Loc) throws(CellError) -> Tensor {
        if keys.count == 1, case .tensor(let index) = keys[0] {
            return try checked(try engine(loc) { () throws -> Tensor in try t.get(index) }, loc)
        }
        let indices = try tensorIndices(keys, loc)
        return try checked(try engine(loc) { () throws -> Tensor in try t.get(indices) }, loc)
    }

    func assignTensorSubscript(_ t: Tensor, _ keys: [Value], _ newValue: Value, _ loc: Loc) throws(CellError) {
        let value: Tensor
        switch newValue {
        case .tensor(let v): value = v
        case .int, .double, .float: value = Tensor(number(newValue)!)
        default: throw CellError("cannot assign value of type '\(newValue.typeName)' to type 'Tensor'", at: loc)
        }
        if keys.count == 1, case .tensor(let index) = keys[0] {
            try engine(loc) { () throws in try t.set(index, to: value) }
            return
        }
        let indices = try tensorIndices(keys, loc)
        try engine(loc) { () throws in try t.set(indices, to: value) }
    }

    /// The engine's index of each subscript argument.
    func tensorIndices(_ keys: [Value], _ loc: Loc) throws(CellError) -> [TensorIndex] {
        var result: [TensorIndex] = []
        for key in keys {
            switch key {
            case .int(let i): result.append(.index(i))
            case .range(let lower, let upper): result.append(.slice(start: lower, end: upper, step: 1))
            case .partialRange(let p):
                if p.lower == nil && p.upper == nil {
                    result.append(.all)
                } else {
                    // `...(-1)` runs to the end, as the engine's `PartialRangeThrough` does.
                    let end = p.upper.map { p.closed ? ($0 == -1 ? nil : $0 + 1) : $0 } ?? nil
                    result.append(.slice(start: p.lower, end: end, step: 1))
                }
            case .array(let items) where items.allSatisfy(Int.accepts):
                // `stride(from:to:by:)` makes an array of its elements: a strided slice.
                let elements = items.compactMap { if case .int(let i) = $0 { return i } else { return nil } }
                guard let first = elements.first else {
                    result.append(.slice(start: 0, end: 0, step: 1))
                    continue
                }
                let step = elements.count > 1 ? elements[1] - elements[0] : 1
                guard step > 0, elements.indices.allSatisfy({ elements[$0] == first + $0 * step }) else {
                    throw CellError("a tensor subscript takes a stride with a positive step", at: loc)
                }
                result.append(.slice(start: first, end: elements[elements.count - 1] + 1, step: step))
            default:
                throw CellError("a tensor subscript takes Ints, ranges, strides and '...', or one Tensor, found '\(key.typeName)'", at: loc)
            }
        }
        return result
    }
}

import NetworkEngine

/// Shapes, views, joining and splitting, selection, and the creation functions of the engine's
/// shape area (Operations/Shape*.swift, Indexing.swift, Gathering.swift, Creation.swift).
/// Subscripts (`x[0, ..., -1]`) are in `Subscripts.swift`.
extension Registry {
    static let shape: [Binding] = [
        .method("numel()") { (t: Tensor) in t.numel() },
        .method("reshape(_:)") { (t: Tensor, shape: Shape) in try t.reshape(shape.dims) },
        .method("view(_:)") { (t: Tensor, shape: Shape) in try t.view(shape.dims) },
        .method("flatten(startDim:endDim:)", defaults: ["startDim": .int(0), "endDim": .int(-1)]) { (t: Tensor, startDim: Int, endDim: Int) in try t.flatten(startDim: startDim, endDim: endDim) },
        .method("unsqueeze(_:)") { (t: Tensor, dim: Int) in try t.unsqueeze(dim) },
        .method("squeeze()") { (t: Tensor) in t.squeeze() },
        .method("squeeze(dim:)") { (t: Tensor, dim: Int) in try t.squeeze(dim: dim) },
        .method("transpose(_:_:)") { (t: Tensor, dim0: Int, dim1: Int) in try t.transpose(dim0, dim1) },
        .method("permute(_:)") { (t: Tensor, dims: Dims) in try t.permute(dims.values) },
        .method("contiguous()") { (t: Tensor) in t.contiguous() },
        .method("clone()") { (t: Tensor) in t.clone() },
        .method("expand(_:)") { (t: Tensor, sizes: Shape) in try t.expand(sizes.dims) },
        .method("tril(diagonal:)", defaults: ["diagonal": .int(0)]) { (t: Tensor, diagonal: Int) in try t.tril(diagonal: diagonal) },
        .method("triu(diagonal:)", defaults: ["diagonal": .int(0)]) { (t: Tensor, diagonal: Int) in try t.triu(diagonal: diagonal) },
        .method("split(_:dim:)", defaults: ["dim": .int(0)]) { (t: Tensor, size: Int, dim: Int) in try t.split(size, dim: dim) },
        .method("split(sizes:dim:)", defaults: ["dim": .int(0)]) { (t: Tensor, sizes: [Int], dim: Int) in try t.split(sizes: sizes, dim: dim) },
        .method("chunk(_:dim:)", defaults: ["dim": .int(0)]) { (t: Tensor, chunks: Int, dim: Int) in try t.chunk(chunks, dim: dim) },
        .method("indexSelect(dim:index:)") { (t: Tensor, dim: Int, index: Tensor) in try t.indexSelect(dim: dim, index: index) },
        .method("gather(dim:index:)") { (t: Tensor, dim: Int, index: Tensor) in try t.gather(dim: dim, index: index) },
        .method("maskedSelect(_:)") { (t: Tensor, mask: Tensor) in try t.maskedSelect(mask) },
        .staticMethod("Tensor.cat(_:dim:)", defaults: ["dim": .int(0)]) { (tensors: [Tensor], dim: Int) in try Tensor.cat(tensors, dim: dim) },
        .staticMethod("Tensor.stack(_:dim:)", defaults: ["dim": .int(0)]) { (tensors: [Tensor], dim: Int) in try Tensor.stack(tensors, dim: dim) },
        .staticMethod("Tensor.where(_:_:_:)") { (condition: Tensor, a: Tensor, b: Tensor) in try Tensor.where(condition, a, b) },
        .staticMethod("Tensor.where(_:_:_:)") { (condition: Tensor, a: Tensor, b: Double) in try Tensor.where(condition, a, b) },
        .staticMethod("Tensor.where(_:_:_:)") { (condition: Tensor, a: Double, b: Tensor) in try Tensor.where(condition, a, b) },
        .staticMethod("Tensor.where(_:_:_:)") { (condition: Tensor, a: Double, b: Double) in try Tensor.where(condition, a, b) },

        .staticMethod("Tensor.linspace(_:_:steps:)") { (start: Double, end: Double, steps: Int, site: CallSite) in
            try site.elements([steps])
            return try Tensor.linspace(start, end, steps: steps)
        },
        // `Int` arguments give int64 (`torch.arange(n)`), as Swift picks the engine's `Int` overload;
        // listed first, so a call with `Int`s runs it and one with a `Double` the float32 one.
        .staticMethod("Tensor.arange(_:)") { (end: Int, site: CallSite) in
            try site.elements([end])
            return try Tensor.arange(end)
        },
        .staticMethod("Tensor.arange(_:_:step:)", defaults: ["step": .int(1)]) { (start: Int, end: Int, step: Int, site: CallSite) in
            if step != 0 { try site.elements([Int(Swift.max(0, Swift.min((Double(end) - Double(start)) / Double(step), 1e15)))]) }
            return try Tensor.arange(start, end, step: step)
        },
        .staticMethod("Tensor.arange(_:_:step:)", defaults: ["step": .double(1)]) { (start: Double, end: Double, step: Double, site: CallSite) in
            if step != 0, ((end - start) / step).isFinite { try site.elements([Int(Swift.max(0, Swift.min((end - start) / step, 1e15)))]) }
            return try Tensor.arange(start, end, step: step)
        },
        .staticMethod("Tensor.full(_:_:)") { (shape: ShapeArray, value: Double) in try Tensor.full(shape.dims, value) },
        .staticMethod("Tensor.full(_:integer:)") { (shape: ShapeArray, value: Int) in try Tensor.full(shape.dims, integer: value) },
        .staticMethod("Tensor.full(_:boolean:)") { (shape: ShapeArray, value: Bool) in try Tensor.full(shape.dims, boolean: value) },
        .staticMethod("Tensor.fullLike(_:_:)") { (other: Tensor, value: Double) in Tensor.fullLike(other, value) },
        .staticMethod("Tensor.zeros(like:)") { (other: Tensor) in Tensor.zeros(like: other) },
        .staticMethod("Tensor.ones(like:)") { (other: Tensor) in Tensor.ones(like: other) },
        .staticMethod("Tensor.randn(like:)") { (other: Tensor, g: Generator) in try Tensor.randn(like: other, generator: g) },
        .staticMethod("Tensor.eye(_:_:)", defaults: ["#1": .nilValue]) { (n: Int, m: Int?, site: CallSite) in
            try site.elements([n, m ?? n])
            return try Tensor.eye(n, m)
        },
    ]
}

/// Dimensions written as arguments (`permute(2, 0, 1)`) or one array (`permute([2, 0, 1])`).
struct Dims: CellArgument {
    var values: [Int]
    static var cellType: String { "Int" }
    static var isVariadic: Bool { true }
    static func accepts(_ value: Value) -> Bool { Shape.accepts(value) }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Dims {
        guard let items = variadicItems(value) else { throw mismatch(value, Dims.self, site) }
        return Dims(values: try [Int].cell(.array(items), site))
    }
}

extension CallSite {
    /// Refuses a tensor of these sizes before it is made, when it passes the element budget.
    func elements(_ sizes: [Int]) throws(CellError) {
        _ = try interpreter.shape(sizes.map { .int(Swift.max(0, $0)) }, loc)
    }
}

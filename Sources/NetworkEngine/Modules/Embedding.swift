/// `nn.Embedding(numEmbeddings, embeddingDim)`: a table of rows looked up by integer id. The
/// weight is drawn as PyTorch's `init.normal_` draws it: `randn` of the whole table from the
/// generator (its 16-at-a-time path for 16 values or more).
public struct Embedding: Module {
    /// `[numEmbeddings, embeddingDim]`.
    public let weight: Tensor
    let mode = TrainingMode()

    /// Traps on a negative size; `init(checking:)` throws instead.
    public init(_ numEmbeddings: Int, _ embeddingDim: Int, generator: Generator = .default) {
        do { try self.init(checking: numEmbeddings, embeddingDim, generator: generator) } catch { fatalError("\(error)") }
    }

    /// A negative size is PyTorch's error for the table `[numEmbeddings, embeddingDim]`.
    public init(checking numEmbeddings: Int, _ embeddingDim: Int, generator: Generator = .default) throws {
        weight = try Tensor.normal([numEmbeddings, embeddingDim], generator: generator)
        weight.makeParameter()
    }

    public var numEmbeddings: Int { weight.shape[0] }
    public var embeddingDim: Int { weight.shape[1] }

    public func callAsFunction(_ ids: Tensor) throws -> Tensor {
        try embedding(ids, weight: weight)
    }

    public func visitParameters(_ walk: inout ParameterWalk, path: String) {
        walk.visit(weight, path: path, name: "weight")
        walk.visit(mode)
    }
}

/// `F.embedding(ids, weight)`: row `ids[i]` of `weight` for each id, shaped `ids.shape + [dim]`
/// (an index_select: copies, so bit for bit). The ids must be int64 and in range, with
/// PyTorch's messages.
public func embedding(_ ids: Tensor, weight: Tensor) throws -> Tensor {
    guard ids.dtype == .int64 else {
        let name = ids.dtype == .bool ? "torch.BoolTensor" : "torch.FloatTensor"
        throw TensorError("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got \(name) instead (while checking arguments for embedding)")
    }
    guard weight.shape.count == 2 else { throw TensorError("'weight' must be 2-D") }
    let rows = weight.shape[0], dim = weight.shape[1]
    let indices = ids.integers
    guard indices.allSatisfy({ $0 >= 0 && $0 < rows }) else { throw TensorError("index out of range in self") }
    let table = weight.values
    let out = Tensor(validShape: ids.shape + [dim], count: indices.count * dim) { out in
        for (i, id) in indices.enumerated() {
            (out + i * dim).update(from: table + Int(id) * dim, count: dim)
        }
    }
    if weight.requiresGrad { out.record(weight, ids, as: EmbeddingBackward()) }
    return out
}

/// `embedding_dense_backward_cpu`: a zero table, then for each id in order its row of the
/// gradient added with `add_` (PyTorch's `index_add`-style loop), so repeated ids sum in the
/// order they appear.
struct EmbeddingBackward: BackwardRule {
    static let name = "EmbeddingBackward0"
    static let saved = SavedTensors.secondInput
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { weight, ids in
            weight.accumulate(writing: {
                indexAdd(g, picks: ids.integers, outer: 1, size: weight.shape[0], inner: weight.shape[1], into: $0, count: weight.count)
            })
        }
    }
}

import NetworkEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `engine-bench gpt`: the chapter's 124M GPT built with the engine's Swift API after
// manualSeed(123), its modules made in the order PyTorch's constructors make them (token and
// position embeddings, then per block the query, key, value and output projections and the
// feed-forward layers, then the head). Times building it, the 2 × 4 batch's forward in training
// mode and the greedy generation of 6 tokens in eval mode, against the chapter's goals.

/// The chapter's own layer normalisation: mean and biased variance over the last dimension.
struct ChapterLayerNorm: Module {
    let scale: Tensor, shift: Tensor
    init(_ width: Int) {
        scale = Tensor.ones([width])
        shift = Tensor.zeros([width])
        scale.requiresGrad = true
        shift.requiresGrad = true
    }
    func callAsFunction(_ x: Tensor) -> Tensor {
        do {
            let mean = try x.mean(dim: -1, keepDim: true)
            let variance = try x.var(dim: -1, unbiased: false, keepDim: true)
            return scale * ((x - mean) / sqrt(variance + 1e-5)) + shift
        } catch { fatalError("\(error)") }
    }
}

struct MultiHeadAttention: Module {
    let query: Linear, key: Linear, value: Linear, output: Linear
    let dropout: Dropout
    let mask: Tensor
    let heads: Int

    init(width: Int, context: Int, heads: Int, dropout p: Double) {
        query = Linear(width, width, bias: false)
        key = Linear(width, width, bias: false)
        value = Linear(width, width, bias: false)
        output = Linear(width, width)
        dropout = Dropout(p)
        // The chapter's buffer: triu(ones(context, context), diagonal=1), compared as a bool mask.
        mask = try! Tensor.ones([context, context]).triu(diagonal: 1).gt(0)
        self.heads = heads
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        do {
            let (b, tokens, width) = (x.shape[0], x.shape[1], x.shape[2])
            let headWidth = width / heads
            let split = { (t: Tensor) in try t.view(b, tokens, heads, headWidth).transpose(1, 2) }
            let keys = try split(key(x)), queries = try split(query(x)), values = try split(value(x))
            let scores = try queries.matmul(try keys.transpose(2, 3))
            try scores.maskedFill_(mask[0..<tokens, 0..<tokens], -.infinity)
            let weights = dropout(try (scores / Double(headWidth).squareRoot()).softmax(dim: -1))
            let context = try weights.matmul(values).transpose(1, 2).contiguous().view(b, tokens, width)
            return output(context)
        } catch { fatalError("\(error)") }
    }
}

struct TransformerBlock: Module {
    let attention: MultiHeadAttention
    let feedForward: Sequential
    let norm1: ChapterLayerNorm, norm2: ChapterLayerNorm
    let dropShortcut: Dropout

    init(width: Int, context: Int, heads: Int, dropout: Double) {
        attention = MultiHeadAttention(width: width, context: context, heads: heads, dropout: dropout)
        feedForward = Sequential(Linear(width, 4 * width), GELU(approximate: .tanh), Linear(4 * width, width))
        norm1 = ChapterLayerNorm(width)
        norm2 = ChapterLayerNorm(width)
        dropShortcut = Dropout(dropout)
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        let attended = dropShortcut(attention(norm1(x))) + x
        return dropShortcut(feedForward(norm2(attended))) + attended
    }
}

struct GPTModel: Module {
    let tokenEmbedding: Embedding, positionEmbedding: Embedding
    let dropEmbedding: Dropout
    let blocks: [TransformerBlock]
    let finalNorm: ChapterLayerNorm
    let head: Linear

    init(vocabulary: Int = 50257, context: Int = 1024, width: Int = 768, heads: Int = 12, layers: Int = 12, dropout: Double = 0.1) {
        tokenEmbedding = Embedding(vocabulary, width)
        positionEmbedding = Embedding(context, width)
        dropEmbedding = Dropout(dropout)
        blocks = (0..<layers).map { _ in TransformerBlock(width: width, context: context, heads: heads, dropout: dropout) }
        finalNorm = ChapterLayerNorm(width)
        head = Linear(width, vocabulary, bias: false)
    }

    func callAsFunction(_ ids: Tensor) -> Tensor {
        do {
            let positions = try Tensor.arange(ids.shape[1])
            var x = dropEmbedding(try tokenEmbedding.forward(ids) + positionEmbedding.forward(positions))
            for block in blocks { x = block(x) }
            return head(finalNorm(x))
        } catch { fatalError("\(error)") }
    }
}

/// Greedy generation as the chapter's `generate_text_simple`: the whole context each step.
func generate(_ model: GPTModel, ids start: [Int], newTokens: Int) throws -> [Int] {
    var ids = start
    for _ in 0..<newTokens {
        let logits = noGrad { model(try! Tensor(integers: ids).view(1, ids.count)) }
        let next = try logits[0, ids.count - 1, ...].argmax()
        ids.append(Int(next.scalars[0]))
    }
    return ids
}

func gptBench() throws {
    try setNumThreads(2)
    let buildStart = now(CLOCK_MONOTONIC)
    manualSeed(123)
    let gpt = GPTModel()
    let buildTime = now(CLOCK_MONOTONIC) - buildStart
    let parameters = gpt.parameters().reduce(0) { $0 + $1.count }
    print("124M GPT: built in \(milliseconds(buildTime)) (goal ≤ 1 s; PyTorch 5.0 s), \(parameters) parameters (PyTorch 163,009,536)")
    let batch = try Tensor(integers: [6109, 3626, 6100, 345, 6109, 1110, 6622, 257]).view(2, 4)
    let forwardTime = fastest(rounds: 3) { _ = noGrad { gpt(batch) } }
    print("2 × 4 forward, training mode (dropout on): \(milliseconds(forwardTime)) (goal ≤ 100 ms; PyTorch 220 ms)")
    gpt.eval()
    let generationStart = now(CLOCK_MONOTONIC)
    let generated = try generate(gpt, ids: [15496, 11, 314, 716], newTokens: 6)
    let generationTime = now(CLOCK_MONOTONIC) - generationStart
    print("6-token greedy generation, eval mode: \(milliseconds(generationTime)) (goal ≤ 600 ms; PyTorch 1.69 s); "
          + "tokens \(generated.dropFirst(4).map(String.init).joined(separator: ", ")) (chapter: 27018, 24086, 47843, 30961, 42348, 7267)")
}

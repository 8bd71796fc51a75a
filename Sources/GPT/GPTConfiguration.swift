import NetworkEngine

/// The sizes of a GPT model: the chapter's `GPT_CONFIG_124M` by default (GPT-2 small).
public struct GPTConfiguration: Sendable, Equatable {
    public var vocabularySize: Int
    public var contextLength: Int
    public var embeddingDimension: Int
    public var headCount: Int
    public var layerCount: Int
    public var dropRate: Double
    public var qkvBias: Bool

    public init(vocabularySize: Int = 50257, contextLength: Int = 1024, embeddingDimension: Int = 768,
                headCount: Int = 12, layerCount: Int = 12, dropRate: Double = 0.1, qkvBias: Bool = false) {
        self.vocabularySize = vocabularySize
        self.contextLength = contextLength
        self.embeddingDimension = embeddingDimension
        self.headCount = headCount
        self.layerCount = layerCount
        self.dropRate = dropRate
        self.qkvBias = qkvBias
    }

    /// GPT-2 small, 124M parameters with the output head tied to the token embedding.
    public static let gpt124M = GPTConfiguration()

    /// PyTorch's errors would come later, from shapes; these say what is wrong up front.
    func validate() throws {
        for (name, value) in [("vocabularySize", vocabularySize), ("contextLength", contextLength),
                              ("embeddingDimension", embeddingDimension), ("headCount", headCount)]
        where value <= 0 {
            throw TensorError("GPTConfiguration.\(name) must be positive, got \(value)")
        }
        guard layerCount >= 0 else { throw TensorError("GPTConfiguration.layerCount must not be negative, got \(layerCount)") }
        guard embeddingDimension % headCount == 0 else { throw TensorError("d_out must be divisible by num_heads") }
        guard dropRate >= 0 && dropRate <= 1 else {
            throw TensorError("dropout probability has to be between 0 and 1, but got \(dropRate)")
        }
    }
}

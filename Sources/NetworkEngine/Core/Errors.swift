/// A failed tensor operation, with PyTorch's wording where PyTorch has one.
public struct TensorError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// PyTorch's spelling of a shape in messages: `torch.Size([1, 3])`.
func torchSize(_ shape: [Int]) -> String {
    "torch.Size([\(shape.map(String.init).joined(separator: ", "))])"
}

/// A network layer or a whole network: anything applied to a tensor. Its parameters are found
/// from its stored properties, so a plain Swift struct of layers is a module with PyTorch's names.
public protocol Module {
    func callAsFunction(_ input: Tensor) -> Tensor
}

/// The built-in layers report bad input as an error; `callAsFunction` traps with the same message.
protocol ThrowingModule: Module {
    func forward(_ input: Tensor) throws -> Tensor
}

extension ThrowingModule {
    public func callAsFunction(_ input: Tensor) -> Tensor {
        do { return try forward(input) } catch { fatalError("\(error)") }
    }
}

/// `nn.Linear`: `y = x · weightᵀ + bias`, initialised like PyTorch from the generator:
/// the weight (row-major) by Kaiming-uniform with a = √5, then the bias.
public struct Linear: ThrowingModule {
    /// `[out, in]`.
    public let weight: Tensor
    /// `[out]`.
    public let bias: Tensor?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, generator: Generator = .default) {
        // kaiming_uniform_(a=√5): gain = √(2 / (1 + a²)), std = gain / √fan_in, bound = √3 · std,
        // in double with Python's rounding (√5 squared is 5.000000000000001).
        let a = 5.0.squareRoot()
        let gain = (2.0 / (1 + a * a)).squareRoot()
        let fanIn = Double(inFeatures)
        let weightBound = 3.0.squareRoot() * (gain / fanIn.squareRoot())
        weight = Tensor.uniform([outFeatures, inFeatures], from: -weightBound, to: weightBound, generator: generator)
        weight.requiresGrad = true
        if bias {
            let biasBound = inFeatures > 0 ? 1 / fanIn.squareRoot() : 0
            let values = Tensor.uniform([outFeatures], from: -biasBound, to: biasBound, generator: generator)
            values.requiresGrad = true
            self.bias = values
        } else {
            self.bias = nil
        }
    }

    public var inFeatures: Int { weight.shape[1] }
    public var outFeatures: Int { weight.shape[0] }

    public func forward(_ input: Tensor) throws -> Tensor {
        try input.linear(weight: weight, bias: bias)
    }
}

/// `nn.GELU`: the exact erf form, or PyTorch's fused tanh approximation.
public struct GELU: ThrowingModule {
    public enum Approximation: Sendable { case none, tanh }
    public let approximate: Approximation

    public init(approximate: Approximation = .none) {
        self.approximate = approximate
    }

    public func forward(_ x: Tensor) throws -> Tensor {
        approximate == .none ? x.geluErf() : x.geluTanh()
    }
}

public struct ReLU: ThrowingModule {
    public init() {}
    public func forward(_ x: Tensor) throws -> Tensor { x.relu() }
}

public struct Tanh: ThrowingModule {
    public init() {}
    public func forward(_ x: Tensor) throws -> Tensor { x.tanh() }
}

public struct Sigmoid: ThrowingModule {
    public init() {}
    public func forward(_ x: Tensor) throws -> Tensor { x.sigmoid() }
}

/// `nn.Sequential`: layers applied in order; parameters are named by child index (`0.weight`).
public struct Sequential: ThrowingModule {
    public var layers: [any Module]

    public init(_ layers: any Module...) {
        self.layers = layers
    }

    public init(_ layers: [any Module]) {
        self.layers = layers
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        var x = input
        for layer in layers {
            if let layer = layer as? any ThrowingModule {
                x = try layer.forward(x)
            } else {
                x = layer(x)
            }
        }
        return x
    }
}

extension Module {
    /// `named_parameters()`: PyTorch's order and dotted names — stored property, array index,
    /// Sequential child index (`layers.0.0.weight`). A parameter reached twice is listed once.
    public func namedParameters() -> [(name: String, parameter: Tensor)] {
        var found: [(name: String, parameter: Tensor)] = []
        var seen: Set<ObjectIdentifier> = []
        collectParameters(of: self, path: "", into: &found, seen: &seen)
        return found
    }

    public func parameters() -> [Tensor] {
        namedParameters().map(\.parameter)
    }

    /// Sets every parameter's gradient to nil (`zero_grad(set_to_none=True)`).
    public func zeroGrad() {
        for parameter in parameters() { parameter.zeroGrad() }
    }
}

private func join(_ path: String, _ name: String) -> String {
    path.isEmpty ? name : path + "." + name
}

/// Walks stored properties in declaration order: tensors that require a gradient are parameters,
/// modules and arrays/optionals of them are searched; anything else holds no parameters.
private func collectParameters(of value: Any, path: String,
                               into found: inout [(name: String, parameter: Tensor)],
                               seen: inout Set<ObjectIdentifier>) {
    switch value {
    case let tensor as Tensor:
        if tensor.requiresGrad && seen.insert(ObjectIdentifier(tensor)).inserted {
            found.append((path, tensor))
        }
    case let linear as Linear:
        collectParameters(of: linear.weight, path: join(path, "weight"), into: &found, seen: &seen)
        if let bias = linear.bias {
            collectParameters(of: bias, path: join(path, "bias"), into: &found, seen: &seen)
        }
    case let sequential as Sequential:
        for (index, layer) in sequential.layers.enumerated() {
            collectParameters(of: layer, path: join(path, String(index)), into: &found, seen: &seen)
        }
    case is GELU, is ReLU, is Tanh, is Sigmoid:
        return
    default:
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?:
            for (index, child) in mirror.children.enumerated() {
                collectParameters(of: child.value, path: join(path, String(index)), into: &found, seen: &seen)
            }
        case .optional?:
            if let wrapped = mirror.children.first {
                collectParameters(of: wrapped.value, path: path, into: &found, seen: &seen)
            }
        case .struct?, .class?:
            guard value is any Module else { return }
            for child in mirror.children {
                guard let label = child.label else { continue }
                collectParameters(of: child.value, path: join(path, label), into: &found, seen: &seen)
            }
        default:
            return
        }
    }
}

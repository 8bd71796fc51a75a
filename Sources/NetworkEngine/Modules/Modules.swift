/// A network layer or a whole network: anything applied to a tensor. Its parameters are found
/// from its stored properties, so a plain Swift struct of layers is a module with PyTorch's names.
public protocol Module {
    /// Bad input (a wrong shape, a wrong dtype) is a thrown `TensorError` with PyTorch's wording,
    /// so a caller writes `try model(x)`.
    func callAsFunction(_ input: Tensor) throws -> Tensor
    /// Reports this module's parameters to `walk` under `path`. The default reads the stored
    /// properties through `Mirror`; the built-in layers answer directly (no reflection).
    func visitParameters(_ walk: inout ParameterWalk, path: String)
}

/// `nn.Linear`: `y = x · weightᵀ + bias`, initialised like PyTorch from the generator:
/// the weight (row-major) by Kaiming-uniform with a = √5, then the bias.
public struct Linear: Module {
    /// `[out, in]`.
    public let weight: Tensor
    /// `[out]`.
    public let bias: Tensor?

    /// Traps on a negative size; `init(checking:)` throws instead.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, generator: Generator = .default) {
        do { try self.init(checking: inFeatures, outFeatures, bias: bias, generator: generator) } catch { fatalError("\(error)") }
    }

    /// A negative size is PyTorch's error for the weight `[out, in]` (`torch.empty`'s words).
    public init(checking inFeatures: Int, _ outFeatures: Int, bias: Bool = true, generator: Generator = .default) throws {
        // kaiming_uniform_(a=√5): gain = √(2 / (1 + a²)), std = gain / √fan_in, bound = √3 · std,
        // in double with Python's rounding (√5 squared is 5.000000000000001).
        let a = 5.0.squareRoot()
        let gain = (2.0 / (1 + a * a)).squareRoot()
        let fanIn = Double(inFeatures)
        let weightBound = 3.0.squareRoot() * (gain / fanIn.squareRoot())
        weight = try Tensor.uniform(checking: [outFeatures, inFeatures], from: -weightBound, to: weightBound, generator: generator)
        weight.makeParameter()
        if bias {
            let biasBound = inFeatures > 0 ? 1 / fanIn.squareRoot() : 0
            let values = try Tensor.uniform(checking: [outFeatures], from: -biasBound, to: biasBound, generator: generator)
            values.makeParameter()
            self.bias = values
        } else {
            self.bias = nil
        }
    }

    public var inFeatures: Int { weight.shape[1] }
    public var outFeatures: Int { weight.shape[0] }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.linear(weight: weight, bias: bias)
    }
}

/// `nn.GELU`: the exact erf form, or PyTorch's fused tanh approximation.
public struct GELU: Module {
    public enum Approximation: Sendable { case none, tanh }
    public let approximate: Approximation

    public init(approximate: Approximation = .none) {
        self.approximate = approximate
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        approximate == .none ? x.geluErf() : x.geluTanh()
    }
}

public struct ReLU: Module {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.relu() }
}

public struct Tanh: Module {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.tanh() }
}

public struct Sigmoid: Module {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.sigmoid() }
}

/// `nn.Sequential`: layers applied in order; parameters are named by child index (`0.weight`).
public struct Sequential: Module {
    public var layers: [any Module]
    /// The container's own training flag (`Sequential(…).eval().isTraining` is false).
    let mode = TrainingMode()

    public init(_ layers: any Module...) {
        self.layers = layers
    }

    public init(_ layers: [any Module]) {
        self.layers = layers
    }

    /// The layers in order; the first failing layer's error is thrown.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard !layers.isEmpty else { return input }
        // By index: the layer is borrowed in place, not copied out (which retains its tensors);
        // the input is passed on as it is, not first copied into the running variable.
        var x = try layers[0](input)
        for index in layers.indices.dropFirst() { x = try layers[index](x) }
        return x
    }
}

extension Module {
    /// `named_parameters()`: PyTorch's order and dotted names — stored property, array index,
    /// Sequential child index (`layers.0.0.weight`). A parameter reached twice is listed once.
    public func namedParameters() -> [(name: String, parameter: Tensor)] {
        let listing = tensorListing(naming: true)
        var found: [(name: String, parameter: Tensor)] = []
        var seen: Set<ObjectIdentifier> = []
        for (name, tensor) in zip(listing.names, listing.tensors) where tensor.requiresGrad {
            if seen.insert(ObjectIdentifier(tensor)).inserted { found.append((name, tensor)) }
        }
        return found
    }

    public func parameters() -> [Tensor] {
        var found: [Tensor] = []
        for tensor in tensorListing(naming: false).tensors where tensor.requiresGrad {
            if !found.contains(where: { $0 === tensor }) { found.append(tensor) }
        }
        return found
    }

    /// Sets every parameter's gradient to nil (`zero_grad(set_to_none=True)`).
    public func zeroGrad() {
        let tensors = tensorListing(naming: false).tensors
        // By index: each tensor is used in place, not copied out of the array (a retain).
        for index in tensors.indices where tensors[index].requiresGrad { tensors[index].zeroGrad() }
    }

    /// `zero_grad(set_to_none:)`: nil gradients, or (false) gradients kept and filled with zeros.
    public func zeroGrad(setToNone: Bool) {
        if setToNone { zeroGrad() } else { zeroGradients(of: parameters(), setToNone: false) }
    }

    /// `named_buffers()`-like: the tensors the walk reaches that need no gradient (a causal mask),
    /// under their dotted names, each once.
    public func namedBuffers() -> [(name: String, buffer: Tensor)] {
        let listing = tensorListing(naming: true)
        var found: [(name: String, buffer: Tensor)] = []
        var seen: Set<ObjectIdentifier> = []
        for (name, tensor) in zip(listing.names, listing.tensors) where !tensor.requiresGrad {
            if seen.insert(ObjectIdentifier(tensor)).inserted { found.append((name, tensor)) }
        }
        return found
    }

    /// Every tensor the parameter walk reaches, in walk order, whether it needs a gradient or not
    /// (that is read at the time of use). For a struct, the walk's result is remembered (see
    /// `TensorListingCache`), so a training loop's `zeroGrad()` does not reflect on every step.
    func tensorListing(naming: Bool) -> TensorListing {
        if Self.self is AnyClass {
            var walk = ParameterWalk(naming: naming)
            visitParameters(&walk, path: "")
            return walk.listing
        }
        return ThreadContext.withCurrent { context in
            let cache = context.tensorListings
            if let listing = cache.listing(for: self) { return listing }
            var walk = ParameterWalk(naming: true)
            visitParameters(&walk, path: "")
            if !walk.reachesObjects { cache.remember(self, walk.listing) }
            return walk.listing
        }
    }
}

extension Module {
    public func visitParameters(_ walk: inout ParameterWalk, path: String) {
        walk.visitStoredProperties(of: self, path: path)
    }
}

extension Linear {
    public func visitParameters(_ walk: inout ParameterWalk, path: String) {
        walk.visit(weight, path: path, name: "weight")
        if let bias { walk.visit(bias, path: path, name: "bias") }
    }
}

extension Sequential {
    public func visitParameters(_ walk: inout ParameterWalk, path: String) {
        walk.visit(mode)
        for (index, layer) in layers.enumerated() {
            if type(of: layer) is AnyClass { walk.reachesObjects = true }
            layer.visitParameters(&walk, path: walk.join(path, index))
        }
    }
}

extension GELU { public func visitParameters(_ walk: inout ParameterWalk, path: String) {} }
extension ReLU { public func visitParameters(_ walk: inout ParameterWalk, path: String) {} }
extension Tanh { public func visitParameters(_ walk: inout ParameterWalk, path: String) {} }
extension Sigmoid { public func visitParameters(_ walk: inout ParameterWalk, path: String) {} }

/// A walk over stored properties in declaration order: tensors that require a gradient are
/// parameters; modules, and arrays or optionals of them, are searched; anything else holds none.
/// Dotted names are built only when the caller wants them (`zeroGrad` does not).
public struct ParameterWalk {
    let naming: Bool
    /// Every tensor reached; whether it is a parameter (needs a gradient) is decided when used.
    var listing = TensorListing()
    /// Whether the walk went into a module that is a class: its contents can change while the
    /// outer value stays the same, so the result must not be remembered.
    var reachesObjects = false

    init(naming: Bool) {
        self.naming = naming
    }

    /// A parameter tensor stored under `name` in the module at `path`.
    public mutating func visit(_ parameter: Tensor, path: String, name: String) {
        listing.append(join(path, name), parameter)
    }

    func join(_ path: String, _ name: String) -> String {
        guard naming else { return "" }
        return path.isEmpty ? name : path + "." + name
    }

    func join(_ path: String, _ index: Int) -> String {
        naming ? join(path, String(index)) : ""
    }

    /// A module's training switch (see `TrainingMode`), for `train()` and `eval()`.
    public mutating func visit(_ mode: TrainingMode) {
        listing.modes.append(mode)
    }

    /// The stored properties of a module in PyTorch's order: its own tensors first (a module's
    /// `_parameters` and `_buffers` come before its `_modules`), then everything else, each
    /// group in declaration order.
    mutating func visitStoredProperties(of module: any Module, path: String) {
        if type(of: module) is AnyClass { reachesObjects = true }
        let children = Mirror(reflecting: module).children
        for child in children where Self.isOwnTensor(child.value) {
            guard let label = child.label else { continue }
            visit(child.value, path: join(path, label))
        }
        for child in children where !Self.isOwnTensor(child.value) {
            guard let label = child.label else { continue }
            visit(child.value, path: join(path, label))
        }
    }

    /// A tensor stored directly (or as an optional): PyTorch's `nn.Parameter` or buffer.
    private static func isOwnTensor(_ value: Any) -> Bool {
        value is Tensor || value is Tensor?
    }

    /// One stored value: a tensor, a module, a training switch, or an array or optional of them.
    mutating func visit(_ value: Any, path: String) {
        if let tensor = value as? Tensor {
            listing.append(path, tensor)
            return
        }
        if let mode = value as? TrainingMode {
            visit(mode)
            return
        }
        if let sequentials = value as? [Sequential] {
            for (index, layer) in sequentials.enumerated() { layer.visitParameters(&self, path: join(path, index)) }
            return
        }
        if let linears = value as? [Linear] {
            for (index, layer) in linears.enumerated() { layer.visitParameters(&self, path: join(path, index)) }
            return
        }
        if let module = value as? any Module {
            if type(of: module) is AnyClass { reachesObjects = true }
            module.visitParameters(&self, path: path)
            return
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?:
            for (index, child) in mirror.children.enumerated() { visit(child.value, path: join(path, index)) }
        case .optional?:
            if let wrapped = mirror.children.first { visit(wrapped.value, path: path) }
        default:
            return
        }
    }
}

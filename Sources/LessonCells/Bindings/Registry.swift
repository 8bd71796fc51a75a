/// Every binding cells have, in one table. Lowering resolves calls, members and initializers
/// against it by name and labels (a wrong label is a located error before the cell runs); the
/// evaluator then holds indices into `all` and tries only the overloads lowering chose.
struct Registry {
    /// The areas in the order the docs list them, each declared in its own file beside the
    /// engine area it binds.
    static let areas: [(title: String, bindings: [Binding])] = [
        ("Tensors: creation, arithmetic and gradients", tensorArithmetic),
        ("Shapes, indexing and creation", shape),
        ("Reductions and losses", reductions),
        ("In-place updates and noGrad", inPlace),
        ("Modules", modules),
        ("Optimizers", optimizers),
        ("Figures", figures),
        ("Tokenizer", tokenizer),
        ("Printing", printing),
        ("Numbers", numbers),
        ("Collections", collections),
        ("Arrays, changed in place", arrays),
        ("Strings", strings),
        ("Standard library", standard),
    ]

    static let shared = Registry()

    let all: [Binding]
    /// Free functions and initializers (`tanh`, `Linear`) by name.
    let functions: [String: [Int]]
    /// Static members by `Type.name`.
    let statics: [String: [Int]]
    /// Methods and properties by name, whatever the receiver's type.
    let methods: [String: [Int]]
    let properties: [String: [Int]]
    /// Mutating array methods by name (`append`): they change a variable in place.
    let mutating: [String: [Int]]
    /// A property's overloads as one call site holds them, made once (`x.shape`, `xs.count`).
    let propertyCalls: [String: BoundCall]
    /// Types whose static members cells use (`Tensor.randn`, `Double.pi`).
    let staticTypes: Set<String>

    init() {
        var all: [Binding] = []
        for (title, bindings) in Registry.areas {
            for var binding in bindings {
                binding.area = title
                all.append(binding)
            }
        }
        var functions: [String: [Int]] = [:], statics: [String: [Int]] = [:]
        var methods: [String: [Int]] = [:], properties: [String: [Int]] = [:], mutating: [String: [Int]] = [:]
        for (i, b) in all.enumerated() {
            switch b.kind {
            case .function, .initializer: functions[b.name, default: []].append(i)
            case .staticMethod, .staticProperty: statics["\(b.typeName ?? "").\(b.name)", default: []].append(i)
            case .method: methods[b.name, default: []].append(i)
            case .property: properties[b.name, default: []].append(i)
            case .mutatingMethod: mutating[b.name, default: []].append(i)
            }
        }
        self.all = all
        self.functions = functions
        self.statics = statics
        self.methods = methods
        self.properties = properties
        self.mutating = mutating
        propertyCalls = properties.mapValues { indices in
            BoundCall(name: all[indices[0]].name, what: "property", candidates: indices.map { .init(index: $0, sources: [], isDirect: true) })
        }
        staticTypes = Set(all.compactMap { $0.kind == .staticMethod || $0.kind == .staticProperty ? $0.typeName : nil })
    }
}

/// A call site's overloads as lowering chose them: each with where its parameters come from.
/// Never changed once made (the registry shares a property's).
final class BoundCall: @unchecked Sendable {
    enum Source {
        case argument(Int)
        case defaultValue(Value)
        /// A variadic parameter: these arguments, as one array.
        case variadic([Int])
    }

    struct Candidate {
        var index: Int
        var sources: [Source]
        /// The arguments are the parameters, in order (no defaults, no variadics).
        var isDirect: Bool
    }

    let name: String
    /// `instance method`, `global function`, … as Swift's messages say.
    let what: String
    let candidates: [Candidate]

    init(name: String, what: String, candidates: [Candidate]) {
        self.name = name
        self.what = what
        self.candidates = candidates
    }
}

extension CallShape {
    /// Where each parameter's value comes from for a call with these labels, or nil when they
    /// do not fit (`mismatch` then says why, in Swift's words). A trailing closure (the last
    /// argument, unlabeled) takes the parameter it lands on, as Swift's `sorted { … }` is
    /// `sorted(by:)`.
    func sources(_ labels: [String?], defaults: [Value?], trailingClosure: Bool = false) -> [BoundCall.Source]? {
        var result: [BoundCall.Source] = []
        var next = 0
        for (i, p) in parameters.enumerated() {
            if trailingClosure, !p.isVariadic, next == labels.count - 1, i == parameters.count - 1 || defaults[i] == nil {
                result.append(.argument(next))
                next += 1
                continue
            }
            if p.isVariadic {
                var taken: [Int] = []
                if next < labels.count, labels[next] == p.label {
                    taken.append(next)
                    next += 1
                    while next < labels.count, labels[next] == nil {
                        taken.append(next)
                        next += 1
                    }
                }
                result.append(.variadic(taken))
                continue
            }
            if next < labels.count, labels[next] == p.label {
                result.append(.argument(next))
                next += 1
                continue
            }
            guard let value = defaults[i] else { return nil }
            result.append(.defaultValue(value))
        }
        return next == labels.count ? result : nil
    }
}

extension Registry {
    /// The overloads among `indices` whose labels fit the call, or Swift's message for the
    /// closest one that does not (with every candidate when there are several).
    func bind(_ indices: [Int], _ labels: [String?], trailingClosure: Bool = false, what: String, name: String) -> Result<BoundCall, LabelMismatch> {
        var candidates: [BoundCall.Candidate] = []
        for i in indices {
            let b = all[i]
            guard let sources = b.shape.sources(labels, defaults: b.defaults, trailingClosure: trailingClosure) else { continue }
            let direct = sources.enumerated().allSatisfy { if case .argument(let j) = $0.element { return j == $0.offset } else { return false } }
            candidates.append(.init(index: i, sources: sources, isDirect: direct))
        }
        if !candidates.isEmpty { return .success(BoundCall(name: name, what: what, candidates: candidates)) }
        // Overloads of one signature for several types (`Sequence.map(_:)`, `String.map(_:)`)
        // are one candidate for the labels.
        var shapes: [CallShape] = []
        for i in indices where !shapes.contains(where: { $0.signature == all[i].shape.signature }) { shapes.append(all[i].shape) }
        let list = shapes.count > 1 ? "; candidates: " + shapes.map(\.signature).joined(separator: ", ") : ""
        // Swift names the overload taking as many arguments as the call passes, if only one does.
        let sameCount = shapes.filter { $0.accepts(count: labels.count) }
        if sameCount.count == 1 || shapes.count == 1, let (message, argument) = (sameCount.first ?? shapes[0]).swiftMismatch(labels) {
            return .failure(LabelMismatch(message: message + list, argument: argument))
        }
        return .failure(LabelMismatch(message: "no exact matches in call to \(what) '\(name)'\(list)", argument: nil))
    }
}

extension Registry {
    /// `bind`, with a mismatch as a located error: at the argument at fault where the call's
    /// `arguments` say where it is, else at `at`. Lowering and the evaluator both bind here.
    func bind(_ indices: [Int], _ labels: [String?], _ arguments: [Argument], what: String, name: String, _ at: Loc) throws(CellError) -> BoundCall {
        switch bind(indices, labels, trailingClosure: arguments.last?.isTrailingClosure ?? false, what: what, name: name) {
        case .success(let call): return call
        case .failure(let mismatch):
            throw CellError(mismatch.message, at: mismatch.argument.flatMap { $0 < arguments.count ? arguments[$0].loc : nil } ?? at)
        }
    }
}

struct LabelMismatch: Error {
    var message: String
    var argument: Int?
}

extension CallShape {
    /// Whether some way of leaving out defaulted parameters takes `count` arguments.
    func accepts(count: Int) -> Bool {
        let required = parameters.filter { !$0.hasDefault && !$0.isVariadic }.count
        return count >= required && (count <= parameters.count || parameters.contains { $0.isVariadic })
    }

    /// Why the labels do not fit, in swiftc 6.3's words (`incorrect argument label in call
    /// (have 'dims:', expected 'dim:')`, `missing argument label 'dim:' in call`, …).
    func swiftMismatch(_ labels: [String?]) -> (message: String, argument: Int?)? {
        func spell(_ l: [String?]) -> String { l.map { ($0 ?? "_") + ":" }.joined() }
        if parameters.isEmpty, !labels.isEmpty { return ("argument passed to call that takes no arguments", 0) }
        // The call's arguments against as many parameters, in order (defaulted ones at the end).
        let wanted = parameters.prefix(labels.count).map(\.label)
        if accepts(count: labels.count), labels.count <= parameters.count, !parameters.contains(where: \.isVariadic) {
            let wrong = labels.indices.filter { labels[$0] != wanted[$0] }
            if wrong.count == 1 {
                let i = wrong[0]
                switch (labels[i], wanted[i]) {
                case (let have?, nil): return ("extraneous argument label '\(have):' in call", i)
                case (nil, let want?): return ("missing argument label '\(want):' in call", i)
                default: break
                }
            }
            if !wrong.isEmpty {
                if wrong.allSatisfy({ labels[$0] == nil }) {
                    return ("missing argument labels '\(spell(wrong.map { wanted[$0] }))' in call", wrong[0])
                }
                return ("incorrect argument label\(wrong.count > 1 ? "s" : "") in call (have '\(spell(labels))', expected '\(spell(wanted))')", wrong[0])
            }
        }
        return mismatch(labels)
    }
}

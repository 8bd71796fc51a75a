import SwiftSyntax

/// How a call's argument labels line up with a function's or initializer's parameters, by
/// Swift's rules: labels in order, a defaulted parameter may be left out, a variadic one takes
/// the unlabeled arguments after it. The same check runs when a cell is lowered (page functions
/// and initializers, so a wrong label stops the cell before it runs anything) and when a call
/// binds its arguments (closures and methods reached through values).
struct CallShape {
    struct Parameter {
        var label: String?
        var name: String
        var hasDefault: Bool
        var isVariadic: Bool
    }

    var name: String
    var parameters: [Parameter]

    /// `name(label:label:)`, as Swift names a function in messages.
    var signature: String {
        "\(name)(" + parameters.map { ($0.label ?? "_") + ":" }.joined() + ")"
    }

    /// Why `labels` do not fit, and which argument is at fault (nil: the call as a whole).
    func mismatch(_ labels: [String?]) -> (message: String, argument: Int?)? {
        var next = 0
        for p in parameters {
            if p.isVariadic {
                if next < labels.count, labels[next] == p.label {
                    next += 1
                    while next < labels.count, labels[next] == nil { next += 1 }
                }
                continue
            }
            if next < labels.count, labels[next] == p.label {
                next += 1
                continue
            }
            if p.hasDefault { continue }
            if next < labels.count {
                switch (labels[next], p.label) {
                case (let have?, let want?):
                    return ("argument label '\(have):' does not match '\(want):'", next)
                case (let have?, nil):
                    return ("extraneous argument label '\(have):' in call to '\(signature)'", next)
                case (nil, let want?):
                    return ("missing argument label '\(want):' in call to '\(signature)'", next)
                case (nil, nil):
                    break
                }
            }
            return ("missing argument for parameter \(p.label.map { "'\($0):'" } ?? "'\(p.name)'") in call to '\(signature)'", nil)
        }
        if next < labels.count {
            return ("extra argument \(labels[next].map { "'\($0):'" } ?? "#\(next + 1)") in call to '\(signature)'", next)
        }
        return nil
    }
}

extension CallShape {
    init(_ code: FunctionCode) {
        self.init(name: code.name, parameters: code.parameters.map {
            .init(label: $0.label, name: $0.name, hasDefault: $0.defaultValue != nil, isVariadic: $0.isVariadic)
        })
    }

    /// A `func` or `init` as declared, before its body is lowered.
    init(name: String, _ clause: FunctionParameterClauseSyntax) {
        self.init(name: name, parameters: clause.parameters.map { p in
            let first = p.firstName.text
            return .init(label: first == "_" ? nil : first, name: p.secondName?.text ?? first,
                         hasDefault: p.defaultValue != nil, isVariadic: p.ellipsis != nil)
        })
    }

    /// The memberwise initializer of a struct without `init`s: every stored property in order,
    /// except `let`s with an initial value; `var`s with one may be left out.
    static func memberwise(of s: StructDeclSyntax) -> CallShape {
        var parameters: [Parameter] = []
        for member in s.memberBlock.members {
            guard let v = member.decl.as(VariableDeclSyntax.self) else { continue }
            let isLet = v.bindingSpecifier.tokenKind == .keyword(.let)
            for binding in v.bindings where binding.accessorBlock == nil {
                guard let id = binding.pattern.as(IdentifierPatternSyntax.self) else { continue }
                let hasDefault = binding.initializer != nil
                if isLet && hasDefault { continue }
                parameters.append(.init(label: id.identifier.text, name: id.identifier.text, hasDefault: hasDefault, isVariadic: false))
            }
        }
        return CallShape(name: s.name.text, parameters: parameters)
    }

    /// The shapes a struct can be built with: its `init`s, or else the memberwise one.
    static func initializers(of s: StructDeclSyntax) -> [CallShape] {
        let inits = s.memberBlock.members.compactMap { $0.decl.as(InitializerDeclSyntax.self) }
        if inits.isEmpty { return [memberwise(of: s)] }
        return inits.map { CallShape(name: s.name.text, $0.signature.parameterClause) }
    }
}

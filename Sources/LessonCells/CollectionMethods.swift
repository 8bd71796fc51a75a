import Foundation

/// Methods of built-in values a lesson uses: `map`, `filter`, `reduce`, `enumerated`, `zip`,
/// `contains`, `joined`, `sorted`, `hasSuffix`, … Tensors and modules are handed to the engine's.
extension Interpreter {
    func builtinMethod(_ receiver: Value, _ name: String, _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> (result: Value, receiver: Value?) {
        switch receiver {
        case .tensor, .module, .host:
            if let v = try boundMethod(receiver, name, values, labels, arguments, loc) { return (v, nil) }
        case .string(let s):
            if let v = try stringMethod(s, name, values, labels, loc) { return (v, nil) }
            // A String is a sequence of Characters: `"abc".enumerated()`, `.map { … }`.
            if Interpreter.characterSequenceMethods.contains(name) {
                try reserve(s.utf8.count &* MemoryLayout<Value>.stride, loc)
                if let v = try sequenceMethod(s.map { .string(String($0)) }, name, values, labels, arguments, loc) { return (v, nil) }
            }
        case .int(let i) where name == "formatted" && labels.isEmpty:
            return (.string(i.formatted(.number.locale(Interpreter.formattingLocale))), nil)
        case .double(let d):
            switch (name, labels) {
            case ("rounded", []): return (.double(d.rounded()), nil)
            case ("squareRoot", []): return (.double(d.squareRoot()), nil)
            case ("formatted", []): return (.string(d.formatted(.number.locale(Interpreter.formattingLocale))), nil)
            default: break
            }
        case .float(let f):
            switch (name, labels) {
            case ("rounded", []): return (.float(f.rounded()), nil)
            case ("squareRoot", []): return (.float(f.squareRoot()), nil)
            default: break
            }
        case .array, .range, .dictionary:
            let elements = try elements(of: receiver, loc)
            if let v = try sequenceMethod(elements, name, values, labels, arguments, loc) { return (v, nil) }
            if case .array = receiver, Lowering.builtinMutatingMethods.contains(name) {
                var copy = receiver
                let result = try mutateArray(&copy, name, values, labels, declared: nil, loc)
                return (result, copy)
            }
        case .function:
            if name == "callAsFunction" { return (try call(receiver, values, labels, arguments, loc), nil) }
        default:
            break
        }
        throw CellError("value of type '\(receiver.typeName)' has no method '\(name)'", at: loc)
    }

    /// The sequence methods a String has as a collection of Characters (each a one-character String).
    static let characterSequenceMethods: Set<String> = ["enumerated", "map", "filter", "compactMap", "flatMap", "forEach", "reduce", "allSatisfy"]

    /// `formatted()` as Swift's Foundation prints it on Linux (`163,009,536`, `1,234,567.891`),
    /// pinned to en_US so a page's output does not depend on the machine's locale.
    static let formattingLocale = Locale(identifier: "en_US")

    func callClosure(_ f: Value, _ args: [Value], _ loc: Loc) throws(CellError) -> Value {
        try call(f, args, args.map { _ in nil }, [], loc)
    }

    func sequenceMethod(_ elements: [Value], _ name: String, _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> Value? {
        var labels = labels
        // A trailing closure drops its label: `sorted { … }` is `sorted(by:)`, `first { … }` is `first(where:)`.
        if labels == [nil], case .function = values[0] {
            if name == "sorted" { labels = ["by"] }
            if name == "first" { labels = ["where"] }
        }
        switch (name, labels) {
        case ("map", [nil]):
            try reserve(elements.count &* MemoryLayout<Value>.stride, loc)
            var result: [Value] = []
            result.reserveCapacity(elements.count)
            for e in elements {
                let value = try callClosure(values[0], [e], loc)
                try checkNesting(value, loc)
                result.append(value)
            }
            return .array(result)
        case ("compactMap", [nil]):
            var result: [Value] = []
            for e in elements {
                let v = try callClosure(values[0], [e], loc)
                try checkNesting(v, loc)
                if !v.isNone { result.append(v.unwrapped) }
            }
            return .array(result)
        case ("flatMap", [nil]):
            var result: [Value] = []
            for e in elements {
                let v = try callClosure(values[0], [e], loc)
                let inner = try self.elements(of: v, loc)
                try checkArray(result.count &+ inner.count, new: inner.count, loc)
                result += inner
            }
            return .array(result)
        case ("filter", [nil]):
            var result: [Value] = []
            for e in elements where try truth(try callClosure(values[0], [e], loc), loc) { result.append(e) }
            return .array(result)
        case ("forEach", [nil]):
            for e in elements { _ = try callClosure(values[0], [e], loc) }
            return .void
        case ("reduce", [nil, nil]):
            var accumulator = values[0]
            for e in elements { accumulator = try callClosure(values[1], [accumulator, e], loc) }
            return accumulator
        case ("enumerated", []):
            try reserve(elements.count &* 3 &* MemoryLayout<Value>.stride, loc)
            for e in elements { try checkNesting(e, levels: 2, loc) }
            return .array(elements.enumerated().map { .tuple(TupleValue(elements: [.int($0.offset), $0.element], labels: ["offset", "element"])) })
        case ("contains", [nil]):
            if case .function = values[0] {
                for e in elements where try truth(try callClosure(values[0], [e], loc), loc) { return .bool(true) }
                return .bool(false)
            }
            for e in elements where try equal(e, values[0], loc) { return .bool(true) }
            return .bool(false)
        case ("contains", ["where"]), ("allSatisfy", [nil]):
            let all = name == "allSatisfy"
            for e in elements {
                let t = try truth(try callClosure(values[0], [e], loc), loc)
                if all && !t { return .bool(false) }
                if !all && t { return .bool(true) }
            }
            return .bool(all)
        case ("first", ["where"]):
            for e in elements where try truth(try callClosure(values[0], [e], loc), loc) { return .someValue(e) }
            return .nilValue
        case ("firstIndex", ["of"]):
            for (i, e) in elements.enumerated() where try equal(e, values[0], loc) { return .someValue(.int(i)) }
            return .nilValue
        case ("joined", []), ("joined", ["separator"]):
            let separator: String
            if let v = values.first { guard case .string(let s) = v else { throw CellError("separator must be a String", at: loc) }; separator = s } else { separator = "" }
            var parts: [String] = []
            var length = 0
            for e in elements {
                guard case .string(let s) = e else { throw CellError("joined() needs an array of strings, found '\(e.typeName)'", at: loc) }
                parts.append(s)
                length += s.utf8.count + separator.utf8.count
            }
            try checkString(length, new: length, loc)
            return .string(parts.joined(separator: separator))
        case ("sorted", []):
            return .array(try sortedValues(elements, loc))
        case ("sorted", ["by"]):
            return .array(try Interpreter.mergeSorted(elements) { (x, y) throws(CellError) in
                try self.truth(try self.callClosure(values[0], [x, y], loc), loc)
            })
        case ("reversed", []):
            return .array(elements.reversed())
        case ("min", []), ("max", []):
            guard var best = elements.first else { return .nilValue }
            for e in elements.dropFirst() {
                if name == "min" ? try less(e, best, loc) : try less(best, e, loc) { best = e }
            }
            return .someValue(best)
        case ("prefix", [nil]), ("suffix", [nil]), ("dropFirst", [nil]), ("dropLast", [nil]), ("dropFirst", []), ("dropLast", []):
            var n = 1
            if let v = values.first { guard case .int(let k) = v, k >= 0 else { throw CellError("'\(name)' takes a non-negative Int", at: loc) }; n = k }
            switch name {
            case "prefix": return .array(Array(elements.prefix(n)))
            case "suffix": return .array(Array(elements.suffix(n)))
            case "dropFirst": return .array(Array(elements.dropFirst(n)))
            default: return .array(Array(elements.dropLast(n)))
            }
        default:
            return nil
        }
    }

    func stringMethod(_ s: String, _ name: String, _ values: [Value], _ labels: [String?], _ loc: Loc) throws(CellError) -> Value? {
        func text(_ i: Int) throws(CellError) -> String {
            guard case .string(let t) = values[i] else { throw CellError("'\(name)' takes a String, found '\(values[i].typeName)'", at: loc) }
            return t
        }
        switch (name, labels) {
        case ("hasSuffix", [nil]): return .bool(s.hasSuffix(try text(0)))
        case ("hasPrefix", [nil]): return .bool(s.hasPrefix(try text(0)))
        case ("contains", [nil]):
            let t = try text(0)
            return .bool(t.isEmpty || s.contains(t))
        case ("uppercased", []): return .string(s.uppercased())
        case ("lowercased", []): return .string(s.lowercased())
        case ("split", ["separator"]):
            let t = try text(0)
            guard let c = t.first, t.count == 1 else { throw CellError("split(separator:) takes one character", at: loc) }
            return .array(s.split(separator: c).map { .string(String($0)) })
        case ("padding", ["toLength", "withPad", "startingAt"]):
            guard case .int(let n) = values[0], n >= 0 else { throw CellError("toLength must be a non-negative Int", at: loc) }
            let pad = try text(1)
            try checkString(n, new: n, loc)
            if s.count >= n { return .string(String(s.prefix(n))) }
            guard !pad.isEmpty else { throw CellError("withPad must not be empty", at: loc) }
            let missing = n - s.count
            let padding = String(repeating: pad, count: missing / pad.count + 1)
            return .string(s + String(padding.prefix(missing)))
        default: return nil
        }
    }
}

import NetworkEngine

/// Values nest at most `Budget.maxValueDepth` levels (arrays, structs, tuples, dictionaries and
/// optionals inside one another). Swift frees, compares and prints a nested value by recursion,
/// one native stack frame or more per level: a value 30,000 levels deep overflowed the stack when
/// it was freed. So a value is checked where it is put inside another, and nesting is an error
/// there, located, rather than a crash later.
extension Interpreter {
    /// Checks that `value`, put `levels` levels down inside a new container, keeps the nesting
    /// limit. Numbers, strings and tensors cost nothing; a container is walked (with a stack of
    /// its own) only as deep as the limit.
    @inline(__always)
    func checkNesting(_ value: Value, levels: Int = 1, _ loc: Loc) throws(CellError) {
        switch value {
        case .array, .instance, .tuple, .dictionary, .someValue, .module:
            if Interpreter.depth(of: value, exceeds: Budget.maxValueDepth - levels) {
                throw CellError("value nested too deeply (more than \(Budget.maxValueDepth) levels of arrays, structs, tuples, dictionaries or optionals)", at: loc)
            }
        default:
            return
        }
    }

    /// Whether `value` nests containers more than `limit` levels. Storage shared by several
    /// parts of a value (`x.append(x)` doubles a value's parts, not its memory) is walked again
    /// only from a deeper level, so the walk costs at most `limit` visits per array.
    static func depth(of value: Value, exceeds limit: Int) -> Bool {
        var pending: [(Value, Int)] = [(value, 0)]
        var deepestVisit: [UnsafeRawPointer: Int] = [:]
        while let (value, depth) = pending.popLast() {
            func push(_ elements: [Value]) -> Bool {
                guard !elements.isEmpty else { return false }
                guard depth + 1 <= limit else { return true }
                if elements.count > 1, let base = elements.withUnsafeBufferPointer({ $0.baseAddress }) {
                    let key = UnsafeRawPointer(base)
                    if let seen = deepestVisit[key], seen >= depth { return false }
                    deepestVisit[key] = depth
                }
                for element in elements where element.isContainer { pending.append((element, depth + 1)) }
                return false
            }
            let tooDeep: Bool
            switch value {
            case .array(let a): tooDeep = push(a)
            case .module(let m as Sequential): tooDeep = push(m.layers.map { ($0 as? PageModule)?.value ?? .module($0) })
            case .instance(let i): tooDeep = push(i.fields)
            case .tuple(let t): tooDeep = push(t.elements)
            case .dictionary(let d): tooDeep = push(d.values)
            case .someValue(let v): tooDeep = push([v])
            default: tooDeep = false
            }
            if tooDeep { return true }
        }
        return false
    }
}

extension Value {
    var isContainer: Bool {
        switch self {
        case .array, .instance, .tuple, .dictionary, .someValue, .module: return true
        default: return false
        }
    }
}

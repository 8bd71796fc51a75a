import NetworkEngine

/// Statements: declarations, control flow and loops. Control flow is a returned `Flow`, not a
/// thrown error, so loops stay cheap.
enum Flow {
    case normal, breakLoop, continueLoop, returned
}

extension Interpreter {
    func exec(_ statements: [Stmt], _ frame: Frame) throws(CellError) -> Flow {
        for statement in statements {
            let flow = try exec(statement, frame)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func exec(_ statement: Stmt, _ frame: Frame) throws(CellError) -> Flow {
        switch statement {
        case .fast(let node, let loc):
            try step(loc)
            try node.perform(frame, self)
            return .normal
        case .expr(let e):
            try step(e.loc)
            _ = try eval(e, frame)
            return .normal
        case .declare(let pattern, let value, let type, let loc):
            try step(loc)
            guard let value else {
                if case .optional = type { try bind(pattern, .nilValue, frame, loc) }
                return .normal
            }
            try bind(pattern, try coerce(try eval(value, frame), to: type, value.loc(or: loc)), frame, loc)
            return .normal
        case .ifElse(let branches, let otherwise):
            for (condition, body) in branches where try test(condition, frame) {
                return try exec(body, frame)
            }
            if let otherwise { return try exec(otherwise, frame) }
            return .normal
        case .guardElse(let conditions, let body, let loc):
            try step(loc)
            for condition in conditions where !(try test(condition, frame)) {
                let flow = try exec(body, frame)
                if case .normal = flow {
                    throw CellError("'guard' body fell through", at: loc)
                }
                return flow
            }
            return .normal
        case .forIn(let pattern, let sequence, let condition, let body, let loc):
            return try execFor(pattern, sequence, condition, body, loc, frame)
        case .forInFreshFrame(let pattern, let sequence, let condition, let body, let size, let loc):
            return try execFor(pattern, sequence, condition, body, loc, frame, freshFrameSize: size)
        case .whileLoop(let conditions, let body, let loc):
            return try execWhile(conditions, body, loc, frame)
        case .whileFreshFrame(let conditions, let body, let size, let loc):
            return try execWhile(conditions, body, loc, frame, freshFrameSize: size)
        case .repeatWhile(let body, let condition, let loc):
            repeat {
                try step(loc)
                switch try exec(body, frame) {
                case .breakLoop: return .normal
                case .returned: return .returned
                case .normal, .continueLoop: break
                }
            } while try truth(try eval(condition, frame), condition.loc)
            return .normal
        case .returnValue(let value, let loc):
            try step(loc)
            returnValue = try value.map { v throws(CellError) in try eval(v, frame) } ?? .void
            return .returned
        case .breakLoop:
            return .breakLoop
        case .continueLoop:
            return .continueLoop
        case .block(let body):
            return try exec(body, frame)
        case .function(let ref, let code):
            write(ref, .function(.closure(code, frame === globals ? nil : frame)), frame)
            return .normal
        }
    }

    /// `freshFrameSize` as for `execFor`: the conditions' bindings (`while let`) and the body's
    /// variables live in a frame of the iteration's own.
    func execWhile(_ conditions: [Condition], _ body: [Stmt], _ loc: Loc, _ frame: Frame, freshFrameSize: Int? = nil) throws(CellError) -> Flow {
        while true {
            try step(loc)
            let iteration = freshFrameSize.map { Frame(size: $0, parent: frame) } ?? frame
            for condition in conditions where !(try test(condition, iteration)) { return .normal }
            switch try exec(body, iteration) {
            case .breakLoop: return .normal
            case .returned: return .returned
            case .normal, .continueLoop: continue
            }
        }
    }

    /// `freshFrameSize`: the body makes closures, so each iteration binds into a frame of its own
    /// (as Swift gives each iteration its own variables) instead of reusing `frame`.
    func execFor(
        _ pattern: Pattern, _ sequence: Expr, _ condition: Expr?, _ body: [Stmt], _ loc: Loc, _ frame: Frame,
        freshFrameSize: Int? = nil
    ) throws(CellError) -> Flow {
        let values = try eval(sequence, frame)
        // Ranges loop without building an array: the hot path of numeric cells.
        if freshFrameSize == nil, case .range(let lower, let upper) = values, case .variable(let ref) = pattern {
            // A body of one compiled statement runs its node directly: the hot numeric loop.
            if condition == nil, body.count == 1, case .fast(let node, let stepLoc) = body[0] {
                var i = lower
                while i < upper {
                    try step(loc)
                    writeInt(ref, i, frame)
                    i += 1
                    try step(stepLoc)
                    try node.perform(frame, self)
                }
                return .normal
            }
            var i = lower
            while i < upper {
                try step(loc)
                writeInt(ref, i, frame)
                i += 1
                if let condition, !(try truth(try eval(condition, frame), condition.loc)) { continue }
                switch try exec(body, frame) {
                case .breakLoop: return .normal
                case .returned: return .returned
                case .normal, .continueLoop: continue
                }
            }
            return .normal
        }
        for element in try elements(of: values, sequence.loc) {
            try step(loc)
            let iteration = freshFrameSize.map { Frame(size: $0, parent: frame) } ?? frame
            try bind(pattern, element, iteration, loc)
            if let condition, !(try truth(try eval(condition, iteration), condition.loc)) { continue }
            switch try exec(body, iteration) {
            case .breakLoop: return .normal
            case .returned: return .returned
            case .normal, .continueLoop: continue
            }
        }
        return .normal
    }

    func bind(_ pattern: Pattern, _ value: Value, _ frame: Frame, _ loc: Loc) throws(CellError) {
        switch pattern {
        case .ignore:
            return
        case .variable(let ref):
            write(ref, value, frame)
        case .tuple(let parts):
            guard case .tuple(let t) = value, t.elements.count == parts.count else {
                throw CellError("cannot destructure a value of type '\(value.typeName)' into \(parts.count) names", at: loc)
            }
            for (part, element) in zip(parts, t.elements) { try bind(part, element, frame, loc) }
        }
    }

    func test(_ condition: Condition, _ frame: Frame) throws(CellError) -> Bool {
        switch condition {
        case .boolean(let e):
            return try truth(try eval(e, frame), e.loc)
        case .binding(let ref, let e):
            let value = try eval(e, frame)
            if value.isNone { return false }
            write(ref, value.unwrapped, frame)
            return true
        case .all(let conditions):
            for c in conditions where !(try test(c, frame)) { return false }
            return true
        }
    }

    @inline(__always)
    func truth(_ value: Value, _ loc: Loc) throws(CellError) -> Bool {
        if case .bool(let b) = value { return b }
        throw CellError("expected a Bool condition, found a value of type '\(value.typeName)'", at: loc)
    }

    /// The elements a `for` loop or `map` walks: arrays, ranges, dictionaries (as
    /// `(key: , value: )` pairs in insertion order), strings (as one-character strings).
    func elements(of value: Value, _ loc: Loc) throws(CellError) -> [Value] {
        switch value {
        case .array(let a): return a
        case .range(let lower, let upper):
            guard lower < upper else { return [] }
            // Counted as a UInt: wider than Int.max (`-1..<Int.max`), `upper - lower` overflows.
            let count = UInt(bitPattern: upper &- lower)
            if count > UInt(Swift.max(0, maxElements)) { throw tooLarge(count, loc) }
            try checkArray(Int(count), new: Int(count), loc)
            return (lower..<upper).map { .int($0) }
        case .dictionary(let d):
            try checkArray(d.keys.count, new: d.keys.count * 3, loc)
            return zip(d.keys, d.values).map { .tuple(TupleValue(elements: [$0, $1], labels: ["key", "value"])) }
        case .string(let s):
            try checkArray(s.utf8.count, new: s.utf8.count, loc)
            return s.map { .string(String($0)) }
        case .module(let m as Sequential): return m.layers.map(cellValue)
        default: throw CellError("a value of type '\(value.typeName)' is not a sequence", at: loc)
        }
    }

    /// Arrays and strings share the tensor element budget, so a doubling loop stops with an
    /// error instead of exhausting memory before the step budget notices.
    @inline(__always)
    func checkSize(_ count: Int, _ loc: Loc) throws(CellError) {
        if count > maxElements { throw tooLarge(UInt(count), loc) }
    }

    @inline(never)
    private func tooLarge(_ count: UInt, _ loc: Loc) -> CellError {
        Budget.exceeded("a collection of \(count) elements exceeds the page's limit of \(maxElements) elements", .tensorElements, loc)
    }

    /// An array of `count` elements, `new` of them new: within the element limit, and reserved
    /// against the memory budget.
    @inline(__always)
    func checkArray(_ count: Int, new: Int, _ loc: Loc) throws(CellError) {
        try checkSize(count, loc)
        try reserve(new &* MemoryLayout<Value>.stride, loc)
    }

    /// An array of `count` elements, `new` of them new, growing `outside` its variable (see
    /// `reserve(_:_:outside:)`).
    @inline(__always)
    func checkArray(_ count: Int, new: Int, _ loc: Loc, outside: @autoclosure () -> Value) throws(CellError) {
        try checkSize(count, loc)
        try reserve(new &* MemoryLayout<Value>.stride, loc, outside: outside())
    }

    /// A string of `count` bytes, `new` of them new.
    @inline(__always)
    func checkString(_ count: Int, new: Int, _ loc: Loc) throws(CellError) {
        try checkSize(count, loc)
        try reserve(new, loc)
    }

    /// A string of `count` bytes, `new` of them new, growing `outside` its variable.
    @inline(__always)
    func checkString(_ count: Int, new: Int, _ loc: Loc, outside: @autoclosure () -> Value) throws(CellError) {
        try checkSize(count, loc)
        try reserve(new, loc, outside: outside())
    }

    /// Converts integers where the annotation asks for `Double`, as Swift's literal typing does.
    func coerce(_ value: Value, to type: TypeRef?, _ loc: Loc) throws(CellError) -> Value {
        guard let type else { return value }
        switch (type, value) {
        case (.double, .int(let i)): return .double(Double(i))
        case (.float, .int(let i)): return .float(Float(i))
        case (.float, .double(let d)): return .float(Float(d))
        // Swift never turns a fractional number into an Int implicitly (`let n: Int = 0.5`).
        case (.int, .double): throw CellError("cannot convert value of type 'Double' to expected type 'Int'", at: loc)
        case (.int, .float): throw CellError("cannot convert value of type 'Float' to expected type 'Int'", at: loc)
        case (.optional, .nilValue), (.optional, .someValue): return value
        case (.optional(let inner), _): return .someValue(try coerce(value, to: inner, loc))
        case (.array(let inner), .array(let a)):
            switch inner {
            case .double, .float, .array, .optional: return .array(try a.map { (element) throws(CellError) in try coerce(element, to: inner, loc) })
            case .int:
                for element in a { _ = try coerce(element, to: .int, loc) }
                return value
            default: return value
            }
        default: return value
        }
    }
}

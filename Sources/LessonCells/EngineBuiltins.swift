import NetworkEngine

/// The engine as cells see it: tensor creation from the session's generator, tensor members and
/// methods, layers, the loss. Engine errors become located errors; every new tensor is checked
/// against the element budget.
extension Interpreter {
    func engine<T>(_ loc: Loc, _ body: () throws -> T) throws(CellError) -> T {
        do {
            return try body()
        } catch let error as CellError {
            throw error
        } catch let error as TensorError {
            var thrown = CellError(error.message, at: loc)
            thrown.isThrown = true
            throw thrown
        } catch {
            // Some libraries' errors spell themselves as diagnostics already (`error: …`).
            let text = "\(error)"
            var thrown = CellError(text.hasPrefix("error: ") ? String(text.dropFirst(7)) : text, at: loc)
            thrown.isThrown = true
            throw thrown
        }
    }

    func checked(_ t: Tensor, _ loc: Loc) throws(CellError) -> Tensor {
        if t.count > budget.maxTensorElements {
            throw Budget.exceeded("a tensor of \(t.count) elements exceeds the page's limit of \(budget.maxTensorElements) elements", .tensorElements, loc)
        }
        // Big tensor operations take long enough per step to look at the clock after each.
        if t.count > 65_536 { try budget.check(loc) }
        // The arrays reserved since the last measurement count too, as for a reservation.
        if reservedBytes > memoryHeadroom &- memory.liveBytes { try checkMemory(loc) }
        return t
    }

    /// A matrix product costs rows × inner × columns multiply-adds, which the element limit alone
    /// does not bound; it may cost at most 64 multiply-adds per allowed element.
    func checkProduct(_ a: [Int], _ b: [Int], _ loc: Loc) throws(CellError) {
        guard let inner = a.last, b.count >= 1 else { return }
        let rows = a.dropLast().reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        let columns = b.count >= 2 ? b[b.count - 1] : 1
        let (partial, o1) = rows.multipliedReportingOverflow(by: inner)
        let (cost, o2) = partial.multipliedReportingOverflow(by: columns)
        let limit = budget.maxTensorElements.multipliedReportingOverflow(by: 64)
        if o1 || o2 || (!limit.overflow && cost > limit.partialValue) {
            throw Budget.exceeded("a matrix product of \(a) and \(b) is too large for the page's limit of \(budget.maxTensorElements) tensor elements", .tensorElements, loc)
        }
    }

    /// A shape from `(1, 10)` or `([1, 10])`, checked against the element budget before anything
    /// is allocated.
    func shape(_ values: [Value], _ loc: Loc) throws(CellError) -> [Int] {
        var dims: [Value] = values
        if values.count == 1, case .array(let a) = values[0] { dims = a }
        var shape: [Int] = []
        var total = 1
        for d in dims {
            guard case .int(let n) = d else { throw CellError("a tensor shape is made of non-negative Ints, found \(Interpreter.spellScalar(d))", at: loc) }
            let (product, overflow) = total.multipliedReportingOverflow(by: Swift.max(n, 0))  // a negative size is the engine's error
            if overflow || product > budget.maxTensorElements {
                throw Budget.exceeded("a tensor of shape \(Interpreter.spellShape(dims)) exceeds the page's limit of \(budget.maxTensorElements) elements", .tensorElements, loc)
            }
            total = product
            shape.append(n)
        }
        return shape
    }

    /// `Tensor([[1.0, 0.0, -1.0]])`: the shape of nested arrays (rectangular) and their numbers.
    func tensor(from value: Value, _ loc: Loc) throws(CellError) -> Tensor {
        var dims: [Int] = []
        var probe = value
        while case .array(let a) = probe {
            dims.append(a.count)
            guard let first = a.first else { break }
            probe = first
        }
        var scalars: [Float] = []
        func flatten(_ v: Value, _ depth: Int) throws(CellError) {
            switch v {
            case .array(let a):
                guard depth < dims.count, a.count == dims[depth] else {
                    throw CellError("nested arrays of a tensor must be rectangular (expected \(depth < dims.count ? dims[depth] : 0) elements at depth \(depth), found \(a.count))", at: loc)
                }
                for e in a { try flatten(e, depth + 1) }
            case .int(let i) where depth == dims.count: scalars.append(Float(i))
            case .double(let d) where depth == dims.count: scalars.append(Float(d))
            case .float(let f) where depth == dims.count: scalars.append(f)
            case .bool(let b) where depth == dims.count: scalars.append(b ? 1 : 0)
            default:
                throw CellError("a tensor is made of numbers in rectangular nested arrays, found \(v.typeName)", at: loc)
            }
        }
        try flatten(value, 0)
        if scalars.count > budget.maxTensorElements {
            throw Budget.exceeded("a tensor of \(scalars.count) elements exceeds the page's limit of \(budget.maxTensorElements) elements", .tensorElements, loc)
        }
        return try engine(loc) { () throws -> Tensor in try Tensor(shape: dims, scalars: scalars) }
    }
}

import NetworkEngine

/// The page's memory budget. Tensors are counted exactly: the engine charges their values to the
/// session's `MemoryAccount` while they live. Arrays and strings are counted by measuring: each
/// operation that makes one of variable size reserves its bytes, and when the reservations would
/// pass the budget, the values the page can reach are measured again (shared storage once), so
/// memory freed since counts no longer. A measurement costs time in proportion to the page's
/// values and happens only after that much has been reserved since the last one.
extension Interpreter {
    /// Reserves `bytes` for an array or string about to be made.
    @inline(__always)
    func reserve(_ bytes: Int, _ loc: Loc) throws(CellError) {
        reservedBytes &+= bytes
        if reservedBytes > memoryHeadroom &- memory.liveBytes { try checkMemory(loc, pending: bytes) }
    }

    /// Reserves `bytes` for growing `outside`, an array or string taken out of its variable while
    /// it grows (so that it is the only reference): a measurement would not find it there, so it
    /// is handed to the measurement, which counts it as the page's.
    @inline(__always)
    func reserve(_ bytes: Int, _ loc: Loc, outside: @autoclosure () -> Value) throws(CellError) {
        reservedBytes &+= bytes
        if reservedBytes > memoryHeadroom &- memory.liveBytes { try checkMemory(loc, pending: bytes, outside: outside()) }
    }

    /// Measures the page's arrays and strings again (with `outside`, a collection taken out of
    /// its variable); an error when they, the tensors and `pending` (the bytes being reserved,
    /// for a value not made yet, which no measurement finds) together exceed the budget.
    /// `pending` stays reserved: the next measurement finds the value once it is made.
    func checkMemory(_ loc: Loc, pending: Int = 0, outside: Value? = nil) throws(CellError) {
        measuredBytes = measureCollections(outside)
        reservedBytes = pending
        let total = measuredBytes &+ pending &+ memory.liveBytes
        if total > maxMemoryBytes {
            throw Budget.exceeded(
                "the page's values hold \(total) bytes, more than its memory budget of \(maxMemoryBytes) bytes", .memory, loc)
        }
    }

    /// Runs `body` on `result`, an array it builds while cell code runs (a `map`'s result while
    /// its closure runs; `reserved`, the bytes reserved for it before): in no variable yet, it is
    /// counted by every measurement meanwhile, the elements made so far with it.
    func building<T>(_ result: inout [Value], reserved: Int, _ body: (inout [Value]) throws(CellError) -> T) throws(CellError) -> T {
        try withUnsafeMutablePointer(to: &result) { (pointer) throws(CellError) -> T in
            unseen.append(.result(pointer, reserved: reserved))
            defer { unseen.removeLast() }
            return try body(&pointer.pointee)
        }
    }

    /// Runs `body` on `level`, a level of a path taken out of the level above it while a deeper
    /// one changes (`s.t` in `s.t.a.append(x)`): in no variable meanwhile, it is counted by every
    /// measurement (the root is in its variable, the leaf is handed to the measurement by what
    /// changes it).
    func holding<T>(_ level: inout Value, _ body: (inout Value) throws(CellError) -> T) throws(CellError) -> T {
        try withUnsafeMutablePointer(to: &level) { (pointer) throws(CellError) -> T in
            unseen.append(.level(pointer))
            defer { unseen.removeLast() }
            return try body(&pointer.pointee)
        }
    }

    /// What may still be allocated before measuring again.
    var memoryHeadroom: Int { maxMemoryBytes &- measuredBytes }

    /// Bytes of the arrays and strings reachable from the page's variables, the frames of the
    /// calls running now and the values in none of them (`unseen`, and `outside`), walked with a stack of its own (values may nest deeply).
    func measureCollections(_ outside: Value? = nil) -> Int {
        var bytes = 0
        var seenBuffers = Set<UnsafeRawPointer>()
        var seenFrames = Set<ObjectIdentifier>()
        var pending: [Value] = []
        func visit(_ frame: Frame) {
            var next: Frame? = frame
            while let f = next, seenFrames.insert(ObjectIdentifier(f)).inserted {
                bytes += f.count * MemoryLayout<Value>.stride
                for i in 0..<f.count { pending.append(f.slots[i]) }
                next = f.parent
            }
        }
        func array(_ a: [Value]) {
            guard let base = a.withUnsafeBufferPointer({ $0.baseAddress }), seenBuffers.insert(UnsafeRawPointer(base)).inserted else { return }
            bytes += a.capacity * MemoryLayout<Value>.stride
            pending.append(contentsOf: a)
        }
        visit(globals)
        for frame in activeFrames { visit(frame) }
        if let outside { pending.append(outside) }
        for value in unseen {
            switch value {
            case .level(let level): pending.append(level.pointee)
            case .result(let result, let reserved):
                // Reserved whole before it grows (`filter`'s): counted whole until it is done.
                bytes += Swift.max(0, reserved &- result.pointee.capacity &* MemoryLayout<Value>.stride)
                array(result.pointee)
            }
        }
        while let value = pending.popLast() {
            switch value {
            case .string(let s):
                // Short strings live inside the value.
                guard s.utf8.count > 15 else { continue }
                let base = s.utf8.withContiguousStorageIfAvailable { $0.baseAddress.map(UnsafeRawPointer.init) } ?? nil
                if let base, !seenBuffers.insert(base).inserted { continue }
                bytes += s.utf8.count
            case .array(let a): array(a)
            case .module(let m as Sequential): array(m.layers.map(cellValue))
            case .module(let m as PageModule): pending.append(m.value)
            case .someValue(let v): pending.append(v)
            case .tuple(let t): array(t.elements)
            case .dictionary(let d):
                array(d.keys)
                array(d.values)
            case .instance(let i): array(i.fields)
            case .function(.closure(_, let frame?)): visit(frame)
            case .function(.method(_, let instance)): array(instance.fields)
            default: continue
            }
        }
        return bytes
    }
}

/// A value in no variable or frame, where a measurement finds it (`Interpreter.unseen`).
enum UnseenValue {
    /// A level of a path taken out of the level above it.
    case level(UnsafeMutablePointer<Value>)
    /// An array being built, with the bytes reserved for it.
    case result(UnsafeMutablePointer<[Value]>, reserved: Int)
}

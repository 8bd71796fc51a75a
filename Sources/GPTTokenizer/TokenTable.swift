/// The mergeable tokens: every token's bytes in one buffer, in rank order, and an open-addressing
/// hash table from bytes to rank. One allocation each instead of fifty thousand `[UInt8]` keys, so
/// loading is quick and a lookup of a piece's slice needs no copy.
struct TokenTable: Sendable {
    /// Token `rank`'s bytes are `bytes[starts[rank] ..< starts[rank + 1]]`.
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int32] = [0]
    /// Ranks by hash of their bytes; -1 is an empty slot. At most half full.
    private var slots: [Int32] = []
    private var mask = 0

    var count: Int { starts.count - 1 }

    /// Space for `capacity` tokens of about `averageLength` bytes each.
    init(capacity: Int, averageLength: Int = 8) {
        bytes.reserveCapacity(capacity * averageLength)
        starts.reserveCapacity(capacity + 1)
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The bytes of the token with rank `rank`.
    func withBytes<Result>(of rank: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer {
            body(UnsafeBufferPointer(rebasing: $0[Int(starts[rank])..<Int(starts[rank + 1])]))
        }
    }

    /// Adds `token` as the next rank, or returns the rank of an earlier token with the same bytes
    /// (and adds nothing).
    mutating func add(_ token: UnsafeBufferPointer<UInt8>) -> Int? {
        let (slot, existing) = bytes.withUnsafeBufferPointer { probe(token, in: $0) }
        if let existing { return existing }
        slots[slot] = Int32(count)
        bytes.append(contentsOf: token)
        starts.append(Int32(bytes.count))
        if count * 2 > slots.count { grow() }
        return nil
    }

    /// The rank of the token whose bytes are `piece`, if there is one.
    func rank(of piece: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { probe(piece, in: $0).existing }
    }

    /// The slot where `piece` is or would go, and its rank when present.
    private func probe(_ piece: UnsafeBufferPointer<UInt8>, in stored: UnsafeBufferPointer<UInt8>) -> (slot: Int, existing: Int?) {
        var slot = Self.hash(piece) & mask
        while true {
            let rank = Int(slots[slot])
            if rank < 0 { return (slot, nil) }
            let start = Int(starts[rank]), end = Int(starts[rank + 1])
            if end - start == piece.count && memoryEqual(stored, start, piece) { return (slot, rank) }
            slot = (slot + 1) & mask
        }
    }

    private func memoryEqual(_ stored: UnsafeBufferPointer<UInt8>, _ start: Int, _ piece: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<piece.count where stored[start + index] != piece[index] { return false }
        return true
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        bytes.withUnsafeBufferPointer { stored in
            for rank in 0..<count {
                let token = UnsafeBufferPointer(rebasing: stored[Int(starts[rank])..<Int(starts[rank + 1])])
                var slot = Self.hash(token) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(rank)
            }
        }
    }

    /// FNV-1a, 64 bits: short keys, a few multiplications each.
    private static func hash(_ piece: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in piece { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}

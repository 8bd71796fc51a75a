/// A growable list of unretained tensors, for the backward pass's work lists: an array checks
/// that its storage is unshared on every append and removal, which costs more than the work a
/// small graph's pass does per tensor. The memory is freed with `deallocate()`; a thread keeps
/// its lists from one pass to the next (`ThreadContext`).
struct TensorList {
    private(set) var base: UnsafeMutablePointer<Unmanaged<Tensor>>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func append(_ tensor: Unmanaged<Tensor>) {
        if count == capacity { grow() }
        (base + count).initialize(to: tensor)
        count += 1
    }

    @inline(__always)
    mutating func popLast() -> Unmanaged<Tensor>? {
        guard count > 0 else { return nil }
        count -= 1
        return base[count]
    }

    @inline(__always)
    subscript(index: Int) -> Unmanaged<Tensor> {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    /// Forgets the tensors, keeping the memory.
    mutating func removeAll() {
        count = 0
    }

    func deallocate() {
        base.deallocate()
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Unmanaged<Tensor>>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}

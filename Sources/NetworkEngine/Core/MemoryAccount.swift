#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of tensor values held for one owner (a lesson page), so the owner can budget them.
/// Installed on a thread with `withCurrent`; every tensor whose values are allocated there is
/// charged to it until the tensor is freed, on whatever thread that happens. Like a tensor, an
/// account must not be used from two threads at once.
public final class MemoryAccount: @unchecked Sendable {
    /// Bytes of tensor values alive now, read before every growth of a cell's array or string.
    /// Kept in raw storage: a stored class property costs a run-time exclusivity check on every
    /// access from another module (`@exclusivity(unchecked)` is not honoured there), which was
    /// 7% of a cell's appends. An account is used by one thread at a time, and every access is a
    /// single read or `+=`, so no two accesses can overlap.
    @inlinable public var liveBytes: Int { bytes.pointee }
    @usableFromInline let bytes = UnsafeMutablePointer<Int>.allocate(capacity: 1)

    public init() { bytes.initialize(to: 0) }

    deinit { bytes.deallocate() }

    /// Runs `body` with this account charged for the tensors allocated on this thread.
    public func withCurrent<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        let previous = pthread_getspecific(memoryAccountKey)
        pthread_setspecific(memoryAccountKey, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(memoryAccountKey, previous) }
        return try body()
    }

    fileprivate func add(_ count: Int) { bytes.pointee += count }

    fileprivate static var current: MemoryAccount? {
        guard let pointer = pthread_getspecific(memoryAccountKey) else { return nil }
        return Unmanaged<MemoryAccount>.fromOpaque(pointer).takeUnretainedValue()
    }
}

/// One tensor's charge to the account current when its values were allocated, returned when the
/// tensor's storage (`TensorExtras`) is freed. Nil without an account or values.
final class MemoryCharge {
    private let account: MemoryAccount
    private let bytes: Int

    init?(floats: Int) {
        guard floats > 0, let account = MemoryAccount.current else { return nil }
        self.account = account
        bytes = floats * MemoryLayout<Float>.stride
        account.add(bytes)
    }

    deinit { account.add(-bytes) }
}

private let memoryAccountKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()

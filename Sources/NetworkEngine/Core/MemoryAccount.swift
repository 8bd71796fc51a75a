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
    /// Bytes of tensor values alive now.
    /// Without the run-time exclusivity check (a class property is checked on every access,
    /// which was ~6% of a cell's appends, reading it before each growth): every access is a
    /// single read or `+=` that calls nothing while it lasts, and the account is used by one
    /// thread at a time, so no two accesses can overlap.
    @exclusivity(unchecked) public private(set) var liveBytes = 0

    public init() {}

    /// Runs `body` with this account charged for the tensors allocated on this thread.
    public func withCurrent<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        let previous = pthread_getspecific(memoryAccountKey)
        pthread_setspecific(memoryAccountKey, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(memoryAccountKey, previous) }
        return try body()
    }

    fileprivate func add(_ bytes: Int) { liveBytes += bytes }

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

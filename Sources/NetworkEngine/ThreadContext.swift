#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// State that belongs to one thread: the autograd creation counter and the warning collectors.
/// Per-thread so that pages run in parallel never share a counter or mix their warnings.
/// Only its own thread touches it, so its fields skip the run-time exclusivity check.
final class ThreadContext {
    /// Creation order of recorded operations. PyTorch's engine runs backward functions in
    /// decreasing sequence number, which fixes the order gradients are summed in.
    @exclusivity(unchecked) var lastSequence = 0
    /// Innermost last; `collectingWarnings` pushes and pops.
    @exclusivity(unchecked) var warningCollectors: [WarningCollector] = []
    /// Spare tensor lists for `backward()`, kept with their capacity.
    @exclusivity(unchecked) private var spareBuffers: [[Unmanaged<Tensor>]] = []
    /// Remembered parameter walks of the models used on this thread.
    let tensorListings = TensorListingCache()

    static var current: ThreadContext {
        if let pointer = pthread_getspecific(threadContextKey) {
            return Unmanaged<ThreadContext>.fromOpaque(pointer).takeUnretainedValue()
        }
        let context = ThreadContext()
        pthread_setspecific(threadContextKey, Unmanaged.passRetained(context).toOpaque())
        return context
    }

    func takeBuffer() -> [Unmanaged<Tensor>] {
        spareBuffers.popLast() ?? []
    }

    /// Empties `buffer` and keeps its storage for the next pass.
    func returnBuffer(_ buffer: inout [Unmanaged<Tensor>]) {
        if !buffer.isEmpty { buffer.removeAll(keepingCapacity: true) }
        spareBuffers.append(buffer)
        buffer = []
    }

    /// `current.nextSequence(after:)` without retaining the context (once per recorded operation).
    static func nextSequence(after inputs: Int) -> Int {
        guard let pointer = pthread_getspecific(threadContextKey) else { return current.nextSequence(after: inputs) }
        return Unmanaged<ThreadContext>.fromOpaque(pointer)._withUnsafeGuaranteedRef { $0.nextSequence(after: inputs) }
    }

    /// A sequence number later than every input's, so the order stays topological even
    /// when tensors made on one thread are used on another.
    func nextSequence(after inputs: Int) -> Int {
        lastSequence = Swift.max(lastSequence, inputs) + 1
        return lastSequence
    }
}

final class WarningCollector {
    var messages: [String] = []
}

#if canImport(Darwin)
private func releaseThreadContext(_ pointer: UnsafeMutableRawPointer) {
    Unmanaged<ThreadContext>.fromOpaque(pointer).release()
}
#else
private func releaseThreadContext(_ pointer: UnsafeMutableRawPointer?) {
    if let pointer { Unmanaged<ThreadContext>.fromOpaque(pointer).release() }
}
#endif

private let threadContextKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, releaseThreadContext)
    return key
}()

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// State that belongs to one thread: warning collectors, print options, backward-pass buffers
/// and remembered parameter walks (the autograd creation counter is a C thread-local,
/// `nk_next_sequence`).
/// Per-thread so that pages run in parallel never mix their warnings or print options.
/// Only its own thread touches it, so its fields skip the run-time exclusivity check.
final class ThreadContext {
    /// Innermost last; `collectingWarnings` pushes and pops.
    @exclusivity(unchecked) var warningCollectors: [WarningCollector] = []
    /// Spare tensor lists for `backward()`, kept with their memory.
    @exclusivity(unchecked) private var spareLists: [TensorList] = []
    /// How tensors print on this thread (`setPrintOptions`).
    @exclusivity(unchecked) var printOptions = PrintOptions.default
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

    /// Runs `body` on this thread's context, borrowed (`current` returns it retained).
    static func withCurrent<R>(_ body: (ThreadContext) -> R) -> R {
        if let pointer = pthread_getspecific(threadContextKey) {
            return Unmanaged<ThreadContext>.fromOpaque(pointer)._withUnsafeGuaranteedRef(body)
        }
        return body(current)
    }

    func takeList() -> TensorList {
        spareLists.popLast() ?? TensorList()
    }

    /// Empties `list` and keeps its memory for the next pass.
    func returnList(_ list: TensorList) {
        var list = list
        list.removeAll()
        spareLists.append(list)
    }

    deinit {
        for list in spareLists { list.deallocate() }
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

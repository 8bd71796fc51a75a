#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetworkKernels

/// `torch.set_num_threads`: how many threads large kernels may use. With 1, every kernel runs on
/// the calling thread; with 2 or more (the default on a machine with more than one core), large
/// matrix products and elementwise loops hand half of their work to one helper thread, the only
/// one the engine has. Each element is computed the same way however the work is split, so this
/// changes the speed, never a bit.
public func setNumThreads(_ count: Int) throws {
    guard count > 0 else { throw TensorError("set_num_threads expects a positive number of threads; got \(count)") }
    ColumnSplitter.shared.setThreads(count)
}

/// `torch.get_num_threads`: the number set with `setNumThreads`, or by default the number of
/// threads the engine uses (2 on a machine with more than one core, else 1).
public func getNumThreads() -> Int { ColumnSplitter.shared.threads }

/// For applications, not libraries: asks the C allocator to keep large freed blocks in the
/// process for reuse. A training step of a wide network frees large gradients and allocates them
/// again in the next step; glibc returns such blocks to the system and the next step faults the
/// pages in again, zeroed by the kernel (about a sixth of a 20 × 256 step). The setting is
/// process-wide, so the engine never makes it by itself; `engine-bench` does, at start (`lectern`
/// does not: lesson pages train small networks, and its memory goal is tight). Does nothing
/// where the C library is not glibc.
public func keepFreedMemoryForReuse() {
    nk_keep_freed_memory()
}

/// One helper thread for large matrix products: the caller computes one half of the output
/// columns while the helper computes the other. Each element is computed by exactly one thread
/// in the same order as a single-threaded run, so results are the same bits however the work is
/// split. Only one product uses the helper at a time; others run on the calling thread alone.
final class ColumnSplitter: @unchecked Sendable {
    static let shared = ColumnSplitter()

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var job: (() -> Void)?
    private var finished = true
    private var busy = false
    private let available: Bool
    private var requestedThreads: Int

    private init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(done, nil)
        available = sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1
        requestedThreads = available ? 2 : 1
        guard available else { return }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&thread, nil, { context in
            let splitter = Unmanaged<ColumnSplitter>.fromOpaque(context!).takeUnretainedValue()
            splitter.serve()
            return nil
        }, context)
        pthread_detach(thread)
    }

    private func serve() {
        pthread_mutex_lock(mutex)
        while true {
            // Also after a wake-up that found its job taken back: the next one follows soon.
            awaitNextJobBriefly()
            guard job != nil else {
                pthread_cond_wait(wake, mutex)
                continue
            }
            do {
                // Released before the caller learns the job is done: callers may pass closures
                // that must not outlive their call (`withoutActuallyEscaping`).
                let work = job!
                job = nil
                pthread_mutex_unlock(mutex)
                work()
            }
            pthread_mutex_lock(mutex)
            finished = true
            pthread_cond_signal(done)
        }
    }

    /// Products of one training step come tens of microseconds apart, and a sleeping thread can
    /// take as long to wake: after a job the helper looks for the next one for a while before it
    /// sleeps, yielding its core to any other thread that wants it.
    private func awaitNextJobBriefly() { awaitBriefly { job != nil } }

    /// Returns when `condition` holds or after 200 µs. Called and returns with the mutex held,
    /// which is let go while waiting.
    private func awaitBriefly(_ condition: () -> Bool) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let deadline = now.tv_sec * 1_000_000_000 + now.tv_nsec + 200_000
        while !condition() && now.tv_sec * 1_000_000_000 + now.tv_nsec < deadline {
            pthread_mutex_unlock(mutex)
            sched_yield()
            clock_gettime(CLOCK_MONOTONIC, &now)
            pthread_mutex_lock(mutex)
        }
    }

    var threads: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return requestedThreads
    }

    func setThreads(_ count: Int) {
        pthread_mutex_lock(mutex)
        requestedThreads = count
        pthread_mutex_unlock(mutex)
    }

    /// Whether work may go to the helper (it may still be taken when `run` is called).
    var helperAllowed: Bool { available && threads > 1 }

    /// Runs `first` here and `second` on the helper, and returns when both are done. `second`
    /// runs here too when the helper is taken, or has not started it by the time `first` is done
    /// (on a busy machine the helper may wait for a core longer than the work takes).
    func run(_ first: () -> Void, _ second: @escaping () -> Void) {
        pthread_mutex_lock(mutex)
        let useHelper = available && requestedThreads > 1 && !busy
        if useHelper {
            busy = true
            finished = false
            job = second
            pthread_cond_signal(wake)
        }
        pthread_mutex_unlock(mutex)
        first()
        guard useHelper else { second(); return }
        pthread_mutex_lock(mutex)
        if job != nil {
            job = nil
            finished = true
            busy = false
            pthread_mutex_unlock(mutex)
            second()
            return
        }
        // The helper's half takes about as long as this one: look for it rather than sleep
        // (waking up would cost about as long again).
        awaitBriefly { finished }
        while !finished { pthread_cond_wait(done, mutex) }
        busy = false
        pthread_mutex_unlock(mutex)
    }
}

/// Below this many elements an elementwise kernel runs on the calling thread alone: handing
/// work to the helper costs a few microseconds.
let elementwiseSplitMinimum = 1 << 14

/// Runs `body` over `0..<count`, for counts from `minimum` on as two halves on two threads (costly
/// elements, such as the exact GELU's, are worth splitting sooner). Each element is computed by
/// one thread with the same arithmetic, so the split never changes a bit.
@inline(__always)
func forEachHalf(_ count: Int, minimum: Int = elementwiseSplitMinimum, _ body: (Range<Int>) -> Void) {
    guard count >= minimum else { body(0..<count); return }
    let half = count / 2
    withoutActuallyEscaping(body) { body in
        ColumnSplitter.shared.run({ body(0..<half) }, { body(half..<count) })
    }
}

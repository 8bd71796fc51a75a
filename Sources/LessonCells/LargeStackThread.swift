import Foundation

/// One thread with a 64 MiB stack that runs its owner's jobs one at a time, in order. A session
/// keeps one for all its cells: starting a thread and mapping its stack per cell was 15-17% of
/// the shortcut lesson's time. Cells need the deep stack: the call-depth budget
/// (`Budget.maxCallDepth`) and swift-syntax's nesting limit of 256 are sized for it.
///
/// Dropping the handle stops the thread: at once (joined) when no job is left running, or,
/// when a job overran its wait (`perform` returned false), after that job ends (detached).
final class LargeStackThread: Sendable {
    static let stackSize = 64 << 20
    private let mailbox = Mailbox()
    /// The thread's handle; nil when it could not be started (out of memory or threads).
    private let thread: ThreadHandle?

    init() {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, LargeStackThread.stackSize)
        #if canImport(Darwin)
        var handle: pthread_t?
        #else
        var handle = pthread_t()
        #endif
        // The thread holds the mailbox (not this handle, whose release is what stops it).
        let context = Unmanaged.passRetained(mailbox).toOpaque()
        let status = pthread_create(&handle, &attributes, { context in
            #if canImport(Darwin)
            let mailbox = Unmanaged<Mailbox>.fromOpaque(context).takeRetainedValue()
            #else
            let mailbox = Unmanaged<Mailbox>.fromOpaque(context!).takeRetainedValue()
            #endif
            mailbox.serve()
            return nil
        }, context)
        if status == 0 {
            #if canImport(Darwin)
            thread = handle.map(ThreadHandle.init)
            #else
            thread = ThreadHandle(handle)
            #endif
        } else {
            Unmanaged<Mailbox>.fromOpaque(context).release()
            thread = nil
        }
    }

    deinit {
        guard let thread else { return }
        mailbox.post(nil)
        // A job still running, or this being the thread itself (a job held the last reference
        // to the handle's owner): let the thread end on its own.
        if mailbox.overran || pthread_equal(pthread_self(), thread.id) != 0 {
            pthread_detach(thread.id)
        } else {
            pthread_join(thread.id, nil)
        }
    }

    /// Runs `body` on the thread and waits for it at most `wait` (for ever when nil). False when
    /// `body` had not finished by then (it goes on, and no later job starts before it ends); nil
    /// when the thread could not be started, so `body` did not run.
    func perform(wait: Duration?, _ body: @escaping @Sendable () -> Void) -> Bool? {
        guard thread != nil else { return nil }
        let done = DispatchSemaphore(value: 0)
        mailbox.post(Job(body: body, done: done))
        guard let wait else {
            done.wait()
            return true
        }
        let (seconds, attoseconds) = wait.components
        let nanoseconds = Int(min(seconds, 1 << 30)) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        if done.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success { return true }
        mailbox.overran = true
        return false
    }
}

/// A `pthread_t`, which is a pointer on Darwin; only the handle's owner uses it.
private struct ThreadHandle: @unchecked Sendable {
    let id: pthread_t
    init(_ id: pthread_t) { self.id = id }
}

private struct Job {
    let body: @Sendable () -> Void
    let done: DispatchSemaphore
}

/// The jobs waiting for the thread; nil asks it to end.
private final class Mailbox: @unchecked Sendable {
    // @unchecked: `jobs` and `overranFlag` are read and written only while holding `lock`.
    private let lock = NSLock()
    private let ready = DispatchSemaphore(value: 0)
    private var jobs: [Job?] = []
    private var overranFlag = false

    var overran: Bool {
        get { lock.withLock { overranFlag } }
        set { lock.withLock { overranFlag = newValue } }
    }

    func post(_ job: Job?) {
        lock.withLock { jobs.append(job) }
        ready.signal()
    }

    func serve() {
        while true {
            ready.wait()
            var next = lock.withLock { jobs.removeFirst() }
            guard next != nil else { return }
            var body: (@Sendable () -> Void)? = next!.body
            let done = next!.done
            next = nil
            body!()
            // Released before the owner learns the job is done, so the owner's last reference
            // is never dropped here while the owner still waits for this thread.
            body = nil
            done.signal()
        }
    }
}

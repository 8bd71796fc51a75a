import NetworkKernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PyTorch's CPU generator: a 32-bit Mersenne Twister (mt19937) seeded with the low 32 bits
/// of the seed, plus the one cached normal sample that Box–Muller leaves behind.
/// A lock inside makes `Generator.default` safe to share between threads.
public final class Generator: @unchecked Sendable {
    /// PyTorch's default seed (`default_rng_seed_val`).
    public static let defaultSeed: UInt64 = 67280421310721
    public static let `default` = Generator()

    /// The twister's 624 words and the next word's index, in memory of their own: reached
    /// through pointers, the draws (163M for the chapter's GPT) make none of the exclusivity and
    /// uniqueness checks a class's stored array costs on every access (they took half the time).
    private let state: UnsafeMutablePointer<UInt32>
    private let position: UnsafeMutablePointer<Int>
    /// The second Box–Muller value, returned by the next double-precision normal draw.
    private var cachedNormal: Double?
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init(seed: UInt64 = Generator.defaultSeed) {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        state = .allocate(capacity: 624)
        state.initialize(repeating: 0, count: 624)
        position = .allocate(capacity: 1)
        position.initialize(to: 624)
        reset(seed)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        state.deallocate()
        position.deallocate()
    }

    /// `torch.manual_seed`: restarts the twister and drops the cached normal sample.
    public func manualSeed(_ seed: UInt64) {
        withLock { reset(seed) }
    }

    /// Runs `body` holding the generator, so a tensor's draws are one uninterrupted run.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    private func reset(_ seed: UInt64) {
        state[0] = UInt32(truncatingIfNeeded: seed)
        for i in 1..<624 {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        position.pointee = 624
        cachedNormal = nil
    }

    /// mt19937's recurrence on the whole state, in vectors (`nk_mt_twist`).
    private func twist() {
        nk_mt_twist(KernelVariant.best.variant, state)
        position.pointee = 0
    }

    /// One 32-bit output (`random()` in PyTorch). Call with the lock held.
    func next32() -> UInt32 {
        if position.pointee >= 624 { twist() }
        let y = state[position.pointee]
        position.pointee += 1
        return Generator.temper(y)
    }

    /// mt19937's output tempering of one state word.
    @inline(__always)
    private static func temper(_ word: UInt32) -> UInt32 {
        var y = word
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// `random64()`: two outputs, the first in the high half.
    func next64() -> UInt64 {
        let high = UInt64(next32())
        return high << 32 | UInt64(next32())
    }

    /// Float `uniform_(from, to)`: 24 random bits scaled to [0, 1), then `u * (to - from) + from`
    /// as one fused multiply-add in float32 (PyTorch's compiled kernel fuses it).
    func nextUniformFloat(from: Float, to: Float) -> Float {
        let unit = Float(next32() & 0xFF_FFFF) * 0x1p-24
        return from.addingProduct(unit, to - from)
    }

    /// `count` float uniforms on [from, to) into `out`, each `nextUniformFloat(from:to:)`, drawn a
    /// vector of words at a time (`nk_mt_uniform_floats`). Call with the lock held.
    func fillUniformFloats(_ out: UnsafeMutablePointer<Float>, count: Int, from: Float = 0, to: Float = 1) {
        nk_mt_uniform_floats(KernelVariant.best.variant, state, position, out, count, from, to - from)
    }

    /// `count` floats of `bernoulli_(keep)` into `out`: `scale` where `nextUniformDouble()` would
    /// be below `keep`, else 0, one `random64()` per element in order, drawn in C
    /// (`nk_mt_bernoulli_floats`). Call with the lock held.
    func fillBernoulli(_ out: UnsafeMutablePointer<Float>, count: Int, keep: Double, scale: Float) {
        nk_mt_bernoulli_floats(KernelVariant.best.variant, state, position, out, count, keep, scale)
    }

    /// Double uniform on [0, 1) from 53 bits of `random64()`.
    func nextUniformDouble() -> Double {
        Double(next64() & ((1 << 53) - 1)) * 0x1p-53
    }

    /// `normal_distribution<double>`: Box–Muller in double, caching the sine half.
    func nextNormalDouble() -> Double {
        if let cached = cachedNormal {
            cachedNormal = nil
            return cached
        }
        let u1 = nextUniformDouble()
        let u2 = nextUniformDouble()
        let radius = (-2.0 * log1p(-u2)).squareRoot()
        let theta = 2.0 * Double.pi * u1
        cachedNormal = radius * sin(theta)
        return radius * cos(theta)
    }
}

/// `torch.manual_seed`: seeds the global generator. Negative seeds wrap as in PyTorch.
public func manualSeed(_ seed: Int) {
    Generator.default.manualSeed(UInt64(bitPattern: Int64(seed)))
}

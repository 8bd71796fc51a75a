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

    private var state = [UInt32](repeating: 0, count: 624)
    private var position = 624
    /// The second Box–Muller value, returned by the next double-precision normal draw.
    private var cachedNormal: Double?
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init(seed: UInt64 = Generator.defaultSeed) {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        reset(seed)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
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
        position = 624
        cachedNormal = nil
    }

    private func twist() {
        state.withUnsafeMutableBufferPointer { s in
            for i in 0..<624 {
                let y = (s[i] & 0x8000_0000) | (s[i == 623 ? 0 : i + 1] & 0x7FFF_FFFF)
                var next = s[i < 227 ? i + 397 : i - 227] ^ (y >> 1)
                if y & 1 != 0 { next ^= 0x9908_B0DF }
                s[i] = next
            }
        }
        position = 0
    }

    /// One 32-bit output (`random()` in PyTorch). Call with the lock held.
    func next32() -> UInt32 {
        if position >= 624 { twist() }
        let y = state[position]
        position += 1
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

    /// `count` float uniforms on [0, 1) (`nextUniformFloat(from: 0, to: 1)` each: 24 random bits
    /// times 2^−24, exact) into `out`. Call with the lock held.
    func fillUniformFloats(_ out: UnsafeMutablePointer<Float>, count: Int) {
        var done = 0
        while done < count {
            if position >= 624 { twist() }
            let start = position, run = Swift.min(624 - start, count - done)
            state.withUnsafeBufferPointer { s in
                for k in 0..<run { out[done + k] = Float(Generator.temper(s[start + k]) & 0xFF_FFFF) * 0x1p-24 }
            }
            position += run
            done += run
        }
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

import NetworkKernels
import Testing
@testable import NetworkEngine

/// `nk_mt_twist` and `nk_mt_uniform_floats` (the generator's vector kernels) against mt19937
/// written out word by word here, in every variant this CPU runs.
@Suite struct MersenneTwisterKernelTests {
    /// The textbook mt19937: seeding, the twist one word at a time, tempering.
    struct ScalarTwister {
        var state = [UInt32](repeating: 0, count: 624)
        var position = 624

        init(seed: UInt32) {
            state[0] = seed
            for i in 1..<624 { state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i) }
        }

        mutating func next() -> UInt32 {
            if position == 624 {
                for i in 0..<624 {
                    let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
                    state[i] = state[(i + 397) % 624] ^ (y >> 1) ^ (y % 2 == 0 ? 0 : 0x9908_B0DF)
                }
                position = 0
            }
            var y = state[position]
            position += 1
            y ^= y >> 11
            y ^= (y << 7) & 0x9D2C_5680
            y ^= (y << 15) & 0xEFC6_0000
            return y ^ (y >> 18)
        }

        mutating func uniform(from: Float, range: Float) -> Float {
            from.addingProduct(Float(next() & 0xFF_FFFF) * 0x1p-24, range)
        }
    }

    @Test func theScalarReferenceIsMT19937() {
        // The C++ standard's check: the 10,000th output of a default-seeded mt19937.
        var twister = ScalarTwister(seed: 5489)
        var last: UInt32 = 0
        for _ in 0..<10_000 { last = twister.next() }
        #expect(last == 4_123_659_995)
    }

    @Test func theTwistIsTheScalarOneInEveryVariant() {
        for variant in KernelVariant.supported {
            var reference = ScalarTwister(seed: 123)
            var state = reference.state
            for generation in 0..<3 {
                _ = reference.next()  // twists the reference
                reference.position = 624
                state.withUnsafeMutableBufferPointer { nk_mt_twist(variant.variant, $0.baseAddress!) }
                #expect(state == reference.state, "\(variant), generation \(generation)")
            }
        }
    }

    /// Runs of every length around the vector widths and the state's 624 words, from positions
    /// inside a generation, with a range whose fused multiply-add rounds differently from a
    /// product then a sum.
    @Test func uniformsAreTheScalarOnesInEveryVariant() {
        let counts = [1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 227, 397, 623, 624, 625, 1249, 5000]
        let from: Float = -0.036084391, range: Float = 0.072168782
        for variant in KernelVariant.supported {
            var reference = ScalarTwister(seed: 42)
            var state = reference.state
            var position = 624
            for count in counts {
                let expected = (0..<count).map { _ in reference.uniform(from: from, range: range) }
                var drawn = [Float](repeating: .nan, count: count)
                drawn.withUnsafeMutableBufferPointer {
                    nk_mt_uniform_floats(variant.variant, &state, &position, $0.baseAddress!, count, from, range)
                }
                #expect(drawn.map(\.bitPattern) == expected.map(\.bitPattern), "\(variant), \(count) values")
                #expect(position == reference.position, "\(variant), \(count) values")
            }
        }
    }

    @Test func theGeneratorDrawsWhatItDrewOneAtATime() {
        // `Tensor.uniform` (the kernel) against `nextUniformFloat` (one word at a time), across twists.
        let vectored = Tensor.uniform([3, 1000], from: -2, to: 0.5, generator: Generator(seed: 9)).scalars
        let single = Generator(seed: 9)
        let scalar = single.withLock { (0..<3000).map { _ in single.nextUniformFloat(from: -2, to: 0.5) } }
        #expect(vectored.map(\.bitPattern) == scalar.map(\.bitPattern))
    }
}

import Foundation
import NetworkKernels
import Testing
@testable import NetworkEngine

/// Adam's and SGD's C kernels (NetworkKernels/Optimizers.c) against the Swift loops they replace,
/// at every kernel variant this CPU runs: the same bits, fused at AVX2/AVX-512, unfused at
/// baseline (and the two differ on these values, so the fusing is really checked); and each
/// kernel fused and unfused at every variant, the portable fused one included, on every CPU.
@Suite struct OptimizerKernelTests {
    /// 20 steps of one parameter of 1,003 values (a partial last vector at every width).
    static func steps(_ update: (Tensor, Int) throws -> Void) throws -> [Float] {
        let w = try Tensor(shape: [1003], scalars: (0..<1003).map { Float(($0 * 37) % 101) / 13 - 3.7 })
        w.requiresGrad = true
        for step in 0..<20 {
            w.zeroGrad()
            try (w * w * w * Tensor(Double(step % 3) + 0.37)).sum().backward()
            try update(w, step)
        }
        return w.scalars
    }

    static let adamSettings: [(weightDecay: Double, decoupled: Bool, amsgrad: Bool)] = [
        (0, false, false), (0.1, false, true), (0.05, true, false), (0.2, true, true),
    ]

    @Test(arguments: 0..<4)
    func adamKernelIsTheSwiftLoopAtEveryVariant(setting: Int) throws {
        let (decay, decoupled, amsgrad) = Self.adamSettings[setting]
        func run(_ variant: KernelVariant, _ root: ((Float) -> Float)?) throws -> [Float] {
            var adam: Adam?
            return try Self.steps { w, _ in
                if adam == nil {
                    adam = decoupled ? try AdamW([w], lr: 0.01, weightDecay: decay, amsgrad: amsgrad)
                        : try Adam([w], lr: 0.01, weightDecay: decay, amsgrad: amsgrad)
                    adam?.kernels = variant
                    adam?.update = root.map { Self.swiftAdam(root: $0) }
                }
                try adam?.step()
            }
        }
        var results: [KernelVariant: [Float]] = [:]
        for variant in KernelVariant.supported {
            let kernel = try run(variant, nil)
            #expect(bitMismatches(kernel, try run(variant) { nk_sqrt($0) }) == 0, "\(variant)")
            results[variant] = kernel
        }
        // Without AVX2 this is skipped; fusedKernelsAreTheSwiftLoopsOnEveryCPU checks the fusing there.
        if let fused = results[.avx2] ?? results[.avx512], let plain = results[.baseline] {
            #expect(bitMismatches(fused, plain) > 0, "fused and unfused steps must differ here")
        }
    }

    /// The Swift SGD step the kernel replaced, for comparison.
    static func swiftSGD(_ p: inout [Float], _ g: [Float], _ buffer: inout [Float]?, fusing: Bool,
                         lr: Double, momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool) {
        let decay = Float(weightDecay), m = Float(momentum), keep = Float(1 - dampening), rate = Float(-lr)
        let first = buffer == nil
        if momentum != 0 && first { buffer = [Float](repeating: 0, count: p.count) }
        for i in p.indices {
            var d = weightDecay != 0 ? multiplyAdd(p[i], decay, g[i], fusing: fusing) : g[i]
            if momentum != 0 {
                let b = first ? d : multiplyAdd(d, keep, buffer![i] * m, fusing: fusing)
                buffer![i] = b
                d = nesterov ? multiplyAdd(b, m, d, fusing: fusing) : b
            }
            p[i] = multiplyAdd(d, rate, p[i], fusing: fusing)
        }
    }

    static let sgdSettings: [(momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool)] = [
        (0, 0, 0, false), (0, 0, 0.1, false), (0.9, 0.1, 0.01, false), (0.8, 0, 0.05, true),
    ]

    @Test(arguments: 0..<4)
    func sgdKernelIsTheSwiftLoopAtEveryVariant(setting: Int) throws {
        let (momentum, dampening, decay, nesterov) = Self.sgdSettings[setting]
        var results: [KernelVariant: [Float]] = [:]
        for variant in KernelVariant.supported {
            var sgd: SGD?
            var expected: [Float] = [], buffer: [Float]?
            let kernel = try Self.steps { w, _ in
                if sgd == nil {
                    sgd = try SGD([w], lr: 0.003, momentum: momentum, dampening: dampening, weightDecay: decay, nesterov: nesterov)
                    sgd?.kernels = variant
                    expected = w.scalars
                }
                Self.swiftSGD(&expected, try #require(w.grad).scalars, &buffer, fusing: variant != .baseline,
                              lr: 0.003, momentum: momentum, dampening: dampening, weightDecay: decay, nesterov: nesterov)
                try sgd?.step()
            }
            #expect(bitMismatches(kernel, expected) == 0, "\(variant)")
            results[variant] = kernel
        }
        // Without AVX2 this is skipped; fusedKernelsAreTheSwiftLoopsOnEveryCPU checks the fusing there.
        if let fused = results[.avx2] ?? results[.avx512], let plain = results[.baseline] {
            #expect(bitMismatches(fused, plain) > 0, "fused and unfused steps must differ here")
        }
    }

    /// The Swift Adam step the kernel replaced (Adam.swift's order) with `root` for the square
    /// root, as `Adam.update`: the tests' way to run Adam with the reference CPU's roots.
    static func swiftAdam(root: @escaping (Float) -> Float) -> AdamUpdate {
        { fusing, p, g, m, v, vMax, count, s in
            guard let m, let v else { return }
            for i in 0..<count {
                var d = g[i]
                if s.decay == NKAdamDecayDecoupled { p[i] = p[i] * s.shrink }
                else if s.decay == NKAdamDecayCoupled { d = multiplyAdd(p[i], s.decayRate, d, fusing: fusing) }
                m[i] = lerp(m[i], d, s.weight, fusing: fusing)
                v[i] = multiplyAdd(s.rest * d, d, v[i] * s.beta2, fusing: fusing)
                var second = v[i]
                if s.amsgrad != 0, let vMax {
                    vMax[i] = Swift.max(vMax[i], v[i])
                    second = vMax[i]
                }
                p[i] = p[i] + (s.stepSize * m[i]) / (root(second) / s.correction + s.eps)
            }
        }
    }

    /// `torch.lerp(start, end, weight)` as the vectorised CPU kernel: `fma(w, end − start, start)`
    /// for |w| < 0.5, else `fma(w − 1, end − start, end)`.
    static func lerp(_ start: Float, _ end: Float, _ weight: Float, fusing: Bool) -> Float {
        Swift.abs(weight) < 0.5
            ? multiplyAdd(weight, end - start, start, fusing: fusing)
            : multiplyAdd(weight - 1, end - start, end, fusing: fusing)
    }

    /// 20 steps of the C kernel `update` (its variant and fusing fixed) or of a Swift loop on one
    /// parameter, the gradient `3c·p²` from the parameter itself.
    static func directSteps(_ update: (inout [Float], [Float], Int) -> Void) -> [Float] {
        var p = (0..<1003).map { Float(($0 * 37) % 101) / 13 - 3.7 }
        for step in 0..<20 {
            let c = Float(Double(step % 3) + 0.37)
            update(&p, p.map { 3 * c * $0 * $0 }, step)
        }
        return p
    }

    /// The fused kernels (the portable one too: baseline with fusing on) are the fused Swift loops
    /// and differ from the unfused ones, on every CPU; the tests above compare fused and unfused
    /// only where AVX2 runs.
    @Test(arguments: 0..<4)
    func fusedKernelsAreTheSwiftLoopsOnEveryCPU(setting: Int) throws {
        let (momentum, dampening, decay, nesterov) = Self.sgdSettings[setting]
        let sgd = NKSGDStep(decayRate: Float(decay), momentum: Float(momentum), keep: Float(1 - dampening),
                            rate: -0.003, first: 0, nesterov: nesterov ? 1 : 0)
        func sgdSteps(_ variant: KernelVariant?, fusing: Bool) -> [Float] {
            var buffer: [Float]?
            return Self.directSteps { p, g, step in
                guard let variant else {
                    return Self.swiftSGD(&p, g, &buffer, fusing: fusing, lr: 0.003, momentum: momentum,
                                         dampening: dampening, weightDecay: decay, nesterov: nesterov)
                }
                var constants = sgd
                constants.first = step == 0 ? 1 : 0
                if momentum != 0 && buffer == nil { buffer = [Float](repeating: 0, count: p.count) }
                p.withUnsafeMutableBufferPointer { p in
                    guard buffer != nil else {
                        return nk_sgd_update(variant.variant, fusing ? 1 : 0, p.baseAddress, g, nil, p.count, &constants)
                    }
                    buffer!.withUnsafeMutableBufferPointer { b in
                        nk_sgd_update(variant.variant, fusing ? 1 : 0, p.baseAddress, g, b.baseAddress, p.count, &constants)
                    }
                }
            }
        }
        let (adamDecay, decoupled, amsgrad) = Self.adamSettings[setting]
        func adamSteps(_ variant: KernelVariant?, fusing: Bool) -> [Float] {
            var m = [Float](repeating: 0, count: 1003), v = m, vMax = m
            return Self.directSteps { p, g, step in
                let t = Double(step + 1), lr = 0.01
                let s = NKAdamStep(weight: Float(1 - 0.9), beta2: Float(0.999), rest: Float(1 - 0.999), eps: Float(1e-8),
                                   correction: Float(pow(1 - pow(0.999, t), 0.5)), stepSize: Float(-(lr / (1 - pow(0.9, t)))),
                                   shrink: Float(1 - lr * adamDecay), decayRate: Float(adamDecay),
                                   decay: adamDecay == 0 ? NKAdamDecayNone : decoupled ? NKAdamDecayDecoupled : NKAdamDecayCoupled,
                                   amsgrad: amsgrad ? 1 : 0)
                let count = p.count
                guard let variant else { return Self.swiftAdam { nk_sqrt($0) }(fusing, &p, g, &m, &v, &vMax, count, s) }
                var constants = s
                nk_adam_update(variant.variant, fusing ? 1 : 0, &p, g, &m, &v, &vMax, count, &constants)
            }
        }
        for (name, steps) in [("SGD", sgdSteps), ("Adam", adamSteps)] {
            let fused = steps(nil, true), plain = steps(nil, false)
            #expect(bitMismatches(fused, plain) > 0, "\(name): fused and unfused steps must differ here")
            for variant in KernelVariant.supported {
                #expect(bitMismatches(steps(variant, true), fused) == 0, "\(name) fused at \(variant)")
                #expect(bitMismatches(steps(variant, false), plain) == 0, "\(name) unfused at \(variant)")
            }
        }
    }
}

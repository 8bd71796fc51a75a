import NetworkKernels

// The exact (erf) GELU as PyTorch computes it on x86 CPUs. For a contiguous float tensor of more
// than one element PyTorch hands `gelu` and `gelu_backward` to oneDNN; NetworkKernels
// (ExactGELU.c) holds oneDNN's formulas, compiled for each instruction set with the same bits.
// A single element takes PyTorch's own kernel with the C library's erf instead (see
// `Operations/Activations.swift`).

/// The GELU kernels take a few nanoseconds per element: from this many on, two threads pay.
let geluSplitMinimum = 1 << 12

/// `x · ½ · (1 + erf(x/√2))` for every element, as oneDNN's forward kernel computes it.
func geluErfVectorForward(_ x: UnsafePointer<Float>, _ count: Int, into out: UnsafeMutablePointer<Float>,
                          kernel: KernelVariant = .best) {
    forEachHalf(count, minimum: geluSplitMinimum) { range in
        nk_gelu_erf_forward(kernel.variant, x + range.lowerBound, out + range.lowerBound, range.count)
    }
}

/// d GELU / dx times the upstream gradient `g` for every element, as oneDNN's backward kernel
/// computes it.
func geluErfVectorBackward(_ x: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ count: Int,
                           into out: UnsafeMutablePointer<Float>, kernel: KernelVariant = .best) {
    forEachHalf(count, minimum: geluSplitMinimum) { range in
        nk_gelu_erf_backward(kernel.variant, x + range.lowerBound, g + range.lowerBound,
                             out + range.lowerBound, range.count)
    }
}

/// `geluErfVectorForward` of an array.
func geluErfVectorForward(_ input: [Float], kernel: KernelVariant = .best) -> [Float] {
    makeScalars(input.count) { out in
        input.withUnsafeBufferPointer { x in
            guard let x = x.baseAddress, let out = out.baseAddress else { return }
            geluErfVectorForward(x, input.count, into: out, kernel: kernel)
        }
    }
}

/// `geluErfVectorBackward` of arrays.
func geluErfVectorBackward(_ input: [Float], _ upstream: [Float], kernel: KernelVariant = .best) -> [Float] {
    makeScalars(input.count) { out in
        input.withUnsafeBufferPointer { x in
            upstream.withUnsafeBufferPointer { g in
                guard let x = x.baseAddress, let g = g.baseAddress, let out = out.baseAddress else { return }
                geluErfVectorBackward(x, g, input.count, into: out, kernel: kernel)
            }
        }
    }
}

// The float square root as PyTorch computes `torch.sqrt` for the reference values: PyTorch hands
// float tensors to MKL's vector math (`vsSqrt`), which on its SSE4.2 code path does not round
// correctly. It refines Intel's `rsqrtss` estimate r of 1/√x by one Goldschmidt step, in float
// with every operation rounded:
//     y₀ = x·r, h₀ = r/2, d = ½ − y₀h₀, y₁ = y₀ + y₀d, h₁ = h₀ + h₀d, √x ≈ y₁ + h₁(x − y₁²),
// which is one ulp off for about one input in six. (On its AVX2 and AVX-512 paths MKL rounds
// correctly.) Zero, subnormal inputs and the largest floats (from 0x7f7ff000 up) take another
// path in MKL that rounds correctly, as does `sqrtf` here. Compared with MKL for every
// non-negative float: the same bits for all of them.
#include "NetworkKernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

extern const uint32_t nk_rsqrt_estimates[2][2048];

/// Intel's `rsqrtss` estimate, from its table for [0.5, 2) scaled by the exponent (exact, as the
/// instruction's own results are), so the same bits come out on any CPU.
static float rsqrtEstimate(uint32_t bits) {
    uint32_t exponent = bits >> 23, parity = exponent & 1;
    int32_t halfSteps = ((int32_t)exponent - 126 - (int32_t)parity) / 2;
    uint32_t estimate = nk_rsqrt_estimates[parity][(bits >> 12) & 0x7ff] - ((uint32_t)halfSteps << 23);
    float value;
    memcpy(&value, &estimate, sizeof value);
    return value;
}

float nk_sqrt(float x) {
    uint32_t bits;
    memcpy(&bits, &x, sizeof bits);
    // Zero, subnormals, the largest floats, infinity, NaN and negative numbers.
    if (bits < 0x00800000u || bits >= 0x7f7ff000u) return sqrtf(x);
    float r = rsqrtEstimate(bits);
    float y0 = x * r, h0 = 0.5f * r;
    float d = 0.5f - y0 * h0;
    float y1 = y0 + y0 * d, h1 = h0 + h0 * d;
    float residual = x - y1 * y1;
    return y1 + h1 * residual;
}

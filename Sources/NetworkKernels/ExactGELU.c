// The exact (erf) GELU as PyTorch computes it on x86 CPUs, forward and backward, for every
// variant. For a contiguous float tensor of more than one element PyTorch hands `gelu` and
// `gelu_backward` to oneDNN, whose AVX-512 kernels use (forward) a piecewise minimax polynomial
// for erf(x/√2) chosen by the bits of |x|, and (backward) the Abramowitz–Stegun erf with oneDNN's
// own exp polynomial. Each element is computed alone with the same operations in the same order
// in every variant (the compiler vectorises across elements), so all variants give the same bits.
#include "NetworkKernels.h"

#include <stdint.h>
#include <string.h>

// The products below are rounded before they are added, unless written with `fused`.
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

#define INLINE static inline __attribute__((always_inline))

INLINE float fromBits(uint32_t bits) {
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

INLINE uint32_t bitsOf(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

/// `a · b + c` with one rounding, as oneDNN's fused multiply-add: in double the product of two
/// floats is exact, so only the sum rounds (to double, then to float, which differs from a true
/// fused multiply-add only when the double lands exactly halfway between two floats). Exactly the
/// engine's Swift `fused`.
INLINE float fused(float a, float b, float c) { return (float)((double)a * (double)b + (double)c); }

/// Minimax coefficients by degree (0…5), each indexed by the interval (0…24) of |x|, as float bits.
static const union {
    uint32_t bits[6][32];
    float values[6][32];
} minimax = {.bits = {
    {
        0xa6f2cb94, 0x32827792, 0x3381cc0c, 0x34523d4a, 0x351ac44d, 0x35f36d88, 0x36ee8229, 0x37b8a3bb,
        0x3867a213, 0x3940033b, 0x3a2a5a1d, 0x3ae35863, 0x3b7828f2, 0x3c08b14b, 0x3c515ed3, 0xbb503236,
        0xbd8d8e5e, 0xbe8abcd9, 0xbf0c19a2, 0xbeccb328, 0x3e176ced, 0x3f470d99, 0x3f7abb28, 0x3f800000,
        0, 0, 0, 0, 0, 0, 0, 0,
    },
    {
        0x3f4c422a, 0x3f4c421f, 0x3f4c4207, 0x3f4c41cb, 0x3f4c413b, 0x3f4c3fad, 0x3f4c3a2f, 0x3f4c2d40,
        0x3f4c146a, 0x3f4bc341, 0x3f4ad08c, 0x3f48f8cf, 0x3f45fac7, 0x3f404e07, 0x3f3b980f, 0x3f48dff3,
        0x3f78b21b, 0x3fbb0704, 0x40019c32, 0x3fe536d6, 0x3f81331e, 0x3e6c8684, 0x3c98f936, 0,
        0x3f800000, 0, 0, 0, 0, 0, 0, 0,
    },
    {
        0xb62173f4, 0x3735e4cf, 0x37f2ff89, 0x388c23be, 0x3917535c, 0x39ab2ab0, 0x3a60fadb, 0x3af9b960,
        0x3b6e5491, 0x3c0a4ec5, 0x3ca5aa8c, 0x3d2138d9, 0x3d8737d4, 0x3ddfb660, 0x3e0f27ab, 0x3d94004b,
        0xbe0efdeb, 0xbf1d96c3, 0xbf89db58, 0xbf6d9897, 0xbef69fb8, 0xbdc4f8a8, 0xbbde6422, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
    },
    {
        0xbe081a19, 0xbe084570, 0xbe08639b, 0xbe089837, 0xbe08f409, 0xbe09ab95, 0xbe0b66d0, 0xbe0e400a,
        0xbe124df8, 0xbe1bde02, 0xbe2f19c9, 0xbe4931bf, 0xbe685fbc, 0xbe89c95f, 0xbe96cbca, 0xbe8044aa,
        0xbe0550f2, 0x3dcfd6a1, 0x3e94c826, 0x3e79345f, 0x3decec91, 0x3ca46568, 0x3aa1e00a, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
    },
    {
        0xba3d61db, 0x39f097a3, 0x3a5845dc, 0x3ab1fa35, 0x3b0cefb8, 0x3b653ab6, 0x3bcae527, 0x3c221712,
        0x3c6c5840, 0x3cc0a703, 0x3d1dcc19, 0x3d63656d, 0x3d955907, 0x3dbf9910, 0x3dd53f69, 0x3db7dcef,
        0x3d639ebe, 0xba6ede48, 0xbd22be69, 0xbd041cf1, 0xbc64f5ab, 0xbb097a32, 0xb8ebf380, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
    },
    {
        0x3cb7d80c, 0x3c9b6050, 0x3c978d11, 0x3c92e850, 0x3c8d058b, 0x3c848454, 0x3c6cd623, 0x3c4c824b,
        0x3c2a7935, 0x3be0b390, 0x3b0651ac, 0xbb232f53, 0xbbd42fa0, 0xbc2c5366, 0xbc492c9e, 0xbc2a7aa6,
        0xbbd55d04, 0xba823a76, 0x3b102aa8, 0x3ae25a7e, 0x3a31f792, 0x38b84375, 0x3689bb5a, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
    },
}};

/// `x · ½ · (1 + erf(x/√2))`, erf from the minimax table.
INLINE float forward(float value) {
    const float magnitude = fromBits(bitsOf(value) & 0x7fffffffu);
    // The interval comes from the exponent and two mantissa bits of |x| (an integer add and shift).
    int32_t interval = (int32_t)(bitsOf(magnitude) + 0xc21fffffu) >> 21;
    interval = 1 >= interval ? 1 : interval;
    interval = 24 < interval ? 24 : interval;
    // Beyond this |x| the polynomial is replaced by erf = 1 (interval 23).
    if (fromBits(0x40b15cee) < magnitude) interval = 23;
    float erf = minimax.values[5][interval];
    erf = fused(erf, magnitude, minimax.values[4][interval]);
    erf = fused(erf, magnitude, minimax.values[3][interval]);
    erf = fused(erf, magnitude, minimax.values[2][interval]);
    erf = fused(erf, magnitude, minimax.values[1][interval]);
    erf = fused(erf, magnitude, minimax.values[0][interval]);
    if (bitsOf(value) >> 31) erf = -erf;
    return value * (erf + 1.0f) * 0.5f;
}

/// oneDNN's exp: 2ⁿ · p(r) with r = x - n·ln 2 and a degree-5 polynomial, zero below ln(FLT_MIN).
INLINE float oneDNNExp(float value) {
    const float lowest = fromBits(0xc2aeac50), highest = fromBits(0x42b17218);
    // Clamped as Swift's min and max compare (a NaN passes through).
    float x = highest < value ? highest : value;
    x = lowest >= x ? lowest : x;
    // floor(x · log₂e + ½): adding and removing 1.5 · 2²³ rounds to an integer in float arithmetic.
    const float scaled = x * fromBits(0x3fb8aa3b) + 0.5f;
    const float nearest = (scaled + 12582912.0f) - 12582912.0f;
    const float n = nearest > scaled ? nearest - 1.0f : nearest;
    const float r = fused(-n, fromBits(0x3f317218), x);
    float p = fromBits(0x3c07cfce);
    p = fused(p, r, fromBits(0x3d2b9d0d));
    p = fused(p, r, fromBits(0x3e2aad40));
    p = fused(p, r, fromBits(0x3efffee3));
    p = fused(p, r, fromBits(0x3f7ffffb));
    p = fused(p, r, 1.0f);
    // 2^(n-1) · 2, so that n = 128 stays representable. The integer n is read from the bits of
    // n + 1.5 · 2²³, whose low mantissa bits hold it.
    const uint32_t integer = bitsOf(n + 12582912.0f) - 0x4b400000u;
    const float halfPower = value < lowest ? 0.0f : fromBits((integer + 126u) << 23);
    return p * halfPower * 2.0f;
}

/// d GELU / dx times the upstream gradient, as oneDNN's backward kernel computes it.
INLINE float backward(float x, float upstream) {
    const float r = x * fromBits(0x3f3504f3);                    // x / √2
    const float q = oneDNNExp(-(r * r));
    const float t = r * fromBits(0x3f106eba) * q;                 // r / √π · exp(-r²)
    const float w = 1.0f / fused(fromBits(0x3ea7ba05), fromBits(bitsOf(r) & 0x7fffffffu), 1.0f);
    float polynomial = fromBits(0x3f87dc22);
    polynomial = fused(polynomial, w, fromBits(0xbfba00e3));
    polynomial = fused(polynomial, w, fromBits(0x3fb5f0e3));
    polynomial = fused(polynomial, w, fromBits(0xbe91a98e));
    polynomial = fused(polynomial, w, fromBits(0x3e827906));
    float erf = fused(-q * w, polynomial, 1.0f);
    if (bitsOf(r) >> 31) erf = -erf;
    return upstream * fused(erf, 0.5f, t + 0.5f);
}

// Each element is a long chain of dependent operations: interleaving several vectors of
// elements keeps the arithmetic units busy while a chain waits for its last result.
INLINE void forwardLoop(const float *restrict x, float *restrict out, long count) {
#pragma clang loop interleave_count(4)
    for (long i = 0; i < count; i++) out[i] = forward(x[i]);
}

INLINE void backwardLoop(const float *restrict x, const float *restrict upstream, float *restrict out, long count) {
#pragma clang loop interleave_count(4)
    for (long i = 0; i < count; i++) out[i] = backward(x[i], upstream[i]);
}

static void forwardBaseline(const float *x, float *out, long count) { forwardLoop(x, out, count); }
static void backwardBaseline(const float *x, const float *upstream, float *out, long count) {
    backwardLoop(x, upstream, out, count);
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void forwardAVX2(const float *x, float *out, long count) {
    forwardLoop(x, out, count);
}
__attribute__((target("avx2"))) static void backwardAVX2(const float *x, const float *upstream, float *out, long count) {
    backwardLoop(x, upstream, out, count);
}
__attribute__((target("avx512f"))) static void forwardAVX512(const float *x, float *out, long count) {
    forwardLoop(x, out, count);
}
__attribute__((target("avx512f"))) static void backwardAVX512(const float *x, const float *upstream, float *out, long count) {
    backwardLoop(x, upstream, out, count);
}
#endif

void nk_gelu_erf_forward(NKVariant variant, const float *x, float *out, long count) {
    switch (variant) {
#if defined(__x86_64__)
    case NKVariantAVX2: forwardAVX2(x, out, count); return;
    case NKVariantAVX512: forwardAVX512(x, out, count); return;
#endif
    default: forwardBaseline(x, out, count); return;
    }
}

void nk_gelu_erf_backward(NKVariant variant, const float *x, const float *upstream, float *out, long count) {
    switch (variant) {
#if defined(__x86_64__)
    case NKVariantAVX2: backwardAVX2(x, upstream, out, count); return;
    case NKVariantAVX512: backwardAVX512(x, upstream, out, count); return;
#endif
    default: backwardBaseline(x, upstream, out, count); return;
    }
}

// `torch.randn` of 16 or more float32 values as PyTorch 2.13 computes it on x86 CPUs: ATen's
// `normal_fill_16_AVX2` (no AVX-512 version exists, so the AVX2 one runs at capability AVX512 too),
// Box–Muller in float32 on blocks of 16 uniforms with avx_mathfun's `log256_ps` and `sincos256_ps`
// (Cephes polynomials). GCC contracts some of their products and sums into fused multiply-adds;
// every `fma8` below stands where the compiled kernel (libtorch_cpu.so 2.13.0+cpu, disassembled)
// has a `vfmadd`/`vfnmadd`/`vfmsub`, every other operation is rounded alone. The same code runs in
// every variant (with true fused multiply-adds: the hardware's, or glibc's exact `fmaf`), so all
// variants give the same bits.
#include "NetworkKernels.h"
#include "CPUFeatures.h"

#include <stdint.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)
// The 8-wide helpers are always inlined, so no vector crosses a call in the baseline variant.
#pragma clang diagnostic ignored "-Wpsabi"

#define INLINE static inline __attribute__((always_inline))

typedef float F8 __attribute__((ext_vector_type(8)));
typedef int32_t I8 __attribute__((ext_vector_type(8)));
typedef uint32_t U8 __attribute__((ext_vector_type(8)));

INLINE F8 splat(float value) { return (F8)value; }
INLINE F8 bitsF(uint32_t bits) { return (F8)(I8)(int32_t)bits; }
INLINE F8 fma8(F8 a, F8 b, F8 c) { return __builtin_elementwise_fma(a, b, c); }
INLINE I8 asInt(F8 x) { return (I8)x; }
INLINE F8 asFloat(I8 x) { return (F8)x; }
/// `mask ? x : 0` for a lane mask of all ones or all zeros, as `vandps`.
INLINE F8 keep(I8 mask, F8 x) { return asFloat(mask & asInt(x)); }

/// avx_mathfun's `log256_ps` as compiled: split off the exponent, a degree-8 polynomial around 1.
INLINE F8 logarithm(F8 x) {
    I8 invalid = x <= splat(0);
    F8 smallest = bitsF(0x00800000);  // the smallest normal float
    x = asFloat((x > smallest) & asInt(x)) + asFloat(~(x > smallest) & asInt(smallest));  // max
    I8 exponentBits = (I8)((U8)asInt(x) >> 23);  // logical shift, as `vpsrld`
    x = asFloat((asInt(x) & (I8)(int32_t)0x807fffff) | (I8)0x3f000000);  // mantissa in [0.5, 1)
    F8 e = __builtin_convertvector(exponentBits - 127, F8) + splat(1);
    I8 belowRootHalf = x < bitsF(0x3f3504f3);
    F8 shift = keep(belowRootHalf, x);
    e = e - keep(belowRootHalf, splat(1));
    x = x + splat(-1);
    x = x + shift;
    F8 z = x * x;
    F8 y = bitsF(0x3d9021bb);
    y = fma8(y, x, bitsF(0xbdebd1b8));
    y = fma8(y, x, bitsF(0x3def251a));
    y = fma8(y, x, bitsF(0xbdfe5d4f));
    y = fma8(y, x, bitsF(0x3e11e9bf));
    y = fma8(y, x, bitsF(0xbe2aae50));
    y = fma8(y, x, bitsF(0x3e4cceac));
    y = fma8(y, x, bitsF(0xbe7ffffc));
    y = fma8(y, x, bitsF(0x3eaaaaaa));
    y = fma8(x * y, z, e * bitsF(0xb95e8083));  // + e·q1, the product rounded first
    y = fma8(-z, splat(0.5f), y);
    x = x + y;
    F8 result = fma8(e, bitsF(0x3f318000), x);
    return asFloat(asInt(result) | invalid);  // NaN where x ≤ 0
}

/// avx_mathfun's `sincos256_ps` as compiled: reduce by multiples of π/4 in three parts, then the
/// Cephes polynomials, chosen and signed by the octant.
INLINE void sineCosine(F8 theta, F8 *sine, F8 *cosine) {
    F8 x = asFloat(asInt(theta) & (I8)0x7fffffff);
    I8 signSine = asInt(theta) & (I8)(int32_t)0x80000000;
    I8 j = __builtin_convertvector(x * bitsF(0x3fa2f983), I8) + 1;  // truncated x·4/π, plus one
    I8 octant = j & (I8)~1;
    F8 y = __builtin_convertvector(octant, F8);
    signSine = signSine ^ ((j & 4) << 29);
    I8 useSinePolynomial = (j & 2) == 0;
    x = fma8(y, bitsF(0xbf490000), x);
    x = fma8(y, bitsF(0xb97da000), x);
    x = fma8(y, bitsF(0xb3222169), x);
    I8 signCosine = (~(octant - 2) & 4) << 29;
    F8 z = x * x;
    F8 halfZ = z * splat(0.5f);
    F8 c = fma8(bitsF(0x37ccf5ce), z, bitsF(0xbab6061a));
    c = fma8(c, z, bitsF(0x3d2aaaa5));
    c = z * c;
    c = fma8(z, c, -halfZ);
    c = c + splat(1);
    F8 s = fma8(bitsF(0xb94ca1f9), z, bitsF(0x3c08839e));
    s = fma8(s, z, bitsF(0xbe2aaaa3));
    s = z * s;
    s = fma8(s, x, x);
    // The selection is arithmetic in avx_mathfun (masked values subtracted and added), which
    // turns a −0 into +0: kept as it is.
    F8 sinePart = keep(useSinePolynomial, s);
    F8 cosinePart = asFloat(~useSinePolynomial & asInt(c));
    F8 restCosine = c - cosinePart, restSine = s - sinePart;
    *sine = asFloat(asInt(sinePart + cosinePart) ^ signSine);
    *cosine = asFloat(asInt(restSine + restCosine) ^ signCosine);
}

/// One block: `data[j]`, `data[j + 8]` (j < 8) hold uniforms on [0, 1) and become
/// `r·cos θ·std + mean`, `r·sin θ·std + mean` with r = √(−2 log(1 − data[j])), θ = 2π·data[j + 8].
INLINE void block(float *data, float mean, float std) {
    F8 u1, u2;
    __builtin_memcpy(&u1, data, sizeof u1);
    __builtin_memcpy(&u2, data + 8, sizeof u2);
    u1 = splat(1) - u1;
    F8 theta = bitsF(0x40c90fdb) * u2;  // float(2π)
    F8 radius = __builtin_elementwise_sqrt(logarithm(u1) * splat(-2));
    F8 sine, cosine;
    sineCosine(theta, &sine, &cosine);
    F8 first = fma8(radius * cosine, splat(std), splat(mean));
    F8 second = fma8(radius * sine, splat(std), splat(mean));
    __builtin_memcpy(data, &first, sizeof first);
    __builtin_memcpy(data + 8, &second, sizeof second);
}

#define BLOCKS(name, attributes)                                                   \
    attributes static void name(float *data, long blocks, float mean, float std) { \
        for (long b = 0; b < blocks; b++) block(data + 16 * b, mean, std);         \
    }

BLOCKS(portableBlocks, )
#if defined(__x86_64__)
BLOCKS(fusedBlocks, __attribute__((target("avx2,fma"))))
#endif

void nk_normal_fill_blocks(NKVariant variant, float *data, long blocks, float mean, float std) {
#if defined(__x86_64__)
    if (nk_fused_variant(variant) != NKVariantBaseline) {
        fusedBlocks(data, blocks, mean, std);
        return;
    }
#endif
    (void)variant;
    portableBlocks(data, blocks, mean, std);
}

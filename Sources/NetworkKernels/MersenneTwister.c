// PyTorch's CPU generator (mt19937) and its float uniforms, a vector of words at a time. Building
// the chapter's 124M GPT draws 163M uniforms; one word at a time through Swift that took most of
// the build. Every variant gives the same words and floats: the recurrence and the tempering are
// integer operations, and the conversion is one exact product and one fused multiply-add.
#include "NetworkKernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)
#pragma clang diagnostic ignored "-Wpsabi"

#define INLINE static inline __attribute__((always_inline))

enum { N = 624, M = 397 };

/// mt19937's recurrence for one word from its two neighbours' bits and the distant word.
INLINE uint32_t mixWord(uint32_t word, uint32_t following, uint32_t distant) {
    uint32_t y = (word & 0x80000000u) | (following & 0x7fffffffu);
    return distant ^ (y >> 1) ^ ((0u - (following & 1u)) & 0x9908b0dfu);
}

INLINE uint32_t temperWord(uint32_t y) {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

/// `from + unit · range` with one rounding, unit = 24 bits of the word times 2⁻²⁴ (exact): the
/// float `uniform_real_distribution` of PyTorch's CPU kernel.
INLINE float uniformFloat(uint32_t word, float from, float range) {
    float unit = (float)(int32_t)(temperWord(word) & 0xffffffu) * 0x1p-24f;
    return fmaf(unit, range, from);
}

// One variant: `V` is a vector of `W` words, `F` of `W` floats. The twist goes in vectors
// because a word depends only on words at least W positions before it (227 and 397 apart), all
// already updated or still old as the scalar order has them.
#define VARIANT(suffix, V, F, I, W, attributes)                                                      \
    attributes static void twist##suffix(uint32_t *mt) {                                            \
        long i = 0;                                                                                 \
        for (; i + W <= N - M; i += W) {                                                            \
            V word, following, distant;                                                             \
            memcpy(&word, mt + i, sizeof word);                                                     \
            memcpy(&following, mt + i + 1, sizeof following);                                       \
            memcpy(&distant, mt + i + M, sizeof distant);                                           \
            V y = (word & 0x80000000u) | (following & 0x7fffffffu);                                \
            V result = distant ^ (y >> 1) ^ (((V)0u - (following & 1u)) & 0x9908b0dfu);              \
            memcpy(mt + i, &result, sizeof result);                                                 \
        }                                                                                           \
        for (; i < N - M; i++) mt[i] = mixWord(mt[i], mt[i + 1], mt[i + M]);                        \
        for (; i + W <= N - 1; i += W) {                                                            \
            V word, following, distant;                                                             \
            memcpy(&word, mt + i, sizeof word);                                                     \
            memcpy(&following, mt + i + 1, sizeof following);                                       \
            memcpy(&distant, mt + i + M - N, sizeof distant);                                       \
            V y = (word & 0x80000000u) | (following & 0x7fffffffu);                                \
            V result = distant ^ (y >> 1) ^ (((V)0u - (following & 1u)) & 0x9908b0dfu);              \
            memcpy(mt + i, &result, sizeof result);                                                 \
        }                                                                                           \
        for (; i < N - 1; i++) mt[i] = mixWord(mt[i], mt[i + 1], mt[i + M - N]);                    \
        mt[N - 1] = mixWord(mt[N - 1], mt[0], mt[M - 1]);                                           \
    }                                                                                               \
    attributes static void uniforms##suffix(const uint32_t *words, float *out, long count, float from, \
                                            float range) {                                          \
        long i = 0;                                                                                 \
        for (; i + W <= count; i += W) {                                                            \
            V y;                                                                                    \
            memcpy(&y, words + i, sizeof y);                                                        \
            y ^= y >> 11;                                                                           \
            y ^= (y << 7) & 0x9d2c5680u;                                                            \
            y ^= (y << 15) & 0xefc60000u;                                                           \
            y ^= y >> 18;                                                                           \
            F unit = __builtin_convertvector((I)(y & 0xffffffu), F) * 0x1p-24f;                     \
            F value = __builtin_elementwise_fma(unit, (F)range, (F)from);                           \
            memcpy(out + i, &value, sizeof value);                                                  \
        }                                                                                           \
        for (; i < count; i++) out[i] = uniformFloat(words[i], from, range);                        \
    }

typedef uint32_t U4 __attribute__((ext_vector_type(4)));
typedef int32_t I4 __attribute__((ext_vector_type(4)));
typedef float F4 __attribute__((ext_vector_type(4)));
VARIANT(Baseline, U4, F4, I4, 4, )

#if defined(__x86_64__)
typedef uint32_t U8 __attribute__((ext_vector_type(8)));
typedef int32_t I8 __attribute__((ext_vector_type(8)));
typedef float F8 __attribute__((ext_vector_type(8)));
typedef uint32_t U16 __attribute__((ext_vector_type(16)));
typedef int32_t I16 __attribute__((ext_vector_type(16)));
typedef float F16 __attribute__((ext_vector_type(16)));
VARIANT(AVX2, U8, F8, I8, 8, __attribute__((target("avx2,fma"))))
VARIANT(AVX512, U16, F16, I16, 16, __attribute__((target("avx512f"))))

/// The widest of `variant` and what the CPU runs that has fused multiply-adds (the AVX2 variant
/// needs FMA too, which every AVX2 CPU but a few early ones has).
static NKVariant usable(NKVariant variant) {
    __builtin_cpu_init();
    if (variant == NKVariantAVX512 && __builtin_cpu_supports("avx512f")) return NKVariantAVX512;
    if (variant >= NKVariantAVX2 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return NKVariantAVX2;
    return NKVariantBaseline;
}
#endif

void nk_mt_twist(NKVariant variant, uint32_t *state) {
#if defined(__x86_64__)
    switch (usable(variant)) {
    case NKVariantAVX512: twistAVX512(state); return;
    case NKVariantAVX2: twistAVX2(state); return;
    default: break;
    }
#endif
    (void)variant;
    twistBaseline(state);
}

void nk_mt_uniform_floats(NKVariant variant, uint32_t *state, long *position, float *out, long count, float from,
                          float range) {
#if defined(__x86_64__)
    NKVariant chosen = usable(variant);
#else
    NKVariant chosen = NKVariantBaseline;
#endif
    long done = 0;
    while (done < count) {
        if (*position >= N) {
            nk_mt_twist(chosen, state);
            *position = 0;
        }
        long run = N - *position < count - done ? N - *position : count - done;
        const uint32_t *words = state + *position;
        switch (chosen) {
#if defined(__x86_64__)
        case NKVariantAVX512: uniformsAVX512(words, out + done, run, from, range); break;
        case NKVariantAVX2: uniformsAVX2(words, out + done, run, from, range); break;
#endif
        default: uniformsBaseline(words, out + done, run, from, range); break;
        }
        *position += run;
        done += run;
    }
}

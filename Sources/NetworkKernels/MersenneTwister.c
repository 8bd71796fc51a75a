// PyTorch's CPU generator (mt19937) and its float uniforms, a vector of words at a time. Building
// the chapter's 124M GPT draws 163M uniforms; one word at a time through Swift that took most of
// the build. Every variant gives the same words and floats: the recurrence and the tempering are
// integer operations, and the conversion is one exact product and one fused multiply-add.
#include "NetworkKernels.h"
#include "CPUFeatures.h"

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
#endif

void nk_mt_twist(NKVariant variant, uint32_t *state) {
    switch (nk_fused_variant(variant)) {
#if defined(__x86_64__)
    case NKVariantAVX512: twistAVX512(state); return;
    case NKVariantAVX2: twistAVX2(state); return;
#endif
    default: twistBaseline(state); return;
    }
}

/// A new generation of words when the last is used up.
INLINE void twistIfDue(NKVariant chosen, uint32_t *state, long *position) {
    if (*position >= N) {
        nk_mt_twist(chosen, state);
        *position = 0;
    }
}

void nk_mt_uniform_floats(NKVariant variant, uint32_t *state, long *position, float *out, long count, float from,
                          float range) {
    NKVariant chosen = nk_fused_variant(variant);
    long done = 0;
    while (done < count) {
        twistIfDue(chosen, state, position);
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

/// `keep` as an integer bound on 53-bit draws m: m·2⁻⁵³ < keep (doubles, both exact) exactly when
/// m < ⌈keep·2⁵³⌉ (the scaling is exact).
static uint64_t bernoulliBound(double keep) {
    if (!(keep > 0)) return 0;
    if (keep >= 1) return (uint64_t)1 << 53;
    return (uint64_t)ceil(keep * 0x1p53);
}

/// One element from two tempered words, the first the high half of `random64()`.
INLINE float bernoulliFloat(uint32_t high, uint32_t low, uint64_t bound, float scale) {
    uint64_t draw = ((uint64_t)(temperWord(high) & 0x1fffffu) << 32) | temperWord(low);
    return draw < bound ? scale : 0.0f;
}

void nk_mt_bernoulli_floats(NKVariant variant, uint32_t *state, long *position, float *out, long count, double keep,
                            float scale) {
    NKVariant chosen = nk_fused_variant(variant);
    uint64_t bound = bernoulliBound(keep);
    long done = 0;
    while (done < count) {
        twistIfDue(chosen, state, position);
        long pairs = (N - *position) / 2;
        if (pairs == 0) {
            // The last word of this generation is the high half; the low one is the next's first.
            uint32_t high = state[N - 1];
            nk_mt_twist(chosen, state);
            out[done++] = bernoulliFloat(high, state[0], bound, scale);
            *position = 1;
            continue;
        }
        if (pairs > count - done) pairs = count - done;
        const uint32_t *words = state + *position;
        float *run = out + done;
        for (long i = 0; i < pairs; i++) run[i] = bernoulliFloat(words[2 * i], words[2 * i + 1], bound, scale);
        *position += 2 * pairs;
        done += pairs;
    }
}

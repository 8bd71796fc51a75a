// Adam's and SGD's per-element updates. PyTorch's AVX2 and AVX-512 builds fuse some of their
// multiply-adds and its DEFAULT build fuses none (docs/pytorch-numerics.md), so `fusing` says
// which to follow. A fused multiply-add is one instruction where the CPU has FMA (these loops
// are compiled for it) and glibc's exact `fmaf` elsewhere: the same bits either way. In Swift,
// `addingProduct` in the baseline x86-64 build was a call to `fmaf` per multiply-add.
// Each loop reads the step's constants from a local copy and its arrays through `restrict`
// pointers (Adam.swift and SGD.swift pass separate arrays), so a store to p, m or v does not make
// the compiler read the constants again.
#include "NetworkKernels.h"
#include "CPUFeatures.h"

#include <math.h>

// The products below are rounded before they are added, unless written with FMA.
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

#define INLINE static inline __attribute__((always_inline))

INLINE float fused(float a, float b, float c) { return __builtin_fmaf(a, b, c); }
INLINE float unfused(float a, float b, float c) { return c + a * b; }

/// One Adam update of `count` elements, each alone, in the engine's Swift order (Adam.swift).
#define ADAM_LOOP(FMA)                                                                           \
    for (long i = 0; i < count; i++) {                                                           \
        float d = g[i];                                                                          \
        if (s.decay == NKAdamDecayDecoupled) p[i] = p[i] * s.shrink;                             \
        else if (s.decay == NKAdamDecayCoupled) d = FMA(p[i], s.decayRate, d);                   \
        /* lerp(m, d, w): fma(w, d − m, m) for |w| < 0.5, else fma(w − 1, d − m, d). */          \
        float w = s.weight, difference = d - m[i];                                               \
        m[i] = __builtin_fabsf(w) < 0.5f ? FMA(w, difference, m[i]) : FMA(w - 1, difference, d); \
        v[i] = FMA(s.rest * d, d, v[i] * s.beta2);                                               \
        float second = v[i];                                                                     \
        if (s.amsgrad) {                                                                         \
            vMax[i] = v[i] >= vMax[i] ? v[i] : vMax[i]; /* Swift.max: the first on NaN */        \
            second = vMax[i];                                                                    \
        }                                                                                        \
        float denominator = nk_sqrt(second) / s.correction + s.eps;                              \
        p[i] = p[i] + (s.stepSize * m[i]) / denominator;                                         \
    }

#define ADAM(name, FMA, attributes)                                                            \
    attributes static void name(float *restrict p, const float *restrict g, float *restrict m, \
                                float *restrict v, float *restrict vMax, long count,           \
                                const NKAdamStep *step) {                                      \
        const NKAdamStep s = *step;                                                            \
        ADAM_LOOP(FMA)                                                                         \
    }

/// One SGD update (SGD.swift's order); `buffer` is the momentum buffer (NULL without momentum).
#define SGD_LOOP(FMA)                                                       \
    for (long i = 0; i < count; i++) {                                      \
        float d = s.decayRate != 0 ? FMA(p[i], s.decayRate, g[i]) : g[i];   \
        if (buffer) {                                                       \
            float b = s.first ? d : FMA(d, s.keep, buffer[i] * s.momentum); \
            buffer[i] = b;                                                  \
            d = s.nesterov ? FMA(b, s.momentum, d) : b;                     \
        }                                                                   \
        p[i] = FMA(d, s.rate, p[i]);                                        \
    }

#define SGD(name, FMA, attributes)                                                                              \
    attributes static void name(float *restrict p, const float *restrict g, float *restrict buffer, long count, \
                                const NKSGDStep *step) {                                                        \
        const NKSGDStep s = *step;                                                                              \
        SGD_LOOP(FMA)                                                                                           \
    }

ADAM(adamUnfused, unfused, )
ADAM(adamFusedPortable, fused, )
SGD(sgdUnfused, unfused, )
SGD(sgdFusedPortable, fused, )
#if defined(__x86_64__)
ADAM(adamFusedAVX2, fused, __attribute__((target("avx2,fma"))))
ADAM(adamFusedAVX512, fused, __attribute__((target("avx512f,fma"))))
SGD(sgdFusedAVX2, fused, __attribute__((target("avx2,fma"))))
SGD(sgdFusedAVX512, fused, __attribute__((target("avx512f,fma"))))
#endif

void nk_adam_update(NKVariant variant, int fusing, float *p, const float *g, float *m, float *v, float *vMax,
                    long count, const NKAdamStep *step) {
    if (!fusing) { adamUnfused(p, g, m, v, vMax, count, step); return; }
    switch (nk_fused_variant(variant)) {
#if defined(__x86_64__)
    case NKVariantAVX512: adamFusedAVX512(p, g, m, v, vMax, count, step); return;
    case NKVariantAVX2: adamFusedAVX2(p, g, m, v, vMax, count, step); return;
#endif
    default: adamFusedPortable(p, g, m, v, vMax, count, step); return;
    }
}

void nk_sgd_update(NKVariant variant, int fusing, float *p, const float *g, float *buffer, long count,
                   const NKSGDStep *step) {
    if (!fusing) { sgdUnfused(p, g, buffer, count, step); return; }
    switch (nk_fused_variant(variant)) {
#if defined(__x86_64__)
    case NKVariantAVX512: sgdFusedAVX512(p, g, buffer, count, step); return;
    case NKVariantAVX2: sgdFusedAVX2(p, g, buffer, count, step); return;
#endif
    default: sgdFusedPortable(p, g, buffer, count, step); return;
    }
}

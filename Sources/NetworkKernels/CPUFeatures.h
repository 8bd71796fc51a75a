// What this CPU runs, for the kernels' own choices (not part of the module's interface).
#ifndef NK_CPU_FEATURES_H
#define NK_CPU_FEATURES_H

#include "NetworkKernels.h"

enum {
    NKFeatureAVX2 = 1,
    NKFeatureFMA = 2,
    NKFeatureAVX512F = 4,
};

/// The `NKFeature` bits of this CPU (0 off x86-64), looked up on the first call only.
int nk_cpu_features(void);

/// The widest of `variant` and what this CPU runs with fused multiply-adds: AVX-512 when asked
/// for and the CPU has AVX-512F, else AVX2 when asked for at least that, else the baseline. Every
/// variant but the baseline needs AVX2 and FMA (every AVX2 CPU but a few early ones has FMA).
/// The one place the random-number and optimizer kernels decide which of their variants to run.
NKVariant nk_fused_variant(NKVariant variant);

#endif

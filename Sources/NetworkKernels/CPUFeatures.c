// The CPU's instruction sets, looked up once and kept (the kernels ask on every call, some of
// them calls of a few hundred values); no gain from this over cpuid per call was measured.
#include "CPUFeatures.h"

int nk_cpu_features(void) {
    // -1: not yet looked up. Racing threads compute the same answer, so relaxed accesses will do.
    static int features = -1;
    int found = __atomic_load_n(&features, __ATOMIC_RELAXED);
    if (found < 0) {
        found = 0;
#if defined(__x86_64__)
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx2")) found |= NKFeatureAVX2;
        if (__builtin_cpu_supports("fma")) found |= NKFeatureFMA;
        if (__builtin_cpu_supports("avx512f")) found |= NKFeatureAVX512F;
#endif
        __atomic_store_n(&features, found, __ATOMIC_RELAXED);
    }
    return found;
}

NKVariant nk_fused_variant(NKVariant variant) {
    int features = nk_cpu_features(), fused = NKFeatureAVX2 | NKFeatureFMA;
    if (variant == NKVariantBaseline || (features & fused) != fused) return NKVariantBaseline;
    if (variant == NKVariantAVX512 && (features & NKFeatureAVX512F)) return NKVariantAVX512;
    return NKVariantAVX2;
}

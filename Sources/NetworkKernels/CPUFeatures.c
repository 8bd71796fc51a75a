// The CPU's instruction sets, looked up once: the random-number kernels run per call of a few
// hundred values (a twist every 624 words), where asking cpuid each time was a cost of its own.
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

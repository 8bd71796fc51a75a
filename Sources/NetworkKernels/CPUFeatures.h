// What this CPU runs, for the kernels' own choices (not part of the module's interface).
#ifndef NK_CPU_FEATURES_H
#define NK_CPU_FEATURES_H

enum {
    NKFeatureAVX2 = 1,
    NKFeatureFMA = 2,
    NKFeatureAVX512F = 4,
};

/// The `NKFeature` bits of this CPU (0 off x86-64), looked up on the first call only.
int nk_cpu_features(void);

#endif

// Redoes randn(N) from randn_probe.py's uniforms and counts values whose bits differ from torch's:
// `avx2` with NetworkKernels' nk_normal_fill_blocks (ATen's normal_fill_16_AVX2, which also runs at
// AVX512), `portable` the same kernel without hardware FMA, `default` ATen's scalar normal_fill_16
// as compiled for DEFAULT (glibc logf and sincosf, θ = float(double(u2)·2π), fmaf(std, r·cos, mean)).
//   clang -O2 -ffp-contract=off -I ../../Sources/NetworkKernels/include randn_check.c \
//         ../../Sources/NetworkKernels/NormalFill.c -lm -o randn_check
//   ./randn_check N PREFIX avx2|portable|default
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "NetworkKernels.h"

int nk_variant_supported(NKVariant variant) { return variant != NKVariantAVX512; }

static void defaultBlock(float *data) {
    for (int j = 0; j < 8; j++) {
        float radius = sqrtf(logf(1 - data[j]) * -2.0f);
        float theta = (float)((double)data[j + 8] * 6.283185307179586), sine, cosine;
        sincosf(theta, &sine, &cosine);
        data[j] = fmaf(1.0f, radius * cosine, 0.0f);
        data[j + 8] = fmaf(1.0f, radius * sine, 0.0f);
    }
}

static void transform(const char *path, float *data, long blocks) {
    if (strcmp(path, "default") == 0) {
        for (long b = 0; b < blocks; b++) defaultBlock(data + 16 * b);
    } else {
        nk_normal_fill_blocks(strcmp(path, "avx2") == 0 ? NKVariantAVX2 : NKVariantBaseline, data, blocks, 0, 1);
    }
}

static float *load(const char *prefix, const char *suffix, long count) {
    char name[4096];
    snprintf(name, sizeof name, "%s%s", prefix, suffix);
    FILE *file = fopen(name, "rb");
    float *values = malloc(count * sizeof *values);
    if (!file || fread(values, sizeof *values, count, file) != (size_t)count) {
        fprintf(stderr, "cannot read %ld floats from %s\n", count, name);
        exit(1);
    }
    fclose(file);
    return values;
}

int main(int argc, char **argv) {
    if (argc != 4) return fprintf(stderr, "usage: randn_check N PREFIX avx2|portable|default\n"), 2;
    long n = atol(argv[1]);
    float *data = load(argv[2], ".u", n + 16), *expected = load(argv[2], ".n", n);
    transform(argv[3], data, n / 16);
    if (n % 16) {
        memcpy(data + n - 16, data + n, 16 * sizeof *data);
        transform(argv[3], data + n - 16, 1);
    }
    long differ = 0;
    for (long i = 0; i < n; i++) differ += memcmp(data + i, expected + i, sizeof *data) != 0;
    printf("%s: %ld of %ld values differ\n", argv[3], differ, n);
    return 0;
}

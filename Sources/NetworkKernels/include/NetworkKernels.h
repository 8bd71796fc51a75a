// Matrix-product kernels for NetworkEngine, compiled for several x86 instruction sets and picked
// once at run time from what the CPU supports (as PyTorch's DispatchStub picks a CPU capability).
// Every variant computes each output element in the same order, so all of them give the same bits.
#ifndef NETWORK_KERNELS_H
#define NETWORK_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The instruction sets a kernel is compiled for, from the most portable to the widest.
typedef enum {
    /// 128-bit vectors: SSE2 on x86-64 (every x86-64 CPU), NEON on ARM.
    NKVariantBaseline = 0,
    /// 256-bit AVX2 registers.
    NKVariantAVX2 = 1,
    /// 512-bit AVX-512F registers.
    NKVariantAVX512 = 2,
} NKVariant;

/// Whether this CPU (and its operating system) runs `variant`.
int nk_variant_supported(NKVariant variant);

/// The widest variant this CPU runs (its features are looked up once).
NKVariant nk_best_variant(void);

/// The number of output columns one register tile of `variant` covers: splitting a product's
/// columns at multiples of it keeps every tile whole.
long nk_tile_columns(NKVariant variant);

/// `c[i·ldc + j] = Σₚ a[i·aRowStride + p·aColumnStride] · b[p·ldb + j]` for i < m, j < n, with
/// `variant` (which must be supported). Each element is `((0 + a₀b₀) + a₁b₁) + …`: every product
/// rounded, then added in increasing p, with no fused multiply-add, whatever the variant, tiling
/// or size.
void nk_multiply(NKVariant variant,
                 const float *a, long aRowStride, long aColumnStride,
                 const float *b, long ldb,
                 float *c, long ldc,
                 long m, long k, long n);

/// PyTorch 2.13's `F.linear` (`addmm(bias, x, wᵀ)`) on MKL 2024.2 with one thread, bit for bit:
/// `c[i·ldc + j] = bias[j] + Σₚ x[i·ldx + p] · w[j·ldw + p]` (no bias when `bias` is NULL) for
/// i < m and j0 <= j < j1, in the order MKL's sgemm takes for the whole m × n product (its path
/// is chosen from m and n; docs/pytorch-numerics.md §3). `xOffset` is x's offset in floats from a
/// 16-byte boundary in PyTorch (0 for a fresh tensor): the small path peels to it.
void nk_linear(NKVariant variant, const float *x, long ldx, long xOffset, const float *w, long ldw, const float *bias,
               float *c, long ldc, long m, long k, long n, long j0, long j1);

/// `c[i·ldc + j] = Σₚ a[i·ars + p·acs] · b[p·ldb + j]` for i < m, j0 <= j < j1, as MKL's sgemm
/// sums `mm` with a row-major right operand: with m >= 4 and n >= 12 blocks of fused chains
/// (`nk_linear`'s GEMM order), else each product rounded and added in increasing p from 0, except
/// the outputs before a row's first 16-byte boundary (when 4 or more columns follow it), which
/// take two chains of four per eight products. `cOffset` is c's offset in floats from a 16-byte
/// boundary in PyTorch (0 for a fresh tensor; a batch's offset in `bmm`).
void nk_matmul(NKVariant variant, const float *a, long ars, long acs, const float *b, long ldb, float *c, long ldc,
               long cOffset, long m, long k, long n, long j0, long j1);

/// The exact (erf) GELU as oneDNN computes it for PyTorch: `out[i] = x[i] · ½ · (1 + erf(x[i]/√2))`
/// for i < count, with oneDNN's piecewise minimax polynomial for erf. Same bits in every variant.
void nk_gelu_erf_forward(NKVariant variant, const float *x, float *out, long count);

/// oneDNN's GELU backward: `out[i] = upstream[i] · GELU′(x[i])`, with the Abramowitz–Stegun erf and
/// oneDNN's exp. Same bits in every variant.
void nk_gelu_erf_backward(NKVariant variant, const float *x, const float *upstream, float *out, long count);

/// Intel's `rsqrtss` estimates for [0.5, 1) (row 0) and [1, 2) (row 1), by the mantissa's top 11
/// bits (RsqrtEstimateTable.c).
extern const uint32_t nk_rsqrt_estimates[2][2048];

/// `torch.sqrt` of one float as the reference values have it. PyTorch hands float tensors to MKL's
/// `vsSqrt`, whose SSE4.2 path does not round correctly: it refines Intel's `rsqrtss` estimate r of
/// 1/√x by one Goldschmidt step, every operation rounded alone:
///     y₀ = x·r, h₀ = r/2, d = ½ − y₀h₀, y₁ = y₀ + y₀d, h₁ = h₀ + h₀d, √x ≈ y₁ + h₁(x − y₁²),
/// one ulp off for about one input in six. (MKL's AVX2 and AVX-512 paths round correctly.) Zero,
/// subnormals and the largest floats (from 0x7f7ff000 up) take a path in MKL that rounds
/// correctly, as `sqrtf` does here. Compared with MKL for every non-negative float: the same bits.
/// The estimate comes from Intel's table scaled by the exponent (exact, as the instruction's own
/// results are), so every CPU gives the same bits. Inline, so that a caller's loop (Adam's step,
/// `sqrt`) makes no call per element.
static inline float nk_sqrt(float x) {
#pragma clang fp contract(off)
    uint32_t bits;
    __builtin_memcpy(&bits, &x, sizeof bits);
    // Zero, subnormals, the largest floats, infinity, NaN and negative numbers.
    if (bits < 0x00800000u || bits >= 0x7f7ff000u) return __builtin_sqrtf(x);
    uint32_t exponent = bits >> 23, parity = exponent & 1;
    int32_t halfSteps = ((int32_t)exponent - 126 - (int32_t)parity) / 2;
    uint32_t estimate = nk_rsqrt_estimates[parity][(bits >> 12) & 0x7ff] - ((uint32_t)halfSteps << 23);
    float r;
    __builtin_memcpy(&r, &estimate, sizeof r);
    float y0 = x * r, h0 = 0.5f * r;
    float d = 0.5f - y0 * h0;
    float y1 = y0 + y0 * d, h1 = h0 + h0 * d;
    float residual = x - y1 * y1;
    return y1 + h1 * residual;
}

/// PyTorch's `normal_fill_16_AVX2` on `blocks` consecutive blocks of 16 floats from `data`: each
/// block's 16 uniforms on [0, 1) become 16 normal samples (Box–Muller in float32 with avx_mathfun's
/// log and sincos, fused where PyTorch's compiled kernel fuses), times `std` plus `mean` (fused).
/// Same bits in every variant.
void nk_normal_fill_blocks(NKVariant variant, float *data, long blocks, float mean, float std);

/// mt19937's twist of its 624 state words (`state[i]` becomes the next generation's word i), in
/// vectors of `variant`'s width. Same words in every variant.
void nk_mt_twist(NKVariant variant, uint32_t *state);

/// `count` float uniforms from mt19937's state (`*position` is the next word's index, 624 when a
/// twist is due; both advance): `out[i] = from + (word & 0xFFFFFF) · 2⁻²⁴ · range`, the word
/// tempered, the product exact and the sum fused (PyTorch's float `uniform_`; `from` 0 and
/// `range` 1 give the [0, 1) uniforms `normal_fill` starts from). Same bits in every variant.
void nk_mt_uniform_floats(NKVariant variant, uint32_t *state, long *position, float *out, long count, float from,
                          float range);

/// `count` Bernoulli draws as float masks from mt19937's state (`*position` as for
/// `nk_mt_uniform_floats`): each element takes `random64()` (two tempered words, the first the
/// high half) and is `scale` when its 53-bit uniform `(r & (2⁵³ − 1))·2⁻⁵³` is below `keep`, else
/// 0: PyTorch's CPU `bernoulli_(p)` with a scalar p, as dropout's noise draws it.
void nk_mt_bernoulli_floats(NKVariant variant, uint32_t *state, long *position, float *out, long count, double keep,
                            float scale);

/// How Adam's step applies weight decay.
typedef enum { NKAdamDecayNone = 0, NKAdamDecayCoupled = 1, NKAdamDecayDecoupled = 2 } NKAdamDecay;

/// One Adam step's float32 constants (NetworkEngine's Adam.swift works them out).
typedef struct {
    float weight, beta2, rest, eps, correction, stepSize, shrink, decayRate;
    NKAdamDecay decay;
    int amsgrad;
} NKAdamStep;

/// Adam's update of `count` parameters `p` from gradients `g`, with moments `m`, `v` (and `vMax`
/// with amsgrad), each element alone, the multiply-adds fused when `fusing`, the square root
/// `nk_sqrt`. Same bits in every variant. The arrays must not overlap (they are `restrict` inside).
void nk_adam_update(NKVariant variant, int fusing, float *p, const float *g, float *m, float *v, float *vMax,
                    long count, const NKAdamStep *step);

/// One SGD step's float32 constants (SGD.swift); `first`: the momentum buffer starts as the step.
typedef struct {
    float decayRate, momentum, keep, rate;
    int first, nesterov;
} NKSGDStep;

/// SGD's update of `count` parameters; `buffer` is the momentum buffer, NULL without momentum.
/// Same bits in every variant. The arrays must not overlap (they are `restrict` inside).
void nk_sgd_update(NKVariant variant, int fusing, float *p, const float *g, float *buffer, long count,
                   const NKSGDStep *step);

/// Maps the pages of `bytes` bytes from `address` (a block about to be written whole) in one
/// call instead of a fault per page (Linux's `MADV_POPULATE_WRITE`). A hint: does nothing where
/// unsupported or for blocks under 1 MiB.
void nk_prefault(void *address, long bytes);

/// Keeps large freed blocks in the process for reuse instead of returning them to the system
/// (glibc only; elsewhere nothing). Process-wide: the application decides; later calls do nothing.
void nk_keep_freed_memory(void);

/// For a process that runs page after page (`lectern __run-cells`): every block, however large,
/// comes from the heap, and up to 1 GiB of freed heap stays mapped, so the next page's model
/// reuses the pages the last one faulted in. glibc only; elsewhere nothing.
void nk_keep_freed_memory_between_pages(void);

/// The calling thread's last autograd sequence number (see `nk_next_sequence`).
extern _Thread_local long nk_last_sequence;

/// A sequence number later than `after` and than every one this thread gave before: the creation
/// order of NetworkEngine's recorded operations. Here rather than in Swift because a C
/// thread-local is a plain memory access, where Swift reaches per-thread state through
/// `pthread_getspecific`, a call per recorded operation.
static inline long nk_next_sequence(long after) {
    long next = (nk_last_sequence > after ? nk_last_sequence : after) + 1;
    nk_last_sequence = next;
    return next;
}

/// Whether operations on this thread record themselves for autograd: 0 inside NetworkEngine's
/// `noGrad` (PyTorch's `torch.no_grad()`), else 1. A C thread-local for the same reason as
/// `nk_last_sequence`: every recorded operation reads it.
extern _Thread_local int nk_grad_disabled;

static inline int nk_grad_enabled(void) { return nk_grad_disabled == 0; }

/// Sets whether operations record themselves on this thread; returns the previous setting.
static inline int nk_set_grad_enabled(int enabled) {
    int previous = nk_grad_disabled == 0;
    nk_grad_disabled = !enabled;
    return previous;
}

#ifdef __cplusplus
}
#endif

#endif

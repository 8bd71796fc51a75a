// Matrix products in the order MKL 2024.2's sgemm sums them for PyTorch 2.13 on this AMD CPU with
// one thread (docs/pytorch-numerics.md §3; numpy models in scripts/numerics/mm_model.py). Three
// paths, chosen from the whole product's m and n as MKL chooses them:
// - GEMM (m >= 4 and n >= 12): C starts at the bias (or 0); k runs in blocks of 192 (see
//   `kBlocks`); each block is a fused multiply-add chain from 0 in increasing k, added onto C.
// - small (the rest with m, n >= 2): a 4-lane dot (8 lanes for the last n % 4 columns), no fusing.
// - gemv (m == 1 or n == 1): another 4/8-lane dot, no fusing.
// Vectors run across output rows or columns, never across one chain, so a split of the columns
// between threads or any tiling gives the same bits.
#include "NetworkKernels.h"

#include <stdlib.h>
#include <string.h>

// Products and sums round separately unless a fused multiply-add is written out.
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

enum { kBlock = 192 };

/// MKL's k-blocks: [0,k) up to 192; up to 384 two halves of the even part (an odd last k alone);
/// beyond, blocks of 192 and the remainder. Writes pairs (start, end); returns their number.
static long kBlocks(long k, long *blocks) {
    long count = 0;
    if (k <= kBlock) {
        blocks[0] = 0; blocks[1] = k;
        return 1;
    }
    if (k <= 2 * kBlock) {
        const long even = k - k % 2, half = even / 2;
        blocks[0] = 0; blocks[1] = half; blocks[2] = half; blocks[3] = even;
        count = 2;
        if (k % 2) { blocks[4] = even; blocks[5] = k; count = 3; }
        return count;
    }
    for (long s = 0; s < k; s += kBlock) {
        blocks[2 * count] = s;
        blocks[2 * count + 1] = s + kBlock < k ? s + kBlock : k;
        count++;
    }
    return count;
}

static long *allocateBlocks(long k) {
    long *blocks = malloc(sizeof(long) * (size_t)(2 * (k / kBlock + 3)));
    if (blocks == NULL) abort();
    return blocks;
}

// MARK: GEMM with the right operand stored transposed (F.linear: w is [n][k]), vectors across rows.

/// One k of a tile: the packed rows' values times each column's weight, into its chain.
#define GEMM_ROWS_STEP(P)                                                                       \
    {                                                                                           \
        V x;                                                                                    \
        memcpy(&x, packed + (P) * (long)sizeof(V) / (long)sizeof(float), sizeof(V));           \
        a0 = __builtin_elementwise_fma(x, (V)w0[P], a0);                                        \
        a1 = __builtin_elementwise_fma(x, (V)w1[P], a1);                                        \
        a2 = __builtin_elementwise_fma(x, (V)w2[P], a2);                                        \
        a3 = __builtin_elementwise_fma(x, (V)w3[P], a3);                                        \
        a4 = __builtin_elementwise_fma(x, (V)w4[P], a4);                                        \
        a5 = __builtin_elementwise_fma(x, (V)w5[P], a5);                                        \
        a6 = __builtin_elementwise_fma(x, (V)w6[P], a6);                                        \
        a7 = __builtin_elementwise_fma(x, (V)w7[P], a7);                                        \
    }

/// One tile of 8 output columns (rows of w, `w[c]` for c < 8) by ROWS rows packed as
/// `packed[p·ROWS + r]`: `tile[c·ROWS + r]` holds C's starting values and receives the result.
/// The rows `next` (the next tile's) are fetched into the cache alongside: a tile reads eight
/// short rows, too short for the hardware prefetcher to follow on its own.
#define GEMM_ROWS_KERNEL(NAME, TARGET, ROWS)                                                    \
    TARGET static void NAME(const float *restrict packed, const float *const *w, const float *const *next, \
                            const long *blocks, long blockCount, float *restrict tile) {      \
        typedef float V __attribute__((ext_vector_type(ROWS)));                               \
        V c[8];                                                                               \
        for (int j = 0; j < 8; j++) memcpy(&c[j], tile + j * (ROWS), sizeof(V));               \
        const float *w0 = w[0], *w1 = w[1], *w2 = w[2], *w3 = w[3];                           \
        const float *w4 = w[4], *w5 = w[5], *w6 = w[6], *w7 = w[7];                           \
        for (long b = 0; b < blockCount; b++) {                                               \
            V a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;                   \
            const long end = blocks[2 * b + 1];                                               \
            long p = blocks[2 * b];                                                           \
            /* A cache line of each row at a time, fetching the next tile's line alongside. */ \
            for (; p + 16 <= end; p += 16) {                                                  \
                for (int j = 0; j < 8; j++) __builtin_prefetch(next[j] + p);                  \
                for (int q = 0; q < 16; q++) GEMM_ROWS_STEP(p + q)                            \
            }                                                                                 \
            for (; p < end; p++) GEMM_ROWS_STEP(p)                                            \
            c[0] = c[0] + a0; c[1] = c[1] + a1; c[2] = c[2] + a2; c[3] = c[3] + a3;           \
            c[4] = c[4] + a4; c[5] = c[5] + a5; c[6] = c[6] + a6; c[7] = c[7] + a7;           \
        }                                                                                     \
        for (int j = 0; j < 8; j++) memcpy(tile + j * (ROWS), &c[j], sizeof(V));               \
    }

typedef void (*RowsKernel)(const float *restrict, const float *const *, const float *const *, const long *, long,
                           float *restrict);

GEMM_ROWS_KERNEL(rowsBaseline4, , 4)
#if defined(__x86_64__)
GEMM_ROWS_KERNEL(rowsAVX2x8, __attribute__((target("avx2,fma"))), 8)
GEMM_ROWS_KERNEL(rowsAVX512x16, __attribute__((target("avx512f"))), 16)
#endif

static RowsKernel rowsKernel(NKVariant variant, long m, long *rows) {
#if defined(__x86_64__)
    if (variant == NKVariantAVX512 && m > 8) { *rows = 16; return rowsAVX512x16; }
    if (variant != NKVariantBaseline) { *rows = 8; return rowsAVX2x8; }
#endif
    (void)variant; (void)m;
    *rows = 4;
    return rowsBaseline4;
}

static void gemmTransposed(NKVariant variant, const float *x, long ldx, const float *w, long ldw, const float *bias,
                           float *c, long ldc, long m, long k, long j0, long j1) {
    long R;
    const RowsKernel kernel = rowsKernel(variant, m, &R);
    long *blocks = allocateBlocks(k);
    const long blockCount = kBlocks(k, blocks);
    // Rows in chunks whose packed copy stays in the cache while every column tile reads it.
    long groupsPerChunk = (1L << 16) / (k * R + 1);
    if (groupsPerChunk < 1) groupsPerChunk = 1;
    const long chunkRows = groupsPerChunk * R;
    float *packed = malloc(sizeof(float) * (size_t)((k > 0 ? k : 1) * chunkRows));
    float *zeros = calloc((size_t)(k > 0 ? k : 1), sizeof(float));
    if (packed == NULL || zeros == NULL) abort();
    float tile[8 * 16];
    for (long i0 = 0; i0 < m; i0 += chunkRows) {
        const long rows = m - i0 < chunkRows ? m - i0 : chunkRows;
        const long groups = (rows + R - 1) / R;
        for (long g = 0; g < groups; g++) {
            float *dst = packed + g * R * k;
            for (long p = 0; p < k; p++) {
                for (long r = 0; r < R; r++) {
                    const long i = i0 + g * R + r;
                    dst[p * R + r] = i < i0 + rows ? x[i * ldx + p] : 0;
                }
            }
        }
        for (long jt = j0; jt < j1; jt += 8) {
            const long columns = j1 - jt < 8 ? j1 - jt : 8;
            const float *rowsOfW[8], *nextRows[8];
            for (long j = 0; j < 8; j++) {
                rowsOfW[j] = j < columns ? w + (jt + j) * ldw : zeros;
                nextRows[j] = jt + 8 + j < j1 ? w + (jt + 8 + j) * ldw : rowsOfW[j];
            }
            for (long g = 0; g < groups; g++) {
                for (long j = 0; j < 8; j++) {
                    const float start = bias != NULL && j < columns ? bias[jt + j] : 0;
                    for (long r = 0; r < R; r++) tile[j * R + r] = start;
                }
                kernel(packed + g * R * k, rowsOfW, nextRows, blocks, blockCount, tile);
                const long groupRows = rows - g * R < R ? rows - g * R : R;
                for (long r = 0; r < groupRows; r++) {
                    float *out = c + (i0 + g * R + r) * ldc + jt;
                    for (long j = 0; j < columns; j++) out[j] = tile[j * R + r];
                }
            }
        }
    }
    free(packed);
    free(zeros);
    free(blocks);
}

// MARK: GEMM with the right operand row-major (mm: b is [k][n]), vectors across columns.

/// Four rows of `a` (`a[r·ars + p·acs]`) by VECTORS·LANES columns of `b` (`b[p·ldb + j]`): `c` (rows
/// of stride `ldc`) holds C's starting values and receives the result.
#define GEMM_COLUMNS_KERNEL(NAME, TARGET, LANES)                                                \
    TARGET static void NAME(const float *restrict a, long ars, long acs, const float *restrict b, long ldb, \
                            const long *blocks, long blockCount, float *restrict c, long ldc) {  \
        typedef float V __attribute__((ext_vector_type(LANES)));                              \
        V s[4][2];                                                                            \
        for (int r = 0; r < 4; r++)                                                           \
            for (int v = 0; v < 2; v++) memcpy(&s[r][v], c + r * ldc + v * (LANES), sizeof(V)); \
        for (long q = 0; q < blockCount; q++) {                                               \
            V t[4][2];                                                                        \
            for (int r = 0; r < 4; r++) t[r][0] = t[r][1] = 0;                                \
            for (long p = blocks[2 * q]; p < blocks[2 * q + 1]; p++) {                        \
                V b0, b1;                                                                     \
                memcpy(&b0, b + p * ldb, sizeof(V));                                          \
                memcpy(&b1, b + p * ldb + (LANES), sizeof(V));                                \
                for (int r = 0; r < 4; r++) {                                                 \
                    const V x = (V)a[r * ars + p * acs];                                            \
                    t[r][0] = __builtin_elementwise_fma(x, b0, t[r][0]);                      \
                    t[r][1] = __builtin_elementwise_fma(x, b1, t[r][1]);                      \
                }                                                                             \
            }                                                                                 \
            for (int r = 0; r < 4; r++) { s[r][0] = s[r][0] + t[r][0]; s[r][1] = s[r][1] + t[r][1]; } \
        }                                                                                     \
        for (int r = 0; r < 4; r++)                                                           \
            for (int v = 0; v < 2; v++) memcpy(c + r * ldc + v * (LANES), &s[r][v], sizeof(V)); \
    }

typedef void (*ColumnsKernel)(const float *restrict, long, long, const float *restrict, long, const long *, long,
                              float *restrict, long);

GEMM_COLUMNS_KERNEL(columnsBaseline, , 4)
#if defined(__x86_64__)
GEMM_COLUMNS_KERNEL(columnsAVX2, __attribute__((target("avx2,fma"))), 8)
GEMM_COLUMNS_KERNEL(columnsAVX512, __attribute__((target("avx512f"))), 16)
#endif

/// One output of the GEMM path, for the edges of the tiled loops.
static float gemmElement(const float *a, long aStride, const float *b, long bStride, float start,
                         const long *blocks, long blockCount) {
    float sum = start;
    for (long q = 0; q < blockCount; q++) {
        float t = 0;
        for (long p = blocks[2 * q]; p < blocks[2 * q + 1]; p++) t = __builtin_fmaf(a[p * aStride], b[p * bStride], t);
        sum = sum + t;
    }
    return sum;
}

static void gemmRowMajor(NKVariant variant, const float *a, long ars, long acs, const float *b, long ldb, float *c, long ldc,
                         long m, long k, long j0, long j1) {
    ColumnsKernel kernel = columnsBaseline;
    long width = 8;
#if defined(__x86_64__)
    if (variant == NKVariantAVX512 && j1 - j0 >= 32) { kernel = columnsAVX512; width = 32; }
    else if (variant != NKVariantBaseline) { kernel = columnsAVX2; width = 16; }
#endif
    long *blocks = allocateBlocks(k);
    const long blockCount = kBlocks(k, blocks);
    const long wholeRows = m / 4 * 4, wholeEnd = j0 + (j1 - j0) / width * width;
    for (long i = 0; i < m; i++)
        for (long j = j0; j < j1; j++) c[i * ldc + j] = 0;
    // Column panels of b stay in the cache while every row group reads them.
    for (long jt = j0; jt < wholeEnd; jt += width) {
        for (long i = 0; i < wholeRows; i += 4) kernel(a + i * ars, ars, acs, b + jt, ldb, blocks, blockCount, c + i * ldc + jt, ldc);
    }
    for (long i = 0; i < m; i++) {
        const long from = i < wholeRows ? wholeEnd : j0;
        for (long j = from; j < j1; j++) c[i * ldc + j] = gemmElement(a + i * ars, acs, b + j, ldb, 0, blocks, blockCount);
    }
    free(blocks);
}

// MARK: The small path (no fused multiply-add): w is [n][k], one dot product per output.

typedef float Float4 __attribute__((ext_vector_type(4)));

/// `start` plus the products from `from` to `to`, each rounded and added in order.
static float addProducts(float start, const float *x, const float *w, long from, long to) {
    for (long p = from; p < to; p++) start = start + x[p] * w[p];
    return start;
}

/// The 4-lane dot: `peel` products in order from 0 into lane 0, then 4 lanes, halved as
/// (0+2)+(1+3), then the products left over in order.
static float dot4(const float *x, const float *w, long k, long peel) {
    const float head = addProducts(0, x, w, 0, peel);
    const long vectors = (k - peel) / 4;
    if (vectors == 0) return addProducts(head, x, w, peel, k);
    Float4 lanes = {head, 0, 0, 0};
    for (long v = 0; v < vectors; v++) {
        Float4 xv, wv;
        memcpy(&xv, x + peel + 4 * v, sizeof xv);
        memcpy(&wv, w + peel + 4 * v, sizeof wv);
        lanes = lanes + xv * wv;
    }
    return addProducts((lanes[0] + lanes[2]) + (lanes[1] + lanes[3]), x, w, peel + 4 * vectors, k);
}

/// The 8-lane dot: as `dot4` with 8 lanes (4 when `fourLanes`, taking 8 products per step), folded
/// l + (l+4) first.
static float dot8(const float *x, const float *w, long k, long peel, int fourLanes) {
    const float head = addProducts(0, x, w, 0, peel);
    const long chunks = (k - peel) / 8;
    if (chunks == 0) return addProducts(head, x, w, peel, k);
    Float4 low = {head, 0, 0, 0}, high = 0;
    for (long v = 0; v < chunks; v++) {
        Float4 x0, w0, x1, w1;
        memcpy(&x0, x + peel + 8 * v, sizeof x0);
        memcpy(&w0, w + peel + 8 * v, sizeof w0);
        memcpy(&x1, x + peel + 8 * v + 4, sizeof x1);
        memcpy(&w1, w + peel + 8 * v + 4, sizeof w1);
        low = low + x0 * w0;
        if (fourLanes) low = low + x1 * w1; else high = high + x1 * w1;
    }
    if (!fourLanes) low = low + high;
    return addProducts((low[0] + low[2]) + (low[1] + low[3]), x, w, peel + 8 * chunks, k);
}

/// One output of the gemv path: output `j` of `n`, a dot of `x` and `w` (both contiguous, length k).
static float gemvElement(const float *x, const float *w, long k, long j, long n) {
    if (j < n - n % 4) return dot4(x, w, k, (k - 1) % 4 + 1);
    return dot8(x, w, k, k < 4 ? k : 4, j % 2 != 0);
}

void nk_linear(NKVariant variant, const float *x, long ldx, long xOffset, const float *w, long ldw, const float *bias,
               float *c, long ldc, long m, long k, long n, long j0, long j1) {
    if (m <= 0 || j1 <= j0) return;
    if (k <= 0) {
        for (long i = 0; i < m; i++)
            for (long j = j0; j < j1; j++) c[i * ldc + j] = bias != NULL ? bias[j] : 0;
        return;
    }
    if (m >= 4 && n >= 12) {
        gemmTransposed(variant, x, ldx, w, ldw, bias, c, ldc, m, k, j0, j1);
        return;
    }
    for (long i = 0; i < m; i++) {
        for (long j = j0; j < j1; j++) {
            const float *row = x + i * ldx, *column = w + j * ldw;
            float h;
            if (m == 1) h = gemvElement(row, column, k, j, n);
            else if (n == 1) h = gemvElement(column, row, k, i, m);
            else {
                long peel = (4 - (i * ldx + xOffset) % 4) % 4;
                if (peel > k) peel = k;
                h = j < n - n % 4 ? dot4(row, column, k, peel) : dot8(row, column, k, peel, 0);
            }
            c[i * ldc + j] = bias != NULL ? bias[j] + h : h;
        }
    }
}

void nk_matmul(NKVariant variant, const float *a, long ars, long acs, const float *b, long ldb, float *c, long ldc,
               long m, long k, long n, long j0, long j1) {
    if (m <= 0 || j1 <= j0) return;
    if (m >= 4 && n >= 12 && k > 0) {
        gemmRowMajor(variant, a, ars, acs, b, ldb, c, ldc, m, k, j0, j1);
        return;
    }
    nk_multiply(variant, a, ars, acs, b + j0, ldb, c + j0, ldc, m, k, j1 - j0);
}

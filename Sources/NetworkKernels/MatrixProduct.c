// The matrix product `c = a · b` for every variant. The order of the arithmetic is the contract:
// each output element starts from +0 and adds its products one at a time in increasing p, each
// product rounded before it is added. Vectors run across output columns (one lane per column),
// never across the sum, so a lane does exactly what a scalar loop does, and the variants differ
// only in how many columns and rows they keep in registers at once.
#include "NetworkKernels.h"
#include "CPUFeatures.h"

#include <stdlib.h>

// A fused multiply-add rounds once where the order above rounds twice: forbid contraction.
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

/// Computes one `rows × columns` tile of `c` from `a` read through strides (`a[r·ars + p·acs]`)
/// and `b` read by rows of stride `ldb`, writing rows of stride `ldc`.
typedef void (*TileKernel)(const float *restrict a, long ars, long acs, const float *restrict b, long ldb,
                           float *restrict c, long ldc, long k);

/// A tile kernel of ROWS rows and VECTORS vectors of LANES columns, for the instruction set named
/// in TARGET. The loops have constant bounds, so the compiler unrolls them and keeps the whole
/// tile of sums in registers.
#define TILE_KERNEL(NAME, TARGET, LANES, ROWS, VECTORS)                                          \
    TARGET static void NAME(const float *restrict a, long ars, long acs, const float *restrict b, \
                            long ldb, float *restrict c, long ldc, long k) {                    \
        typedef float Vector __attribute__((vector_size((LANES) * sizeof(float)), aligned(4))); \
        Vector sums[ROWS][VECTORS];                                                             \
        for (int r = 0; r < (ROWS); r++)                                                        \
            for (int v = 0; v < (VECTORS); v++) sums[r][v] = (Vector){0};                       \
        for (long p = 0; p < k; p++) {                                                          \
            Vector row[VECTORS];                                                                \
            for (int v = 0; v < (VECTORS); v++) row[v] = *(const Vector *)(b + p * ldb + v * (LANES)); \
            for (int r = 0; r < (ROWS); r++) {                                                  \
                const float x = a[r * ars + p * acs];                                           \
                for (int v = 0; v < (VECTORS); v++) sums[r][v] = sums[r][v] + row[v] * x;       \
            }                                                                                   \
        }                                                                                       \
        for (int r = 0; r < (ROWS); r++)                                                        \
            for (int v = 0; v < (VECTORS); v++) *(Vector *)(c + r * ldc + v * (LANES)) = sums[r][v]; \
    }

// Baseline: 16 registers of 4 lanes; 4 × 8 sums leave room for the row of b and the broadcast.
TILE_KERNEL(baselineTile, , 4, 4, 2)

#if defined(__x86_64__)
// AVX2: 16 registers of 8 lanes; 6 × 16 sums use 12 of them.
TILE_KERNEL(avx2Tile, __attribute__((target("avx2"))), 8, 6, 2)
// AVX-512: 32 registers of 16 lanes; 8 × 32 sums use 16, and broadcasts come straight from memory.
TILE_KERNEL(avx512Tile, __attribute__((target("avx512f"))), 16, 8, 2)
#endif

typedef struct {
    TileKernel kernel;
    long rows;
    long columns;
} Tiling;

static Tiling tiling(NKVariant variant) {
    switch (variant) {
#if defined(__x86_64__)
    case NKVariantAVX2: return (Tiling){avx2Tile, 6, 16};
    case NKVariantAVX512: return (Tiling){avx512Tile, 8, 32};
#endif
    default: return (Tiling){baselineTile, 4, 8};
    }
}

int nk_variant_supported(NKVariant variant) {
    switch (variant) {
    case NKVariantBaseline: return 1;
#if defined(__x86_64__)
    case NKVariantAVX2: return (nk_cpu_features() & NKFeatureAVX2) != 0;
    case NKVariantAVX512: return (nk_cpu_features() & NKFeatureAVX512F) != 0;
#endif
    default: return 0;
    }
}

NKVariant nk_best_variant(void) {
    // nk_cpu_features keeps what it found, so there is nothing more to keep here.
    return nk_variant_supported(NKVariantAVX512) ? NKVariantAVX512
         : nk_variant_supported(NKVariantAVX2) ? NKVariantAVX2 : NKVariantBaseline;
}

long nk_tile_columns(NKVariant variant) { return tiling(variant).columns; }

/// Small products: one element at a time, the same order with no tiling to set up.
static void multiplyElements(const float *a, long aRowStride, long aColumnStride, const float *b, long ldb,
                             float *c, long ldc, long m, long k, long n) {
    for (long i = 0; i < m; i++) {
        for (long j = 0; j < n; j++) {
            float sum = 0;
            for (long p = 0; p < k; p++) sum = sum + a[i * aRowStride + p * aColumnStride] * b[p * ldb + j];
            c[i * ldc + j] = sum;
        }
    }
}

/// Packs the last `rows` rows of `a` (fewer than `tileRows`) as `[k][tileRows]`, with zeros past
/// the last row.
static void packRows(float *restrict packed, const float *restrict a, long rowStride, long columnStride,
                     long tileRows, long rows, long k) {
    for (long p = 0; p < k; p++) {
        for (long r = 0; r < tileRows; r++) packed[p * tileRows + r] = r < rows ? a[r * rowStride + p * columnStride] : 0;
    }
}

/// Below this many multiply-adds, packing panels costs more than it saves.
enum { smallProduct = 4096 };
/// Panels up to this many floats live on the stack.
enum { stackPanel = 4096 };
/// The largest tile of any variant.
enum { largestTile = 8 * 32 };

void nk_multiply(NKVariant variant, const float *a, long aRowStride, long aColumnStride, const float *b, long ldb,
                 float *c, long ldc, long m, long k, long n) {
    if (m <= 0 || n <= 0) return;
    const Tiling t = tiling(variant);
    if (m * k * n <= smallProduct || (variant == NKVariantBaseline && n < t.columns / 2)) {
        multiplyElements(a, aRowStride, aColumnStride, b, ldb, c, ldc, m, k, n);
        return;
    }
    // Narrow products waste less of a narrower tile (every variant gives the same bits).
    if (n < t.columns / 2) {
        nk_multiply(variant == NKVariantAVX512 ? NKVariantAVX2 : NKVariantBaseline,
                    a, aRowStride, aColumnStride, b, ldb, c, ldc, m, k, n);
        return;
    }
    // Whole tiles read `a` and `b` in place. The rows of `a` past the last whole tile are packed as
    // [k][rows] (zeros past the last row), and the columns of `b` past the last whole tile as
    // [k][columns] (zeros past the last column). Sums that involve padding land in the parts of a
    // tile that are thrown away.
    const long wholeColumns = n / t.columns * t.columns, lastColumns = n - wholeColumns;
    float stackA[stackPanel], stackB[stackPanel], tile[largestTile];
    const long panelA = m % t.rows > 0 ? t.rows * k : 0, panelB = lastColumns > 0 ? t.columns * k : 0;
    float *packedA = panelA <= stackPanel ? stackA : malloc(sizeof(float) * (size_t)panelA);
    float *packedB = panelB <= stackPanel ? stackB : malloc(sizeof(float) * (size_t)panelB);
    if (packedA == NULL || packedB == NULL) abort();
    for (long p = 0; p < k && lastColumns > 0; p++) {
        for (long j = 0; j < t.columns; j++) packedB[p * t.columns + j] = j < lastColumns ? b[p * ldb + wholeColumns + j] : 0;
    }
    for (long i0 = 0; i0 < m; i0 += t.rows) {
        const long rows = m - i0 < t.rows ? m - i0 : t.rows;
        const float *rowsOfA = a + i0 * aRowStride;
        long rowStride = aRowStride, columnStride = aColumnStride;
        if (rows < t.rows) {
            packRows(packedA, rowsOfA, aRowStride, aColumnStride, t.rows, rows, k);
            rowsOfA = packedA;
            rowStride = 1;
            columnStride = t.rows;
        }
        for (long j0 = 0; j0 < n; j0 += t.columns) {
            const int whole = j0 < wholeColumns;
            const float *panel = whole ? b + j0 : packedB;
            const long stride = whole ? ldb : t.columns;
            if (whole && rows == t.rows) {
                t.kernel(rowsOfA, rowStride, columnStride, panel, stride, c + i0 * ldc + j0, ldc, k);
                continue;
            }
            t.kernel(rowsOfA, rowStride, columnStride, panel, stride, tile, t.columns, k);
            const long columns = whole ? t.columns : lastColumns;
            for (long r = 0; r < rows; r++) {
                for (long j = 0; j < columns; j++) c[(i0 + r) * ldc + j0 + j] = tile[r * t.columns + j];
            }
        }
    }
    if (packedA != stackA) free(packedA);
    if (packedB != stackB) free(packedB);
}

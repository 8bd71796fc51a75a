"""Bit-exact model of PyTorch CPU cascade_sum (aten/src/ATen/native/cpu/SumKernel.cpp) for float32."""
import numpy as np
f32 = np.float32

def ceil_log2(x):
    # c10 utils::CeilLog2: 0 for x<=1 (only matters for huge sizes; level_power=max(4,CeilLog2/4))
    return 0 if x <= 1 else int(np.ceil(np.log2(float(x))))

def multi_row_sum(load, nrows, size, shape):
    """load(i) -> float32 array of shape (nrows, *shape): row i of the nrows parallel sums.
    Returns float32 array (nrows, *shape)."""
    num_levels = 4
    level_power = max(4, ceil_log2(size) // num_levels)
    level_step = 1 << level_power
    level_mask = level_step - 1
    acc = [np.zeros((nrows,) + shape, f32) for _ in range(num_levels)]
    i = 0
    while i + level_step <= size:
        for _ in range(level_step):
            acc[0] = acc[0] + load(i); i += 1
        for j in range(1, num_levels):
            acc[j] = acc[j] + acc[j - 1]
            acc[j - 1] = np.zeros_like(acc[j - 1])
            if (i & (level_mask << (j * level_power))) != 0:
                break
    while i < size:
        acc[0] = acc[0] + load(i); i += 1
    for j in range(1, num_levels):
        acc[0] = acc[0] + acc[j]
    return acc[0]

def row_sum(load1, size, shape):
    """load1(i) -> element i (array of `shape`, float32). ilp_factor=4 interleave."""
    size_ilp = size // 4
    def load4(i):
        return np.stack([load1(4 * i + k) for k in range(4)])
    p = multi_row_sum(load4, 4, size_ilp, shape) if size_ilp > 0 else np.zeros((4,) + shape, f32)
    p0 = p[0]
    for i in range(size_ilp * 4, size):
        p0 = p0 + load1(i)
    for k in range(1, 4):
        p0 = p0 + p[k]
    return p0

def inner_sum(x, L):
    """sum of a contiguous float32 1-D row x (length n) with vector width L (8: default/AVX2, 16: AVX512)."""
    x = np.asarray(x, f32); n = len(x)
    if n >= L:
        vs = n // L
        V = x[:vs * L].reshape(vs, L)
        vacc = row_sum(lambda i: V[i], vs, (L,))
        fin = f32(0)
        for k in range(vs * L, n):
            fin = f32(fin + x[k])
        for k in range(L):
            fin = f32(fin + vacc[k])
    else:
        fin = f32(row_sum(lambda i: x[i:i+1], n, (1,))[0])
    return f32(f32(0) + fin)   # output is zero-filled then += (turns -0 into +0)

def outer_sum(X, L):
    """sum over dim 0 of a contiguous float32 (n, C) array -> (C,). Vector width L."""
    X = np.asarray(X, f32); n, C = X.shape
    out = np.zeros(C, f32)
    if C == 1:
        return np.array([inner_sum(X[:, 0], L)], f32)
    if C >= L:   # vectorized_outer_sum
        j = 0
        while j + 4 * L <= C:
            blk = X[:, j:j + 4 * L].reshape(n, 4, L)
            s = multi_row_sum(lambda i: blk[i], 4, n, (L,))
            out[j:j + 4 * L] = s.reshape(-1); j += 4 * L
        while j + L <= C:
            blk = X[:, j:j + L]
            out[j:j + L] = row_sum(lambda i: blk[i], n, (L,)); j += L
        while j < C:
            col = X[:, j]
            out[j] = row_sum(lambda i: col[i:i+1], n, (1,))[0]; j += 1
    else:        # scalar_outer_sum
        j = 0
        while j + 3 < C:
            blk = X[:, j:j + 4]
            out[j:j + 4] = multi_row_sum(lambda i: blk[i], 4, n, ()); j += 4
        while j < C:
            col = X[:, j]
            out[j] = row_sum(lambda i: col[i:i+1], n, (1,))[0]; j += 1
    return f32(0) + out

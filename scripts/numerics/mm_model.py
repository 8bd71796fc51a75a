"""Candidate bit-exact models of torch.nn.functional.linear (MKL sgemm, this AMD EPYC CPU, 1 thread), float32."""
import numpy as np
from fma32 import fma32
f32 = np.float32
def kblocks(K, kc=192):
    """K-blocking seen in the gemm path."""
    if K <= kc: return [(0, K)]
    if K <= 2 * kc:
        Ke = K - (K % 2); h = Ke // 2          # two equal halves of the even part ...
        return [(0, h), (h, Ke)] + ([(Ke, K)] if K % 2 else [])   # ... and an odd last k as its own block
    b = []; s = 0
    while s < K: b.append((s, min(K, s + kc))); s += kc
    return b
def gemm_model(X, W, bias=None, blocks=None):
    """out = (((bias + S0) + S1) + ...), S_b = FMA chain over its k-block in increasing k, starting from 0."""
    M, K = X.shape; N = W.shape[0]
    C = np.zeros((M, N), f32) if bias is None else np.broadcast_to(np.asarray(bias, f32), (M, N)).copy()
    for (s, e) in (blocks or kblocks(K)):
        acc = np.zeros((M, N), f32)
        for k in range(s, e):
            acc = fma32(X[:, None, k], W[None, :, k], acc)
        C = (C + acc).astype(f32)
    return C
def dot4_model(X, W, bias=None, xoff=0, fma=False):
    """Small-M / small-N path: per output, 4-lane dot product over k, peeled to 16-byte alignment of the x row."""
    M, K = X.shape; N = W.shape[0]
    out = np.zeros((M, N), f32)
    for i in range(M):
        P = (X[i][None, :] * W).astype(f32)          # (N, K) rounded products (used when fma=False)
        peel = min(K, (-(i * K + xoff)) % 4)
        def addp(acc, k):
            return fma32(X[i, k], W[:, k], acc) if fma else (acc + P[:, k]).astype(f32)
        pre = np.zeros(N, f32)
        for k in range(peel): pre = addp(pre, k)
        nv = (K - peel) // 4
        lanes = [pre] + [np.zeros(N, f32) for _ in range(3)]
        for v in range(nv):
            for l in range(4): lanes[l] = addp(lanes[l], peel + 4 * v + l)
        if nv == 0:
            h = pre
        else:
            h = ((lanes[0] + lanes[2]).astype(f32) + (lanes[1] + lanes[3]).astype(f32)).astype(f32)
        for k in range(peel + 4 * nv, K): h = addp(h, k)
        out[i] = h if bias is None else (np.asarray(bias, f32) + h).astype(f32)
    return out
def dot8_cols(X, W, bias=None, xoff=0, fma=False, peel_align=4):
    """Remainder columns of the small-M/N path: 8-lane dot, lanes (l, l+4) folded first, then (0+2)+(1+3)."""
    M, K = X.shape; N = W.shape[0]
    out = np.zeros((M, N), f32)
    for i in range(M):
        P = (X[i][None, :] * W).astype(f32)
        peel = min(K, (-(i * K + xoff)) % peel_align) if peel_align else 0
        def addp(acc, k):
            return fma32(X[i, k], W[:, k], acc) if fma else (acc + P[:, k]).astype(f32)
        pre = np.zeros(N, f32)
        for k in range(peel): pre = addp(pre, k)
        nv = (K - peel) // 8
        lanes = [pre] + [np.zeros(N, f32) for _ in range(7)]
        for v in range(nv):
            for l in range(8): lanes[l] = addp(lanes[l], peel + 8 * v + l)
        if nv == 0: h = pre
        else:
            t = [(lanes[l] + lanes[l + 4]).astype(f32) for l in range(4)]
            h = ((t[0] + t[2]).astype(f32) + (t[1] + t[3]).astype(f32)).astype(f32)
        for k in range(peel + 8 * nv, K): h = addp(h, k)
        out[i] = h if bias is None else (np.asarray(bias, f32) + h).astype(f32)
    return out
def small_path(X, W, bias=None, xoff=0, **kw):
    """dot4 for columns in full groups of 4, dot8 for the N % 4 remainder columns."""
    N = W.shape[0]; n4 = N - N % 4
    out = np.zeros((X.shape[0], N), f32)
    b = None if bias is None else np.asarray(bias, f32)
    if n4: out[:, :n4] = dot4_model(X, W[:n4], None if b is None else b[:n4], xoff)
    if N % 4: out[:, n4:] = dot8_cols(X, W[n4:], None if b is None else b[n4:], xoff, **kw)
    return out
def linear_model(X, W, bias=None, xoff=0):
    """torch.nn.functional.linear(X, W, bias) for 2-D float32 X (M,K), W (N,K); MKL 2024.2 on this AMD EPYC, 1 thread."""
    M, K = X.shape; N = W.shape[0]
    if M == 1 or N == 1:
        return gemv_model_dispatch(X, W, bias)   # gemv-like path (N == 1 only partly right, see FINDINGS)
    if M >= 4 and N >= 12:
        return gemm_model(X, W, bias)
    return small_path(X, W, bias, xoff)      # 2 <= M <= 3, or N <= 11
def gemv_model(X, W, bias=None, fma=False):
    """M == 1 or N == 1 (MKL SGEMM with n==1 or m==1): per output a 4-lane dot; the first p = ((K-1) % 4) + 1 products
    are summed sequentially into lane 0, then 4-lane vectors over k = p.. K-1 (no tail), then (l0+l2)+(l1+l3), then + bias."""
    M, K = X.shape; N = W.shape[0]
    P = (X[:, None, :] * W[None, :, :]).astype(f32)           # (M, N, K)
    def addp(acc, k):
        return fma32(X[:, None, k], W[None, :, k], acc) if fma else (acc + P[:, :, k]).astype(f32)
    p = ((K - 1) % 4) + 1
    pre = np.zeros((M, N), f32)
    for k in range(p): pre = addp(pre, k)
    nv = (K - p) // 4
    if nv == 0:
        h = pre
    else:
        lanes = [pre] + [np.zeros((M, N), f32) for _ in range(3)]
        for v in range(nv):
            for l in range(4): lanes[l] = addp(lanes[l], p + 4 * v + l)
        h = ((lanes[0] + lanes[2]).astype(f32) + (lanes[1] + lanes[3]).astype(f32)).astype(f32)
    return h if bias is None else (np.asarray(bias, f32)[None, :] + h).astype(f32)

def gemv_full(X, W, bias=None):
    """M == 1: columns in full groups of 4 -> gemv_model; the N % 4 remainder columns -> gemv_rem_cols."""
    N = W.shape[0]; n4 = N - N % 4
    out = np.zeros((X.shape[0], N), f32)
    if n4: out[:, :n4] = gemv_model(X, W[:n4], None if bias is None else np.asarray(bias, f32)[:n4])
    if N % 4: out[:, n4:] = gemv_rem_cols(X, W, list(range(n4, N)), bias=None if bias is None else np.asarray(bias, f32))
    return out
def gemv_model_dispatch(X, W, bias=None):
    M, K = X.shape; N = W.shape[0]
    if M == 1:
        return gemv_full(X, W, bias)
    # N == 1: same kernels with the roles of x-rows and the single W row swapped (rows in groups of 4, remainder rows by parity)
    h = gemv_full(W, X).T.copy()
    return h if bias is None else (np.asarray(bias, f32)[None, :] + h).astype(f32)
def gemv_rem_model(X, W, bias=None, pfix=4):
    """Variant seen for gemv remainder columns / N == 1: first min(K, pfix) products sequential into lane 0,
    4-lane vectors while 4 remain, (l0+l2)+(l1+l3), then the remaining tail products sequentially, then + bias."""
    M, K = X.shape; N = W.shape[0]
    P = (X[:, None, :] * W[None, :, :]).astype(f32)
    p = min(K, pfix)
    pre = np.zeros((M, N), f32)
    for k in range(p): pre = (pre + P[:, :, k]).astype(f32)
    nv = (K - p) // 4
    if nv == 0: h = pre
    else:
        lanes = [pre] + [np.zeros((M, N), f32) for _ in range(3)]
        for v in range(nv):
            for l in range(4): lanes[l] = (lanes[l] + P[:, :, p + 4 * v + l]).astype(f32)
        h = ((lanes[0] + lanes[2]).astype(f32) + (lanes[1] + lanes[3]).astype(f32)).astype(f32)
    for k in range(p + 4 * nv, K): h = (h + P[:, :, k]).astype(f32)
    return h if bias is None else (np.asarray(bias, f32)[None, :] + h).astype(f32)
def gemv_rem_cols(X, W, cols, woff=0, bias=None):
    """M == 1 path, remainder columns j (the last N % 4): prefix of min(K,4) products sequential (lane 0 start), then
    chunks of 8 products: 8 lanes if j is even, else 4 lanes (two
    4-vectors per chunk); fold (8 lanes: l+l4 first) -> (a0+a2)+(a1+a3); then the < 8 tail products sequentially."""
    M, K = X.shape
    out = np.zeros((M, len(cols)), f32)
    for c, j in enumerate(cols):
        P = (X * W[j][None, :]).astype(f32)          # (M, K)
        p = min(K, 4)
        pre = np.zeros(M, f32)
        for k in range(p): pre = (pre + P[:, k]).astype(f32)
        nch = (K - p) // 8
        L = 8 if j % 2 == 0 else 4           # probed: even remainder columns 8 lanes, odd ones 4 lanes
        if nch == 0: h = pre
        else:
            lanes = [pre] + [np.zeros(M, f32) for _ in range(L - 1)]
            for k in range(p, p + 8 * nch):
                l = (k - p) % L; lanes[l] = (lanes[l] + P[:, k]).astype(f32)
            if L == 8: lanes = [(lanes[l] + lanes[l + 4]).astype(f32) for l in range(4)]
            h = ((lanes[0] + lanes[2]).astype(f32) + (lanes[1] + lanes[3]).astype(f32)).astype(f32)
        for k in range(p + 8 * nch, K): h = (h + P[:, k]).astype(f32)
        out[:, c] = h if bias is None else (f32(bias[j]) + h).astype(f32)
    return out

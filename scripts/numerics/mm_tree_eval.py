"""Evaluate a summation tree (from mm_probe) on real data, with or without FMA, and compare to torch linear."""
import sys, ast, numpy as np, torch
sys.setrecursionlimit(100000)
from fma32 import fma32
f32 = np.float32
def ev(t, X, W, fma):
    """X: (R, K) rows, W: (C, K) -> returns (R, C) value of tree t for each output. Products broadcast."""
    if isinstance(t, int):
        return None, t
    vals = [ev(c, X, W, fma) for c in t]
    assert len(vals) == 2
    out = []
    (va, la), (vb, lb) = vals
    def prod(k): return (X[:, None, k] * W[None, :, k]).astype(f32)
    if va is None and vb is None:
        lo, hi = min(la, lb), max(la, lb)
        first = prod(lo)
        return (fma32(X[:, None, hi], W[None, :, hi], first) if fma else (first + prod(hi)).astype(f32)), None
    if va is None: va, la, vb, lb = vb, lb, va, la
    if vb is None:
        return (fma32(X[:, None, lb], W[None, :, lb], va) if fma else (va + prod(lb)).astype(f32)), None
    return (va + vb).astype(f32), None
def evaluate(t, X, W, fma):
    v, leaf = ev(t, X, W, fma)
    if v is None: v = (X[:, None, leaf] * W[None, :, leaf]).astype(f32)
    return v
if __name__ == '__main__':
    torch.set_num_threads(1)
    M, K, N = map(int, sys.argv[1:4]); t = ast.literal_eval(open(sys.argv[4]).read().strip().splitlines()[-1])
    rng = np.random.default_rng(0); res = {True: 0, False: 0}; naive = 0; tot = 0
    for rep in range(int(sys.argv[5]) if len(sys.argv) > 5 else 200):
        X = rng.standard_normal((M, K)).astype(f32); W = rng.standard_normal((N, K)).astype(f32)
        y = torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W)).numpy()
        for fma in (True, False):
            res[fma] += int((evaluate(t, X, W, fma).view(np.uint32) != y.view(np.uint32)).sum())
        nv = np.zeros((M, N), f32)
        for k in range(K): nv = (nv + (X[:, None, k] * W[None, :, k]).astype(f32)).astype(f32)
        naive += int((nv.view(np.uint32) != y.view(np.uint32)).sum()); tot += M * N
    print('shape', (M, K, N), 'outputs', tot, 'mismatch with FMA tree:', res[True], 'without FMA:', res[False], 'naive left-to-right:', naive)

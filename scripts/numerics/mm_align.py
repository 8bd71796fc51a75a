"""Which operand's address alignment drives MKL's peeling?  Probe tree with x or W placed at a storage offset."""
import sys, numpy as np, torch
from mm_probe2 import build_tree, describe, BIG
torch.set_num_threads(1)
def lca(M, K, N, xoff, woff, row=0):
    a_idx, b_idx = np.triu_indices(K, 1); S = np.zeros((K, K), np.int64)
    xb = torch.ones(M * K + 16); x = xb[xoff:xoff + M * K].view(M, K)
    for s in range(0, len(a_idx), N):
        A = a_idx[s:s + N]; B = b_idx[s:s + N]; n = len(A)
        W = np.ones((N, K), np.float32); W[np.arange(n), A] = BIG; W[np.arange(n), B] = -BIG
        wb = torch.zeros(N * K + 16); wb[woff:woff + N * K] = torch.from_numpy(W.ravel()); Wt = wb[woff:woff + N * K].view(N, K)
        out = torch.nn.functional.linear(x, Wt).numpy()[:, :n]
        v = K - np.rint(out[row]).astype(np.int64); S[A, B] = v; S[B, A] = v
    return S
M, K, N = map(int, sys.argv[1:4])
for xoff, woff in eval(sys.argv[4]) if len(sys.argv) > 4 else [(1, 0), (0, 1), (2, 0), (0, 2)]:
    print('=== x offset %d floats, W offset %d floats' % (xoff, woff))
    print(describe(build_tree(lca(M, K, N, xoff, woff)), maxdepth=3))

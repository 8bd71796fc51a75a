"""Cheap probes for gemm structure: adjacent-pair LCA sizes (block starts) and where the bias joins."""
import sys, numpy as np, torch
torch.set_num_threads(1)
BIG = np.float32(2.0 ** 40)
def pair_lca(M, K, N, pairs, bias=False, row=0):
    out_all = []
    x = torch.ones(M, K)
    for s in range(0, len(pairs), N):
        ch = pairs[s:s + N]; n = len(ch)
        W = np.ones((N, K), np.float32)
        for j, (a, b) in enumerate(ch):
            if a is None: W[j, b] = -BIG
            else: W[j, a] = BIG; W[j, b] = -BIG
        bv = None
        if bias:
            bv = np.zeros(N, np.float32); bv[:n] = [BIG if a is None else 0 for a, b in ch]; bv = torch.from_numpy(bv)
        out = torch.nn.functional.linear(x, torch.from_numpy(W), bv).numpy()
        out_all += out[row, :n].tolist()
    return np.array(out_all)
def block_starts(M, K, N, row=0):
    v = pair_lca(M, K, N, [(a, a + 1) for a in range(K - 1)], row=row)
    S = K - np.rint(v).astype(np.int64)
    return [0] + [a for a in range(1, K - 1) if S[a] == 2 and S[a - 1] != S[a] - 1], S
if __name__ == '__main__':
    M, K, N = map(int, sys.argv[1:4])
    st, S = block_starts(M, K, N)
    print('adjacent-pair LCA sizes (first 40):', S[:40].tolist())
    print('apparent chain starts:', st)
    vb = pair_lca(M, K, N, [(None, a) for a in range(K)], bias=True)
    print('bias probe: #ones surviving when bias=BIG and leaf a=-BIG, for a=0..:', np.rint(vb).astype(int)[:12].tolist(), '... distinct', sorted(set(np.rint(vb).astype(int).tolist()))[:10])

"""Random-shape sweep of linear_model vs torch (bias and no bias), plus x @ W.T equivalence and 2-thread check."""
import sys, numpy as np, torch
from mm_model import linear_model
torch.set_num_threads(1)
rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 10); u = lambda a: a.view(np.uint32)
nshapes = int(sys.argv[1]); tot = 0; bad = 0; shapes_bad = []; matmul_diff = 0; unmodelled = 0
for s in range(nshapes):
    M = int(rng.integers(1, 65)); N = int(rng.integers(1, 65)); K = int(rng.integers(1, 1025))
    X = rng.standard_normal((M, K)).astype(np.float32); W = rng.standard_normal((N, K)).astype(np.float32); b = rng.standard_normal(N).astype(np.float32)
    for bias in (None, b):
        y = torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W), None if bias is None else torch.from_numpy(bias)).numpy()
        m = linear_model(X, W, bias)
        if m is None: unmodelled += 1; continue
        nb = int((u(m) != u(y)).sum()); tot += y.size; bad += nb
        if nb: shapes_bad.append(((M, K, N), bias is not None, nb))
    y2 = (torch.from_numpy(X) @ torch.from_numpy(W).T).numpy()
    matmul_diff += int((u(y2) != u(torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W)).numpy())).sum())
print('random shapes:', nshapes, 'outputs:', tot, 'mismatching:', bad, 'match rate %.6f' % (1 - bad / tot))
print('unmodelled (shape,bias) cases skipped:', unmodelled); print('shapes with mismatches:', shapes_bad[:20])
print('x @ W.T vs F.linear(x, W) differing outputs:', matmul_diff)

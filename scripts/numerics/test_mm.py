import sys, numpy as np, torch
from mm_model import gemm_model, dot4_model
torch.set_num_threads(1)
shapes = eval(sys.argv[1]); reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
rng = np.random.default_rng(1)
u = lambda a: a.view(np.uint32)
for (M, K, N) in shapes:
    r = {'gemm': 0, 'gemm+bias': 0, 'dot4': 0, 'dot4fma': 0, 'dot4+bias': 0, 'naive': 0}; tot = 0
    for _ in range(reps):
        X = rng.standard_normal((M, K)).astype(np.float32); W = rng.standard_normal((N, K)).astype(np.float32); b = rng.standard_normal(N).astype(np.float32)
        y = torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W)).numpy()
        yb = torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W), torch.from_numpy(b)).numpy()
        r['gemm'] += int((u(gemm_model(X, W)) != u(y)).sum()); r['gemm+bias'] += int((u(gemm_model(X, W, b)) != u(yb)).sum())
        r['dot4'] += int((u(dot4_model(X, W)) != u(y)).sum()); r['dot4fma'] += int((u(dot4_model(X, W, fma=True)) != u(y)).sum())
        r['dot4+bias'] += int((u(dot4_model(X, W, b)) != u(yb)).sum())
        nv = np.zeros((M, N), np.float32)
        for k in range(K): nv = (nv + (X[:, None, k] * W[None, :, k]).astype(np.float32)).astype(np.float32)
        r['naive'] += int((u(nv) != u(y)).sum()); tot += M * N
    print((M, K, N), 'outputs', tot, 'mismatches:', r, flush=True)

import sys, numpy as np, torch
from mm_model import gemv_model
torch.set_num_threads(1)
rng = np.random.default_rng(6); u = lambda a: a.view(np.uint32)
for (M, K, N) in eval(sys.argv[1]):
    X = rng.standard_normal((M, K)).astype(np.float32); W = rng.standard_normal((N, K)).astype(np.float32); b = rng.standard_normal(N).astype(np.float32)
    y = torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W), torch.from_numpy(b)).numpy()
    y0 = torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W)).numpy()
    r = {'nofma+bias': int((u(gemv_model(X, W, b)) != u(y)).sum()), 'nofma': int((u(gemv_model(X, W)) != u(y0)).sum()), 'fma': int((u(gemv_model(X, W, fma=True)) != u(y0)).sum())}
    print((M, K, N), 'outputs', y.size, 'mismatches', r, flush=True)

import sys, numpy as np, torch
from mm_model import small_path
torch.set_num_threads(1)
rng = np.random.default_rng(4); u = lambda a: a.view(np.uint32)
variants = {'nofma/peel8': dict(fma=False, peel_align=8), 'nofma/peel4': dict(fma=False, peel_align=4), 'nofma/nopeel': dict(fma=False, peel_align=0), 'fma/peel8': dict(fma=True, peel_align=8)}
for (M, K, N) in eval(sys.argv[1]):
    X = rng.standard_normal((M, K)).astype(np.float32); W = rng.standard_normal((N, K)).astype(np.float32); b = rng.standard_normal(N).astype(np.float32)
    y = torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W), torch.from_numpy(b)).numpy()
    n4 = N - N % 4
    res = {k: int((u(small_path(X, W, b, **v))[:, n4:] != u(y)[:, n4:]).sum()) for k, v in variants.items()}
    print((M, K, N), 'remainder outputs', M * (N - n4), 'mismatches', res, ' group-of-4 cols mismatches', int((u(small_path(X, W, b))[:, :n4] != u(y)[:, :n4]).sum()), flush=True)

import sys, numpy as np, torch
from mm_model import linear_model, gemm_model, small_path
torch.set_num_threads(1)
rng = np.random.default_rng(5); u = lambda a: a.view(np.uint32)
for (M, K, N) in eval(sys.argv[1]):
    X = rng.standard_normal((M, K)).astype(np.float32); W = rng.standard_normal((N, K)).astype(np.float32)
    y = torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W)).numpy()
    m = linear_model(X, W); bad = (u(m) != u(y))
    print((M, K, N), 'mismatch', int(bad.sum()), '/', y.size, 'bad rows', sorted(set(np.nonzero(bad)[0].tolist()))[:10], 'bad cols', sorted(set(np.nonzero(bad)[1].tolist()))[:12], flush=True)

import numpy as np, torch
rng = np.random.default_rng(0)
for (M, K, N) in [(3, 64, 4), (8, 768, 3072), (8, 3072, 768), (64, 768, 768), (2, 768, 3072)]:
    X = torch.from_numpy(rng.standard_normal((M, K)).astype(np.float32)); W = torch.from_numpy(rng.standard_normal((N, K)).astype(np.float32)); b = torch.from_numpy(rng.standard_normal(N).astype(np.float32))
    torch.set_num_threads(1); y1 = torch.nn.functional.linear(X, W, b)
    torch.set_num_threads(2); y2 = torch.nn.functional.linear(X, W, b)
    print((M, K, N), '1 vs 2 threads identical:', torch.equal(y1, y2))

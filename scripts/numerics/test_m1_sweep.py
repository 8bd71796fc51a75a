import sys, numpy as np, torch
from mm_model import linear_model
torch.set_num_threads(1)
rng = np.random.default_rng(int(sys.argv[2])); u = lambda a: a.view(np.uint32)
tot = bad = 0; badshapes = []
for s in range(int(sys.argv[1])):
    K = int(rng.integers(1, 1600)); N = int(rng.integers(2, 200)); M = 1
    X = rng.standard_normal((M, K)).astype(np.float32); W = rng.standard_normal((N, K)).astype(np.float32); b = rng.standard_normal(N).astype(np.float32)
    for bias in (None, b):
        y = torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W), None if bias is None else torch.from_numpy(bias)).numpy()
        nb = int((u(linear_model(X, W, bias)) != u(y)).sum()); tot += y.size; bad += nb
        if nb: badshapes.append(((M, K, N), bias is not None, nb))
print('M=1 random shapes', sys.argv[1], 'outputs', tot, 'mismatching', bad, 'match rate %.6f' % (1 - bad / tot)); print(badshapes[:20])

"""Which model (gemm / dot4 / neither) reproduces torch linear exactly, over a grid of (M, N) and K."""
import sys, numpy as np, torch
from mm_model import gemm_model, dot4_model
torch.set_num_threads(1)
rng = np.random.default_rng(3)
Ms = eval(sys.argv[1]); Ns = eval(sys.argv[2]); Ks = eval(sys.argv[3])
u = lambda a: a.view(np.uint32)
for K in Ks:
    print('K =', K, ' rows: M, columns: N =', Ns)
    for M in Ms:
        line = []
        for N in Ns:
            X = rng.standard_normal((M, K)).astype(np.float32); W = rng.standard_normal((N, K)).astype(np.float32); b = rng.standard_normal(N).astype(np.float32)
            y = torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W), torch.from_numpy(b)).numpy()
            g = (u(gemm_model(X, W, b)) == u(y)).all(); d = (u(dot4_model(X, W, b)) == u(y)).all()
            line.append('G' if g and not d else 'D' if d and not g else 'GD' if g and d else '-')
        print('  M=%3d: %s' % (M, ' '.join('%2s' % c for c in line)), flush=True)

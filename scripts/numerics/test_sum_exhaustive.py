"""Every length 1..10000: 1-D full sum and mean, plus sum(dim=-1) on a (2, n) tensor; model = sum_model.inner_sum with 8 lanes."""
import sys, numpy as np, torch
from sum_model import inner_sum
torch.set_num_threads(1)
step = int(sys.argv[1]) if len(sys.argv) > 1 else 1
rng = np.random.default_rng(2024)
u = lambda a: np.asarray(a, np.float32).view(np.uint32)
bad = {'full': 0, 'mean': 0, 'dim-1': 0}; cnt = {'full': 0, 'mean': 0, 'dim-1': 0}
for n in range(1, 10001, step):
    X = rng.standard_normal((3, n)).astype(np.float32)
    T = torch.from_numpy(X)
    s0 = inner_sum(X[0], 8)
    bad['full'] += int(u(T[0].sum().numpy()) != u(s0)); cnt['full'] += 1
    bad['mean'] += int(u(T[0].mean().numpy()) != u(np.float32(s0 / np.float32(n)))); cnt['mean'] += 1
    s12 = np.array([inner_sum(X[1], 8), inner_sum(X[2], 8)], np.float32)
    bad['dim-1'] += int((u(T[1:].sum(dim=-1).numpy()) != u(s12)).sum()); cnt['dim-1'] += 2
print(torch.backends.cpu.get_cpu_capability(), 'lengths 1..10000 step', step, {k: '%d/%d mismatching' % (bad[k], cnt[k]) for k in bad}, flush=True)

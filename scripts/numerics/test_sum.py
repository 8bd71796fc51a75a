"""Compare torch sum/mean (full, dim=-1, dim=0) against sum_model for many lengths. Run once per ATEN_CPU_CAPABILITY."""
import sys, numpy as np, torch
from sum_model import inner_sum, outer_sum
torch.set_num_threads(1)
L = int(sys.argv[1]) if len(sys.argv) > 1 else 8
rng = np.random.default_rng(12345)
lengths = list(range(1, 301)) + sorted(rng.integers(301, 10001, 150).tolist()) + [1024, 4096, 8192, 10000, 768, 3072]
stats = dict(full=[0,0], mean=[0,0], last=[0,0], lastmean=[0,0], dim0=[0,0], dim0mean=[0,0])
def chk(k, a, b):
    a = np.asarray(a, np.float32); b = np.asarray(b, np.float32)
    stats[k][0] += a.size; stats[k][1] += int((a.view(np.uint32) != b.view(np.uint32)).sum())
for n in lengths:
    dist = rng.integers(0, 3)
    x = (rng.standard_normal(n) * (10.0 ** rng.integers(-2, 3))).astype(np.float32) if dist else rng.uniform(0, 1, n).astype(np.float32)
    t = torch.from_numpy(x)
    s = inner_sum(x, L)
    chk('full', t.sum().numpy(), s)
    chk('mean', t.mean().numpy(), np.float32(s / np.float32(n)))
    # last dim of (3, n)
    X = rng.standard_normal((3, n)).astype(np.float32)
    T = torch.from_numpy(X)
    ms = np.array([inner_sum(r, L) for r in X], np.float32)
    chk('last', T.sum(dim=-1).numpy(), ms)
    chk('lastmean', T.mean(dim=-1).numpy(), ms / np.float32(n))
    # non-last dim: (n, C) reduce dim 0 (C chosen to hit all code paths), only for n <= 3000 to keep it quick
    if n <= 3000 or n in (4096, 10000):
        C = int(rng.choice([1, 2, 3, 5, 7, 8, 9, 13, 16, 17, 24, 31, 33, 40, 64, 70, 100]))
        Y = rng.standard_normal((n, C)).astype(np.float32)
        TY = torch.from_numpy(Y)
        os_ = outer_sum(Y, L)
        chk('dim0', TY.sum(dim=0).numpy(), os_)
        chk('dim0mean', TY.mean(dim=0).numpy(), os_ / np.float32(n))
print(torch.backends.cpu.get_cpu_capability(), 'L=%d' % L, {k: '%d/%d mismatching' % (v[1], v[0]) for k, v in stats.items()})

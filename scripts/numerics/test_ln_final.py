"""Final LayerNorm check with the selected model for this process's capability: widths 5, 6, 768 (many rows) + sweep."""
import numpy as np, torch
from ln_model import layer_norm
torch.set_num_threads(1)
cap = torch.backends.cpu.get_cpu_capability()
opt = (dict(fma_update=False, addvec='new_nofma', fma_tail=False, fma_add=False, fma_out=False) if cap == 'DEFAULT'
       else dict(fma_update=True, addvec='new', fma_tail=False, fma_add=True, fma_out=True))
rng = np.random.default_rng(99); u = lambda a: np.asarray(a, np.float32).view(np.uint32)
res = {}
def run(tag, N, rows, affine=True, eps=1e-5):
    X = (rng.standard_normal((rows, N)) * rng.choice([0.02, 1, 20]) + rng.choice([0, 1, 10])).astype(np.float32)
    g = (1 + 0.5 * rng.standard_normal(N)).astype(np.float32) if affine else None
    b = (0.2 * rng.standard_normal(N)).astype(np.float32) if affine else None
    y, mu, rs = torch.native_layer_norm(torch.from_numpy(X), [N], None if g is None else torch.from_numpy(g), None if b is None else torch.from_numpy(b), eps)
    my, mm, mr = layer_norm(X, np.ones(N, np.float32) if g is None else g, np.zeros(N, np.float32) if b is None else b, eps, opt)
    r = res.setdefault(tag, [0, 0])
    r[0] += y.numel() + 2 * rows
    r[1] += int((u(my) != u(y.numpy())).sum() + (u(mm) != u(mu.numpy().ravel())).sum() + (u(mr) != u(rs.numpy().ravel())).sum())
for _ in range(20): run('width 5', 5, 100); run('width 6', 6, 100)
for _ in range(6): run('width 768', 768, 50)
for _ in range(3): run('width 768, no affine', 768, 20, affine=False)
for N in list(range(1, 70)) + [127, 128, 129, 255, 256, 257, 511, 1000, 1024, 2047, 3072, 4096]: run('widths 1..69 + large', N, 4)
print(cap, {k: '%d/%d values (y, mean, rstd) mismatching' % (v[1], v[0]) for k, v in res.items()}, flush=True)

import numpy as np, torch
from var_model import welford_var, all_var
torch.set_num_threads(1)
rng = np.random.default_rng(5)
u = lambda a: np.asarray(a, np.float32).view(np.uint32)
st = {'dim-1 (rows>1)': [0, 0], 'full / single-row': [0, 0], 'dim0 (non-last)': [0, 0]}
alt = [0, 0]
for it in range(220):
    N = int(rng.choice([2, 3, 5, 6, 7, 8, 16, 17, 64, 100, 768, 1000, 3072]))
    X = (rng.standard_normal((3, N)) * rng.choice([0.01, 1, 30]) + rng.choice([0, 0.5, 5])).astype(np.float32)
    T = torch.from_numpy(X)
    corr = int(rng.integers(0, 2)); sq = bool(rng.integers(0, 2))
    f = torch.std if sq else torch.var
    t = f(T, dim=-1, keepdim=True, correction=corr).numpy().ravel()
    m = np.array([welford_var(r, corr, sq) for r in X], np.float32)
    st['dim-1 (rows>1)'][0] += 3; st['dim-1 (rows>1)'][1] += int((u(t) != u(m)).sum())
    t1 = f(T[:1], dim=-1, keepdim=True, correction=corr).numpy().ravel()
    m1 = all_var(X[0], corr, sq)
    st['full / single-row'][0] += 1; st['full / single-row'][1] += int(u(t1)[0] != u(m1))
    # does the welford model also explain the single-row case? (to show the paths differ)
    alt[0] += 1; alt[1] += int(u(t1)[0] != u(welford_var(X[0], corr, sq)))
    if N <= 1000:
        t0 = f(T.T.contiguous(), dim=0, correction=corr).numpy()
        st['dim0 (non-last)'][0] += 3; st['dim0 (non-last)'][1] += int((u(t0) != u(m)).sum())
print(torch.backends.cpu.get_cpu_capability(), {k: '%d/%d mismatching' % (v[1], v[0]) for k, v in st.items()},
      'single-row case vs Welford model: %d/%d mismatching' % (alt[1], alt[0]))

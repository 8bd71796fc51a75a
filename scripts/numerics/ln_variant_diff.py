import numpy as np
from ln_model import rowwise_moments
rng = np.random.default_rng(3); d = 0; tot = 0
for N in [256, 512, 768, 1024, 2048]*6:
    x = (rng.standard_normal(N) * 0.01 + 5).astype(np.float32)
    a = rowwise_moments(x, dict(fma_update=True, addvec='new', fma_add=True))
    b = rowwise_moments(x, dict(fma_update=True, addvec='new_nofma', fma_add=True))
    tot += 1; d += (a[1] != b[1])
print('variance differs between addvec fma / nofma in', d, 'of', tot)

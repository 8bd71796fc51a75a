"""x stored at a storage offset (view into a larger buffer): small path peels to the 16-byte alignment of each x row."""
import numpy as np, torch
from mm_model import linear_model, small_path
torch.set_num_threads(1)
rng = np.random.default_rng(5); u = lambda a: a.view(np.uint32); tot = bad = 0
for (M, K, N) in [(3, 64, 4), (2, 61, 16), (3, 100, 30), (8, 37, 5), (3, 768, 3072)]:
    for off in (1, 2, 3, 5):
        X = rng.standard_normal((M, K)).astype(np.float32); W = rng.standard_normal((N, K)).astype(np.float32)
        buf = torch.zeros(M * K + 16); buf[off:off + M * K] = torch.from_numpy(X.ravel()); xt = buf[off:off + M * K].view(M, K)
        y = torch.nn.functional.linear(xt, torch.from_numpy(W)).numpy()
        m = small_path(X, W, None, xoff=off); nb = int((u(m) != u(y)).sum()); tot += y.size; bad += nb
        print((M, K, N), 'x storage offset', off, 'mismatching', nb, '/', y.size)
print('total', bad, '/', tot)

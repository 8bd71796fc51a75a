"""(a) 3-D input to linear == 2-D model with M = B*T; (b) generator state after dropout: 2 x 32-bit draws per element."""
import numpy as np, torch
from mm_model import linear_model
from dropout_model import MT19937Torch
torch.set_num_threads(1)
rng = np.random.default_rng(1); u = lambda a: a.view(np.uint32)
for (B, T, K, N) in [(2, 4, 768, 3072), (1, 3, 64, 4), (2, 5, 61, 16)]:
    X = rng.standard_normal((B, T, K)).astype(np.float32); W = rng.standard_normal((N, K)).astype(np.float32); b = rng.standard_normal(N).astype(np.float32)
    y = torch.nn.functional.linear(torch.from_numpy(X), torch.from_numpy(W), torch.from_numpy(b)).numpy().reshape(B * T, N)
    m = linear_model(X.reshape(B * T, K), W, b)
    print('3-D linear', (B, T, K, N), 'mismatches', int((u(m) != u(y)).sum()), '/', y.size)
torch.manual_seed(3); x = torch.randn(0)  # no-op
torch.manual_seed(3); _ = torch.nn.functional.dropout(torch.ones(20), 0.1, True); r = torch.randint(0, 2**31, (4,), dtype=torch.int64)
g = MT19937Torch(3); g.random32(40); raw = g.random32(8)
print('torch.randint after dropout(20):', r.tolist())
print('mt19937 draws 41..48 (after 40 = 2*20 consumed):', raw.tolist())

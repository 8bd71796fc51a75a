"""Full tree for a single output column c (one pair per call) - for remainder columns."""
import sys, numpy as np, torch
from mm_probe2 import build_tree, describe, BIG
torch.set_num_threads(1)
M, K, N, c, row = map(int, sys.argv[1:6])
a_idx, b_idx = np.triu_indices(K, 1); S = np.zeros((K, K), np.int64)
x = torch.ones(M, K)
Ws = np.ones((len(a_idx), N, K), np.float32)
for p, (a, b) in enumerate(zip(a_idx, b_idx)):
    W = np.ones((N, K), np.float32); W[c, a] = BIG; W[c, b] = -BIG
    out = torch.nn.functional.linear(x, torch.from_numpy(W)).numpy()
    S[a, b] = S[b, a] = K - int(np.rint(out[row, c]))
t = build_tree(S)
open('tree_%d_%d_%d_col%d_row%d.txt' % (M, K, N, c, row), 'w').write(repr(t) + '\n')
print(describe(t, maxdepth=4))

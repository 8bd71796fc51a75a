import numpy as np, torch
from dropout_model import dropout
torch.set_num_threads(1)
rng = np.random.default_rng(2)
tot = 0; bad = 0; badmask = 0; alt = {'x*mask/(1-p) float': 0, 'x*float(1/(1-p)) (double recip)': 0}
for p in [0.1, 0.5, 0.2, 0.3, 0.9, 0.05, 1/3]:
    for n in [20, 200000, 1, 7, 33, 1000, 65536, 100001]:
        for seed in [0, 1, 42, 12345, 2**32 + 5]:
            if n >= 65536 and seed not in (0, 42): continue
            x = (rng.standard_normal(n) * 3).astype(np.float32)
            torch.manual_seed(seed)
            y = torch.nn.Dropout(p).train()(torch.from_numpy(x)).numpy()
            my, keep = dropout(x, p, seed)
            tot += n; bad += int((y.view(np.uint32) != my.view(np.uint32)).sum())
            badmask += int(((y != 0) != keep)[x != 0].sum())
            a1 = ((x * keep.astype(np.float32)) / np.float32(1 - p)).astype(np.float32)
            a2 = (x * keep.astype(np.float32) * np.float32(1 / (1 - p))).astype(np.float32)
            alt['x*mask/(1-p) float'] += int((a1.view(np.uint32) != y.view(np.uint32)).sum())
            alt['x*float(1/(1-p)) (double recip)'] += int((a2.view(np.uint32) != y.view(np.uint32)).sum())
print(torch.backends.cpu.get_cpu_capability(), 'dropout model: %d/%d elements mismatching (mask mismatches %d)' % (bad, tot, badmask), 'alternatives:', alt)
# multi-dim & threads: shape (8, 25000), 2 threads
torch.set_num_threads(2)
x = rng.standard_normal((8, 25000)).astype(np.float32)
torch.manual_seed(7); y = torch.nn.functional.dropout(torch.from_numpy(x), 0.1, True).numpy()
my, _ = dropout(x, 0.1, 7)
print('2 threads, (8,25000): mismatches', int((y.ravel().view(np.uint32) != my.view(np.uint32)).sum()))

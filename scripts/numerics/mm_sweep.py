import sys, numpy as np, torch
from mm_blocks import block_starts
shapes = eval(sys.argv[1])
for (M, K, N) in shapes:
    st, S = block_starts(M, K, N)
    chain = all(S[a] == a - max(s for s in st if s <= a) + 2 for a in range(K - 1) if (a + 1) not in st)
    print((M, K, N), 'chain starts', st if len(st) < 12 else st[:12] + ['...'], 'pure sequential chains within blocks:', bool(chain), flush=True)

import sys, numpy as np
from mm_probe2 import lca_matrix, build_tree, describe
M, K, N = map(int, sys.argv[1:4]); md = int(sys.argv[4]) if len(sys.argv) > 4 else 3
rows = eval(sys.argv[5]) if len(sys.argv) > 5 else range(M)
for r in rows:
    S, rd = lca_matrix(M, K, N, row=r)
    t = build_tree(S)
    open('tree_%d_%d_%d_row%d.txt' % (M, K, N, r), 'w').write(repr(t) + '\n')
    print('--- row', r); print(describe(t, maxdepth=md))

"""Faster probe for big K: LCA-size matrix via packed pairs, tree by union-find, compact chain printing, bias probe."""
import sys, numpy as np, torch, json
torch.set_num_threads(int(__import__('os').environ.get('NT', '1')))
BIG = np.float32(2.0 ** 40)
def lca_matrix(M, K, N, row=0, col_filter=None):
    a_idx, b_idx = np.triu_indices(K, 1)
    S = np.zeros((K, K), np.int64); rowdep = 0; coldep = {}
    x = torch.ones(M, K)
    for s in range(0, len(a_idx), N):
        A = a_idx[s:s + N]; B = b_idx[s:s + N]; n = len(A)
        W = np.ones((N, K), np.float32)
        W[np.arange(n), A] = BIG; W[np.arange(n), B] = -BIG
        out = torch.nn.functional.linear(x, torch.from_numpy(W)).numpy()[:, :n]
        rowdep += int((out != out[row:row+1]).any(axis=0).sum())
        v = K - np.rint(out[row]).astype(np.int64)
        S[A, B] = v; S[B, A] = v
    return S, rowdep
def build_tree(S):
    K = S.shape[0]
    cl = np.arange(K)                 # leaf -> cluster id
    tree = {k: k for k in range(K)}
    nxt = K
    iu = np.triu_indices(K, 1); vals = S[iu]
    order = np.argsort(vals, kind='stable')
    sv = vals[order]; A = iu[0][order]; B = iu[1][order]
    i = 0
    while i < len(sv):
        j = i
        while j < len(sv) and sv[j] == sv[i]: j += 1
        parent = {}
        def find(r):
            while parent.get(r, r) != r: r = parent[r]
            return r
        for a, b in zip(A[i:j], B[i:j]):
            ca, cb = find(cl[a]), find(cl[b])
            if ca != cb: parent[cb] = ca
        groups = {}
        for c in set(cl[A[i:j]]) | set(cl[B[i:j]]):
            groups.setdefault(find(c), []).append(c)
        for root, cs in groups.items():
            if len(cs) > 1:
                t = tuple(tree.pop(c) for c in sorted(cs, key=lambda c: min_leaf(tree_cache, c)))  if False else tuple(tree.pop(c) for c in cs)
                tree[nxt] = t
                for c in cs: cl[cl == c] = nxt
                nxt += 1
        i = j
    assert len(tree) == 1, len(tree)
    return next(iter(tree.values()))
def leaves(t):
    return [t] if isinstance(t, int) else [l for c in t for l in leaves(c)]
def describe(t, depth=0, maxdepth=6):
    """Compact: chains printed as chain[start..] + list of added leaves (as ranges)."""
    pad = '  ' * depth
    if isinstance(t, int): return pad + str(t)
    # unroll chain: node = (sub, leaf)
    added = []; cur = t
    while not isinstance(cur, int) and any(isinstance(c, int) for c in cur) and len(cur) == 2:
        a, b = cur
        if isinstance(a, int) and isinstance(b, int):
            added += [max(a, b)]; cur = min(a, b); break
        leaf = a if isinstance(a, int) else b; sub = b if leaf is a else a
        added.append(leaf); cur = sub
    if added:
        added = added[::-1]
        steps = np.diff(added) if len(added) > 1 else []
        st = set(int(s) for s in steps)
        rng_s = ('%d..%d step %s' % (added[0], added[-1], st.pop())) if len(st) == 1 else str(added[:12]) + ('...' if len(added) > 12 else '')
        if isinstance(cur, int):
            return pad + 'chain from leaf %d then add leaves %s (%d adds)' % (cur, rng_s, len(added))
        if depth >= maxdepth: return pad + 'chain(<subtree %d leaves>) + leaves %s' % (len(leaves(cur)), rng_s)
        return pad + 'chain of leaves %s (%d adds) onto:\n' % (rng_s, len(added)) + describe(cur, depth + 1, maxdepth)
    if depth >= maxdepth: return pad + '<subtree of %d leaves, min %d>' % (len(leaves(t)), min(leaves(t)))
    return pad + 'ADD (%s)\n' % ' + '.join(str(len(leaves(c))) + 'L' for c in t) + '\n'.join(describe(c, depth + 1, maxdepth) for c in t)
def bias_probe(M, K, N):
    """out[j] for bias=BIG, W[j,a]=-BIG: K - (#ones lost) -> tells which leaves were summed before the bias met leaf a."""
    res = []
    x = torch.ones(M, K)
    for s in range(0, K, N):
        A = np.arange(s, min(K, s + N)); n = len(A)
        W = np.ones((N, K), np.float32); W[np.arange(n), A] = -BIG
        bias = np.zeros(N, np.float32); bias[:n] = BIG
        out = torch.nn.functional.linear(x, torch.from_numpy(W), torch.from_numpy(bias)).numpy()[0, :n]
        res += (K - 1 - np.rint(out).astype(np.int64)).tolist()   # number of ones swallowed (excluding leaf a)
    return res
if __name__ == '__main__':
    M, K, N = map(int, sys.argv[1:4])
    S, rd = lca_matrix(M, K, N)
    t = build_tree(S)
    open('tree_%d_%d_%d.txt' % (M, K, N), 'w').write(repr(t) + '\n')
    print('shape', (M, K, N), 'row-dependent probe columns:', rd)
    print(describe(t, maxdepth=int(sys.argv[4]) if len(sys.argv) > 4 else 6))
    bp = bias_probe(M, K, N)
    print('bias probe (#ones swallowed before bias meets leaf a), distinct values:', sorted(set(bp))[:20], 'K-1 =', K - 1)

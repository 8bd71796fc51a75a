"""FPRev-style probe of the summation tree used by torch.nn.functional.linear (MKL sgemm) for one output element.
For output (i,j): x[i,:] = 1, W[j,:] = 1 except W[j,a] = +BIG, W[j,b] = -BIG.  Every product is exact, BIG swallows any
partial sum of ones, so out[i,j] = K - size(LCA(a,b)) in the summation tree.  Many (a,b) pairs are packed into different j."""
import sys, numpy as np, torch, itertools, json
torch.set_num_threads(1)
def lca_matrix(M, K, N, with_bias=False, row=0):
    BIG = np.float32(2.0 ** 40)
    pairs = [(a, b) for a in range(K) for b in range(a + 1, K)]
    S = np.zeros((K, K), np.int64)
    x = torch.ones(M, K)
    for s in range(0, len(pairs), N):
        chunk = pairs[s:s + N]
        W = np.ones((N, K), np.float32)
        for j, (a, b) in enumerate(chunk):
            W[j, a] = BIG; W[j, b] = -BIG
        b_ = torch.zeros(N) if with_bias else None
        out = torch.nn.functional.linear(x, torch.from_numpy(W), b_).numpy()
        # all rows should agree
        for j, (a, b) in enumerate(chunk):
            v = out[:, j]
            S[a, b] = S[b, a] = K - int(round(float(v[row])))
            if not np.all(v == v[0]): S[a, b] = S[b, a] = -(K - int(round(float(v[row]))))  # flag row dependence
    return S
def build_tree(S):
    """Ultrametric clustering -> nested tuple tree (leaves are k indices)."""
    K = S.shape[0]
    clusters = {k: k for k in range(K)}     # rep -> tree
    members = {k: {k} for k in range(K)}
    sizes = sorted(set(abs(int(v)) for v in S[np.triu_indices(K, 1)]))
    for s in sizes:
        # merge clusters whose members have lca size == s
        reps = list(members.keys())
        parent = {r: r for r in reps}
        def find(r):
            while parent[r] != r: r = parent[r]
            return r
        for r1, r2 in itertools.combinations(reps, 2):
            a = next(iter(members[r1])); b = next(iter(members[r2]))
            if abs(S[a, b]) == s:
                parent[find(r2)] = find(r1)
        groups = {}
        for r in reps: groups.setdefault(find(r), []).append(r)
        for root, rs in groups.items():
            if len(rs) > 1:
                tot = set().union(*[members[r] for r in rs])
                if len(tot) != s: print('warning: cluster size', len(tot), '!= lca size', s, file=sys.stderr)
                clusters[root] = tuple(clusters[r] for r in rs)
                members[root] = tot
                for r in rs:
                    if r != root: del clusters[r]; del members[r]
    assert len(clusters) == 1
    return next(iter(clusters.values()))
if __name__ == '__main__':
    M, K, N = map(int, sys.argv[1:4])
    S = lca_matrix(M, K, N)
    print('row-dependent pairs:', int((S < 0).sum()) // 2)
    t = build_tree(S)
    print(t)

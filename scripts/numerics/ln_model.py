"""Bit-exact model candidates of PyTorch CPU LayerNorm (moments_utils.h RowwiseMoments + layer_norm_kernel.cpp) in float32."""
import numpy as np
from fma32 import fma32
f32 = np.float32
L = 8
def ceil_log2(x):
    if x <= 2: return 1
    return int(x - 1).bit_length()

def mul(a, b): return (np.asarray(a, f32) * np.asarray(b, f32)).astype(f32)

def rowwise_moments(X, opt):
    X = np.asarray(X, f32); N = len(X)
    n = N // L; m = -(-n // 16); depth = ceil_log2(m)
    fu = opt.get('fma_update', True); av = opt.get('addvec', 'new')
    m0s = [0] * max(depth, 1); m1s = [np.zeros(L, f32) for _ in range(max(depth,1))]; m2s = [np.zeros(L, f32) for _ in range(max(depth,1))]
    cvec = [f32(1) / f32(j + 1) for j in range(16)]
    def addvec(m0_add, m1a, m2a, k):
        m0 = m0s[k]; nn = m0 + m0_add
        c = f32(0) if nn == 0 else f32(f32(m0_add) / f32(nn))
        delta = (m1a - m1s[k]).astype(f32)
        if av == 'new':      # m2_tmp=m2+m2a; cd=c*delta; md=delta*m0; m1+=cd; m2=fma(md,cd,m2_tmp)
            m2_tmp = (m2s[k] + m2a).astype(f32); cd = mul(c, delta); md = mul(delta, f32(m0))
            m1s[k] = (m1s[k] + cd).astype(f32); m2s[k] = fma32(md, cd, m2_tmp)
        elif av == 'new_nofma':
            m2_tmp = (m2s[k] + m2a).astype(f32); cd = mul(c, delta); md = mul(delta, f32(m0))
            m1s[k] = (m1s[k] + cd).astype(f32); m2s[k] = (m2_tmp + mul(md, cd)).astype(f32)
        else:                # old: m1 += c*delta; m2 += m2a + delta*delta*c*m0
            m1s[k] = (m1s[k] + mul(c, delta)).astype(f32)
            m2s[k] = (m2s[k] + (m2a + mul(mul(mul(delta, delta), c), f32(m0))).astype(f32)).astype(f32)
        m0s[k] = nn
    for i in range(m):
        m0 = min(16, n - i * 16)
        m1v = np.zeros(L, f32); m2v = np.zeros(L, f32)
        for j in range(m0):
            x = X[(i * 16 + j) * L:(i * 16 + j + 1) * L]
            d = (x - m1v).astype(f32)
            m1v = fma32(cvec[j], d, m1v) if fu else (m1v + mul(d, cvec[j])).astype(f32)
            t = (x - m1v).astype(f32)
            m2v = fma32(d, t, m2v) if fu else (m2v + mul(d, t)).astype(f32)
        addvec(m0, m1v, m2v, 0)
        mask = i + 1; j = 1
        while j < depth and (mask & 1) == 0:
            # AddMomentsVec(stk[j-1] -> stk[j])
            m0a, m1a, m2a = m0s[j-1], m1s[j-1].copy(), m2s[j-1].copy()
            addvec(m0a, m1a, m2a, j)
            m0s[j-1] = 0; m1s[j-1] = np.zeros(L, f32); m2s[j-1] = np.zeros(L, f32)
            mask >>= 1; j += 1
    for i in range(1, depth):
        addvec(m0s[i], m1s[i].copy(), m2s[i].copy(), 0)
    m1a = m1s[0]; m2a = m2s[0]
    ft = opt.get('fma_tail', False); fa = opt.get('fma_add', False)
    m0 = 0; m1 = f32(0); m2 = f32(0)
    for i in range(n * L, N):
        x = X[i]; d = f32(x - m1); m0 += 1
        m1 = f32(m1 + f32(d / f32(m0)))
        m2 = fma32(d, f32(x - m1), m2)[()] if ft else f32(m2 + f32(d * f32(x - m1)))
    for i in range(L):
        nn = m0 + n
        c = f32(0) if nn == 0 else f32(f32(n) / f32(nn))
        d = f32(m1a[i] - m1)
        if fa:   # m1 = fma(c,d,m1); m2 = m2 + fma(((d*d)*c), m0, m2a)
            m1 = fma32(c, d, m1)[()]
            m2 = f32(m2 + fma32(f32(f32(d * d) * c), f32(m0), m2a[i])[()])
        else:
            m1 = f32(m1 + f32(c * d))
            m2 = f32(m2 + f32(m2a[i] + f32(f32(f32(d * d) * c) * f32(m0))))
        m0 = nn
    return m1, f32(m2 / f32(N))

def layer_norm(X, gamma, beta, eps, opt):
    X = np.asarray(X, f32)
    out = np.empty_like(X); means = []; rstds = []
    for r in range(X.shape[0]):
        mean, var = rowwise_moments(X[r], opt)
        rstd = f32(f32(1) / np.sqrt(f32(var + f32(eps)), dtype=f32))
        t = mul((X[r] + (-mean)).astype(f32), rstd)
        if opt.get('fma_out', False):
            out[r] = fma32(t, gamma, beta)
        else:
            out[r] = (mul(t, gamma) + beta).astype(f32)
        means.append(mean); rstds.append(rstd)
    return out, np.array(means, f32), np.array(rstds, f32)

"""softmax / log_softmax along the last dimension as ATen 2.13 computes them at AVX-512 (16 lanes, SLEEF expf u10,
reduce_all's lane fold), compared bit for bit with torch for W = 8 and 16 (docs/pytorch-numerics.md section 4)."""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault('ATEN_CPU_CAPABILITY', 'avx512')
import numpy as np, torch
from fma32 import fma32
torch.set_num_threads(1)
f32 = np.float32
def sleef_exp(d):
    d = np.asarray(d, f32)
    q = np.rint((d * f32(1.442695040888963407359924681001892137426645954152985934135449406931)).astype(f32)).astype(np.int32)
    qf = q.astype(f32)
    s = fma32(qf, f32(-0.693145751953125), d)
    s = fma32(qf, f32(-1.428606765330187045e-06), s)
    u = f32(0.000198527617612853646278381)
    u = fma32(u, s, f32(0.00139304355252534151077271))
    u = fma32(u, s, f32(0.00833336077630519866943359))
    u = fma32(u, s, f32(0.0416664853692054748535156))
    u = fma32(u, s, f32(0.166666671633720397949219))
    u = fma32(u, s, f32(0.5))
    u = (f32(1) + fma32((s * s).astype(f32), u, s)).astype(f32)
    # ldexp2k: u * 2^(q>>1) * 2^(q-(q>>1))
    h = q >> 1
    u = (u.astype(np.float64) * np.ldexp(1.0, h)).astype(f32)
    u = (u.astype(np.float64) * np.ldexp(1.0, q - h)).astype(f32)
    u = np.where(d < f32(-104), f32(0), u)
    u = np.where(f32(100) < d, f32(np.inf), u)
    u = np.where(np.isnan(d), f32(np.nan), u)
    return u.astype(f32)

def vreduce(v, W, op):
    v = list(v)
    k = W // 2
    while k >= 1:
        v = [op(v[i], v[i ^ k]) for i in range(W)]
        k //= 2
    return v[0]

def reduce_all(x, W, op, zero=f32(0)):
    n = len(x)
    if n < W:
        acc = x[0]
        for i in range(1, n): acc = op(acc, x[i])
        return acc
    acc = list(x[:W]); d = W
    while d < n - n % W:
        acc = [op(a, b) for a, b in zip(acc, x[d:d+W])]; d += W
    if n - d > 0:
        r = n - d
        for l in range(r): acc[l] = op(acc[l], x[d + l])
    return vreduce(acc, W, op)

add = lambda a, b: f32(a + b)
mx = lambda a, b: max(a, b)

def softmax_row(x, W):
    m = reduce_all(x, W, mx)
    e = sleef_exp((x - m).astype(f32))
    s = reduce_all(e, W, add)
    t = f32(f32(1) / s)
    return (e * t).astype(f32)

def logsoftmax_row(x, W, log=np.log):
    m = reduce_all(x, W, mx)
    e = sleef_exp((x - m).astype(f32))
    s = reduce_all(e, W, add)
    ls = f32(np.log(np.float64(s)))  # correctly rounded-ish
    return ((x - m).astype(f32) - ls).astype(f32)

if __name__ == '__main__':
    g = torch.Generator().manual_seed(0)
    for W in (8, 16):
        bad = badl = tot = 0; 
        for n in list(range(1, 70)) + [768, 1000, 50257]:
            for scale in (1.0, 10.0):
                x = (torch.randn(3, n, generator=g) * scale)
                y = torch.softmax(x, -1).numpy(); yl = torch.log_softmax(x, -1).numpy()
                for r in range(3):
                    ym = softmax_row(x[r].numpy(), W)
                    bad += int((ym.view(np.uint32) != y[r].view(np.uint32)).sum()); tot += n
                    ylm = logsoftmax_row(x[r].numpy(), W)
                    badl += int((ylm.view(np.uint32) != yl[r].view(np.uint32)).sum())
        print(W, 'softmax mismatches', bad, 'log', badl, 'of', tot)

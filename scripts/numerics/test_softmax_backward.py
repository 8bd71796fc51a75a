"""softmax/log_softmax backward (last dim: fused or not) and the forward along another dim, against torch."""
from softmax_model import *
import math
def map2_reduce(g, y, W, fuse):
    n = len(g)
    if not fuse:
        p = (g * y).astype(f32)
        return reduce_all(p, W, add)
    # fused: acc = fma(g, y, acc) for later vectors; first vector is plain product
    if n < W:
        p = (g*y).astype(f32); acc = p[0]
        for i in range(1, n): acc = f32(acc + p[i])
        return acc
    acc = list((g[:W]*y[:W]).astype(f32)); d = W
    while d < n - n % W:
        acc = [fma32(g[d+l], y[d+l], acc[l]) for l in range(W)]; d += W
    for l in range(n-d): acc[l] = fma32(g[d+l], y[d+l], acc[l])
    return vreduce(acc, W, add)
g = torch.Generator().manual_seed(1)
res = {}
for n in [1,5,8,16,17,33,100,768]:
    x = torch.randn(4, n, generator=g, requires_grad=True)
    up = torch.randn(4, n, generator=g)
    y = torch.softmax(x, -1); y.backward(up)
    xl = x.detach().clone().requires_grad_(True); yl = torch.log_softmax(xl, -1); yl.backward(up)
    for r in range(4):
        gg = up[r].numpy(); yy = y[r].detach().numpy(); yyl = yl[r].detach().numpy()
        for fuse in (0,1):
            s = map2_reduce(gg, yy, 16, fuse)
            gi = ((gg - s).astype(f32) * yy).astype(f32)
            res[('sm',fuse)] = res.get(('sm',fuse),0) + int((gi.view(np.uint32) != x.grad[r].numpy().view(np.uint32)).sum())
        s = reduce_all(gg, 16, add)
        e = sleef_exp(yyl)
        for fuse in (0,1):
            gi = (gg - (e*s).astype(f32)).astype(f32) if not fuse else fma32(-e, np.full(n, s, f32), gg)
            res[('lsm',fuse)] = res.get(('lsm',fuse),0) + int((gi.view(np.uint32) != xl.grad[r].numpy().view(np.uint32)).sum())
print(res)
# non-last dim forward
bad = {}
for (o, d, i) in [(2,5,3),(2,7,20),(1,4,33),(3,6,16)]:
    x = torch.randn(o, d, i, generator=g)
    y = torch.softmax(x, 1).numpy(); yl = torch.log_softmax(x, 1).numpy(); xn = x.numpy()
    for oo in range(o):
        for j in range(i):
            col = xn[oo, :, j]; vec = j < i - i % 16
            m = col[0]
            for v in col[1:]: m = max(m, v)
            e = sleef_exp((col - m).astype(f32)) if vec else np.array([f32(math.exp(float(v))) for v in (col - m).astype(f32)], f32)
            s = f32(0)
            for v in e: s = f32(s + v)
            out = (e / s).astype(f32)
            bad['sm'] = bad.get('sm',0) + int((out.view(np.uint32) != y[oo,:,j].view(np.uint32)).sum())
            ls = f32(np.log(np.float64(s)))
            outl = ((col - m).astype(f32) - ls).astype(f32)
            bad['lsm'] = bad.get('lsm',0) + int((outl.view(np.uint32) != yl[oo,:,j].view(np.uint32)).sum())
print(bad)

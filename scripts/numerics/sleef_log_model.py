"""SLEEF's logf u10 (xlogf_u1, AVX-512 form) in float32 NumPy. (torch.log itself runs MKL VML here, so the main block's
comparison with it mismatches for both models; test_softmax_log.py checks the model through log_softmax.)"""
import os
os.environ.setdefault('ATEN_CPU_CAPABILITY', 'avx512')
import numpy as np, torch, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fma32 import fma32
f32 = np.float32
def F(x): return np.asarray(x, f32)
def fmapn(a,b,c): return fma32(a, b, -F(c))        # a*b - c
def fmanp(a,b,c): return fma32(-F(a), b, c)        # -a*b + c
def add(a,b): return (F(a)+F(b)).astype(f32)
def sub(a,b): return (F(a)-F(b)).astype(f32)
def mul(a,b): return (F(a)*F(b)).astype(f32)
def dfadd2_vf_vf(x, y):
    s = add(x, y); v = sub(s, x)
    return s, add(sub(x, sub(s, v)), sub(y, v))
def dfdiv(nx, ny, dx, dy):
    t = (f32(1) / F(dx)).astype(f32)
    s = mul(nx, t)
    u = fmapn(t, nx, s)
    v = fmanp(dy, t, fmanp(dx, t, f32(1)))
    return s, fma32(s, v, fma32(ny, t, u))
def dfmul_vf2_vf(xx, xy, y):
    s = mul(xx, y)
    return s, fma32(xy, y, fmapn(xx, y, s))
def slog(d):
    d = F(d)
    e = np.floor(np.log2((d * f32(1/0.75)).astype(f32).astype(np.float64))).astype(f32)
    m = (d.astype(np.float64) / np.exp2(e.astype(np.float64))).astype(f32)
    sx, sy = dfmul_vf2_vf(f32(0.69314718246459960938), f32(-1.904654323148236017e-09), e)
    ax, ay = dfadd2_vf_vf(f32(-1), m)
    bx, by = dfadd2_vf_vf(f32(1), m)
    xx, xy = dfdiv(ax, ay, bx, by)
    x2 = mul(xx, xx)
    t = f32(0.3027294874)
    t = fma32(t, x2, f32(0.3996108174))
    t = fma32(t, x2, f32(0.6666694880))
    # dfadd_vf2_vf2_vf2(s, dfscale(x, 2))
    yx, yy = mul(xx, f32(2)), mul(xy, f32(2))
    s_ = add(sx, yx)
    sy2 = add(add(add(sub(sx, s_), yx), sy), yy)
    sx = s_; sy = sy2
    # dfadd_vf2_vf2_vf(s, x2*x.x*t)
    w = mul(mul(x2, xx), t)
    s_ = add(sx, w)
    sy = add(add(sub(sx, s_), w), sy)
    sx = s_
    return add(sx, sy)
if __name__ == "__main__":
  g = torch.Generator().manual_seed(0)
  x = torch.cat([torch.rand(160000, generator=g) * 10, torch.rand(160000, generator=g) * 1000 + 1, torch.rand(16000, generator=g)*1e-3])
  y = torch.log(x).numpy()
  m = slog(x.numpy())
  cr = np.log(x.numpy().astype(np.float64)).astype(f32)
  print('sleef model mismatches', int((m.view(np.uint32) != y.view(np.uint32)).sum()), 'of', len(y))
  print('correctly rounded mismatches', int((cr.view(np.uint32) != y.view(np.uint32)).sum()))

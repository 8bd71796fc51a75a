"""log_softmax with SLEEF's log versus a correctly rounded log, against torch (rows of 1..39 and 768)."""
from softmax_model import *
from sleef_log_model import slog
def lsm(x, W, logf):
    m = reduce_all(x, W, mx)
    e = sleef_exp((x - m).astype(f32))
    s = reduce_all(e, W, add)
    ls = logf(s)
    return ((x - m).astype(f32) - ls).astype(f32)
g = torch.Generator().manual_seed(5)
bad = {'cr': 0, 'sleef': 0}; tot = 0
for n in list(range(1, 40)) + [768]:
    for scale in (1.0, 10.0):
        x = torch.randn(40, n, generator=g) * scale
        yl = torch.log_softmax(x, -1).numpy()
        for r in range(40):
            xr = x[r].numpy(); tot += n
            a = lsm(xr, 16, lambda s: f32(np.log(np.float64(s))))
            b = lsm(xr, 16, lambda s: f32(slog(np.array([s], f32))[0]))
            bad['cr'] += int((a.view(np.uint32) != yl[r].view(np.uint32)).sum())
            bad['sleef'] += int((b.view(np.uint32) != yl[r].view(np.uint32)).sum())
print(bad, tot)

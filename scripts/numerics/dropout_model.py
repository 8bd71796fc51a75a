"""Model of nn.Dropout(p) training-mode forward on CPU, float32 (Dropout.cpp _dropout_impl -> bernoulli_(1-p) -> div_(1-p) -> mul)."""
import numpy as np
class MT19937Torch:
    """at::mt19937 seeded by torch.manual_seed(s): standard init_genrand(s & 0xffffffff). Uses numpy's MT19937 with legacy seeding."""
    def __init__(self, seed):
        self.bg = np.random.MT19937(0); self.bg._legacy_seeding(seed & 0xffffffff)
    def random32(self, n):
        return self.bg.random_raw(n).astype(np.uint64)
    def random64(self, n):
        r = self.random32(2 * n).reshape(n, 2)
        return (r[:, 0] << np.uint64(32)) | r[:, 1]      # make64BitsFrom32Bits(hi=first draw, lo=second draw)
def dropout(x, p, seed):
    x = np.asarray(x, np.float32).ravel(); n = x.size
    g = MT19937Torch(seed)
    r = g.random64(n)
    u = (r & np.uint64((1 << 53) - 1)).astype(np.float64) * (1.0 / 2**53)   # uniform_real_distribution<double>(0,1)
    keep = u < (1.0 - p)                                                  # bernoulli_distribution<double>(1-p): x < p
    noise = keep.astype(np.float32) / np.float32(1.0 - p)                 # noise.div_(1-p): float32 division by float(1-p)
    return (x * noise).astype(np.float32), keep

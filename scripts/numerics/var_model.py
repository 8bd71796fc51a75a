"""Model of torch.var/std on CPU for float32 (ReduceOps.cpp std_var_out / ReduceOpsKernel.cpp std_var_kernel_impl)."""
import numpy as np, math
from sum_model import inner_sum
f32 = np.float32
def welford_var(row, correction, take_sqrt):
    """Per-output path (result has >1 element): WelfordOps in double, sequential over the reduced dim."""
    mean = 0.0; m2 = 0.0; n = 0
    for x in row.astype(np.float64).tolist():
        n += 1
        delta = x - mean
        mean = mean + delta / float(n)
        m2 = m2 + delta * (x - mean)
    div = n - correction if n > correction else 0.0
    var = m2 / div if div != 0 else (math.nan if m2 == 0 else math.inf)
    return f32(math.sqrt(var) if take_sqrt else var)
def all_var(x, correction, take_sqrt):
    """Full-reduction path (result has exactly 1 element): mean = float32 cascade mean, then double sum of squares."""
    x = np.asarray(x, f32).ravel(); N = x.size
    mean = float(f32(inner_sum(x, 8) / f32(N)))
    s = 0.0
    for v in x.astype(np.float64).tolist():
        dx = v - mean; s += dx * dx
    var = s / max(0.0, N - correction)
    return f32(math.sqrt(var) if take_sqrt else var)

"""Correctly rounded float32 fused multiply-add, vectorised in numpy (round-to-odd in float64, then round to float32)."""
import numpy as np
def fma32(a, b, c):
    a = np.asarray(a, np.float32).astype(np.float64); b = np.asarray(b, np.float32).astype(np.float64)
    c = np.asarray(c, np.float32).astype(np.float64)
    p = a * b                      # exact (24+24 bits)
    s = p + c
    bb = s - p
    e = (p - (s - bb)) + (c - bb)  # TwoSum error, exact
    s = np.asarray(s); e = np.asarray(e)
    bits = s.view(np.int64) if s.ndim else np.array(s).view(np.int64)
    even = (bits & 1) == 0
    fix = (e != 0) & even
    s2 = np.where(fix, np.nextafter(s, s + e), s)   # round-to-odd
    return s2.astype(np.float32)
if __name__ == '__main__':
    from fractions import Fraction
    rng = np.random.default_rng(0); bad = 0
    for _ in range(20000):
        a, b, c = rng.standard_normal(3).astype(np.float32) * np.float32(2.0**rng.integers(-20, 20, 3))
        ex = Fraction(float(a)) * Fraction(float(b)) + Fraction(float(c))
        r = fma32(a, b, c)
        # reference: round exact to float32 via float64 round-to-odd is what we test; compare with exact neighbour search
        cand = [np.float32(float(ex)), np.nextafter(np.float32(float(ex)), np.float32(np.inf)), np.nextafter(np.float32(float(ex)), np.float32(-np.inf))]
        best = min(cand, key=lambda v: (abs(Fraction(float(v)) - ex), int(np.array(v).view(np.uint32)) & 1))
        bad += (best != r)
    print('fma32 self-test mismatches:', bad)

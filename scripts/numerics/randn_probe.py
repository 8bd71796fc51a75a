"""Dumps what randn's 16-at-a-time path starts from and gives, for randn_check.c.

    python3 randn_probe.py N SEED PREFIX      (ATEN_CPU_CAPABILITY=avx512|avx2|default)
writes PREFIX.u: torch.rand(N + 16) after manual_seed(SEED), the float uniforms randn(N) fills
in (the 16 extra are the tail's redraw), and PREFIX.n: torch.randn(N) after the same seed;
raw little-endian float32.
"""
import sys

import torch

torch.set_num_threads(1)
n, seed, prefix = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
torch.manual_seed(seed)
uniforms = torch.rand(n + 16)
torch.manual_seed(seed)
normals = torch.randn(n)
for suffix, values in [(".u", uniforms), (".n", normals)]:
    with open(prefix + suffix, "wb") as out:
        out.write(bytes(values.untyped_storage()))
print(torch.backends.cpu.get_cpu_capability())

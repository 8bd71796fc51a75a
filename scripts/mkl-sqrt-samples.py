"""Writes Tests/Data/mkl-sqrt-sse42.txt: `torch.sqrt` of float32 inputs as PyTorch computes it
with MKL on its SSE4.2 code path, the path the reference values were made on. By hand, on an
Intel x86-64 machine, with a CPU build of PyTorch (which links MKL):

    MKL_ENABLE_INSTRUCTIONS=SSE4_2 python3 scripts/mkl-sqrt-samples.py > Tests/Data/mkl-sqrt-sse42.txt

Each line: the input's IEEE-754 bits and the result's, in hex. The engine's `sqrt` must give the
same bits for every line (NetworkEngineTests/SquareRootTests).
"""
import os
import sys

import numpy as np
import torch

assert os.environ.get("MKL_ENABLE_INSTRUCTIONS") == "SSE4_2", "run with MKL_ENABLE_INSTRUCTIONS=SSE4_2"
rng = np.random.default_rng(20261122)
samples = [
    rng.integers(0x00800000, 0x7F800000, size=6000, dtype=np.uint32),         # normal floats
    np.array([(e << 23) | m for e in range(1, 255) for m in (0, 1, 0x7FFFFF)], dtype=np.uint32),
    rng.integers(1, 0x00800000, size=200, dtype=np.uint32),                   # subnormals
    np.array([0, 1, 0x007FFFFF, 0x7F7FF000, 0x7F7FFFFF, 0x7F800000, 0x3F22F983], dtype=np.uint32),
    rng.integers(0x7F7FE000, 0x7F800000, size=200, dtype=np.uint32),         # the largest floats
]
inputs = np.unique(np.concatenate(samples))
results = torch.sqrt(torch.from_numpy(inputs.view(np.float32).copy())).numpy().view(np.uint32)
sys.stdout.write(f"# torch {torch.__version__}, MKL SSE4.2: input bits, sqrt bits\n")
for x, y in zip(inputs, results):
    sys.stdout.write(f"{x:08x} {y:08x}\n")

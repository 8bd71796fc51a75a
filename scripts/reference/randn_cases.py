"""Writes Tests/Data/reference/randn.json: `torch.randn` and `Tensor.normal_` of 16 or more float32
values, PyTorch's vectorised Box–Muller path (Tests/NetworkEngineTests/RandnTests.swift checks it
bit for bit).

Run by hand with torch 2.13.0+cpu (see README.md in this folder):
    python3 scripts/reference/randn_cases.py
generate.py's pinned environment applies (ATEN_CPU_CAPABILITY=avx512, which runs ATen's AVX2
`normal_fill_16_AVX2`; the default capability computes with glibc's logf/sincosf instead).
Large results are a checksum of their float32 bits plus samples (module_cases.py's encoding).
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True

import generate  # noqa: E402  (sets the pinned environment before torch loads)
import torch  # noqa: E402
from torch import nn  # noqa: E402

from encoding import write_reference  # noqa: E402

DEFAULT_OUTPUT = os.path.join(generate.DEFAULT_OUTPUT, "randn.json")


def randn_cases():
    # Imported here: module_cases imports generate, which may be the script running this.
    from module_cases import bits, checksum

    sizes = []
    for seed, n in enumerate([16, 17, 31, 32, 1000, 4099, 5, 40]):
        torch.manual_seed(seed)
        values = torch.randn(n)
        sizes.append({"seed": seed, "n": n, "out": bits(values), "randAfter": bits(torch.rand(3))})
    normals = []
    for seed, (n, mean, std) in enumerate([(5, 0.5, 2.0), (40, 0.5, 2.0), (33, -3.0, 0.1)]):
        torch.manual_seed(seed)
        normals.append({"seed": seed, "n": n, "mean": mean, "std": std,
                        "out": bits(torch.empty(n).normal_(mean, std))})
    torch.manual_seed(7)
    million = torch.randn(1_000_000)
    large = {"seed": 7, "n": 1_000_000, "checksum": checksum(million), "head": bits(million[:32]),
             "tail": bits(million[-32:]), "randAfter": bits(torch.rand(3))}
    # The chapter's GPT model draws its token table, then its position table, after manual_seed(123).
    torch.manual_seed(123)
    token, position = nn.Embedding(50257, 768), nn.Embedding(1024, 768)
    tables = []
    for name, table, rows in [("token", token, [0, 1, 2, 15496, 50256]), ("position", position, [0, 1, 1023])]:
        tables.append({"name": name, "shape": list(table.weight.shape), "checksum": checksum(table.weight),
                       "rows": rows, "sample": [bits(table.weight[r]) for r in rows]})
    gpt = {"seed": 123, "tables": tables, "randAfter": bits(torch.rand(3))}
    return {"sizes": sizes, "normal": normals, "million": large, "gptTables": gpt}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="the JSON file (default: %(default)s)")
    arguments = parser.parse_args()
    torch.set_num_threads(1)
    origin = {**generate.provenance(), "generator": "scripts/reference/randn_cases.py"}
    print(f"torch {origin['torch']} ({origin['cpuCapability']}) -> {arguments.output}", file=sys.stderr)
    write_reference(arguments.output, origin, randn_cases(), indent=None)


if __name__ == "__main__":
    main()

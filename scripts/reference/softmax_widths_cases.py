"""Writes Tests/Data/reference/softmax_widths.json: softmax and log_softmax, forward and backward,
over rows of every width from 1 to 40 and some odd larger ones, along the last dimension and along
dimension 0 (SoftmaxWidthsTests checks it bit for bit), at AVX512 (16-lane vectors) and, in a child
process with ATEN_CPU_CAPABILITY=avx2, with 8-lane vectors (`avx2`). The question it answers: does PyTorch's
compiled backward fuse the partial last vector of its reduce as LayerNorm's backward does
(docs/pytorch-numerics.md 1c)? Widths that are not a multiple of 16 (or 8 at AVX2) have one.

Run by hand, like generate.py (see README.md in this folder), with torch 2.13.0+cpu:
    python3 scripts/reference/softmax_widths_cases.py
generate.py writes the same file. Inputs are formulas (math_cases' `formula_tensor`), so the test
makes the same inputs.
"""
import argparse
import json
import os
import sys

sys.dont_write_bytecode = True

import reference_environment  # noqa: E402  (pins the environment before torch loads)
import torch  # noqa: E402

from encoding import write_reference  # noqa: E402
from math_cases import formula_tensor  # noqa: E402
from module_cases import bits  # noqa: E402

WIDTHS = list(range(1, 41)) + [47, 63, 65, 100, 127, 129, 255, 769]
ROWS = 3
# formula parameters (multiplier, modulus, scale, offset) of the input and the upstream gradient;
# the last row of the input is multiplied by 4 (exact), for a wider spread of exponents.
INPUT = [7919, 10007, 8.0, 4.0]
UPSTREAM = [4099, 2003, 2.0, 1.0]


def width_cases(widths):
    cases = []
    for width in widths:
        base = formula_tensor([ROWS * width], *INPUT).reshape(ROWS, width)
        base[ROWS - 1] *= 4
        g = formula_tensor([ROWS * width], *UPSTREAM).reshape(ROWS, width)
        for op in ["softmax", "log_softmax"]:
            for dim in [1, 0]:
                x = base.clone().requires_grad_(True)
                y = getattr(torch, op)(x, dim=dim)
                y.backward(g)
                cases.append({"op": op, "width": width, "dim": dim, "gradFn": type(y.grad_fn).__name__,
                              "output": bits(y), "inputGrad": bits(x.grad)})
    return cases


def avx2_cases():
    """The same cases (up to width 129) from a child running ATen's AVX2 kernels."""
    answer = reference_environment.run_at_capability(__file__, "--avx2-child", "avx2")
    assert answer["cpuCapability"] == "AVX2", answer["cpuCapability"]
    return answer["cases"]


def softmax_widths_cases():
    return {"rows": ROWS, "input": INPUT, "upstream": UPSTREAM, "lastRowScale": 4, "cases": width_cases(WIDTHS),
            "avx2": avx2_cases()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(reference_environment.DEFAULT_OUTPUT, "softmax_widths.json"),
                        help="the JSON file (default: %(default)s)")
    parser.add_argument("--avx2-child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    torch.set_num_threads(1)
    if arguments.avx2_child:
        cases = width_cases([w for w in WIDTHS if w <= 129])
        print(json.dumps({"cpuCapability": torch.backends.cpu.get_cpu_capability(), "cases": cases}))
        return
    origin = {**reference_environment.provenance(), "generator": "scripts/reference/softmax_widths_cases.py"}
    print(f"torch {origin['torch']} ({origin['cpuCapability']}) -> {arguments.output}", file=sys.stderr)
    write_reference(arguments.output, origin, softmax_widths_cases(), indent=None)


if __name__ == "__main__":
    main()

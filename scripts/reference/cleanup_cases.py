"""Summation orders and node names left open by the engine's first operations
(Tests/Data/reference/cleanup.json): sums and means over dimensions that are not neighbours,
the gradient of `expand` and of broadcast operands over interleaved dimensions (`sum_to_size`),
`mse_loss` of 1 to 300 values, the grad_fn names of a tensor with a Python number, and
softmax / log_softmax with ATen's AVX2 kernels (made in a child process with
ATEN_CPU_CAPABILITY=avx2).
CleanupReferenceTests.swift reads it.

Run by hand (see README.md in this folder), with torch 2.13.0+cpu:
    python3 scripts/reference/cleanup_cases.py [--output FILE]
generate.py writes the same file.
"""
import argparse
import json
import os
import sys

sys.dont_write_bytecode = True

import reference_environment  # noqa: E402  (pins the environment before torch loads)
import torch  # noqa: E402
from encoding import encode_scalar, float_bits, write_reference  # noqa: E402
from math_cases import formula_tensor  # noqa: E402

# (shape, dims): reduced dimensions with kept ones between them, several reduced blocks,
# contiguous rows of 8 or more and fewer, and sizes of 1 mixed in.
SUM_CASES = [
    ([3, 4, 5], [0, 2]),
    ([2, 3, 4, 5], [0, 2]),
    ([2, 3, 4, 5], [1, 3]),
    ([2, 3, 4, 5], [0, 3]),
    ([2, 3, 4, 5], [0, 1, 3]),
    ([2, 3, 4, 5, 6], [0, 2, 4]),
    ([2, 3, 4, 5, 6], [1, 3]),
    ([4, 9, 3, 17], [0, 2]),
    ([3, 16, 2, 40], [1, 3]),
    ([7, 33, 2, 9], [0, 2]),
    ([40, 3, 20], [0, 2]),
    ([9, 2, 11, 3], [0, 2]),
    ([3, 1, 4, 5], [0, 3]),
    ([6, 5, 70, 2], [0, 2]),
    ([33, 4, 6], [0, 2]),
    ([2, 3, 4, 5, 6], [0, 3, 4]),
    ([4, 3, 5, 6, 2], [0, 2, 3]),
    ([3, 5, 2, 4, 9], [0, 1, 3, 4]),
]

# (input shape, expanded shape): expand's gradient is sum_to_size over the stretched dimensions.
EXPAND_CASES = [
    ([2, 1, 4], [3, 2, 5, 4]),
    ([1, 3, 1], [4, 3, 6]),
    ([5, 1, 1, 7], [2, 5, 3, 9, 7]),
    ([1, 8, 1, 16], [3, 8, 10, 16]),
    ([3, 1, 2, 1], [3, 19, 2, 5]),
    ([1, 6, 1, 1, 9], [4, 6, 2, 3, 9]),
    ([4, 1, 40], [3, 4, 9, 40]),
]

# (a's shape, b's shape) of a * b: the gradient of each operand summed back to its shape.
BROADCAST_CASES = [
    ([2, 1, 4], [3, 2, 5, 4]),
    ([5, 1, 3], [1, 7, 1]),
    ([1, 12, 1, 10], [6, 1, 9, 1]),
]

# Expressions with a Python number; `print(tensor)` shows these node names.
NAME_CASES = {
    "x + 2": lambda x: x + 2, "2 + x": lambda x: 2 + x, "x - 2": lambda x: x - 2,
    "2 - x": lambda x: 2 - x, "x * 2": lambda x: x * 2, "2 * x": lambda x: 2 * x,
    "x / 2": lambda x: x / 2, "2 / x": lambda x: 2 / x, "x.add(2)": lambda x: x.add(2),
    "x.sub(2)": lambda x: x.sub(2), "x.mul(2)": lambda x: x.mul(2), "x.div(2)": lambda x: x.div(2),
}


def encode_tensor(t):
    """{shape, bits} (no decimal copy: the file stays small, the tests read the bits)."""
    return {"shape": list(t.shape), "bits": [float_bits(v) for v in t.detach().reshape(-1).tolist()]}


def randn(shape, seed):
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))


def sum_cases():
    cases = []
    for seed, (shape, dims) in enumerate(SUM_CASES):
        x = randn(shape, 100 + seed)
        keepdim = seed % 2 == 1
        cases.append({"shape": shape, "dims": dims, "keepDim": keepdim, "input": encode_tensor(x),
                      "sum": encode_tensor(x.sum(dims, keepdim=keepdim)),
                      "mean": encode_tensor(x.mean(dims, keepdim=keepdim))})
    return cases


def expand_cases():
    cases = []
    for seed, (shape, target) in enumerate(EXPAND_CASES):
        x = randn(shape, 200 + seed).requires_grad_(True)
        y = x.expand(*target)
        upstream = randn(target, 300 + seed)
        y.backward(upstream)
        cases.append({"shape": shape, "target": target, "input": encode_tensor(x), "upstream": encode_tensor(upstream),
                      "gradFn": type(y.grad_fn).__name__, "grad": encode_tensor(x.grad)})
    return cases


def broadcast_cases():
    cases = []
    for seed, (shape_a, shape_b) in enumerate(BROADCAST_CASES):
        a = randn(shape_a, 400 + seed).requires_grad_(True)
        b = randn(shape_b, 500 + seed).requires_grad_(True)
        y = a * b
        upstream = randn(list(y.shape), 600 + seed)
        y.backward(upstream)
        cases.append({"a": encode_tensor(a), "b": encode_tensor(b), "upstream": encode_tensor(upstream),
                      "gradA": encode_tensor(a.grad), "gradB": encode_tensor(b.grad)})
    return cases


def mse_cases():
    """mse_loss of n values for n = 1..300 (input and target by math_cases' formula, written as
    the formula), and three broadcasting pairs (randn)."""
    cases = []
    for n in range(1, 301):
        x = formula_tensor([n], 7919 + n, 10007, 6.0, 3.0)
        t = formula_tensor([n], 104729 + 3 * n, 50021, 2.0, 1.0)
        cases.append({"input": {"shape": [n], "formula": x.formula}, "target": {"shape": [n], "formula": t.formula},
                      "loss": encode_scalar(torch.nn.functional.mse_loss(x, t).item())})
    for seed, (shape_x, shape_t) in enumerate([([7, 1], [7, 5]), ([20, 3], [3]), ([4, 9, 1], [9, 13])]):
        x, t = randn(shape_x, 9000 + seed), randn(shape_t, 9100 + seed)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loss = torch.nn.functional.mse_loss(x, t)
        cases.append({"input": encode_tensor(x), "target": encode_tensor(t), "loss": encode_scalar(loss.item())})
    return cases


def name_cases():
    x = randn([3], 7).requires_grad_(True)
    return [{"expression": text, "gradFn": type(op(x).grad_fn).__name__} for text, op in NAME_CASES.items()]


# softmax / log_softmax at ATEN_CPU_CAPABILITY=avx2 (8-lane vectors): (shape, dim).
SOFTMAX_AVX2_CASES = [([1], 0), ([5], 0), ([8], 0), ([9], 0), ([16], 0), ([17], 0), ([33], 0), ([3, 768], 1),
                      ([4, 7], 0), ([5, 20], 0), ([2, 6, 19], 1), ([3, 4, 5], 0), ([2, 11, 8], 2)]


def softmax_avx2_child():
    """Run in a child with ATEN_CPU_CAPABILITY=avx2: prints the cases as JSON."""
    torch.set_num_threads(1)
    cases = []
    for seed, (shape, dim) in enumerate(SOFTMAX_AVX2_CASES):
        x = randn(shape, 700 + seed) * 3
        if shape == [5]:
            x[1] = float("-inf")
        for op in ("softmax", "log_softmax"):
            leaf = x.clone().requires_grad_(True)
            y = getattr(torch, op)(leaf, dim)
            upstream = randn(shape, 800 + seed)
            y.backward(upstream)
            cases.append({"op": op, "dim": dim, "input": encode_tensor(x), "upstream": encode_tensor(upstream),
                          "result": encode_tensor(y), "grad": encode_tensor(leaf.grad), "gradFn": type(y.grad_fn).__name__,
                          "cpuCapability": torch.backends.cpu.get_cpu_capability()})
    json.dump(cases, sys.stdout)


def softmax_avx2_cases():
    cases = reference_environment.run_at_capability(__file__, "--softmax-avx2-child", "avx2")
    assert all(case["cpuCapability"] == "AVX2" for case in cases)
    return cases


def cleanup_cases():
    return {"sums": sum_cases(), "expand": expand_cases(), "broadcast": broadcast_cases(),
            "mse": mse_cases(), "names": name_cases(), "softmaxAVX2": softmax_avx2_cases()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(reference_environment.DEFAULT_OUTPUT, "cleanup.json"),
                        help="the JSON file (default: %(default)s)")
    parser.add_argument("--softmax-avx2-child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.softmax_avx2_child:
        return softmax_avx2_child()
    torch.set_num_threads(1)
    write_reference(arguments.output, reference_environment.provenance(), cleanup_cases(), None)


if __name__ == "__main__":
    main()

"""Writes Tests/Data/reference/residuals.json: the cases that pinned the last differences between
the engine and PyTorch in the optimizer runs, bias sums and LayerNorm's backward
(Tests/NetworkEngineTests/ResidualsReferenceTests.swift checks it; docs/pytorch-numerics.md 1c,
3b and 4 say what each one showed).

Run by hand, like generate.py (see README.md in this folder), with torch 2.13.0+cpu:
    python3 scripts/reference/residuals_cases.py
generate.py writes the same file. Inputs are formulas (`formula_tensor`, module_cases' `pattern`)
or the optimizer runs' seeded model, so the tests make the same inputs.
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True

import reference_environment  # noqa: E402  (pins the environment before torch loads)
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from encoding import write_reference  # noqa: E402
from math_cases import formula_tensor  # noqa: E402
from module_cases import OPTIMIZERS, bits, checksum, layer_norm_inputs, mlp, pattern  # noqa: E402

# (m, k, n) of `mm` outside MKL's GEMM path (m < 4 or n < 12): rows that do not start on a
# 16-byte boundary are peeled, and with n >= 5 the peeled outputs take another order.
PRODUCTS = [(32, 8, 10), (32, 8, 7), (32, 8, 5), (32, 16, 6), (32, 30, 9), (17, 13, 11), (6, 17, 6), (4, 64, 11),
            (9, 99, 7), (3, 40, 5), (2, 25, 9), (39, 64, 10), (12, 7, 6), (7, 33, 4), (5, 20, 3), (8, 1, 9)]
# (batch, m, k, n) of `bmm`: below k·m·n = 400 a plain loop, else MKL per batch (the peel counts
# from the batch's start in the result).
BATCHED = [(2, 4, 8, 11), (3, 2, 18, 10), (4, 4, 8, 12), (3, 5, 9, 7), (2, 6, 30, 10), (4, 3, 40, 6), (2, 7, 12, 9)]
LAYER_NORM_WIDTHS = list(range(1, 101)) + [768]


def product_cases():
    """`mm(a, b)` with a contiguous or transposed left operand, the weight gradient of
    `F.linear`, and `bmm`; the inputs are `formula_tensor`s with the listed parameters."""
    out = []
    for m, k, n in PRODUCTS:
        for transposed in [False, True]:
            a = formula_tensor([m * k], 7919, 10007, 4.0, 2.0).reshape(m, k)
            b = formula_tensor([k * n], 104729, 50021, 2.0, 1.0).reshape(k, n)
            left = a.t().contiguous().t() if transposed else a
            out.append({"m": m, "k": k, "n": n, "leftTransposed": transposed, "result": bits(torch.mm(left, b))})
    linear = []
    for rows, inputs, outputs in [(8, 10, 32), (8, 32, 3), (5, 9, 16), (12, 7, 20)]:
        x = formula_tensor([rows * inputs], 7919, 10007, 4.0, 2.0).reshape(rows, inputs).requires_grad_(True)
        w = formula_tensor([outputs * inputs], 104729, 50021, 2.0, 1.0).reshape(outputs, inputs).requires_grad_(True)
        bias = torch.zeros(outputs, requires_grad=True)
        g = formula_tensor([rows * outputs], 4099, 2003, 1.0, 0.5).reshape(rows, outputs)
        F.linear(x, w, bias).backward(g)
        linear.append({"rows": rows, "in": inputs, "out": outputs, "inputGrad": bits(x.grad),
                       "weightGrad": bits(w.grad), "biasGrad": bits(bias.grad)})
    batched = []
    for batch, m, k, n in BATCHED:
        a = formula_tensor([batch * m * k], 7919, 10007, 4.0, 2.0).reshape(batch, m, k)
        b = formula_tensor([batch * k * n], 104729, 50021, 2.0, 1.0).reshape(batch, k, n)
        batched.append({"batch": batch, "m": m, "k": k, "n": n, "result": bits(torch.bmm(a, b))})
    return {"inputs": {"a": [7919, 10007, 4.0, 2.0], "b": [104729, 50021, 2.0, 1.0], "upstream": [4099, 2003, 1.0, 0.5]},
            "mm": out, "linearBackward": linear, "bmm": batched}


def column_sum_cases():
    """`x.sum(0)` of x = the first rows·width values of one formula as a contiguous [rows, width]
    tensor, rows 1..300 and width 1..70: a checksum per rows (the sums of widths 1..70, in
    order, concatenated) and per width (rows 1..300)."""
    base = formula_tensor([300 * 70], 7919, 10007, 6.0, 3.0)
    sums = {(rows, width): base[:rows * width].reshape(rows, width).sum(0)
            for rows in range(1, 301) for width in range(1, 71)}
    return {"formula": [7919, 10007, 6.0, 3.0],
            "byRows": [checksum(torch.cat([sums[(rows, w)] for w in range(1, 71)])) for rows in range(1, 301)],
            "byWidth": [checksum(torch.cat([sums[(r, width)] for r in range(1, 301)])) for width in range(1, 71)]}


def layer_norm_backward_cases():
    """Gradients of sum(norm(x) * g) at widths 1..100 and 768, 3 rows, the last shifted by 100,
    with and without affine parameters: module_cases' inputs. Checksums; all bits up to width 16."""
    out = []
    for width in LAYER_NORM_WIDTHS:
        for affine in [True, False]:
            x, norm = layer_norm_inputs(width, 3, affine)
            x.requires_grad_(True)
            (norm(x) * pattern([3, width], 4099, 512.0, 1.7)).sum().backward()
            case = {"width": width, "affine": affine, "inputGrad": checksum(x.grad)}
            if width <= 16:
                case["inputGradBits"] = bits(x.grad)
            if affine:
                case["weightGrad"] = checksum(norm.weight.grad)
                case["biasGrad"] = checksum(norm.bias.grad)
            out.append(case)
    return out


def adam_square_roots():
    """The Adam runs of module_cases.py (20 steps each): every square root `_single_tensor_adam`
    takes (of `exp_avg_sq`, or `max_exp_avg_sq` with amsgrad) whose float32 bits differ from the
    correctly rounded root, as pairs of hex bits "input root". On the reference CPU, MKL's SSE4.2
    `vsSqrt` refines the CPU's own `rsqrtss` estimate, and that estimate is the CPU maker's."""
    pairs = {}
    for name, make, loss_name in OPTIMIZERS:
        if not name.startswith("adam"):
            continue
        model, x = mlp(0)
        target = torch.randn(8, 3) if loss_name == "mse" else torch.tensor([0, 2, 1, 1, 0, 2, 2, 1])
        optimizer = make(model.parameters())
        for _ in range(20):
            optimizer.zero_grad()
            out = model(x)
            loss = F.mse_loss(out, target) if loss_name == "mse" else F.cross_entropy(out, target)
            loss.backward()
            optimizer.step()
            for p in model.parameters():
                state = optimizer.state[p]
                second = state["max_exp_avg_sq"] if "max_exp_avg_sq" in state else state["exp_avg_sq"]
                second = second.reshape(-1)
                roots = second.sqrt()
                rounded = second.double().sqrt().float()
                differ = (roots.view(torch.int32) != rounded.view(torch.int32)).nonzero().reshape(-1).tolist()
                for i in differ:
                    pairs[bits(second[i:i + 1])] = bits(roots[i:i + 1])
    return [f"{k} {v}" for k, v in sorted(pairs.items())]


def residuals_cases():
    return {"products": product_cases(), "columnSums": column_sum_cases(),
            "layerNormBackward": layer_norm_backward_cases(), "adamSquareRoots": adam_square_roots()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(reference_environment.DEFAULT_OUTPUT, "residuals.json"),
                        help="the JSON file (default: %(default)s)")
    arguments = parser.parse_args()
    torch.set_num_threads(1)
    origin = {**reference_environment.provenance(), "generator": "scripts/reference/residuals_cases.py"}
    print(f"torch {origin['torch']} ({origin['cpuCapability']}) -> {arguments.output}", file=sys.stderr)
    write_reference(arguments.output, origin, residuals_cases(), indent=None)


if __name__ == "__main__":
    main()

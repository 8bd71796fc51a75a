"""Writes Tests/Data/reference/matmul.json: PyTorch's F.linear and matmul, forward and backward,
on the shapes the chapter's GPT uses (its 124M model's products on 8 rows and on the rows of
generation, attention's batched products) and on odd shapes that take MKL's other paths.

Written by generate.py with the other files, or alone (same pinned environment, torch 2.13.0+cpu):
    python3 scripts/reference/matmul_cases.py
Inputs are not stored: element i of an input made with seed s is `hashed(i, s)` below (a float32
in [-0.5, 0.5) with 24 significant bits, exact), which the Swift tests compute the same way.
Large outputs are stored at sampled positions (`at`), small ones whole.
"""
import os
import sys

sys.dont_write_bytecode = True

import generate  # noqa: E402  (sets the pinned environment before torch loads)
import torch  # noqa: E402
from encoding import float_bits, write_reference  # noqa: E402

MASK = 0xFFFFFFFF


def hashed(count, seed):
    """Element i: a 32-bit mix of i and seed, its top 24 bits scaled to [0, 1), minus 1/2."""
    h = (torch.arange(count, dtype=torch.int64) * 2654435761 + seed * 40503) & MASK
    h = h ^ (h >> 15)
    h = (h * 2246822519) & MASK
    h = h ^ (h >> 13)
    return ((h >> 8).to(torch.float64) * 2.0 ** -24 - 0.5).to(torch.float32)


def made(shape, seed, grad=True):
    count = 1
    for size in shape:
        count *= size
    t = hashed(count, seed).reshape(shape)
    return t.requires_grad_(grad)


def encode(t, limit=4096):
    """Whole when small; else 256 elements at spread positions (`at`, row-major)."""
    flat = t.detach().contiguous().reshape(-1)
    if flat.numel() <= limit:
        positions = list(range(flat.numel()))
        out = {"shape": list(t.shape), "bits": [float_bits(v) for v in flat.tolist()]}
    else:
        n = flat.numel()
        positions = sorted({(i * 7919 * 1009 + i * i * 31) % n for i in range(256)} | {0, n - 1})
        values = flat[torch.tensor(positions)].tolist()
        out = {"shape": list(t.shape), "at": positions, "bits": [float_bits(v) for v in values]}
    return out


# (rows, inFeatures, outFeatures, bias, backward)
LINEAR = [
    (8, 768, 2304, False, True), (8, 768, 768, True, True), (8, 768, 3072, True, True), (8, 3072, 768, True, True),
    (8, 768, 50257, False, False), (1, 768, 50257, False, False), (4, 768, 50257, False, False),
    (9, 768, 50257, False, False), (1, 768, 2304, False, True), (1, 768, 3072, True, True), (1, 3072, 768, True, True),
    (3, 64, 4, True, True), (7, 76, 51, True, True), (2, 5, 3, True, True), (5, 8, 3, True, True),
    (6, 10, 20, True, True), (4, 100, 12, False, True), (3, 100, 12, True, True), (1, 13, 9, True, True),
    (9, 200, 1, True, True), (5, 1, 9, True, True), (8, 385, 30, True, True), (8, 300, 16, True, True),
    (6, 17, 6, True, True), (13, 1000, 37, True, True), (16, 4096, 20, True, True), (2, 4096, 13, False, True),
    (1, 4096, 7, True, True), (1, 33, 12, True, True), (12, 33, 1, True, True), (3, 7, 11, True, True),
]

# (id, left shape, right shape, right made as a transpose of a contiguous tensor)
MATMUL = [
    ("attention-scores", [2, 12, 4, 64], [2, 12, 64, 4], True),
    ("attention-scores-contiguous", [2, 12, 4, 64], [2, 12, 64, 4], False),
    ("attention-context", [2, 12, 4, 4], [2, 12, 4, 64], False),
    ("generation-scores", [1, 12, 9, 64], [1, 12, 64, 9], True),
    ("generation-context", [1, 12, 9, 9], [1, 12, 9, 64], False),
    ("folded", [2, 4, 768], [768, 50], False),
    ("folded-small", [2, 3, 10], [10, 5], False),
    ("dot", [5], [5], False),
    ("dot-long", [1000], [1000], False),
    ("matrix-vector", [3, 5], [5], False),
    ("matrix-vector-long", [13, 300], [300], False),
    ("vector-matrix", [5], [5, 3], False),
    ("matrices", [3, 5], [5, 4], False),
    ("matrices-gemm", [8, 200], [200, 40], False),
    ("matrices-transposed", [6, 4], [4, 6], True),
    ("causal", [6, 4], [4, 6], False),
    ("broadcast", [2, 1, 4, 5], [3, 5, 6], False),
    ("vector-batch", [5], [2, 5, 3], False),
    ("batch-vector", [2, 3, 5], [5], False),
]


def linear_cases():
    cases = []
    for seed, (rows, k, n, with_bias, backward) in enumerate(LINEAR):
        x, w = made([rows, k], 3 * seed + 1, backward), made([n, k], 3 * seed + 2, backward)
        b = made([n], 3 * seed + 3, backward) if with_bias else None
        y = torch.nn.functional.linear(x, w, b)
        case = {"kind": "linear", "id": f"linear-{rows}x{k}x{n}{'-bias' if with_bias else ''}", "rows": rows, "inFeatures": k,
                "outFeatures": n, "bias": with_bias, "xSeed": 3 * seed + 1, "weightSeed": 3 * seed + 2,
                "biasSeed": 3 * seed + 3, "output": encode(y)}
        if backward:
            g = made([rows, n], 1000 + seed, False)
            y.backward(g)
            case.update(gradSeed=1000 + seed, xGrad=encode(x.grad), weightGrad=encode(w.grad))
            if with_bias:
                case["biasGrad"] = encode(b.grad)
        cases.append(case)
    return cases


def matmul_cases():
    cases = []
    for seed, (name, a_shape, b_shape, transposed) in enumerate(MATMUL):
        a = made(a_shape, 5000 + 3 * seed)
        if transposed:
            # PyTorch's view: made as [..., n, k] and transposed, so MKL reads it as F.linear's weight.
            stored = made(b_shape[:-2] + [b_shape[-1], b_shape[-2]], 5001 + 3 * seed, False)
            b_leaf = stored.clone().requires_grad_(True)
            b = b_leaf.transpose(-2, -1)
        else:
            b_leaf = made(b_shape, 5001 + 3 * seed)
            b = b_leaf
        y = a @ b
        g = made(list(y.shape), 5002 + 3 * seed, False)
        y.backward(g)
        b_grad = b_leaf.grad.transpose(-2, -1) if transposed else b_leaf.grad
        cases.append({"kind": "matmul", "id": name, "left": a_shape, "right": b_shape, "rightTransposed": transposed,
                      "leftSeed": 5000 + 3 * seed, "rightSeed": 5001 + 3 * seed, "gradSeed": 5002 + 3 * seed,
                      "gradFn": y.grad_fn.name(), "output": encode(y), "leftGrad": encode(a.grad),
                      "rightGrad": encode(b_grad)})
    return cases


def matmul_reference_cases():
    """Every case of matmul.json: F.linear's, then matmul's."""
    return linear_cases() + matmul_cases()


def main():
    torch.set_num_threads(1)
    output = os.path.join(generate.DEFAULT_OUTPUT, "matmul.json")
    write_reference(output, generate.provenance(), matmul_reference_cases(), 1)
    print(f"wrote {output}", file=sys.stderr)


if __name__ == "__main__":
    main()

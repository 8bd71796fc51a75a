"""Cases for Tests/Data/reference/math.json: softmax and log_softmax, reductions (sum/mean over
several dims, max/min with and without dim, argmax/argmin, var/std), clamp, and the losses
(cross_entropy with class indices and probabilities, binary_cross_entropy and the logits form).

Each case gives its inputs, the result, the gradients of the inputs for a seeded upstream
gradient (`upstream`), PyTorch's grad_fn name, and for bad inputs the error text. generate.py
calls `math_cases()` and writes math.json; the engine's tests read it.
"""
import math

import torch

from encoding import encode_tensor

LENGTHS = [1, 5, 8, 16, 17, 768, 50257]


def formula_tensor(shape, multiplier, modulus, scale, offset):
    """Element i is float32(((i * multiplier) % modulus) / modulus * scale - offset), computed in
    double: the tests make the same long inputs from the formula instead of reading them."""
    count = 1
    for size in shape:
        count *= size
    values = [((i * multiplier) % modulus) / modulus * scale - offset for i in range(count)]
    t = torch.tensor(values, dtype=torch.float64).to(torch.float32).reshape(shape)
    t.formula = [multiplier, modulus, scale, offset]
    return t


def _encode(t):
    """encode_tensor; a long one made by `formula_tensor` is written as its formula, and other
    long ones without the decimal copy (the bits are what the tests read)."""
    formula = getattr(t, "formula", None)
    if formula is not None:
        return {"shape": list(t.shape), "formula": formula}
    encoded = encode_tensor(t)
    # JSON has no NaN or infinity: the decimal copy spells them as strings (the bits are exact).
    encoded["values"] = [v if math.isfinite(v) else str(v) for v in encoded["values"]]
    if t.numel() > 1000:
        # A sample keeps the file small: the first and last 64 elements and every 97th.
        n = t.numel()
        picked = sorted(set(range(64)) | set(range(n - 64, n)) | set(range(0, n, 97)))
        encoded = {"shape": list(t.shape), "sample": picked, "bits": [encoded["bits"][i] for i in picked]}
    return encoded


def _ints(t):
    return {"shape": list(t.shape), "integers": [int(v) for v in t.reshape(-1).tolist()]}


def _run(op, inputs, seed):
    """op(*leaves) -> result (or (values, indices)); backward with a seeded upstream gradient."""
    leaves = [t.clone().requires_grad_(t.is_floating_point()) if isinstance(t, torch.Tensor) else t for t in inputs]
    out = op(*leaves)
    values, indices = (out if isinstance(out, tuple) else (out, None))
    case = {"inputs": [_encode(t) if t.is_floating_point() else _ints(t) for t in inputs],
            "result": _encode(values), "gradFn": type(values.grad_fn).__name__ if values.grad_fn else None}
    if indices is not None:
        case["indices"] = _ints(indices)
    g = torch.Generator().manual_seed(seed)
    if values.numel() > 1000:
        upstream = formula_tensor(list(values.shape), 7919, 10007, 2.0, 1.0)
    else:
        upstream = torch.randn(values.shape, generator=g)
    case["upstream"] = _encode(upstream)
    values.backward(upstream)
    case["grads"] = [_encode(t.grad) if isinstance(t, torch.Tensor) and t.requires_grad else None for t in leaves]
    return case


def _randn(shape, seed, scale=1.0, shift=0.0):
    """scale * randn(shape) + shift; a long one uniform over scale * [-3, 3) + shift by formula."""
    if math.prod(shape) > 1000:
        return formula_tensor(list(shape), 104729 + seed, 50021, 6.0 * scale, 3.0 * scale - shift)
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed)) * scale + shift


def _error(op):
    try:
        op()
    except (RuntimeError, ValueError, IndexError) as error:
        return str(error).splitlines()[0]
    return None


def softmax_cases():
    cases = []
    seed = 100
    for n in LENGTHS:
        rows = 1 if n > 1000 else 3
        for scale in ((1.0,) if n > 1000 else (1.0, 8.0)):
            seed += 1
            x = _randn((rows, n), seed, scale)
            for name, op in (("softmax", lambda t: torch.softmax(t, -1)), ("logSoftmax", lambda t: torch.log_softmax(t, -1))):
                cases.append({"op": name, "dim": -1, **_run(op, [x], seed + 7)})
    # Causal-mask rows (-inf above the diagonal) and a row of one finite value.
    seed += 1
    x = _randn((5, 5), seed).masked_fill(torch.triu(torch.ones(5, 5), 1).bool(), float("-inf"))
    for name, op in (("softmax", lambda t: torch.softmax(t, -1)), ("logSoftmax", lambda t: torch.log_softmax(t, -1))):
        cases.append({"op": name, "dim": -1, **_run(op, [x], seed + 7)})
    # Other dimensions: a column block of 16 and its scalar tail, and a middle dimension.
    for shape, dim in (((7, 20), 0), ((2, 5, 3), 1), ((2, 6, 17), 1), ((4, 3, 2), 0), ((3, 4), 1), ((3,), 0)):
        seed += 1
        x = _randn(shape, seed, 3.0)
        for name, op in (("softmax", lambda t, d=dim: torch.softmax(t, d)),
                         ("logSoftmax", lambda t, d=dim: torch.log_softmax(t, d))):
            cases.append({"op": name, "dim": dim, **_run(op, [x], seed + 7)})
    return cases


def reduction_cases():
    cases = []
    seed = 300
    for n in LENGTHS:
        seed += 1
        x = _randn((n,), seed)
        cases.append({"op": "sum", **_run(lambda t: t.sum(), [x], seed)})
        cases.append({"op": "max", **_run(lambda t: t.max(), [x], seed)})
        if n > 1000:
            continue
        cases.append({"op": "mean", **_run(lambda t: t.mean(), [x], seed)})
        cases.append({"op": "min", **_run(lambda t: t.min(), [x], seed)})
        if True:
            for unbiased in (True, False):
                cases.append({"op": "var", "unbiased": unbiased, **_run(lambda t, u=unbiased: t.var(unbiased=u), [x], seed)})
                cases.append({"op": "std", "unbiased": unbiased, **_run(lambda t, u=unbiased: t.std(unbiased=u), [x], seed)})
    clue = torch.tensor([0.5528360605239868, 1.069316029548645, -0.02231919765472412, 0.26555439829826355,
                         -1.8653874397277832, 0.9086654782295227, -1.3766827583312988, -0.9563901424407959,
                         1.1303749084472656, 0.294032484292984])
    cases.append({"op": "sum", **_run(lambda t: t.sum(), [clue], 1)})
    cases.append({"op": "mean", **_run(lambda t: t.mean(), [clue], 1)})
    for shape, dims, keep in (((4, 5, 6), [0, 1], False), ((4, 5, 6), [1, 2], True), ((4, 5, 6), [0, 1, 2], False),
                              ((3, 17, 40), [1, 2], False), ((2, 3, 4), [-1, -2], False), ((6, 33), [0], True)):
        seed += 1
        x = _randn(shape, seed)
        cases.append({"op": "sum", "dims": dims, "keepDim": keep, **_run(lambda t, d=dims, k=keep: t.sum(d, keepdim=k), [x], seed)})
        cases.append({"op": "mean", "dims": dims, "keepDim": keep, **_run(lambda t, d=dims, k=keep: t.mean(d, keepdim=k), [x], seed)})
    # max/min over a dim (values and indices), with ties; argmax/argmin.
    ties = torch.tensor([[1.0, 3.0, 3.0, -2.0], [0.5, 0.5, 0.5, 0.5], [-1.0, -4.0, 2.0, -4.0]])
    for shape, dim, keep in (((3, 4), 1, False), ((3, 4), 0, True), ((2, 5, 17), 1, False), ((4, 20), -1, True)):
        seed += 1
        x = ties if shape == (3, 4) else _randn(shape, seed)
        for name in ("max", "min"):
            cases.append({"op": name, "dim": dim, "keepDim": keep,
                          **_run(lambda t, d=dim, k=keep, f=name: tuple(getattr(t, f)(d, keepdim=k)), [x], seed)})
            arg = "argmax" if name == "max" else "argmin"
            cases.append({"op": arg, "dim": dim, "keepDim": keep, "inputs": [encode_tensor(x)],
                          "indices": _ints(getattr(x, arg)(dim, keepdim=k if False else keep))})
        cases.append({"op": "max", **_run(lambda t: t.max(), [ties], seed)})
        cases.append({"op": "argmin", "inputs": [encode_tensor(ties)], "indices": _ints(ties.argmin())})
    # var/std over dims (Welford in double per output) and the whole tensor (two-pass).
    for shape, dims, correction, keep in (((3, 768), [-1], 1, False), ((3, 768), [-1], 0, True), ((5, 6), [0], 1, False),
                                          ((4, 5, 6), [1, 2], 1, False), ((1, 768), [1], 0, True), ((4, 7), None, 2, False),
                                          ((2, 3), [1], 3, False)):
        seed += 1
        x = _randn(shape, seed, 2.0, 1.0)
        for name in ("var", "std"):
            cases.append({"op": name, "dims": dims, "correction": correction, "keepDim": keep,
                          **_run(lambda t, f=name, d=dims, c=correction, k=keep: getattr(t, f)(d, correction=c, keepdim=k), [x], seed)})
    return cases


def clamp_cases():
    x = torch.tensor([-3.0, -1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 2.5, float("nan"), float("inf"), -float("inf"), -0.0])
    cases = []
    for lo, hi in ((-1.0, 1.0), (None, 0.5), (-0.5, None), (1.0, -1.0), (0.5, 0.5)):
        cases.append({"op": "clamp", "min": lo, "max": hi, **_run(lambda t, a=lo, b=hi: t.clamp(min=a, max=b), [x], 11)})
    return cases


def loss_cases():
    cases = []
    seed = 500
    ce = torch.nn.functional.cross_entropy
    for (n, c), reduction in (((4, 5), "mean"), ((2, 50257), "mean"), ((6, 3), "sum"), ((5, 4), "none"), ((20, 7), "mean")):
        seed += 1
        logits = _randn((n, c), seed, 2.0)
        target = torch.randint(0, c, (n,), generator=torch.Generator().manual_seed(seed))
        cases.append({"op": "crossEntropy", "reduction": reduction, "ignoreIndex": -100,
                      **_run(lambda a, b, r=reduction: ce(a, b, reduction=r), [logits, target], seed)})
    seed += 1
    logits = _randn((6, 4), seed)
    target = torch.tensor([1, -100, 3, 0, -100, 2])
    cases.append({"op": "crossEntropy", "reduction": "mean", "ignoreIndex": -100, **_run(lambda a, b: ce(a, b), [logits, target], seed)})
    cases.append({"op": "crossEntropy", "reduction": "mean", "ignoreIndex": 3,
                  **_run(lambda a, b: ce(a, b, ignore_index=3), [logits, torch.tensor([1, 3, 3, 0, 2, 2])], seed)})
    # Classes in dim 1 of a (N, C, d) batch, and a single sample (C,).
    seed += 1
    logits = _randn((2, 5, 3), seed)
    target = torch.tensor([[0, 4, 2], [1, 1, 3]])
    cases.append({"op": "crossEntropy", "reduction": "mean", "ignoreIndex": -100, **_run(lambda a, b: ce(a, b), [logits, target], seed)})
    cases.append({"op": "crossEntropy", "reduction": "mean", "ignoreIndex": -100,
                  **_run(lambda a, b: ce(a, b), [_randn((5,), seed), torch.tensor(2)], seed)})
    # Class probabilities.
    for reduction in ("mean", "sum", "none"):
        seed += 1
        logits = _randn((4, 6), seed, 2.0)
        probs = torch.softmax(_randn((4, 6), seed + 50), 1)
        cases.append({"op": "crossEntropyProbabilities", "reduction": reduction,
                      **_run(lambda a, b, r=reduction: ce(a, b, reduction=r), [logits, probs], seed)})
    bce = torch.nn.functional.binary_cross_entropy
    for reduction in ("mean", "sum", "none"):
        seed += 1
        p = torch.sigmoid(_randn((3, 7), seed, 3.0))
        p[0, 0], p[0, 1], p[1, 0] = 0.0, 1.0, 1e-30
        t = torch.rand((3, 7), generator=torch.Generator().manual_seed(seed))
        t[0, 0], t[0, 1], t[1, 0] = 1.0, 0.0, 1.0
        cases.append({"op": "binaryCrossEntropy", "reduction": reduction,
                      **_run(lambda a, b, r=reduction: bce(a, b, reduction=r), [p, t], seed)})
        seed += 1
        z = _randn((3, 7), seed, 4.0)
        cases.append({"op": "binaryCrossEntropyWithLogits", "reduction": reduction,
                      **_run(lambda a, b, r=reduction: torch.nn.functional.binary_cross_entropy_with_logits(a, b, reduction=r), [z, t], seed)})
    return cases


def error_cases():
    ce = torch.nn.functional.cross_entropy
    x = torch.randn(3, 4)
    return [
        {"what": "softmax dim", "error": _error(lambda: torch.softmax(x, 2))},
        {"what": "max empty", "error": _error(lambda: torch.zeros(0).max())},
        {"what": "max dim empty", "error": _error(lambda: torch.zeros(3, 0).max(1))},
        {"what": "argmin empty", "error": _error(lambda: torch.zeros(0).argmin())},
        {"what": "cross_entropy batch", "error": _error(lambda: ce(x, torch.tensor([0, 1])))},
        {"what": "cross_entropy float indices shape", "error": _error(lambda: ce(x, torch.rand(3, 5)))},
        {"what": "cross_entropy target out of bounds", "error": _error(lambda: ce(x, torch.tensor([0, 4, 1])))},
        {"what": "cross_entropy float target", "error": _error(lambda: ce(x, torch.rand(3)))},
        {"what": "cross_entropy bool target", "error": _error(lambda: ce(x, torch.tensor([True, False, True])))},
        {"what": "cross_entropy spatial size", "error": _error(lambda: ce(torch.randn(2, 5, 3), torch.zeros(2, 4, dtype=torch.long)))},
        {"what": "binary_cross_entropy_with_logits size",
         "error": _error(lambda: torch.nn.functional.binary_cross_entropy_with_logits(torch.rand(3), torch.rand(2)))},
        {"what": "var int", "error": _error(lambda: torch.tensor([1, 2]).var())},
        {"what": "binary_cross_entropy size", "error": _error(lambda: torch.nn.functional.binary_cross_entropy(torch.rand(3), torch.rand(2)))},
        {"what": "binary_cross_entropy range", "error": _error(lambda: torch.nn.functional.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.0])))},
        {"what": "requires_grad int", "error": _error(lambda: torch.tensor([1, 2]).requires_grad_())},
        {"what": "clamp none", "error": _error(lambda: x.clamp())},
        {"what": "var dim", "error": _error(lambda: x.var(3))},
        {"what": "sum repeated dim", "error": _error(lambda: x.sum((0, 0)))},
    ]


def math_cases():
    return {"softmax": softmax_cases(), "reductions": reduction_cases(), "clamp": clamp_cases(),
            "losses": loss_cases(), "errors": error_cases()}


if __name__ == "__main__":
    import json
    cases = math_cases()
    for group, items in cases.items():
        if group == "errors":
            for item in items:
                print(item)
        else:
            print(group, len(items), sorted({(c["op"], c.get("gradFn")) for c in items}, key=str))

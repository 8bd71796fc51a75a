"""Shape, indexing and creation operations (Tests/Data/reference/shape.json): reshape, view,
flatten, transpose, permute, (un)squeeze, contiguous, expand, stack, split, chunk, basic and
advanced indexing, index_select, gather, masked_select, where, tril/triu, index writes, and the
creation functions linspace, full, eye and float arange. Each operation case gives its inputs,
its outputs, the `grad_fn` names, an upstream gradient per output (randn, seeded) and the inputs'
gradients; error cases give PyTorch's message. ShapeReferenceTests.swift builds each case by id.

Run by hand (see README.md in this folder), with torch 2.13.0+cpu:
    python3 scripts/reference/shape_cases.py [--output FILE]
generate.py writes the same file.
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True

# (generate.py imports this module too: read nothing from it until main() runs.)
import generate  # noqa: E402  (sets the pinned environment before torch loads)
import torch  # noqa: E402
from encoding import encode_tensor, write_reference  # noqa: E402

def encode(t):
    """A float32 tensor as {shape, bits, values}; int64 and bool as {shape, dtype, integers}."""
    if t.dtype == torch.float32:
        return encode_tensor(t)
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "integers": [int(v) for v in t.reshape(-1).tolist()]}


def grid_mask(shape, seed):
    generator = torch.Generator().manual_seed(seed)
    return torch.rand(shape, generator=generator) > 0.5


# id: (input shapes or tensors, function of the inputs returning a tensor or a list of them).
# A shape is a float32 input that requires grad; a tensor is used as it is (indices, masks).
def operations():
    index = torch.tensor
    return {
        "reshape": ([(2, 3, 4)], lambda x: x.reshape(4, -1)),
        "view": ([(2, 3, 4)], lambda x: x.view(6, 4)),
        "flatten": ([(2, 3, 4)], lambda x: x.flatten()),
        "flatten-1": ([(2, 3, 4)], lambda x: x.flatten(1)),
        "flatten-0-1": ([(2, 3, 4)], lambda x: x.flatten(0, 1)),
        "transpose": ([(2, 3, 4)], lambda x: x.transpose(0, 2)),
        "transpose-negative": ([(2, 3, 4)], lambda x: x.transpose(-1, -2)),
        "permute": ([(2, 3, 4)], lambda x: x.permute(2, 0, 1)),
        "unsqueeze": ([(2, 3)], lambda x: x.unsqueeze(1)),
        "unsqueeze-negative": ([(2, 3)], lambda x: x.unsqueeze(-1)),
        "squeeze": ([(2, 1, 3, 1)], lambda x: x.squeeze()),
        "squeeze-dim": ([(2, 1, 3, 1)], lambda x: x.squeeze(1)),
        "squeeze-dim-kept": ([(2, 1, 3, 1)], lambda x: x.squeeze(0)),
        "contiguous-transposed": ([(2, 3, 4)], lambda x: x.transpose(0, 1).contiguous()),
        "expand": ([(2, 1, 4)], lambda x: x.expand(2, 5, 4)),
        "expand-new-dims": ([(2, 1, 4)], lambda x: x.expand(3, -1, 5, -1)),
        "stack": ([(2, 3), (2, 3), (2, 3)], lambda a, b, c: torch.stack([a, b, c], dim=1)),
        "stack-last": ([(2, 3), (2, 3)], lambda a, b: torch.stack([a, b], dim=-1)),
        "split": ([(2, 3, 5)], lambda x: list(x.split(2, dim=2))),
        "split-sizes": ([(2, 3, 5)], lambda x: list(x.split([1, 2], dim=1))),
        "chunk": ([(2, 3, 5)], lambda x: list(x.chunk(3, dim=2))),
        "select": ([(2, 3, 4)], lambda x: x[0]),
        "select-negative": ([(2, 3, 4)], lambda x: x[-1]),
        "select-middle": ([(2, 3, 4)], lambda x: x[:, -1, :]),
        "select-last": ([(2, 3, 4)], lambda x: x[:, :, 0]),
        "select-scalar": ([(5,)], lambda x: x[3]),
        "slice-from": ([(4, 3)], lambda x: x[1:]),
        "slice-stride": ([(5, 3)], lambda x: x[::2]),
        "slice-columns": ([(2, 5)], lambda x: x[:, 1:3]),
        "slice-then-select": ([(4, 3)], lambda x: x[1:, 0]),
        "select-then-slice": ([(4, 3)], lambda x: x[0, 1:]),
        "slice-whole": ([(4, 3)], lambda x: x[:]),
        "alias": ([(4, 3)], lambda x: x[:, :]),
        "slice-last-n": ([(2, 6)], lambda x: x[:, -4:]),
        "slice-negative-whole": ([(3, 4)], lambda x: x[:, -4:]),
        "slice-clamped-whole": ([(3, 4)], lambda x: x[:, 0:100]),
        "slice-square": ([(5, 5)], lambda x: x[:3, :3]),
        "slice-strided-both": ([(5, 6)], lambda x: x[0:3:2, ::2]),
        "slice-through": ([(5, 2)], lambda x: x[1:4]),
        "slice-negative-range": ([(6,)], lambda x: x[-4:-1]),
        "slice-clamped": ([(3, 2)], lambda x: x[1:100]),
        "index-select": ([(2, 3, 4), index([2, 0, 2])], lambda x, i: x.index_select(1, i)),
        "gather": ([(3, 4), index([[0, 0], [3, 1], [2, 2]])], lambda x, i: x.gather(1, i)),
        "gather-dim0": ([(3, 4), index([[2, 1, 0, 0]])], lambda x, i: x.gather(0, i)),
        "mask-read": ([(3, 4), grid_mask((3, 4), 1)], lambda x, m: x[m]),
        "mask-read-rows": ([(3, 4), index([True, False, True])], lambda x, m: x[m]),
        "int-index-read": ([(3, 4), index([2, 0, 2])], lambda x, i: x[i]),
        "masked-select": ([(3, 4), grid_mask((4,), 2)], lambda x, m: x.masked_select(m)),
        "where": ([grid_mask((3, 4), 3), (3, 4), (1, 4)], lambda c, a, b: torch.where(c, a, b)),
        "where-scalar": ([grid_mask((3, 4), 4), (3, 4)], lambda c, a: torch.where(c, a, 0.0)),
        "where-scalar-first": ([grid_mask((3, 4), 5), (3, 4)], lambda c, b: torch.where(c, -1.5, b)),
        "tril": ([(4, 5)], lambda x: x.tril()),
        "triu-1": ([(4, 5)], lambda x: x.triu(1)),
        "tril-negative-batched": ([(2, 3, 3)], lambda x: x.tril(-1)),
        "reshape-of-transpose": ([(2, 3)], lambda x: x.t().reshape(-1)),
        "int64-transpose": ([torch.arange(6).reshape(2, 3)], lambda x: x.transpose(0, 1)),
        "int64-slice": ([torch.arange(10)], lambda x: x[2::3]),
        "bool-expand": ([index([[True], [False]])], lambda x: x.expand(2, 3)),
    }


def operation_cases():
    cases = []
    torch.manual_seed(13)
    for name, (specs, function) in operations().items():
        inputs = []
        for spec in specs:
            if isinstance(spec, tuple):
                inputs.append(torch.randn(spec).requires_grad_(True))
            else:
                inputs.append(spec.clone())
        result = function(*inputs)
        outputs = result if isinstance(result, list) else [result]
        case = {"id": name, "inputs": [encode(t) for t in inputs], "outputs": [encode(t) for t in outputs],
                "gradFns": [type(t.grad_fn).__name__ if t.grad_fn is not None else None for t in outputs]}
        if any(t.requires_grad for t in outputs):
            upstream = [torch.randn(t.shape) for t in outputs]
            torch.autograd.backward(outputs, upstream)
            case["upstream"] = [encode(u) for u in upstream]
            case["grads"] = [encode(t.grad) if t.grad is not None else None for t in inputs]
        cases.append(case)
    return cases


def write_cases():
    """Index writes on plain tensors: the tensor after each."""
    torch.manual_seed(14)
    x = torch.randn(3, 4, 5)
    steps = {
        "set-select": lambda x: x.__setitem__(0, torch.full((4, 5), 0.5)),
        "set-slice-number": lambda x: x.__setitem__((slice(0, 2), slice(1, 3)), 0.0),
        "set-middle-broadcast": lambda x: x.__setitem__((slice(None), -1, slice(None)), torch.arange(5.0)),
        "set-strided": lambda x: x.__setitem__((slice(None), slice(None), slice(None, None, 2)), -2.0),
        "set-mask": lambda x: x.__setitem__(x > 1.0, 9.0),
    }
    cases = []
    for name, step in steps.items():
        y = x.clone()
        step(y)
        cases.append({"id": name, "input": encode(x), "output": encode(y)})
    return cases


def recorded_write_cases():
    """Index writes into tensors with history, recorded (CopySlices, IndexPutBackward0): the result,
    its grad_fn after each write, and the leaves' gradients for a seeded upstream gradient."""
    torch.manual_seed(15)
    x, v, w = (torch.randn(shape).requires_grad_(True) for shape in [(3, 4), (4,), ()])
    y = x * 2
    names = []
    y[0] = v * 3
    names.append(type(y.grad_fn).__name__)
    y[:, 1:3] = 0.5
    names.append(type(y.grad_fn).__name__)
    mask = y.detach() > 1
    y[mask] = w * 1
    names.append(type(y.grad_fn).__name__)
    z = torch.zeros(3)
    z[1] = v[0]
    names.append(type(z.grad_fn).__name__)
    upstream = torch.randn(3, 4)
    ((y * upstream).sum() + z.sum() * 2).backward()
    return [{"id": "recorded-writes", "inputs": [encode(t) for t in (x, v, w)], "upstream": encode(upstream),
             "mask": encode(mask), "output": encode(y), "z": encode(z), "gradFns": names,
             "grads": [encode(t.grad) for t in (x, v, w)]}]


def creation_cases():
    cases = []
    for start, end, steps in [(0, 1, 5), (-6, 6, 25), (0, 1, 100), (-1, 1, 77), (0.1, 7.3, 1000), (3, -2.7, 33),
                              (1e-3, 5, 257), (-1, 1, 40), (0, 1, 1), (2, 3, 0), (0, 1, 4099)]:
        cases.append({"id": f"linspace({start}, {end}, {steps})", "function": "linspace", "start": start, "end": end,
                      "steps": steps, "output": encode(torch.linspace(start, end, steps))})
    for start, end, step in [(0, 1, 0.1), (-1, 2.5, 0.5), (0.5, -3.3, -0.7), (0, 10, 3)]:
        cases.append({"id": f"arange({start}, {end}, {step})", "function": "arange", "start": start, "end": end,
                      "step": step, "output": encode(torch.arange(float(start), float(end), float(step)))})
    cases.append({"id": "eye(3)", "function": "eye", "n": 3, "output": encode(torch.eye(3))})
    cases.append({"id": "eye(2, 4)", "function": "eye", "n": 2, "m": 4, "output": encode(torch.eye(2, 4))})
    cases.append({"id": "full-float", "function": "full", "shape": [2, 3], "value": 0.1,
                  "output": encode(torch.full((2, 3), 0.1))})
    cases.append({"id": "full-int", "function": "full", "shape": [2], "integer": 7, "output": encode(torch.full((2,), 7))})
    cases.append({"id": "full-bool", "function": "full", "shape": [3], "boolean": True,
                  "output": encode(torch.full((3,), True))})
    cases.append({"id": "tril-ones", "function": "tril-ones", "n": 4, "output": encode(torch.tril(torch.ones(4, 4)))})
    return cases


def error_cases():
    y = torch.zeros(2, 3, 4)
    attempts = {
        "view-size": lambda: y.view(2, 5),
        "reshape-infer-size": lambda: y.reshape(5, -1),
        "reshape-two-inferred": lambda: y.view(-1, -1),
        "reshape-negative": lambda: y.view(-2, 12),
        "index-out-of-bounds": lambda: y[5],
        "index-out-of-bounds-second": lambda: y[0, 5],
        "index-negative-out-of-bounds": lambda: y[0, 0, -5],
        "too-many-indices": lambda: y[0, 0, 0, 0],
        "transpose-dim": lambda: y.transpose(0, 3),
        "permute-count": lambda: y.permute(0, 1),
        "permute-duplicate": lambda: y.permute(0, 1, 1),
        "squeeze-dim": lambda: y.squeeze(3),
        "unsqueeze-dim": lambda: y.unsqueeze(4),
        "expand-size": lambda: y.expand(3, 3, 4),
        "expand-count": lambda: y.expand(2, 3),
        "stack-shapes": lambda: torch.stack([y, y[0]]),
        "split-zero": lambda: y.split(0),
        "split-sizes-sum": lambda: y.split([1, 1], dim=1),
        "chunk-zero": lambda: y.chunk(0),
        "flatten-order": lambda: y.flatten(2, 1),
        "index-select-bounds": lambda: y.index_select(1, torch.tensor([3])),
        "gather-bounds": lambda: y.gather(1, torch.tensor([[[5]]])),
        "mask-shape": lambda: y[torch.tensor([True])],
        "int-index-bounds": lambda: y[torch.tensor([0, 2])],
        "slice-step-zero-or-negative": lambda: y[::-1],
        "linspace-steps": lambda: torch.linspace(0, 1, -1),
        "eye-negative": lambda: torch.eye(-1),
        "full-negative": lambda: torch.full((-1,), 1.0),
        "where-condition": lambda: torch.where(torch.zeros(2), torch.zeros(2), torch.ones(2)),
        "set-shape": lambda: y.__setitem__(0, torch.zeros(2)),
        "set-leaf": lambda: torch.zeros(2, requires_grad=True).__setitem__(0, 1.0),
    }
    cases = []
    for name, attempt in attempts.items():
        try:
            attempt()
        except (RuntimeError, IndexError, ValueError) as error:
            cases.append({"id": name, "error": str(error).splitlines()[0]})
        else:
            raise AssertionError(f"{name} did not fail")
    return cases


def shape_cases():
    return {"operations": operation_cases(), "writes": write_cases(), "recordedWrites": recorded_write_cases(),
            "creation": creation_cases(),
            "errors": error_cases()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(generate.DEFAULT_OUTPUT, "shape.json"),
                        help="the JSON file (default: %(default)s)")
    arguments = parser.parse_args()
    torch.set_num_threads(1)
    write_reference(arguments.output, generate.provenance(), shape_cases(), 1)


if __name__ == "__main__":
    main()

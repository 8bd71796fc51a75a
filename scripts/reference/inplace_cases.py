"""Prints the PyTorch numbers Tests/NetworkEngineTests/RecordedInPlaceTests.swift checks: recorded
in-place operations on tensors with history (masked_fill_ as a causal attention mask, add_ sub_
mul_ div_), their values and gradients as the hex of the float32 bits, and the error texts.

Run by hand, like generate.py (see README.md in this folder), with torch 2.13.0+cpu:
    python3 scripts/reference/inplace_cases.py
and paste the printed arrays into the test. The inputs are small multiples of 1/8, exact in
float32, written the same way in the test.
"""
import sys

sys.dont_write_bytecode = True

import reference_environment  # noqa: E402,F401  (pins the environment before torch loads)
import torch  # noqa: E402


def bits(t):
    flat = t.detach().contiguous().reshape(-1).view(torch.int32).tolist()
    return "[" + ", ".join(f"0x{v & 0xFFFFFFFF:08x}" for v in flat) + "]"


def grid(rows, columns, step, offset):
    """Element i is ((i * step) % 11) / 8 - offset."""
    values = [((i * step) % 11) / 8 - offset for i in range(rows * columns)]
    return torch.tensor(values, dtype=torch.float32).reshape(rows, columns)


def leaf(t):
    return t.clone().requires_grad_(True)


def causal_attention():
    """x @ w, masked_fill_(causal mask, -inf), then / 2, exp, weighted sum: 36 values (large)."""
    x, w = leaf(grid(6, 4, 3, 0.5)), leaf(grid(4, 6, 5, 0.75))
    c = grid(6, 6, 7, 0.25)
    mask = torch.triu(torch.ones(6, 6), diagonal=1).bool()
    s = x @ w
    s.masked_fill_(mask, float("-inf"))
    print("causal grad_fn:", type(s.grad_fn).__name__)
    y = (s / 2.0).exp()
    (y * c).sum().backward()
    print("causal y:", bits(y))
    print("causal x.grad:", bits(x.grad))
    print("causal w.grad:", bits(w.grad))


def arithmetic():
    """add_ sub_ mul_ div_ with tensors (one broadcast, one the tensor itself) and numbers.
    (`a.mul_(a)` is PyTorch's version error at backward: it saves `other`, which then changes.)"""
    x = leaf(grid(2, 3, 3, 0.5))
    b = leaf(grid(1, 3, 5, 0.25).reshape(3))
    c = leaf(grid(2, 3, 7, -0.5))
    d = leaf(grid(2, 3, 2, -1.0))
    a = x * 1.5
    a.add_(b)
    a.mul_(c)
    a.sub_(0.25)
    a.div_(d)
    a.add_(a)
    a.add_(0.125)
    a.mul_(3.0)
    a.div_(7.0)
    print("arithmetic grad_fn:", type(a.grad_fn).__name__)
    (a * grid(2, 3, 4, 0.5)).sum().backward()
    print("arithmetic a:", bits(a))
    for name, t in (("x", x), ("b", b), ("c", c), ("d", d)):
        print(f"arithmetic {name}.grad:", bits(t.grad))


def errors():
    x, w = leaf(grid(3, 4, 3, 0.5)), leaf(grid(4, 3, 5, 0.75))
    mask = torch.triu(torch.ones(3, 3), diagonal=1).bool()
    t = (x @ w).tanh()
    t.masked_fill_(mask, 0.0)
    try:
        t.sum().backward()
    except RuntimeError as error:
        print("saved:", str(error).splitlines()[0])
    try:
        x.masked_fill_(torch.ones(3, 4).bool(), 0.0)
    except RuntimeError as error:
        print("leaf:", str(error).splitlines()[0])


causal_attention()
arithmetic()
errors()

"""Writes Tests/Data/reference/engine-printing.json: what PyTorch prints for tensors made by
operations, so the engine's own tensors (TensorDescriptionTests.swift builds the same ones by
id) can be checked to print the same text, `grad_fn=<…>` names and dtypes included.

Run by hand, like print_cases.py (see README.md in this folder), with torch 2.13.0+cpu:
    python3 scripts/reference/engine_print_cases.py [--output DIR]
"""
import os
import sys

sys.dont_write_bytecode = True

import reference_environment  # noqa: E402  (pins the environment before torch loads)
import torch  # noqa: E402
from print_cases import f32, write_cases  # noqa: E402

DEFAULT_OUTPUT = os.path.join(reference_environment.DEFAULT_OUTPUT, "engine-printing.json")


def operations(cases):
    a = f32([[1.0, -2.5], [0.25, 3.0]]).requires_grad_()
    b = f32([[0.5, 0.5], [1.0, -1.0]])
    cases.add("leaf", a)
    cases.add("plain", b)
    cases.add("add", a + b)
    cases.add("mul", a * b)
    cases.add("mul-scalar", a * 2.0)
    cases.add("sum", (a * b).sum())
    cases.add("sum-dim", a.sum(dim=0))
    cases.add("mean", a.mean())
    cases.add("mean-dim", a.mean(dim=1, keepdim=True))
    cases.add("relu", a.relu())
    cases.add("detached", (a * b).detach())
    torch.manual_seed(123)
    linear = torch.nn.Linear(3, 2)
    cases.add("parameter-weight", linear.weight)
    cases.add("parameter-bias", linear.bias)
    cases.add("parameter-result", linear.weight * 1.0)
    cases.add("arange", torch.arange(5))
    cases.add("arange-sum", torch.arange(5).sum())
    cases.add("compare-scalar", a > 0)
    cases.add("compare-tensors", a < b)
    cases.add("empty", torch.zeros(0))
    cases.add("empty-2x0", torch.zeros(2, 0))
    cases.add("empty-int64", torch.arange(0))
    ones = torch.ones(40, 30, requires_grad=True)
    cases.add("summarised-float", ones * 0.5)
    cases.add("summarised-int64", torch.arange(1200))


def main():
    write_cases(__doc__.splitlines()[0], DEFAULT_OUTPUT, "scripts/reference/engine_print_cases.py", (operations,),
                indent=1)


if __name__ == "__main__":
    main()

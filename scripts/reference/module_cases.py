"""Writes Tests/Data/reference/modules.json: what PyTorch computes for the GPT modules and the
optimizers (Tests/NetworkEngineTests/Module*Tests.swift, OptimizerTests.swift check it).

Run by hand, like generate.py (see README.md in this folder), with torch 2.13.0+cpu:
    python3 scripts/reference/module_cases.py
Inputs are drawn from seeded generators the engine reproduces (`nn.Linear`, `randn`), or are
made by a formula (`grid`, `pattern`), so the tests make the same inputs. (LayerNorm's inputs
are formulas: `randn` of 16 or more values differs between ATEN_CPU_CAPABILITY=default and the
AVX2/AVX-512 kernels, and LayerNorm is also checked at default.) Large results are kept
as a checksum of their float32 bits (`checksum`, below) plus a sample, not element by element.
LayerNorm's forward is also run in a child process with ATEN_CPU_CAPABILITY=default, whose
kernel has no fused multiply-add (docs/pytorch-numerics.md §1c).
"""
import argparse
import json
import os
import sys

sys.dont_write_bytecode = True

import reference_environment  # noqa: E402  (pins the environment before torch loads)
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

from encoding import write_reference  # noqa: E402

DEFAULT_OUTPUT = os.path.join(reference_environment.DEFAULT_OUTPUT, "modules.json")
MASK64 = (1 << 64) - 1


def bits(t):
    """The hex of each float32's bits, row-major, as one string of 8 digits per value."""
    flat = t.detach().to(torch.float32).contiguous().reshape(-1).view(torch.int32).tolist()
    return "".join(f"{v & 0xFFFFFFFF:08x}" for v in flat)


def checksum(t):
    """Σ bits[i] · (2i + 1) mod 2^64 over the float32 bit patterns (the test computes the same)."""
    words = t.detach().to(torch.float32).contiguous().reshape(-1).view(torch.int32).to(torch.int64) & 0xFFFFFFFF
    weights = torch.arange(words.numel(), dtype=torch.int64) * 2 + 1
    # int64 products wrap modulo 2^64 like the test's UInt64 arithmetic; sum in chunks to stay exact.
    total = 0
    for chunk in torch.split(words * weights, 1 << 20):
        total = (total + int(chunk.sum().item())) & MASK64
    return f"{total:016x}"


def grid(shape, step=3, offset=0.75):
    """Element i is ((i * step) % 13) / 8 - offset: exact in float32."""
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([((i * step) % 13) / 8 - offset for i in range(n)], dtype=torch.float32).reshape(shape)


def dropout_cases():
    cases = []
    for seed, shape, p in [(0, [20], 0.1), (0, [20], 0.5), (123, [200000], 0.1), (7, [200000], 0.5),
                           (123, [2, 4, 768], 0.1), (3, [33], 0.2), (5, [20], 0.0), (5, [20], 1.0)]:
        torch.manual_seed(seed)
        x = grid(shape).requires_grad_(True)
        y = F.dropout(x, p=p, training=True)
        after = torch.rand(3)
        case = {"seed": seed, "shape": shape, "p": p, "checksum": checksum(y), "kept": int((y != 0).sum().item()),
                "head": bits(y.reshape(-1)[:64]), "randAfter": bits(after),
                "gradFn": type(y.grad_fn).__name__ if y.grad_fn is not None else None}
        if y.numel() <= 64:
            y.backward(grid(shape, step=5, offset=0.5))
            case["inputGrad"] = bits(x.grad)
        cases.append(case)
    torch.manual_seed(11)
    module = nn.Dropout(0.5)
    x = grid([4, 5])
    trained = module(x)
    module.eval()
    evaluated = module(x)
    cases.append({"seed": 11, "shape": [4, 5], "p": 0.5, "module": True, "checksum": checksum(trained),
                  "head": bits(trained), "evalHead": bits(evaluated), "kept": int((trained != 0).sum().item()),
                  "randAfter": bits(torch.rand(3)), "gradFn": None})
    return cases


def dropout_errors():
    out = []
    for p in [1.5, -0.1]:
        try:
            nn.Dropout(p)
        except ValueError as error:
            out.append({"p": p, "module": str(error)})
        try:
            F.dropout(torch.ones(2), p=p)
        except ValueError as error:
            out[-1]["functional"] = str(error)
    return out


LAYER_NORM_WIDTHS = [(1, 3), (5, 4), (6, 2), (768, 3), (4096, 2), (13, 3), (127, 2)]


def pattern(shape, multiplier, scale, offset, shift=0.0):
    """Element i is ((i * multiplier + 13) % 2003) / scale - offset + shift, rounded to float32 from a
    double (the test makes the same values): varied, reproducible without a generator."""
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([((i * multiplier + 13) % 2003) / scale - offset + shift for i in range(n)],
                        dtype=torch.float32).reshape(shape)


def layer_norm_inputs(width, rows, affine):
    """x (the last row shifted by 100: an ill-conditioned row), weight and bias, all `pattern`s."""
    x = pattern([rows, width], 7919, 256.0, 3.9)
    x[-1] += 100.0
    norm = nn.LayerNorm(width, elementwise_affine=affine)
    if affine:
        with torch.no_grad():
            norm.weight.copy_(pattern([width], 31, 1024.0, 0.5))
            norm.bias.copy_(pattern([width], 11, 2048.0, 0.4))
    return x, norm


def layer_norm_forward():
    """Forward outputs (checksum and first values), mean and rstd per width."""
    out = []
    for width, rows in LAYER_NORM_WIDTHS:
        for affine in [True, False]:
            x, norm = layer_norm_inputs(width, rows, affine)
            y = norm(x)
            _, mean, rstd = torch.native_layer_norm(x, [width], norm.weight, norm.bias, 1e-5)
            out.append({"width": width, "rows": rows, "affine": affine, "checksum": checksum(y),
                        "head": bits(y.reshape(-1)[:32]), "mean": bits(mean), "rstd": bits(rstd)})
    return out


def layer_norm_backward():
    """Gradients of sum(norm(x) * g), g a `pattern` too."""
    out = []
    for width, rows in [(5, 4), (768, 3), (13, 3), (1, 3)]:
        for affine in [True, False]:
            x, norm = layer_norm_inputs(width, rows, affine)
            x.requires_grad_(True)
            g = pattern([rows, width], 4099, 512.0, 1.7)
            y = norm(x)
            (y * g).sum().backward()
            case = {"width": width, "rows": rows, "affine": affine, "gradFn": type(y.grad_fn).__name__,
                    "inputGrad": bits(x.grad)}
            if affine:
                case["weightGrad"] = bits(norm.weight.grad)
                case["biasGrad"] = bits(norm.bias.grad)
            out.append(case)
    return out


def layer_norm_errors():
    out = []
    for shape, normalized in [([2, 3], [4]), ([2, 3], [2, 4])]:
        try:
            nn.LayerNorm(normalized)(torch.ones(shape))
        except RuntimeError as error:
            out.append({"input": shape, "normalizedShape": normalized, "message": str(error)})
    return out


def embedding_cases():
    torch.manual_seed(123)
    big = nn.Embedding(50257, 768)
    rows = [0, 1, 2, 15496, 50256]
    init = {"numEmbeddings": 50257, "dim": 768, "seed": 123, "checksum": checksum(big.weight),
            "rows": rows, "sample": [bits(big.weight[r]) for r in rows], "randAfter": bits(torch.rand(3))}
    torch.manual_seed(5)
    small = nn.Embedding(10, 4)
    ids = torch.tensor([[1, 2, 1, 7], [9, 1, 0, 1]])
    y = small(ids)
    g = torch.randn(2, 4, 4)
    y.backward(g)
    forward = {"numEmbeddings": 10, "dim": 4, "seed": 5, "weight": bits(small.weight), "ids": ids.tolist(),
               "output": bits(y), "outputShape": list(y.shape), "gradFn": type(y.grad_fn).__name__,
               "weightGrad": bits(small.weight.grad)}
    torch.manual_seed(6)
    tiny = nn.Embedding(3, 2)
    scalar_output = tiny(torch.tensor(2))
    forward["scalarIdShape"] = list(scalar_output.shape)
    errors = {}
    for name, ids in [("outOfRange", torch.tensor([0, 10])), ("negative", torch.tensor([-1]))]:
        try:
            small(ids)
        except IndexError as error:
            errors[name] = str(error)
    try:
        small(torch.tensor([1.0]))
    except RuntimeError as error:
        errors["float"] = str(error)
    return {"init": init, "small": forward, "errors": errors}


def mlp(seed):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(10, 32), nn.GELU(), nn.Linear(32, 3))
    x = torch.randn(8, 10)
    return model, x


OPTIMIZERS = [
    ("sgd-momentum-wd", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, weight_decay=0.01), "mse"),
    ("sgd-nesterov-dampening", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, dampening=0.0, nesterov=True,
                                                         weight_decay=0.001), "mse"),
    ("sgd-dampening", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.5, dampening=0.3), "mse"),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.01), "mse"),
    ("adam-wd-amsgrad", lambda p: torch.optim.Adam(p, lr=0.005, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.02,
                                                   amsgrad=True), "mse"),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.01), "mse"),
    ("sgd-momentum-wd-ce", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, weight_decay=0.01), "crossEntropy"),
    ("adamw-ce", lambda p: torch.optim.AdamW(p, lr=0.01), "crossEntropy"),
]


def trajectories():
    """20 steps of each optimizer on Linear(10,32)-GELU-Linear(32,3), batch 8: manual_seed(0), the
    model, x = randn(8, 10), then the target (randn(8, 3), or class ids 0..2 for cross-entropy).
    Each step: zero_grad, loss, backward, step; recorded: the loss, every parameter after the step
    (concatenated in named_parameters order) and, for the first 5 steps, the gradients."""
    out = []
    for name, make, loss_name in OPTIMIZERS:
        model, x = mlp(0)
        target = torch.randn(8, 3) if loss_name == "mse" else torch.tensor([0, 2, 1, 1, 0, 2, 2, 1])
        optimizer = make(model.parameters())
        steps = []
        for _ in range(20):
            optimizer.zero_grad()
            out_ = model(x)
            loss = F.mse_loss(out_, target) if loss_name == "mse" else F.cross_entropy(out_, target)
            loss.backward()
            grads = torch.cat([p.grad.reshape(-1) for p in model.parameters()])
            optimizer.step()
            params = torch.cat([p.detach().reshape(-1) for p in model.parameters()])
            step = {"loss": bits(loss), "parameters": bits(params)}
            if len(steps) < 5:  # the optimizer alone is checked on PyTorch's own gradients
                step["grads"] = bits(grads)
            steps.append(step)
        case = {"name": name, "loss": loss_name, "names": [n for n, _ in model.named_parameters()],
                "defaults": {k: v for k, v in optimizer.defaults.items()
                             if isinstance(v, (int, float, bool, tuple)) and v is not None},
                "steps": steps}
        if loss_name == "crossEntropy":
            case["target"] = target.tolist()
        out.append(case)
    return out


def clip_cases():
    out = []
    for max_norm in [0.05, 100.0]:
        model, x = mlp(1)
        target = torch.randn(8, 3)
        F.mse_loss(model(x), target).backward()
        before = bits(torch.cat([p.grad.reshape(-1) for p in model.parameters()]))
        norms = [bits(torch.linalg.vector_norm(p.grad)) for p in model.parameters()]
        total = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        out.append({"seed": 1, "maxNorm": max_norm, "norms": "".join(norms), "total": bits(total), "before": before,
                    "grads": bits(torch.cat([p.grad.reshape(-1) for p in model.parameters()]))})
    vectors = []
    for n in [1, 7, 8, 9, 15, 16, 17, 31, 33, 100, 320, 1000]:
        torch.manual_seed(n)
        v = torch.randn(n)
        vectors.append({"n": n, "norm": bits(torch.linalg.vector_norm(v))})
    return {"clip": out, "vectorNorms": vectors}


def module_walk():
    """PyTorch's names for a GPT-like module tree: a buffer is not a parameter."""

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.norm1 = nn.LayerNorm(4)
            self.att = nn.Linear(4, 4, bias=False)
            self.register_buffer("mask", torch.triu(torch.ones(3, 3), diagonal=1))
            self.drop = nn.Dropout(0.1)
            self.scale = nn.Parameter(torch.ones(4))

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.tok_emb = nn.Embedding(7, 4)
            self.trf_blocks = nn.Sequential(Block(), Block())
            self.blocks = nn.ModuleList([nn.Linear(4, 4), nn.Dropout(0.2)])
            self.final_norm = nn.LayerNorm(4)

    model = Model()
    model.eval()
    return {"names": [n for n, _ in model.named_parameters()],
            "trainingAfterEval": [m.training for m in model.modules()]}


def layer_norm_default_capability():
    """LayerNorm forward in a child process whose ATen runs its DEFAULT (no FMA) kernels."""
    return reference_environment.run_at_capability(__file__, "--layer-norm-only", "default")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="the JSON file (default: %(default)s)")
    parser.add_argument("--layer-norm-only", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    torch.set_num_threads(1)
    if arguments.layer_norm_only:
        json.dump({"cpuCapability": torch.backends.cpu.get_cpu_capability(), "cases": layer_norm_forward()},
                  sys.stdout)
        return
    cases = {
        "dropout": dropout_cases(),
        "dropoutErrors": dropout_errors(),
        "layerNorm": layer_norm_forward(),
        "layerNormDefaultCapability": layer_norm_default_capability(),
        "layerNormBackward": layer_norm_backward(),
        "layerNormErrors": layer_norm_errors(),
        "embedding": embedding_cases(),
        "trajectories": trajectories(),
        "clipGradNorm": clip_cases(),
        "moduleWalk": module_walk(),
    }
    origin = {**reference_environment.provenance(), "generator": "scripts/reference/module_cases.py"}
    print(f"torch {origin['torch']} ({origin['cpuCapability']}) -> {arguments.output}", file=sys.stderr)
    write_reference(arguments.output, origin, cases, indent=None)


if __name__ == "__main__":
    main()

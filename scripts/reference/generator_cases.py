"""Cases for PyTorch's CPU generator: seeded draws and `nn.Linear` initialisation."""
import torch
from torch import nn

from encoding import encode_tensor

# Seeds past 2**32 show that only the low 32 bits seed the Mersenne Twister.
UNIFORM_SEEDS = [0, 1, 42, 123, 2**31 - 1, 2**32 + 7]
# Bounds of a 3-input Linear's weights, a range crossing zero, a narrow range far from zero.
UNIFORM_RANGES = [(123, -0.5773502691896258, 0.5773502691896258), (7, -3.0, 2.5), (2024, 10.0, 10.5)]
# randn switches from scalar Box-Muller to a 16-wide float32 transform at 16 elements.
RANDN_SIZES = list(range(1, 41)) + [64, 100, 1000]
RANDN_SHAPES = [(123, [1, 10]), (123, [2, 5]), (123, [4, 4]), (3, [3, 7])]


def generator_cases():
    cases = []
    for seed in UNIFORM_SEEDS:
        # A private generator: manual_seed on it must behave as the global one does.
        generator = torch.Generator().manual_seed(seed)
        drawn = torch.empty(12).uniform_(0.0, 1.0, generator=generator)
        cases.append({"op": "uniform_", "seed": seed, "n": 12, "from": 0.0, "to": 1.0, "out": encode_tensor(drawn)})
    for seed, low, high in UNIFORM_RANGES:
        torch.manual_seed(seed)
        drawn = torch.empty(20).uniform_(low, high)
        cases.append({"op": "uniform_", "seed": seed, "n": 20, "from": low, "to": high, "out": encode_tensor(drawn)})
    for seed in (0, 123):
        for size in RANDN_SIZES:
            torch.manual_seed(seed)
            cases.append({"op": "randn", "seed": seed, "shape": [size], "out": encode_tensor(torch.randn(size))})
    for seed, shape in RANDN_SHAPES:
        torch.manual_seed(seed)
        cases.append({"op": "randn", "seed": seed, "shape": shape, "out": encode_tensor(torch.randn(*shape))})
    for seed, size in ((0, 5), (123, 17)):
        torch.manual_seed(seed)
        cases.append({"op": "rand", "seed": seed, "shape": [size], "out": encode_tensor(torch.rand(size))})
    cases.append(cached_normal_case())
    return cases


def cached_normal_case():
    """A one-element randn leaves its second Box-Muller sample cached; a Linear's uniform draws in
    between do not drop it, so the next one-element randn returns it."""
    torch.manual_seed(0)
    first = torch.randn(1)
    layer = nn.Linear(2, 2)
    second = torch.randn(1)
    third = torch.randn(3)
    return {
        "op": "sequence", "seed": 0,
        "steps": ["randn [1]", "Linear(2, 2)", "randn [1]", "randn [3]"],
        "out": [encode_tensor(t) for t in (first, layer.weight, layer.bias, second, third)],
    }


# Layers (in, out, bias) created one after another under one seed: the lesson's 3-wide layers,
# bias-free layers, and a 768-input layer whose bound is small.
LINEAR_STACKS = [
    (123, [(3, 3, True), (3, 3, True), (3, 1, True)]),
    (0, [(10, 10, False), (10, 1, False)]),
    (42, [(5, 6, True), (768, 4, True), (1, 7, False)]),
]


def linear_init_cases():
    cases = []
    for seed, stack in LINEAR_STACKS:
        torch.manual_seed(seed)
        layers = []
        for fan_in, fan_out, has_bias in stack:
            layer = nn.Linear(fan_in, fan_out, bias=has_bias)
            layers.append({
                "in": fan_in, "out": fan_out, "bias": has_bias,
                "weight": encode_tensor(layer.weight),
                "biasValues": encode_tensor(layer.bias) if has_bias else None,
            })
        cases.append({"seed": seed, "layers": layers})
    return cases

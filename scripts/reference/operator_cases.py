"""Forward and backward of single operations, each against a fixed upstream gradient."""
import warnings

import torch
import torch.nn.functional as F
from torch import nn

from activations import ACTIVATIONS
from encoding import encode_scalar, encode_tensor

# Elementwise functions checked one by one: every activation plus a few tensor operations.
ELEMENTWISE = {name: make() for name, make in ACTIVATIONS.items()}
ELEMENTWISE.update({
    "exp": torch.exp,
    "abs": torch.abs,
    "pow3": lambda x: torch.pow(x, 3),
    "square": lambda x: x * x,
})

# MSE shapes (input, target): equal shapes, and three that broadcast (two of them warn).
MSE_SHAPES = [((1, 3), (1, 3)), ((1, 3), (1, 1)), ((2, 1), (2, 1)), ((4, 2), (2,))]


def elementwise_inputs():
    """A grid over [-6, 6], random values, then signed zeros, a tiny value and saturating ones."""
    torch.manual_seed(5)
    grid = torch.linspace(-6, 6, 25)
    spread = torch.randn(15) * 2
    edges = torch.tensor([0.0, -0.0, 1e-8, -30.0, 30.0])
    return torch.cat([grid, spread, edges])


def operator_cases():
    cases = []
    inputs = elementwise_inputs()
    for name, function in ELEMENTWISE.items():
        x = inputs.clone().requires_grad_(True)
        y = function(x)
        upstream = torch.linspace(-1, 1, y.numel()).reshape(y.shape)
        y.backward(upstream)
        cases.append({"op": name, "x": encode_tensor(inputs), "y": encode_tensor(y),
                      "upstream": encode_tensor(upstream), "grad": encode_tensor(x.grad)})
    cases.append(linear_case())
    cases += [mse_case(shapes) for shapes in MSE_SHAPES]
    cases += broadcast_add_and_abs_mean_cases()
    return cases


def linear_case():
    torch.manual_seed(11)
    layer = nn.Linear(4, 3)
    x = torch.randn(2, 4, requires_grad=True)
    y = layer(x)
    upstream = torch.linspace(-1, 1, 6).reshape(2, 3)
    (y * upstream).sum().backward()
    return {"op": "linear", "weight": encode_tensor(layer.weight), "bias": encode_tensor(layer.bias),
            "x": encode_tensor(x), "y": encode_tensor(y), "upstream": encode_tensor(upstream),
            "gradX": encode_tensor(x.grad), "gradWeight": encode_tensor(layer.weight.grad),
            "gradBias": encode_tensor(layer.bias.grad)}


def mse_case(shapes):
    input_shape, target_shape = shapes
    torch.manual_seed(13)
    prediction = torch.randn(*input_shape, requires_grad=True)
    target = torch.randn(*target_shape)
    with warnings.catch_warnings(record=True) as raised:
        warnings.simplefilter("always")
        loss = F.mse_loss(prediction, target)
    loss.backward()
    return {"op": "mse_loss", "input": encode_tensor(prediction), "target": encode_tensor(target),
            "loss": encode_scalar(loss.item()), "grad": encode_tensor(prediction.grad),
            "warning": str(raised[0].message) if raised else None}


def broadcast_add_and_abs_mean_cases():
    """[3, 1] + [1, 4] and its gradients; then, from the same generator, mean(|x|) of a 3x3."""
    torch.manual_seed(17)
    column = torch.randn(3, 1, requires_grad=True)
    row = torch.randn(1, 4, requires_grad=True)
    total = column + row
    total.backward(torch.ones_like(total))
    add = {"op": "broadcast_add", "a": encode_tensor(column), "b": encode_tensor(row), "out": encode_tensor(total),
           "gradA": encode_tensor(column.grad), "gradB": encode_tensor(row.grad)}
    square = torch.randn(3, 3)
    mean = {"op": "abs_mean", "x": encode_tensor(square), "out": encode_scalar(square.abs().mean().item())}
    return [add, mean]

"""The networks of the lessons and the corpus, and one run of a scenario through them.

A scenario: `seed`; `input` (`{"kind": "literal", "value": rows}` or `{"kind": "randn", "shape": s}`);
`inputFirst` (default true: the input is made right after seeding, else after the models);
`models` built one after another from the same generator; `target`; `passes` (default 1): how
many forward, MSE and backward runs each model gets without zeroing its gradients.
"""
import warnings

import torch
import torch.nn.functional as F
from torch import nn

from activations import ACTIVATIONS
from encoding import encode_scalar, encode_tensor


class LayerStack(nn.Module):
    """`layerSizes` Linear layers, each followed by the activation, with a shortcut style:
    `none`; `when-shapes-match` (x + f(x) where the shapes agree, else f(x)); `always` (x + f(x),
    broadcasting). Parameters are named `layers.N.0.weight`, as in the lesson."""

    def __init__(self, sizes, activation, shortcut, bias):
        super().__init__()
        self.shortcut = shortcut
        self.layers = nn.ModuleList(
            nn.Sequential(nn.Linear(fan_in, fan_out, bias=bias), ACTIVATIONS[activation]())
            for fan_in, fan_out in zip(sizes, sizes[1:]))

    def forward(self, x):
        for layer in self.layers:
            y = layer(x)
            keep = self.shortcut == "always" or (self.shortcut == "when-shapes-match" and y.shape == x.shape)
            x = x + y if keep else y
        return x


class ResidualStack(nn.Module):
    """Seed 002's network (`residual-except-last`): plain Linear layers named `layers.N.weight`;
    each hidden layer gives act(layer(x)) + x, the last layer is a bare Linear."""

    def __init__(self, sizes, activation, bias):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(fan_in, fan_out, bias=bias) for fan_in, fan_out in zip(sizes, sizes[1:]))
        self.act = ACTIVATIONS[activation]()

    def forward(self, x):
        *hidden, last = self.layers
        for layer in hidden:
            x = self.act(layer(x)) + x
        return last(x)


def build(model):
    sizes, activation, bias = model["layerSizes"], model["activation"], model.get("bias", True)
    if model["shortcut"] == "residual-except-last":
        return ResidualStack(sizes, activation, bias)
    return LayerStack(sizes, activation, model["shortcut"], bias)


def make_input(spec):
    source = spec["input"]
    if source["kind"] == "literal":
        return torch.tensor(source["value"], dtype=torch.float32)
    return torch.randn(*source["shape"])


def training_pass(model, x, target):
    """One forward, MSE and backward run, as the notebooks' print_gradients does it."""
    with warnings.catch_warnings(record=True) as raised:
        warnings.simplefilter("always")
        output = model(x)
        loss = F.mse_loss(output, target)
    loss.backward()
    weight_means = [{"name": name, "shape": list(p.shape), **encode_scalar(p.grad.abs().mean().item())}
                    for name, p in model.named_parameters() if "weight" in name]
    return {"output": encode_tensor(output), "loss": encode_scalar(loss.item()),
            "warnings": [str(w.message) for w in raised], "weightGradMeanAbs": weight_means}


def run_scenario(spec, keep_parameters):
    """{inputValue, results}: per model its passes and either every parameter with its gradient
    (`keep_parameters`) or only each parameter's mean |grad| (the corpus, to stay small)."""
    torch.manual_seed(spec["seed"])
    input_first = spec.get("inputFirst", True)
    x = make_input(spec) if input_first else None
    models = [build(model) for model in spec["models"]]
    if not input_first:
        x = make_input(spec)
    target = torch.tensor(spec["target"], dtype=torch.float32)
    results = []
    for model in models:
        result = {"passes": [training_pass(model, x, target) for _ in range(spec.get("passes", 1))]}
        if keep_parameters:
            result["parameters"] = [{"name": name, "value": encode_tensor(p), "grad": encode_tensor(p.grad)}
                                    for name, p in model.named_parameters()]
        else:
            result["gradMeanAbs"] = [{"name": name, **encode_scalar(p.grad.abs().mean().item())}
                                     for name, p in model.named_parameters()]
        results.append(result)
    return {"inputValue": encode_tensor(x), "results": results}

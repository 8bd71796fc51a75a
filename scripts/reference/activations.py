"""The activations the lessons use, by the names the reference files give them."""
import torch
from torch import nn


class ComposedGELU(nn.Module):
    """The published lesson's GELU, built from tensor operations (autograd differentiates each
    in turn). The square root is taken of a float32 tensor, so it rounds as torch.sqrt does."""

    def forward(self, x):
        scale = torch.sqrt(torch.tensor(2.0 / torch.pi))
        return 0.5 * x * (1 + torch.tanh(scale * (x + 0.044715 * torch.pow(x, 3))))


# Name -> a new module. Order matters: the corpus draws an activation from this list.
ACTIVATIONS = {
    "gelu-tanh-composed": ComposedGELU,
    "gelu-erf": nn.GELU,
    "gelu-tanh-builtin": lambda: nn.GELU(approximate="tanh"),
    "relu": nn.ReLU,
    "sigmoid": nn.Sigmoid,
    "tanh": nn.Tanh,
}

"""Writes Tests/Data/reference/printing.json: tensors and the text PyTorch prints for them.

Run by hand, like generate.py (see README.md in this folder), with torch 2.13.0+cpu:
    python3 scripts/reference/print_cases.py [--output DIR]
Each case gives a tensor (shape, dtype and exact elements), its autograd facts, the print
options it was printed with and `str(tensor)`, which is also what `repr` and `print` show.
"""
import argparse
import math
import os
import sys

sys.dont_write_bytecode = True

import reference_environment  # noqa: E402  (pins the environment before torch loads)
import torch  # noqa: E402
from encoding import write_reference  # noqa: E402

DEFAULT_OUTPUT = os.path.join(reference_environment.DEFAULT_OUTPUT, "printing.json")

# PyTorch's names of the options -> the names the Swift tests read.
OPTION_NAMES = {"precision": "precision", "threshold": "threshold", "edgeitems": "edgeItems",
                "linewidth": "lineWidth", "sci_mode": "sciMode"}


def encode_elements(tensor):
    """The dtype and row-major elements: float32 as the hex of their bits (nan's sign kept),
    int64 as decimal strings (JSON readers may round large integers), bools as booleans."""
    flat = tensor.detach().contiguous().reshape(-1)
    if tensor.dtype == torch.float32:
        return {"dtype": "float32", "bits": [f"0x{v & 0xFFFFFFFF:08x}" for v in flat.view(torch.int32).tolist()]}
    if tensor.dtype == torch.int64:
        return {"dtype": "int64", "ints": [str(v) for v in flat.tolist()]}
    if tensor.dtype == torch.bool:
        return {"dtype": "bool", "bools": flat.tolist()}
    raise ValueError(f"no encoding for {tensor.dtype}")


def grad_fn_name(tensor):
    """The node name `_str_intern` prints (`MulBackward0`), or None for a leaf."""
    if tensor.grad_fn is None:
        return None
    return type(tensor.grad_fn).__name__


class Cases:
    def __init__(self):
        self.cases = []
        self.ids = set()

    def add(self, case_id, tensor, expected=None, **options):
        """Prints `tensor` with PyTorch's defaults changed by `options` (set_printoptions's
        arguments, `profile` included) and records it. `expected`, when given, is text published
        elsewhere (the chapter's notebook) that PyTorch must print."""
        assert case_id not in self.ids, case_id
        self.ids.add(case_id)
        torch.set_printoptions(profile="default", sci_mode=None)
        torch.set_printoptions(**options)
        used = torch._tensor_str.get_printoptions()
        text = str(tensor)
        torch.set_printoptions(profile="default", sci_mode=None)
        if expected is not None and text != expected:
            sys.exit(f"print_cases.py: error: {case_id} prints\n{text}\nnot\n{expected}")
        recorded = {OPTION_NAMES[name]: value for name, value in used.items()}
        if recorded["threshold"] == math.inf:
            recorded["threshold"] = None  # profile "full": never summarised
        self.cases.append({
            "id": case_id,
            "shape": list(tensor.shape),
            **encode_elements(tensor),
            "requiresGrad": tensor.requires_grad,
            "gradFn": grad_fn_name(tensor),
            "parameter": isinstance(tensor, torch.nn.Parameter),
            "options": recorded,
            "str": text,
        })


def f32(values):
    return torch.tensor(values, dtype=torch.float32)


NAN, INF = float("nan"), float("inf")


def random_normals(cases):
    """Normal draws at magnitudes from 1e-9 to 1e10, in shapes of one to four dimensions."""
    torch.manual_seed(1)
    shapes = [(1,), (2,), (3,), (5,), (8,), (9,), (12,), (2, 3), (3, 5), (4, 4), (1, 7), (7, 1), (2, 3, 4),
              (3, 1, 5), (2, 2, 2, 2), (1, 2, 3, 2)]
    for exponent in range(-9, 11):
        for shape in shapes[(exponent + 9) % 4::4]:
            name = "x".join(map(str, shape))
            cases.add(f"randn-e{exponent}-{name}", torch.randn(shape) * 10.0 ** exponent)
    for shape in shapes:
        name = "x".join(map(str, shape))
        cases.add(f"randn-{name}", torch.randn(shape))
        cases.add(f"rand-{name}", torch.rand(shape))
    # Spread over several decades: scientific notation chosen by the ratio or the extremes.
    for decades in (1, 2, 3, 4, 6):
        cases.add(f"spread-{decades}-decades", torch.randn(10) * torch.logspace(0, decades, 10))
    cases.add("negative-only", -torch.rand(6) - 0.5)
    cases.add("uniform-wide", torch.rand(4, 6) * 2000 - 1000)


def whole_numbers(cases):
    """Floats that are all whole numbers print `1.` (int mode), widened to the widest."""
    cases.add("whole-small", f32([1, 2, 3]))
    cases.add("whole-negative", f32([-1, 0, 7, -12]))
    cases.add("whole-2d", f32([[1, 20, 300], [-4000, 5, 6]]))
    cases.add("whole-1e8", f32([1e8, 3e7]))
    cases.add("whole-above-1e8", f32([1e8 + 8, 1]))
    cases.add("whole-ratio-1000", f32([1, 1000]))
    cases.add("whole-ratio-1001", f32([1, 1001]))
    cases.add("whole-huge", f32([1e20, -3e30]))
    cases.add("whole-with-half", f32([1, 2, 2.5]))
    cases.add("whole-randint", torch.randint(-50, 50, (4, 5)).float())
    cases.add("whole-randint-long-row", torch.randint(-500, 500, (30,)).float())
    cases.add("whole-scalar", f32(3))
    cases.add("whole-negative-zero", f32([-0.0, 1, 2]))
    cases.add("whole-with-inf", f32([INF, 1, 2]))
    cases.add("whole-with-nan", f32([1, NAN]))


def zeros_and_specials(cases):
    """Zeros (no nonzero value: PyTorch's starting state, `0.`), signed zeros, nan and inf."""
    cases.add("zeros-1d", torch.zeros(4))
    cases.add("zeros-2d", torch.zeros(2, 3))
    cases.add("negative-zeros", f32([-0.0, -0.0]))
    cases.add("mixed-zeros", f32([0.0, -0.0, 0.0]))
    cases.add("negative-zero-with-fraction", f32([-0.0, 1.5]))
    cases.add("negative-zero-with-sci", f32([-0.0, 1e-6, 1.0]))
    cases.add("nan-alone", f32([NAN]))
    cases.add("nan-negative", f32([-NAN, 2.5]))
    cases.add("nan-and-zero", f32([NAN, 0.0]))
    cases.add("nan-with-fraction", f32([NAN, 1.5, -0.25]))
    cases.add("nan-with-sci", f32([NAN, 1e-5, 1.0]))
    cases.add("inf-both", f32([INF, -INF]))
    cases.add("inf-with-fraction", f32([-INF, 0.5, 123.25]))
    cases.add("inf-with-sci", f32([INF, 1e10, 1.5]))
    cases.add("nan-inf-zero-2d", f32([[NAN, INF], [-INF, 0.0]]))
    cases.add("tiny-denormal", f32([1e-40, 1.0]))
    cases.add("float-max", f32([3.4028234663852886e38, -1.0]))
    cases.add("min-at-1e-4", f32([1e-4, 0.5]))  # float32(1e-4) is below the double 1e-4
    cases.add("min-above-1e-4", f32([1.0001e-4, 0.05]))
    cases.add("max-ratio-exactly-1000", f32([0.5, 500.0]))
    cases.add("max-ratio-above-1000", f32([0.5, 500.25]))
    # Ties at the last printed digit: Python rounds the exact binary value, ties to even.
    ties = f32([0.03125, 0.09375, 0.15625, 2.5, 0.5, 1.5, -0.03125, 1.00005, 0.00015])
    cases.add("ties-precision-4", ties, sci_mode=False)
    cases.add("ties-precision-0", ties, precision=0, sci_mode=False)
    cases.add("ties-precision-2", ties, precision=2)


def layouts(cases):
    """Rows wrapped at 80 columns and higher-dimensional blocks."""
    torch.manual_seed(2)
    cases.add("wrap-1d-30", torch.randn(30))
    cases.add("wrap-1d-100", torch.randn(100))
    cases.add("wrap-2d-3x20", torch.randn(3, 20))
    cases.add("wrap-3d-2x2x15", torch.randn(2, 2, 15))
    cases.add("wrap-4d-2x2x2x12", torch.randn(2, 2, 2, 12))
    cases.add("wrap-sci-1d-20", torch.randn(20) * 1e-6)
    cases.add("wrap-int-1d-40", torch.randint(0, 100000, (40,)))
    for n in range(6, 12):  # around the width of one line
        cases.add(f"row-width-{n}", torch.randn(n) * 10)
    cases.add("blocks-3d", torch.randn(3, 2, 2))
    cases.add("blocks-4d", torch.randn(2, 3, 2, 2))
    cases.add("blocks-5d", torch.randn(2, 1, 2, 1, 3))
    cases.add("ones-shaped-4d", torch.randn(1, 1, 1, 1))
    cases.add("column-20", torch.randn(20, 1))


def summarised(cases):
    """More than 1000 elements: three items at each end of every long dimension."""
    torch.manual_seed(3)
    cases.add("summary-1d-1001", torch.randn(1001))
    cases.add("summary-1d-1500", torch.randn(1500) * 100)
    cases.add("summary-1d-1000-not", torch.randn(1000))
    cases.add("summary-2d-40x30", torch.randn(40, 30))
    cases.add("summary-2d-6x200", torch.randn(6, 200))  # 6 rows: no row elided
    cases.add("summary-2d-7x150", torch.randn(7, 150))
    cases.add("summary-2d-1001x1", torch.randn(1001, 1))
    cases.add("summary-2d-1x1001", torch.randn(1, 1001))
    cases.add("summary-3d-11x11x11", torch.randn(11, 11, 11))
    cases.add("summary-3d-2x4x126", torch.randn(2, 4, 126))
    cases.add("summary-4d-5x5x5x10", torch.randn(5, 5, 5, 10))
    # The formatter sees only the shown elements: a huge middle value changes nothing.
    hidden = torch.randn(1100)
    hidden[500] = 1e12
    cases.add("summary-hidden-huge", hidden)
    shown = torch.randn(1100)
    shown[1] = 1e12
    cases.add("summary-shown-huge", shown)
    cases.add("summary-whole", torch.arange(1020.0).reshape(34, 30))
    cases.add("summary-int64-1d", torch.arange(2000))
    cases.add("summary-int64-2d", torch.arange(-600, 600).reshape(40, 30))
    cases.add("summary-bool-1d", torch.rand(1100) > 0.5)
    cases.add("summary-bool-3d", torch.rand(4, 20, 20) > 0.3)
    cases.add("summary-grad", (torch.randn(3, 400, requires_grad=True) * 2))


def empties(cases):
    """Empty tensors: `[]` with the shape unless it is (0,), and the dtype unless float32."""
    for shape in [(0,), (2, 0), (0, 3), (0, 2, 3), (3, 0, 2), (1, 0), (2, 3, 0, 1)]:
        name = "x".join(map(str, shape))
        cases.add(f"empty-float-{name}", torch.zeros(shape))
    for shape in [(0,), (2, 0)]:
        name = "x".join(map(str, shape))
        cases.add(f"empty-int64-{name}", torch.zeros(shape, dtype=torch.int64))
        cases.add(f"empty-bool-{name}", torch.zeros(shape, dtype=torch.bool))
    cases.add("empty-requires-grad", torch.zeros(0, requires_grad=True))
    cases.add("empty-grad-fn", torch.zeros(2, 0, requires_grad=True) * 2)
    cases.add("empty-edgeitems-0", torch.zeros(0, 4), edgeitems=0)


def scalars(cases):
    """0-dim tensors."""
    for name, value in [("three", 3.0), ("half", 2.5), ("negative", -1.25), ("zero", 0.0), ("negative-zero", -0.0),
                        ("tiny", 1e-5), ("huge", 1e10), ("pi", math.pi), ("nan", NAN), ("inf", INF),
                        ("minus-inf", -INF), ("e40", 3e38)]:
        cases.add(f"scalar-{name}", f32(value))
    cases.add("scalar-int64", torch.tensor(5))
    cases.add("scalar-int64-negative", torch.tensor(-123456789012))
    cases.add("scalar-bool", torch.tensor(True))
    cases.add("scalar-requires-grad", torch.tensor(2.0, requires_grad=True))
    leaf = torch.tensor(2.0, requires_grad=True)
    cases.add("scalar-grad-fn", leaf * 2)
    cases.add("scalar-sum", (torch.randn(3, requires_grad=True)).sum())
    cases.add("scalar-mean", (torch.randn(3, requires_grad=True)).mean())
    cases.add("scalar-sci-forced", f32(3.0), sci_mode=True)
    cases.add("scalar-summarised", f32(1.5), threshold=0)


def integers_and_bools(cases):
    torch.manual_seed(4)
    cases.add("int64-small", torch.tensor([1, 2, 3]))
    cases.add("int64-negative", torch.tensor([-1, 20, -300]))
    cases.add("int64-extremes", torch.tensor([-9223372036854775808, 9223372036854775807, 0]))
    cases.add("int64-2d", torch.randint(-1000, 1000, (4, 6)))
    cases.add("int64-3d", torch.randint(0, 10, (2, 3, 4)))
    cases.add("int64-zeros", torch.zeros(3, dtype=torch.int64))
    cases.add("int64-wide-row", torch.randint(-10**12, 10**12, (12,)))
    cases.add("int64-tokens", torch.tensor([[6109, 3626, 6100, 345], [6109, 1110, 6622, 257]]))
    cases.add("bool-1d", torch.tensor([True, False, True]))
    cases.add("bool-all-true", torch.tensor([True, True]))
    cases.add("bool-all-false", torch.tensor([[False], [False]]))
    cases.add("bool-2d", torch.rand(3, 4) > 0.5)
    cases.add("bool-wrap", torch.rand(40) > 0.5)
    cases.add("bool-mask", torch.tril(torch.ones(4, 4)).bool())
    cases.add("int64-precision-2", torch.tensor([1, 22, 333]), precision=2)
    cases.add("int64-sci-forced", torch.tensor([1, 22, 333]), sci_mode=True)


def autograd_suffixes(cases):
    """`grad_fn=<…>` for results, `requires_grad=True` for leaves, on the last line or wrapped."""
    torch.manual_seed(5)
    for n in range(1, 10):
        leaf = torch.randn(n, requires_grad=True)
        cases.add(f"leaf-requires-grad-{n}", leaf)
        cases.add(f"result-mul-{n}", leaf * 2)
        cases.add(f"result-unsafe-view-{n}", torch.randn(1, 1, n, requires_grad=True) @ torch.randn(n, n))
    # PyTorch counts the last line two characters longer than it is when it decides whether a
    # suffix fits: lines near 80 columns on either side of that decision.
    for n in range(10, 19):
        whole = torch.arange(float(n)).requires_grad_(True)
        cases.add(f"suffix-boundary-leaf-{n}", whole)
        cases.add(f"suffix-boundary-mul-{n}", whole * 1)
    for n in range(5, 9):
        fractions = (torch.rand(n) * 0.9 + 0.05).requires_grad_(True)
        cases.add(f"suffix-boundary-fraction-leaf-{n}", fractions)
        cases.add(f"suffix-boundary-fraction-mul-{n}", fractions * 1)
    x = torch.randn(2, 6, requires_grad=True)
    cases.add("grad-relu", torch.relu(x))
    cases.add("grad-add", x + 1)
    cases.add("grad-div", x / 3)
    cases.add("grad-tanh", torch.tanh(x))
    cases.add("grad-softmax", torch.softmax(x, dim=-1))
    cases.add("grad-mean-dim", x.mean(dim=-1, keepdim=True))
    cases.add("grad-var-dim", x.var(dim=-1, keepdim=True))
    cases.add("grad-transpose", x.t())
    cases.add("grad-view", x.view(3, 4))
    cases.add("grad-linear", torch.nn.functional.linear(x, torch.randn(3, 6)))
    cases.add("grad-sci", x * 1e-7)
    cases.add("grad-wide-rows", torch.randn(3, 8, requires_grad=True) * 100)
    parameter = torch.nn.Parameter(torch.randn(2, 3))
    cases.add("parameter", parameter)
    cases.add("parameter-no-grad", torch.nn.Parameter(torch.randn(3), requires_grad=False))
    cases.add("grad-narrow-line", x * 2, linewidth=30)
    cases.add("grad-summary-edgeitems-0", torch.randn(100, requires_grad=True) + 0, edgeitems=0, threshold=50)


def print_options(cases):
    """set_printoptions: precision, sci_mode, linewidth, edgeitems, threshold and profiles."""
    torch.manual_seed(6)
    values = torch.randn(2, 5)
    for precision in (0, 1, 2, 3, 6, 8, 12):
        cases.add(f"precision-{precision}", values, precision=precision)
        cases.add(f"precision-{precision}-sci", values * 1e-6, precision=precision)
    cases.add("sci-on", values, sci_mode=True)
    cases.add("sci-on-whole", f32([1, 2, 300]), sci_mode=True)
    cases.add("sci-on-zeros", torch.zeros(3), sci_mode=True)  # no nonzero value: PyTorch ignores sci_mode
    cases.add("sci-off-mixed", f32([1e-6, 1.0, 1e6]), sci_mode=False)
    cases.add("sci-off-huge-whole", f32([1e10, 1]), sci_mode=False)
    cases.add("sci-off-tiny", f32([[9.934107481068196e-09], [-2.0e-8]]), sci_mode=False)
    cases.add("sci-off-precision-2", values * 1e-3, sci_mode=False, precision=2)
    for width in (5, 20, 40, 60, 120, 200):
        cases.add(f"linewidth-{width}", torch.randn(3, 16), linewidth=width)
    cases.add("linewidth-30-suffix", torch.randn(4, requires_grad=True), linewidth=30)
    for edge in (0, 1, 2, 5):  # summarised past a threshold of 50, to keep the file small
        cases.add(f"edgeitems-{edge}-1d", torch.randn(120), edgeitems=edge, threshold=50)
        cases.add(f"edgeitems-{edge}-3d", torch.randn(3, 12, 12), edgeitems=edge, threshold=50)
        cases.add(f"edgeitems-{edge}-small", torch.randn(2, 3), edgeitems=edge)
    cases.add("edgeitems-0-int64", torch.arange(100).reshape(2, 50), edgeitems=0, threshold=50)
    cases.add("edgeitems-0-1d-not-summarised", torch.randn(10), edgeitems=0)
    cases.add("edgeitems-0-scalar", f32(1.5), edgeitems=0)
    for threshold in (0, 5, 10, 30):
        cases.add(f"threshold-{threshold}", torch.randn(4, 8), threshold=threshold)
    cases.add("threshold-5-int64", torch.arange(10), threshold=5)
    cases.add("threshold-2-edgeitems-1-3d", torch.randn(3, 3, 3), threshold=2, edgeitems=1)
    cases.add("profile-short", torch.randn(30, 40), profile="short")
    cases.add("profile-full", torch.randn(1100) * 3, profile="full")


# The chapter's printed logits (section 4.2's placeholder model and section 4.6's GPT model): its
# notebook printed these from tensors of shape [2, 4, 50257]; only the edge items show, so a
# [2, 4, 126] tensor with the same edge values prints the same text.
CHAPTER_LOGITS = {
    "placeholder": [
        [[-1.2034, 0.3201, -0.7130, -1.5548, -0.2390, -0.4667],
         [-0.1192, 0.4539, -0.4432, 0.2392, 1.3469, 1.2430],
         [0.5307, 1.6720, -0.4695, 1.1966, 0.0111, 0.5835],
         [0.0139, 1.6755, -0.3388, 1.1586, -0.0435, -1.0400]],
        [[-1.0908, 0.1798, -0.9484, -1.6047, 0.2439, -0.4530],
         [-0.7860, 0.5581, -0.0610, 0.4835, -0.0077, 1.6621],
         [0.3567, 1.2698, -0.6398, -0.0162, -0.1296, 0.3717],
         [-0.2407, -0.7349, -0.5102, 2.0057, -0.3694, 0.1814]]],
    "gpt": [
        [[0.3613, 0.4222, -0.0711, 0.3483, 0.4661, -0.2838],
         [-0.1792, -0.5660, -0.9485, 0.0477, 0.5181, -0.3168],
         [0.7120, 0.0332, 0.1085, 0.1018, -0.4327, -0.2553],
         [-1.0076, 0.3418, -0.1190, 0.7195, 0.4023, 0.0532]],
        [[-0.2564, 0.0900, 0.0335, 0.2659, 0.4454, -0.6806],
         [0.1230, 0.3653, -0.2074, 0.7705, 0.2710, 0.2246],
         [1.0558, 1.0318, -0.2800, 0.6936, 0.3205, -0.3178],
         [-0.1565, 0.3926, 0.3288, 1.2630, -0.1858, 0.0388]]],
}


def chapter_text(edges, grad_fn):
    """The chapter's layout of a summarised [2, 4, n] tensor with these edge values."""
    def row(values):
        items = [f"{v:7.4f}" for v in values]
        return "[" + ", ".join(items[:3]) + ",  ..., " + ", ".join(items[3:]) + "]"
    blocks = ["[" + ",\n         ".join(row(r) for r in block) + "]" for block in edges]
    return "tensor([" + ",\n\n        ".join(blocks) + "],\n       grad_fn=<" + grad_fn + ">)"


def chapter(cases):
    """Tensors as the chapter's notebook printed them (PyTorch 2.13 prints the same lines)."""
    torch.manual_seed(7)
    for name, edges in CHAPTER_LOGITS.items():
        logits = torch.randn(2, 4, 126) * 0.5
        logits[:, :, :3] = f32(edges)[:, :, :3]
        logits[:, :, -3:] = f32(edges)[:, :, 3:]
        logits = logits.requires_grad_(True).reshape(8, 126) @ torch.eye(126)
        cases.add(f"chapter-{name}-logits", logits.reshape(2, 4, 126) + 0,
                  expected=chapter_text(edges, "AddBackward0"))
        cases.add(f"chapter-{name}-logits-unsafe-view",
                  torch.randn(2, 4, 126, requires_grad=True) @ torch.eye(126))
    cases.add("chapter-batch", torch.tensor([[6109, 3626, 6100, 345], [6109, 1110, 6622, 257]]),
              expected="tensor([[6109, 3626, 6100,  345],\n        [6109, 1110, 6622,  257]])")
    cases.add("chapter-generated", torch.tensor([[15496, 11, 314, 716, 27018, 24086, 47843, 30961, 42348, 7267]]),
              expected="tensor([[15496,    11,   314,   716, 27018, 24086, 47843, 30961, 42348,  7267]])")
    relu = torch.relu(f32([[0.2260, 0.3470, -0.1, 0.2216, -0.5, -0.2],
                           [0.2133, 0.2394, -0.3, 0.5198, 0.3297, -0.01]]).requires_grad_(True))
    cases.add("chapter-relu", relu,
              expected="tensor([[0.2260, 0.3470, 0.0000, 0.2216, 0.0000, 0.0000],\n"
                       "        [0.2133, 0.2394, 0.0000, 0.5198, 0.3297, 0.0000]],\n"
                       "       grad_fn=<ReluBackward0>)")
    mean = f32([[0.7944, 1.3020]]).requires_grad_(True).t().mul(1 / 6).mean(dim=-1, keepdim=True)
    cases.add("chapter-mean", mean,
              expected="tensor([[0.1324],\n        [0.2170]], grad_fn=<MeanBackward1>)")
    normalised = f32([[0.6159, 1.4126, -0.8719, 0.5872, -0.8719, -0.8719],
                      [-0.0189, 0.1121, -1.0876, 1.5173, 0.5647, -1.0876]]).requires_grad_(True) / 1
    cases.add("chapter-normalised", normalised,
              expected="tensor([[ 0.6159,  1.4126, -0.8719,  0.5872, -0.8719, -0.8719],\n"
                       "        [-0.0189,  0.1121, -1.0876,  1.5173,  0.5647, -1.0876]],\n"
                       "       grad_fn=<DivBackward0>)")
    tiny = f32([[9.934107481068196e-09], [1.986821496213639e-08]]).requires_grad_(True).mean(dim=-1, keepdim=True)
    cases.add("chapter-mean-sci", tiny,
              expected="tensor([[9.9341e-09],\n        [1.9868e-08]], grad_fn=<MeanBackward1>)")
    signed = f32([[2.9802322387695312e-08], [-1.4901161193847656e-08]]).requires_grad_(True).mean(dim=-1, keepdim=True)
    cases.add("chapter-mean-sci-off", signed, sci_mode=False,
              expected="tensor([[ 0.0000],\n        [-0.0000]], grad_fn=<MeanBackward1>)")
    variance = f32([[0.9995, 1.0], [0.9997, 1.0]]).requires_grad_(True).var(dim=-1, keepdim=True) + 0.9995
    cases.add("chapter-variance-like", variance)


def write_cases(description, default_output, generator, makers, indent=None):
    """The command line of a print-case script: `--output`, then every maker's cases written
    with the provenance of the torch that printed them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--output", default=default_output, help="the JSON file (default: %(default)s)")
    arguments = parser.parse_args()
    torch.set_num_threads(1)
    cases = Cases()
    for make in makers:
        make(cases)
    origin = {**reference_environment.provenance(), "generator": generator}
    print(f"torch {origin['torch']}: {len(cases.cases)} cases -> {arguments.output}", file=sys.stderr)
    write_reference(arguments.output, origin, cases.cases, indent=indent)


def main():
    write_cases(__doc__.splitlines()[0], DEFAULT_OUTPUT, "scripts/reference/print_cases.py",
                (random_normals, whole_numbers, zeros_and_specials, layouts, summarised, empties, scalars,
                 integers_and_bools, autograd_suffixes, print_options, chapter))


if __name__ == "__main__":
    main()

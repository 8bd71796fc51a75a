"""Random network specs for the corpus, drawn from Python's `random.Random(corpus seed)`.

The draws below define the corpus: the same seed gives the same specs only while every draw
stays in this order (the tests name cases by id, e.g. c034 behind the starter page).
"""
import random

from activations import ACTIVATIONS

DEPTHS = [2, 3, 4, 5, 6, 8, 12, 20]
WIDTHS = [1, 2, 3, 4, 5, 8, 10, 16, 32]
SHORTCUTS = ["none", "when-shapes-match", "when-shapes-match", "residual-except-last"]
BATCHES = [1, 1, 2, 4]


def layer_sizes(rng, depth, width):
    """depth + 1 sizes: an input width (the hidden width or a random one), hidden widths, an output."""
    other_input = rng.randint(1, 12)
    first = rng.choice([width, other_input])
    last = rng.choice([1, 1, 2, width])
    return [first] + [width] * (depth - 1) + [last]


def random_rows(rng, rows, columns, low, high, digits):
    return [[round(rng.uniform(low, high), digits) for _ in range(columns)] for _ in range(rows)]


def corpus_spec(rng, index):
    depth = rng.choice(DEPTHS)
    width = rng.choice(WIDTHS)
    sizes = layer_sizes(rng, depth, width)
    shortcut = rng.choice(SHORTCUTS)
    if shortcut == "residual-except-last":
        # Every hidden layer adds its input, so the input and hidden widths agree.
        sizes = [width] * depth + [sizes[-1]]
    activation = rng.choice(list(ACTIVATIONS))
    batch = rng.choice(BATCHES)
    if rng.random() < 0.5:
        source = {"kind": "randn", "shape": [batch, sizes[0]]}
    else:
        source = {"kind": "literal", "value": random_rows(rng, batch, sizes[0], -2, 2, 2)}
    target = random_rows(rng, batch, sizes[-1], -1, 1, 1)
    seed = rng.randint(0, 10**6)
    input_first = rng.random() < 0.7
    passes = rng.choice([1, 1, 1, 2])
    bias = rng.random() < 0.8
    return {"id": f"c{index:03d}", "seed": seed, "input": source, "inputFirst": input_first, "passes": passes,
            "target": target,
            "models": [{"layerSizes": sizes, "activation": activation, "shortcut": shortcut, "bias": bias}]}


def corpus_specs(seed, size):
    rng = random.Random(seed)
    return [corpus_spec(rng, index) for index in range(size)]

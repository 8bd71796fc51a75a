"""The five published notebook runs (the project's seed notebooks) as scenarios, with the numbers
each notebook printed: the mean |grad| of the weights of layers 0 to 4 after its last backward
call, copied digit for digit from the notebook's output (Python's shortest round-trip spelling
of the float32 that `.item()` widened, or that `torch.mean` printed)."""

LESSON_INPUT = {"kind": "literal", "value": [[1.0, 0.0, -1.0]]}
LESSON_SIZES = [3, 3, 3, 3, 3, 1]


def lesson_model(activation, shortcut):
    return {"layerSizes": LESSON_SIZES, "activation": activation, "shortcut": shortcut}


SCENARIOS = [
    # Listing 4.5 of the book, without shortcuts.
    {"id": "book-listing-4.5", "seed": 123, "input": LESSON_INPUT, "target": [[0.0]],
     "models": [lesson_model("gelu-tanh-composed", "none")]},
    # The same network with its shortcut wherever a layer keeps the shape.
    {"id": "book-listing-4.5-shortcut", "seed": 123, "input": LESSON_INPUT, "target": [[0.0]],
     "models": [lesson_model("gelu-tanh-composed", "when-shapes-match")]},
    # Seed 000 ran its printing cell three times without zeroing: the gradients add up.
    {"id": "accumulated-three-backward-calls", "seed": 123, "passes": 3, "input": LESSON_INPUT, "target": [[0.0]],
     "models": [lesson_model("gelu-tanh-composed", "none")]},
    # Seed 002: randn(1, 10) drawn right after seeding; ReLU, no biases, residual hidden layers.
    {"id": "relu-no-bias-randn-residual", "seed": 123, "input": {"kind": "randn", "shape": [1, 10]}, "target": [[0.0]],
     "models": [{"layerSizes": [10, 10, 10, 10, 10, 1], "activation": "relu",
                 "shortcut": "residual-except-last", "bias": False}]},
    # Seed 003: exact GELU; two models from one seed, the second always adding its input
    # (broadcasting [1, 3] + [1, 1] at the last layer).
    {"id": "exact-gelu-two-models-one-seed", "seed": 123, "input": LESSON_INPUT, "target": [[0.0]],
     "models": [lesson_model("gelu-erf", "none"), lesson_model("gelu-erf", "always")]},
]

# Seed notebook -> scenario id -> the printed numbers (for two models: one list per model).
PRINTED = {
    "000_7afdc8af26ed1517.txt": {
        "accumulated-three-backward-calls": [0.0006052075768820941, 0.00036033481592312455, 0.002145612146705389,
                                             0.00419662008062005, 0.01514893677085638],
        "book-listing-4.5-shortcut": [0.22169798612594604, 0.20694111287593842, 0.3289700150489807,
                                      0.26657330989837646, 1.3258544206619263],
    },
    "001_565a365388a1552e.txt": {
        "book-listing-4.5": [0.00020173584925942123, 0.00012011159560643137, 0.0007152040489017963,
                             0.0013988736318424344, 0.005049645435065031],
        "book-listing-4.5-shortcut": [0.22169791162014008, 0.20694105327129364, 0.32896995544433594,
                                      0.2665732204914093, 1.3258540630340576],
    },
    "002_31e84b59c692583a.txt": {
        "relu-no-bias-randn-residual": [0.010994031094014645, 0.006011884659528732, 0.011236266233026981,
                                        0.008820828050374985, 0.10310874879360199],
    },
    "003_5ccfd8c3770ad34e.txt": {
        "exact-gelu-two-models-one-seed": [
            [0.00020174124801997095, 0.00012011772923870012, 0.0007152438047342002,
             0.0013988513965159655, 0.005049603525549173],
            [0.6178960800170898, 0.15985536575317383, 0.3972354233264923,
             0.44717708230018616, 1.3972887992858887],
        ],
    },
    "004_3e957f54a9e39c9b.txt": {
        "book-listing-4.5": [0.00020173587836325169, 0.0001201116101583466, 0.0007152041653171182,
                             0.001398873864673078, 0.005049646366387606],
    },
}


def published(scenario_id):
    """{seed notebook: printed numbers} for one scenario."""
    return {notebook: runs[scenario_id] for notebook, runs in PRINTED.items() if scenario_id in runs}

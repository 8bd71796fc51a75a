"""Cases for Tests/Data/reference/cross_entropy_avx2.json: F.cross_entropy with ATen's AVX2
kernels (8-lane log_softmax and exp), made in a child process with ATEN_CPU_CAPABILITY=avx2.

math.json's losses are made at AVX512 (16 lanes); on an AVX2-only CPU the engine's
cross-entropy runs the 8-lane log_softmax, as torch does there, and LossTests compares it with
this file: the same cross-entropy cases as math.json, and class counts around the vector width
(7, 8, 9, 16, 17, 33, 768), classes in dimension 1 of an (N, C, d) batch (the column kernel),
and probabilities. Each case is laid out as math.json's (math_cases._run).

Run by hand (see README.md in this folder), with torch 2.13.0+cpu:
    python3 scripts/reference/cross_entropy_avx2_cases.py [--output FILE]
generate.py writes the same file.
"""
import argparse
import json
import os
import sys

sys.dont_write_bytecode = True

import reference_environment  # noqa: E402  (pins the environment before torch loads)
import torch  # noqa: E402
from encoding import write_reference  # noqa: E402
from math_cases import _randn, _run, loss_cases  # noqa: E402

# (shape of the logits, reduction): rows around the 8-lane vector, and an (N, C, d) batch whose
# classes are a column of stride d (ATen's log_softmax over an inner dimension).
EXTRA_INDEX_CASES = [((3, 7), "mean"), ((3, 8), "sum"), ((4, 9), "mean"), ((2, 16), "none"), ((2, 17), "mean"),
                     ((3, 33), "mean"), ((2, 768), "mean"), ((2, 9, 5), "mean"), ((3, 17, 2), "none")]
EXTRA_PROBABILITY_SHAPES = [(3, 9), (2, 17)]
UNREDUCED_SHAPES = [(2, 5, 3, 2), (2, 5, 2, 2, 3)]


def child_cases():
    """Run in the child with ATEN_CPU_CAPABILITY=avx2: math.json's cross-entropy cases, then more."""
    torch.set_num_threads(1)
    cases = [case for case in loss_cases() if case["op"].startswith("crossEntropy")]
    ce = torch.nn.functional.cross_entropy
    seed = 900
    for shape, reduction in EXTRA_INDEX_CASES:
        seed += 1
        logits = _randn(shape, seed, 3.0)
        target_shape = (shape[0],) + tuple(shape[2:])
        target = torch.randint(0, shape[1], target_shape, generator=torch.Generator().manual_seed(seed))
        cases.append({"op": "crossEntropy", "reduction": reduction, "ignoreIndex": -100,
                      **_run(lambda a, b, r=reduction: ce(a, b, reduction=r), [logits, target], seed)})
    for shape in EXTRA_PROBABILITY_SHAPES:
        seed += 1
        logits = _randn(shape, seed, 3.0)
        probs = torch.softmax(_randn(shape, seed + 50), 1)
        cases.append({"op": "crossEntropyProbabilities", "reduction": "mean",
                      **_run(lambda a, b: ce(a, b), [logits, probs], seed)})
    # Unreduced losses of 4-D and 5-D inputs: nll_loss_nd views only the 3-D and 5-plus-D ones.
    for shape in UNREDUCED_SHAPES:
        seed += 1
        logits = _randn(shape, seed, 3.0)
        target = torch.randint(0, shape[1], (shape[0],) + tuple(shape[2:]), generator=torch.Generator().manual_seed(seed))
        cases.append({"op": "crossEntropy", "reduction": "none", "ignoreIndex": -100,
                      **_run(lambda a, b: ce(a, b, reduction="none"), [logits, target], seed)})
    for case in cases:
        case["cpuCapability"] = torch.backends.cpu.get_cpu_capability()
    return cases


def cross_entropy_avx2_reference():
    """(provenance, cases) from the child: its provenance records the AVX2 capability it ran with."""
    made = reference_environment.run_at_capability(__file__, "--avx2-child", "avx2")
    if not all(case["cpuCapability"] == "AVX2" for case in made["cases"]):
        sys.exit("cross_entropy_avx2_cases.py: error: ATen did not run with AVX2 in the child")
    return made["provenance"], made["cases"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    output = os.path.join(reference_environment.DEFAULT_OUTPUT, "cross_entropy_avx2.json")
    parser.add_argument("--output", default=output, help="the JSON file (default: %(default)s)")
    parser.add_argument("--avx2-child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.avx2_child:
        origin = {**reference_environment.provenance(), "generator": "scripts/reference/cross_entropy_avx2_cases.py"}
        json.dump({"provenance": origin, "cases": child_cases()}, sys.stdout)
        return
    write_reference(arguments.output, *cross_entropy_avx2_reference(), None)


if __name__ == "__main__":
    main()

"""Writes the PyTorch reference vectors the tests compare the engine with (Tests/Data/reference/).

Run by hand, never by `make test`; see README.md in this folder. The settings below are made
before torch is imported, because MKL and ATen read them once, when they load.
"""
import argparse
import os
import sys

# A maintainer runs this by hand: leave no bytecode caches of the helper modules in the repository.
sys.dont_write_bytecode = True

from reference_environment import DEFAULT_OUTPUT, provenance  # noqa: E402  (pins the environment first)
import torch  # noqa: E402

from cleanup_cases import cleanup_cases  # noqa: E402
from corpus import corpus_specs  # noqa: E402
from cross_entropy_avx2_cases import cross_entropy_avx2_reference  # noqa: E402
from encoding import write_reference  # noqa: E402
from math_cases import math_cases  # noqa: E402
from generator_cases import generator_cases, linear_init_cases  # noqa: E402
from matmul_cases import matmul_reference_cases  # noqa: E402
from networks import run_scenario  # noqa: E402
from notebooks import SCENARIOS, published  # noqa: E402
from operator_cases import operator_cases  # noqa: E402
from residuals_cases import residuals_cases  # noqa: E402
from shape_cases import shape_cases  # noqa: E402
from softmax_widths_cases import softmax_widths_cases  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="folder for the JSON files (default: %(default)s)")
    parser.add_argument("--corpus-seed", type=int, default=1, help="seed of the corpus's spec draws")
    parser.add_argument("--corpus-size", type=int, default=120, help="how many corpus networks")
    parser.add_argument("--any-capability", action="store_true",
                        help="write the files even if ATen cannot use AVX-512 here (their numbers will move)")
    arguments = parser.parse_args()

    torch.set_num_threads(1)
    capability = torch.backends.cpu.get_cpu_capability()
    if capability != "AVX512" and not arguments.any_capability:
        # ATen's AVX2 and baseline kernels round differently (a uniform_ without fused
        # multiply-add is off by one ulp in a third of its values); see README.md.
        sys.exit(f"generate.py: error: ATen runs with {capability}, not AVX512, on this machine; "
                 "the committed files were made with AVX512 (--any-capability writes them anyway)")
    os.makedirs(arguments.output, exist_ok=True)
    origin = provenance()
    print(f"torch {origin['torch']}, {origin['cpuCapability']}, {origin['threads']} thread(s), "
          f"{origin['processor']} -> {arguments.output}", file=sys.stderr)

    def write(name, cases, indent=1):
        write_reference(os.path.join(arguments.output, name), origin, cases, indent)

    write("rng.json", generator_cases())
    write("linear_init.json", linear_init_cases())
    write("matmul.json", matmul_reference_cases())
    write("ops.json", operator_cases())
    write("shape.json", shape_cases())
    write("math.json", math_cases(), indent=None)
    write("cleanup.json", cleanup_cases(), indent=None)
    write("residuals.json", residuals_cases(), indent=None)
    write_reference(os.path.join(arguments.output, "cross_entropy_avx2.json"), *cross_entropy_avx2_reference(), None)
    write("softmax_widths.json", softmax_widths_cases(), indent=None)
    write("scenarios.json", [{**spec, "published": published(spec["id"]), **run_scenario(spec, keep_parameters=True)}
                             for spec in SCENARIOS])
    # One line: the corpus is large and read only by programs.
    write("corpus.json", [{**spec, **run_scenario(spec, keep_parameters=False)}
                          for spec in corpus_specs(arguments.corpus_seed, arguments.corpus_size)], indent=None)


if __name__ == "__main__":
    main()

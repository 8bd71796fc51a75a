"""The pinned environment every reference file is made in, and the provenance written with it.

Imported before torch by generate.py and by each case module run alone: MKL and ATen read these
settings once, when they load. (The case modules import this, not generate.py, which imports them.)
"""
import json
import os
import platform
import subprocess
import sys

# The settings the committed files were made with; an explicit environment value wins and is
# recorded as used. MKL on its SSE4.2 path is the square root the engine reproduces.
PINNED_ENVIRONMENT = {
    "MKL_ENABLE_INSTRUCTIONS": "SSE4_2",
    "ATEN_CPU_CAPABILITY": "avx512",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
for name, value in PINNED_ENVIRONMENT.items():
    os.environ.setdefault(name, value)

import torch  # noqa: E402  (after the environment is set)

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUTPUT = os.path.join(REPOSITORY, "Tests", "Data", "reference")


def processor_name():
    """The CPU model: approximate instructions (rsqrt, rcp) that MKL may use differ by vendor."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def provenance():
    return {
        "torch": torch.__version__,
        "cpuCapability": torch.backends.cpu.get_cpu_capability(),
        "threads": torch.get_num_threads(),
        "environment": {name: os.environ[name] for name in PINNED_ENVIRONMENT},
        "machine": platform.machine(),
        "processor": processor_name(),
        "python": platform.python_version(),
        "generator": "scripts/reference/generate.py",
    }


def run_at_capability(script, flag, capability):
    """What `script flag` prints as JSON, run in a child process whose ATen uses `capability`'s
    kernels (ATen reads ATEN_CPU_CAPABILITY once, when it loads, so a process cannot switch)."""
    child = subprocess.run([sys.executable, os.path.abspath(script), flag], check=True, capture_output=True, text=True,
                           env={**os.environ, "ATEN_CPU_CAPABILITY": capability})
    return json.loads(child.stdout)

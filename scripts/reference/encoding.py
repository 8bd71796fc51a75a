"""How the reference files spell numbers and tensors, and how they are written.

A float32 is kept exactly as the hex of its IEEE-754 bits and, for people reading the file, as
the decimal Python prints for it (the shortest digits that read back as the same number).
"""
import json
import os
import struct
import tempfile

import torch


def float_bits(value):
    """'0x3f800000' for 1.0: the bits of `value` rounded to float32."""
    (word,) = struct.unpack("<I", struct.pack("<f", float(value)))
    return f"0x{word:08x}"


def encode_tensor(tensor):
    """{shape, bits, values} of a tensor's float32 elements, row-major."""
    flat = tensor.detach().to(torch.float32).contiguous().reshape(-1).tolist()
    return {
        "shape": list(tensor.shape),
        "bits": [float_bits(v) for v in flat],
        "values": flat,
    }


def encode_scalar(value):
    """{bits, value} of one float32 (a Python float from `.item()` is that float32 widened)."""
    return {"bits": float_bits(value), "value": float(value)}


def write_reference(path, provenance, cases, indent):
    """Writes {provenance, cases} to a temporary name beside `path`, then renames it into place."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".reference-", suffix=".json", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"provenance": provenance, "cases": cases}, out, indent=indent)
            out.write("\n")
        # mkstemp creates the file readable by its owner only; give it the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise

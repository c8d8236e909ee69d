"""What a fit's evidence was computed with, recorded beside what it was fitted on (pure lookups).

The same clip read by another CTranslate2 or onnxruntime release gets slightly different int8
scores, and a refit on them other weights: a fit's figures are those of its evidence. Recording the
stack lets a later refit tell a change of the decision from a change of the arithmetic under it.
"""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path

#: the packages whose arithmetic makes the evidence: the ASR, its VAD, the features
ASR_STACK = ("ctranslate2", "faster-whisper", "onnxruntime", "numpy")
#: the instruction sets CTranslate2's and onnxruntime's kernels are chosen by at run time: one wheel
#: computes with AVX-512 on one machine and AVX2 on another, and float sums differ in their last bits
ISA_FLAGS = ("avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512_vnni", "avx_vnni", "amx_int8")


def asr_stack() -> dict[str, str]:
    """Each `ASR_STACK` package's installed version ("absent" where it is not installed)."""
    out = {}
    for name in ASR_STACK:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def machine(cpuinfo: Path = Path("/proc/cpuinfo")) -> dict[str, str]:
    """The processor the arithmetic ran on: its model and which of `ISA_FLAGS` it has (Linux's
    /proc/cpuinfo; elsewhere the platform's own name and "unknown"). Two machines with the same
    packages built and read the corpora differently (README, "Reproducing them"); this says whether
    their processors could be why."""
    named = platform.processor() or platform.machine() or "unknown"
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {"cpu": named, "isa": "unknown"}
    fields: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() not in fields:  # the first processor's: they are alike
            fields[key.strip()] = value.strip()
    flags = set(fields.get("flags", "").split())
    return {
        "cpu": fields.get("model name") or named,
        "isa": " ".join(f for f in ISA_FLAGS if f in flags) or "none of " + " ".join(ISA_FLAGS),
    }

"""What a fit's evidence was computed with, recorded beside what it was fitted on (pure lookups).

The same clip read by another CTranslate2 or onnxruntime release gets slightly different int8
scores, and a refit on them other weights: a fit's figures are those of its evidence. Recording the
stack lets a later refit tell a change of the decision from a change of the arithmetic under it.
"""

from __future__ import annotations

from importlib import metadata

#: the packages whose arithmetic makes the evidence: the ASR, its VAD, the features
ASR_STACK = ("ctranslate2", "faster-whisper", "onnxruntime", "numpy")


def asr_stack() -> dict[str, str]:
    """Each `ASR_STACK` package's installed version ("absent" where it is not installed)."""
    out = {}
    for name in ASR_STACK:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out

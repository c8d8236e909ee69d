"""Corpus files: the prompts a run plays against the service.

JSON Lines, one prompt per line:

    {"id": "p1", "text": "Ponlo al mínimo.", "instructions": "...", "language": "en",
     "expected": "Lower it to minimum."}

`id` and `text` are required. `instructions` overrides the session's for that
response only; `language` is the language the spoken answer should be in
(ISO 639-1, drives drift detection; detected when absent); `expected` is a
known-good answer kept for the report; `response` is a mapping merged into that
prompt's `response.create` (e.g. `{"metadata": {"sim_fault": "truncate"}}` to
force a simulator fault). Other keys are kept in `meta`.

`audio` makes the prompt spoken: a WAV file (16-bit PCM, any rate, mixed to
mono) or a raw file of pcm16 at 24 kHz mono, its path relative to the corpus
file's folder and confined to it, as a manifest's audio is. `verifier run`
streams it as input audio at real-time pace, and the response to what was
said is verified like a typed one's; `text` is then optional (it names the
prompt in the report).

YAML, for richer suites:

    name: translation
    session: {modalities: [text, audio], instructions: "...", output_audio_format: g711_ulaw, temperature: 0.6}
    defaults: {language: en}
    prompts:
      - {id: p1, text: "...", expected: "..."}

Every error names the file, the line and the field.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verifier.realtime.settings import SessionSettings, SettingsError
from verifier.schema import audio as audio_mod
from verifier.schema.jsontext import JSONTextError, parse

PROMPT_FIELDS = ("id", "text", "instructions", "language", "expected", "audio")
#: A spoken prompt longer than this is no prompt (the services cap a turn's input audio far below).
MAX_PROMPT_AUDIO_BYTES = 64 * 1024 * 1024
#: What a spoken prompt is sent as: pcm16, 24 kHz, mono (the services' default input format).
INPUT_RATE = 24_000
YAML_KEYS = ("name", "description", "session", "defaults", "prompts")


class CorpusError(ValueError):
    pass


@dataclass
class Prompt:
    id: str
    text: str
    instructions: str | None = None
    language: str | None = None
    expected: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    audio: str | None = None  # as the corpus gives it (relative to the corpus folder)
    audio_path: str | None = field(default=None, repr=False)  # resolved, checked at load

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "text": self.text}
        for k in ("instructions", "language", "expected", "audio"):
            if getattr(self, k) is not None:
                d[k] = getattr(self, k)
        d.update(self.meta)
        return d


@dataclass
class Corpus:
    prompts: list[Prompt]
    path: str | None = None
    name: str | None = None
    #: Session settings the corpus asks for (YAML `session:`); run flags override them.
    session: dict[str, Any] = field(default_factory=dict)


class AudioFileError(ValueError):
    pass


def read_prompt_audio(path: str | Path) -> bytes:
    """A spoken prompt's audio as pcm16 at 24 kHz, mono; AudioFileError says why not."""
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not hang the load
    except FileNotFoundError:
        raise AudioFileError(f"file not found: {p}") from None
    except OSError as e:
        raise AudioFileError(f"cannot read {p}: {e.strerror or e}") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise AudioFileError(f"{p} is not a regular file")
        if st.st_size > MAX_PROMPT_AUDIO_BYTES:
            raise AudioFileError(f"{p} is {st.st_size} bytes; the limit is {MAX_PROMPT_AUDIO_BYTES}")
        data = f.read(MAX_PROMPT_AUDIO_BYTES + 1)
    if len(data) > MAX_PROMPT_AUDIO_BYTES:
        raise AudioFileError(f"{p} is over {MAX_PROMPT_AUDIO_BYTES} bytes")
    try:
        if p.suffix.lower() == ".wav" or data[:4] == b"RIFF":
            samples, rate = audio_mod.read_wav(data)
            pcm = audio_mod.encode(samples, rate, "pcm16")
        else:
            audio_mod.decode(data, "pcm16")  # raw: already what is sent; checks the byte count
            pcm = data
    except audio_mod.AudioError as e:
        raise AudioFileError(
            f"{p.name} is not usable audio ({e}); give a 16-bit WAV, or raw pcm16 at 24 kHz mono"
        ) from None
    if not pcm:
        raise AudioFileError(f"{p.name} holds no audio")
    return pcm


def load_corpus(path: str | Path) -> Corpus:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(f"{p}: corpus file not found") from None
    except UnicodeDecodeError as e:
        raise CorpusError(f"{p}: not UTF-8 text ({e})") from None
    except OSError as e:
        raise CorpusError(f"{p}: cannot read ({e.strerror})") from None
    if p.suffix.lower() in (".yaml", ".yml"):
        return parse_yaml(text, str(p))
    return parse_jsonl(text, str(p))


def _base(where: str) -> Path:
    return Path(where).parent if not where.startswith("<") else Path.cwd()


def parse_jsonl(text: str, where: str = "<corpus>") -> Corpus:
    prompts: list[Prompt] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = parse(line)
        except JSONTextError as e:
            raise CorpusError(f"{where}:{lineno}: {e}") from None
        prompts.append(_prompt(obj, f"{where}:{lineno}", seen, lineno, _base(where)))
    if not prompts:
        raise CorpusError(f"{where}: no prompts")
    return Corpus(prompts, path=where)


def parse_yaml(text: str, where: str = "<corpus>") -> Corpus:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        loc = f":{mark.line + 1}" if mark is not None else ""
        raise CorpusError(f"{where}{loc}: not valid YAML ({getattr(e, 'problem', None) or e})") from None
    if not isinstance(data, dict) or root is None:
        raise CorpusError(f"{where}: expected a mapping with a 'prompts' list")
    for key in data:
        if key not in YAML_KEYS:
            raise CorpusError(f"{where}:{_line(root, key)}: unknown key {key!r} (known: {', '.join(YAML_KEYS)})")
    session = data.get("session") or {}
    if not isinstance(session, dict):
        raise CorpusError(f"{where}:{_line(root, 'session')}: 'session' must be a mapping")
    try:
        SessionSettings.from_dict(session, f"{where}:{_line(root, 'session')}: session")
    except SettingsError as e:
        raise CorpusError(str(e)) from None
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise CorpusError(f"{where}:{_line(root, 'defaults')}: 'defaults' must be a mapping")
    for key in defaults:
        if key in ("id", "text"):
            raise CorpusError(f"{where}:{_line(root, 'defaults')}: defaults cannot set {key!r}")
    items = data.get("prompts")
    if not isinstance(items, list) or not items:
        raise CorpusError(f"{where}:{_line(root, 'prompts')}: 'prompts' must be a non-empty list")
    lines = _item_lines(root)
    seen: dict[str, int] = {}
    prompts = []
    for i, obj in enumerate(items):
        lineno = lines[i] if i < len(lines) else 0
        merged = {**defaults, **obj} if isinstance(obj, dict) else obj
        prompts.append(_prompt(merged, f"{where}:{lineno}", seen, lineno, _base(where)))
    name = data.get("name")
    return Corpus(prompts, path=where, name=str(name) if name is not None else None, session=dict(session))


def _prompt(obj: Any, loc: str, seen: dict[str, int], lineno: int, base: Path) -> Prompt:
    if not isinstance(obj, dict):
        raise CorpusError(f"{loc}: a prompt must be an object with 'id' and 'text'")
    if "id" not in obj or obj["id"] is None or obj["id"] == "":
        raise CorpusError(f"{loc}: field 'id' is missing")
    pid = obj["id"]
    if isinstance(pid, bool) or not isinstance(pid, (str, int)):
        raise CorpusError(f"{loc}: field 'id' must be a string")
    pid = str(pid)
    if pid in seen:
        raise CorpusError(f"{loc}: field 'id': duplicate id {pid!r} (first on line {seen[pid]})")
    seen[pid] = lineno
    audio, audio_path = _audio(obj.get("audio"), loc, base)
    text = obj.get("text")
    if audio is not None and text is None:
        text = f"(spoken: {audio})"
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(
            f"{loc}: field 'text' is missing or empty"
            if text in (None, "")
            else f"{loc}: field 'text' must be a non-empty string"
        )
    opt: dict[str, str | None] = {}
    for key in ("instructions", "language", "expected"):
        v = obj.get(key)
        if v is not None and not isinstance(v, str):
            raise CorpusError(f"{loc}: field {key!r} must be a string")
        opt[key] = v
    lang = opt["language"]
    if lang is not None and not (2 <= len(lang) <= 3 and lang.isalpha()):
        raise CorpusError(f"{loc}: field 'language' must be an ISO 639-1 code such as 'en', got {lang!r}")
    if "response" in obj and not isinstance(obj["response"], dict):
        raise CorpusError(f"{loc}: field 'response' must be a mapping (merged into response.create)")
    meta = {k: v for k, v in obj.items() if k not in PROMPT_FIELDS}
    return Prompt(
        pid, text, opt["instructions"], lang.lower() if lang else None, opt["expected"], meta, audio, audio_path
    )


def _audio(value: Any, loc: str, base: Path) -> tuple[str | None, str | None]:
    """A prompt's `audio` field, checked: (as given, resolved path), or (None, None)."""
    if value is None:
        return None, None
    if not isinstance(value, str) or not value.strip():
        raise CorpusError(f"{loc}: field 'audio' must be a path to a WAV or raw file, relative to the corpus")
    from verifier.harness.manifest import audio_outside

    why = audio_outside(base, value)
    if why is not None:
        raise CorpusError(
            f"{loc}: field 'audio': {value!r} is {why.replace('manifest', 'corpus')}; "
            "spoken prompts must lie in the corpus folder"
        )
    path = (base / value).resolve()
    try:
        read_prompt_audio(path)
    except AudioFileError as e:
        raise CorpusError(f"{loc}: field 'audio': {e}") from None
    return value, str(path)


def _line(root: Any, key: str) -> int:
    for k, _v in getattr(root, "value", []):
        if getattr(k, "value", None) == key:
            return int(k.start_mark.line) + 1
    return int(root.start_mark.line) + 1


def _item_lines(root: Any) -> list[int]:
    for k, v in getattr(root, "value", []):
        if getattr(k, "value", None) == "prompts" and hasattr(v, "value") and isinstance(v.value, list):
            return [int(item.start_mark.line) + 1 for item in v.value]
    return []

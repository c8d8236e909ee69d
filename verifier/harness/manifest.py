"""Manifest files: JSON Lines, one (audio, transcript) pair per line.

    {"id": "r1", "audio": "audio/r1.ulaw", "audio_format": "g711_ulaw",
     "transcript": "I'm checking.", "language": "en"}

``audio`` is relative to the manifest and must lie inside the manifest's
folder (after following links): an absolute path or one that climbs out with
``..`` is refused unless the caller allows it (`verifier score --allow-outside`),
so a manifest cannot make the report embed an arbitrary file. Only regular
files are read (no devices, FIFOs or folders), and at most
`MAX_AUDIO_BYTES`. null or an empty file means no audio at all.
``audio_format`` is inferred from ``.wav/.pcm/.ulaw/.alaw`` when absent.
``voice`` (optional) names the voice that spoke the reply: a manifest may mix
voices, and each reply is judged beside the replies of its own voice.
Other fields (``expected``, notes) are kept and copied into the verdict's meta.

A bad line never stops the others: it becomes a `ManifestError` naming the
line and the field, and the caller scores everything else.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verifier.core.verify import VerifyItem
from verifier.schema import audio as audio_mod
from verifier.schema.jsontext import JSONTextError, clean_obj, parse
from verifier.schema.results import ResultMeta

#: The largest audio file read: an hour of pcm16 at 24 kHz is 173 MB.
MAX_AUDIO_BYTES = 256 * 1024 * 1024

_KNOWN = {"id", "audio", "audio_format", "transcript", "language", "voice"}
#: a voice is a name reports print on one line
MAX_VOICE_CHARS = 100
# Only magic numbers no raw audio plausibly starts with: an MP3's bare frame sync (ff fb) is left
# out, because mu-law silence is 0xff and a clip may start ff fb (one held-out clip did).
_MAGIC = {
    b"RIFF": "a WAV file",
    b"OggS": "an Ogg file",
    b"fLaC": "a FLAC file",
    b"ID3": "an MP3 file",
    b"\x1aE\xdf\xa3": "a WebM/Matroska file",
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive",
}


@dataclass
class ManifestError:
    line: int
    field: str
    message: str
    id: str | None = None
    path: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.path else f"line {self.line}"
        return f"{where}: field {self.field!r}: {self.message}"


class ManifestEntryError(ValueError):
    def __init__(self, error: ManifestError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class ManifestEntry:
    line: int
    id: str
    audio_path: Path | None
    audio_format: str | None
    transcript: str
    language: str | None
    voice: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    manifest: str = ""

    def error(self, field_name: str, message: str) -> ManifestEntryError:
        return ManifestEntryError(ManifestError(self.line, field_name, message, self.id, self.manifest))

    def load(self) -> VerifyItem:
        """Read and check the audio; raise ManifestEntryError naming the field on bad input."""
        meta = ResultMeta.from_dict(self.extra)
        meta.manifest_line, meta.voice = self.line, self.voice
        if self.audio_path is not None:  # so reports can play the clip without the manifest
            meta.audio_path = str(self.audio_path.resolve())
        if self.audio_path is None:
            return VerifyItem(self.id, None, self.audio_format or "pcm16", self.transcript, self.language, meta)
        data = self._read_audio(self.audio_path)
        fmt_field = "audio_format" if self.audio_format else "audio"
        try:
            fmt = (
                audio_mod.normalize_format(self.audio_format)
                if self.audio_format
                else audio_mod.format_from_path(self.audio_path)
            )
        except audio_mod.AudioError as exc:
            raise self.error(fmt_field, str(exc)) from None
        if data:
            problem = _not_audio(data, fmt)
            if problem:
                raise self.error("audio", f"{self.audio_path.name}: {problem}")
            try:
                audio_mod.decode(data, fmt)
            except audio_mod.AudioError as exc:
                raise self.error("audio", f"{self.audio_path.name} is not valid {fmt}: {exc}") from None
        meta.audio_format = fmt
        return VerifyItem(self.id, data, fmt, self.transcript, self.language, meta)

    def _read_audio(self, path: Path) -> bytes:
        """The file's bytes, if it is a regular file of at most MAX_AUDIO_BYTES."""
        try:
            # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            raise self.error("audio", f"file not found: {path}") from None
        except OSError as exc:
            raise self.error("audio", f"cannot read {path}: {exc.strerror or exc}") from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise self.error("audio", f"{path} is not a regular file")
        with os.fdopen(fd, "rb") as f:
            if st.st_size > MAX_AUDIO_BYTES:
                raise self.error("audio", f"{path} is {st.st_size} bytes; the limit is {MAX_AUDIO_BYTES}")
            try:
                data = f.read(MAX_AUDIO_BYTES + 1)
            except OSError as exc:
                raise self.error("audio", f"cannot read {path}: {exc.strerror or exc}") from None
        if len(data) > MAX_AUDIO_BYTES:
            raise self.error("audio", f"{path} is over {MAX_AUDIO_BYTES} bytes")
        return data


def audio_outside(base: Path, audio: str) -> str | None:
    """Why a manifest's `audio` value is not inside the manifest's folder `base`, or None when it is."""
    if Path(audio).is_absolute():
        return "an absolute path"
    try:
        inside = (base / audio).resolve().is_relative_to(base.resolve())
    except (OSError, ValueError, RuntimeError):  # a link loop, a NUL byte
        return "a path that cannot be resolved"
    return None if inside else "outside the manifest's folder"


def _not_audio(data: bytes, fmt: str) -> str | None:
    """Why bytes are plainly not raw audio in `fmt` (headerless formats accept any bytes)."""
    head = data[:4]
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            if fmt == "wav" and magic == b"RIFF":
                return None
            hint = " (set audio_format to wav)" if magic == b"RIFF" else ""
            return f"this is {what}, not raw {fmt} audio{hint}"
    if fmt == "wav":
        return "not a WAV file (no RIFF header)"
    sample = data[:4096]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    if len(text) >= 16 and printable / len(text) > 0.97:
        return "looks like text, not audio"
    return None


def read_manifest(path: str | Path, *, allow_outside: bool = False) -> tuple[list[ManifestEntry], list[ManifestError]]:
    """Parse every line; return the good entries and one error per bad line.

    `allow_outside` accepts audio paths outside the manifest's folder (absolute, or climbing
    out with `..`); without it such a line is an error naming the field.
    """
    path = Path(path)
    base = path.parent
    entries: list[ManifestEntry] = []
    errors: list[ManifestError] = []
    seen: set[str] = set()
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for n, raw_bytes in enumerate(data.splitlines(), start=1):

        def bad(field_name: str, message: str, id_: str | None = None, n: int = n) -> None:
            errors.append(ManifestError(n, field_name, message, id_, str(path)))

        try:
            raw = raw_bytes.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad("(line)", f"not UTF-8 text (byte {exc.start + 1} of the line)")
            continue
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        try:
            obj = clean_obj(parse(raw))
        except JSONTextError as exc:
            bad("(line)", str(exc))
            continue
        if not isinstance(obj, dict):
            bad("(line)", f"expected a JSON object, got {type(obj).__name__}")
            continue
        id_ = obj.get("id")
        if not isinstance(id_, (str, int)) or isinstance(id_, bool) or str(id_) == "":
            bad("id", "missing or not a string")
            continue
        id_ = str(id_)
        if id_ in seen:
            bad("id", f"duplicate id {id_!r}", id_)
            continue
        transcript = obj.get("transcript")
        if not isinstance(transcript, str):
            bad("transcript", "missing or not a string", id_)
            continue
        audio = obj.get("audio")
        if audio is not None and not isinstance(audio, str):
            bad("audio", "must be a path (string) or null", id_)
            continue
        if audio and not allow_outside:
            why = audio_outside(base, audio)
            if why:
                bad(
                    "audio",
                    f"{audio!r} is {why}; audio paths are relative to the manifest and stay "
                    "inside its folder (pass --allow-outside to read it anyway)",
                    id_,
                )
                continue
        fmt = obj.get("audio_format")
        if fmt is not None:
            try:
                fmt = audio_mod.normalize_format(fmt)
            except audio_mod.AudioError as exc:
                bad("audio_format", str(exc), id_)
                continue
        elif audio:
            try:
                audio_mod.format_from_path(audio)
            except audio_mod.AudioError as exc:
                bad("audio_format", f"absent, and {exc}", id_)
                continue
        language = obj.get("language")
        if language is not None and (not isinstance(language, str) or not language.strip()):
            bad("language", 'must be an ISO 639-1 code such as "en"', id_)
            continue
        voice = obj.get("voice")
        if voice is not None and (
            not isinstance(voice, str) or not voice.strip() or not voice.isprintable() or len(voice) > MAX_VOICE_CHARS
        ):
            bad(
                "voice",
                f'must name the voice that spoke the reply, such as "alloy" (one line, at most {MAX_VOICE_CHARS} '
                "characters)",
                id_,
            )
            continue
        seen.add(id_)
        entries.append(
            ManifestEntry(
                line=n,
                id=id_,
                audio_path=(base / audio) if audio else None,
                audio_format=fmt,
                transcript=transcript,
                language=language.lower().split("-")[0] if language else None,
                voice=voice.strip() if voice else None,
                extra={k: v for k, v in obj.items() if k not in _KNOWN},
                manifest=str(path),
            )
        )
    return entries, errors

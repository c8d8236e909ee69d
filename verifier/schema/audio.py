"""Audio formats the realtime APIs send, and conversion to what the ASR eats.

The services send raw samples with no header: `pcm16` is 24 kHz signed 16-bit
little-endian mono, `g711_ulaw` / `g711_alaw` are 8 kHz, one byte a sample.
Everything here is a pure function over bytes and numpy arrays.

The G.711 codecs are written out (ITU-T G.711 segment tables) because
`audioop` is deprecated and gone in Python 3.13.
"""

from __future__ import annotations

import io
import struct
import wave
from dataclasses import dataclass
from math import gcd
from pathlib import Path
from typing import Any

import numpy as np

ASR_RATE = 16_000


class AudioError(ValueError):
    """Audio bytes that cannot be what their format says."""


@dataclass(frozen=True)
class AudioFormat:
    name: str
    rate: int
    sample_width: int  # bytes per sample
    extension: str


FORMATS: dict[str, AudioFormat] = {
    "pcm16": AudioFormat("pcm16", 24_000, 2, ".pcm"),
    "g711_ulaw": AudioFormat("g711_ulaw", 8_000, 1, ".ulaw"),
    "g711_alaw": AudioFormat("g711_alaw", 8_000, 1, ".alaw"),
    "wav": AudioFormat("wav", 0, 2, ".wav"),  # rate comes from the header
}

# GA sessions name formats as MIME-like objects; map them onto the beta names.
_GA_OBJECTS: dict[str, dict[str, Any]] = {
    "pcm16": {"type": "audio/pcm", "rate": 24_000},
    "g711_ulaw": {"type": "audio/pcmu"},
    "g711_alaw": {"type": "audio/pcma"},
}
GA_FORMATS = {str(obj["type"]): name for name, obj in _GA_OBJECTS.items()}
_EXTENSIONS = {f.extension: f.name for f in FORMATS.values()}
_EXTENSIONS.update({".raw": "pcm16", ".s16": "pcm16", ".ul": "g711_ulaw", ".al": "g711_alaw"})


def get_format(name: str) -> AudioFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise AudioError(f"unknown audio format {name!r} (expected one of {', '.join(FORMATS)})") from None


def format_from_path(path: str | Path) -> str:
    ext = Path(path).suffix.lower()
    try:
        return _EXTENSIONS[ext]
    except KeyError:
        known = ", ".join(sorted(_EXTENSIONS))
        raise AudioError(
            f"cannot infer the audio format of {str(path)!r} from its extension {ext!r} (known: {known}; "
            f"or give audio_format: {', '.join(FORMATS)})"
        ) from None


def normalize_format(fmt: object) -> str:
    """Accept a beta format name or a GA format object; return the beta name."""
    if isinstance(fmt, dict):
        t = str(fmt.get("type", ""))
        if t in GA_FORMATS:
            return GA_FORMATS[t]
        raise AudioError(f"unknown GA audio format {fmt!r}")
    if isinstance(fmt, str) and fmt in FORMATS:
        return fmt
    if isinstance(fmt, str) and fmt in GA_FORMATS:
        return GA_FORMATS[fmt]
    raise AudioError(f"unknown audio format {fmt!r}")


def ga_format(name: str) -> dict[str, Any]:
    """The GA session's format object for a beta format name (a fresh copy: callers put it in events)."""
    try:
        return dict(_GA_OBJECTS[name])
    except KeyError:
        raise AudioError(f"no GA format object for {name!r} (expected one of {', '.join(_GA_OBJECTS)})") from None


def bytes_per_second(fmt: str) -> int:
    f = get_format(fmt)
    return f.rate * f.sample_width


# --- G.711 -----------------------------------------------------------------


def _ulaw_decode_table() -> np.ndarray:
    u = ~np.arange(256, dtype=np.int32) & 0xFF
    sign = u & 0x80
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    mag = (((mantissa << 3) + 0x84) << exponent) - 0x84
    return np.where(sign != 0, -mag, mag).astype(np.int16)


def _alaw_decode_table() -> np.ndarray:
    a = np.arange(256, dtype=np.int32) ^ 0x55
    sign = a & 0x80
    exponent = (a >> 4) & 0x07
    mantissa = a & 0x0F
    mag = np.where(exponent == 0, (mantissa << 4) + 8, ((mantissa << 4) + 0x108) << np.maximum(exponent - 1, 0))
    return np.where(sign != 0, mag, -mag).astype(np.int16)


_ULAW_DEC = _ulaw_decode_table()
_ALAW_DEC = _alaw_decode_table()


def _ulaw_encode(pcm: np.ndarray) -> np.ndarray:
    # Work on 14-bit values with an arithmetic shift, as the reference encoder
    # does, so negative samples round the same way (byte-exact with audioop).
    v = pcm.astype(np.int32) >> 2
    sign = np.where(v < 0, 0x80, 0)
    mag = np.minimum(np.abs(v), 8159) + 33
    raw_exp = np.floor(np.log2(mag)).astype(np.int32) - 5
    exponent = np.clip(raw_exp, 0, 7)
    mantissa = np.where(raw_exp > 7, 0x0F, (mag >> (exponent + 1)) & 0x0F)  # saturate at full scale
    return (~(sign | (exponent << 4) | mantissa) & 0xFF).astype(np.uint8)


def _alaw_encode(pcm: np.ndarray) -> np.ndarray:
    x = pcm.astype(np.int32)
    sign = np.where(x >= 0, 0x80, 0)
    mag = np.minimum(np.where(x < 0, -x - 1, x), 32767) >> 3  # 13-bit magnitude
    exponent = np.where(mag < 32, 0, np.floor(np.log2(np.maximum(mag, 1))).astype(np.int32) - 4)
    exponent = np.clip(exponent, 0, 7)
    mantissa = np.where(exponent == 0, mag >> 1, mag >> exponent) & 0x0F
    return ((sign | (exponent << 4) | mantissa) ^ 0x55).astype(np.uint8)


# --- conversions -----------------------------------------------------------


def to_float(pcm: np.ndarray) -> np.ndarray:
    return (pcm.astype(np.float32) / 32768.0).astype(np.float32)


def to_int16(samples: np.ndarray) -> np.ndarray:
    return (np.clip(samples, -1.0, 1.0 - 1 / 32768) * 32768.0).astype(np.int16)


def resample(samples: np.ndarray, src_rate: int, dst_rate: int) -> np.ndarray:
    samples = np.asarray(samples, np.float32)
    if src_rate == dst_rate or samples.size == 0:
        return samples
    from scipy.signal import resample_poly  # polyphase: proper anti-aliasing, exact ratios

    g = gcd(src_rate, dst_rate)
    return resample_poly(samples, dst_rate // g, src_rate // g).astype(np.float32)


def decode(data: bytes, fmt: str) -> tuple[np.ndarray, int]:
    """Raw API bytes (or a WAV file's bytes) to float32 mono samples and rate."""
    if fmt == "wav":
        return read_wav(data)
    f = get_format(fmt)
    if fmt == "pcm16":
        if len(data) % 2:
            raise AudioError(f"pcm16 audio has an odd byte count ({len(data)}): not 16-bit samples")
        return to_float(np.frombuffer(data, "<i2")), f.rate
    table = _ULAW_DEC if fmt == "g711_ulaw" else _ALAW_DEC
    return to_float(table[np.frombuffer(data, np.uint8)]), f.rate


def encode(samples: np.ndarray, rate: int, fmt: str) -> bytes:
    """float32 mono samples at `rate` to the raw bytes an API sends in `fmt`."""
    if fmt == "wav":
        return write_wav(samples, rate)
    f = get_format(fmt)
    pcm = to_int16(resample(samples, rate, f.rate))
    if fmt == "pcm16":
        return pcm.astype("<i2").tobytes()
    enc = _ulaw_encode if fmt == "g711_ulaw" else _alaw_encode
    return enc(pcm).tobytes()


def for_asr(data: bytes, fmt: str) -> np.ndarray:
    samples, rate = decode(data, fmt)
    return resample(samples, rate, ASR_RATE)


def duration(data: bytes, fmt: str) -> float:
    if fmt == "wav":
        samples, rate = read_wav(data)
        return samples.size / rate
    return len(data) / bytes_per_second(fmt)


#: Sample rates a WAV file may declare. Below 4 kHz is no speech recording (and a 3 KB file at
#: 1 Hz would be 25 minutes of audio to decode); above 384 kHz no audio interface records.
WAV_RATES = (4_000, 384_000)

_PCM_TAG = 0x0001
_EXTENSIBLE_TAG = 0xFFFE


def read_wav(data: bytes) -> tuple[np.ndarray, int]:
    """16-bit PCM WAV bytes (plain or WAVE_FORMAT_EXTENSIBLE) to float32 mono samples and rate.

    The RIFF chunks are read here rather than by `wave`, which refuses
    WAVE_FORMAT_EXTENSIBLE on older Pythons and accepts a frame rate of 0.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioError("not a readable WAV file: no RIFF/WAVE header")
    fmt: bytes | None = None
    frames: bytes | None = None
    pos = 12
    while pos + 8 <= len(data) and (fmt is None or frames is None):
        cid, size = data[pos : pos + 4], int.from_bytes(data[pos + 4 : pos + 8], "little")
        body = data[pos + 8 : pos + 8 + size]  # a streamed file's data size may overstate: take what is there
        if cid == b"fmt ":
            fmt = body
        elif cid == b"data":
            frames = body
        pos += 8 + size + (size & 1)
    if fmt is None or len(fmt) < 16:
        raise AudioError("not a readable WAV file: no complete 'fmt ' chunk")
    tag, channels, rate, _, _, bits = struct.unpack("<HHIIHH", fmt[:16])
    if tag == _EXTENSIBLE_TAG:
        if len(fmt) < 40:
            raise AudioError("not a readable WAV file: WAVE_FORMAT_EXTENSIBLE without its sub-format")
        tag = int.from_bytes(fmt[24:26], "little")  # the sub-format GUID starts with the plain tag
    if tag != _PCM_TAG:
        raise AudioError(f"WAV format tag {tag:#06x} is not supported (need 16-bit PCM)")
    if bits != 16:
        raise AudioError(f"WAV sample width {bits} bits is not supported (need 16-bit PCM)")
    if channels < 1:
        raise AudioError("not a readable WAV file: 0 channels")
    if not WAV_RATES[0] <= rate <= WAV_RATES[1]:
        raise AudioError(f"WAV frame rate {rate} Hz is outside {WAV_RATES[0]}-{WAV_RATES[1]} Hz")
    if frames is None:
        raise AudioError("not a readable WAV file: no 'data' chunk")
    n = len(frames) // (2 * channels)
    pcm = np.frombuffer(frames[: n * 2 * channels], "<i2")
    if channels > 1:
        pcm = pcm.reshape(-1, channels).mean(axis=1).astype(np.int16)
    return to_float(pcm), rate


def write_wav(samples: np.ndarray, rate: int) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(to_int16(samples).astype("<i2").tobytes())
    return buf.getvalue()


def raw_to_wav(data: bytes, fmt: str) -> bytes:
    """Any supported bytes to a 16-bit WAV at the format's own rate (for players, bundles)."""
    samples, rate = decode(data, fmt)
    return write_wav(samples, rate)

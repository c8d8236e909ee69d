"""Recording conditions applied to a composed clip: level, noise, tempo, clipping, padding.

All pure numpy except tempo, which uses sox (pitch-preserving WSOLA; apt: sox).
Every clip is first brought to a nominal level (speech RMS -20 dBFS, peak at
most -1 dBFS), so engines that synthesize loud or soft start out alike and the
`quiet` and `clipped` conditions mean the same thing for every engine.
"""

from __future__ import annotations

import shutil
import subprocess

import numpy as np

from corpora.heldout.engines import RATE

NOMINAL_RMS_DBFS = -20.0
#: (name, weight): the mix the generator draws from; `clean` is the plain clip
CONDITIONS: tuple[tuple[str, float], ...] = (
    ("clean", 0.30),
    ("noise_snr10", 0.04),
    ("noise_snr15", 0.04),
    ("noise_snr20", 0.04),
    ("noise_snr30", 0.04),
    ("pink_snr15", 0.04),
    ("tempo_0.85", 0.05),
    ("tempo_0.9", 0.03),
    ("tempo_1.1", 0.03),
    ("tempo_1.2", 0.05),
    ("quiet_-30dBFS", 0.10),
    ("clipped_+12dB", 0.10),
    ("padded_silence", 0.14),
)


def _db(x: float) -> float:
    return float(10 ** (x / 20))


def speech_rms(x: np.ndarray) -> float:
    """RMS over the louder half of 20 ms frames: the speech, not the pauses around it."""
    n = RATE // 50
    if x.size < n:
        return float(np.sqrt(np.mean(x**2))) if x.size else 0.0
    frames = x[: x.size // n * n].reshape(-1, n)
    e = np.mean(frames**2, axis=1)
    loud = np.sort(e)[e.size // 2 :]
    return float(np.sqrt(np.mean(loud)))


def nominal(x: np.ndarray) -> np.ndarray:
    rms = speech_rms(x)
    if rms <= 0:
        return x.astype(np.float32)
    y = x * (_db(NOMINAL_RMS_DBFS) / rms)
    peak = float(np.max(np.abs(y)))
    if peak > _db(-1.0):
        y = y * (_db(-1.0) / peak)
    return y.astype(np.float32)


def _pink(n: int, rng: np.random.Generator) -> np.ndarray:
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.arange(spec.size, dtype=np.float64)
    f[0] = 1.0
    return np.fft.irfft(spec / np.sqrt(f), n).astype(np.float32)


def add_noise(x: np.ndarray, snr_db: float, rng: np.random.Generator, colour: str = "white") -> np.ndarray:
    noise = _pink(x.size, rng) if colour == "pink" else rng.standard_normal(x.size).astype(np.float32)
    noise *= speech_rms(x) / (float(np.sqrt(np.mean(noise**2))) * _db(snr_db))
    return np.clip(x + noise, -1.0, 1.0).astype(np.float32)


def tempo(x: np.ndarray, factor: float) -> np.ndarray:
    if not shutil.which("sox"):
        raise RuntimeError("the tempo condition needs sox: apt-get install sox")
    raw = ["-t", "raw", "-r", str(RATE), "-e", "floating-point", "-b", "32", "-c", "1"]
    proc = subprocess.run(
        ["sox", *raw, "-", *raw, "-", "tempo", "-s", f"{factor}"],
        input=x.astype("<f4").tobytes(),
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"sox tempo failed: {proc.stderr.decode(errors='replace')[-300:]}")
    return np.frombuffer(proc.stdout, "<f4").astype(np.float32)


def apply(x: np.ndarray, condition: str, rng: np.random.Generator) -> np.ndarray:
    """`x` at nominal level under `condition` (see CONDITIONS)."""
    x = nominal(x)
    kind, _, arg = condition.partition("_")
    if kind == "clean":
        return x
    if kind in ("noise", "pink"):
        return add_noise(x, float(arg.removeprefix("snr")), rng, "pink" if kind == "pink" else "white")
    if kind == "tempo":
        return nominal(tempo(x, float(arg)))
    if kind == "quiet":
        return (x * (_db(float(arg.removesuffix("dBFS"))) / max(speech_rms(x), 1e-9))).astype(np.float32)
    if kind == "clipped":
        return np.clip(x * _db(float(arg.removesuffix("dB"))), -1.0, 1.0).astype(np.float32)
    if kind == "padded":
        lead, tail = rng.uniform(1.0, 3.0), rng.uniform(1.0, 3.0)
        return np.concatenate([np.zeros(int(lead * RATE), np.float32), x, np.zeros(int(tail * RATE), np.float32)])
    raise ValueError(f"unknown condition {condition!r}")

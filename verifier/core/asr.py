"""A thin CTranslate2/faster-whisper wrapper: the calls the verifier makes of Whisper.

Which weights to load is `verifier.core.weights`' job.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from verifier.core.weights import ModelError, pick_device, resolve_model

SAMPLE_RATE = 16_000
#: Whisper's encoder frame: 20 ms (two 10 ms mel frames).
FRAME_SECONDS = 0.02
WINDOW_SECONDS = 30.0
WINDOW_FRAMES = 1500  # encoder frames in one window
MAX_ALIGN_TOKENS = 440  # Whisper's decoder holds 448 positions, the prompt takes a few


# --- engine: the CTranslate2 calls the verifier makes ----------------------------


@dataclass
class Encoded:
    """One clip's encoder output; never shared between clips (see `Engine.encode`)."""

    features: Any  # ctranslate2.StorageView [1, frames, d_model]
    mel_frames: int
    seconds: float  # the clip's own audio, without the padding


@dataclass
class Alignment:
    """Transcript-conditioned scores: probability and start time of every token."""

    probs: list[float]
    starts: list[float]  # seconds; len(probs) + 1 entries, the last is where the text ends


@dataclass
class Decoded:
    tokens: list[int]
    text: str
    #: mean log-probability per token: CTranslate2's score, which it already divides by the length
    avg_logprob: float
    no_speech_prob: float


class Engine:
    """What the verifier asks of Whisper, on one clip at a time.

    Each clip is encoded on its own, at its own length (CTranslate2 accepts
    fewer than 3000 mel frames): the encoder then costs the same per audio
    second as a packed 30 s window (measured: 0.10 s for 7.3 s vs 0.43 s for a
    full window), yet no other clip's speech is ever in the decoder's view, so
    words cannot move between clips. Slicing one clip out of a packed window
    was tried and rejected: the decoder lost the clip's first words and
    free decoding hallucinated whenever the clip did not start the window.
    """

    def __init__(self, model: str = "base", *, device: str = "auto", cpu_threads: int = 0, workers: int = 1) -> None:
        """`workers`: how many calls may run at once, each on its own model replica (weights shared).
        On a CPU the cores are split between them unless `cpu_threads` says otherwise."""
        from faster_whisper import WhisperModel

        if workers < 1:
            raise ValueError(f"workers must be 1 or more, not {workers}")
        self.name = model
        self.path = resolve_model(model)
        self.device, compute = pick_device(device)
        if workers > 1 and cpu_threads == 0 and self.device == "cpu":
            cpu_threads = max(1, (os.cpu_count() or 1) // workers)
        try:
            self.whisper = WhisperModel(
                self.path, device=self.device, compute_type=compute, cpu_threads=cpu_threads, num_workers=workers
            )
        except Exception as exc:
            raise ModelError(f"cannot load Whisper model {model!r} from {self.path}: {exc}") from exc
        self.ct2 = self.whisper.model
        self.multilingual = bool(self.ct2.is_multilingual)
        self.workers = workers
        # One CTranslate2 call per replica at a time; a Verifier may be shared by threads.
        self.calls = threading.BoundedSemaphore(workers)
        self.lock = threading.RLock()  # the engine's own caches
        self._tokenizers: dict[str, Any] = {}

    # -- text side --
    def tokenizer(self, language: str | None, task: str = "transcribe") -> Any:
        from faster_whisper.tokenizer import Tokenizer

        lang = (language or "en") if self.multilingual else "en"
        key = f"{lang}/{task}"
        if key not in self._tokenizers:
            try:
                self._tokenizers[key] = Tokenizer(
                    self.whisper.hf_tokenizer, self.multilingual, task=task, language=lang
                )
            except ValueError:  # a language Whisper does not know: score as English tokens
                return self.tokenizer("en", task)
        return self._tokenizers[key]

    def word_tokens(self, words: list[str], language: str | None) -> list[list[int]]:
        """Token ids per word, as Whisper would write each word after a space (none for an empty word)."""
        tok = self.tokenizer(language)
        return [list(tok.encode(" " + w)) if w else [] for w in words]

    def is_punctuation(self, token: int, language: str | None) -> bool:
        text = self.tokenizer(language).decode([token]).strip()
        return not any(ch.isalnum() for ch in text)

    def silence(self) -> Encoded:
        """Two seconds of silence, encoded once: the baseline for what text alone predicts."""
        with self.lock:
            cached = getattr(self, "_silence", None)
        if cached is None:
            cached = self.encode(np.zeros(SAMPLE_RATE, np.float32))
            self._silence = cached
        return cached

    # -- audio side --
    def encode(self, audio: np.ndarray, *, pad_seconds: float = 1.0, min_seconds: float = 2.0) -> Encoded:
        """Encode one clip at its own length plus trailing silence.

        The trailing silence tells the decoder where speech ends (without it
        free decoding tends to loop); clips over 30 s must be split first.
        """
        import ctranslate2

        audio = np.asarray(audio, np.float32)
        seconds = audio.size / SAMPLE_RATE
        total = min(WINDOW_SECONDS, max(seconds + pad_seconds, min_seconds))
        buf = np.zeros(int(total * SAMPLE_RATE), np.float32)
        buf[: min(audio.size, buf.size)] = audio[: buf.size]
        fe = self.whisper.feature_extractor
        mel = fe(buf, padding=0)
        frames = min(mel.shape[1] // 2 * 2, 2 * WINDOW_FRAMES)
        feats = np.ascontiguousarray(mel[None, :, :frames], np.float32)
        with self.calls:
            out = self.ct2.encode(ctranslate2.StorageView.from_array(feats), to_cpu=self.device == "cpu")
        return Encoded(out, frames, min(seconds, WINDOW_SECONDS))

    def detect_language(self, enc: Encoded) -> list[tuple[str, float]]:
        if not self.multilingual:
            return []
        with self.calls:
            res = self.ct2.detect_language(enc.features)[0]
        return [(tok[2:-2], float(p)) for tok, p in res[:5]]

    def align(self, enc: Encoded, tokens: list[int], language: str | None) -> Alignment:
        """Transcript-conditioned scores of `tokens`; past the decoder's context they score 0."""
        return self.align_many(enc, [tokens], language)[0]

    def decode(self, enc: Encoded, language: str | None, *, beam_size: int = 1, task: str = "transcribe") -> Decoded:
        """Free decoding in `language` (the language heard, never the transcript's by fiat).

        task="translate" gives Whisper's English translation instead (multilingual models).
        """
        tok = self.tokenizer(language, task if self.multilingual else "transcribe")
        max_length = int(min(440, 10 + 8 * enc.seconds))  # ~3 tokens/s is speech; more is a loop
        with self.calls:
            res = self.ct2.generate(
                enc.features,
                [list(tok.sot_sequence) + [tok.no_timestamps]],
                beam_size=beam_size,
                max_length=max_length,
                return_scores=True,
                return_no_speech_prob=True,
                suppress_blank=True,
            )[0]
        ids = [t for t in res.sequences_ids[0] if t < tok.eot]
        return Decoded(
            ids, tok.decode(ids).strip(), float(res.scores[0]) if res.scores else 0.0, float(res.no_speech_prob)
        )

    # -- batches: several pieces of audio at once (free decoding is ~3x cheaper per piece in batches of 8) --
    @property
    def frames_on_host(self) -> bool:
        """Encoder outputs live in host memory (CPU), so they can be padded and stacked in numpy."""
        return self.device == "cpu"

    def frames(self, enc: Encoded) -> np.ndarray:
        """One encoding's frames as a [frames, d_model] array (CPU engines only)."""
        return np.asarray(enc.features)[0]

    def _silence_frames(self) -> np.ndarray:
        with self.lock:
            cached = getattr(self, "_silence30", None)
        if cached is None:
            cached = self.frames(self.encode(np.zeros(int((WINDOW_SECONDS - 1) * SAMPLE_RATE), np.float32)))
            self._silence30 = cached
        return cached

    def stack(self, frames: list[np.ndarray], seconds: float, *, pad_to: int = 0) -> Encoded:
        """Encodings of different lengths as one batch, each padded with encoded silence.

        Batching needs one length; the encoder is cheapest run per clip at its
        own length, so the shorter outputs are extended with the encoder's own
        output for silence at those positions: to the decoder, trailing silence.
        `pad_to` fixes that length (in encoder frames) so it need not depend on
        which encodings share the batch.
        """
        import ctranslate2

        silence = self._silence_frames()
        longest = min(max(pad_to, *(f.shape[0] for f in frames)), silence.shape[0])
        batch = np.stack([np.concatenate([f[:longest], silence[f.shape[0] : longest]]) for f in frames])
        return Encoded(
            ctranslate2.StorageView.from_array(np.ascontiguousarray(batch, np.float32)), 2 * longest, seconds
        )

    def encode_many(self, pieces: list[np.ndarray], *, pad_seconds: float = 1.0, min_seconds: float = 2.0) -> Encoded:
        """Encode pieces padded with silence to one common length (the longest + `pad_seconds`)."""
        import ctranslate2

        longest = max(p.size for p in pieces) / SAMPLE_RATE
        total = min(WINDOW_SECONDS, max(longest + pad_seconds, min_seconds))
        fe = self.whisper.feature_extractor
        mels = []
        for p in pieces:
            buf = np.zeros(int(total * SAMPLE_RATE), np.float32)
            buf[: min(p.size, buf.size)] = p[: buf.size]
            mels.append(fe(buf, padding=0))
        frames = min(min(m.shape[1] for m in mels) // 2 * 2, 2 * WINDOW_FRAMES)
        feats = np.ascontiguousarray(np.stack([m[:, :frames] for m in mels]), np.float32)
        with self.calls:
            out = self.ct2.encode(ctranslate2.StorageView.from_array(feats), to_cpu=self.device == "cpu")
        return Encoded(out, frames, min(longest, WINDOW_SECONDS))

    def detect_language_many(self, enc: Encoded) -> list[list[tuple[str, float]]]:
        if not self.multilingual:
            return [[] for _ in range(enc.features.shape[0])]
        with self.calls:
            res = self.ct2.detect_language(enc.features)
        return [[(tok[2:-2], float(p)) for tok, p in r[:5]] for r in res]

    def decode_many(self, enc: Encoded, languages: list[str | None], *, seconds: float | None = None) -> list[Decoded]:
        """Free decoding of each batch item in its language; the token budget is for `seconds` of speech
        (default: the encoding's), which a caller fixes when the batch must not set it."""
        prompts = []
        for lang in languages:
            tok = self.tokenizer(lang)
            prompts.append(list(tok.sot_sequence) + [tok.no_timestamps])
        eot = self.tokenizer(None).eot
        max_length = int(min(440, 10 + 8 * (enc.seconds if seconds is None else seconds)))
        with self.calls:
            results = self.ct2.generate(
                enc.features,
                prompts,
                beam_size=1,
                max_length=max_length,
                return_scores=True,
                return_no_speech_prob=True,
                suppress_blank=True,
            )
        out = []
        for lang, res in zip(languages, results):
            ids = [t for t in res.sequences_ids[0] if t < eot]
            out.append(
                Decoded(
                    ids,
                    self.tokenizer(lang).decode(ids).strip(),
                    float(res.scores[0]) if res.scores else 0.0,
                    float(res.no_speech_prob),
                )
            )
        return out

    def align_many(self, enc: Encoded, token_lists: list[list[int]], language: str | None) -> list[Alignment]:
        """Align each batch item's tokens against its own encoding (one start sequence for all)."""
        tok = self.tokenizer(language)
        lists = [t[:MAX_ALIGN_TOKENS] or [tok.eot] for t in token_lists]
        with self.calls:
            results = self.ct2.align(
                enc.features, list(tok.sot_sequence) + [tok.no_timestamps], lists, [enc.mel_frames] * len(lists)
            )
        out = []
        for tokens, res in zip(token_lists, results):
            starts = [0.0] * (len(tokens) + 1)
            pairs = np.asarray(res.alignments, dtype=np.int64).reshape(-1, 2)
            if pairs.size and tokens:
                text_idx, time_idx = pairs[:, 0], pairs[:, 1]
                jumps = np.pad(np.diff(text_idx), (1, 0), constant_values=1).astype(bool)
                for i, t in zip(text_idx[jumps], time_idx[jumps]):
                    if 0 <= i < len(starts):
                        starts[int(i)] = float(t) * FRAME_SECONDS
                for i in range(1, len(starts)):
                    starts[i] = max(starts[i], starts[i - 1])
            probs = [float(p) for p in res.text_token_probs][: len(tokens)]
            out.append(Alignment(probs + [0.0] * (len(tokens) - len(probs)), starts))
        return out

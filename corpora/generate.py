"""Regenerate the labelled detection corpus: corpora/detection/{manifest.jsonl,audio/}.

Real speech (piper for English, espeak-ng for Spanish, through verifier.simulator.tts),
encoded the way the realtime APIs send it (pcm16 24 kHz, G.711 mu-law and
A-law 8 kHz; a few WAV files too), each entry labelled with the verdict the
verifier must give (`expected`) and every finding it must raise
(`expected_flags`). Deterministic: the same code gives the same bytes.

    .venv/bin/python corpora/generate.py [--out corpora/detection]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.schema import audio
from verifier.simulator import tts

RATE = tts.TTS_RATE
Audio = Callable[[], np.ndarray]


def en(text: str) -> np.ndarray:
    return tts.synthesize(text, "en")


def es(text: str) -> np.ndarray:
    return tts.synthesize(text, "es")


def cat(*parts: np.ndarray, gap: float = 0.2) -> np.ndarray:
    out: list[np.ndarray] = []
    for i, p in enumerate(parts):
        if i:
            out.append(tts.silence(gap))
        out.append(np.asarray(p, np.float32))
    return np.concatenate(out)


def cut(samples: np.ndarray, fraction: float) -> np.ndarray:
    """Keep the first `fraction` of the samples: a cut mid-sentence, mid-word even."""
    return samples[: int(samples.size * fraction)]


def noise(seconds: float, colour: str, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    white = rng.standard_normal(int(seconds * RATE)).astype(np.float32)
    if colour == "white":
        return 0.05 * white
    # brown noise plus mains hum: a noisy line with nobody talking
    brown = np.cumsum(white)
    brown -= np.convolve(brown, np.ones(2400) / 2400, mode="same")
    brown = brown / (np.abs(brown).max() + 1e-9) * 0.1
    t = np.arange(brown.size) / RATE
    return (brown + 0.03 * np.sin(2 * np.pi * 50 * t)).astype(np.float32)


@dataclass
class Case:
    id: str
    transcript: str
    make: Audio | None  # None: no audio at all
    expected: str
    flags: list[str] = field(default_factory=list)
    language: str | None = "en"
    note: str = ""


# The user report's transcripts (shared/user-reports/audio-transcript-mismatch.txt)
R1 = "I'm checking. Yes, I found it. Lowering it to minimum. Okay, much better. Now I can barely hear myself."
R2 = "One moment, brief pause. Yeah, you're right, it's turned off. I didn't know that existed."
R3 = (
    "Exactly, it used to work automatically before, but since the last update I have to press "
    "the translate button each time."
)
R4 = "Please send it to soporte @ miempresa.com. That's the best one."

LONG = (
    "Thanks for calling the help desk. I can see your account here, and it looks like the last payment "
    "went through on Monday. Your next invoice is due on the fifteenth, and you can pay it online or "
    "by phone. If you want, I can also set up automatic payments so you never miss a due date. "
    "Just let me know which card you would like to use, and I will take care of the rest for you. "
    "While we are at it, I noticed that your contact details are a few years old. Could you confirm "
    "that your phone number and your home address are still the same? That way the next bill and any "
    "letters we send will reach you without delay. Thank you again for your patience today, and have a "
    "wonderful rest of your week."
)


def cases() -> list[Case]:
    c: list[Case] = []
    m = "match"
    # --- faithful: the audio says exactly the transcript -------------------------------
    c += [
        Case("faithful-report-1", R1, lambda: en(R1), m, note="user report 1, spoken in full"),
        Case("faithful-report-2", R2, lambda: en(R2), m, note="user report 2, spoken in full"),
        Case("faithful-report-3", R3, lambda: en(R3), m, note="user report 3, spoken in full"),
        Case("faithful-report-4", R4, lambda: en(R4), m, note="user report 4: '@' and a domain, spoken in full"),
        Case(
            "faithful-order-digits",
            "Your order number is 4729, and it ships tomorrow.",
            lambda: en("Your order number is four seven two nine, and it ships tomorrow."),
            m,
            language=None,
            note="digits written, spelled in speech; language detected from text",
        ),
        Case(
            "faithful-weather",
            "The weather today is sunny with a light breeze from the west.",
            lambda: en("The weather today is sunny with a light breeze from the west."),
            m,
        ),
        Case("faithful-short", "Sure, I can do that.", lambda: en("Sure, I can do that."), m),
        Case("faithful-okay", "Okay.", lambda: en("Okay."), m, language=None, note="one word, language detected"),
        Case(
            "faithful-appointment",
            "Your appointment is on Tuesday at three thirty in the afternoon.",
            lambda: en("Your appointment is on Tuesday at three thirty in the afternoon."),
            m,
        ),
        Case(
            "faithful-email",
            "You can reach us at help@example.com any time.",
            lambda: en("You can reach us at help at example dot com any time."),
            m,
        ),
        Case(
            "faithful-contractions",
            "I don't think that's right, but we'll see what they say.",
            lambda: en("I don't think that's right, but we'll see what they say."),
            m,
        ),
        Case(
            "faithful-spanish",
            "Lo estoy comprobando. Sí, lo encontré. Bajándolo al mínimo.",
            lambda: es("Lo estoy comprobando. Sí, lo encontré. Bajándolo al mínimo."),
            m,
            language="es",
            note="a Spanish response spoken in Spanish is not drift (pairs with drift-whole)",
        ),
        Case("faithful-long", LONG, lambda: en(LONG), m, note="over 30 s: scored in chunks"),
        Case(
            "faithful-leading-silence",
            "Let me check that for you.",
            lambda: cat(tts.silence(1.5), en("Let me check that for you.")),
            m,
            note="silence before speech",
        ),
    ]
    # --- truncated: the audio lacks the transcript's tail or head ----------------------
    t = "truncated"
    c += [
        Case(
            "trunc-report-1",
            R1,
            lambda: en("I'm checking. Yes, I found it. Lowering it to minimum. Okay, much better."),
            t,
            note="user report 1: last sentence missing",
        ),
        Case(
            "trunc-report-2",
            R2,
            lambda: en("One moment, brief pause. Yeah, you're right, it's turned off."),
            t,
            note="user report 2: last sentence missing",
        ),
        Case(
            "trunc-tail-weather",
            "The weather today is sunny. Tomorrow it will rain all day.",
            lambda: en("The weather today is sunny."),
            t,
        ),
        Case(
            "trunc-head",
            "Sure, I can help with that. Your order ships tomorrow morning.",
            lambda: en("Your order ships tomorrow morning."),
            t,
            note="first sentence missing",
        ),
        Case(
            "trunc-head-words",
            "Well, the package arrived at the depot this morning.",
            lambda: en("the package arrived at the depot this morning."),
            t,
            note="first word missing",
        ),
        Case(
            "trunc-mid-sentence-1",
            "Your appointment is on Tuesday at three thirty in the afternoon.",
            lambda: cut(en("Your appointment is on Tuesday at three thirty in the afternoon."), 0.55),
            t,
            note="audio cut mid-sentence",
        ),
        Case(
            "trunc-mid-sentence-2",
            "I have updated your address and your next delivery will arrive on Friday.",
            lambda: cut(en("I have updated your address and your next delivery will arrive on Friday."), 0.6),
            t,
            note="audio cut mid-sentence, mid-word",
        ),
    ]
    # --- language drift: all or part of the audio in Spanish ---------------------------
    d = "language_drift"
    c += [
        Case(
            "drift-report-exacto",
            R3,
            lambda: cat(
                es("Exacto,"),
                en(
                    "it used to work automatically before, but since the last update "
                    "I have to press the translate button each time."
                ),
                gap=0.05,
            ),
            d,
            note="user report 3: one Spanish word at the start",
        ),
        Case(
            "drift-report-envialo",
            R4,
            lambda: es("Envíalo por favor a soporte arroba miempresa punto com."),
            d,
            [d, t],
            note="user report 4: Spanish, and the last sentence missing",
        ),
        Case(
            "drift-whole",
            "I'm checking. Yes, I found it. Lowering it to minimum.",
            lambda: es("Lo estoy comprobando. Sí, lo encontré. Bajándolo al mínimo."),
            d,
        ),
        Case(
            "drift-whole-2",
            "Yes, of course. Thank you very much for your call.",
            lambda: es("Sí, claro. Muchas gracias por su llamada."),
            d,
            language=None,
            note="all Spanish; transcript language detected from text",
        ),
        Case(
            "drift-partial-start",
            "Thank you for waiting. Your table is ready now.",
            lambda: cat(es("Gracias por esperar."), en("Your table is ready now.")),
            d,
            note="first sentence in Spanish",
        ),
        Case(
            "drift-partial-end",
            "Your table is ready now. Please follow me to the back.",
            lambda: cat(en("Your table is ready now."), es("Por favor, sígame hasta el fondo.")),
            d,
            note="second sentence in Spanish",
        ),
        Case(
            "drift-single-perfecto",
            "Perfect, your order is on its way.",
            lambda: cat(es("Perfecto,"), en("your order is on its way."), gap=0.05),
            d,
            note="one Spanish word at the start",
        ),
        Case(
            "drift-end-phrase",
            "I have to press the translate button each time.",
            lambda: cat(en("I have to press the translate button"), es("cada vez."), gap=0.05),
            d,
            note="the last two words in Spanish",
        ),
        Case(
            "drift-middle-sentence",
            "Your table is ready now. Thank you very much. Please follow me.",
            lambda: cat(en("Your table is ready now."), es("Muchas gracias."), en("Please follow me.")),
            d,
            note="the middle sentence in Spanish; free decoding drops it",
        ),
    ]
    # --- extra speech: the audio goes on past the transcript ---------------------------
    x = "extra_speech"
    c += [
        Case(
            "extra-mid-sentence",
            "Your order ships tomorrow morning, and I will",
            lambda: en("Your order ships tomorrow morning, and I will email you the tracking number tonight."),
            x,
            note="transcript stops mid-sentence while the audio keeps talking",
        ),
        Case(
            "extra-sentence",
            "Sure, I can do that.",
            lambda: en("Sure, I can do that. Is there anything else I can help you with today?"),
            x,
        ),
        Case(
            "extra-report-1",
            "I'm checking. Yes, I found it.",
            lambda: en("I'm checking. Yes, I found it. Lowering it to minimum. Okay, much better."),
            x,
        ),
    ]
    # --- content mismatch: the audio says something else -------------------------------
    w = "content_mismatch"
    c += [
        Case(
            "wrong-content",
            "Your order number is 4729 and it ships tomorrow.",
            lambda: en("The weather in Paris is sunny today with a light breeze."),
            w,
        ),
        Case(
            "wrong-content-2",
            "Please hold while I transfer you to billing.",
            lambda: en("I have cancelled your subscription as you asked."),
            w,
        ),
        Case(
            "wrong-number",
            "Your order number is 4729.",
            lambda: en("Your order number is four seven two eight."),
            w,
            note="one digit differs: numbers must match exactly",
        ),
        Case(
            "wrong-middle",
            "I booked a table for four people at eight tonight at the Italian place.",
            lambda: en("I booked a table for four people at noon on Sunday at the Italian place."),
            w,
            note="the middle differs",
        ),
    ]
    # --- missing audio -----------------------------------------------------------------
    a = "missing_audio"
    c += [
        Case("missing-no-bytes", "Hello, how can I help you today?", None, a, note="no audio at all"),
        Case("missing-silence", "Hello, how can I help you today?", lambda: tts.silence(3.0), a),
        Case("missing-white-noise", "Hello, how can I help you today?", lambda: noise(3.0, "white", 7), a),
        Case("missing-hum", "Let me look that up.", lambda: noise(2.5, "brown", 11), a, note="line noise and hum"),
    ]
    return c


FORMAT_CYCLE = ["g711_ulaw", "g711_alaw", "g711_ulaw", "g711_alaw", "pcm16"]


def _format_for(i: int, seconds: float) -> str:
    fmt = FORMAT_CYCLE[i % len(FORMAT_CYCLE)]
    if fmt == "pcm16" and seconds > 6.0:
        return "g711_ulaw"  # pcm16 is 48 KB/s: keep the committed corpus small
    return fmt


def build(out: Path) -> list[dict[str, object]]:
    audio_dir = out / "audio"
    if audio_dir.exists():
        shutil.rmtree(audio_dir)
    audio_dir.mkdir(parents=True)
    rows: list[dict[str, object]] = []
    for i, case in enumerate(cases()):
        row: dict[str, object] = {"id": case.id}
        if case.make is None:
            row["audio"] = None
            row["audio_format"] = "g711_ulaw"
        else:
            samples = case.make()
            seconds = samples.size / RATE
            fmt = "wav" if case.id in ("faithful-short", "missing-silence") else _format_for(i, seconds)
            if fmt == "wav":
                data = audio.write_wav(audio.resample(samples, RATE, 16_000), 16_000)
            else:
                data = audio.encode(samples, RATE, fmt)
            name = f"{case.id}{audio.FORMATS[fmt].extension}"
            (audio_dir / name).write_bytes(data)
            row["audio"] = f"audio/{name}"
            row["audio_format"] = fmt
        row["transcript"] = case.transcript
        if case.language:
            row["language"] = case.language
        row["expected"] = case.expected
        row["expected_flags"] = case.flags or [case.expected] if case.expected != "match" else []
        if case.note:
            row["note"] = case.note
        rows.append(row)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "detection")
    args = ap.parse_args()
    rows = build(args.out)
    size = sum(p.stat().st_size for p in (args.out / "audio").iterdir())
    print(f"wrote {len(rows)} entries to {args.out}/manifest.jsonl ({size / 1e6:.2f} MB of audio)")


if __name__ == "__main__":
    main()

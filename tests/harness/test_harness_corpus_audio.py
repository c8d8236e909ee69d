"""Spoken corpus prompts (`audio`): checked at load with file:line:field errors, confined to the corpus folder."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from verifier.harness.corpus import CorpusError, load_corpus, read_prompt_audio
from verifier.schema import audio


def _wav(path: Path, seconds: float = 0.5, rate: int = 16_000) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    path.write_bytes(audio.write_wav((0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), rate))
    return path


def test_a_wav_prompt_is_sent_as_pcm16_at_24khz(tmp_path: Path) -> None:
    (tmp_path / "clips").mkdir()
    _wav(tmp_path / "clips" / "hello.wav", 0.5, 16_000)
    (tmp_path / "raw.pcm").write_bytes(b"\x01\x00" * 2400)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": "a", "audio": "clips/hello.wav", "language": "en"}\n'
        '{"id": "b", "text": "Typed name", "audio": "raw.pcm"}\n{"id": "c", "text": "typed"}\n'
    )
    a, b, c = load_corpus(corpus).prompts
    assert a.audio == "clips/hello.wav" and a.text == "(spoken: clips/hello.wav)"
    assert a.audio_path == str((tmp_path / "clips" / "hello.wav").resolve())
    assert len(read_prompt_audio(a.audio_path)) == 24_000  # 0.5 s at 24 kHz, 2 bytes a sample
    assert b.text == "Typed name" and read_prompt_audio(str(b.audio_path)) == b"\x01\x00" * 2400
    assert c.audio is None and c.audio_path is None and "audio" not in c.meta
    assert a.to_dict()["audio"] == "clips/hello.wav" and "audio" not in c.to_dict()


@pytest.mark.parametrize(
    "value,message",
    [
        ('"../outside.wav"', "is outside the corpus's folder; spoken prompts must lie in the corpus folder"),
        ('"/etc/passwd"', "is an absolute path"),
        ('"missing.wav"', "file not found"),
        ('"odd.pcm"', "is not usable audio"),
        ('"bad.wav"', "is not usable audio"),
        ('"empty.pcm"', "holds no audio"),
        ('"fifo.pcm"', "is not a regular file"),
        ("3", "field 'audio' must be a path"),
    ],
)
def test_a_bad_audio_field_names_the_file_line_and_field(tmp_path: Path, value: str, message: str) -> None:
    base = tmp_path / "corpus"
    base.mkdir()
    _wav(tmp_path / "outside.wav")
    (base / "odd.pcm").write_bytes(b"\x01\x02\x03")
    (base / "bad.wav").write_bytes(b"RIFF....WAVEjunk")
    (base / "empty.pcm").write_bytes(b"")
    os.mkfifo(base / "fifo.pcm")
    corpus = base / "c.jsonl"
    corpus.write_text('{"id": "ok", "text": "x"}\n' + '{"id": "s", "audio": ' + value + "}\n")
    with pytest.raises(CorpusError) as exc:
        load_corpus(corpus)
    assert str(exc.value).startswith(f"{corpus}:2: field 'audio'") and message in str(exc.value)


def test_yaml_prompts_resolve_audio_against_the_corpus_folder(tmp_path: Path) -> None:
    _wav(tmp_path / "q.wav")
    corpus = tmp_path / "suite.yaml"
    corpus.write_text("session: {extra: {turn_detection: {type: server_vad}}}\nprompts:\n  - {id: q, audio: q.wav}\n")
    (p,) = load_corpus(corpus).prompts
    assert p.audio_path == str((tmp_path / "q.wav").resolve())

"""Every verdict class on real synthesised speech, through the real Whisper models."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import pytest

from tests.helpers.speech import Speech
from verifier import Verifier, VerifyItem, verify
from verifier.schema import audio
from verifier.schema.results import ResultMeta, Verdict

pytestmark = pytest.mark.slow  # Whisper on synthesised speech

R1 = "I'm checking. Yes, I found it. Lowering it to minimum. Okay, much better. Now I can barely hear myself."
R1_CUT = "I'm checking. Yes, I found it. Lowering it to minimum. Okay, much better."
R3 = (
    "Exactly, it used to work automatically before, but since the last update I have to press "
    "the translate button each time."
)
R3_TAIL = (
    "it used to work automatically before, but since the last update I have to press the translate button each time."
)
R4 = "Please send it to soporte @ miempresa.com. That's the best one."


def test_core_faithful_is_match_and_skips_decoding(base_verifier: Verifier, speech: Speech) -> None:
    v = base_verifier.verify_samples(speech(R1), R1, language="en")
    assert v.verdict == "match", v.explanation
    assert v.flags == [] and v.missing_words == [] and v.divergence_at is None
    assert v.asr_text is None and "skipped" in v.explanation  # clearly faithful: no free decoding
    assert v.align_score is not None and v.align_score > 0.8


def test_core_truncated_tail_names_missing_words_and_time(base_verifier: Verifier, speech: Speech) -> None:
    v = base_verifier.verify_samples(speech(R1_CUT), R1, language="en")
    assert v.verdict == "truncated", v.explanation
    assert v.missing_words == ["Now", "I", "can", "barely", "hear", "myself."]
    # inside the audio, near where it stops: a listener can seek to it
    assert v.divergence_at is not None and 0 <= v.audio_seconds - v.divergence_at < 0.8
    assert v.asr_text and "much better" in v.asr_text.lower()


def test_core_head_truncation(base_verifier: Verifier, speech: Speech) -> None:
    v = base_verifier.verify_samples(
        speech("Your order ships tomorrow morning."), "Sure, I can help with that. Your order ships tomorrow morning."
    )
    assert v.verdict == "truncated", v.explanation
    assert v.missing_words[:2] == ["Sure,", "I"]


def test_core_exacto_single_spanish_word_is_drift_or_a_borderline_naming_it(
    base_verifier: Verifier, speech: Speech
) -> None:
    clip = speech.join(speech("Exacto,", "es"), speech(R3_TAIL))
    v = base_verifier.verify_samples(clip, R3, language="en")
    if v.verdict == "language_drift":
        assert v.missing_words == ["Exactly,"]
        assert v.divergence_at == 0.0
        return
    # The shipped decision, fitted on 2220 clips of 105 voices, weighs a sure language ID on one word
    # less than the dev-only fit did (on those clips it fires on 5 faithful replies and 45 faults), and
    # puts this clip just under its cut-off (0.49). It must not pass in silence: the row says to listen, and
    # names the rules' finding, the word and where.
    assert v.verdict == "match" and v.confidence is not None and v.confidence >= 0.2, v.explanation
    assert "Borderline, listen to it" in v.explanation, v.explanation
    assert "rules suggested language_drift: At 0.0 s" in v.explanation and '"Exactly,"' in v.explanation
    # free decoding alone drops the word: the transcript-conditioned score is what caught it
    assert "exact" not in (v.asr_text or "").lower()


def test_core_one_spanish_word_mid_sentence_is_named_drift(base_verifier: Verifier, speech: Speech) -> None:
    # the rules see one unheard word, as for a changed one ("Austin" for "Boston"); the class model
    # hears that its stretch sounds Spanish
    clip = speech.join(speech("Your"), speech("pedido", "es"), speech("has shipped and will arrive on Monday."))
    v = base_verifier.verify_samples(clip, "Your order has shipped and will arrive on Monday.", language="en")
    assert v.verdict == "language_drift", v.explanation
    assert "order" in v.missing_words
    # Which of the two names it moves with the int8 arithmetic under the ASR: on the stack the shipped
    # calibration records (fitted_on.asr_stack) base hears "has" badly too, and the stretch "order has"
    # is long enough for the rules' own language ID; on the one before, the rules heard one word gone,
    # named it content_mismatch, and the class model renamed it, saying so.
    if "class model" in v.explanation:
        assert "rules named content_mismatch" in v.explanation
    else:
        assert "Spanish" in v.explanation
    # the first word's stretch and the worst-scored word's ("order") were asked their language
    assert v.evidence is not None and [int(i) for i, _ in v.evidence["word_languages"]] == [0, 1]


def test_core_envialo_is_drift_and_truncated(base_verifier: Verifier, speech: Speech) -> None:
    clip = speech("Envíalo por favor a soporte arroba miempresa punto com.", "es")
    v = base_verifier.verify_samples(clip, R4)  # language detected from the text
    assert v.transcript_language == "en"
    assert v.verdict == "language_drift", v.explanation
    assert "truncated" in v.flags
    assert v.missing_words[-4:] == ["That's", "the", "best", "one."]
    assert v.asr_language == "es"
    assert any(s.language == "es" for s in v.segments)


def test_core_spanish_transcript_with_spanish_audio_is_not_drift(base_verifier: Verifier, speech: Speech) -> None:
    text = "Lo estoy comprobando. Sí, lo encontré. Bajándolo al mínimo."
    v = base_verifier.verify_samples(speech(text, "es"), text, language="es")
    assert v.verdict == "match", v.explanation
    drift = base_verifier.verify_samples(speech(text, "es"), "I'm checking. Yes, I found it. Lowering it to minimum.")
    assert drift.verdict == "language_drift", drift.explanation


def test_core_extra_speech_past_the_transcript(base_verifier: Verifier, speech: Speech) -> None:
    clip = speech("Your order ships tomorrow morning, and I will email you the tracking number tonight.")
    v = base_verifier.verify_samples(clip, "Your order ships tomorrow morning, and I will", language="en")
    assert v.verdict == "extra_speech", v.explanation
    assert "tracking" in v.extra_words
    assert v.divergence_at is not None and 1.0 < v.divergence_at < v.audio_seconds - 1.0


def test_core_content_mismatch(tiny_verifier: Verifier, speech: Speech) -> None:
    v = tiny_verifier.verify_samples(
        speech("The weather in Paris is sunny today with a light breeze."),
        "Your order number is 4729 and it ships tomorrow.",
    )
    assert v.verdict == "content_mismatch", v.explanation
    assert v.wer is not None and v.wer > 0.5


def test_core_missing_audio_no_bytes_silence_and_noise(tiny_verifier: Verifier) -> None:
    items = [
        VerifyItem("none", None, "pcm16", "Hello there, how can I help?"),
        VerifyItem("empty", b"", "g711_ulaw", "Hello there, how can I help?"),
        VerifyItem("silence", b"\xff" * 24_000, "g711_ulaw", "Hello there, how can I help?"),
        VerifyItem(
            "noise",
            audio.encode(
                np.random.default_rng(1).standard_normal(48_000).astype(np.float32) * 0.05, 16_000, "g711_alaw"
            ),
            "g711_alaw",
            "Hello there, how can I help?",
        ),
    ]
    verdicts = tiny_verifier.verify_many(items)
    assert [v.id for v in verdicts] == ["none", "empty", "silence", "noise"]
    assert [v.verdict for v in verdicts] == ["missing_audio"] * 4, [v.explanation for v in verdicts]
    assert verdicts[0].missing_words[0] == "Hello"


@pytest.mark.parametrize("fmt", ["pcm16", "g711_ulaw", "g711_alaw", "wav"])
def test_core_every_audio_format(tiny_verifier: Verifier, speech: Speech, fmt: str) -> None:
    text = "Your appointment is on Tuesday at three."
    data = audio.encode(speech(text), 16_000, fmt)
    cut = audio.encode(speech(text)[: int(16_000 * 1.0)], 16_000, fmt)
    ok, bad = tiny_verifier.verify_many([VerifyItem("ok", data, fmt, text), VerifyItem("cut", cut, fmt, text)])
    assert ok.verdict == "match", ok.explanation
    assert bad.verdict == "truncated", bad.explanation
    assert abs(ok.audio_seconds - audio.duration(data, fmt)) < 0.01


def test_core_no_words_move_between_clips(tiny_verifier: Verifier, speech: Speech) -> None:
    """A truncated clip next to a faithful clip of the same text stays truncated, in any order.

    Each clip is encoded on its own (never packed with others), so the
    faithful neighbour's speech cannot fill in the truncated clip's missing words.
    """
    full, cut = speech(R1), speech(R1_CUT)
    a, b = (audio.encode(x, 16_000, "pcm16") for x in (full, cut))
    order1 = tiny_verifier.verify_many([VerifyItem("full", a, "pcm16", R1), VerifyItem("cut", b, "pcm16", R1)])
    order2 = tiny_verifier.verify_many([VerifyItem("cut", b, "pcm16", R1), VerifyItem("full", a, "pcm16", R1)])
    alone = tiny_verifier.verify_many([VerifyItem("cut", b, "pcm16", R1)])[0]
    by1, by2 = {v.id: v for v in order1}, {v.id: v for v in order2}
    assert by1["full"].verdict == by2["full"].verdict == "match"
    assert by1["cut"].verdict == by2["cut"].verdict == alone.verdict == "truncated"
    assert by1["cut"].missing_words == by2["cut"].missing_words == alone.missing_words
    assert [w.probability for w in by1["cut"].words] == [w.probability for w in alone.words]
    for v in (by1["cut"], by2["cut"]):  # decoded in the same batch as the full clip, yet hears none of it
        assert v.asr_text is not None and "myself" not in v.asr_text.lower()
    # What a clip is heard to say must not depend on its batch-mates either (their length used to
    # set its padding), or a borderline verdict changes with the order responses arrive in.
    longer = audio.encode(np.concatenate([full, full]), 16_000, "pcm16")
    crowd = tiny_verifier.verify_many(
        [VerifyItem("long", longer, "pcm16", R1 + " " + R1), VerifyItem("cut", b, "pcm16", R1)]
    )[1]
    assert by1["cut"].asr_text == by2["cut"].asr_text == alone.asr_text == crowd.asr_text
    assert [(w.op, w.start) for w in crowd.words] == [(w.op, w.start) for w in alone.words]


@pytest.mark.parametrize("path", ["cpu", "padded"])
def test_core_a_clip_reads_the_same_whatever_is_decoded_beside_it(
    path: str, speech: Speech, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply's whole record (decoded words, their times and scores, language ID, confidence) is the
    same alone, in a batch, and in a batch in the other order.

    Free decoding batches clips of one length; a Spanish reply decoded beside English ones used to have
    its words aligned under the batch's commonest language, and a batched alignment let one clip's
    word times move with its batch-mates' lengths, so a replayed clip could be judged differently
    from the same clip in last night's run. "padded" takes the path a GPU takes (the batch encoded
    padded to its bucket rather than stacked from each clip's own encoding), here on the CPU.
    """
    from verifier.core.asr import Engine

    if path == "padded":
        monkeypatch.setattr(Engine, "frames_on_host", property(lambda self: False))
    texts = [
        ("es", "Su pedido llegará el martes por la mañana."),
        ("en", "Your order will arrive on Tuesday morning."),
        ("en", "Thanks for waiting. I have updated the delivery address for you."),
        ("en", "Sure."),
    ]
    said = [speech(text, lang) for lang, text in texts]
    # each padded with silence to one length, so that all four share one decoding batch
    length = max(x.size for x in said) + 8_000
    items = [
        VerifyItem(f"r{k}", audio.encode(np.pad(x, (0, length - x.size)), 16_000, "pcm16"), "pcm16", text, lang)
        for k, (x, (lang, text)) in enumerate(zip(said, texts))
    ]
    v = Verifier("base", decode="all", word_languages="always")  # every clip decoded, its words' languages asked

    def record(x: Verdict) -> str:
        return json.dumps({**x.to_dict(), "evidence": x.evidence}, sort_keys=True)

    together = [record(x) for x in v.verify_many(items)]
    backwards = [record(x) for x in v.verify_many(items[::-1])][::-1]
    alone = [record(v.verify_many([it])[0]) for it in items]
    decoded = [json.loads(r) for r in alone]
    assert all(d["asr_text"] for d in decoded), "every clip must have been decoded freely"
    assert together == alone
    assert backwards == alone


def test_core_workers_change_speed_not_verdicts(
    tiny_verifier: Verifier, speech: Speech, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Groups verified side by side, each on its own model replica, give what one at a time gives."""
    from verifier.core import verify as verify_mod

    monkeypatch.setattr(verify_mod, "BATCH_ITEMS", 2)  # five items: three groups, two of them at once
    full, cut = speech(R1), speech(R1_CUT)
    texts = ["Sure, I can do that.", "Your order is on its way."]
    items = [
        VerifyItem("full", audio.encode(full, 16_000, "pcm16"), "pcm16", R1),
        VerifyItem("cut", audio.encode(cut, 16_000, "pcm16"), "pcm16", R1),
        VerifyItem("odd", b"\x00\x01\x02", "pcm16", "Hi."),
        *(
            VerifyItem(f"t{i}", audio.encode(speech(t), 16_000, "g711_ulaw"), "g711_ulaw", t)
            for i, t in enumerate(texts)
        ),
    ]
    two = Verifier("tiny.en", workers=2)
    assert two.engine.workers == 2
    ticks: list[int] = []
    side_by_side = two.verify_many(items, progress=ticks.append)
    one_at_a_time = tiny_verifier.verify_many(items)
    assert [v.id for v in side_by_side] == ["full", "cut", "odd", "t0", "t1"]
    assert [v.verdict for v in side_by_side] == ["match", "truncated", "error", "match", "match"]
    assert [v.to_dict() for v in side_by_side] == [v.to_dict() for v in one_at_a_time]
    assert ticks == [2, 2, 1]
    with pytest.raises(ValueError, match="workers"):
        Verifier("tiny.en", workers=0)


def test_core_decode_modes(tiny_verifier: Verifier, speech: Speech) -> None:
    clip = speech("Sure, I can do that.")
    every = Verifier("tiny.en", decode="all")
    every._engine = tiny_verifier.engine  # share the loaded model
    none = Verifier("tiny.en", decode="none")
    none._engine = tiny_verifier.engine
    v_all = every.verify_samples(clip, "Sure, I can do that.")
    v_none = none.verify_samples(speech(R1_CUT), R1)
    assert v_all.verdict == "match" and v_all.asr_text and v_all.wer == 0.0
    assert v_none.verdict == "truncated" and v_none.asr_text is None
    assert "skipped" in v_none.explanation


def test_core_bad_item_is_an_error_verdict_not_an_exception(tiny_verifier: Verifier) -> None:
    verdicts = tiny_verifier.verify_many(
        [
            VerifyItem("odd", b"\x00\x01\x02", "pcm16", "Hi."),
            VerifyItem("fmt", b"\x00\x00", "mp3", "Hi.", meta=ResultMeta(extra={"k": 1})),
        ]
    )
    assert [v.verdict for v in verdicts] == ["error", "error"]
    assert "odd byte count" in (verdicts[0].error or "")
    assert "mp3" in (verdicts[1].error or "") and verdicts[1].meta.to_dict() == {"k": 1}


def test_core_verifier_from_a_worker_thread(tiny_verifier: Verifier, speech: Speech) -> None:
    text = "Sure, I can do that."
    data = audio.encode(speech(text), 16_000, "g711_ulaw")
    out: list[str] = []
    threads = [
        threading.Thread(
            target=lambda: out.append(tiny_verifier.verify_many([VerifyItem("t", data, "g711_ulaw", text)])[0].verdict)
        )
        for _ in range(2)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert out == ["match", "match"]


def test_core_verify_function_accepts_path_bytes_and_array(tmp_path: Path, speech: Speech) -> None:
    text = "Sure, I can do that."
    samples = speech(text)
    wav = tmp_path / "reply.wav"
    wav.write_bytes(audio.write_wav(samples, 16_000))
    ulaw = audio.encode(samples, 16_000, "g711_ulaw")
    v1 = verify(wav, text, model="tiny.en")
    v2 = verify(ulaw, text, audio_format="g711_ulaw", model="tiny.en")
    v3 = verify(audio.resample(samples, 16_000, 24_000), text, sample_rate=24_000, model="tiny.en")
    assert [v1.verdict, v2.verdict, v3.verdict] == ["match"] * 3
    with pytest.raises(audio.AudioError):
        verify(b"\x00\x00", text, model="tiny.en")  # raw bytes need a format


def test_core_an_empty_transcript_over_a_spoken_word_is_extra_speech(base_verifier: Verifier, speech: Speech) -> None:
    # the audio says "Yes." (about half a second of speech) and the transcript says nothing at all
    for transcript in ("", "   "):
        v = base_verifier.verify_samples(speech("Yes."), transcript, language="en")
        assert v.verdict == "extra_speech", v.explanation
        assert v.confidence is None  # outside what the fitted statistics describe: the rules decide


def test_core_a_second_reader_scores_where_the_first_doubts_and_moves_no_other_evidence(
    base_verifier: Verifier, tiny_verifier: Verifier, speech: Speech
) -> None:
    both = Verifier("base", calibration=None, second_reader="tiny.en", word_languages="always")
    alone = Verifier("base", calibration=None, second_reader=None, word_languages="always")
    both._engine = alone._engine = base_verifier.engine  # share the loaded models
    both._second = tiny_verifier.engine
    exacto = speech.join(speech("Exacto,", "es"), speech(R3_TAIL))
    two, one = both.verify_samples(exacto, R3, language="en"), alone.verify_samples(exacto, R3, language="en")
    assert two.evidence is not None and one.evidence is not None
    assert all(u["p2"] is None for u in one.evidence["units"])
    assert all(u["p2"] is not None for u in two.evidence["units"])  # decoded: both readers scored every word
    # the Spanish word is unheard by both readers; the English words after it are heard by both
    first, rest = two.evidence["units"][0], two.evidence["units"][1:]
    assert max(first["p"], first["p2"]) < 0.3 and all(max(u["p"], u["p2"]) > 0.3 for u in rest[1:])
    # the second reading is evidence beside the first's, never in place of it
    for u in two.evidence["units"]:
        u["p2"] = None
    assert two.evidence == one.evidence and two.verdict == one.verdict == "language_drift"
    # a clearly faithful clip is not decoded, so not read twice; a Spanish transcript is not read by tiny.en
    clear = both.verify_samples(speech(R1), R1, language="en")
    spanish = "Claro, su pedido llega mañana."
    es = both.verify_samples(speech(spanish, "es"), spanish, language="es")
    assert clear.evidence is not None and all(u["p2"] is None for u in clear.evidence["units"])
    assert es.evidence is not None and all(u["p2"] is None for u in es.evidence["units"])

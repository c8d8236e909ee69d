"""Fault specs, seeded draws, and what each fault does to the audio plan (pure)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

import pytest

from tests.helpers.sim import REPORT_BOTH, REPORT_DRIFT_EN, REPORT_DRIFT_ES, REPORT_TRUNCATE
from verifier.simulator.faults import FaultDecision, FaultInjector, FaultSpecError, parse_faults, parse_override
from verifier.simulator.model import respond
from verifier.simulator.rendition import render
from verifier.simulator.routes import Rejection, Route, route


def test_parse_faults_accepts_the_documented_spec() -> None:
    spec = "text_only=0.1,truncate=0.1,language_drift=0.1,disconnect=0.05,rate_limit=0.05,stall=0.05"
    assert parse_faults(spec) == {
        "text_only": 0.1,
        "truncate": 0.1,
        "language_drift": 0.1,
        "disconnect": 0.05,
        "rate_limit": 0.05,
        "stall": 0.05,
    }
    assert parse_faults("") == {} and parse_faults(" truncate = 1 , ") == {"truncate": 1.0}
    assert parse_faults({"stall": 0.5}) == {"stall": 0.5}


@pytest.mark.parametrize(
    "spec,needle",
    [
        ("bogus=0.1", "unknown fault 'bogus'"),
        ("truncate", "has no rate"),
        ("truncate=abc", "not a number"),
        ("truncate=1.5", "between 0 and 1"),
        ("truncate=0.7,stall=0.6", "add up to 1.3"),
        ("stall=nan", "between"),
    ],
)
def test_parse_faults_rejects_bad_specs_clearly(spec: str, needle: str) -> None:
    with pytest.raises(FaultSpecError, match=needle):
        parse_faults(spec)


def test_overrides() -> None:
    assert parse_override("truncate:mid_sentence") == ("truncate", "mid_sentence")
    assert parse_override("none") == (None, None)
    with pytest.raises(FaultSpecError, match="no variant 'sideways'"):
        parse_override("truncate:sideways")


def test_draws_are_reproducible_per_seed_and_independent_of_order() -> None:
    prompts = [f"prompt {i}" for i in range(40)]
    a = FaultInjector("truncate=0.3,stall=0.2", seed=5)
    first = [a.decide(p).name for p in prompts]
    b = FaultInjector("truncate=0.3,stall=0.2", seed=5)
    second = {p: b.decide(p).name for p in reversed(prompts)}  # other arrival order, same faults
    assert first == [second[p] for p in prompts]
    c = FaultInjector("truncate=0.3,stall=0.2", seed=6)
    assert first != [c.decide(p).name for p in prompts]
    # repeats of one prompt draw afresh each time
    assert len({a.decide("same").name for _ in range(30)}) > 1


def test_rates_are_honoured() -> None:
    inj = FaultInjector("text_only=0.2,truncate=0.1,rate_limit=0.05", seed=1)
    counts = Counter(inj.decide(f"p{i}").name for i in range(4000))
    assert abs(counts["text_only"] / 4000 - 0.2) < 0.025
    assert abs(counts["truncate"] / 4000 - 0.1) < 0.02
    assert abs(counts["rate_limit"] / 4000 - 0.05) < 0.015
    assert counts[None] / 4000 == pytest.approx(0.65, abs=0.03)


def _forced(name: str, variant: str | None = None, seed: int = 0) -> FaultDecision:
    return FaultDecision(name, variant, random.Random(seed), forced=True)


def test_truncate_drops_the_last_sentence_like_the_report() -> None:
    r = render(respond(REPORT_TRUNCATE), _forced("truncate"), audio=True)
    assert r.transcript == REPORT_TRUNCATE
    assert r.spoken_text == "I'm checking. Yes, I found it. Lowering it to minimum. Okay, much better."
    assert r.details["dropped_words"] == ["Now", "I", "can", "barely", "hear", "myself."]
    assert r.details["variant"] == "last_sentence"


def test_truncate_cuts_a_single_sentence_mid_way() -> None:
    r = render(respond(REPORT_DRIFT_EN), _forced("truncate"), audio=True)
    assert r.variant == "mid_sentence"
    words = REPORT_DRIFT_EN.split()
    kept = r.spoken_text.split()
    assert 0 < len(kept) < len(words) and kept == words[: len(kept)]
    assert r.details["dropped_words"] == words[len(kept) :]


def test_language_drift_variants_follow_the_report() -> None:
    first = render(respond(REPORT_DRIFT_ES), _forced("language_drift", "first_word"), audio=True)
    assert first.transcript == REPORT_DRIFT_EN  # translated from the Spanish prompt
    assert first.spoken_text == "Exacto, " + REPORT_DRIFT_EN.split(" ", 1)[1]
    assert first.details["spoken_segments"][0] == {"text": "Exacto,", "language": "es"}

    both = render(respond(REPORT_BOTH), _forced("language_drift", "sentence_truncated"), audio=True)
    assert both.spoken_text == "Envíalo por favor a soporte @ miempresa.com."
    assert both.details["dropped_text"] == "That's the best one."

    whole = render(respond(REPORT_TRUNCATE), _forced("language_drift", "all"), audio=True)
    assert whole.transcript == REPORT_TRUNCATE and all(p.language == "es" for p in whole.parts)
    assert whole.spoken_text.startswith("Lo estoy comprobando.")

    one = render(respond(REPORT_TRUNCATE), _forced("language_drift", "sentence", seed=2), audio=True)
    langs = [p.language for p in one.parts]
    assert langs.count("es") == 1 and len(langs) == 5


def test_unforced_drift_picks_a_usable_variant_and_unknown_text_still_drifts() -> None:
    seen = {render(respond(REPORT_DRIFT_EN), _forced("language_drift", None, s), audio=True).variant for s in range(30)}
    assert seen <= {"first_word", "all"} and len(seen) == 2  # one sentence: no sentence-level variants
    r = render(respond("Zebras graze quietly."), _forced("language_drift", "all"), audio=True)
    assert r.parts[0].language == "es" and r.transcript == "Zebras graze quietly."


def test_audio_faults_do_not_apply_to_text_only_requests() -> None:
    r = render(respond(REPORT_TRUNCATE), _forced("truncate"), audio=False)
    assert r.fault is None and r.text_only and r.details["skipped_fault"] == "truncate"


def test_model_translates_repeats_and_answers_in_spanish_when_asked() -> None:
    assert respond(REPORT_DRIFT_ES).text == REPORT_DRIFT_EN
    assert respond("Zebras graze quietly. They do.").text == "Zebras graze quietly. They do."
    es = respond("I have reset your password.", "Translate the user's text into Spanish.")
    assert es.text == "He restablecido su contraseña." and es.language == "es"
    assert respond("Say: Your order was shipped yesterday.").text == "Your order was shipped yesterday."


def _headers(pairs: dict[str, str]) -> Callable[[str], list[str]]:
    return lambda name: [v for k, v in pairs.items() if k.lower() == name.lower()]


@pytest.mark.parametrize(
    "path,headers,expect",
    [
        (
            "/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-realtime",
            {"api-key": "k"},
            ("beta", "azure"),
        ),
        ("/openai/realtime?api-version=2025-04-01-preview&deployment=d&api-key=k", {}, ("beta", "azure")),
        (
            "/openai/realtime?api-version=2024-10-01-preview&deployment=d",
            {"Authorization": "Bearer k"},
            ("beta", "azure"),
        ),
        ("/openai/v1/realtime?model=gpt-realtime", {"api-key": "k"}, ("ga", "azure")),
        ("/v1/realtime?model=gpt-realtime", {"Authorization": "Bearer k"}, ("ga", "openai")),
        (
            "/v1/realtime?model=gpt-realtime",
            {"Authorization": "Bearer k", "OpenAI-Beta": "realtime=v1"},
            ("beta", "openai"),
        ),
        ("/openai/realtime?api-version=2024-10-01-preview&deployment=d", {}, 401),
        ("/openai/realtime?api-version=2024-10-01-preview&deployment=d", {"api-key": "nope"}, 401),
        ("/openai/v1/realtime?model=m&api-version=2025-04-01-preview", {"api-key": "k"}, 401),
        ("/v1/realtime?model=m", {"api-key": "k"}, 401),  # OpenAI reads only the bearer token
        ("/v1/realtime?model=m", {"Authorization": "Bearer wrong-key-123"}, 401),
        ("/openai/realtime?deployment=d", {"api-key": "k"}, 404),
        ("/openai/realtime?api-version=2024-10-01-preview", {"api-key": "k"}, 404),
        ("/v1/realtime", {"Authorization": "Bearer k"}, 400),
        ("/v2/other", {"Authorization": "Bearer k"}, 404),
    ],
)
def test_routes_and_auth(path: str, headers: dict[str, str], expect: object) -> None:
    got = route(path, _headers(headers), "k")
    if isinstance(expect, tuple):
        assert isinstance(got, Route) and (got.shape, got.flavor) == expect
    else:
        assert isinstance(got, Rejection) and got.status == expect and "error" in got.body
        assert "wrong-key-123" not in str(got.body)  # the key is masked as the service masks it

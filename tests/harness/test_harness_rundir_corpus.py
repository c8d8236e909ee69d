"""Run directory (append-only, torn-line tolerant, resumable) and corpus parsing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verifier.harness.corpus import CorpusError, load_corpus, parse_jsonl, parse_yaml
from verifier.realtime.settings import SessionSettings, SettingsError, prompt_events, session_update
from verifier.schema.captures import ResponseCapture
from verifier.schema.redact import REDACTED, register_secret
from verifier.schema.results import ResultMeta, Verdict, VerdictClass
from verifier.schema.rundir import RunDir, RunDirError, read_jsonl, trim_torn_tail

ROOT = Path(__file__).resolve().parents[2]


def _cap(rid: str, pid: str, rep: int, audio: bytes = b"\x7f" * 80) -> ResponseCapture:
    return ResponseCapture(
        response_id=rid,
        audio_format="g711_ulaw",
        audio=audio,
        transcript="hi",
        status="completed",
        meta={"prompt_id": pid, "repeat_index": rep},
    )


def test_rundir_writes_layout_and_resumes_after_a_torn_line(tmp_path: Path) -> None:
    d = tmp_path / "run"
    rd = RunDir.create(d, {"run_id": "r1", "target": {"api": "azure"}})
    rd.log_event({"type": "session.updated"}, conn=1, prompt_id=None, attempt=None)
    rd.log_event("{torn", conn=1, prompt_id="p1", attempt=0)
    rd.log_event({"type": "response.create", "api-key": "abc"}, conn=1, prompt_id="p1", attempt=0, client=True)
    c1 = _cap("resp_1", "p1", 0)
    rd.write_capture(c1)
    match = VerdictClass.MATCH
    rd.write_result(Verdict(id="resp_1", verdict=match, meta=ResultMeta(response_id="resp_1", prompt_id="p1")))
    rd.write_result(Verdict(id="resp_1", verdict=match, meta=ResultMeta(response_id="resp_1")))  # duplicate: ignored
    rd.write_capture(_cap("resp_2", "p2", 0))
    rd.close()
    assert (d / "audio" / "000000_resp_1.ulaw").read_bytes() == b"\x7f" * 80  # numbered: ids may collide
    assert c1.audio_file == "audio/000000_resp_1.ulaw"
    events = list(read_jsonl(d / "events.jsonl"))
    assert events[1]["event"] == {"raw": "{torn"}
    assert events[2]["dir"] == "client" and events[2]["event"]["api-key"] == REDACTED
    assert len(list(read_jsonl(d / "results.jsonl"))) == 1

    # A kill mid-write leaves a partial line; resume trims it and appends cleanly.
    with open(d / "captures.jsonl", "a") as f:
        f.write('{"response_id": "resp_3", "meta": {"prompt_')
    with pytest.raises(RunDirError, match="--resume"):
        RunDir.create(d, {})
    rd2 = RunDir.open_existing(d)
    assert rd2.captured == {("p1", 0), ("p2", 0)} and rd2.scored == {"resp_1"} and rd2.max_conn == 1
    assert [c.response_id for c in rd2.unscored()] == ["resp_2"]
    assert rd2.unscored()[0].audio == b"\x7f" * 80
    rd2.write_capture(_cap("resp_3", "p3", 0))
    rd2.close()
    lines = (d / "captures.jsonl").read_text().splitlines()
    assert [json.loads(x)["response_id"] for x in lines] == ["resp_1", "resp_2", "resp_3"]
    info = json.loads((d / "run.json").read_text())
    assert info["resumed"][0]["trimmed_torn_lines"] == ["captures.jsonl"]


def test_results_csv_has_response_and_prompt_ids(tmp_path: Path) -> None:
    rd = RunDir.create(tmp_path / "r", {"run_id": "x"})
    rd.write_result(
        Verdict(
            id="resp_9",
            verdict=VerdictClass.TRUNCATED,
            missing_words=["hear", "myself"],
            meta=ResultMeta(response_id="resp_9", prompt_id="p9", repeat_index=2),
        )
    )
    rd.close()
    import pandas as pd

    from verifier.report import load_run
    from verifier.report.tables import write_tables

    df = pd.read_csv(write_tables(load_run(rd.path), rd.path)["results.csv"])
    assert list(df["response_id"]) == ["resp_9"] and list(df["prompt_id"]) == ["p9"]
    assert list(df["repeat_index"]) == [2] and df["missing_words"][0] == "hear myself"


def test_trim_torn_tail_handles_empty_single_and_clean_files(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_bytes(b"")
    assert not trim_torn_tail(p)
    p.write_bytes(b'{"a": 1')
    assert trim_torn_tail(p) and p.read_bytes() == b""
    p.write_bytes(b'{"a": 1}\n' + b"y" * 200_000)
    assert trim_torn_tail(p) and p.read_bytes() == b'{"a": 1}\n'
    assert not trim_torn_tail(p)


def test_secrets_never_reach_run_json(tmp_path: Path) -> None:
    register_secret("sk-testsecret-1234567890")
    RunDir.create(tmp_path / "r", {"run_id": "x", "note": "key sk-testsecret-1234567890", "api_key": "zzz"})
    text = (tmp_path / "r" / "run.json").read_text()
    assert "sk-testsecret" not in text and "zzz" not in text


def test_jsonl_corpus_errors_name_file_line_and_field(tmp_path: Path) -> None:
    good = parse_jsonl(
        '{"id": "a", "text": "hola", "language": "EN", "expected": "hello", "tag": 1}\n\n{"id": 2, "text": "adiós"}\n',
        "c.jsonl",
    )
    assert [p.id for p in good.prompts] == ["a", "2"]
    assert good.prompts[0].language == "en" and good.prompts[0].meta == {"tag": 1}
    cases = {
        '{"id": "a", "text": "x"}\n{"id": "b"\n': "c.jsonl:2: not valid JSON",
        '{"text": "x"}\n': "c.jsonl:1: field 'id' is missing",
        '{"id": "a", "text": ""}\n': "c.jsonl:1: field 'text' is missing or empty",
        '{"id": "a", "text": 5}\n': "c.jsonl:1: field 'text' must be a non-empty string",
        '{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n': (
            "c.jsonl:2: field 'id': duplicate id 'a' (first on line 1)"
        ),
        '{"id": "a", "text": "x", "language": "english"}\n': "c.jsonl:1: field 'language'",
        '{"id": "a", "text": "x", "expected": 3}\n': "c.jsonl:1: field 'expected' must be a string",
        '{"id": "a", "text": "x", "response": 3}\n': "c.jsonl:1: field 'response' must be a mapping",
        "\n": "c.jsonl: no prompts",
    }
    for text, msg in cases.items():
        with pytest.raises(CorpusError) as e:
            parse_jsonl(text, "c.jsonl")
        assert msg in str(e.value), (text, str(e.value))
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "missing.jsonl")


def test_yaml_corpus_with_session_defaults_and_line_numbers() -> None:
    text = """name: demo
session:
  modalities: [text, audio]
  output_audio_format: g711_ulaw
defaults:
  language: en
prompts:
  - id: p1
    text: Hola.
  - id: p2
    text: Adiós.
    language: es
"""
    c = parse_yaml(text, "s.yaml")
    assert c.name == "demo" and c.session["output_audio_format"] == "g711_ulaw"
    assert [(p.id, p.language) for p in c.prompts] == [("p1", "en"), ("p2", "es")]
    with pytest.raises(CorpusError, match=r"s.yaml:10: field 'text'"):
        parse_yaml(text.replace("    text: Adiós.\n", ""), "s.yaml")
    with pytest.raises(CorpusError, match=r"s.yaml:2: session: unknown setting 'modality'"):
        parse_yaml(text.replace("  modalities:", "  modality:"), "s.yaml")
    with pytest.raises(CorpusError, match=r"s.yaml:1: unknown key 'nme'"):
        parse_yaml(text.replace("name:", "nme:"), "s.yaml")
    with pytest.raises(CorpusError, match=r"s.yaml:\d+: not valid YAML"):
        parse_yaml("prompts: [\n  - {id: a", "s.yaml")


def test_shipped_user_report_corpora_agree() -> None:
    j = load_corpus(ROOT / "corpora" / "user-reports.jsonl")
    y = load_corpus(ROOT / "corpora" / "user-reports.yaml")
    assert [(p.id, p.text, p.expected) for p in j.prompts] == [(p.id, p.text, p.expected) for p in y.prompts]
    assert all(p.language == "en" and p.expected for p in j.prompts)
    assert y.session["output_audio_format"] == "g711_ulaw" and y.session["modalities"] == ["text", "audio"]
    texts = {p.expected for p in j.prompts}
    assert (
        "Exactly, it used to work automatically before, but since the last update I have to press the "
        "translate button each time." in texts
    )


def test_session_events_in_both_shapes() -> None:
    s = SessionSettings(instructions="Translate.", voice="alloy")
    beta = session_update(s, "beta")["session"]
    assert beta == {
        "modalities": ["text", "audio"],
        "instructions": "Translate.",
        "voice": "alloy",
        "output_audio_format": "g711_ulaw",
        "temperature": 0.6,
    }
    ga = session_update(s, "ga")["session"]
    assert ga == {
        "type": "realtime",
        "output_modalities": ["audio"],
        "instructions": "Translate.",
        "audio": {"output": {"format": {"type": "audio/pcmu"}, "voice": "alloy"}},
    }
    item, resp = prompt_events("Hola", s.merged({"modalities": "audio"}), "beta", instructions="Only English.")
    assert item["item"]["content"] == [{"type": "input_text", "text": "Hola"}]
    assert resp["response"] == {"modalities": ["audio"], "conversation": "none", "instructions": "Only English."}
    _, resp_ga = prompt_events("Hola", s.merged({"response_extra": {"metadata": {"k": "v"}}}), "ga")
    assert resp_ga["response"] == {"output_modalities": ["audio"], "conversation": "none", "metadata": {"k": "v"}}
    assert session_update(s.merged({"extra": {"turn_detection": None}}), "beta")["session"]["turn_detection"] is None
    with pytest.raises(SettingsError, match="output_audio_format"):
        s.merged({"output_audio_format": "mp3"})
    with pytest.raises(SettingsError, match="must be one of pcm16, g711_ulaw, g711_alaw, not 'wav'"):
        s.merged({"output_audio_format": "wav"})  # a file format, never on the wire
    assert s.merged({"output_audio_format": {"type": "audio/pcma"}}).output_audio_format == "g711_alaw"
    with pytest.raises(SettingsError, match="temperature must be a number"):
        s.merged({"temperature": "hot"})


def test_results_rewritten_in_place_keep_every_other_line(tmp_path: Path) -> None:
    rd = RunDir.create(tmp_path / "r", {"run_id": "x"})
    for seq in range(3):
        rd.write_result(Verdict(id=f"r{seq}", verdict=VerdictClass.MATCH, meta=ResultMeta(capture_seq=seq)))
    with open(tmp_path / "r" / "results.jsonl", "a") as f:
        f.write("{torn\n")
    again = Verdict(id="r1", verdict=VerdictClass.TRUNCATED, confidence=0.8, meta=ResultMeta(capture_seq=1))
    stray = Verdict(id="r9", verdict=VerdictClass.TRUNCATED, meta=ResultMeta(capture_seq=9))  # no row: not added
    assert rd.rewrite_results([again, stray]) == 1
    rd.write_result(Verdict(id="r3", verdict=VerdictClass.MATCH, meta=ResultMeta(capture_seq=3)))  # appends still
    rd.close()
    lines = (tmp_path / "r" / "results.jsonl").read_text().splitlines()
    assert lines[3] == "{torn" and len(lines) == 5
    rows = list(read_jsonl(tmp_path / "r" / "results.jsonl"))
    assert [(r["id"], r["verdict"]) for r in rows] == [
        ("r0", "match"),
        ("r1", "truncated"),
        ("r2", "match"),
        ("r3", "match"),
    ]

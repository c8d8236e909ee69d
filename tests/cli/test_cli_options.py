"""One set of verification options on every verifying command; one error line and exit code for bad ones.

No model is loaded here: options are checked before anything heavy starts,
and the Verifier loads its model only when first asked to verify.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from verifier.cli import options as opt
from verifier.cli.app import app
from verifier.cli.exits import EXIT_GATE, EXIT_INPUT, fail
from verifier.harness.config import HarnessError, RunConfig
from verifier.harness.scorer import make_verifier
from verifier.schema.redact import register_secret

runner = CliRunner()
SHARED = {"--asr-model", "--decode", "--threshold", "--device", "--max-rate"}
VERIFYING = ("run", "score", "replay", "experiment", "demo")


def _options(command: str) -> dict[str, Any]:
    cmd = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return {name: p for p in cmd.params for name in p.opts}


@pytest.mark.parametrize("command", VERIFYING)
def test_every_verifying_command_takes_the_shared_options(command: str) -> None:
    params = _options(command)
    assert SHARED <= set(params), SHARED - set(params)
    # Declared once: the same help everywhere.
    assert params["--asr-model"].help == opt.AsrModel.__metadata__[0].help  # type: ignore[attr-defined]


def test_model_is_the_asr_model_only_where_it_always_was() -> None:
    for command in ("score", "experiment"):
        model = _options(command)["--model"]
        assert getattr(model, "hidden", False), command  # deprecated alias, kept out of --help
    assert not getattr(_options("run")["--model"], "hidden", False)  # the realtime model
    assert "--model" not in _options("replay") and "--model" not in _options("demo")


def _args(command: str, tmp_path: Path) -> list[str]:
    """The least each command needs before it reads its options."""
    existing = tmp_path / "input.jsonl"
    existing.write_text("")
    return {
        "run": ["run", str(existing)],
        "score": ["score", str(existing)],
        "replay": ["replay", str(existing)],
        "experiment": ["experiment", str(existing)],
        "demo": ["demo", "--out", str(tmp_path / "demo")],
    }[command]


@pytest.mark.parametrize("command", VERIFYING)
@pytest.mark.parametrize(
    "option, message",
    [
        (["--device", "tpu"], "error: --device must be one of auto, cpu, cuda, not 'tpu'"),
        (["--decode", "greedy"], "error: --decode must be one of auto, all, none, not 'greedy'"),
        (["--threshold", "nope=1"], "error: --threshold: unknown threshold 'nope=1'"),
        (["--max-rate", "nonsense=1"], "error: --max-rate names unknown class 'nonsense'"),
    ],
)
def test_a_bad_shared_option_is_one_line_and_exit_2(
    command: str, option: list[str], message: str, tmp_path: Path
) -> None:
    res = runner.invoke(app, [*_args(command, tmp_path), *option])
    assert res.exit_code == EXIT_INPUT, res.output
    assert res.stderr.strip().splitlines() == [res.stderr.strip()] and res.stderr.startswith(message)
    assert not (tmp_path / "demo").exists()  # refused before anything ran


@pytest.mark.parametrize("command", ["score", "experiment"])
def test_deprecated_model_still_works_and_says_so(command: str, tmp_path: Path) -> None:
    res = runner.invoke(app, [*_args(command, tmp_path), "--model", "tiny.en", "--decode", "bad"])
    assert res.exit_code == EXIT_INPUT
    note, error = res.stderr.strip().splitlines()
    assert note.startswith("note: --model is deprecated here, use --asr-model") and error.startswith("error: --decode")
    clash = runner.invoke(app, [*_args(command, tmp_path), "--model", "tiny.en", "--asr-model", "base"])
    assert clash.exit_code == EXIT_INPUT and "disagree" in clash.stderr


def test_deprecated_model_is_the_asr_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert opt.verify_settings(deprecated_model="tiny.en").model == "tiny.en"
    assert capsys.readouterr().err.count("\n") == 1  # one line
    assert opt.verify_settings("tiny.en", deprecated_model="tiny.en").model == "tiny.en"


def test_settings_reach_the_verifier_and_defaults_stay() -> None:
    s = opt.verify_settings("tiny.en", "all", ["heard_prob=0.4,strong_prob=0.9", "min_speech_s=0.3"], "cpu")
    # Only changed thresholds are kept (min_speech_s=0.3 is the default): run.json records what differs.
    assert s.thresholds == {"heard_prob": 0.4, "strong_prob": 0.9}
    config = RunConfig(**s.run_config_fields())
    v = make_verifier(config.verifier_model, config.decode, config.thresholds, config.device)
    assert (v.model, v.decode, v.device) == ("tiny.en", "all", "cpu")  # type: ignore[attr-defined]
    assert v.thresholds.heard_prob == 0.4 and v.thresholds.strong_prob == 0.9  # type: ignore[attr-defined]
    assert opt.verify_settings().run_config_fields() == {}  # nothing given: the run's own settings stand
    d = RunConfig()
    assert (d.verifier_model, d.decode, d.thresholds, d.device) == ("base", "auto", None, "auto")
    kwargs = opt.verify_settings().verifier_kwargs()
    assert (kwargs["model"], kwargs["decode"], kwargs["device"]) == ("base", "auto", "auto")


def test_a_misspelt_threshold_from_a_matrix_file_is_named() -> None:
    with pytest.raises(ValueError, match="unknown threshold 'heard_prb=0.4'"):
        make_verifier("tiny.en", "auto", {"heard_prb": 0.4})


@pytest.mark.parametrize(
    "flags, named",
    [
        (["--resume", "runs/x"], "--resume"),
        (["--config-name", "a"], "--config-name"),
        (["--no-score"], "--no-score"),
    ],
)
def test_run_matrix_refuses_what_does_not_apply(flags: list[str], named: str, tmp_path: Path) -> None:
    matrix = tmp_path / "m.yaml"
    matrix.write_text("configurations: {a: {}}\n")
    res = runner.invoke(app, ["run", str(tmp_path / "c.jsonl"), "--matrix", str(matrix), *flags])
    assert res.exit_code == EXIT_INPUT
    assert res.stderr.startswith(f"error: {named} cannot be combined with --matrix")
    assert list(tmp_path.iterdir()) == [matrix]


def test_fail_is_one_redacted_line(capsys: pytest.CaptureFixture[str]) -> None:
    secret = "sk-test-0123456789abcdef"
    register_secret(secret)
    exc = fail(f"HTTP 401 for key {secret}")
    assert isinstance(exc, typer.Exit) and exc.exit_code == EXIT_INPUT
    assert fail("gate", EXIT_GATE).exit_code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: HTTP 401 for key ") and secret not in err and err.count("\n") == 2


def test_run_takes_a_response_timeout_and_a_pace_and_matrix_forwards_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import verifier.cli.experiment as experiment_cli
    import verifier.cli.run as run_cli

    seen: dict[str, Any] = {}

    def fake_run(corpus: str, config: RunConfig, progress: bool = True) -> Any:
        seen["config"] = config
        raise HarnessError("stop here")

    def fake_experiment(matrix: Path, corpus: Path | None, **kw: Any) -> None:
        seen["overrides"] = kw["overrides"]

    monkeypatch.setattr(run_cli, "run", fake_run)
    monkeypatch.setattr(experiment_cli, "run_experiment", fake_experiment)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "p", "text": "x"}\n')
    res = runner.invoke(
        app, ["run", str(corpus), "--response-timeout", "7.5", "--pace", "4", "--out", str(tmp_path / "r")]
    )
    assert "stop here" in res.stderr
    assert (seen["config"].response_timeout_s, seen["config"].pace) == (7.5, 4.0)
    assert RunConfig().response_timeout_s == 120.0 and RunConfig().pace == 1.0
    matrix = tmp_path / "m.yaml"
    matrix.write_text("configurations: {a: {}}\n")
    res = runner.invoke(app, ["run", str(corpus), "--matrix", str(matrix), "--response-timeout", "9"])
    assert res.exit_code == 0, res.output
    assert seen["overrides"]["response_timeout_s"] == 9.0 and "pace" not in seen["overrides"]
    res = runner.invoke(app, ["run", str(corpus), "--response-timeout", "0"])
    assert res.exit_code != 0 and "--response-timeout" in res.output + res.stderr


@pytest.mark.parametrize("command", ("run", "score", "replay"))
def test_score_run_and_replay_take_a_calibration_and_a_confidence_floor(command: str) -> None:
    params = _options(command)
    assert {"--calibration", "--min-confidence"} <= set(params)
    assert params["--calibration"].help == opt.CalibrationFile.__metadata__[0].help  # type: ignore[attr-defined]


def test_a_bad_calibration_file_is_one_line_naming_it(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"id": "a", "transcript": "hi"}\n')
    bad = tmp_path / "calib.json"
    bad.write_text('{"format": "verifier-calibration/1", "features": []}')
    res = runner.invoke(app, ["score", str(manifest), "--calibration", str(bad), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "--calibration" in res.output and "calib.json" in res.output
    assert "features" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["score", str(manifest), "--min-confidence", "1.5", "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "--min-confidence" in res.output


def test_calibration_none_leaves_the_rules_to_decide() -> None:
    assert opt.verify_settings(calibration="none").verifier_kwargs()["calibration"] is None
    assert opt.verify_settings().verifier_kwargs()["calibration"] == "default"


@pytest.mark.parametrize("command", ("run", "score", "replay"))
def test_score_run_and_replay_state_confidences_at_your_fault_share(command: str) -> None:
    assert _options(command)["--fault-share"].help == opt.FaultShare.__metadata__[0].help  # type: ignore[attr-defined]


def test_a_fault_share_reaches_the_verifier_and_a_bad_one_is_named(tmp_path: Path) -> None:
    s = opt.verify_settings(fault_share=0.1)
    config = RunConfig(**s.run_config_fields())
    v = make_verifier(
        config.verifier_model, config.decode, config.thresholds, config.device, config.calibration, config.fault_share
    )
    shipped = v.calibration.fitted_on  # type: ignore[attr-defined]
    # the share it was fitted at is its corpus's own: 1062 faults among the 2220 clips it was fitted on
    own = shipped["faulty"] / shipped["clips"]
    assert 0.3 < own < 0.6 and shipped["fit_fault_share"] == pytest.approx(own, abs=1e-4)
    assert v.calibration.fault_share == 0.1  # type: ignore[attr-defined]
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"id": "a", "transcript": "hi"}\n')
    out = ["--out", str(tmp_path / "o")]
    for bad, said in (
        (["--fault-share", "1"], "strictly between 0 and 1"),
        (["--fault-share", "0.1", "--calibration", "none"], "none"),
    ):
        res = runner.invoke(app, ["score", str(manifest), *bad, *out])
        assert res.exit_code == 2 and "--fault-share" in res.output and said in res.output, res.output
    unrecorded = tmp_path / "old.json"
    data = json.loads((Path(opt.__file__).parents[1] / "core" / "calibration" / "default.json").read_text())
    data["fitted_on"] = {}
    unrecorded.write_text(json.dumps(data))
    res = runner.invoke(app, ["score", str(manifest), "--calibration", str(unrecorded), "--fault-share", "0.1", *out])
    assert res.exit_code == 2 and "old.json" in res.output and "share of faults" in res.output, res.output


def test_an_output_path_of_the_wrong_kind_is_refused_before_any_work(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"id": "a", "transcript": "hi"}\n')
    log = tmp_path / "events.jsonl"
    log.write_text("{}\n")
    folder = tmp_path / "calib.json"
    folder.mkdir()
    a_file = tmp_path / "taken"
    a_file.write_text("x")
    for argv, option in (
        (["calibrate", str(manifest), "--out", str(folder)], "--out"),  # minutes of fitting, then a traceback
        (["score", str(manifest), "--out", str(a_file)], "--out"),
        (["score", str(manifest), "--out", str(a_file / "below")], "--out"),
        (["replay", str(log), "--out", str(a_file)], "--out"),
        (["bundle", str(tmp_path), "--out", str(folder)], "--out"),
        (["report", str(tmp_path), "--junit", str(folder)], "--junit"),
    ):
        res = runner.invoke(app, argv)
        assert res.exit_code == 2 and option in res.output and "Traceback" not in res.output, (argv, res.output)
        assert res.exception is None or isinstance(res.exception, SystemExit), (argv, res.exception)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calib.json", "events.jsonl", "m.jsonl", "taken"]


def test_the_live_tap_states_confidences_at_a_fault_share_too(tmp_path: Path) -> None:
    from verifier.proxy.tap import default_verifier

    assert _options("proxy")["--fault-share"].help == opt.FaultShare.__metadata__[0].help  # type: ignore[attr-defined]
    v = default_verifier("tiny.en", "auto", 0.02)()  # live traffic: faults are rare
    assert v.calibration.fault_share == 0.02 and v.calibration.fitted_on["model"] == "tiny.en"  # type: ignore[attr-defined]
    res = runner.invoke(
        app, ["proxy", "--upstream", "https://example.invalid", "--out", str(tmp_path / "tap"), "--fault-share", "2"]
    )
    assert res.exit_code == 2 and "--fault-share" in res.output and not (tmp_path / "tap").exists(), res.output


def test_score_takes_workers_and_refuses_none(tmp_path: Path) -> None:
    from verifier.core.verify import Verifier

    assert opt.verify_settings().verifier_kwargs()["workers"] == 1
    assert Verifier(**opt.verify_settings("tiny.en", workers=2).verifier_kwargs()).workers == 2
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"id": "a", "audio": "a.wav", "transcript": "Hi."}\n')
    res = runner.invoke(app, ["score", str(manifest), "--workers", "0", "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "--workers" in res.output
    assert not (tmp_path / "o").exists()  # refused before anything was written


def test_a_prior_calibrate_cannot_use_is_refused_before_any_work(tmp_path: Path) -> None:
    # minutes of ASR on a user's replies, then a fit that fails on its prior, would lose them all
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"id": "a", "transcript": "hi"}\n')
    shipped_base = Path(opt.__file__).parents[1] / "core" / "calibration" / "default.json"
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    fewer = tmp_path / "fewer.json"
    data = json.loads(shipped_base.read_text())
    data["features"] = data["features"][:-1]
    fewer.write_text(json.dumps(data))
    out = ["--out", str(tmp_path / "c.json")]
    for prior, said in (
        (shipped_base, "fitted for Whisper base, not tiny.en"),
        (broken, "broken.json: not valid JSON"),
        (tmp_path / "absent.json", "absent.json: cannot read"),
    ):
        argv = ["calibrate", str(manifest), "--asr-model", "tiny.en", "--prior", str(prior), *out]
        res = CliRunner().invoke(app, argv)
        assert res.exit_code == EXIT_INPUT and said in res.output and "Traceback" not in res.output, res.output
    res = CliRunner().invoke(app, ["calibrate", str(manifest), "--prior", str(fewer), *out])
    assert res.exit_code == EXIT_INPUT and "fewer.json" in res.output, res.output
    # a good prior gets as far as the manifest, which is what is wrong here
    res = CliRunner().invoke(app, ["calibrate", str(manifest), "--prior", str(shipped_base), *out])
    assert res.exit_code == EXIT_INPUT and "usable faithful responses" in res.output, res.output
    assert not (tmp_path / "c.json").exists()

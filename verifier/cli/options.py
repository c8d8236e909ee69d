"""The verification options every command that verifies shares, and one function that reads them.

`run`, `score`, `replay`, `experiment` and `demo` all take the same
`--asr-model`, `--decode`, `--threshold`, `--device` and `--max-rate`, declared
once here so their names, help and parsing cannot drift apart again. Each is
`None` when not given, so a command can tell "not set" (keep what a resumed
run or a matrix file says) from the default.

`--model` on `score` and `experiment` is the old name of `--asr-model`: kept
hidden, with a one-line deprecation note, because users' scripts use it. On
`run`, `demo` and `replay` `--model` is the realtime model, not this.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from verifier.cli.exits import fail

DEFAULT_ASR_MODEL = "base"
DEFAULT_DECODE = "auto"
DEFAULT_DEVICE = "auto"
DEVICES = ("auto", "cpu", "cuda")

AsrModel = Annotated[
    str | None,
    typer.Option(
        "--asr-model",
        help="Whisper model for verification: base (default; multilingual), tiny.en, "
        "a faster-whisper name or a model folder.",
        show_default=False,
    ),
]
Decode = Annotated[
    str | None,
    typer.Option("--decode", help="Free decoding: auto (default; only where in doubt), all, none.", show_default=False),
]
Threshold = Annotated[
    list[str] | None,
    typer.Option(
        "--threshold",
        help="Override a decision threshold, NAME=VALUE (repeatable); see verifier.core.decision.Thresholds.",
        show_default=False,
    ),
]
Device = Annotated[
    str | None, typer.Option("--device", help="Where the ASR runs: auto (default), cpu or cuda.", show_default=False)
]
MaxRate = Annotated[
    list[str] | None,
    typer.Option(
        "--max-rate",
        help="CI gate: CLASS=RATE[,CLASS=RATE...], e.g. missing_audio=0,truncated=0.02 "
        "(fractions or percentages; 'fault' = any non-match). Exit 1 when breached.",
        show_default=False,
    ),
]
ResponseTimeout = Annotated[
    float | None,
    typer.Option(
        "--response-timeout",
        metavar="SECONDS",
        min=0.001,
        help="Most seconds a response may take from its "
        "response.create to its response.done, however many other events arrive; past it the response is "
        "recorded as error (default 120).",
        show_default=False,
    ),
]
Pace = Annotated[
    float | None,
    typer.Option(
        "--pace",
        min=0.0,
        help="Speed at which spoken prompts (corpus `audio`) are streamed: 1 = real time "
        "(default), 2 = twice as fast, 0 = no waiting.",
        show_default=False,
    ),
]
CalibrationFile = Annotated[
    str | None,
    typer.Option(
        "--calibration",
        help="Calibration file from `verifier calibrate` (fitted on your own voice and ASR model); "
        "default: the one shipped in the package, fitted on the held-out corpus (bench/heldout.py); "
        "'none': the word-by-word rules alone decide, and verdicts carry no confidence.",
        show_default=False,
    ),
]
FaultShare = Annotated[
    float | None,
    typer.Option(
        "--fault-share",
        metavar="SHARE",
        help="The share of faulty responses you expect (0.1: one in ten). Confidences are then "
        "probabilities in traffic like yours; verdicts do not change. Default: the calibration's own "
        "share (the shipped one's corpus is 45% faults, where a confidence of 0.6 is about 0.17 at "
        "one fault in ten).",
        show_default=False,
    ),
]
MinConfidence = Annotated[
    float | None,
    typer.Option(
        "--min-confidence",
        help="--max-rate counts only faults whose confidence (calibrated probability that the "
        "audio diverges) is at least this. Default 0: every fault counts. At 0.9, 5 of 358 faithful "
        "held-out clips reach it (bench/heldout.py) and 62% of the faults count, every missing audio "
        "among them. A fault under the floor stays in the results and the report.",
        show_default=False,
    ),
]
Workers = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Groups of 32 responses verified side by side, the cores split between them (default 1). "
        "Verdicts do not change; on two cores, 2 verify about a quarter more audio a second (bench/nightly.py).",
        show_default=False,
    ),
]
DeprecatedModel = Annotated[
    str | None, typer.Option("--model", hidden=True, help="Deprecated: use --asr-model.", show_default=False)
]


@dataclass(frozen=True)
class VerifySettings:
    """What the options asked for; None: not given on the command line."""

    model: str | None = None
    decode: str | None = None
    thresholds: dict[str, float] | None = None  # only the thresholds changed from their defaults
    device: str | None = None
    calibration: str | None = None  # a calibration file; None: the package's default
    fault_share: float | None = None  # confidences restated at this share of faults; None: the calibration's
    workers: int | None = None  # groups verified side by side; None: one at a time

    def run_config_fields(self) -> dict[str, Any]:
        """The given settings as RunConfig fields, for a run, a resumed run or every matrix configuration."""
        named = {
            "verifier_model": self.model,
            "decode": self.decode,
            "thresholds": self.thresholds,
            "device": self.device,
            "calibration": self.calibration,
            "fault_share": self.fault_share,
        }
        return {k: v for k, v in named.items() if v is not None}

    def verifier_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for core.verify.Verifier, defaults filled in."""
        from verifier.core.decision import Thresholds

        return {
            "model": self.model or DEFAULT_ASR_MODEL,
            "decode": self.decode or DEFAULT_DECODE,
            "thresholds": Thresholds().replace(**(self.thresholds or {})),
            "device": self.device or DEFAULT_DEVICE,
            "calibration": None if self.calibration == "none" else (self.calibration or "default"),
            "fault_share": self.fault_share,
            "workers": self.workers or 1,
        }


def verify_settings(
    asr_model: str | None = None,
    decode: str | None = None,
    threshold: list[str] | None = None,
    device: str | None = None,
    *,
    deprecated_model: str | None = None,
    calibration: str | None = None,
    fault_share: float | None = None,
    workers: int | None = None,
) -> VerifySettings:
    """Check the shared options; a bad one ends the command with exit 2 and one line naming the option."""
    from verifier.core.decision import Thresholds
    from verifier.core.verify import DECODE_MODES

    if deprecated_model is not None:
        typer.echo("note: --model is deprecated here, use --asr-model (--model will go in a later release)", err=True)
        if asr_model is not None and asr_model != deprecated_model:
            raise fail(f"--model {deprecated_model!r} and --asr-model {asr_model!r} disagree; pass only --asr-model")
        asr_model = asr_model or deprecated_model
    if asr_model is not None and not asr_model.strip():
        raise fail("--asr-model: empty model name")
    if decode is not None and decode not in DECODE_MODES:
        raise fail(f"--decode must be one of {', '.join(DECODE_MODES)}, not {decode!r}")
    if device is not None and device not in DEVICES:
        raise fail(f"--device must be one of {', '.join(DEVICES)}, not {device!r}")
    thresholds: dict[str, float] | None = None
    if threshold:
        try:
            parsed = Thresholds.parse(threshold)
        except ValueError as e:
            raise fail(f"--threshold: {e}") from None
        default = dataclasses.asdict(Thresholds())
        thresholds = {k: v for k, v in dataclasses.asdict(parsed).items() if v != default[k]}
    from verifier.core.calibration import CalibrationError, load
    from verifier.core.calibration import default as shipped

    cal = None
    if calibration is not None and calibration != "none":
        try:
            cal = load(calibration)  # a bad file is an error now, not after the model has loaded
        except CalibrationError as e:
            raise fail(f"--calibration: {e}") from None
    if fault_share is not None:
        if calibration == "none":
            raise fail("--fault-share restates a calibration's confidences; --calibration none has none")
        if not 0.0 < fault_share < 1.0:
            raise fail(f"--fault-share must lie strictly between 0 and 1, not {fault_share}")
        try:
            cal = cal or shipped(asr_model or DEFAULT_ASR_MODEL)
            if cal is not None:
                cal.at_fault_share(fault_share)
        except CalibrationError as e:
            raise fail(f"--fault-share: {calibration or 'the shipped calibration'}: {e}") from None
    return VerifySettings(
        model=asr_model,
        decode=decode,
        thresholds=thresholds,
        device=device,
        calibration=calibration,
        fault_share=fault_share,
        workers=workers,
    )


def output_file(path: Path, option: str) -> Path:
    """A file the command will write, checked before any work: minutes of scoring must not end in a
    traceback because `--out` names a folder (exit 2, one line naming the option)."""
    if path.is_dir():
        raise fail(f"{option} {path}: is a folder; name the file to write")
    parent = path.parent if str(path.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise fail(f"{option} {path}: {parent} is a file, not a folder")
    return path


def output_dir(path: Path, option: str) -> Path:
    """A folder the command will write into, checked before any work."""
    if path.exists() and not path.is_dir():
        raise fail(f"{option} {path}: is a file; name a folder to write into")
    for above in path.parents:
        if above.exists():
            if not above.is_dir():
                raise fail(f"{option} {path}: {above} is a file, not a folder")
            break
    return path


def min_confidence(value: float | None) -> float:
    """`--min-confidence`, checked; the documented default when not given."""
    from verifier.report.gate import DEFAULT_MIN_CONFIDENCE

    if value is None:
        return DEFAULT_MIN_CONFIDENCE
    if not 0.0 <= value <= 1.0:
        raise fail(f"--min-confidence must be between 0 and 1, not {value}")
    return value


def gate_limits(max_rate: list[str] | None) -> dict[str, float]:
    """`--max-rate` as {class: rate}; a bad spec ends the command with exit 2."""
    from verifier.report.gate import GateSpecError, parse_max_rates

    try:
        return parse_max_rates(max_rate)
    except GateSpecError as e:
        raise fail(str(e)) from None

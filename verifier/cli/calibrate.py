"""`verifier calibrate MANIFEST --out calib.json`: fit the decision on your own voice and ASR model."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from verifier.cli import options as opt
from verifier.cli.exits import EXIT_INPUT, fail

if TYPE_CHECKING:
    from verifier.core.calibration import Calibration
    from verifier.harness.calibrate import Source


def _sources(manifest: Path, allow_outside: bool) -> list[Source]:
    from verifier.harness.calibrate import Source
    from verifier.harness.manifest import ManifestEntryError, read_manifest
    from verifier.schema import audio as audio_mod

    entries, errors = read_manifest(manifest, allow_outside=allow_outside)
    for err in errors:
        typer.echo(f"error: {err}", err=True)
    out = []
    for entry in entries:
        try:
            item = entry.load()
        except ManifestEntryError as exc:
            typer.echo(f"error: {exc.error}", err=True)
            continue
        if not item.audio or not item.transcript.strip():
            typer.echo(
                f"note: {manifest}:{entry.line}: no audio or no transcript: not a faithful response, left out", err=True
            )
            continue
        out.append(Source(item.id, audio_mod.for_asr(item.audio, item.audio_format), item.transcript, item.language))
    return out


def _prior(name: str, model: str) -> Calibration | None:
    """--prior: the calibration a fit is held to, checked before minutes of ASR are spent."""
    from verifier.core.calibration import CalibrationError, default, load
    from verifier.core.calibration.statistics import DECISION_FEATURES

    if name == "none":
        return None
    if name == "shipped":
        shipped = default(model)
        if shipped is None:
            typer.echo(
                f"note: no shipped calibration for Whisper {model}: fitted on your replies alone (--prior none)",
                err=True,
            )
        return shipped
    try:
        cal = load(name)
    except CalibrationError as exc:
        raise fail(f"--prior {exc}", EXIT_INPUT) from None
    fitted_for = (cal.fitted_on or {}).get("model")
    if fitted_for != model:
        raise fail(f"--prior {name}: fitted for Whisper {fitted_for or 'an unknown model'}, not {model}", EXIT_INPUT)
    if tuple(cal.features) != tuple(DECISION_FEATURES):
        raise fail(f"--prior {name}: weighs other statistics than this version fits", EXIT_INPUT)
    return cal


def _tick(bar: object, n: int) -> None:
    bar.update(n)  # type: ignore[attr-defined]


def calibrate_command(
    manifest: Annotated[
        Path,
        typer.Argument(
            help="JSON Lines manifest (as `verifier score` reads) of responses "
            "you know are faithful: their audio says their transcript.",
            exists=True,
            dir_okay=False,
            readable=True,
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the calibration (JSON).")],
    foreign: Annotated[
        Path | None,
        typer.Option(
            "--foreign",
            help="A manifest of responses in other languages than MANIFEST's, for code-switch faults "
            "(default: MANIFEST's own responses in another language, if any).",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    asr_model: opt.AsrModel = None,
    decode: opt.Decode = None,
    device: opt.Device = None,
    seed: Annotated[int, typer.Option(help="Seed for the faults made from the responses.")] = 9,
    decide: Annotated[
        bool,
        typer.Option(
            "--decide/--no-decide",
            help="Let the fitted model make the match / fault call, as the shipped default does "
            "(--no-decide: it only sets confidence and the word-by-word rules decide).",
        ),
    ] = True,
    allow_outside: Annotated[
        bool,
        typer.Option("--allow-outside", help="Read audio paths outside the manifest's folder (absolute or with ..)."),
    ] = False,
    fault_share: opt.FaultShare = None,
    second_reader: Annotated[
        str | None,
        typer.Option(
            "--second-reader",
            help="A second Whisper model that scores the transcript's words where the first leaves doubt "
            "(default: tiny.en, shipped with the package; 'none' for none). The calibration records it, "
            "and score, run and replay load it with the calibration.",
        ),
    ] = None,
    prior: Annotated[
        str,
        typer.Option(
            "--prior",
            help="What the fit is held to: 'shipped' (the package's calibration for --asr-model, where it has "
            "one), a calibration file fitted for the same model, or 'none' (your replies alone). Held to the "
            "shipped one, fifty replies flagged fewer faithful replies of their own voice than alone "
            "(README, 'Calibrating on your own voice').",
        ),
    ] = "shipped",
) -> None:
    """Make faults from faithful responses, fit the statistics on them, print held-out figures, write OUT.

    Use the file with `--calibration OUT` on score, run and replay.
    """
    from tqdm import tqdm

    from verifier.core.calibration import default as default_calibration
    from verifier.core.calibration.provenance import asr_stack, machine
    from verifier.core.verify import Verifier, default_second_reader
    from verifier.core.weights import ModelError
    from verifier.harness.calibrate import build, evaluate
    from verifier.schema.reading import note

    opt.output_file(out, "--out")
    settings = opt.verify_settings(asr_model, decode, None, device)
    kwargs = settings.verifier_kwargs()
    held_to = _prior(prior, kwargs["model"])
    if fault_share is not None and not 0.0 < fault_share < 1.0:
        raise fail(f"--fault-share must lie strictly between 0 and 1, not {fault_share}")
    sources = _sources(manifest, allow_outside)
    if len(sources) < 10:
        raise fail(
            f"{manifest}: {len(sources)} usable faithful responses; calibration needs at least 10 "
            "(50 or more for figures worth reading)",
            EXIT_INPUT,
        )
    other = _sources(foreign, allow_outside) if foreign is not None else []
    langs = {s.language for s in sources}
    if foreign is None:
        main = max(langs, key=lambda lang: sum(1 for s in sources if s.language == lang))
        other = [s for s in sources if s.language != main]
        sources = [s for s in sources if s.language == main] or sources
        if other:
            typer.echo(
                f"note: {len(other)} of {manifest}'s responses are not in {main!r}, as most are: they are "
                "material for code-switch faults, not faithful responses to fit on (calibrate each "
                "language from its own manifest)",
                err=True,
            )
    if len(sources) < 50:
        typer.echo(
            f"note: {len(sources)} faithful responses: the held-out figures printed below are rough "
            "(50 or more make figures worth reading)",
            err=True,
        )
    if not other:
        typer.echo(
            "note: no other-language material (--foreign): no code-switch faults are made, so the "
            "language statistics keep the shipped defaults' blind spot",
            err=True,
        )
    kwargs["calibration"] = None  # the rules alone gather the evidence that is fitted
    kwargs["word_languages"] = "always"  # and the class model is fitted on every fault's words
    kwargs["second_reader"] = default_second_reader(kwargs["model"]) if second_reader is None else second_reader
    verifier = Verifier(**kwargs)
    try:
        with tqdm(total=len(sources) * 8, unit="clip", desc="verifying", file=sys.stderr, disable=None) as bar:
            data = build(verifier, sources, other, seed, progress=lambda n: _tick(bar, n))
    except ModelError as exc:
        raise fail(str(exc)) from None
    cal, lines = evaluate(
        data,
        {
            "manifest": str(manifest),
            "responses": len(sources),
            "model": kwargs["model"],
            "second_reader": verifier.second_reader,
            "decode": kwargs["decode"],
            "foreign": str(foreign) if foreign else None,
            "command": "verifier calibrate",
            "asr_stack": asr_stack(),
            "machine": machine(),
        },
        prior=held_to,
    )
    if held_to is not None:
        on = held_to.fitted_on or {}
        typer.echo(
            f"held to {'the shipped calibration' if prior == 'shipped' else prior} (fitted on {on.get('clips')} "
            f"clips, {on.get('date')}): its weights where your replies do not move them, its class model; "
            "--prior none fits on your replies alone"
        )
    for line in lines:
        typer.echo(line)
    # whether this model hears the voice well enough to be worth calibrating on: the shipped
    # calibration's bands (a fit on one voice cannot measure them)
    shipped = default_calibration(kwargs["model"])
    said = note(
        (v.reading for ex, v in data if ex.kind == "none"),
        shipped.reading_bands if shipped is not None else (),
        kwargs["model"],
        whose="your voice",
    )
    if said:
        typer.echo(said)
    cal.decides = decide
    if fault_share is not None:
        cal = cal.at_fault_share(fault_share)
    cal.save(out)
    typer.echo(
        f"calibration ({len(data)} clips, cut-off {cal.cutoff:.2f}) written to {out}; use it with --calibration {out}"
    )
    if fault_share is None:
        typer.echo(
            "its confidences are probabilities where as many responses are faulty as faithful; "
            "--fault-share (here, or on score, run and replay) states them for your traffic"
        )


def register(app: typer.Typer) -> None:
    app.command("calibrate")(calibrate_command)

"""`verifier score MANIFEST.jsonl`: verdicts for a manifest of (audio, transcript) pairs."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from verifier.cli import options as opt
from verifier.cli.exits import EXIT_GATE, EXIT_INPUT, fail


def _tick(bar: Any, n: int) -> None:
    bar.update(n)


def listed(verdicts: list[Any]) -> list[str]:
    """The lines printed under the counts: every fault, and every match the evidence did not settle
    (its explanation begins "Borderline, listen to it"), which is where a person should listen first;
    each cut at 300 characters (the whole text is in the results)."""
    from verifier.core.calibration.model import BORDERLINE_NOTE
    from verifier.schema.results import VerdictClass

    lines = []
    for v in verdicts:
        if v.verdict == VerdictClass.MATCH and (v.confidence is None or v.confidence < BORDERLINE_NOTE):
            continue
        shown = f"  {v.id}: {v.verdict}: {v.explanation}"
        lines.append(shown if len(shown) <= 300 else shown[:299] + "…")
    return lines


def score_command(
    manifest: Annotated[
        Path,
        typer.Argument(
            help="JSON Lines manifest: id, audio, audio_format, transcript, language, voice.",
            exists=True,
            dir_okay=False,
            readable=True,
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for results.jsonl and results.csv.")] = Path(
        "reports/score"
    ),
    asr_model: opt.AsrModel = None,
    decode: opt.Decode = None,
    threshold: opt.Threshold = None,
    device: opt.Device = None,
    max_rate: opt.MaxRate = None,
    calibration: opt.CalibrationFile = None,
    fault_share: opt.FaultShare = None,
    min_confidence: opt.MinConfidence = None,
    workers: opt.Workers = None,
    model: opt.DeprecatedModel = None,
    allow_outside: Annotated[
        bool,
        typer.Option("--allow-outside", help="Read audio paths outside the manifest's folder (absolute or with ..)."),
    ] = False,
) -> None:
    """Score every manifest entry; write DIR/results.jsonl, DIR/results.csv and the reports (report.html, ...)."""
    from tqdm import tqdm

    from verifier.cli.run import write_reports
    from verifier.core.verify import BATCH_ITEMS, Verifier, VerifyItem
    from verifier.core.weights import ModelError
    from verifier.harness.manifest import ManifestEntryError, ManifestError, read_manifest
    from verifier.report.gate import evaluate
    from verifier.schema.reading import notes
    from verifier.schema.results import ResultMeta, Verdict, error_result
    from verifier.schema.rundir import write_results

    settings = opt.verify_settings(
        asr_model,
        decode,
        threshold,
        device,
        deprecated_model=model,
        calibration=calibration,
        fault_share=fault_share,
        workers=workers,
    )
    limits = opt.gate_limits(max_rate)
    floor = opt.min_confidence(min_confidence)
    opt.output_dir(out, "--out")

    entries, errors = read_manifest(manifest, allow_outside=allow_outside)
    verifier = Verifier(**settings.verifier_kwargs())
    results: dict[int, Verdict] = {}  # keyed by manifest line, so output keeps the manifest's order

    def error_verdict(err: ManifestError, transcript: str = "") -> Verdict:
        return error_result(
            err.id or f"line-{err.line}",
            str(err),
            explanation=f"Bad manifest entry: {err}",
            transcript=transcript,
            meta=ResultMeta(manifest_line=err.line, field=err.field),
        )

    for err in errors:
        results[err.line] = error_verdict(err)
    # The manifest is one run: where the calibration weighs the run's voice, every reply is read first
    # and judged once all are read, beside the replies of its voice (a group's median is not the
    # voice's). Otherwise each group is judged as it is read, and its evidence let go.
    whole_run = verifier.weighs_voice
    read: dict[int, Verdict] = {}
    out.mkdir(parents=True, exist_ok=True)
    with tqdm(total=len(entries), unit="clip", desc="scoring", file=sys.stderr, disable=None) as bar:
        # groups, so free decoding is batched across clips without holding every clip's audio at once;
        # a group per worker at a time
        step = BATCH_ITEMS * verifier.workers
        for start in range(0, len(entries), step):
            good: list[tuple[int, VerifyItem]] = []
            for entry in entries[start : start + step]:
                try:
                    good.append((entry.line, entry.load()))
                except ManifestEntryError as exc:
                    errors.append(exc.error)
                    results[entry.line] = error_verdict(exc.error, entry.transcript)
                    bar.update(1)
            try:
                rules = verifier.read_many([item for _, item in good], progress=lambda n: _tick(bar, n))
            except ModelError as exc:
                raise fail(str(exc)) from None
            lines = [line for line, _ in good]
            if whole_run:
                read.update(zip(lines, rules))
            else:
                results.update(zip(lines, verifier.judge_run(rules)))
    if read:
        results.update(zip(read, verifier.judge_run(list(read.values()))))

    verdicts = [results[k] for k in sorted(results)]
    write_results(out, verdicts)

    counts = Counter(v.verdict for v in verdicts)
    audio_s = sum(v.audio_seconds for v in verdicts)
    typer.echo(
        f"{len(verdicts)} responses, {audio_s:.1f} s of audio: "
        + ", ".join(f"{k} {n}" for k, n in counts.most_common())
    )
    for line in listed(verdicts):
        typer.echo(line)
    cal = verifier.calibration
    named = settings.calibration or "the shipped calibration"
    typer.echo(f"calibration: {named}: {cal.describe()}" if cal is not None else "calibration: none, the rules decide")
    bands = cal.reading_bands if cal is not None else ()
    for said in notes(((v.meta.voice, v.reading) for v in verdicts), bands, verifier.model):
        typer.echo(said)
    typer.echo(f"results: {out / 'results.jsonl'}, {out / 'results.csv'}")
    write_reports(out, limits)
    for err in sorted(errors, key=lambda e: e.line):
        typer.echo(f"error: {err}", err=True)

    if limits:
        gate = evaluate([v for v in verdicts], limits, floor)
        typer.echo(gate.reason)
        if not gate.ok:
            raise typer.Exit(EXIT_GATE)
    if errors:
        raise fail(f"{len(errors)} manifest line(s) could not be scored (see errors above)", EXIT_INPUT)


def register(app: typer.Typer) -> None:
    app.command("score")(score_command)

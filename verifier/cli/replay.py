"""`verifier replay EVENTS.jsonl`: verify responses from an event log already recorded.

The log may come from the harness (`events.jsonl` of a run) or from the
user's own application: one server event per line, as received. This is how
production traffic that is already logged gets checked without replaying it
against the service.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer

from verifier.cli import options as opt
from verifier.cli.exits import EXIT_GATE, EXIT_INPUT, fail
from verifier.cli.run import print_counts, print_reading, write_reports
from verifier.harness.runner import new_run_id
from verifier.harness.scorer import Scorer, make_verifier
from verifier.realtime.replay import replay_file
from verifier.schema.audio import AudioError, normalize_format
from verifier.schema.results import Verdict
from verifier.schema.rundir import RESULTS, RunDir, RunDirError, read_jsonl


def register(app: typer.Typer) -> None:
    @app.command("replay")
    def replay_cmd(
        events: Path = typer.Argument(
            ..., help="Event log: one server event per line (raw or as the harness wraps it)."
        ),
        out: Path | None = typer.Option(None, help="Output directory (default: EVENTS-replay next to the log)."),
        audio_format: str = typer.Option(
            "pcm16",
            help="Audio format when the log has no session events announcing it (pcm16 | g711_ulaw | g711_alaw).",
        ),
        asr_model: opt.AsrModel = None,
        decode: opt.Decode = None,
        threshold: opt.Threshold = None,
        device: opt.Device = None,
        max_rate: opt.MaxRate = None,
        calibration: opt.CalibrationFile = None,
        fault_share: opt.FaultShare = None,
        min_confidence: opt.MinConfidence = None,
        progress: bool = typer.Option(True, "--progress/--no-progress"),
    ) -> None:
        """Rebuild every response in EVENTS through the collector and verify it."""
        from verifier.core.calibration.model import reading_info
        from verifier.report.gate import evaluate

        verify = opt.verify_settings(
            asr_model, decode, threshold, device, calibration=calibration, fault_share=fault_share
        )
        limits = opt.gate_limits(max_rate)
        floor = opt.min_confidence(min_confidence)
        vk = verify.verifier_kwargs()
        if not events.is_file():
            raise fail(f"{events}: event log not found")
        out_dir = opt.output_dir(out or events.with_name(events.stem + "-replay"), "--out")
        try:
            fmt = normalize_format(audio_format)
        except AudioError as e:
            raise fail(f"--audio-format: {e}") from None
        res = replay_file(events, default_format=fmt)
        said = res.problems + res.notes
        for p in said[:20]:
            typer.echo(f"note: {p}", err=True)
        if len(said) > 20:
            typer.echo(f"note: ... and {len(said) - 20} more notes (see run.json)", err=True)
        if not res.captures:
            raise fail(f"{events}: no responses found in {res.lines} lines ({res.server_events} server events)")
        info = {
            "run_id": new_run_id(),
            "kind": "replay",
            "events_source": str(events),
            "log_forms": sorted(res.forms),
            "lines": res.lines,
            "server_events": res.server_events,
            "client_events": res.client_events,
            "input_transcripts": res.input_transcripts,
            "replay_problems": res.problems[:1000],
            "replay_notes": res.notes[:1000],
            "verifier_model": vk["model"],
            "decode": vk["decode"],
            "thresholds": verify.thresholds,
            "device": vk["device"],
            "calibration": verify.calibration,
            "fault_share": verify.fault_share,
            "reading": reading_info(vk["model"], verify.calibration),
            "target": {"kind": "replay"},
        }
        try:
            rd = RunDir.create(out_dir, info)
        except RunDirError as e:
            raise fail(str(e)) from None
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(res.captures), unit="resp", desc="verifying", dynamic_ncols=True)

        def on_result(v: Verdict) -> None:
            if bar is not None:
                bar.update(1)

        scorer = Scorer(
            rd,
            lambda: make_verifier(
                vk["model"], vk["decode"], verify.thresholds, vk["device"], verify.calibration, verify.fault_share
            ),
            on_result,
        )
        for cap in res.captures:
            cap.meta.setdefault("source_log", events.name)
            rd.write_capture(cap)
            scorer.submit(cap)
        scorer.close()
        if bar is not None:
            bar.close()
        rd.finish(**scorer.finish_fields())
        rd.close()
        # the final pass may have judged some again with the whole run's voice: the file has the last word
        verdicts = [Verdict.from_dict(row) for row in read_jsonl(rd.path / RESULTS)]
        counts = Counter(v.verdict.value for v in verdicts)
        typer.echo(f"replayed {len(res.captures)} responses from {res.server_events} server events into {out_dir}")
        print_counts(counts)
        print_reading(verdicts, rd.info.get("reading"))
        write_reports(out_dir, limits)
        if scorer.error:
            raise fail(scorer.error)
        if limits:
            gate = evaluate(verdicts, limits, floor)
            typer.echo(gate.reason)
            if not gate.ok:
                raise typer.Exit(EXIT_GATE)
        if res.unreadable:  # every readable response is verified and written; the log still had bad lines
            lines = ", ".join(str(n) for n in res.unreadable[:10]) + (" ..." if len(res.unreadable) > 10 else "")
            raise fail(f"{events}: {len(res.unreadable)} line(s) could not be read (line {lines})", EXIT_INPUT)

"""`verifier demo`: the whole job against the built-in simulator, no credentials needed.

It plays the shipped demo corpus (support-desk sentences plus the user
reports' translation prompts) against the in-process simulator with the
reported faults switched on, verifies every response with the local ASR and
leaves the HTML report. Faults are injected on purpose, so the demo exits 0
whatever it finds unless `--max-rate` is given; `verifier run --max-rate` is the CI gate.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import typer

from verifier.cli import options as opt
from verifier.cli.exits import EXIT_GATE, fail
from verifier.cli.run import history_url, print_summary, write_reports
from verifier.harness.config import HarnessError, RunConfig
from verifier.harness.corpus import CorpusError
from verifier.harness.runner import run

# Next to the package in a source checkout (make demo); override with --corpus.
DEMO_CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "demo.jsonl"
# Rates high enough that a 12-prompt, 2-repeat demo shows every fault class.
DEMO_FAULTS = "text_only=0.15,truncate=0.15,language_drift=0.15"


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        out: Path = typer.Option(Path("reports/demo"), help="Run directory (replaced if it exists)."),
        corpus: Path = typer.Option(DEMO_CORPUS, help="Corpus to play."),
        faults: str = typer.Option(DEMO_FAULTS, help="Simulator fault rates."),
        seed: int = typer.Option(7, help="Simulator seed: the same seed gives the same faults."),
        repeat: int = typer.Option(2, min=1, help="Times each prompt is played."),
        concurrency: int = typer.Option(4, min=1, help="Concurrent realtime sessions."),
        output_audio_format: str = typer.Option("g711_ulaw", help="pcm16 | g711_ulaw | g711_alaw."),
        asr_model: opt.AsrModel = None,
        decode: opt.Decode = None,
        threshold: opt.Threshold = None,
        device: opt.Device = None,
        max_rate: opt.MaxRate = None,
    ) -> None:
        """Run the simulator, the harness, the verifier and the reports end to end."""
        from verifier.report.gate import evaluate

        verify = opt.verify_settings(asr_model, decode, threshold, device)
        limits = opt.gate_limits(max_rate)
        if not corpus.is_file():
            raise fail(f"{corpus}: demo corpus not found (pass --corpus)")
        if out.exists():
            shutil.rmtree(out)
        typer.echo(f"simulator: in-process, faults {faults}, seed {seed}")
        config = RunConfig(
            target="simulator",
            faults=faults,
            seed=seed,
            repeat=repeat,
            concurrency=concurrency,
            out_dir=str(out),
            output_audio_format=output_audio_format,
            config_name="demo",
            **verify.run_config_fields(),
        )
        try:
            summary = run(str(corpus), config)
        except (HarnessError, CorpusError) as e:
            raise fail(str(e)) from None
        print_summary(summary)
        write_reports(summary.run_dir, limits, history=history_url(None))
        typer.echo(f"support bundle: verifier bundle {summary.run_dir}")
        if summary.scoring_error:
            raise fail(summary.scoring_error)
        if limits:
            gate = evaluate(summary.verdicts, limits)
            typer.echo(gate.reason)
            if not gate.ok:
                raise typer.Exit(EXIT_GATE)

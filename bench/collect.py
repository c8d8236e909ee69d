"""Harness throughput against the built-in simulator, and whether scoring keeps up.

    .venv/bin/python bench/collect.py [--repeat 4] [--levels 1,4,16] [--pace 0] [--asr-model base]

1. Collection only (no scoring) at each concurrency level: responses per minute.
2. Collection with scoring overlapped (the harness's default) at the middle
   level: how long scoring runs on after the last response is collected, and
   the verifier's busy time against the collection time. Scoring keeps up
   when the tail is short (about one batch), i.e. busy time <= collection time.
3. For comparison, collect-then-score: collection time + scoring time.

`--pace 1` streams audio in real time, roughly as the services do, so
per-session throughput is bounded by the audio length; `--pace 0` (default)
streams as fast as the simulator renders, which measures the harness itself
(the simulator caches repeated sentences, so this is mostly protocol work).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from verifier.harness.config import RunConfig
from verifier.harness.corpus import load_corpus
from verifier.harness.runner import RunSummary, run_corpus
from verifier.simulator import Simulator

ROOT = Path(__file__).resolve().parents[1]


def collect(
    corpus_path: Path,
    sim: Simulator,
    level: int,
    repeat: int,
    out: Path,
    *,
    score: bool,
    asr_model: str,
    verifier: object = None,
) -> tuple[RunSummary, float]:
    corpus = load_corpus(corpus_path)
    cfg = RunConfig(
        target="simulator",
        out_dir=str(out),
        repeat=repeat,
        concurrency=level,
        score=score,
        verifier_model=asr_model,
        timeout_s=60,
    )
    t0 = time.perf_counter()
    summary = asyncio.run(run_corpus(corpus, cfg, progress=False, sim_base=sim.url("azure"), verifier=verifier))  # type: ignore[arg-type]
    return summary, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "user-reports.jsonl")
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--levels", default="1,4,16")
    ap.add_argument("--pace", type=float, default=0.0)
    ap.add_argument("--asr-model", default="base")
    args = ap.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    prompts = len(load_corpus(args.corpus).prompts)
    n = prompts * args.repeat

    sim = Simulator(host="127.0.0.1", port=0, pace=args.pace).start_in_thread()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            # Warm the simulator's TTS voice so the first level is not charged for loading it.
            collect(args.corpus, sim, 1, 1, Path(tmp) / "warm", score=False, asr_model=args.asr_model)
            print(f"corpus {args.corpus.name}: at least {n} responses per level, simulator pace {args.pace:g}")
            print(
                f"{'concurrency':>11}  {'responses':>9}  {'seconds':>8}  {'per minute':>10}  {'audio s/response':>16}"
            )
            for level in levels:
                # At least four responses per session, so a level is not measured on one partial wave.
                repeat = max(args.repeat, -(-4 * level // prompts))
                s, _ = collect(
                    args.corpus, sim, level, repeat, Path(tmp) / f"c{level}", score=False, asr_model=args.asr_model
                )
                print(
                    f"{level:>11}  {s.collected:>9}  {s.collect_s:>8.1f}  {s.responses_per_minute:>10.1f}  "
                    f"{_audio_seconds(s.run_dir) / max(1, s.collected):>16.2f}"
                )

            from verifier.core.verify import Verifier

            verifier = Verifier(model=args.asr_model)
            mid = levels[len(levels) // 2]
            s, total = collect(
                args.corpus,
                sim,
                mid,
                args.repeat,
                Path(tmp) / "overlap",
                score=True,
                asr_model=args.asr_model,
                verifier=verifier,
            )
            tail = total - s.collect_s
            print(
                f"\nscoring overlapped at concurrency {mid} ({args.asr_model}): collected {s.collected} in "
                f"{s.collect_s:.1f}s, all scored {tail:.1f}s later (total {total:.1f}s); verifier busy "
                f"{s.scoring_busy_s:.1f}s = {s.scoring_busy_s / max(s.collect_s, 1e-9):.0%} of collection time "
                f"-> {'keeps up' if s.scoring_busy_s <= s.collect_s * 1.05 else 'falls behind'}"
            )
            s2, collect_only = collect(
                args.corpus, sim, mid, args.repeat, Path(tmp) / "after", score=False, asr_model=args.asr_model
            )
            from verifier.harness.scorer import Scorer
            from verifier.schema.rundir import RunDir

            rd = RunDir.open_existing(s2.run_dir)
            t0 = time.perf_counter()
            scorer = Scorer(rd, lambda: verifier)
            for cap in rd.unscored():
                scorer.submit(cap)
            scorer.close()
            after = time.perf_counter() - t0
            rd.close()
            print(
                f"collect then score: {collect_only:.1f}s + {after:.1f}s = {collect_only + after:.1f}s "
                f"(overlapped: {total:.1f}s)"
            )
    finally:
        sim.stop_thread()


def _audio_seconds(run_dir: Path) -> float:
    from verifier.schema.audio import duration
    from verifier.schema.rundir import read_jsonl

    total = 0.0
    for row in read_jsonl(run_dir / "captures.jsonl"):
        if row.get("audio_file"):
            total += duration((run_dir / row["audio_file"]).read_bytes(), row["audio_format"])
    return total


if __name__ == "__main__":
    main()

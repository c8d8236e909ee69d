"""Throughput on a nightly mix, verifier against the naive approach, in one run on the same clips.

    nice -n 10 .venv/bin/python bench/nightly.py [--clips 60] [--seed 9] [--model base] [--decode auto]
        [--table dev] [--workers 1] [--calibration PATH] [--repeat 1]

A seeded draw from the held-out corpus (corpora/heldout/build, `make heldout-corpus`): nine faithful
clips to one faulty, every engine, from texts.py's clips (`--table dev`, so that the same 60 clips are
drawn as before the one-word switch table joined the corpus; `--table all` draws from every clip).
Both approaches load their model first (not timed), then:

* verifier: `Verifier.verify_many` over all the clips, as `verifier score` runs them (batched);
* naive: faster-whisper's defaults (beam 5, language detection) on each clip, one at a time.

`--workers N` (N > 1) runs the verifier with N workers (`Verifier(workers=N)`, the cores split
between them), and the naive approach twice: as defined, one clip at a time, and with the same N
workers and threads, N clips at a time. Parallel workers are not the verifier's own merit, so the
like-for-like ratio is the second.

`--calibration PATH` runs the verifier with another calibration file than the shipped one (one with a
triage, `bench/heldout.py --triage RATE --write-default PATH`, to time what it saves).

Printed: audio seconds per wall second for each, and their ratio, and how many clips the verifier
decoded freely, how many its calibration's triage passed, and how many of each kind it flagged.
`--repeat N` times both approaches N times, alternating, and ends with the median ratio and its
range: on a shared machine one run's ratio moves by a fifth, more than most changes it measures.
bench/heldout.py's speed lines come from its cached per-clip times, which were taken in different
runs; this one is the figure to quote. Nothing else should run on the machine meanwhile: the two
approaches run one after the other, so load from elsewhere falls on one of them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from heldout import _items, read_rows  # noqa: E402 (after the sys.path lines)


def draw(rows: list[dict], n: int, seed: int) -> list[dict]:
    """n clips, nine faithful to one faulty, spread over the engines (seeded)."""
    rng = random.Random(seed)
    faulty_n = max(1, round(n / 10))
    out: list[dict] = []
    for label_faulty, k in ((False, n - faulty_n), (True, faulty_n)):
        pool = [r for r in rows if (r["label"] != "match") == label_faulty and r.get("audio")]
        rng.shuffle(pool)
        engines = sorted({r["engine"] for r in pool})
        by_engine = {e: [r for r in pool if r["engine"] == e] for e in engines}
        i = 0
        while len([r for r in out if (r["label"] != "match") == label_faulty]) < k and any(by_engine.values()):
            e = engines[i % len(engines)]
            if by_engine[e]:
                out.append(by_engine[e].pop())
            i += 1
    return out


def _naive(model: Any, clips: list[np.ndarray], workers: int) -> float:
    """Seconds to transcribe every clip with faster-whisper's defaults (beam 5, language detection)."""
    list(model.transcribe(clips[0])[0])  # warm

    def one(s: np.ndarray) -> None:
        list(model.transcribe(s)[0])

    t0 = time.perf_counter()
    if workers == 1:
        for s in clips:
            one(s)
    else:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(one, clips))
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--manifest", type=Path, default=ROOT / "corpora" / "heldout" / "build" / "manifest.jsonl")
    ap.add_argument("--clips", type=int, default=60)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--model", default="base")
    ap.add_argument("--decode", default="auto", choices=["auto", "all", "none"])
    ap.add_argument("--table", default="dev", help="draw from this text table's clips ('all': every clip)")
    ap.add_argument("--workers", type=int, default=1, help="the verifier's workers (and the naive approach's, too)")
    ap.add_argument(
        "--calibration", default="default", help="the verifier's calibration file (default: the one it ships with)"
    )
    ap.add_argument("--repeat", type=int, default=1, help="time both approaches this many times, alternating")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error(f"--repeat must be 1 or more, not {args.repeat}")
    if not args.manifest.is_file():
        raise SystemExit(f"{args.manifest} not found: run `make heldout-corpus` first")

    from faster_whisper import WhisperModel

    from verifier import Verifier
    from verifier.core import weights
    from verifier.schema import audio as codec

    rows = [r for r in read_rows(args.manifest) if args.table == "all" or r.get("table", "dev") == args.table]
    if not rows:
        raise SystemExit(f"{args.manifest}: no clip of table {args.table!r}")
    chosen = draw(rows, args.clips, args.seed)
    items = _items(args.manifest, [r["id"] for r in chosen])
    samples = [codec.for_asr(it.audio, it.audio_format) if it.audio else None for it in items]
    audio_s = sum(s.size / 16_000 for s in samples if s is not None)
    faulty = sum(1 for r in chosen if r["label"] != "match")
    faithful_n = len(chosen) - faulty
    print(
        f"{len(items)} clips ({faulty} faulty), {audio_s:.0f} s of audio, engines "
        f"{', '.join(sorted({r['engine'] for r in chosen}))}; seed {args.seed}"
    )

    v = Verifier(args.model, decode=args.decode, workers=args.workers, calibration=args.calibration)
    v.verify_many(items[:1])  # loads the model and warms it
    path = str(weights.resolve_model(args.model))
    clips = [s for s in samples if s is not None and s.size]
    naive_model = WhisperModel(path, device="cpu", compute_type="int8")
    ratios: list[float] = []
    for rep in range(args.repeat):
        if args.repeat > 1:
            print(f"run {rep + 1} of {args.repeat}")
        t0 = time.perf_counter()
        verdicts = v.verify_many(items)
        ours = time.perf_counter() - t0
        decoded = sum(1 for x in verdicts if x.asr_text is not None)
        triaged = sum(1 for x in verdicts if x.evidence is not None and x.evidence.get("triage_p") is not None)
        flagged = Counter(
            ("faulty" if r["label"] != "match" else "faithful", x.verdict != "match") for r, x in zip(chosen, verdicts)
        )
        print(
            f"  verifier  {ours:7.1f} s wall  {audio_s / ours:6.2f} audio s / wall s  "
            f"(free decoding ran on {decoded} of {len(items)} clips, the triage passed {triaged}; "
            f"{args.workers} worker(s)); flagged {flagged['faithful', True]} of {faithful_n} faithful, "
            f"{flagged['faulty', True]} of {faulty} faulty"
        )
        naive = _naive(naive_model, clips, 1)
        print(f"  naive     {naive:7.1f} s wall  {audio_s / naive:6.2f} audio s / wall s  (one clip at a time)")
        print(f"  verifier / naive: {naive / ours:.1f}x")
        ratios.append(naive / ours)
    if args.repeat > 1:
        print(
            f"median of {args.repeat} runs: {statistics.median(ratios):.1f}x the naive approach "
            f"(from {min(ratios):.1f}x to {max(ratios):.1f}x)"
        )
    if args.workers > 1:
        threads = max(1, (os.cpu_count() or 1) // args.workers)
        m = WhisperModel(path, device="cpu", compute_type="int8", cpu_threads=threads, num_workers=args.workers)
        naive_n = _naive(m, clips, args.workers)
        print(
            f"  naive     {naive_n:7.1f} s wall  {audio_s / naive_n:6.2f} audio s / wall s  "
            f"({args.workers} clips at a time, {threads} thread(s) each)"
        )
        print(f"  verifier / naive, both with {args.workers} workers: {naive_n / ours:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

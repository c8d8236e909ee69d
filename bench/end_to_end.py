"""End-to-end detection: simulator faults in, verdicts out, scored against the truth log.

    .venv/bin/python bench/end_to_end.py [--seeds 11,12,13] [--repeat 5] [--asr-model base]

Runs the demo corpus through the real path (simulator over loopback WebSockets,
harness, collector, local ASR) once per seed, then compares every verdict
with what the simulator says it injected. The verifier never reads that log.
Prints per injected fault (and variant) how the responses were classified,
then detection (faults flagged, clean responses flagged) and class accuracy.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from verifier.harness.config import RunConfig
from verifier.harness.runner import run
from verifier.schema.rundir import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
#: The verdict each injected fault should produce; transport faults are retried away.
EXPECTED = {
    None: "match",
    "text_only": "missing_audio",
    "truncate": "truncated",
    "language_drift": "language_drift",
    "stall": "error",
    "disconnect": "match",
    "rate_limit": "match",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "demo.jsonl")
    ap.add_argument("--faults", default="text_only=0.1,truncate=0.2,language_drift=0.25")
    ap.add_argument("--seeds", default="11,12,13")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--asr-model", default="base")
    args = ap.parse_args()

    table: Counter[tuple[str, str, str]] = Counter()
    wrong: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in (int(s) for s in args.seeds.split(",")):
            out = Path(tmp) / f"seed-{seed}"
            run(
                args.corpus,
                RunConfig(
                    target="simulator",
                    faults=args.faults,
                    seed=seed,
                    repeat=args.repeat,
                    concurrency=4,
                    out_dir=str(out),
                    verifier_model=args.asr_model,
                ),
                progress=False,
            )
            truth = {r["response_id"]: r for r in read_jsonl(out / "simulator_truth.jsonl") if r.get("response_id")}
            for row in read_jsonl(out / "results.jsonl"):
                t = truth.get(row["id"], {})
                fault, variant = t.get("fault"), (t.get("details") or {}).get("variant")
                table[(str(fault), str(variant or "-"), row["verdict"])] += 1
                if row["verdict"] != EXPECTED.get(fault):
                    wrong.append(f"seed {seed} {fault}/{variant} -> {row['verdict']}: {row['explanation'][:110]}")

    print(f"{'injected':<16} {'variant':<20} {'verdict':<17} {'n':>4}")
    for (fault, variant, verdict), n in sorted(table.items()):
        print(f"{fault:<16} {variant:<20} {verdict:<17} {n:>4}")
    faults = sum(n for (f, _, _), n in table.items() if EXPECTED.get(None if f == "None" else f) != "match")
    flagged = sum(n for (f, _, v), n in table.items() if f != "None" and v != "match")
    clean = sum(n for (f, _, _), n in table.items() if f == "None")
    false_pos = sum(n for (f, _, v), n in table.items() if f == "None" and v != "match")
    right = sum(n for (f, _, v), n in table.items() if f != "None" and v == EXPECTED.get(f))
    print(
        f"\nfaults flagged {flagged}/{faults}; clean responses flagged {false_pos}/{clean}; "
        f"faults with the right class {right}/{faults}"
    )
    for line in wrong:
        print("  miss:", line)


if __name__ == "__main__":
    main()

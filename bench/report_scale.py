"""How long reports take, and how big report.html gets, as runs grow.

Builds a run directory of N responses by replicating a real simulator run
(faults on, Whisper tiny.en), then times write_reports and make_bundle.

    .venv/bin/python bench/report_scale.py [N ...]
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from verifier.harness.config import RunConfig
from verifier.harness.runner import run
from verifier.report import write_reports
from verifier.report.bundle import make_bundle

PROMPTS = [
    {"id": f"p{i}", "text": t}
    for i, t in enumerate(
        [
            "Your order was shipped yesterday. It should arrive on Friday.",
            "I have reset your password. You will receive an email in a few minutes.",
            "Please restart the router and wait one minute.",
            "A technician will call you back this afternoon.",
        ]
    )
]


def seed_run(root: Path) -> Path:
    corpus = root / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(p) + "\n" for p in PROMPTS))
    out = root / "seed"
    run(
        corpus,
        RunConfig(
            target="simulator",
            out_dir=str(out),
            faults="text_only=0.2,truncate=0.2",
            seed=1,
            repeat=5,
            verifier_model="tiny.en",
        ),
        progress=False,
    )
    return out


def replicate(seed: Path, n: int, dest: Path) -> Path:
    shutil.copytree(seed, dest)
    rows = [json.loads(x) for x in (seed / "results.jsonl").read_text().splitlines()]
    caps = {json.loads(x)["response_id"]: json.loads(x) for x in (seed / "captures.jsonl").read_text().splitlines()}
    res, cap = [], []
    for i in range(n):
        r = json.loads(json.dumps(rows[i % len(rows)]))
        c = json.loads(json.dumps(caps[r["id"]]))
        rid = f"{r['id']}_{i}"
        r["id"] = r["meta"]["response_id"] = c["response_id"] = rid
        res.append(json.dumps(r))
        cap.append(json.dumps(c))
    (dest / "results.jsonl").write_text("\n".join(res) + "\n")
    (dest / "captures.jsonl").write_text("\n".join(cap) + "\n")
    return dest


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seed = seed_run(root)
        print(f"{'responses':>9} {'reports s':>10} {'html MB':>8} {'bundle s':>9} {'zip MB':>7}")
        for n in sizes:
            d = replicate(seed, n, root / f"n{n}")
            t0 = time.perf_counter()
            paths = write_reports(d)
            t1 = time.perf_counter()
            z = make_bundle(d)
            t2 = time.perf_counter()
            print(
                f"{n:>9} {t1 - t0:>10.2f} {paths['report.html'].stat().st_size / 1e6:>8.1f} {t2 - t1:>9.2f} "
                f"{z.stat().st_size / 1e6:>7.1f}"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [20, 200, 1000])

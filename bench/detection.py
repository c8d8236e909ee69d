"""Detection quality and speed on the labelled corpus, against the naive approach, in one run.

    .venv/bin/python bench/detection.py [--manifest corpora/detection/manifest.jsonl] [--model base]

* verifier: `verifier.Verifier(model, decode="auto")` over the manifest;
* naive: faster-whisper with its defaults (beam 5, language auto), one clip
  at a time, WER > 0.15 against the transcript = mismatch (no class).

Each approach runs in its own child process so its peak memory (max RSS) is
its own. Prints, per class: how many entries, how many were flagged at all,
how many got the right verdict, and (faithful entries) how many were wrongly
flagged; then throughput (audio seconds per wall second, model load excluded),
model load time and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAIVE_WER = 0.15


def _items(manifest: Path) -> list[Any]:
    from verifier.harness.manifest import read_manifest

    entries, errors = read_manifest(manifest)
    if errors:
        raise SystemExit("bad manifest: " + "; ".join(map(str, errors)))
    return [e.load() for e in entries]


def run_verifier(manifest: Path, model: str, decode: str) -> dict[str, Any]:
    from verifier import Verifier

    items = _items(manifest)
    t0 = time.perf_counter()
    v = Verifier(model, decode=decode)
    _ = v.engine  # load now, so scoring time is scoring only
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    verdicts = v.verify_many(items)
    wall = time.perf_counter() - t0
    # the common case in production: faithful responses (most take the no-decoding fast path)
    faithful = [it for it in items if it.meta.expected == "match"]
    t0 = time.perf_counter()
    again = v.verify_many(faithful)
    faithful_wall = time.perf_counter() - t0
    return {
        "load_s": load,
        "wall_s": wall,
        "audio_s": sum(x.audio_seconds for x in verdicts),
        "faithful_wall_s": faithful_wall,
        "faithful_audio_s": sum(x.audio_seconds for x in again),
        "results": {x.id: {"verdict": x.verdict, "flags": x.flags} for x in verdicts},
    }


def run_naive(manifest: Path, model: str) -> dict[str, Any]:
    from faster_whisper import WhisperModel

    from verifier.core.normalize import normalize
    from verifier.core.weights import pick_device, resolve_model
    from verifier.core.words import wer
    from verifier.schema import audio

    items = _items(manifest)
    t0 = time.perf_counter()
    device, compute = pick_device("auto")
    m = WhisperModel(resolve_model(model), device=device, compute_type=compute)
    load = time.perf_counter() - t0
    results: dict[str, Any] = {}
    audio_s = faithful_audio = faithful_wall = 0.0
    t0 = time.perf_counter()
    for it in items:
        t_item = time.perf_counter()
        samples = audio.for_asr(it.audio, it.audio_format) if it.audio else None
        if samples is None or samples.size == 0:
            text = ""
        else:
            audio_s += samples.size / audio.ASR_RATE
            segments, _info = m.transcribe(samples)  # faster-whisper defaults: beam 5, language auto
            text = " ".join(s.text for s in segments)
        if it.meta.expected == "match":
            faithful_wall += time.perf_counter() - t_item
            faithful_audio += 0.0 if samples is None else samples.size / audio.ASR_RATE
        lang = it.language or "en"
        err = wer(normalize(it.transcript, lang), normalize(text, lang))
        flagged = err > NAIVE_WER
        results[it.id] = {
            "verdict": "mismatch" if flagged else "match",
            "flags": ["mismatch"] if flagged else [],
            "wer": err,
        }
    wall = time.perf_counter() - t0
    return {
        "load_s": load,
        "wall_s": wall,
        "audio_s": audio_s,
        "results": results,
        "faithful_wall_s": faithful_wall,
        "faithful_audio_s": faithful_audio,
    }


def _child(args: argparse.Namespace) -> None:
    out = (
        run_naive(args.manifest, args.model)
        if args.approach == "naive"
        else run_verifier(args.manifest, args.model, args.decode)
    )
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def _spawn(args: argparse.Namespace, approach: str) -> dict[str, Any]:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        "--approach",
        approach,
        "--manifest",
        str(args.manifest),
        "--model",
        args.model,
        "--decode",
        args.decode,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{approach} run failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def table(manifest: Path, runs: dict[str, dict[str, Any]]) -> str:
    labels = [json.loads(line) for line in manifest.read_text().splitlines() if line.strip()]
    by_class: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in labels:
        by_class[row["expected"]].append(row)
    names = list(runs)
    head = "| class | n | " + " | ".join(f"{n}: flagged | {n}: right class" for n in names) + " |"
    lines = [head, "|" + "---|" * (2 + 2 * len(names))]
    for cls in ["match", "missing_audio", "truncated", "language_drift", "extra_speech", "content_mismatch"]:
        rows = by_class.get(cls, [])
        if not rows:
            continue
        cells = [cls if cls != "match" else "faithful (match)", str(len(rows))]
        for n in names:
            res = runs[n]["results"]
            flagged = sum(1 for r in rows if res[r["id"]]["verdict"] not in ("match",))
            if cls == "match":
                cells += [
                    f"{flagged} false positive(s) ({flagged / len(rows):.0%})",
                    f"{len(rows) - flagged}/{len(rows)}",
                ]
            else:
                right = sum(1 for r in rows if res[r["id"]]["verdict"] == cls)
                cells += [
                    f"{flagged}/{len(rows)} ({flagged / len(rows):.0%})",
                    f"{right}/{len(rows)}" if n != "naive" else "n/a (no classes)",
                ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| | " + " | ".join(names) + " |")
    lines.append("|---|" + "---|" * len(names))
    for label, key, fmt in [
        ("audio seconds", "audio_s", "{:.1f}"),
        ("scoring wall seconds", "wall_s", "{:.1f}"),
        ("model load seconds", "load_s", "{:.1f}"),
        ("peak memory (MB, max RSS)", "peak_rss_mb", "{:.0f}"),
    ]:
        lines.append(f"| {label} | " + " | ".join(fmt.format(runs[n][key]) for n in names) + " |")
    thr = {n: runs[n]["audio_s"] / runs[n]["wall_s"] for n in names}
    fthr = {n: runs[n]["faithful_audio_s"] / max(1e-9, runs[n]["faithful_wall_s"]) for n in names}
    lines.append("| throughput, whole corpus (audio s / wall s) | " + " | ".join(f"{thr[n]:.1f}" for n in names) + " |")
    lines.append("| throughput, faithful entries only | " + " | ".join(f"{fthr[n]:.1f}" for n in names) + " |")
    if "verifier" in thr and "naive" in thr:
        lines.append(
            f"\nverifier vs naive throughput: {thr['verifier'] / thr['naive']:.1f}x on the whole corpus "
            f"(mostly faults, which need free decoding), {fthr['verifier'] / fthr['naive']:.1f}x on "
            f"faithful responses"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description="detection corpus benchmark")
    ap.add_argument("--manifest", type=Path, default=ROOT / "corpora" / "detection" / "manifest.jsonl")
    ap.add_argument("--model", default="base")
    ap.add_argument("--decode", default="auto", choices=["auto", "all", "none"])
    ap.add_argument("--approach", default="both", choices=["both", "verifier", "naive"])
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args)
        return
    approaches = ["verifier", "naive"] if args.approach == "both" else [args.approach]
    runs = {a: _spawn(args, a) for a in approaches}
    print(f"corpus: {args.manifest} ({args.model}, decode={args.decode})\n")
    print(table(args.manifest, runs))
    misses = [
        f"{i}: got {r['verdict']}"
        for i, r in runs.get("verifier", {"results": {}})["results"].items()
        if r["verdict"]
        != next(
            json.loads(line)["expected"]
            for line in args.manifest.read_text().splitlines()
            if line.strip() and json.loads(line)["id"] == i
        )
    ]
    if misses:
        print("\nverifier misclassified: " + "; ".join(misses))


if __name__ == "__main__":
    main()

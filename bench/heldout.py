"""Detection on the held-out corpus (engines, voices and texts the verifier was not tuned on), against the naive approach.

    nice -n 10 .venv/bin/python corpora/heldout/generate.py          # once: builds corpora/heldout/build/
    nice -n 10 .venv/bin/python bench/heldout.py --sample 200        # quick: a stratified sample
    nice -n 10 .venv/bin/python bench/heldout.py --json reports/heldout.json   # everything
    options: --engines piper,kokoro  --limit N  --sample N [--seed S]  --approach verifier|naive|both  --concurrent
             --model base  --decode auto|all|none  --manifest PATH

* verifier: `verifier.Verifier(model, decode=...)` (public API) over the clips;
* naive: faster-whisper with its defaults (beam 5, language auto), one clip
  at a time, WER > 0.15 against the transcript = mismatch (no class).

Both run on the same clips in the same run, each in its own child process
(so peak memory is its own). Printed per engine and overall: the confusion
matrix (label vs verdict), the faithful-flagged rate with its Wilson 95 %
interval, recall per class (flagged at all; right class), the right-class
rate, throughput (audio s / wall s, model load excluded); overall also recall
per kind of fault, the worst conditions and the known failure patterns.

Engine split: figures are computed by `figures(rows, results)`, a pure function
of the rows it is given. Today every selected engine is a test engine (nothing
is fitted here). When the decision statistics are refit, a `--fit-on` engine
list fits on those rows and `--test-on` reports `figures()` on the rest only:
`split()` below already separates the two.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NAIVE_WER = 0.15
LABELS = ("match", "missing_audio", "truncated", "language_drift", "extra_speech", "content_mismatch")
VERDICTS = (*LABELS, "error")
SHORT = {"match": "match", "missing_audio": "missing", "truncated": "trunc", "language_drift": "drift",
         "extra_speech": "extra", "content_mismatch": "content", "error": "error"}
Row = dict[str, Any]


# --- selecting clips ----------------------------------------------------------------------

def read_rows(manifest: Path) -> list[Row]:
    rows = []
    for n, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{manifest}:{n}: not valid JSON: {exc.msg}") from None
        for key in ("id", "transcript", "label", "engine"):
            if key not in row:
                raise SystemExit(f"{manifest}:{n}: field {key!r} missing (is this a held-out manifest?)")
        if row["label"] not in LABELS:
            raise SystemExit(f"{manifest}:{n}: field 'label': unknown class {row['label']!r}")
        rows.append(row)
    return rows


def split(rows: list[Row], fit_on: set[str], test_on: set[str] | None) -> tuple[list[Row], list[Row]]:
    """(fit rows, test rows) by engine; an engine is never in both."""
    fit = [r for r in rows if r["engine"] in fit_on]
    test = [r for r in rows if r["engine"] not in fit_on and (test_on is None or r["engine"] in test_on)]
    return fit, test


def stratified(rows: list[Row], n: int, seed: int) -> list[Row]:
    """About n rows: each (engine, label) stratum in proportion (at least one), its kinds of fault in turn."""
    import random

    if n >= len(rows):
        return rows
    rng = random.Random(seed)
    strata: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        strata[(r["engine"], r["label"])].append(r)
    picked = []
    for key in sorted(strata):
        group = strata[key]
        k = min(len(group), max(1, round(n * len(group) / len(rows))))
        by_kind: dict[str, list[Row]] = defaultdict(list)
        for r in group:
            by_kind[str(r.get("fault_kind", ""))].append(r)
        queues = [rng.sample(v, len(v)) for _, v in sorted(by_kind.items())]
        rng.shuffle(queues)
        while k > 0:
            for q in queues:
                if q and k > 0:
                    picked.append(q.pop())
                    k -= 1
    order = {r["id"]: i for i, r in enumerate(rows)}
    return sorted(picked, key=lambda r: order[r["id"]])


# --- the two approaches (each in a child process) -----------------------------------------

def _items(manifest: Path, ids: list[str]) -> list[Any]:
    from verifier import VerifyItem

    want = set(ids)
    items = []
    for r in read_rows(manifest):
        if r["id"] not in want:
            continue
        data = (manifest.parent / r["audio"]).read_bytes() if r.get("audio") else b""
        items.append(VerifyItem(r["id"], data or None, r.get("audio_format") or "pcm16", r["transcript"],
                                r.get("language"), {"label": r["label"]}))
    return items


def run_verifier(manifest: Path, ids: list[str], model: str, decode: str) -> dict[str, Any]:
    from verifier import Verifier

    items = _items(manifest, ids)
    t0 = time.perf_counter()
    v = Verifier(model, decode=decode)
    v.verify_many(items[:1])  # loads the model, so scoring time is scoring only
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    verdicts = v.verify_many(items)
    wall = time.perf_counter() - t0
    return {"load_s": load, "wall_s": wall, "audio_s": sum(x.audio_seconds for x in verdicts),
            "results": {x.id: {"verdict": x.verdict, "flags": list(x.flags), "asr_text": x.asr_text}
                        for x in verdicts}}


def run_naive(manifest: Path, ids: list[str], model: str) -> dict[str, Any]:
    from faster_whisper import WhisperModel

    from corpora.heldout import compat

    codec = compat.audio()
    items = _items(manifest, ids)
    t0 = time.perf_counter()
    m = WhisperModel(compat.whisper_model_path(model), device="cpu", compute_type="int8")
    load = time.perf_counter() - t0
    results: dict[str, Any] = {}
    audio_s = 0.0
    t0 = time.perf_counter()
    for it in items:
        samples = codec.for_asr(it.audio, it.audio_format) if it.audio else None
        if samples is None or samples.size == 0:
            text = ""
        else:
            audio_s += samples.size / 16_000
            segments, _info = m.transcribe(samples)  # faster-whisper defaults: beam 5, language auto
            text = " ".join(s.text for s in segments)
        err = compat.naive_wer(it.transcript, text, it.language or "en")
        results[it.id] = {"verdict": "mismatch" if err > NAIVE_WER else "match", "wer": round(err, 3),
                          "asr_text": text.strip()}
    return {"load_s": load, "wall_s": time.perf_counter() - t0, "audio_s": audio_s, "results": results}


def _child(args: argparse.Namespace) -> None:
    ids = json.loads(Path(args.ids).read_text())
    out = run_naive(args.manifest, ids, args.model) if args.approach == "naive" else \
        run_verifier(args.manifest, ids, args.model, args.decode)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def _spawn(args: argparse.Namespace, approach: str, ids_file: str) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", "--approach", approach, "--manifest", str(args.manifest),
           "--model", args.model, "--decode", args.decode, "--ids", ids_file]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{approach} run failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


# --- figures ----------------------------------------------------------------------------

def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def _pct(k: int, n: int) -> str:
    return f"{k}/{n} ({k / n:.0%})" if n else "-"


def figures(rows: list[Row], runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Everything printed for one group of clips, as plain data (pure)."""
    out: dict[str, Any] = {"clips": len(rows)}
    faithful = [r for r in rows if r["label"] == "match"]
    faults = [r for r in rows if r["label"] != "match"]
    for name, run in runs.items():
        res = run["results"]
        flagged = [r for r in rows if res[r["id"]]["verdict"] != "match"]
        fp = sum(1 for r in faithful if res[r["id"]]["verdict"] != "match")
        lo, hi = wilson(fp, len(faithful))
        f: dict[str, Any] = {
            "faithful_flagged": [fp, len(faithful)], "faithful_flagged_ci95": [round(lo, 4), round(hi, 4)],
            "faults_flagged": [sum(1 for r in faults if res[r["id"]]["verdict"] != "match"), len(faults)],
            "binary_right": [sum(1 for r in rows if (r["label"] == "match") == (res[r["id"]]["verdict"] == "match")),
                             len(rows)],
            "flagged": len(flagged),
        }
        if name != "naive":
            confusion = {lab: Counter(res[r["id"]]["verdict"] for r in rows if r["label"] == lab) for lab in LABELS}
            f["confusion"] = {lab: dict(c) for lab, c in confusion.items()}
            f["right_class"] = [sum(1 for r in rows if res[r["id"]]["verdict"] == r["label"]), len(rows)]
        else:
            f["confusion"] = {lab: dict(Counter(res[r["id"]]["verdict"] for r in rows if r["label"] == lab))
                              for lab in LABELS}
        per_class = {}
        for lab in LABELS[1:]:
            group = [r for r in rows if r["label"] == lab]
            per_class[lab] = {"n": len(group), "flagged": sum(1 for r in group if res[r["id"]]["verdict"] != "match"),
                              "right": sum(1 for r in group if res[r["id"]]["verdict"] == lab)}
        f["per_class"] = per_class
        out[name] = f
    return out


def _confusion_table(rows: list[Row], res: dict[str, Any], cols: tuple[str, ...]) -> list[str]:
    corner = "label \\ verdict"
    head = f"    {corner:<17}" + "".join(f"{SHORT.get(c, c):>9}" for c in cols)
    lines = [head]
    for lab in LABELS:
        group = [r for r in rows if r["label"] == lab]
        if not group:
            continue
        c = Counter(res[r["id"]]["verdict"] for r in group)
        lines.append(f"    {lab:<17}" + "".join(f"{c.get(v, 0):>9}" for v in cols))
    return lines


def report_group(title: str, rows: list[Row], runs: dict[str, dict[str, Any]]) -> list[str]:
    fig = figures(rows, runs)
    audio = sum(float(r.get("seconds", 0.0)) for r in rows)
    lines = [(f"== {title}: {len(rows)} clips, {audio:.0f} s of audio, "
             f"{sum(1 for r in rows if r['label'] == 'match')} faithful")]
    for name in runs:
        f = fig[name]
        k, n = f["faithful_flagged"]
        lo, hi = f["faithful_flagged_ci95"]
        fk, fn = f["faults_flagged"]
        line = f"  {name:<8} faithful flagged {_pct(k, n)} [95% CI {lo:.1%}-{hi:.1%}]; faults flagged {_pct(fk, fn)}"
        if "right_class" in f:
            line += f"; right class {_pct(*f['right_class'])}"
        line += f"; binary right {_pct(*f['binary_right'])}"
        lines.append(line)
    if "verifier" in runs:
        lines.append("  verifier confusion (rows: label, columns: verdict):")
        lines += _confusion_table(rows, runs["verifier"]["results"], VERDICTS)
    if "naive" in runs:
        lines.append("  naive confusion:")
        lines += _confusion_table(rows, runs["naive"]["results"], ("match", "mismatch"))
    cells = []
    for lab in LABELS[1:]:
        parts = []
        for name in runs:
            pc = fig[name]["per_class"][lab]
            if pc["n"]:
                parts.append(f"{name} flagged {pc['flagged']}/{pc['n']}" +
                             (f", right {pc['right']}" if name != "naive" else ""))
        if parts:
            cells.append(f"    {lab:<17} " + "; ".join(parts))
    if cells:
        lines.append("  recall per class:")
        lines += cells
    return lines


def report_kinds(rows: list[Row], runs: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["== recall per kind of fault (all engines): n | " + " | ".join(
        f"{n} flagged" + (", right class" if n != "naive" else "") for n in runs)]
    kinds: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r["label"] != "match":
            kinds[f"{r['label']}/{r.get('fault_kind', '?')}"].append(r)
    for key in sorted(kinds):
        group = kinds[key]
        cells = []
        for name, run in runs.items():
            res = run["results"]
            fl = sum(1 for r in group if res[r["id"]]["verdict"] != "match")
            cell = f"{fl}/{len(group)}"
            if name != "naive":
                cell += f", {sum(1 for r in group if res[r['id']]['verdict'] == r['label'])}/{len(group)}"
            cells.append(cell)
        lines.append(f"    {key:<40} {len(group):>3} | " + " | ".join(cells))
    return lines


def report_worst(rows: list[Row], runs: dict[str, dict[str, Any]], field: str, top: int = 6) -> list[str]:
    """Where each approach is wrong most often (binary: faithful flagged or fault passed)."""
    lines = []
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        groups[str(r.get(field, "?"))].append(r)
    for name, run in runs.items():
        res = run["results"]
        scored = []
        for key, group in groups.items():
            faithful = [r for r in group if r["label"] == "match"]
            faults = [r for r in group if r["label"] != "match"]
            fp = sum(1 for r in faithful if res[r["id"]]["verdict"] != "match")
            miss = sum(1 for r in faults if res[r["id"]]["verdict"] == "match")
            scored.append(((fp + miss) / len(group), key, fp, len(faithful), miss, len(faults)))
        scored.sort(reverse=True)
        lines.append(f"== worst {field}s for {name} (wrong / clips; faithful flagged; faults passed):")
        for err, key, fp, nf, miss, nx in scored[:top]:
            lines.append(f"    {key:<28} {err:5.0%}  faithful flagged {fp}/{nf}  faults passed {miss}/{nx}")
    return lines


def report_known(rows: list[Row], runs: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["== known failure patterns (text, fault: verdicts across engines):"]
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.get("known"):
            groups[f"{r.get('text_id')} {r.get('fault_kind')} ({r['label']})"].append(r)
    for key in sorted(groups):
        group = groups[key]
        cells = []
        for name, run in runs.items():
            c = Counter(SHORT.get(run["results"][r["id"]]["verdict"], run["results"][r["id"]]["verdict"])
                        for r in group)
            cells.append(f"{name} " + ",".join(f"{v}:{n}" for v, n in c.most_common()))
        lines.append(f"    {key:<46} " + "; ".join(cells))
    return lines


def report_speed(runs: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["== speed: " + "; ".join(
        f"{n} {r['audio_s']:.0f} audio s in {r['wall_s']:.0f} wall s = {r['audio_s'] / max(r['wall_s'], 1e-9):.2f} "
        f"audio s per wall s (load {r['load_s']:.1f} s, peak {r['peak_rss_mb']:.0f} MB)" for n, r in runs.items())]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="held-out corpus benchmark: verifier vs naive, per engine")
    ap.add_argument("--manifest", type=Path, default=ROOT / "corpora" / "heldout" / "build" / "manifest.jsonl")
    ap.add_argument("--model", default="base")
    ap.add_argument("--decode", default="auto", choices=["auto", "all", "none"])
    ap.add_argument("--approach", default="both", choices=["both", "verifier", "naive"])
    ap.add_argument("--engines", default="", help="comma-separated engines to test on (default: all)")
    ap.add_argument("--sample", type=int, default=0, help="a stratified sample of about N clips")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--limit", type=int, default=0, help="the first N clips (after --engines and --sample)")
    ap.add_argument("--concurrent", action="store_true",
                    help="run both approaches at once (sooner on a busy machine; throughput then shares the CPU)")
    ap.add_argument("--json", type=Path, help="write per-clip results and the figures here")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--ids", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args)
        return 0
    if not args.manifest.is_file():
        raise SystemExit(f"{args.manifest} not found: run corpora/heldout/generate.py first")
    rows = read_rows(args.manifest)
    engines = {e.strip() for e in args.engines.split(",") if e.strip()} or None
    known_engines = {r["engine"] for r in rows}
    if engines and engines - known_engines:
        raise SystemExit(f"--engines: no clips from {', '.join(sorted(engines - known_engines))} "
                         f"(the manifest has {', '.join(sorted(known_engines))})")
    _fit, rows = split(rows, set(), engines)
    if args.sample:
        rows = stratified(rows, args.sample, args.seed)
    if args.limit:
        rows = rows[: args.limit]
    approaches = ["verifier", "naive"] if args.approach == "both" else [args.approach]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump([r["id"] for r in rows], f)
        ids_file = f.name
    try:
        if args.concurrent:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(len(approaches)) as pool:
                futures = {a: pool.submit(_spawn, args, a, ids_file) for a in approaches}
                runs = {a: f.result() for a, f in futures.items()}
        else:
            runs = {a: _spawn(args, a, ids_file) for a in approaches}
    finally:
        Path(ids_file).unlink(missing_ok=True)
    print(f"held-out corpus: {args.manifest} ({args.model}, decode={args.decode}"
          f"{', both approaches at once' if args.concurrent else ''}); "
          f"{len(rows)} clips{f' (stratified sample, seed {args.seed})' if args.sample else ''}\n")
    out: list[str] = []
    for engine in sorted({r["engine"] for r in rows}):
        out += report_group(f"engine {engine}", [r for r in rows if r["engine"] == engine], runs) + [""]
    out += report_group("all engines", rows, runs) + [""]
    out += report_kinds(rows, runs) + [""]
    out += report_worst(rows, runs, "condition") + [""]
    out += report_worst(rows, runs, "text_kind") + [""]
    out += report_known(rows, runs) + [""]
    out += report_speed(runs)
    print("\n".join(out))
    if args.json:
        clips = []
        for r in rows:
            c = {k: r.get(k) for k in ("id", "engine", "voice", "condition", "audio_format", "text_kind", "label",
                                        "fault_kind")}
            for name, run in runs.items():
                res = run["results"][r["id"]]
                c[name if name != "naive" else "naive_verdict"] = res["verdict"]
                if name == "verifier":
                    c["verdict"] = c.pop("verifier")
                    c["flags"] = res.get("flags")
                else:
                    c["naive_wer"] = res.get("wer")
            clips.append(c)
        summary = {"manifest": str(args.manifest), "model": args.model, "decode": args.decode,
                   "overall": figures(rows, runs),
                   "per_engine": {e: figures([r for r in rows if r["engine"] == e], runs)
                                  for e in sorted({r["engine"] for r in rows})},
                   "speed": {n: {k: run[k] for k in ("audio_s", "wall_s", "load_s", "peak_rss_mb")}
                             for n, run in runs.items()},
                   "clips": clips}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=1) + "\n")
        print(f"\nper-clip results: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

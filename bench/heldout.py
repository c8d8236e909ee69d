"""Detection on the held-out corpus (engines, voices, texts the verifier was not tuned on), against the naive approach.

    nice -n 10 .venv/bin/python corpora/heldout/generate.py     # once: builds corpora/heldout/build/
    nice -n 10 .venv/bin/python bench/heldout.py                # leave one engine out, each engine in turn
    nice -n 10 .venv/bin/python bench/heldout.py --fit-on piper,espeak-ng,flite,festival --test-on kokoro
    nice -n 10 .venv/bin/python bench/heldout.py --write-default verifier/core/calibration/default.json
    nice -n 10 .venv/bin/python bench/heldout.py --manifest corpora/sealed/build/manifest.jsonl \
        --calibration verifier/core/calibration/default.json   # the sealed test set, judged by what ships
    nice -n 10 .venv/bin/python bench/heldout.py --manifest corpora/pooled/build/manifest.jsonl \
        [--leave-out corpus]   # every measured corpus (bench/pool.py): what the shipped fits are fitted on
    options: --engines E,..  --sample N [--seed S]  --limit N  --approach both|verifier|naive  --naive-sample N
             --model base  --decode auto|all|none  --manifest PATH  --cache DIR  --cached-only  --rules-only
             --json PATH  --calibration PATH  --run-fault-share 0.1  --leave-out engine|corpus

* verifier: `verifier.Verifier(model, decode=..., calibration=None)` over the
  clips: the word-by-word rules' verdict and each clip's evidence record
  (`verifier.core.calibration.record`) are cached per clip in
  .verifier-cache/heldout/ (keyed by the clip's bytes, transcript, model,
  decode mode, record version, a digest of the code the evidence comes
  from, `EVIDENCE_CODE`, and the ASR stack's versions), so the ASR runs once
  per clip per version of that code and stack, and every refit reads the
  cache: a leave-one-engine-out pass takes seconds.
* the fitted decision (`verifier.core.calibration`): for each engine, the
  statistics are fitted on the other engines' clips and applied to its own;
  the figures are those of clips no fit saw. Each clip is weighed beside its
  voice's reading as a run of that voice would give it (`run_voices`: its
  faithful clips and one fault to nine of them, `--run-fault-share`).
* naive: faster-whisper with its defaults (beam 5, language auto), one clip
  at a time, WER > 0.15 against the transcript = mismatch (no class), on a
  stratified sample (`--naive-sample`, default about 100 strata-weighted
  clips; 0 = every clip), cached alike.

Printed per engine left out: the confusion matrix (label vs verdict), the
faithful-flagged rate with its Wilson 95 % interval, recall per class and
per kind of fault (flagged at all; right class), the right-class rate, a
reliability table and the expected calibration error of `confidence`, the
operating curve (faults caught at 1, 2, 5 and 10 % of the faithful clips
flagged, whatever the cut-off: how two calibrations are compared), the
worst conditions, the naive approach on the clips it ran on; then the same
pooled over every engine (each clip judged by a fit that never saw its
engine), and the speed: audio seconds per wall second on faithful clips, on
faulty ones and on a nightly mix (9 faithful to 1 faulty), verifier vs
naive. Per-clip wall time is measured in batches of like clips (faithful
apart from faulty, as `verify_many` batches them) and shared by audio length.
"""

from __future__ import annotations

import argparse
import json
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

from corpora.heldout.provenance import corpus_digests  # noqa: E402 (after the sys.path line)
from verifier.core.calibration.figures import (  # noqa: E402 (after the sys.path line)
    ece,
    ece_by_chance,
    nightly_confidence,
    operating_curve,
    wilson,
)
from verifier.core.calibration.provenance import asr_stack, machine  # noqa: E402 (after the sys.path line)

NAIVE_WER = 0.15
DEFAULT_MANIFEST = ROOT / "corpora" / "heldout" / "build" / "manifest.jsonl"
LABELS = ("match", "missing_audio", "truncated", "language_drift", "extra_speech", "content_mismatch")
VERDICTS = (*LABELS, "error")
SHORT = {
    "match": "match",
    "missing_audio": "missing",
    "truncated": "trunc",
    "language_drift": "drift",
    "extra_speech": "extra",
    "content_mismatch": "content",
    "error": "error",
}
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
    """The manifest's clips named by `ids`, in the order of `ids` (callers zip them with their rows)."""
    from verifier import VerifyItem
    from verifier.schema.results import ResultMeta

    rows = {r["id"]: r for r in read_rows(manifest)}
    missing = [i for i in ids if i not in rows]
    if missing:
        raise SystemExit(f"{manifest}: no clip {missing[0]!r} ({len(missing)} id(s) not in the manifest)")
    items = []
    for i in ids:
        r = rows[i]
        data = (manifest.parent / r["audio"]).read_bytes() if r.get("audio") else b""
        items.append(
            VerifyItem(
                r["id"],
                data or None,
                r.get("audio_format") or "pcm16",
                r["transcript"],
                r.get("language"),
                ResultMeta(extra={"label": r["label"]}),
            )
        )
    return items


def clip_key(manifest: Path, r: Row, *parts: str) -> str:
    """What a cached result depends on: the clip's bytes and transcript, the model and the code's record version."""
    import hashlib

    h = hashlib.sha256()
    if r.get("audio"):
        h.update((manifest.parent / r["audio"]).read_bytes())
    for x in (r.get("audio_format") or "", r["transcript"], r.get("language") or "", *parts):
        h.update(b"\0" + str(x).encode())
    return h.hexdigest()[:20]


#: the code a clip's evidence comes from: the core and the schema, but not the fitted decision
#: (statistics.py, model.py, default.json), which reads the evidence and must refit in seconds
EVIDENCE_CODE = ("verifier/core/*.py", "verifier/core/calibration/record.py", "verifier/schema/*.py")


def evidence_code() -> list[Path]:
    """The files of `EVIDENCE_CODE`, pattern by pattern (the digest depends on this order)."""
    out: list[Path] = []
    for pattern in EVIDENCE_CODE:
        out += [path for path in sorted(ROOT.glob(pattern)) if path not in out]
    return out


def evidence_key(model: str, decode: str) -> tuple[str, ...]:
    """What a clip's cached evidence depends on besides the clip: the model, the decoding, the record
    version, the code, the second reader and the ASR stack's versions (scoring and reading the cache
    key alike). The stack is in it because a cache carried to another CTranslate2 once gave figures a
    fresh install could not reproduce (README, "These figures are new evidence")."""
    from verifier.core.calibration.record import RECORD_VERSION
    from verifier.core.verify import default_second_reader

    stack = ",".join(f"{name}={version}" for name, version in asr_stack().items())
    return (
        model,
        decode,
        f"record{RECORD_VERSION}",
        code_digest(),
        f"second={default_second_reader(model)}",
        f"stack={stack}",
    )


def code_digest() -> str:
    """A digest of the code behind the evidence: a cached clip is reused only with the code that scored it."""
    import hashlib

    h = hashlib.sha256()
    for path in evidence_code():
        h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


def _cached(path: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by a killed run: recomputed
            out[row["id"]] = row
    return out


def _batches_by_label(rows: list[Row], size: int) -> list[list[Row]]:
    """Batches of faithful clips and of faulty clips apart, so per-clip time is attributed within like clips
    (faithful ones mostly skip free decoding): the nightly mix is then weighed from the two rates."""
    out = []
    for faithful in (True, False):
        group = [r for r in rows if (r["label"] == "match") == faithful]
        out += [group[i : i + size] for i in range(0, len(group), size)]
    return out


def run_verifier(manifest: Path, ids: list[str], model: str, decode: str, cache: Path) -> dict[str, Any]:
    """Verdicts and raw evidence per clip, appended to `cache` as each batch finishes (resumable)."""
    from verifier import Verifier
    from verifier.core.verify import BATCH_ITEMS, default_second_reader

    rows = {r["id"]: r for r in read_rows(manifest)}
    done = _cached(cache)
    parts = evidence_key(model, decode)
    second = default_second_reader(model)
    keys = {i: clip_key(manifest, rows[i], *parts) for i in ids}
    todo = [rows[i] for i in ids if done.get(i, {}).get("key") != keys[i]]
    load = 0.0
    if todo:
        t0 = time.perf_counter()
        v = Verifier(model, decode=decode, calibration=None, word_languages="always", second_reader=second)
        v.verify_many(_items(manifest, [todo[0]["id"]]))  # loads the model, so scoring time is scoring only
        load = time.perf_counter() - t0
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("a", encoding="utf-8") as f:
            for batch in _batches_by_label(todo, BATCH_ITEMS):
                items = _items(manifest, [r["id"] for r in batch])
                t0 = time.perf_counter()
                verdicts = v.verify_many(items)
                wall = time.perf_counter() - t0
                audio = sum(x.audio_seconds for x in verdicts) or 1.0
                for x in verdicts:
                    row = {
                        "id": x.id,
                        "key": keys[x.id],
                        "verdict": x.verdict.value,
                        "flags": list(x.flags),
                        "asr_text": x.asr_text,
                        "explanation": x.explanation,
                        "audio_s": x.audio_seconds,
                        "wall_s": round(wall * (x.audio_seconds or 0.0) / audio, 4),
                        "evidence": x.evidence,
                    }
                    f.write(json.dumps(row) + "\n")
                    done[x.id] = row
                f.flush()
    results = {i: done[i] for i in ids}
    return {
        "load_s": load,
        "wall_s": sum(r["wall_s"] for r in results.values()),
        "audio_s": sum(r["audio_s"] for r in results.values()),
        "results": results,
    }


def run_naive(manifest: Path, ids: list[str], model: str, cache: Path) -> dict[str, Any]:
    from faster_whisper import WhisperModel

    from verifier.core import weights
    from verifier.schema import audio as codec

    rows = {r["id"]: r for r in read_rows(manifest)}
    done = _cached(cache)
    keys = {i: clip_key(manifest, rows[i], model, "naive") for i in ids}
    todo = [i for i in ids if done.get(i, {}).get("key") != keys[i]]
    load = 0.0
    if todo:
        t0 = time.perf_counter()
        m = WhisperModel(str(weights.resolve_model(model)), device="cpu", compute_type="int8")
        load = time.perf_counter() - t0
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("a", encoding="utf-8") as f:
            for it in _items(manifest, todo):
                t0 = time.perf_counter()
                samples = codec.for_asr(it.audio, it.audio_format) if it.audio else None
                audio_s = 0.0
                if samples is None or samples.size == 0:
                    text = ""
                else:
                    audio_s = samples.size / 16_000
                    segments, _info = m.transcribe(samples)  # faster-whisper defaults: beam 5, language auto
                    text = " ".join(s.text for s in segments)
                err = naive_wer(it.transcript, text, it.language or "en")
                row = {
                    "id": it.id,
                    "key": keys[it.id],
                    "verdict": "mismatch" if err > NAIVE_WER else "match",
                    "wer": round(err, 3),
                    "asr_text": text.strip(),
                    "audio_s": audio_s,
                    "wall_s": round(time.perf_counter() - t0, 4),
                }
                f.write(json.dumps(row) + "\n")
                f.flush()
                done[it.id] = row
    results = {i: done[i] for i in ids}
    return {
        "load_s": load,
        "wall_s": sum(r["wall_s"] for r in results.values()),
        "audio_s": sum(r["audio_s"] for r in results.values()),
        "results": results,
    }


def naive_wer(reference: str, hypothesis: str, language: str) -> float:
    """The verifier's own text normalization and WER, so the naive baseline is scored like the verifier."""
    from verifier.core.normalize import normalize
    from verifier.core.words import wer

    return float(wer(normalize(reference, language), normalize(hypothesis, language)))


def _child(args: argparse.Namespace) -> None:
    ids = json.loads(Path(args.ids).read_text())
    out = (
        run_naive(args.manifest, ids, args.model, Path(args.cache_file))
        if args.approach == "naive"
        else run_verifier(args.manifest, ids, args.model, args.decode, Path(args.cache_file))
    )
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def cache_file(args: argparse.Namespace, approach: str) -> Path:
    name = f"naive-{args.model}" if approach == "naive" else f"verifier-{args.model}-{args.decode}"
    return Path(args.cache) / f"{name}.jsonl"


def from_cache(args: argparse.Namespace, approach: str, rows: list[Row]) -> dict[str, Any]:
    done = _cached(cache_file(args, approach))
    parts = (args.model, "naive") if approach == "naive" else evidence_key(args.model, args.decode)
    results = {
        r["id"]: done[r["id"]]
        for r in rows
        if r["id"] in done and done[r["id"]].get("key") == clip_key(args.manifest, r, *parts)
    }
    return {
        "load_s": 0.0,
        "wall_s": sum(r["wall_s"] for r in results.values()),
        "audio_s": sum(r["audio_s"] for r in results.values()),
        "results": results,
    }


def _spawn(args: argparse.Namespace, approach: str, ids_file: str) -> dict[str, Any]:
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
        "--ids",
        ids_file,
        "--cache-file",
        str(cache_file(args, approach)),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{approach} run failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


# --- figures ----------------------------------------------------------------------------


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
            "faithful_flagged": [fp, len(faithful)],
            "faithful_flagged_ci95": [round(lo, 4), round(hi, 4)],
            "faults_flagged": [sum(1 for r in faults if res[r["id"]]["verdict"] != "match"), len(faults)],
            "binary_right": [
                sum(1 for r in rows if (r["label"] == "match") == (res[r["id"]]["verdict"] == "match")),
                len(rows),
            ],
            "flagged": len(flagged),
        }
        if name != "naive":
            confusion = {lab: Counter(res[r["id"]]["verdict"] for r in rows if r["label"] == lab) for lab in LABELS}
            f["confusion"] = {lab: dict(c) for lab, c in confusion.items()}
            f["right_class"] = [sum(1 for r in rows if res[r["id"]]["verdict"] == r["label"]), len(rows)]
        else:
            f["confusion"] = {
                lab: dict(Counter(res[r["id"]]["verdict"] for r in rows if r["label"] == lab)) for lab in LABELS
            }
        per_class = {}
        for lab in LABELS[1:]:
            group = [r for r in rows if r["label"] == lab]
            per_class[lab] = {
                "n": len(group),
                "flagged": sum(1 for r in group if res[r["id"]]["verdict"] != "match"),
                "right": sum(1 for r in group if res[r["id"]]["verdict"] == lab),
            }
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
    lines = [
        (
            f"== {title}: {len(rows)} clips, {audio:.0f} s of audio, "
            f"{sum(1 for r in rows if r['label'] == 'match')} faithful"
        )
    ]
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
                parts.append(
                    f"{name} flagged {pc['flagged']}/{pc['n']}" + (f", right {pc['right']}" if name != "naive" else "")
                )
        if parts:
            cells.append(f"    {lab:<17} " + "; ".join(parts))
    if cells:
        lines.append("  recall per class:")
        lines += cells
    return lines


def report_kinds(rows: list[Row], runs: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "== recall per kind of fault (all engines): n | "
        + " | ".join(f"{n} flagged" + (", right class" if n != "naive" else "") for n in runs)
    ]
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
            c = Counter(
                SHORT.get(run["results"][r["id"]]["verdict"], run["results"][r["id"]]["verdict"]) for r in group
            )
            cells.append(f"{name} " + ",".join(f"{v}:{n}" for v, n in c.most_common()))
        lines.append(f"    {key:<46} " + "; ".join(cells))
    return lines


def report_speed(runs: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "== speed: "
        + "; ".join(
            f"{n} {r['audio_s']:.0f} audio s in {r['wall_s']:.0f} wall s = {r['audio_s'] / max(r['wall_s'], 1e-9):.2f} "
            f"audio s per wall s (load {r['load_s']:.1f} s, peak {r['peak_rss_mb']:.0f} MB)"
            for n, r in runs.items()
        )
    ]
    return lines


# --- leave one engine out: fit the statistics on the other engines, report on the one left out ---------


def voice_key(row: Row, evidence: dict[str, Any]) -> tuple[str, str]:
    """What stands for one run here: one engine's voice in one language (bench/reading.py's voices too)."""
    return str(row.get("voice")), str(evidence.get("language"))


#: the share of faults in the run a voice's reading is taken from: the nightly mix (nine faithful replies to
#: one faulty). The corpus holds about as many faults as faithful clips per voice; a run drawn whole from it
#: would tell the voice from a median half made of faults, which no nightly run sees (and which, fitted and
#: judged so, flattered the statistic: 277 against 246 faults at 5 of 556 faithful on sealed 1-4, where the
#: nightly mix gives 253). `--run-fault-share` sets it; 1 is a broken deployment, every reply a fault.
RUN_FAULT_SHARE = 0.1


def run_voices(rows: list[Row], run: dict[str, Any], fault_share: float | None = None) -> dict[str, float | None]:
    """Each clip's `voice_clarity`, as a run of its voice would give it: the median reading over that
    voice's faithful clips among `rows` and as many of its faults (a fixed draw) as make them
    `fault_share` of the run (`RUN_FAULT_SHARE` unless given). The draw needs the labels; the median
    does not, as a run's does not."""
    import zlib

    from verifier.core.calibration.statistics import reading, voice_clarity

    share = RUN_FAULT_SHARE if fault_share is None else fault_share
    by: dict[tuple[str, str], list[Row]] = {}
    for r in rows:
        ev = run["results"].get(r["id"], {}).get("evidence")
        if ev is not None:
            by.setdefault(voice_key(r, ev), []).append(r)
    out: dict[str, float | None] = {}
    for group in by.values():
        faithful = [r for r in group if r["label"] == "match"]
        faults = sorted((r for r in group if r["label"] != "match"), key=lambda r: zlib.crc32(r["id"].encode()))
        n = len(faults) if share >= 1 else round(len(faithful) * share / (1 - share))
        picked = (faithful if share < 1 else []) + faults[:n]
        voice = voice_clarity(reading(run["results"][r["id"]]["evidence"]) for r in picked)
        out.update(dict.fromkeys((r["id"] for r in group), voice))
    return out


def calibrated_run(rows: list[Row], run: dict[str, Any], cal: Any) -> dict[str, Any]:
    """The verifier's verdicts on `rows` with calibration `cal` applied to the cached evidence, each clip
    with its voice's `voice_clarity` (`run["voices"]`, from `run_voices`)."""
    from verifier.core.calibration.model import judge
    from verifier.core.calibration.triage import triaged

    voices = run.get("voices", {})
    results = {}
    for r in rows:
        c = run["results"][r["id"]]
        if c.get("evidence") is None or c["verdict"] == "error":
            results[r["id"]] = {**c, "confidence": None}
            continue
        # as a run with this calibration would have judged the clip: passed by its triage, not decoded
        rec = triaged(c["evidence"], cal.triage)
        verdict, p = judge(c["verdict"], rec, cal, voices.get(r["id"]))
        results[r["id"]] = {**c, "verdict": verdict, "confidence": p, "triaged": rec is not c["evidence"]}
    return {**run, "results": results}


#: the statistics each fit weighs (None: every one the package computes); `--features` sets it
FIT_FEATURES: tuple[str, ...] | None = None
#: text tables whose clips are judged, never fitted on. The dev corpus's one-word switches
#: (texts_switch.py) measure the switch on dev voices; fitted on, they moved the operating point
#: along the same curve (faithful flagged 27 -> 40 of texts.py's 358, for 8 more of 90 one-word
#: switches; at equal faithful flagged, 64 of 90 either way), so the shipped cut-off stays where
#: the sealed sets measured it and these clips stay a measurement.
JUDGED_ONLY = frozenset({"dev_switch"})
#: `--no-classes`: judge without the class model (the rules' class, as before it), to compare
NO_CLASSES = False
#: `--triage RATE`: fit a triage (`verifier.core.calibration.triage`) letting at most this share of the
#: faults the decision catches skip free decoding (None: no triage, every doubtful clip decoded)
TRIAGE_RATE: float | None = None


def fit_on(rows: list[Row], run: dict[str, Any], engines: list[str]) -> Any:
    """The decision fitted on `rows` but the judged-only tables', and the class model on every fault."""
    from verifier.core.calibration import fit
    from verifier.core.calibration.classes import fit_classes
    from verifier.core.calibration.statistics import DECISION_FEATURES
    from verifier.core.verify import default_second_reader

    scored = [r for r in rows if run["results"][r["id"]].get("evidence") is not None]
    usable = [r for r in scored if r.get("table") not in JUDGED_ONLY]
    corpora = sorted({f"corpora/{r.get('corpus') or 'heldout'}" for r in usable})
    fitted_on = {
        "engines": sorted(engines),
        "corpus": f"{', '.join(corpora)} (bench/heldout.py{', pooled by bench/pool.py' if len(corpora) > 1 else ''})",
        "corpora": corpora,
        "voices": sorted({str(r.get("voice")) for r in usable}),
        "model": run.get("model", "base"),
        "second_reader": default_second_reader(str(run.get("model", "base"))),
        "decode": run.get("decode", "auto"),
    }
    features = FIT_FEATURES or DECISION_FEATURES
    if "voice_clarity" in features:
        # each clip weighed beside its voice's reading, taken from a run of this share of faults
        fitted_on["run_fault_share"] = run.get("run_fault_share", RUN_FAULT_SHARE)
    records = [run["results"][r["id"]]["evidence"] for r in usable]
    voices = [run.get("voices", {}).get(r["id"]) for r in usable]
    cal = fit(records, [r["label"] != "match" for r in usable], fitted_on=fitted_on, features=features, voices=voices)
    if TRIAGE_RATE is not None:
        from verifier.core.calibration.triage import fit_triage

        cal.triage = fit_triage(
            records,
            [r["label"] != "match" for r in usable],
            [cal.probability(rec, voice) >= cal.cutoff for rec, voice in zip(records, voices, strict=True)],
            max_faults_passed=TRIAGE_RATE,
            fitted_on={k: fitted_on[k] for k in ("engines", "corpus", "corpora", "model", "decode")},
        )
    faults = [r for r in scored if r["label"] != "match"]
    if NO_CLASSES or len({r["label"] for r in faults}) < 2:
        return cal
    if not any(run["results"][r["id"]]["evidence"].get("multilingual") for r in faults):
        return cal  # no language ID (tiny.en): as `verifier calibrate`, the rules name the fault
    cal.classes = fit_classes(
        [run["results"][r["id"]]["evidence"] for r in faults],
        [r["label"] for r in faults],
        fitted_on={**fitted_on, "tables": sorted({str(r.get("table", "dev")) for r in faults})},
    )
    return cal


def confidence_pairs(rows: list[Row], res: dict[str, Any]) -> list[tuple[float, bool]]:
    """(confidence, was a fault) of every clip that has a confidence."""
    return [
        (float(res[r["id"]]["confidence"]), r["label"] != "match")
        for r in rows
        if res[r["id"]].get("confidence") is not None
    ]


def report_confidence(rows: list[Row], res: dict[str, Any]) -> tuple[list[str], float]:
    pairs = confidence_pairs(rows, res)
    e, table = ece(pairs)
    chance = ece_by_chance([p for p, _ in pairs])
    lines = [
        f"  confidence: ECE {e:.3f} on {len(pairs)} clips (a perfectly calibrated model would show {chance:.3f} "
        "on as many, by chance); reliability (bin: clips, mean confidence, fault share):"
    ]
    lines += [f"    {lo:.1f}-{hi:.1f}: {n:>4}  {conf:.2f}  {share:.2f}" for lo, hi, n, conf, share in table]
    lines.append(nightly_confidence(pairs))
    lines.append(curve_line(pairs))
    return lines, e


def curve_line(pairs: list[tuple[float, bool]]) -> str:
    """The operating curve: faults caught at fixed counts of faithful clips flagged, whatever the cut-off.
    Two calibrations are compared here, not at their own cut-offs, which a stricter fit merely moves."""
    faults = sum(1 for _, y in pairs if y)
    points = ", ".join(f"{k} faithful -> {caught}" for k, _, caught in operating_curve(pairs))
    return f"  operating curve (faults of {faults} caught at as many faithful flagged, any cut-off): {points}"


def gate_figures(rows: list[Row], res: dict[str, Any], floor: float) -> dict[str, Any]:
    """What a `--max-rate` gate at `--min-confidence floor` counts: faithful clips and faults at or over it."""

    def over(r: Row) -> bool:
        c = res[r["id"]]
        return c["verdict"] != "match" and (c.get("confidence") is None or c["confidence"] >= floor)

    faithful = [r for r in rows if r["label"] == "match"]
    faults = [r for r in rows if r["label"] != "match"]
    fp = sum(1 for r in faithful if over(r))
    lo, hi = wilson(fp, len(faithful))
    per_class = {
        lab: [sum(1 for r in faults if r["label"] == lab and over(r)), sum(1 for r in faults if r["label"] == lab)]
        for lab in LABELS[1:]
    }
    return {
        "min_confidence": round(floor, 4),
        "faithful_flagged": [fp, len(faithful)],
        "faithful_flagged_ci95": [round(lo, 4), round(hi, 4)],
        "faults_counted": [sum(1 for r in faults if over(r)), len(faults)],
        "per_class": per_class,
    }


def gate_line(g: dict[str, Any]) -> str:
    k, n = g["faithful_flagged"]
    lo, hi = g["faithful_flagged_ci95"]
    classes = ", ".join(f"{SHORT[lab]} {a}/{b}" for lab, (a, b) in g["per_class"].items() if b)
    return (
        f"  gate at --min-confidence {g['min_confidence']:.2f}: faithful flagged {_pct(k, n)} "
        f"[95% CI {lo:.1%}-{hi:.1%}]; faults counted {_pct(*g['faults_counted'])} ({classes})"
    )


def report_triage(rows: list[Row], res: dict[str, Any]) -> list[str]:
    """What the triage passed without free decoding, of the clips the rules' own test sent to it."""
    from verifier.core.calibration.triage import asked

    sent = [r for r in rows if res[r["id"]].get("evidence") is not None and asked(res[r["id"]]["evidence"])]
    if not any(res[r["id"]].get("triaged") for r in sent):
        return []
    faithful = [r for r in sent if r["label"] == "match"]
    faults = [r for r in sent if r["label"] != "match"]
    passed = [r for r in faults if res[r["id"]].get("triaged")]
    kept = sum(1 for r in faithful if res[r["id"]].get("triaged"))
    kinds = Counter(f"{r['label']}/{r.get('fault_kind', '?')}" for r in passed)
    return [
        f"  triage: of the clips the rules sent to free decoding, passed without it {_pct(kept, len(faithful))} "
        f"faithful and {_pct(len(passed), len(faults))} faulty"
        + (f" ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})" if kinds else "")
    ]


def report_kinds_of(rows: list[Row], res: dict[str, Any]) -> list[str]:
    kinds: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r["label"] != "match":
            kinds[f"{r['label']}/{r.get('fault_kind', '?')}"].append(r)
    out = ["  recall per kind of fault (flagged, right class):"]
    for key in sorted(kinds):
        g = kinds[key]
        fl = sum(1 for r in g if res[r["id"]]["verdict"] != "match")
        right = sum(1 for r in g if res[r["id"]]["verdict"] == r["label"])
        out.append(f"    {key:<40} {fl}/{len(g)}, {right}/{len(g)}")
    return out


def mix_speed(rows: list[Row], run: dict[str, Any], faithful_share: float = 0.9) -> dict[str, float]:
    """Throughput (audio s per wall s) on faithful and on faulty clips, and on a nightly mix of the two
    (`faithful_share` of the clips faithful), weighing each by the corpus's mean clip length."""
    res = run["results"]
    out: dict[str, float] = {}
    mean_audio = {}
    for name, faithful in (("faithful", True), ("faulty", False)):
        group = [r for r in rows if (r["label"] == "match") == faithful and r["id"] in res]
        audio = sum(float(res[r["id"]]["audio_s"]) for r in group)
        wall = sum(float(res[r["id"]]["wall_s"]) for r in group)
        out[name] = audio / wall if wall else 0.0
        mean_audio[name] = audio / len(group) if group else 0.0
    a_f, a_x = mean_audio["faithful"], mean_audio["faulty"]
    if out["faithful"] and out["faulty"]:
        out["mix"] = (faithful_share * a_f + (1 - faithful_share) * a_x) / (
            faithful_share * a_f / out["faithful"] + (1 - faithful_share) * a_x / out["faulty"]
        )
    else:
        out["mix"] = 0.0
    return out


def loeo(
    rows: list[Row],
    runs: dict[str, dict[str, Any]],
    test_engines: list[str],
    fit_engines: list[str] | None = None,
    by: str = "engine",
) -> tuple[list[str], dict[str, Any], dict[str, Any]]:
    """For each test engine: fit on `fit_engines` (default: every other engine), report on it alone.
    Also returns each clip's verdict and confidence from the fit that never saw its engine.

    `by="corpus"` leaves out a corpus of a pooled manifest (bench/pool.py) instead: its texts and
    voices, fitted on every other corpus's clips of every engine (what a sealed set measures of a
    fit on all that came before it); `test_engines` and `fit_engines` then name corpora."""
    lines: list[str] = [
        "'verifier' below is the fitted decision (a calibration that decides); 'rules' the "
        "word-by-word rules' verdict, which the shipped default keeps (confidence beside it).",
        "",
    ]
    summary: dict[str, Any] = {}
    v = runs["verifier"]
    all_engines = sorted({str(r.get(by)) for r in rows})
    pooled: dict[str, Any] = {}
    gates: list[float] = []
    for engine in test_engines:
        fit_set = fit_engines or [e for e in all_engines if e != engine]
        fit_rows = [r for r in rows if r.get(by) in fit_set]
        if len({r["label"] == "match" for r in fit_rows}) < 2:
            lines.append(
                f"######## left out: {engine}: cannot fit on {', '.join(fit_set)} (needs faithful and faulty clips)"
            )
            continue
        cal = fit_on(fit_rows, v, sorted({r["engine"] for r in fit_rows}))
        test = [r for r in rows if r.get(by) == engine]
        cr = calibrated_run(test, v, cal)
        pooled.update(cr["results"])
        group_runs = {"verifier": cr, "rules": {**v, "results": {r["id"]: v["results"][r["id"]] for r in test}}}
        lines.append(
            f"######## left out: {by} {engine} (fitted on {', '.join(fit_set)}: {cal.fitted_on['clips']} "
            f"clips; verdict cut-off {cal.cutoff:.2f}, gate confidence {cal.gate_confidence:.2f})"
        )
        lines += report_group(f"{by} {engine}, held out", test, group_runs)
        gate = gate_figures(test, cr["results"], cal.gate_confidence)
        gates.append(cal.gate_confidence)
        lines.append(gate_line(gate))
        conf_lines, e = report_confidence(test, cr["results"])
        lines += conf_lines
        lines += report_triage(test, cr["results"])
        lines += report_kinds_of(test, cr["results"])
        lines += report_worst(test, {"verifier": cr}, "condition", top=4)
        if "naive" in runs:
            sub = [r for r in test if r["id"] in runs["naive"]["results"]]
            if sub:
                lines += report_group(
                    f"{by} {engine}, the clips the naive approach also ran on",
                    sub,
                    {"verifier": cr, "naive": runs["naive"]},
                )[1:2]
                lines[-1] = "  same clips:" + lines[-1]
                lines += report_group(f"{by} {engine}, same clips", sub, {"naive": runs["naive"]})[1:2]
        fig = figures(test, {"verifier": cr})["verifier"]
        fig["ece"] = round(e, 4)
        fig["curve"] = [list(x) for x in operating_curve(confidence_pairs(test, cr["results"]))]
        fig["gate"] = gate
        fig["cutoff"] = round(cal.cutoff, 4)
        fig["fitted_on"] = cal.fitted_on
        summary[engine] = fig
        lines.append("")
    if len(test_engines) > 1:
        test_rows = [r for r in rows if r.get(by) in test_engines]
        lines.append(f"######## every {by}, each judged by a fit that never saw it (pooled held-out figures)")
        every = "corpora" if by == "corpus" else f"{by}s"
        more, summary_pooled = report_judged(test_rows, runs, pooled, f"all {every}, held out")
        gates_note = f"  (the folds' own gate confidences: {', '.join(f'{g:.2f}' for g in gates)})"
        lines += [x + gates_note if x.startswith("  gate at") else x for x in more]
        summary.update(summary_pooled)
    speed: dict[str, Any] = {name: mix_speed(rows, run) for name, run in runs.items()}
    lines.append("")
    lines.append(
        "== speed (audio s per wall s; nightly mix = 9 faithful clips to 1 faulty, weighed by mean clip length):"
    )
    for name, sp in speed.items():
        lines.append(
            f"    {name:<8} faithful {sp['faithful']:.2f}  faulty {sp['faulty']:.2f}  nightly mix {sp['mix']:.2f}"
        )
    if "naive" in speed and speed["naive"]["mix"]:
        ratio = speed["verifier"]["mix"] / speed["naive"]["mix"]
        faults = speed["verifier"]["faulty"] / max(speed["naive"]["faulty"], 1e-9)
        lines.append(f"    verifier / naive: {ratio:.1f}x on the nightly mix, {faults:.1f}x on faulty clips")
        speed["ratio_mix"], speed["ratio_faulty"] = ratio, faults
    summary["speed"] = speed
    return lines, summary, pooled


def report_judged(
    test_rows: list[Row], runs: dict[str, dict[str, Any]], results: dict[str, Any], title: str
) -> tuple[list[str], dict[str, Any]]:
    """The figures of clips judged by calibrations that never saw them (`results`: clip id -> judged result)."""
    from verifier.report.gate import RECOMMENDED_MIN_CONFIDENCE

    v = runs["verifier"]
    run = {**v, "results": results}
    lines = report_group(title, test_rows, {"verifier": run})
    gate = gate_figures(test_rows, results, RECOMMENDED_MIN_CONFIDENCE)
    lines.append(gate_line(gate))
    conf_lines, e = report_confidence(test_rows, results)
    lines += conf_lines
    lines += report_triage(test_rows, results)
    lines += report_kinds_of(test_rows, results)
    lines += report_worst(test_rows, {"verifier": run}, "condition")
    lines += report_worst(test_rows, {"verifier": run}, "text_kind")
    lines += report_known(test_rows, {"verifier": run})
    fig = figures(test_rows, {"verifier": run})["verifier"]
    fig["ece"] = round(e, 4)
    fig["curve"] = [list(x) for x in operating_curve(confidence_pairs(test_rows, results))]
    fig["gate"] = gate
    summary: dict[str, Any] = {"pooled": fig}
    if "naive" in runs:
        sub = [r for r in test_rows if r["id"] in runs["naive"]["results"]]
        lines.append("")
        lines += report_group(
            "the clips both approaches ran on (held out)", sub, {"verifier": run, "naive": runs["naive"]}
        )
        summary["same_clips"] = figures(sub, {"verifier": run, "naive": runs["naive"]})
    return lines, summary


def judged_by(
    rows: list[Row], runs: dict[str, dict[str, Any]], cal: Any, where: str, manifest: Path
) -> tuple[list[str], dict[str, Any], dict[str, Any]]:
    """Every clip judged by one calibration fitted elsewhere (the sealed test set, by the shipped default);
    also returns each clip's verdict and confidence."""
    v = runs["verifier"]
    results = calibrated_run(rows, v, cal)["results"]
    corpus = str(cal.fitted_on.get("corpus", ""))
    # the corpus directory the manifest was built in ("corpora/heldout" for corpora/heldout/build/manifest.jsonl)
    here = str(manifest.resolve().parent.parent.relative_to(ROOT)) if manifest.resolve().is_relative_to(ROOT) else ""
    lines = [
        f"every clip judged by {where} (fitted on {cal.fitted_on.get('clips', '?')} clips of "
        f"{', '.join(cal.fitted_on.get('engines', []))} from {corpus or 'an unnamed corpus'}; "
        f"cut-off {cal.cutoff:.2f})"
    ]
    # a pooled manifest's rows name their corpus (bench/pool.py); a corpus's own manifest is its folder
    judged = {f"corpora/{r['corpus']}" for r in rows if r.get("corpus")} or ({here} if here else set())
    seen = sorted(c for c in judged if c in cal.fitted_on.get("corpora", []) or corpus.startswith(c + " "))
    if seen:
        lines.append(f"NOT held out: this calibration was fitted on {', '.join(seen)}")
    lines.append("")
    for engine in sorted({r["engine"] for r in rows}):
        test = [r for r in rows if r["engine"] == engine]
        lines += report_group(f"engine {engine}", test, {"verifier": {**v, "results": results}})[:2]
    lines.append("")
    more, summary = report_judged(rows, runs, results, "all engines")
    speed = {name: mix_speed(rows, run) for name, run in runs.items()}
    summary["speed"] = speed
    return lines + more, summary, results


def own_voice(rows: list[Row], run: dict[str, Any]) -> list[str]:
    """What calibrating on your own voice buys: per engine, fit on the clips of half its texts, judge the
    other half (and the other way round), so the voice is known and the texts are not."""
    import zlib

    lines = ["######## own voice: each engine fitted on half its texts, judged on the other half"]
    pooled: dict[str, Any] = {}
    for engine in sorted({r["engine"] for r in rows}):
        mine = [r for r in rows if r["engine"] == engine]
        results: dict[str, Any] = {}
        for half in (0, 1):
            fit_rows = [r for r in mine if zlib.crc32(str(r.get("text_id")).encode()) % 2 != half]
            test = [r for r in mine if zlib.crc32(str(r.get("text_id")).encode()) % 2 == half]
            if not test or len({r["label"] == "match" for r in fit_rows}) < 2:
                continue
            results.update(calibrated_run(test, run, fit_on(fit_rows, run, [engine]))["results"])
        judged = [r for r in mine if r["id"] in results]
        pooled.update(results)
        lines += report_group(f"engine {engine}, own voice", judged, {"verifier": {**run, "results": results}})[:2]
    judged = [r for r in rows if r["id"] in pooled]
    lines += report_group("all engines, own voice", judged, {"verifier": {**run, "results": pooled}})[:2]
    return lines


def _engines(text: str, known: set[str], flag: str) -> list[str]:
    names = [e.strip() for e in text.split(",") if e.strip()]
    if set(names) - known:
        raise SystemExit(
            f"{flag}: no clips from {', '.join(sorted(set(names) - known))} "
            f"(the manifest has {', '.join(sorted(known))})"
        )
    return names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="held-out corpus benchmark: verifier vs naive, per engine")
    ap.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST)
    ap.add_argument("--model", default="base")
    ap.add_argument("--decode", default="auto", choices=["auto", "all", "none"])
    ap.add_argument("--approach", default="both", choices=["both", "verifier", "naive"])
    ap.add_argument("--engines", default="", help="comma-separated engines to use (default: all)")
    ap.add_argument("--fit-on", default="", help="fit on these engines (default: leave each engine out in turn)")
    ap.add_argument("--test-on", default="", help="report on these engines (default: every engine not fitted on)")
    ap.add_argument(
        "--leave-out",
        default="engine",
        choices=["engine", "corpus"],
        help="what a fold holds out: an engine (default), or a corpus of a pooled manifest (bench/pool.py), "
        "fitted on every other corpus; --fit-on and --test-on then name corpora",
    )
    ap.add_argument("--rules-only", action="store_true", help="the word-by-word rules alone, nothing fitted")
    ap.add_argument(
        "--own-voice",
        action="store_true",
        help="also fit each engine on half its texts and judge the other half (what `verifier calibrate` buys)",
    )
    ap.add_argument(
        "--features",
        default="",
        help="fit on these statistics (comma-separated; default: the package's DECISION_FEATURES)",
    )
    ap.add_argument(
        "--no-classes",
        action="store_true",
        help="name a flagged clip's fault as the rules do, without the fitted class model (to compare)",
    )
    ap.add_argument(
        "--triage",
        type=float,
        help="fit a triage beside the decision, letting at most this share of the faults it catches skip "
        "free decoding (verifier.core.calibration.triage; default: none)",
    )
    ap.add_argument(
        "--naive-sample",
        type=int,
        default=100,
        help="the naive approach runs on a stratified sample of about N clips (0: all of them)",
    )
    ap.add_argument(
        "--cached-only",
        action="store_true",
        help="score nothing: use the clips already in the cache (the rest are left out, and said so)",
    )
    ap.add_argument(
        "--calibration",
        type=Path,
        help="fit nothing: judge every clip with this calibration file (the sealed test set "
        "judged by the shipped default.json, which was fitted on the development corpus)",
    )
    ap.add_argument(
        "--write-default",
        type=Path,
        help="fit on every selected engine and write the calibration "
        "here (the package's verifier/core/calibration/default.json), with the held-out figures",
    )
    ap.add_argument("--sample", type=int, default=0, help="a stratified sample of about N clips")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument(
        "--run-fault-share",
        type=float,
        default=RUN_FAULT_SHARE,
        help="the share of faults in the run each voice's reading is taken from (default: the nightly mix, "
        f"{RUN_FAULT_SHARE}; 1: a run of faults alone)",
    )
    ap.add_argument("--limit", type=int, default=0, help="the first N clips (after --engines and --sample)")
    ap.add_argument("--json", type=Path, help="write per-clip results and the figures here")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--ids", help=argparse.SUPPRESS)
    ap.add_argument("--cache-file", help=argparse.SUPPRESS)
    ap.add_argument(
        "--cache",
        type=Path,
        default=ROOT / ".verifier-cache" / "heldout",
        help="per-clip evidence and naive results are kept here and reused (keyed by audio, "
        "transcript, model and code version): refits take seconds",
    )
    args = ap.parse_args(argv)
    if not 0.0 <= args.run_fault_share <= 1.0:
        raise SystemExit(f"--run-fault-share must lie between 0 and 1, not {args.run_fault_share}")
    if args.features:
        from verifier.core.calibration.statistics import FEATURES

        global FIT_FEATURES
        FIT_FEATURES = tuple(_engines(args.features, set(FEATURES), "--features"))
    if args.no_classes:
        global NO_CLASSES
        NO_CLASSES = True
    if args.triage is not None:
        if not 0.0 <= args.triage < 1.0:
            raise SystemExit(f"--triage must lie in [0, 1), not {args.triage}")
        global TRIAGE_RATE
        TRIAGE_RATE = args.triage
    if args.child:
        _child(args)
        return 0
    if not args.manifest.is_file():
        raise SystemExit(f"{args.manifest} not found: run corpora/heldout/generate.py first")
    every_row = read_rows(args.manifest)
    rows = every_row
    if args.write_default and args.leave_out != "engine":
        raise SystemExit("--write-default states figures with each engine left out: drop --leave-out corpus")
    if args.leave_out == "corpus" and not all(r.get("corpus") for r in rows):
        raise SystemExit(f"--leave-out corpus: {args.manifest} names no corpus per row (pool with bench/pool.py)")
    known = {r["engine"] for r in rows}
    engines = set(_engines(args.engines, known, "--engines")) or None
    _fit, rows = split(rows, set(), engines)
    if args.sample:
        rows = stratified(rows, args.sample, args.seed)
    if args.limit:
        rows = rows[: args.limit]
    approaches = ["verifier", "naive"] if args.approach == "both" else [args.approach]
    runs: dict[str, dict[str, Any]] = {}
    for a in approaches:
        chosen = rows if a == "verifier" or not args.naive_sample else stratified(rows, args.naive_sample, args.seed)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump([r["id"] for r in chosen], f)
            ids_file = f.name
        try:
            runs[a] = from_cache(args, a, chosen) if args.cached_only else _spawn(args, a, ids_file)
        finally:
            Path(ids_file).unlink(missing_ok=True)
        if a == "verifier" and args.cached_only:
            left = len(rows)
            rows = [r for r in rows if r["id"] in runs[a]["results"]]
            print(f"--cached-only: {len(rows)} of {left} clips have cached evidence")
            if not rows:
                raise SystemExit(
                    f"--cached-only: no clip of {args.manifest} has evidence cached by this code "
                    f"(digest {code_digest()} of {', '.join(EVIDENCE_CODE)}): run once without --cached-only"
                )
        runs[a].update(model=args.model, decode=args.decode)
        if a == "verifier":
            runs[a]["voices"] = run_voices(rows, runs[a], args.run_fault_share)
            runs[a]["run_fault_share"] = args.run_fault_share
    print(f"evidence: code {code_digest()}, {', '.join(f'{k} {v}' for k, v in asr_stack().items())}")
    cpu = machine()
    print(f"machine: {cpu['cpu']} ({cpu['isa']})")
    # the clips themselves: another machine built the same corpus exactly when it prints the same digest
    audio = corpus_digests(every_row, args.manifest)
    print(f"clips: audio digest {', '.join(f'{name} {digest}' for name, digest in audio.items())}")
    print(
        f"held-out corpus: {args.manifest} ({args.model}, decode={args.decode}); "
        f"{len(rows)} clips{f' (stratified sample, seed {args.seed})' if args.sample else ''}; "
        f"naive on {len(runs['naive']['results']) if 'naive' in runs else 0}\n"
    )
    summary: dict[str, Any] = {"manifest": str(args.manifest), "model": args.model, "decode": args.decode}
    decided: dict[str, Any] = {}  # per clip, the fitted decision's verdict (none with --rules-only)
    present = sorted({r["engine"] for r in rows})
    if args.rules_only or "verifier" not in runs:
        out: list[str] = []
        for engine in present:
            out += report_group(f"engine {engine}", [r for r in rows if r["engine"] == engine], runs) + [""]
        out += report_group("all engines", rows, runs) + [""]
        out += report_kinds(rows, runs) + [""]
        out += report_worst(rows, runs, "condition") + [""]
        out += report_known(rows, runs) + [""]
        print("\n".join(out))
        summary["rules_only"] = figures(rows, runs)
    elif args.calibration:
        from verifier.core.calibration.model import load

        lines, summary["judged"], decided = judged_by(
            rows, runs, load(args.calibration), str(args.calibration), args.manifest
        )
        print("\n".join(lines))
    else:
        by = args.leave_out
        groups = {str(r[by]) for r in rows}
        fit_engines = _engines(args.fit_on, groups, "--fit-on") or None
        test_engines = _engines(args.test_on, groups, "--test-on") or [
            e for e in sorted(groups) if e not in (fit_engines or [])
        ]
        if fit_engines and set(fit_engines) & set(test_engines):
            raise SystemExit("--fit-on and --test-on share an engine: figures on fitted clips are not held out")
        lines, summary["held_out"], decided = loeo(rows, runs, test_engines, fit_engines, by)
        if args.own_voice:
            lines += ["", *own_voice(rows, runs["verifier"])]
        print("\n".join(lines))
        if args.write_default:
            cal = fit_on(rows, runs["verifier"], present)
            held = summary["held_out"]
            keep = ("faithful_flagged", "faithful_flagged_ci95", "faults_flagged", "right_class", "ece", "gate")
            cal.fitted_on["held_out_figures"] = {
                e: {k: held[e][k] for k in keep if k in held[e]} for e in held if e not in ("speed", "same_clips")
            }
            model_flag = "" if args.model == "base" else f"--model {args.model} "
            flags = model_flag + (f"--features {','.join(FIT_FEATURES)} " if FIT_FEATURES else "")
            flags += f"--triage {TRIAGE_RATE} " if TRIAGE_RATE is not None else ""
            if args.manifest.resolve() != DEFAULT_MANIFEST.resolve():
                where = args.manifest.resolve()
                flags += f"--manifest {where.relative_to(ROOT) if where.is_relative_to(ROOT) else where} "
            cal.fitted_on["command"] = f"bench/heldout.py {flags}--write-default {args.write_default}"
            # the evidence it was fitted on: the code that read it and the arithmetic under that code
            cal.fitted_on["evidence_code"] = code_digest()
            cal.fitted_on["asr_stack"] = asr_stack()
            cal.fitted_on["machine"] = cpu
            cal.fitted_on["audio_digests"] = audio
            # it decides: held out, it flags a third as many faithful clips as the rules for about as many faults
            cal.decides = True
            cal.save(args.write_default)
            print(
                f"\ncalibration fitted on {cal.fitted_on['clips']} clips ({', '.join(present)}), cut-off "
                f"{cal.cutoff:.2f}; its class model on "
                f"{cal.classes.fitted_on['faults'] if cal.classes else 0} faults, the judged-only tables' included: "
                f"{args.write_default}\n(its reading bands are not measured yet: judge the sealed sets with it, then "
                f"run bench/reading.py --write {args.write_default})"
            )
    if args.json:
        summary["clips"] = [
            {
                k: r.get(k)
                for k in ("id", "engine", "voice", "condition", "audio_format", "text_kind", "label", "fault_kind")
            }
            | {
                # the fitted decision's verdict: held out (each engine by a fit that never saw it) or judged by
                # --calibration; the rules' own beside it
                "verifier": decided.get(r["id"], {}).get("verdict"),
                "confidence": decided.get(r["id"], {}).get("confidence"),
                "rules": runs["verifier"]["results"][r["id"]]["verdict"] if "verifier" in runs else None,
                "naive": runs["naive"]["results"].get(r["id"], {}).get("verdict") if "naive" in runs else None,
            }
            for r in rows
        ]
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=1) + "\n")
        print(f"\nfigures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

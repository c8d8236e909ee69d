"""How often faithful replies are flagged, by how well Whisper reads their voice (held out).

    nice -n 10 .venv/bin/python bench/reading.py [--model base] [--write verifier/core/calibration/default.json]
    nice -n 10 .venv/bin/python bench/reading.py --model tiny.en --write verifier/core/calibration/default-tiny.en.json

Reads the cached evidence of bench/heldout.py (run `make heldout` and the `make sealedN` targets
first; nothing here runs the ASR). Each clip is judged by a calibration that never saw it: the
held-out corpus's clips leave one engine out, the sealed sets' are judged by the calibration at
`--calibration` (the package's own for `--model`). A voice is one speech engine's voice in one language, as a
nightly run is; its reading is the median of its clips' readings (`Verdict.reading`: the median
probability of the transcript's words), and the voices are put in the bands of
`verifier.schema.reading.EDGES`.

Printed: per band, the voices and their faithful replies flagged, for the held-out corpus, for the
sealed sets and pooled. `--write PATH` stores the pooled bands in the calibration file at PATH (its
`reading_bands`), which reports quote beside a run's own reading.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import heldout as H  # noqa: E402 (after the sys.path lines)

from verifier.core.calibration.model import load  # noqa: E402
from verifier.core.calibration.statistics import reading  # noqa: E402
from verifier.schema.reading import EDGES, ReadingBand, run_reading  # noqa: E402

CORPORA = ("heldout", "sealed", "sealed2", "sealed3", "sealed4", "sealed5", "sealed6")

#: a voice's reading and its faithful replies: (median reading, faithful, flagged)
Voice = tuple[float, int, int]


def _args(manifest: Path, model: str) -> argparse.Namespace:
    return argparse.Namespace(
        model=model, decode="auto", cache=str(ROOT / ".verifier-cache" / "heldout"), manifest=manifest
    )


def judged(corpus: str, model: str, calibration: Path) -> tuple[list[H.Row], dict[str, Any]] | None:
    """The corpus's rows and each cached clip's held-out verdict, or None where it is not built or cached."""
    manifest = ROOT / "corpora" / corpus / "build" / "manifest.jsonl"
    if not manifest.exists():
        return None
    rows = H.read_rows(manifest)
    run = H.from_cache(_args(manifest, model), "verifier", rows)
    rows = [r for r in rows if r["id"] in run["results"]]
    if not rows:
        return None
    run["model"] = model
    run["voices"] = H.run_voices(rows, run)
    if corpus == "heldout":  # leave one engine out, as bench/heldout.py reports it
        _, _, results = H.loeo(rows, {"verifier": run}, sorted({r["engine"] for r in rows}))
    else:
        results = H.calibrated_run(rows, run, load(calibration))["results"]
    return rows, {k: {**results[k], "evidence": run["results"][k].get("evidence")} for k in results}


def voices(rows: list[H.Row], results: dict[str, Any]) -> list[Voice]:
    """Per voice and language: the median of its clips' readings, its faithful replies and those flagged."""
    by: dict[tuple[str, str], list[tuple[float | None, bool, bool]]] = {}
    for r in rows:
        res = results.get(r["id"])
        ev = res.get("evidence") if res else None
        if res is None or not ev or ev.get("kind") != "scored":
            continue
        by.setdefault(H.voice_key(r, ev), []).append((reading(ev), r["label"] == "match", res["verdict"] != "match"))
    out = []
    for clips in by.values():
        median, _ = run_reading(x for x, _, _ in clips)  # as a run states it: none from too few replies
        if median is not None:
            faithful = [flagged for _, ok, flagged in clips if ok]
            out.append((median, len(faithful), sum(faithful)))
    return out


def bands(found: list[Voice]) -> list[ReadingBand]:
    out = []
    for low, high in zip(EDGES, EDGES[1:]):
        inside = [v for v in found if ReadingBand(low, high, 0, 0, 0).holds(v[0])]
        out.append(ReadingBand(low, high, len(inside), sum(v[1] for v in inside), sum(v[2] for v in inside)))
    return out


def table(title: str, found: list[Voice]) -> list[str]:
    lines = [f"== {title}: {len(found)} voices", "    median word probability   voices   faithful flagged"]
    for b in bands(found):
        lines.append(
            f"    {b.low:.1f}-{b.high:.1f}                   {b.voices:>6}   {b.flagged}/{b.faithful} ({b.share:.0%})"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="base")
    ap.add_argument(
        "--calibration",
        type=Path,
        help="what judges the sealed sets (default: the package's calibration for --model)",
    )
    ap.add_argument("--write", type=Path, help="store the pooled bands in this calibration file")
    args = ap.parse_args(argv)
    if args.calibration is None:
        shipped = ROOT / "verifier" / "core" / "calibration"
        own = shipped / f"default-{args.model}.json"
        args.calibration = own if args.model != "base" and own.exists() else shipped / "default.json"
    held: list[Voice] = []
    sealed: list[Voice] = []
    used = []
    for corpus in CORPORA:
        got = judged(corpus, args.model, args.calibration)
        if got is None:
            continue
        used.append(corpus)
        (held if corpus == "heldout" else sealed).extend(voices(*got))
    if not used:
        raise SystemExit("no cached evidence: run `make heldout` (and the sealed sets) first")
    lines = [f"Whisper {args.model}; every clip judged by a calibration that never saw it ({', '.join(used)})", ""]
    lines += table("held-out corpus (leave one engine out)", held) + [""]
    if sealed:
        lines += table("sealed sets (judged by " + str(args.calibration.name) + ")", sealed) + [""]
    lines += table("pooled", held + sealed)
    print("\n".join(lines))
    if args.write:
        cal = load(args.write)
        cal.reading_bands = tuple(bands(held + sealed))
        cal.fitted_on["reading_bands"] = {
            "corpora": [f"corpora/{c}" for c in used],
            "voices": len(held + sealed),
            "command": "bench/reading.py"
            + ("" if args.model == "base" else f" --model {args.model}")
            + f" --write {args.write}",
            "date": _dt.date.today().isoformat(),
        }
        cal.save(args.write)
        print(f"\nreading bands written to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How often faithful replies are flagged, by how well Whisper reads their voice (held out).

    nice -n 10 .venv/bin/python bench/reading.py [--model base] [--write verifier/core/calibration/default.json]
    nice -n 10 .venv/bin/python bench/reading.py --model tiny.en --write verifier/core/calibration/default-tiny.en.json

Reads the cached evidence of bench/heldout.py (run `make heldout` and the `make sealedN` targets
first; nothing here runs the ASR). Each clip is judged by a calibration that never saw it: the
clips of the corpora the calibration at `--calibration` (the package's own for `--model`) was
fitted on are judged leave one engine out over all of those corpora together, as the shipped fit
was made (each engine by a fit on the others); a corpus it was not fitted on is judged by it. A
voice is one speech engine's voice in one language in one corpus, as a nightly run is; its reading
is the median of its clips' readings (`Verdict.reading`: the median probability of the
transcript's words), and the voices are put in the bands of `verifier.schema.reading.EDGES`.

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

from corpora.heldout.generate import TABLES  # noqa: E402
from verifier.core.calibration.model import load  # noqa: E402
from verifier.core.calibration.statistics import reading  # noqa: E402
from verifier.schema.reading import EDGES, ReadingBand, run_reading  # noqa: E402

#: every corpus the generator builds (the dev corpus's build is corpora/heldout, each sealed set's its
#: own): those a calibration was fitted on are judged leave one engine out, the others by it; a corpus
#: not built or not read yet is passed over
CORPORA = tuple("heldout" if name == "dev" else name for name in TABLES)

#: a voice's reading and its faithful replies: (median reading, faithful, flagged)
Voice = tuple[float, int, int]


def _args(manifest: Path, model: str) -> argparse.Namespace:
    return argparse.Namespace(
        model=model, decode="auto", cache=str(ROOT / ".verifier-cache" / "heldout"), manifest=manifest
    )


def loaded(corpus: str, model: str) -> tuple[list[H.Row], dict[str, Any]] | None:
    """The corpus's rows that have cached evidence and their run, or None where it is not built or cached."""
    manifest = ROOT / "corpora" / corpus / "build" / "manifest.jsonl"
    if not manifest.exists():
        return None
    rows = H.read_rows(manifest)
    run = H.from_cache(_args(manifest, model), "verifier", rows)
    rows = [r for r in rows if r["id"] in run["results"]]
    if not rows:
        return None
    run["model"] = model
    run["voices"] = H.run_voices(rows, run)  # a run is one corpus's voice
    return rows, run


def judged(
    corpora: dict[str, tuple[list[H.Row], dict[str, Any]]], calibration: Path
) -> dict[str, tuple[list[H.Row], dict[str, Any]]]:
    """Each corpus's rows and each clip's held-out verdict (with its evidence): the corpora the
    calibration was fitted on leave one engine out over all of them together, the others are judged
    by the calibration."""
    cal = load(calibration)
    if cal.triage is not None:  # the held-out fits are made as this one was: with a triage alike
        H.TRIAGE_RATE = float(cal.triage.fitted_on["max_faults_passed"])
    seen = set(cal.fitted_on.get("corpora") or ["corpora/heldout"])
    fitted = [c for c in corpora if f"corpora/{c}" in seen]
    results: dict[str, Any] = {}
    if fitted:
        rows = [r for c in fitted for r in corpora[c][0]]
        run: dict[str, Any] = {"results": {}, "voices": {}, "model": corpora[fitted[0]][1]["model"]}
        for c in fitted:
            run["results"].update(corpora[c][1]["results"])
            run["voices"].update(corpora[c][1]["voices"])
        _, _, results = H.loeo(rows, {"verifier": run}, sorted({r["engine"] for r in rows}))
    for c, (rows, run) in corpora.items():
        if c not in fitted:
            results.update(H.calibrated_run(rows, run, cal)["results"])
    every = {k: v for _, run in corpora.values() for k, v in run["results"].items()}
    return {
        c: (rows, {r["id"]: {**results[r["id"]], "evidence": every[r["id"]].get("evidence")} for r in rows})
        for c, (rows, _) in corpora.items()
    }


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
    found = {c: got for c in CORPORA if (got := loaded(c, args.model)) is not None}
    if not found:
        raise SystemExit("no cached evidence: run `make heldout` (and the sealed sets) first")
    held: list[Voice] = []
    sealed: list[Voice] = []
    for corpus, got in judged(found, args.calibration).items():
        (held if corpus == "heldout" else sealed).extend(voices(*got))
    used = list(found)
    lines = [
        f"Whisper {args.model}; every clip judged by a calibration that never saw it ({', '.join(used)}): "
        f"leave one engine out over the corpora {args.calibration.name} was fitted on, the others judged by it",
        "",
    ]
    lines += table("held-out corpus", held) + [""]
    if sealed:
        lines += table("sealed sets", sealed) + [""]
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

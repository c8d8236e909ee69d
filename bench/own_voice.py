"""What `verifier calibrate` buys a user, end to end: calibrated on a voice's own faithful replies, judged on
that voice's real faults and faithful replies in the sealed sets, beside the shipped calibration.

    .venv/bin/python bench/own_voice.py [--sets sealed7,sealed8,sealed9,sealed10] [--responses 50]
        [--model base] [--group A|B|all | --voices ID,ID] [--arms shipped,own,calibrate] [--json PATH]

Per voice, as a user would: `--responses` faithful English replies said in that voice (texts of the dev
corpus's and the first six sealed sets' tables, none of them a judged set's), and other-language material for
code-switch faults (Spanish and French replies said by the voice its sealed clips switch into, as a
realtime voice drifting into Spanish is still its own voice). `verifier calibrate`'s own steps
(`verifier.harness.calibrate.build` and `evaluate`) make faults from them and fit a calibration. Then
every English reply of that voice in the sealed sets (faithful ones and real faults, on texts no fit
saw) is judged from the evidence the bench cached for it (`bench/heldout.py` on each set first, with
the same model) by each arm: the shipped calibration, `verifier calibrate` as it fits (held to the
shipped calibration), its fit on the replies alone (`--prior none`), and the variants `--arms` names.

GROUPS splits the fourteen voices in two, fixed before any figure was seen: a variant chooses on group A
and is judged on group B (README, "Calibrating on your own voice", for the figures and the rule).

Each voice's material and its verification are cached in `corpora/own_voice/build/` (a rerun fits and
judges in seconds). Which voices: `--group`'s (default both), or `--voices`.
The shipped calibration was fitted on the dev corpus and sealed sets 1-6 (its `fitted_on.corpora`);
the line per voice says when the voice was among its voices.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from heldout import calibrated_run, from_cache, read_rows  # noqa: E402 (after the sys.path lines)

from corpora.heldout.engines import RATE, VOICE_SETS, Voice  # noqa: E402
from corpora.heldout.generate import Synth, foreign_voice  # noqa: E402
from verifier.schema import audio as codec  # noqa: E402

BUILD = ROOT / "corpora" / "own_voice" / "build"
SETS = ("sealed7", "sealed8", "sealed9", "sealed10")
#: the text tables a voice's material is said from: the dev corpus's and the first six sealed sets' (the
#: shipped fit's), never a set this bench judges
MATERIAL_TABLES = ("dev", "sealed", "sealed2", "sealed3", "sealed4", "sealed5", "sealed6")
#: The voices, in two groups fixed before any figure was seen: a variant of `verifier calibrate` chooses
#: what it must choose on group A and is judged on group B (`--group`).
GROUPS = {
    "A": (
        "espeak-ng:en-gb-x-rp+klatt",
        "espeak-ng:en-us-nyc+Mr serious",
        "espeak-ng:en-us+Storm",
        "piper:joe",
        "kokoro:jf_gongitsune/en",
        "flite:awb",
        "festival:kal_diphone",
    ),
    "B": (
        "espeak-ng:en-gb-scotland+klatt2",
        "espeak-ng:en-029+robosoft4",
        "espeak-ng:en-gb-x-gbcwmd+klatt4",
        "kokoro:jf_nezumi/en",
        "kokoro:jf_tebukuro/en",
        "flite:kal16",
        "festival:cmu_us_slt_arctic_hts",
    ),
}
#: how many Spanish and French replies each voice's code-switch material holds
FOREIGN_EACH = 8


def material_texts(n: int, language: str) -> list[str]:
    """n transcripts in `language` from the tables no judged set uses (the dev corpus's and the first six
    sealed sets'), in a fixed shuffle, so that each voice's material mixes every kind of text."""
    import random

    from corpora.heldout.generate import TABLES

    out = [
        " ".join(t.transcript if language == "en" else getattr(t, language))
        for name in MATERIAL_TABLES
        for t in TABLES[name].texts
        if (t.language == "en" if language == "en" else getattr(t, language) is not None)
    ]
    out = list(dict.fromkeys(out))
    random.Random(0).shuffle(out)
    if len(out) < n:
        raise SystemExit(f"only {len(out)} texts in {language!r} to say, not {n}")
    return out[:n]


def _voice(vid: str, sets: list[str]) -> tuple[Voice, str]:
    """The Voice of a manifest's voice id, and the latest set naming it (whose switches it speaks into)."""
    for s in reversed(sets):
        for voices in VOICE_SETS[s].values():
            for v in voices:
                if v.id == vid:
                    return v, s
    raise SystemExit(f"voice {vid!r} is in no voice set of {', '.join(sets)}")


def _source(sid: str, samples: np.ndarray, transcript: str, language: str) -> Any:
    from verifier.harness.calibrate import Source

    # through 16-bit WAV, as a user's recorded replies reach `verifier calibrate`
    return Source(sid, codec.for_asr(codec.encode(samples, RATE, "wav"), "wav"), transcript, language)


def _material_path(voice: Voice, n: int, model: str) -> Path:
    return BUILD / f"{voice.id.replace(':', '_').replace('/', '_').replace(' ', '_')}-{n}-{model}.json"


def _material(voice: Voice, n: int, model: str) -> list[dict]:
    return list(json.loads(_material_path(voice, n, model).read_text()))


def _pairs(rows: list[dict]) -> Any:
    """Cached material as `verifier calibrate` fits it: (example, verdict) pairs, of which the fit reads
    only the label, the source, the kind and the evidence."""
    from verifier.harness.calibrate import Example

    return [
        (
            Example(r["source"], r["kind"], r["label"], np.zeros(0, np.float32), "", "en"),
            SimpleNamespace(evidence=r["evidence"], verdict=SimpleNamespace(value=r["verdict"])),
        )
        for r in rows
    ]


def calibrate_voice(
    verifier: Any, voice: Voice, voice_set: str, n: int, synth: Synth, prior: Any = None
) -> tuple[Any, list[str], dict]:
    """`verifier calibrate` on n faithful replies in `voice` (`--prior none`, or `prior`): (calibration,
    its printed figures, facts)."""
    from verifier.harness.calibrate import build, evaluate

    cache = _material_path(voice, n, verifier.model)
    t0 = time.perf_counter()
    if cache.is_file():
        rows = json.loads(cache.read_text())
    else:
        sources = [
            _source(f"own{i}", synth.say(voice, text), text, "en") for i, text in enumerate(material_texts(n, "en"))
        ]
        foreign = [
            _source(f"{lang}{i}", synth.say(foreign_voice(voice, lang, voice_set), text), text, lang)
            for lang in ("es", "fr")
            for i, text in enumerate(material_texts(FOREIGN_EACH, lang))
        ]
        data = build(verifier, sources, foreign)
        rows = [
            {
                "source": ex.source,
                "kind": ex.kind,
                "label": ex.label,
                "verdict": v.verdict.value,
                "evidence": v.evidence,
            }
            for ex, v in data
        ]
        BUILD.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(rows))
    facts = {"command": "bench/own_voice.py", "voice": voice.id, "model": verifier.model}
    cal, lines = evaluate(_pairs(rows), facts, prior=prior)
    cal.decides = True
    return cal, lines, {"clips": len(rows), "seconds": round(time.perf_counter() - t0, 1)}


def arm(name: str, shipped: Any, own: Any, calibrated: Any, voice: Voice, n: int) -> Any:
    """The calibration an arm judges with (see --arms)."""
    from verifier.harness.calibrate import fitted

    kind, _, rest = name.partition(":")
    ridge, _, classes = rest.partition(":") if kind == "centred" else ("", "", rest)
    if kind == "shipped":
        return shipped
    if kind == "calibrate":
        return calibrated
    if kind == "own":
        cal = own
    elif kind == "centred":
        # calibrate's own fit at another ridge (so with the shipped class model, as calibrate names faults)
        cal = fitted(_pairs(_material(voice, n, own.fitted_on.get("model", "base"))), {}, shipped, float(ridge))
        cal.decides = True
    else:
        raise SystemExit(f"--arms: unknown arm {name!r}")
    if classes == "shipped":
        from dataclasses import replace

        cal = replace(cal, classes=shipped.classes)
    elif classes:
        raise SystemExit(f"--arms: unknown class model {classes!r} in {name!r}")
    return cal


def tally(rows: list[dict], run: dict[str, Any]) -> dict[str, Any]:
    faithful = [r for r in rows if r["label"] == "match"]
    faults = [r for r in rows if r["label"] != "match"]
    res = run["results"]

    def flagged(r: dict) -> bool:
        return bool(res[r["id"]]["verdict"] != "match")

    return {
        "faithful": len(faithful),
        "faithful_flagged": sum(1 for r in faithful if flagged(r)),
        "faults": len(faults),
        "faults_flagged": sum(1 for r in faults if flagged(r)),
        "right": sum(1 for r in rows if res[r["id"]]["verdict"] == r["label"]),
        "by_kind": {
            k: [sum(1 for r in faults if r["fault_kind"] == k and flagged(r)), n]
            for k, n in sorted(Counter(r["fault_kind"] for r in faults).items())
        },
    }


def line(name: str, t: dict[str, Any]) -> str:
    from verifier.core.calibration.figures import wilson

    lo, hi = wilson(t["faithful_flagged"], t["faithful"])
    return (
        f"{name:<34} faithful flagged {t['faithful_flagged']:>3}/{t['faithful']:<3} [{lo:.1%}-{hi:.1%}]  "
        f"faults {t['faults_flagged']:>3}/{t['faults']:<3}  right class {t['right']}/{t['faithful'] + t['faults']}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--responses", type=int, default=50)
    ap.add_argument("--model", default="base")
    ap.add_argument("--voices", default="", help="comma-separated voice ids (default: --group's)")
    ap.add_argument("--group", choices=("A", "B", "all"), default="all", help="the voices of GROUPS (default: both)")
    ap.add_argument("--cache", type=Path, default=ROOT / ".verifier-cache" / "heldout")
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--arms",
        default="shipped,own,calibrate",
        help="what judges each voice: shipped, calibrate (verifier calibrate as it fits: held to the shipped "
        "calibration), own (verifier calibrate --prior none), centred:RIDGE (calibrate's fit held to the shipped "
        "weights that hard), and :shipped after own (the shipped class model names the faults)",
    )
    ap.add_argument("--build-only", action="store_true", help="only calibrate --voices (caching it), judge nothing")
    args = ap.parse_args()

    from verifier.core.calibration import default as default_calibration
    from verifier.core.verify import Verifier, default_second_reader

    sets = [s for s in args.sets.split(",") if s]
    if args.build_only:
        verifier = Verifier(
            args.model, calibration=None, word_languages="always", second_reader=default_second_reader(args.model)
        )
        for vid in (v for v in args.voices.split(",") if v):
            voice, voice_set = _voice(vid, sets)
            _, lines, facts = calibrate_voice(verifier, voice, voice_set, args.responses, Synth(BUILD / "synth"))
            print(vid, facts, lines[0], flush=True)
        return 0
    voices = [v for v in args.voices.split(",") if v] or [
        v for g, vs in GROUPS.items() if args.group in (g, "all") for v in vs
    ]
    rows: list[dict] = []
    runs: dict[str, Any] = {"results": {}}
    for s in sets:
        manifest = ROOT / "corpora" / s / "build" / "manifest.jsonl"
        if not manifest.is_file():
            raise SystemExit(f"{manifest}: not built (make {s}-corpus)")
        set_rows = [r for r in read_rows(manifest) if r["language"] == "en" and r["voice"] in voices]
        ns = argparse.Namespace(model=args.model, decode="auto", cache=args.cache, manifest=manifest)
        cached = from_cache(ns, "verifier", set_rows)["results"]
        missing = [r["id"] for r in set_rows if r["id"] not in cached]
        if missing:
            raise SystemExit(f"{manifest}: {len(missing)} clips have no cached evidence (run bench/heldout.py on it)")
        rows += set_rows
        runs["results"].update(cached)
    shipped = default_calibration(args.model)
    if shipped is None:
        raise SystemExit(f"no shipped calibration for {args.model}")
    known = set(shipped.fitted_on.get("voices", []) if shipped.fitted_on else [])
    verifier = Verifier(
        args.model,
        calibration=None,
        word_languages="always",
        second_reader=default_second_reader(args.model),
    )
    synth = Synth(BUILD / "synth")
    arms = [a for a in args.arms.split(",") if a]
    out: dict[str, Any] = {"sets": sets, "responses": args.responses, "model": args.model, "voices": {}}
    totals: dict[str, list[dict]] = {a: [] for a in arms}
    print(f"own voice: {args.responses} faithful replies each, judged on {', '.join(sets)} ({args.model})")
    for vid in voices:
        voice, voice_set = _voice(vid, sets)
        mine = [r for r in rows if r["voice"] == vid]
        own, lines, facts = calibrate_voice(verifier, voice, voice_set, args.responses, synth)
        calibrated = None
        if "calibrate" in arms:
            calibrated, prior_lines, _ = calibrate_voice(verifier, voice, voice_set, args.responses, synth, shipped)
            lines = [*lines, *prior_lines]
        judged = {
            a: tally(mine, calibrated_run(mine, runs, arm(a, shipped, own, calibrated, voice, args.responses)))
            for a in arms
        }
        seen = "in the shipped fit" if vid in known else "new to the shipped fit"
        print(f"\n{vid} ({seen}; {len(mine)} sealed clips; calibrated on {facts['clips']} clips, {facts['seconds']} s)")
        print("  calibrate's own held-out figures, --prior none: " + lines[0])
        if calibrated is not None:
            print("  calibrate's own held-out figures, held to the shipped: " + prior_lines[0])
        for name, t in judged.items():
            print("  " + line(name, t))
        out["voices"][vid] = {"seen": vid in known, "calibrate": lines, **judged}
        for name, t in judged.items():
            totals[name].append({**t, "engine": voice.engine})
    print("\nall voices")
    for engine in [None, *sorted({voice_id.split(":")[0] for voice_id in voices})]:
        for name in arms:
            group = [t for t in totals[name] if engine is None or t["engine"] == engine]
            counts = ("faithful", "faithful_flagged", "faults", "faults_flagged", "right")
            summed = {k: sum(t[k] for t in group) for k in counts}
            kinds: dict[str, list[int]] = {}
            for t in group:
                for k, (a, b) in t["by_kind"].items():
                    kinds.setdefault(k, [0, 0])
                    kinds[k][0] += a
                    kinds[k][1] += b
            print("  " + line(f"{engine or 'all'}, {name}", {**summed, "by_kind": kinds}))
            if engine is None:
                print("    " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(kinds.items())))
                out[f"all_{name}"] = {**summed, "by_kind": kinds}
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

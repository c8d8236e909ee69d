"""Several held-out manifests as one, so that a fit can read every clip measured so far.

    .venv/bin/python bench/pool.py corpora/pooled/build/manifest.jsonl corpora/heldout/build/manifest.jsonl \
        corpora/sealed/build/manifest.jsonl ...          # `make pooled-manifest` names them

Each row is copied as it is, but for its audio path, rewritten relative to the pooled manifest's
folder: the audio stays where its corpus built it, and bench/heldout.py's cache, keyed by the
clip's bytes and transcript, finds the evidence each corpus's own pass stored. Each row gains the
field ``corpus`` (the folder its manifest lies in) where it lacks one. Ids must be unique across the
manifests: the cache is keyed by id.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heldout import read_rows  # bench/ is not a package: found by the sys.path line above

from corpora.heldout.provenance import corpus_name  # on the path once heldout is imported


def pool(out: Path, manifests: list[Path]) -> int:
    """Write the rows of `manifests` to `out`; return how many."""
    seen: dict[str, Path] = {}
    lines: list[str] = []
    for manifest in manifests:
        if not manifest.is_file():
            raise SystemExit(f"{manifest} not found: build that corpus first (see the Makefile)")
        corpus = corpus_name(manifest)
        for n, row in enumerate(read_rows(manifest), 1):
            if row["id"] in seen:
                raise SystemExit(f"{manifest}: id {row['id']!r} (row {n}) is also in {seen[row['id']]}")
            seen[row["id"]] = manifest
            if row.get("audio"):
                audio = (manifest.parent / row["audio"]).resolve()
                row["audio"] = os.path.relpath(audio, out.parent.resolve())
            row.setdefault("corpus", corpus)
            lines.append(json.dumps(row, ensure_ascii=False))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(out)
    return len(lines)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out, manifests = Path(argv[0]), [Path(a) for a in argv[1:]]
    if out.resolve() in {m.resolve() for m in manifests}:
        raise SystemExit(f"{out}: the pooled manifest would overwrite one it reads")
    n = pool(out, manifests)
    print(f"{out}: {n} clips from {len(manifests)} manifests")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""What `verifier score` prints under its counts (no model: hand-built verdicts)."""

from __future__ import annotations

from verifier.cli.score import listed
from verifier.schema.results import ResultMeta, Verdict


def _verdict(id_: str, verdict: str, confidence: float | None, explanation: str) -> Verdict:
    return Verdict(id=id_, verdict=verdict, confidence=confidence, explanation=explanation, meta=ResultMeta())


def test_score_lists_the_faults_and_the_borderline_matches_but_not_the_settled_ones() -> None:
    lines = listed(
        [
            _verdict("cut", "truncated", 0.97, 'The audio ends without the transcript\'s 2 last word(s) "help desk.".'),
            _verdict("exacto", "match", 0.45, "Borderline, listen to it. Judged a match (confidence 0.45 ...)"),
            _verdict("plain", "match", 0.05, "All 7 transcript words were heard."),
            _verdict("low", "match", 0.19, "Judged a match (confidence 0.19 ...)"),
            _verdict("rules", "match", None, "All 7 transcript words were heard."),
        ]
    )
    assert [line.split(":")[0].strip() for line in lines] == ["cut", "exacto"]
    assert lines[1].startswith("  exacto: match: Borderline, listen to it.")


def test_a_long_explanation_is_cut_where_the_results_keep_it_whole() -> None:
    (line,) = listed([_verdict("long", "content_mismatch", 0.9, "x" * 500)])
    assert len(line) == 300 and line.endswith("…")

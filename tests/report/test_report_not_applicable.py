"""`not_applicable` (nothing to verify) counts in no rate, no gate and no JUnit failure, and is shown apart."""

from __future__ import annotations

from verifier.report.gate import evaluate
from verifier.report.stats import compare, count_classes, mismatch_rate, rates_of, scope_counts
from verifier.schema.results import ANY_FAULT, ResultMeta, Verdict, VerdictClass, not_applicable_result


def _v(cls: VerdictClass, scope: str | None = None) -> Verdict:
    return Verdict(id="x", verdict=cls, meta=ResultMeta(scope=scope))


def test_rates_and_gates_are_of_judged_responses_only() -> None:
    verdicts = ["match", "truncated", "not_applicable", "not_applicable", "not_applicable", "error"]
    by = {r.name: r for r in rates_of(verdicts)}
    assert (by["truncated"].count, by["truncated"].total) == (1, 3)
    assert (by[ANY_FAULT].count, by[ANY_FAULT].total) == (2, 3)  # truncated + error; not the three skipped
    assert (by["not_applicable"].count, by["not_applicable"].total) == (3, 6)
    assert (mismatch_rate(verdicts).count, mismatch_rate(verdicts).total) == (1, 3)
    gate = evaluate([{"verdict": v} for v in verdicts], {"truncated": 0.34, ANY_FAULT: 0.5})
    assert gate.total == 3 and not gate.ok and gate.breaches == ["fault 2/3 = 66.7% > max 50.0%"]
    # Adding responses with nothing to verify moves no rate and no comparison.
    base = ["match"] * 3
    assert [c.p_value for c in compare(count_classes(verdicts), 6, count_classes(base), 3)] == [
        c.p_value for c in compare(count_classes(verdicts[:2] + verdicts[5:]), 3, count_classes(base), 3)
    ]


def test_scopes_are_counted_with_their_verdicts() -> None:
    rows = [
        not_applicable_result("a", "audio not requested", "Audio not requested."),
        _v(VerdictClass.MATCH, "interrupted by the client"),
        _v(VerdictClass.CONTENT_MISMATCH, "interrupted by the client"),
        _v(VerdictClass.MATCH),
    ]
    counts = scope_counts(rows)
    assert list(counts) == ["interrupted by the client", "audio not requested"]
    assert dict(counts["interrupted by the client"]) == {"match": 1, "content_mismatch": 1}

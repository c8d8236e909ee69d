"""Confidence intervals and the regression test behind `verifier compare`."""

from __future__ import annotations

import pytest

from verifier.report.stats import compare, count_classes, holm, rates_of, wilson


def test_wilson_matches_published_values() -> None:
    # Reference values of the Wilson score interval (z = 1.96), e.g. Newcombe (1998), table I.
    lo, hi = wilson(0, 10)
    assert lo == 0.0 and hi == pytest.approx(0.2775, abs=1e-4)
    lo, hi = wilson(5, 10)
    assert (lo, hi) == (pytest.approx(0.2366, abs=1e-4), pytest.approx(0.7634, abs=1e-4))
    lo, hi = wilson(81, 263)
    assert (lo, hi) == (pytest.approx(0.2553, abs=1e-3), pytest.approx(0.3662, abs=1e-3))
    assert wilson(10, 10)[1] == 1.0
    assert wilson(0, 0) == (0.0, 1.0)


def test_rates_include_every_class_and_fault_total() -> None:
    rs = {r.name: r for r in rates_of(["match", "match", "truncated", "error", "weird_new_class"])}
    assert rs["fault"].count == 3 and rs["fault"].total == 5
    assert rs["missing_audio"].count == 0 and rs["missing_audio"].high > 0  # 0/5 still has an upper bound
    assert rs["weird_new_class"].count == 1


def test_holm_adjustment() -> None:
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert holm([]) == []


def test_compare_flags_a_real_regression_and_not_equal_runs() -> None:
    base = count_classes(["match"] * 30)
    worse = count_classes(["match"] * 22 + ["missing_audio"] * 8)
    flagged = {c.name for c in compare(worse, 30, base, 30) if c.worse}
    assert flagged == {"missing_audio", "fault"}
    assert not any(c.worse for c in compare(base, 30, base, 30))
    assert not any(c.worse for c in compare(worse, 30, worse, 30))
    # An improvement is never a regression (one-sided).
    assert not any(c.worse for c in compare(base, 30, worse, 30))
    # One extra failure in 30 is noise, not a regression.
    assert not any(c.worse for c in compare(count_classes(["match"] * 29 + ["truncated"]), 30, base, 30))

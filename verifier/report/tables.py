"""Flat tables (CSV / Parquet) and the Markdown summary for a PR comment."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pandas as pd

from verifier.report.gate import GateResult
from verifier.report.rundata import Row, RunData
from verifier.report.stats import ANY_FAULT, Rate, mismatch_rate, rates_of, scope_counts
from verifier.schema.results import VerdictClass, fails

COLUMNS = [
    "id",
    "response_id",
    "prompt_id",
    "repeat_index",
    "config_name",
    "verdict",
    "flags",
    "explanation",
    "wer",
    "audio_seconds",
    "speech_seconds",
    "divergence_at",
    "align_score",
    "confidence",
    "reading",
    "transcript_language",
    "asr_language",
    "missing_words",
    "extra_words",
    "transcript",
    "asr_text",
    "error",
    "status",
    "scope",
    "part_types",
    "audio_format",
    "output_audio_tokens",
    "audio_file",
]


#: the float columns
NUMERIC = ("wer", "audio_seconds", "speech_seconds", "divergence_at", "align_score", "confidence", "reading")


def _audio_tokens(row: Row) -> int | None:
    usage = row.capture.usage if row.capture else None
    if not isinstance(usage, dict):
        return None
    details = usage.get("output_token_details") or {}
    value = details.get("audio_tokens") if isinstance(details, dict) else None
    return int(value) if isinstance(value, (int, float)) else None


def row_record(row: Row, config_name: str | None = None) -> dict[str, Any]:
    v, cap = row.verdict, row.capture
    return {
        "id": v.id,
        "response_id": row.response_id,
        "prompt_id": row.prompt_id,
        "repeat_index": v.meta.repeat_index,
        "config_name": v.meta.config_name or config_name,
        "verdict": v.verdict,
        "flags": ";".join(v.flags),
        "explanation": v.explanation,
        "wer": v.wer,
        "audio_seconds": v.audio_seconds,
        "speech_seconds": v.speech_seconds,
        "divergence_at": v.divergence_at,
        "align_score": v.align_score,
        "confidence": v.confidence,
        "reading": v.reading,
        "transcript_language": v.transcript_language,
        "asr_language": v.asr_language,
        "missing_words": " ".join(v.missing_words),
        "extra_words": " ".join(v.extra_words),
        "transcript": v.transcript,
        "asr_text": v.asr_text,
        "error": v.error,
        "status": cap.status if cap else None,
        "scope": v.meta.scope,
        "part_types": ";".join(cap.part_types) if cap else None,
        "audio_format": row.audio_format,
        "output_audio_tokens": _audio_tokens(row),
        "audio_file": str(row.audio_path) if row.audio_path else None,
    }


def results_frame(run: RunData) -> pd.DataFrame:
    frame = pd.DataFrame([row_record(r, run.config_name) for r in run.rows], columns=COLUMNS)
    # Explicit dtypes so an empty run or an all-None column still writes valid Parquet.
    for col in NUMERIC:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    frame["output_audio_tokens"] = pd.to_numeric(frame["output_audio_tokens"], errors="coerce").astype("Int64")
    frame["repeat_index"] = pd.to_numeric(frame["repeat_index"], errors="coerce").astype("Int64")
    for col in set(COLUMNS) - {*NUMERIC, "output_audio_tokens", "repeat_index"}:
        frame[col] = frame[col].astype("string")
    return frame


#: A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A text cell a spreadsheet shows as text: a leading `'` defuses a formula; numbers pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """`frame` as CSV for spreadsheets: model-controlled text cannot become a formula."""
    safe = frame.copy()
    for col in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[col]):
            safe[col] = safe[col].map(csv_cell, na_action="ignore")
    # CRLF rows (RFC 4180) make the writer quote any cell holding a bare \r, which a spreadsheet
    # would otherwise read as a new row whose first cell could again be a formula.
    return str(safe.to_csv(index=False, lineterminator="\r\n"))


def write_tables(run: RunData, out_dir: Path) -> dict[str, Path]:
    frame = results_frame(run)
    csv_path, pq_path = out_dir / "results.csv", out_dir / "results.parquet"
    csv_path.write_text(csv_text(frame), encoding="utf-8")
    frame.to_parquet(pq_path, index=False)
    return {"results.csv": csv_path, "results.parquet": pq_path}


# --- Markdown ---------------------------------------------------------------


def md_cell(text: object, limit: int = 160) -> str:
    """Model text made safe for a Markdown table cell (no HTML, pipes or line breaks)."""
    s = " ".join(str(text).split())
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return html.escape(s, quote=False).replace("|", "\\|").replace("`", "&#96;")


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def rates_markdown(rates: list[Rate]) -> str:
    lines = ["| class | count | rate | 95% CI |", "|---|---:|---:|---|"]
    for r in rates:
        name = f"**{r.name}**" if r.name == ANY_FAULT else r.name
        lines.append(f"| {name} | {r.count}/{r.total} | {pct(r.rate)} | {pct(r.low)}–{pct(r.high)} |")
    return "\n".join(lines)


def summary_markdown(run: RunData, gate: GateResult | None = None, *, max_failures: int = 10) -> str:
    rates = rates_of(run.verdicts)
    fault = next(r for r in rates if r.name == ANY_FAULT)
    mm = mismatch_rate(run.verdicts)
    errors = run.verdicts.count("error")
    total = mm.total
    skipped = run.verdicts.count(VerdictClass.NOT_APPLICABLE.value)
    head = "✅" if total and fault.count == 0 else ("⚠️" if total else "❔")
    if gate is not None:
        head = "✅" if gate.ok else "❌"
    t = run.target
    where = " · ".join(
        md_cell(x, 60) for x in (t.get("deployment") or t.get("model"), t.get("api_version"), run.config_name) if x
    )
    out = [
        f"### {head} verifier: {mm.count} of {total} responses diverge from their transcript "
        f"({pct(mm.rate)}, 95% CI {pct(mm.low)}–{pct(mm.high)})"
        + (f"; {errors} could not be judged" if errors else "")
        + (f"; {skipped} had nothing to verify (not_applicable)" if skipped else ""),
        "",
    ]
    out.append(f"Run `{md_cell(run.run_id, 80)}`" + (f" · {where}" if where else ""))
    out.append("")
    if gate is not None:
        out += [f"**Gate:** {md_cell(gate.reason, 400)}", ""]
    reading = run.reading_note
    if reading:
        out += [md_cell(reading, 600), ""]
    out += [rates_markdown(rates), ""]
    scopes = scope_counts(r.verdict for r in run.rows)
    if scopes:
        out += ["| not verified in full | responses | verdicts |", "|---|---:|---|"]
        out += [
            f"| {md_cell(s, 80)} | {sum(c.values())} | {', '.join(f'{k} {n}' for k, n in c.most_common())} |"
            for s, c in scopes.items()
        ]
        out.append("")
    failures = [r for r in run.rows if fails(r.verdict.verdict)]
    if failures:
        out += [
            f"<details><summary>{len(failures)} failing response(s)</summary>",
            "",
            "| response | prompt | verdict | explanation |",
            "|---|---|---|---|",
        ]
        for r in failures[:max_failures]:
            out.append(
                f"| {md_cell(r.response_id, 40)} | {md_cell(r.prompt_id or '', 40)} "
                f"| {md_cell(r.verdict.verdict, 40)} | "
                f"{md_cell(r.verdict.explanation or r.verdict.error or '')} |"
            )
        if len(failures) > max_failures:
            out.append(f"| … | | | {len(failures) - max_failures} more in report.html |")
        out += ["", "</details>", ""]
    if run.problems:
        out += ["Notes: " + "; ".join(md_cell(p, 200) for p in run.problems[:5]), ""]
    return "\n".join(out)

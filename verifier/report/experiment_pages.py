"""Reports for an A/B experiment: experiment.html, experiment.csv and experiment.md.

The question users bring is "does setting X remove failure Y?", so the page
leads with, per configuration, each class's rate and 95% CI side by side,
then the per-class test against the baseline configuration.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pandas as pd

from verifier.report.experiment import (
    ClassComparison,
    ConfigOutcome,
    ExperimentResult,
    comparisons,
    load_experiment,
    write_json,
)
from verifier.report.html import asset, fill
from verifier.report.plots import grouped_rates_svg
from verifier.report.rundata import load_run
from verifier.report.stats import ANY_FAULT, CLASSES, count_classes
from verifier.report.tables import csv_text, md_cell

SHOWN = (*CLASSES[1:], ANY_FAULT)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _classes(result: ExperimentResult) -> list[str]:
    used = [c for c in SHOWN if any(o.counts.get(c) for o in result.outcomes)]
    return [c for c in SHOWN if c in used or c == ANY_FAULT]


def experiment_frame(result: ExperimentResult) -> pd.DataFrame:
    rows = []
    for o in result.outcomes:
        for r in o.rates if o.total else []:
            rows.append(
                {
                    "configuration": o.name,
                    "status": o.status,
                    "verdict": r.name,
                    "count": r.count,
                    "total": r.total,
                    "rate": r.rate,
                    "ci_low": r.low,
                    "ci_high": r.high,
                }
            )
        if not o.total:
            rows.append(
                {
                    "configuration": o.name,
                    "status": o.status,
                    "verdict": None,
                    "count": 0,
                    "total": 0,
                    "rate": None,
                    "ci_low": None,
                    "ci_high": None,
                }
            )
    return pd.DataFrame(
        rows, columns=["configuration", "status", "verdict", "count", "total", "rate", "ci_low", "ci_high"]
    )


def _sig(c: ClassComparison, alpha: float = 0.05) -> str:
    if c.p_value >= alpha:
        return "no significant difference"
    return f"significantly {c.direction}"


def experiment_markdown(result: ExperimentResult) -> str:
    classes = _classes(result)
    lines = [
        f"### verifier experiment: {md_cell(result.name, 80)}",
        "",
        "Rates with Wilson 95% CIs; baseline: `" + md_cell(result.baseline, 60) + "`.",
        "",
        "| configuration | status | n | " + " | ".join(classes) + " |",
        "|---|---|---:|" + "---:|" * len(classes),
    ]
    for o in result.outcomes:
        by = {r.name: r for r in o.rates}
        cells = [
            f"{by[c].count} ({_pct(by[c].rate)}, {_pct(by[c].low)}–{_pct(by[c].high)})" if o.total else "—"
            for c in classes
        ]
        status = o.status if o.status == "ok" else f"**{o.status}**: {md_cell(o.message or '', 120)}"
        lines.append(f"| {md_cell(o.name, 60)} | {status} | {o.total} | " + " | ".join(cells) + " |")
    comps = [c for c in comparisons(result) if c.verdict in classes]
    if comps:
        lines += ["", "Against the baseline (two-sided Fisher exact test, α = 0.05):", ""]
        for c in comps:
            if c.count or c.baseline_count:
                lines.append(
                    f"- `{md_cell(c.configuration, 60)}` {c.verdict}: {c.count}/{c.total} vs "
                    f"{c.baseline_count}/{c.baseline_total}, p = {c.p_value:.3g} — {_sig(c)}"
                )
    return "\n".join(lines) + "\n"


def _show_settings(settings: dict[str, object]) -> str:
    def show(v: object) -> str:
        return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)

    return " · ".join(f"{k}={show(v)}" for k, v in settings.items())


def _overrides(o: ConfigOutcome) -> str:
    return _show_settings(o.overrides) or "(shared settings only)"


def _outcome_row(o: ConfigOutcome, classes: list[str], baseline: str) -> str:
    by = {r.name: r for r in o.rates}
    link = (
        f'<a href="{escape(o.run_dir)}/report.html">{escape(o.name)}</a>'
        if o.run_dir and o.total
        else f"<b>{escape(o.name)}</b>"
    )
    status = f'<span class="badge {"match" if o.status == "ok" else "error"}">{escape(o.status)}</span>'
    message = f'<div class="msg">{escape(o.message)}</div>' if o.message else ""
    cells = "".join(
        f'<td class="num">{by[c].count}/{by[c].total}<br><b>{_pct(by[c].rate)}</b> '
        f'<span class="muted">[{_pct(by[c].low)}–{_pct(by[c].high)}]</span></td>'
        if o.total
        else '<td class="num">—</td>'
        for c in classes
    )
    settings = escape(json.dumps(o.settings, ensure_ascii=False, default=str))
    tag = ' <span class="muted">(baseline)</span>' if o.name == baseline else ""
    return (
        f'<tr><td class="cfg">{link}{tag}<div class="ovr" title="{settings}">{escape(_overrides(o))}</div>'
        f"{message}</td><td>{status}</td>{cells}</tr>"
    )


def experiment_html(result: ExperimentResult) -> str:
    classes = _classes(result)
    head = "".join(f'<th><span class="badge {escape(c)}">{escape(c)}</span></th>' for c in classes)
    rows = "".join(_outcome_row(o, classes, result.baseline) for o in result.outcomes)
    ok = [(o.name, o.rates) for o in result.outcomes if o.status == "ok" and o.total]
    plot = grouped_rates_svg(ok, classes) if ok else ""
    comps = [c for c in comparisons(result) if c.verdict in classes and (c.count or c.baseline_count)]
    comp_rows = "".join(
        f'<tr><td>{escape(c.configuration)}</td><td><span class="badge {escape(c.verdict)}">{escape(c.verdict)}'
        f'</span></td><td class="num">{c.count}/{c.total}</td><td class="num">{c.baseline_count}/'
        f'{c.baseline_total}</td><td class="num">{c.p_value:.3g}</td><td>{escape(_sig(c))}</td></tr>'
        for c in comps
    )
    body = [
        f'<header><h1>verifier experiment: {escape(result.name)}</h1><div class="sub">{len(result.outcomes)} '
        f"configurations · baseline <b>{escape(result.baseline)}</b> · started {escape(result.started)}"
        f"{' · finished ' + escape(result.finished) if result.finished else ' · in progress'}</div></header>",
        f"<p>Shared settings: <code>{escape(_show_settings(result.base))}</code></p>" if result.base else "",
        "<h2>Rates per configuration</h2>",
        '<table class="rates exp"><thead><tr><th>configuration</th><th>status</th>'
        + head
        + f"</tr></thead><tbody>{rows}</tbody></table>",
        '<p class="muted">Counts / responses, rate, [Wilson 95% CI]. A rejected configuration is one the service '
        "refused (an <code>error</code> event for <code>session.update</code>); its message is shown.</p>",
        plot,
    ]
    if comps:
        body += [
            "<h2>Against the baseline</h2>",
            '<table class="rates"><thead><tr><th>configuration</th><th>class</th><th>this</th><th>baseline</th>'
            f"<th>p</th><th>two-sided Fisher exact, α = 0.05</th></tr></thead><tbody>{comp_rows}</tbody></table>",
        ]
    return fill(
        asset("template.html"),
        {
            "TITLE": escape(f"verifier experiment — {result.name}"),
            "CSS": asset("report.css"),
            "JS": "",
            "BODY": "\n".join(body),
        },
    )


def write_experiment_reports(result: ExperimentResult) -> dict[str, Path]:
    """experiment.json first (the record), then the pages built from it."""
    write_json(result)
    paths = {
        "experiment.html": result.path / "experiment.html",
        "experiment.csv": result.path / "experiment.csv",
        "experiment.md": result.path / "experiment.md",
    }
    paths["experiment.html"].write_text(experiment_html(result), encoding="utf-8")
    paths["experiment.csv"].write_text(csv_text(experiment_frame(result)), encoding="utf-8")
    paths["experiment.md"].write_text(experiment_markdown(result), encoding="utf-8")
    return paths


def rebuild_experiment(path: Path | str) -> ExperimentResult:
    """Re-read every sub-run of an experiment and rewrite all its reports."""
    from verifier.report import build_reports

    result = load_experiment(path)
    for o in result.outcomes:
        sub = result.path / o.run_dir if o.run_dir else None
        if sub is not None and sub.is_dir():
            data = load_run(sub)
            o.total, o.counts = len(data.rows), count_classes(data.verdicts)
            build_reports(data, sub)
    write_experiment_reports(result)
    return result

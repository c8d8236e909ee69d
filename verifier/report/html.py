"""The HTML report: one self-contained file per run (CSS, JS, SVG and audio inline).

Every piece of model text (transcripts, heard text, explanations, ids) goes
through `esc()`; the template is filled in a single pass so nothing inserted
can be re-read as a placeholder.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from html import escape
from importlib import resources
from typing import Any

from verifier.report.gate import GateResult
from verifier.report.plots import rates_svg, timeline_svg
from verifier.report.rundata import Row, RunData
from verifier.report.stats import ANY_FAULT, CLASSES, Rate, mismatch_rate, rates_of, scope_counts
from verifier.schema.results import Verdict, VerdictClass, WordOp, fails

#: Raw WAV bytes embedded per report before audio is left out (failures first).
DEFAULT_AUDIO_BUDGET = 48 * 1024 * 1024
#: Failing responses are shown expanded when there are at most this many.
OPEN_FAILURES_UP_TO = 25


def esc(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def fill(template: str, parts: dict[str, str]) -> str:
    return re.sub(r"@([A-Z]+)@", lambda m: parts.get(m.group(1), m.group(0)), template)


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _fmt(x: float | None, digits: int = 2) -> str:
    return "" if x is None else f"{x:.{digits}f}"


# --- pieces -----------------------------------------------------------------


def words_html(words: Sequence[WordOp]) -> tuple[str, str]:
    """Transcript line and heard line with missing / extra / substituted words marked."""
    ref, hyp = [], []
    for w in words:
        if w.op == "ok":
            ref.append(f'<span class="w">{esc(w.ref)}</span>')
            hyp.append(f'<span class="w">{esc(w.hyp if w.hyp is not None else w.ref)}</span>')
        elif w.op == "missing":
            title = "not heard in the audio" + (f" (score {w.probability:.2f})" if w.probability is not None else "")
            ref.append(f'<span class="w missing" title="{esc(title)}">{esc(w.ref)}</span>')
        elif w.op == "extra":
            hyp.append(f'<span class="w extra" title="heard, not in the transcript">{esc(w.hyp)}</span>')
        else:
            ref.append(f'<span class="w substituted" title="heard as: {esc(w.hyp)}">{esc(w.ref)}</span>')
            hyp.append(f'<span class="w substituted" title="transcript says: {esc(w.ref)}">{esc(w.hyp)}</span>')
    return " ".join(ref), " ".join(hyp)


def diff_html(v: Verdict) -> str:
    if v.words:
        ref, hyp = words_html(v.words)
    else:
        ref = esc(v.transcript)
        if v.asr_text is not None:
            hyp = esc(v.asr_text)
        elif not v.audio_seconds:
            hyp = '<span class="muted">(no audio)</span>'
        else:
            hyp = '<span class="muted">(free decoding skipped)</span>'
    if not v.transcript:
        ref = '<span class="muted">(no transcript)</span>'
    return (
        f'<div class="diff"><span class="lbl">Transcript</span><div class="ref">{ref}</div>'
        f'<span class="lbl">Heard</span><div class="hyp">{hyp or "<span class=muted>(nothing)</span>"}</div></div>'
    )


def segments_html(v: Verdict) -> str:
    if not v.segments:
        return ""
    expect = (v.transcript_language or "").lower()
    rows = []
    for s in v.segments:
        foreign = bool(expect and s.language and s.language.lower() != expect)
        prob = f" ({s.language_probability:.2f})" if s.language_probability is not None else ""
        rows.append(
            f'<tr class="{"foreign" if foreign else ""}"><td class="num">{s.start:.2f}–{s.end:.2f} s</td>'
            f"<td>{esc(s.language or '?')}{prob}{' ⚠' if foreign else ''}</td><td>{esc(s.text)}</td></tr>"
        )
    return (
        '<table class="segs"><thead><tr><th>audio</th><th>language</th><th>heard</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _kv(items: Iterable[tuple[str, Any]]) -> str:
    cells = []
    for k, val in items:
        if val is None or val == "" or val == [] or val == {}:
            continue
        text = val if isinstance(val, str) else json.dumps(val, ensure_ascii=False, sort_keys=True)
        cells.append(f"<dt>{esc(k)}</dt><dd>{esc(text)}</dd>")
    return f'<dl class="kv">{"".join(cells)}</dl>' if cells else ""


def _latency(row: Row) -> float | None:
    c = row.capture
    if c and c.t_created is not None and c.t_first_audio is not None:
        return c.t_first_audio - c.t_created
    return None


def response_html(i: int, row: Row, audio_src: str | None, open_: bool) -> str:
    v, cap = row.verdict, row.capture
    verdict = esc(v.verdict)
    conf = (
        f' <span class="num muted" title="confidence that the audio diverges from its transcript">'
        f"{v.confidence:.2f}</span>"
        if v.confidence is not None
        else ""
    )
    summary = (
        f'<summary class="grid"><span class="num muted">{i}</span>'
        f'<span class="id" title="{esc(row.response_id)}">'
        f'{esc(row.response_id)}</span><span class="id" title="{esc(row.prompt_id)}">{esc(row.prompt_id)}</span>'
        f'<span><span class="badge {verdict}">{verdict}</span>{conf}</span>'
        f'<span class="num">{_fmt(v.wer)}</span>'
        f'<span class="num">{_fmt(v.audio_seconds, 1)}</span><span class="num">{_fmt(v.divergence_at)}</span>'
        f'<span class="expl" title="{esc(v.explanation or v.error)}">{esc(v.explanation or v.error)}</span>'
        "</summary>"
    )
    if audio_src:
        player = f'<audio controls preload="metadata" src="{audio_src}"></audio>'
    elif row.audio_path is not None and row.audio_format:
        player = f'<p class="noaudio">audio not embedded (size budget): {esc(row.audio_path.name)}</p>'
    else:
        player = '<p class="noaudio">no audio</p>'
    flags = " ".join(f'<span class="badge {esc(f)}">{esc(f)}</span>' for f in v.flags if f != v.verdict)
    usage = cap.usage if cap and isinstance(cap.usage, dict) else {}
    out_details = usage.get("output_token_details") if isinstance(usage.get("output_token_details"), dict) else None
    kv = _kv(
        [
            ("response_id", row.response_id),
            ("prompt_id", row.prompt_id),
            ("repeat", v.meta.repeat_index),
            ("item_id", cap.item_id if cap else None),
            ("session_id", cap.session_id if cap else None),
            ("status", cap.status if cap else None),
            ("status_details", cap.status_details if cap else None),
            ("content parts", ", ".join(cap.part_types) if cap else None),
            ("verified", v.meta.scope),
            ("modalities", _modalities(cap)),
            (
                "output items",
                [f"{i.get('type')} {i.get('name') or ''}".strip() for i in cap.output_items]
                if cap and cap.output_items
                else None,
            ),
            ("client events", cap.client_events if cap and cap.client_events else None),
            ("client cut", cap.truncation if cap else None),
            ("audio format", row.audio_format),
            ("audio chunks", cap.audio_chunks if cap else None),
            ("output tokens", out_details),
            ("first audio after", f"{lat:.2f} s" if (lat := _latency(row)) is not None else None),
            ("WER", _fmt(v.wer, 3)),
            ("align score", _fmt(v.align_score, 3)),
            ("confidence it diverges", _fmt(v.confidence, 3)),
            ("transcript language", v.transcript_language),
            ("heard language", v.asr_language),
            ("speech seconds", _fmt(v.speech_seconds)),
            ("problems", cap.problems if cap else None),
            ("error", v.error),
        ]
    )
    body = (
        f'<div class="body"><p>{esc(v.explanation)} {flags}</p>{player}'
        f"{timeline_svg(v, row_id=row.response_id) if (v.audio_seconds or v.segments) else ''}"
        f"{diff_html(v)}{segments_html(v)}{kv}</div>"
    )
    edge = ' data-borderline="1"' if borderline(v.confidence) else ""
    return (
        f'<details class="resp" data-verdict="{verdict}"{edge} id="r-{esc(row.response_id)}"'
        f"{' open' if open_ else ''}>"
        f"{summary}{body}</details>"
    )


#: confidences in this range are borderline: the evidence does not settle it, a person should listen
BORDERLINE = (0.2, 0.8)


def borderline(confidence: float | None) -> bool:
    return confidence is not None and BORDERLINE[0] <= confidence < BORDERLINE[1]


def _modalities(cap: Any) -> str | None:
    mods = getattr(cap, "modalities", None)
    return f"{', '.join(mods)} (set by {cap.modalities_source})" if mods else None


def rates_table(rates: Sequence[Rate]) -> str:
    rows = "".join(
        f'<tr class="{"fault" if r.name == ANY_FAULT else ""}"><td><span class="badge {esc(r.name)}">{esc(r.name)}'
        f"</span></td><td>{r.count}</td><td>{pct(r.rate)}</td><td>{pct(r.low)} – {pct(r.high)}</td></tr>"
        for r in rates
    )
    return (
        '<table class="rates"><thead><tr><th>class</th><th>responses</th><th>rate</th><th>95% CI (Wilson)</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def scope_html(run: RunData) -> str:
    """Responses verified only in part (cut by the client, stopped by a limit) or not at all, and why."""
    scopes = scope_counts(r.verdict for r in run.rows)
    if not scopes:
        return ""
    rows = "".join(
        f"<tr><td>{esc(s)}</td><td>{sum(c.values())}</td><td>"
        + " ".join(f'<span class="badge {esc(k)}">{esc(k)}</span> {n}' for k, n in c.most_common())
        + "</td></tr>"
        for s, c in scopes.items()
    )
    return (
        '<h2>Not verified in full</h2><table class="rates"><thead><tr><th>why</th><th>responses</th>'
        f'<th>verdicts</th></tr></thead><tbody>{rows}</tbody></table><p class="muted">A response the client '
        "cut is verified up to the cut; one with nothing to verify is <b>not_applicable</b>, which no rate "
        "counts: the rates above are of the judged responses.</p>"
    )


def settings_html(info: dict[str, Any]) -> str:
    if not info:
        return ""
    flat: list[tuple[str, Any]] = []
    for key in (
        "run_id",
        "config_name",
        "started",
        "finished",
        "tool_version",
        "corpus",
        "repeat",
        "concurrency",
        "verifier_model",
    ):
        if key in info:
            flat.append((key, info[key]))
    for group in ("target", "session"):
        if isinstance(info.get(group), dict):
            flat += [(f"{group}.{k}", v) for k, v in info[group].items()]
    shown = {k for k, _ in flat} | {"target", "session"}
    flat += [(k, v) for k, v in info.items() if k not in shown and k.split(".")[0] not in shown]
    cells = "".join(
        f"<dt>{esc(k)}</dt><dd>{esc(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))}</dd>"
        for k, v in flat
        if v is not None
    )
    return f'<details><summary>Run settings</summary><dl class="settings">{cells}</dl></details>'


def _audio_sources(run: RunData, budget: int) -> dict[int, str]:
    """Data URIs for as many responses as the budget allows, failures first."""
    order = sorted(range(len(run.rows)), key=lambda i: run.rows[i].verdict.verdict is VerdictClass.MATCH)
    out: dict[int, str] = {}
    used = 0
    for i in order:
        wav = run.rows[i].wav_bytes()
        if not wav:
            continue
        if used + len(wav) > budget:
            continue
        used += len(wav)
        out[i] = "data:audio/wav;base64," + base64.b64encode(wav).decode("ascii")
    return out


def render_html(
    run: RunData, *, gate: GateResult | None = None, audio_budget: int = DEFAULT_AUDIO_BUDGET, extra_sections: str = ""
) -> str:
    rates = rates_of(run.verdicts)
    total = len(run.rows)
    t = run.target
    where = " · ".join(
        esc(x)
        for x in (
            t.get("kind") if t.get("kind") == "simulator" else None,
            t.get("api"),
            t.get("host"),
            t.get("region"),
            t.get("deployment") or t.get("model"),
            t.get("api_version"),
            t.get("shape"),
            run.config_name,
        )
        if x
    )
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        f'<header><h1>verifier report</h1><div class="sub">run <b>{esc(run.run_id)}</b>'
        f"{' · ' + where if where else ''} · generated {generated}</div></header>"
    ]
    if total:
        mm = mismatch_rate(run.verdicts)
        errors = run.verdicts.count("error")
        skipped = run.verdicts.count(VerdictClass.NOT_APPLICABLE.value)
        parts.append(
            f'<p class="headline"><b>{mm.count} of {mm.total}</b> responses diverge from their own '
            f"transcript ({pct(mm.rate)}; 95% CI {pct(mm.low)} – {pct(mm.high)})"
            + (f"; {errors} could not be judged (error)" if errors else "")
            + (f"; {skipped} had nothing to verify (not_applicable)" if skipped else "")
            + ".</p>"
        )
    else:
        parts.append('<p class="headline">No responses in this run.</p>')
    if gate is not None:
        parts.append(f'<div class="gate {"ok" if gate.ok else "fail"}">{esc(gate.reason)}</div>')
    reading = run.reading_note
    if reading:
        parts.append(f'<p class="reading">{esc(reading)}</p>')
    parts.append(f'<h2>Rates</h2><div class="cols">{rates_table(rates)}{rates_svg(rates)}</div>')
    parts.append(
        '<p class="muted">Intervals are Wilson score 95% intervals: with few responses a 0% rate still '
        "allows a real failure rate up to the upper bound.</p>"
    )
    parts.append(scope_html(run))
    parts.append(settings_html(run.info))
    if run.problems:
        parts.append(
            '<div class="problems"><b>Notes</b><ul>'
            + "".join(f"<li>{esc(p)}</li>" for p in run.problems)
            + "</ul></div>"
        )
    parts.append(extra_sections)

    counts = {r.name: r.count for r in rates}
    present = [c for c in CLASSES if counts.get(c)] + sorted(set(run.verdicts) - set(CLASSES))
    boxes = "".join(
        f'<label><input type="checkbox" value="{esc(c)}" checked> <span class="badge {esc(c)}">{esc(c)}'
        f"</span> {counts.get(c, run.verdicts.count(c))}</label>"
        for c in present
    )
    parts.append(
        f'<h2>Responses (<span id="shown-count">{total}</span> shown)</h2>'
        f'<div class="filters">{boxes}<button id="only-failures" type="button">failures only</button>'
        f'<button id="only-borderline" type="button" '
        f'title="confidence {BORDERLINE[0]:.1f}-{BORDERLINE[1]:.1f}: '
        f'where a person should listen">borderline only</button>'
        f'<button id="show-all" type="button">all</button>'
        f'<input type="search" placeholder="search text, ids…" aria-label="search"></div>'
        '<div class="legend muted">Transcript vs heard: <span class="w missing">missing</span>'
        '<span class="w extra">extra</span><span class="w substituted">substituted</span> · timeline: '
        '<span style="color:#90caf9">■</span> speech in the transcript\'s language, '
        '<span style="color:#ffb74d">■</span> another language, <span style="color:#d50000">|</span> '
        "divergence starts</div>"
    )
    parts.append(
        '<div class="grid thead"><span>#</span><span>response</span><span>prompt</span><span>verdict</span>'
        '<span class="num">WER</span><span class="num">audio s</span><span class="num">diverges</span>'
        "<span>explanation</span></div>"
    )
    sources = _audio_sources(run, audio_budget)
    n_fail = sum(1 for v in run.verdicts if fails(v))
    for i, row in enumerate(run.rows):
        open_ = fails(row.verdict.verdict) and n_fail <= OPEN_FAILURES_UP_TO
        parts.append(response_html(i + 1, row, sources.get(i), open_))
    return fill(
        asset("template.html"),
        {
            "TITLE": esc(f"verifier report — {run.run_id}"),
            "CSS": asset("report.css"),
            "JS": asset("report.js"),
            "BODY": "\n".join(parts),
        },
    )

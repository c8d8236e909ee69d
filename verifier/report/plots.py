"""Inline SVG plots: no plotting library, no files, works in any browser.

Every string that reaches the SVG is escaped here, so callers may pass
configuration names and model text as they are.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from html import escape

from verifier.report.stats import ANY_FAULT, Rate
from verifier.schema.results import Verdict, VerdictClass

COLORS = {
    "match": "#2e7d32",
    "missing_audio": "#c62828",
    "truncated": "#ef6c00",
    "language_drift": "#6a1b9a",
    "extra_speech": "#1565c0",
    "content_mismatch": "#ad1457",
    "error": "#616161",
    ANY_FAULT: "#212121",
    "not_applicable": "#90a4ae",
}
SERIES = ["#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#ad1457", "#5d4037"]
FONT = 'font-family="system-ui,sans-serif" font-size="11"'


def color(name: str) -> str:
    return COLORS.get(name, "#455a64")


def _nice_max(x: float) -> float:
    """A round axis end at or above x (0.05, 0.1, 0.2, 0.25, 0.5, 1)."""
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0):
        if x <= step:
            return step
    return 1.0


def _pct(x: float) -> str:
    return f"{100 * x:.3g}%"


def _open_plot(width: int, height: int, title: str, title_x: int) -> list[str]:
    """The <svg> element and its visible title, for the plots that have one."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plot" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {FONT}><title>{escape(title)}</title>',
        f'<text x="{title_x}" y="16" font-weight="600">{escape(title)}</text>',
    ]


def _x_grid(sx: Callable[[float], float], axis: float, top: float, height: int) -> list[str]:
    """Vertical grid lines at quarters of the rate axis, labelled below."""
    out = []
    for i in range(5):
        v = axis * i / 4
        out.append(
            f'<line x1="{sx(v):.1f}" x2="{sx(v):.1f}" y1="{top}" y2="{height - 22}" stroke="#e0e0e0"/>'
            f'<text x="{sx(v):.1f}" y="{height - 8}" text-anchor="middle" fill="#555">{_pct(v)}</text>'
        )
    return out


def rates_svg(rates: Sequence[Rate], *, width: int = 560, title: str = "Rate per class (bars) with 95% CI") -> str:
    """Horizontal bars, one per class, with Wilson CI whiskers."""
    rows = [r for r in rates if r.name != VerdictClass.MATCH]
    label_w, pad, bar_h, gap = 130, 12, 16, 8
    plot_w = width - label_w - 2 * pad - 60
    height = 34 + len(rows) * (bar_h + gap) + 26
    top = max([r.high for r in rows if r.total] or [0.05])
    axis = _nice_max(top)
    x0 = label_w + pad

    def sx(v: float) -> float:
        return x0 + plot_w * min(v, axis) / axis

    parts = _open_plot(width, height, title, pad)
    parts += _x_grid(sx, axis, 26, height)
    for i, r in enumerate(rows):
        y = 30 + i * (bar_h + gap)
        cy = y + bar_h / 2
        parts.append(f'<text x="{label_w}" y="{cy + 4:.1f}" text-anchor="end">{escape(r.name)}</text>')
        parts.append(
            f'<rect x="{x0}" y="{y}" width="{sx(r.rate) - x0:.1f}" height="{bar_h}" '
            f'fill="{color(r.name)}" opacity="0.8">'
            f"<title>{escape(r.name)}: {r.count}/{r.total}</title></rect>"
        )
        if r.total:
            parts.append(
                f'<line x1="{sx(r.low):.1f}" x2="{sx(r.high):.1f}" y1="{cy}" y2="{cy}" stroke="#000"/>'
                f'<line x1="{sx(r.low):.1f}" x2="{sx(r.low):.1f}" y1="{cy - 5}" y2="{cy + 5}" stroke="#000"/>'
                f'<line x1="{sx(r.high):.1f}" x2="{sx(r.high):.1f}" y1="{cy - 5}" y2="{cy + 5}" '
                'stroke="#000"/>'
            )
        parts.append(f'<text x="{x0 + plot_w + 6}" y="{cy + 4:.1f}">{r.count}/{r.total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def grouped_rates_svg(
    groups: Sequence[tuple[str, Sequence[Rate]]],
    classes: Sequence[str],
    *,
    width: int = 640,
    title: str = "Rate per class and configuration, with 95% CI",
) -> str:
    """One cluster per class, one bar per configuration (A/B experiments)."""
    n_cfg = max(len(groups), 1)
    label_w, pad, bar_h = 130, 12, 12
    cluster_h = n_cfg * (bar_h + 3) + 12
    legend_h = 18 * math.ceil(n_cfg / 3)
    plot_w = width - label_w - 2 * pad - 60
    height = 30 + legend_h + len(classes) * cluster_h + 26
    by = [{r.name: r for r in rates} for _, rates in groups]
    top = max([r.high for d in by for c in classes if (r := d.get(c)) and r.total] or [0.05])
    axis = _nice_max(top)
    x0 = label_w + pad
    y_plot = 30 + legend_h

    def sx(v: float) -> float:
        return x0 + plot_w * min(v, axis) / axis

    parts = _open_plot(width, height, title, pad)
    for j, (name, _) in enumerate(groups):
        lx, ly = pad + (j % 3) * (width // 3), 30 + (j // 3) * 18
        parts.append(
            f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{SERIES[j % len(SERIES)]}"/>'
            f'<text x="{lx + 14}" y="{ly}">{escape(name)}</text>'
        )
    parts += _x_grid(sx, axis, y_plot, height)
    for i, cls in enumerate(classes):
        y = y_plot + i * cluster_h
        parts.append(f'<text x="{label_w}" y="{y + cluster_h / 2:.1f}" text-anchor="end">{escape(cls)}</text>')
        for j, ((cfg, _), d) in enumerate(zip(groups, by)):
            r = d.get(cls)
            if r is None:
                continue
            by_ = y + 4 + j * (bar_h + 3)
            cy = by_ + bar_h / 2
            parts.append(
                f'<rect x="{x0}" y="{by_}" width="{sx(r.rate) - x0:.1f}" height="{bar_h}" '
                f'fill="{SERIES[j % len(SERIES)]}" opacity="0.85"><title>{escape(cfg)} · {escape(cls)}: '
                f"{r.count}/{r.total} ({_pct(r.low)}–{_pct(r.high)})</title></rect>"
            )
            if r.total:
                parts.append(f'<line x1="{sx(r.low):.1f}" x2="{sx(r.high):.1f}" y1="{cy}" y2="{cy}" stroke="#000"/>')
            parts.append(f'<text x="{x0 + plot_w + 6}" y="{cy + 4:.1f}" font-size="10">{r.count}/{r.total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def history_svg(
    points: Sequence[tuple[str, Mapping[str, Rate]]],
    classes: Sequence[str],
    *,
    width: int = 640,
    height: int = 240,
    title: str = "Rate per class over runs",
) -> str:
    """One line per class across runs (oldest left) with 95% CIs (a band for "fault", whiskers otherwise)."""
    pad_l, pad_r, pad_t, pad_b = 48, 140, 28, 40
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    top = max([r.high for _, d in points for c in classes if (r := d.get(c)) and r.total] or [0.05])
    axis = _nice_max(top)
    n = len(points)

    def sx(i: int) -> float:
        return pad_l + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def sy(v: float) -> float:
        return pad_t + plot_h * (1 - min(v, axis) / axis)

    parts = _open_plot(width, height, title, 8)
    for i in range(5):
        v = axis * i / 4
        parts.append(
            f'<line x1="{pad_l}" x2="{pad_l + plot_w}" y1="{sy(v):.1f}" y2="{sy(v):.1f}" stroke="#e0e0e0"/>'
            f'<text x="{pad_l - 4}" y="{sy(v) + 4:.1f}" text-anchor="end" fill="#555">{_pct(v)}</text>'
        )
    step = max(1, math.ceil(n / 8))
    for i, (label, _) in enumerate(points):
        if i % step == 0 or i == n - 1:
            parts.append(
                f'<text x="{sx(i):.1f}" y="{height - pad_b + 14}" text-anchor="middle" fill="#555" '
                f'font-size="9">{escape(label[:16])}</text>'
            )
    for k, cls in enumerate(classes):
        pts = [(i, d[cls]) for i, (_, d) in enumerate(points) if cls in d and d[cls].total]
        if not pts:
            continue
        c = color(cls)
        if cls == ANY_FAULT or len(classes) == 1:  # one shaded band stays readable; more turn to mud
            band = [f"{sx(i):.1f},{sy(r.high):.1f}" for i, r in pts] + [
                f"{sx(i):.1f},{sy(r.low):.1f}" for i, r in reversed(pts)
            ]
            parts.append(f'<polygon points="{" ".join(band)}" fill="{c}" opacity="0.10"/>')
        else:
            off = (k - len(classes) / 2) * 2.0  # side by side, so equal intervals do not hide each other
            parts += [
                f'<line x1="{sx(i) + off:.1f}" x2="{sx(i) + off:.1f}" y1="{sy(r.low):.1f}" '
                f'y2="{sy(r.high):.1f}" stroke="{c}" stroke-width="1" opacity="0.6"/>'
                for i, r in pts
            ]
        parts.append(
            f'<polyline points="{" ".join(f"{sx(i):.1f},{sy(r.rate):.1f}" for i, r in pts)}" fill="none" '
            f'stroke="{c}" stroke-width="2"/>'
        )
        for i, r in pts:
            parts.append(
                f'<circle cx="{sx(i):.1f}" cy="{sy(r.rate):.1f}" r="3" fill="{c}"><title>{escape(cls)} '
                f"{escape(points[i][0])}: {r.count}/{r.total} ({_pct(r.low)}–{_pct(r.high)})</title></circle>"
            )
        ly = pad_t + 14 * k
        parts.append(
            f'<rect x="{width - pad_r + 10}" y="{ly}" width="10" height="3" fill="{c}"/>'
            f'<text x="{width - pad_r + 24}" y="{ly + 5}">{escape(cls)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _unspoken(v: Verdict) -> tuple[int, int]:
    """Transcript words missing before the first / after the last heard word."""
    ops = [w.op for w in v.words]
    heard = [i for i, op in enumerate(ops) if op != "missing"]
    if not ops:
        return 0, 0
    if not heard:
        return 0, len(ops)
    return heard[0], len(ops) - 1 - heard[-1]


def timeline_svg(v: Verdict, *, width: int = 640, row_id: str = "") -> str:
    """The response audio as a bar: ASR segments coloured by language, timed word
    problems as ticks, a red line where the audio starts to diverge, and dashed
    stretches for transcript words the audio never reached (head / tail)."""
    audio_end = max(v.audio_seconds or 0.0, max([s.end for s in v.segments] or [0.0]))
    head_n, tail_n = _unspoken(v)
    heard_words = sum(1 for w in v.words if w.op in ("ok", "substituted", "extra"))
    per_word = audio_end / heard_words if heard_words and audio_end else 0.35
    head_s, tail_s = head_n * per_word, tail_n * per_word
    span = max(head_s + audio_end + tail_s, 0.001)
    pad, h = 8, 60
    plot_w = width - 2 * pad

    def sx(t: float) -> float:  # t in audio seconds; the head stretch sits left of 0
        return pad + plot_w * max(0.0, min(t + head_s, span)) / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" data-duration="{audio_end:.3f}" '
        f'data-x0="{sx(0):.1f}" data-x1="{sx(audio_end):.1f}" data-row="{escape(row_id)}" width="{width}" '
        f'height="{h}" viewBox="0 0 {width} {h}" {FONT}>',
        f'<rect x="{sx(0):.1f}" y="10" width="{sx(audio_end) - sx(0):.1f}" height="20" fill="#eceff1"/>',
    ]
    for n, x0, x1, where in ((head_n, pad, sx(0), "before"), (tail_n, sx(audio_end), pad + plot_w, "after")):
        if n:
            parts.append(
                f'<rect x="{x0:.1f}" y="10" width="{x1 - x0:.1f}" height="20" fill="#ffebee" '
                f'stroke="#e57373" stroke-dasharray="4 3">'
                f"<title>{n} transcript word(s) never spoken ({where} the audio)</title></rect>"
            )
            if x1 - x0 > 70:
                parts.append(
                    f'<text x="{(x0 + x1) / 2:.1f}" y="24" text-anchor="middle" fill="#b71c1c" '
                    f'font-size="10">{n} word{"" if n == 1 else "s"} unspoken</text>'
                )
    expect = (v.transcript_language or "").lower()
    for s in v.segments:
        lang = (s.language or "?").lower()
        foreign = bool(expect and s.language and lang != expect)
        fill = "#ffb74d" if foreign else "#90caf9"
        parts.append(
            f'<rect x="{sx(s.start):.1f}" y="10" width="{max(sx(s.end) - sx(s.start), 1):.1f}" height="20" '
            f'fill="{fill}" stroke="#fff"><title>{s.start:.2f}–{s.end:.2f} s [{escape(lang)}] '
            f"{escape(s.text)}</title></rect>"
        )
        if s.language and sx(s.end) - sx(s.start) > 22:
            parts.append(f'<text x="{sx(s.start) + 3:.1f}" y="24" font-size="10">{escape(lang)}</text>')
    for w in v.words:
        if w.op != "ok" and w.start is not None:
            parts.append(
                f'<line x1="{sx(w.start):.1f}" x2="{sx(w.start):.1f}" y1="30" y2="36" stroke="#6d4c41">'
                f"<title>{escape(w.op)}: {escape(w.ref or '')} → {escape(w.hyp or '')}</title></line>"
            )
    parts.append(
        f'<text x="{sx(0):.1f}" y="45" fill="#555" font-size="9" text-anchor="middle">0 s</text>'
        f'<text x="{sx(audio_end):.1f}" y="45" fill="#555" font-size="9" text-anchor="middle">'
        f"{audio_end:.2f} s</text>"
    )
    if v.divergence_at is not None:
        x = sx(v.divergence_at)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="4" y2="36" stroke="#d50000" stroke-width="2"/>'
            f'<text x="{min(max(x, pad + 50), width - 60):.1f}" y="57" text-anchor="middle" fill="#d50000">'
            f"diverges at {v.divergence_at:.2f} s</text>"
        )
    parts.append(
        f'<line class="playhead" x1="{sx(0):.1f}" x2="{sx(0):.1f}" y1="8" y2="32" stroke="#000" '
        f'stroke-width="1.5" visibility="hidden"/>'
    )
    parts.append("</svg>")
    return "".join(parts)

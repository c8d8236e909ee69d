"""Support bundle: the evidence a cloud support engineer can act on, in one zip.

Per mismatched response: its audio as WAV, the transcript, what was heard, the
word diff, the verdict, the capture (ids, status, usage, timings), and the
events of its request (client and server, audio payloads replaced by their
size). Plus run settings, a results table, a failures-only HTML report, and
SUMMARY.md written to be pasted into a ticket. Every text file passes the
bundle scrubber (`scrub.py`); WAV files carry only samples.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from verifier.report.html import render_html
from verifier.report.rundata import Row, RunData, load_run
from verifier.report.scrub import known_secrets, scrub_obj, scrub_text
from verifier.report.stats import rates_of, wilson
from verifier.report.tables import csv_text, results_frame
from verifier.schema.results import FAULT_CLASSES, VerdictClass, WordOp, fails, judged
from verifier.schema.rundir import EVENTS, read_jsonl
from verifier.schema.wire import AUDIO_DELTA_NAMES, response_id_of

_SESSION_TYPES = ("session.created", "session.updated", "session.update", "error")
# Fields of response.done's `response` that say how it was generated (beta and GA names).
_RESPONSE_SETTINGS = (
    "modalities",
    "output_modalities",
    "voice",
    "output_audio_format",
    "audio",
    "temperature",
    "max_output_tokens",
    "status_details",
)


def _slim(event: dict[str, Any]) -> dict[str, Any]:
    """An event without its bulk: audio payloads become their base64 length."""
    if event.get("type") in AUDIO_DELTA_NAMES or event.get("type") == "input_audio_buffer.append":
        slim = {k: v for k, v in event.items() if k not in ("delta", "audio")}
        payload = event.get("delta") or event.get("audio") or ""
        slim["delta"] = f"<{len(payload) if isinstance(payload, str) else 0} base64 chars omitted: see audio.wav>"
        return slim
    return event


Events = dict[tuple[Any, str], list[tuple[int, dict[str, Any]]]]  # (conn, response id) -> (line, event row)


def collect_events(run_dir: Path, response_ids: set[str]) -> Events:
    """For each (connection, response id): every event of the request that produced it, in order.

    A request is (connection, prompt, attempt); its session events (session.*
    and errors on that connection before the prompt) come along so the
    settings the server actually applied are in the evidence. Keyed by
    connection too: a service may reuse a response id on another connection,
    and each response keeps its own evidence (see `row_events`).
    """
    path = run_dir / EVENTS
    keys: dict[tuple[Any, Any, Any], set[str]] = {}
    conns: dict[Any, set[str]] = {}
    for row in read_jsonl(path):
        ev = row.get("event")
        if not isinstance(ev, dict):
            continue
        rid = response_id_of(ev)
        if rid in response_ids:
            keys.setdefault(_request(row), set()).add(rid)
            conns.setdefault(_conn(row), set()).add(rid)
    out: Events = {}
    for n, row in enumerate(read_jsonl(path)):
        ev = row.get("event")
        if not isinstance(ev, dict):
            continue
        targets = set(keys.get(_request(row), ()))
        if not targets and str(ev.get("type", "")).startswith(_SESSION_TYPES) and row.get("prompt_id") is None:
            targets = conns.get(_conn(row), set())
        if not targets:
            continue
        rid = response_id_of(ev)
        slim = {**row, "event": _slim(ev)}
        for t in targets:
            # Two responses of one request (rare) each keep the other's response-scoped events out.
            if rid is None or rid == t:
                out.setdefault((_conn(row), t), []).append((n, slim))
    return out


def row_events(events: Events, row: Row, reused: frozenset[str] | set[str] = frozenset()) -> list[dict[str, Any]]:
    """The events of one report row, in log order: every connection's that names its response id,
    or, when the service reused that id for several captures (`reused`), its own connection's."""
    conn = row.capture.meta.get("conn") if row.capture is not None else None
    own = (_hashable(conn), row.response_id)
    if row.response_id in reused and conn is not None and own in events:
        return [e for _, e in events[own]]
    return [
        e
        for _, e in sorted(
            (x for (_, rid), evs in events.items() if rid == row.response_id for x in evs), key=lambda x: x[0]
        )
    ]


def reused_ids(rows: list[Row]) -> set[str]:
    """Response ids that more than one capture of the run carries."""
    seen: set[str] = set()
    twice: set[str] = set()
    for r in rows:
        if r.capture is not None:
            (twice if r.response_id in seen else seen).add(r.response_id)
    return twice


def _hashable(value: Any) -> Any:
    return (
        value
        if value is None or isinstance(value, (int, float, str))
        else json.dumps(value, sort_keys=True, default=str)
    )


def _conn(row: dict[str, Any]) -> Any:
    return _hashable(row.get("conn"))


def _request(row: dict[str, Any]) -> tuple[Any, Any, Any]:
    return _conn(row), _hashable(row.get("prompt_id")), _hashable(row.get("attempt"))


def diff_text(words: Iterable[WordOp]) -> str:
    """The word alignment as plain text: [-missing-] {+extra+} [~ref→hyp~]."""
    parts = []
    for w in words:
        if w.op == "ok":
            parts.append(w.ref or w.hyp or "")
        elif w.op == "missing":
            parts.append(f"[-{w.ref}-]")
        elif w.op == "extra":
            parts.append(f"{{+{w.hyp}+}}")
        else:
            parts.append(f"[~{w.ref}→{w.hyp}~]")
    return " ".join(parts)


def _utc(info: dict[str, Any], t: Any) -> str | None:
    start = info.get("started_epoch")
    if not isinstance(start, (int, float)) or not isinstance(t, (int, float)):
        return None
    return datetime.fromtimestamp(start + t, timezone.utc).isoformat(timespec="milliseconds")


def _client_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r["event"] for r in events if r.get("dir") == "client"]


def _request_ids(info: dict[str, Any], events: list[dict[str, Any]]) -> list[str]:
    """Any request/trace ids the harness recorded (handshake headers, wrappers)."""
    found: list[str] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, dict):
            for k, v in obj.items():
                if isinstance(k, str) and ("request_id" in k.lower() or "request-id" in k.lower()) and v:
                    found.append(f"{k}={v}")
                walk(v)
        elif isinstance(obj, list):
            for v in obj:
                walk(v)

    walk(info)
    for row in events:
        walk({k: v for k, v in row.items() if k != "event"})
    return sorted(set(found))


def _prompt_text(events: list[dict[str, Any]]) -> str | None:
    """The user text the client sent for this request (conversation.item.create)."""
    for ev in _client_events(events):
        item = ev.get("item") if ev.get("type") == "conversation.item.create" else None
        content = item.get("content") if isinstance(item, dict) else None
        if isinstance(content, list):
            texts = [str(c["text"]) for c in content if isinstance(c, dict) and isinstance(c.get("text"), str)]
            if texts:
                return " ".join(texts)
    return None


def _md(s: object) -> str:
    return " ".join(str(s).split())


def summary_md(run: RunData, picked: list[Row], events: Events, *, examples: int = 5) -> str:
    info = run.info
    target, session = run.target, run.session
    rates = {r.name: r for r in rates_of(run.verdicts)}
    n = sum(1 for r in run.rows if judged(r.verdict.verdict))  # not_applicable: nothing was verified
    mismatched = [r for r in run.rows if r.verdict.is_fault]
    k = len(mismatched)
    lo, hi = wilson(k, n)
    lines = [
        "# Realtime API: audio does not match its own transcript",
        "",
        f"Generated by verifier {info.get('tool_version', '')} from run `{run.run_id}`"
        f" ({info.get('started', '?')} – {info.get('finished', '?')}).",
        "",
        "## Environment",
        "",
    ]
    for label, key in (
        ("API", "api"),
        ("Endpoint host", "host"),
        ("Region", "region"),
        ("Deployment", "deployment"),
        ("Model", "model"),
        ("API version", "api_version"),
        ("Protocol shape", "shape"),
        ("Target kind", "kind"),
    ):
        if target.get(key):
            lines.append(f"- {label}: `{_md(target[key])}`")
    sent_update = next(
        (
            e.get("session")
            for evs in events.values()
            for e in _client_events([x for _, x in evs])
            if e.get("type") == "session.update" and isinstance(e.get("session"), dict)
        ),
        None,
    )
    lines += [
        "",
        "## What was asked",
        "",
        "Text in, audio out: per prompt, `conversation.item.create` (input_text) then `response.create`. "
        "Session settings sent with `session.update`:",
        "",
        "```json",
        json.dumps(
            sent_update or {k: v for k, v in session.items() if v not in ({}, [], None)}, indent=2, ensure_ascii=False
        ),
        "```",
        "",
    ]
    lines += [
        "## What came back",
        "",
        f"**{k} of {n} responses ({100 * k / n if n else 0:.1f}%, 95% CI {100 * lo:.1f}–{100 * hi:.1f}%) "
        "carry audio that does not say what the response's own audio transcript says.** "
        "We transcribed the received audio locally (Whisper) and aligned it word by word with "
        "`response.audio_transcript.done`.",
        "",
    ]
    reading = run.reading_note
    if reading:  # how far the local transcription itself can be trusted on this voice
        lines += [_md(reading), ""]
    errors = rates[VerdictClass.ERROR.value].count
    if errors:
        lines += [
            f"{errors} more response(s) could not be judged (stalled, failed or unreadable); they are "
            "included below as `error`.",
            "",
        ]
    lines += ["| finding | responses | rate | 95% CI |", "|---|---:|---:|---|"]
    for name in (*FAULT_CLASSES, VerdictClass.ERROR.value):
        r = rates[name]
        if r.count:
            lines.append(
                f"| {name} | {r.count}/{r.total} | {100 * r.rate:.1f}% | {100 * r.low:.1f}–{100 * r.high:.1f}% |"
            )
    per_prompt: dict[str, list[int]] = {}
    for row in run.rows:
        c = per_prompt.setdefault(row.prompt_id or "?", [0, 0])
        c[0] += row.verdict.is_fault
        c[1] += 1
    if any(t > 1 for _, t in per_prompt.values()):
        lines += ["", "Per prompt (mismatched / sent):", ""]
        for pid, (bad, tot) in sorted(per_prompt.items(), key=lambda kv: -kv[1][0])[:10]:
            lines.append(f"- `{_md(pid)}`: {bad}/{tot}")
    lines += ["", "## Examples", ""]
    for i, row in enumerate(picked[:examples]):
        v, cap = row.verdict, row.capture
        evs = row_events(events, row, reused_ids(run.rows))
        own = [e for e in evs if e.get("prompt_id") is not None]
        t0 = next((_utc(info, e.get("t")) for e in own), None)
        done = next((e for e in own if e["event"].get("type") == "response.done"), None)
        prompt = _prompt_text(evs)
        lines += [f"### `{_md(row.response_id)}` — {v.verdict}", ""]
        if prompt:
            lines.append(f'- prompt sent: "{_md(prompt)}"')
        lines += [
            f"- finding: {_md(v.explanation or v.error or v.verdict)}",
            f"- session `{cap.session_id if cap else '?'}`, item `{cap.item_id if cap else '?'}`, "
            f"response.done status `{cap.status if cap else '?'}`, content parts "
            f"`{', '.join(cap.part_types) if cap else '?'}`",
            f"- request sent {t0 or '?'} (UTC); response.done "
            + (f"`{done['event'].get('event_id')}` at {_utc(info, done.get('t')) or '?'}" if done else "never came"),
            f'- transcript (`audio_transcript.done`): "{_md(v.transcript)}"',
            f"- heard in the audio ({v.audio_seconds:.2f} s): "
            + (
                "(no audio)"
                if not v.audio_seconds
                else f'"{_md(v.asr_text)}"'
                if v.asr_text is not None
                else "(not decoded)"
            ),
        ]
        if v.words and v.verdict is not VerdictClass.MATCH:
            lines.append(f"- diff (`[-missing-]` `{{+extra+}}` `[~said→heard~]`): {_md(diff_text(v.words))}")
        if v.divergence_at is not None:
            lines.append(f"- the audio diverges at {v.divergence_at:.2f} s")
        resp = done["event"].get("response") if done else None
        applied = {k: resp[k] for k in _RESPONSE_SETTINGS if isinstance(resp, dict) and k in resp}
        if applied:
            lines.append(
                f"- response settings as the service reported them: `{json.dumps(applied, ensure_ascii=False)}`"
            )
        if cap and isinstance(cap.usage, dict) and cap.usage.get("output_token_details"):
            lines.append(f"- usage.output_token_details: `{json.dumps(cap.usage['output_token_details'])}`")
        lines += [f"- files: `responses/{_folder(i, row)}/`", ""]
    if len(picked) > examples:
        lines += [f"{len(picked) - examples} more in `responses/` and `results.csv`.", ""]
    ids = _request_ids(info, [e for evs in events.values() for _, e in evs])
    if ids:
        lines += ["## Request ids", "", *[f"- `{_md(i)}`" for i in ids], ""]
    lines += ["## How to reproduce", ""]
    sent = _client_events(row_events(events, picked[0], reused_ids(run.rows))) if picked else []
    if sent:
        lines += [
            "The client sent exactly these events, in this order, on a fresh WebSocket session:",
            "",
            "```json",
            *[json.dumps(e, ensure_ascii=False) for e in sent],
            "```",
            "",
        ]
    repeat = info.get("repeat")
    lines += [
        "The failure is intermittent: send the same prompt many times"
        + (f" (this run sent each prompt {repeat} time(s))" if repeat else "")
        + ". With verifier installed:",
        "",
        "```sh",
        f"verifier run {info.get('corpus') or 'CORPUS.jsonl'} --api {target.get('api') or 'azure'}"
        + (f" --deployment {target['deployment']}" if target.get("deployment") else "")
        + (f" --api-version {target['api_version']}" if target.get("api_version") else "")
        + " --repeat 20",
        "```",
        "",
        "Each `responses/<n>_<id>/` folder holds `audio.wav` (the received audio bytes, as WAV), "
        "`transcript.txt`, `heard.txt`, `diff.txt`, `verdict.json`, `capture.json` and `events.jsonl` "
        "(every event of that request, client and server, audio payloads omitted). `report.html` shows "
        "them with players and word highlighting. Secrets are redacted.",
        "",
    ]
    return "\n".join(lines)


_DATA_URI = re.compile(r"(data:audio/wav;base64,[A-Za-z0-9+/=]+)")


def _scrub_html(page: str, keys: list[str]) -> bytes:
    """Scrub the page text but not the embedded audio (base64 can look key-shaped)."""
    pieces = _DATA_URI.split(page)
    return "".join(p if i % 2 else scrub_text(p, keys) for i, p in enumerate(pieces)).encode("utf-8")


def _folder(i: int, row: Row) -> str:
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in row.response_id)[:80]
    return f"{i + 1:03d}_{safe}"


def make_bundle(
    run_dir: Path | str,
    out: Path | str | None = None,
    *,
    include_matches: bool = False,
    secrets: list[str] | tuple[str, ...] = (),
    examples: int = 5,
) -> Path:
    """Write the support bundle zip for a run; returns its path."""
    run_dir = Path(run_dir)
    run = load_run(run_dir)
    out_path = Path(out) if out is not None else run_dir / "bundle.zip"
    picked = [r for r in run.rows if include_matches or fails(r.verdict.verdict)]
    events = collect_events(run_dir, {r.response_id for r in picked})
    reused = reused_ids(run.rows)
    keys = known_secrets(secrets)

    def text(s: str) -> bytes:
        return scrub_text(s, keys).encode("utf-8")

    def js(obj: Any, **kw: Any) -> bytes:
        return (json.dumps(scrub_obj(obj, keys), ensure_ascii=False, default=str, **kw) + "\n").encode("utf-8")

    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix(out_path.suffix + ".tmp")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("SUMMARY.md", text(summary_md(run, picked, events, examples=examples)))
            z.writestr("run.json", js(run.info, indent=2))
            z.writestr("results.csv", text(csv_text(results_frame(run))))
            if run.problems:
                z.writestr("NOTES.txt", text("\n".join(run.problems) + "\n"))
            z.writestr("report.html", _scrub_html(render_html(replace(run, rows=picked)), keys))
            for i, row in enumerate(picked):
                d = f"responses/{_folder(i, row)}"
                v = row.verdict
                wav = row.wav_bytes()
                if wav:
                    z.writestr(f"{d}/audio.wav", wav)
                z.writestr(f"{d}/transcript.txt", text(v.transcript + "\n"))
                z.writestr(f"{d}/heard.txt", text((v.asr_text or "") + "\n"))
                z.writestr(f"{d}/diff.txt", text(diff_text(v.words) + "\n"))
                z.writestr(f"{d}/verdict.json", js(v.to_dict(), indent=2))
                if row.capture is not None:
                    z.writestr(f"{d}/capture.json", js(row.capture.to_dict(), indent=2))
                z.writestr(
                    f"{d}/events.jsonl", b"".join(js(e, separators=(",", ":")) for e in row_events(events, row, reused))
                )
        tmp.replace(out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a half-written zip must not lie beside the bundle
        raise
    return out_path

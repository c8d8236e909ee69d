"""What a finished response leaves to verify, given how it ended and what the client did.

Real sessions hold responses that are no (audio, transcript) claim, or only
part of one: a reply that never asked for audio, a function call, a reply the
user barged in on (`response.cancel`, `conversation.item.truncate`), one the
token limit or the content filter stopped (`incomplete`), one that failed.
None of these is the service's audio disagreeing with its transcript, so none
may be scored as if it were; none is dropped either. `plan()` says, per
capture, whether there is anything to verify, which audio (cut where the
client cut it) and why; `settle()` reads the verifier's verdict in that light
(a transcript tail the audio lacks is what a cut looks like, not a fault).
`what_was_sent()` is the line that lets a user tell a cut made by the service
from one made by their player.

Pure functions on `schema` records, shared by `run`, `replay` and the proxy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from verifier.schema.audio import AudioError, bytes_per_second, duration, get_format
from verifier.schema.captures import ResponseCapture
from verifier.schema.results import (
    FAULT_CLASSES,
    Verdict,
    VerdictClass,
    error_result,
    not_applicable_result,
)
from verifier.schema.wire import BETA, EVENT_NAMES, GA, Kind, kind_of

# What a scope adds to the verdict's flags, so tables can filter on it.
_FLAGS = {
    "audio not requested": "audio_not_requested",
    "function call": "function_call",
    "no output": "no_output",
    "interrupted by the client": "interrupted",
    "cancelled": "cancelled",
    "incomplete": "incomplete",
    "failed": "failed",
}


@dataclass
class Plan:
    """What to do with one capture: a verdict already decided, or (audio, transcript) to verify."""

    audio: bytes
    transcript: str
    scope: str | None = None  # None: the whole response is verified
    lead: str = ""  # the sentence that says which part was verified and why
    final: Verdict | None = None  # decided without verification (not_applicable, error)
    ended_early: bool = False  # a transcript tail the audio lacks is the cut, not a fault

    @property
    def flag(self) -> str | None:
        return _FLAGS.get((self.scope or "").split(":")[0]) if self.scope else None


def seconds_of(audio: bytes, fmt: str) -> float:
    try:
        return duration(audio, fmt) if audio else 0.0
    except AudioError:
        return 0.0


def spoken_transcript(cap: ResponseCapture) -> str:
    """The transcript of the audio parts (never a text part's text)."""
    return cap.transcript or cap.transcript_deltas or ""


def audio_requested(cap: ResponseCapture) -> bool:
    """Whether anyone asked this response to speak; unknown counts as asked (the services' default)."""
    return cap.modalities is None or "audio" in cap.modalities


def audio_done_name(cap: ResponseCapture) -> str | None:
    """The audio.done event's name as it arrived, or None when none did."""
    return next((t for t in cap.event_types if kind_of(t) is Kind.AUDIO_DONE), None)


def what_was_sent(cap: ResponseCapture) -> str:
    """What the service sent for this response: audio seconds, audio.done, transcript length, status."""
    secs = seconds_of(cap.audio, cap.audio_format)
    shape = GA if cap.meta.get("family") == GA else BETA
    done = audio_done_name(cap)
    done_text = f"{done} arrived" if done else f"no {EVENT_NAMES[shape]['audio_done']} arrived"
    spoken = spoken_transcript(cap)
    words = f"a transcript of {len(spoken.split())} words" if spoken else "no transcript"
    if cap.text or cap.text_deltas:
        words += f" and a text part of {len((cap.text or cap.text_deltas).split())} words"
    reason = _reason(cap)
    status = f"status {cap.status}" + (f" ({reason})" if reason else "") if cap.status else "no response.done"
    return f"The service sent {secs:.2f} s of audio in {cap.audio_chunks} chunk(s), {done_text}, {words}; {status}."


def plan(cap: ResponseCapture) -> Plan:
    """Decide what of `cap` is verified, and how it is reported when nothing is."""
    sent = what_was_sent(cap)
    transcript = spoken_transcript(cap)
    secs = seconds_of(cap.audio, cap.audio_format)

    def skip(scope: str, explanation: str) -> Plan:
        v = not_applicable_result(
            cap.response_id,
            scope,
            f"{explanation} {sent}",
            transcript=transcript,
            audio_seconds=secs,
            flags=[_FLAGS[scope.split(":")[0]]],
        )
        return Plan(cap.audio, transcript, scope=scope, final=v)

    if cap.status is None or cap.status == "failed":
        reason = unfinished_reason(cap) or "response.done never arrived"
        v = error_result(
            cap.response_id,
            reason,
            explanation=f"Not judged: {reason}. {sent}",
            transcript=transcript or _text(cap),
            audio_seconds=secs,
            flags=["incomplete_response"] if cap.status is None else ["failed"],
        )
        v.meta.scope = None if cap.status is None else "failed"
        return Plan(cap.audio, transcript, scope=v.meta.scope, final=v)
    if not audio_requested(cap) and not cap.audio:
        mods = ", ".join(cap.modalities or []) or "none"
        return skip(
            "audio not requested",
            f"Audio not requested (modalities: {mods}, as the "
            f"{cap.modalities_source or 'request'} set them): nothing to verify.",
        )
    calls = [i for i in cap.output_items if i.get("type") not in (None, "message")]
    ended = _ended_early(cap)
    if not cap.audio and not transcript and not _text(cap):
        if calls:
            names = ", ".join(f"{i.get('type')} {i.get('name') or ''}".strip() for i in calls)
            return skip("function call", f"The response is a {names} with no speech: nothing to verify.")
        if ended:
            return skip(ended[0], f"{ended[1]} before any output: nothing to verify.")
        return skip("no output", "The response carried neither audio nor a transcript: nothing to verify.")
    if not transcript and cap.audio:
        transcript = _text(cap)  # audio with only a text part: the text is all it claims
    if not cap.audio and audio_requested(cap):
        transcript = transcript or _text(cap)  # asked to speak, answered in text: the missing-audio symptom
    lead = ""
    if not audio_requested(cap):
        lead = (
            f"Audio was not requested (modalities: {', '.join(cap.modalities or [])}), yet the service sent "
            f"{secs:.2f} s of it; verified as sent."
        )
    if ended is None:
        return Plan(cap.audio, transcript, lead=lead)
    scope, why = ended
    audio = cap.audio
    cut = cap.truncation
    if cut is not None and isinstance(cut.get("at_s"), (int, float)) and cut["at_s"] < secs:
        audio = cut_audio(cap.audio, cap.audio_format, float(cut["at_s"]))
    kept = seconds_of(audio, cap.audio_format)
    if kept <= 0.0:
        return skip(scope, f"{why} before any audio: nothing to verify.")
    return Plan(
        audio, transcript, scope=scope, lead=f"{why}; verified up to there ({kept:.2f} s of audio).", ended_early=True
    )


def settle(p: Plan, cap: ResponseCapture, v: Verdict) -> Verdict:
    """The verifier's verdict on `p`'s audio, read in the light of how the response ended."""
    meta = v.meta
    if p.ended_early:
        if v.verdict is VerdictClass.MISSING_AUDIO:
            scope = p.scope or "cancelled"
            return not_applicable_result(
                cap.response_id,
                scope,
                f"{p.lead[:-1]}, but nothing was said before the cut: nothing to verify. {what_was_sent(cap)}",
                transcript=v.transcript,
                audio_seconds=v.audio_seconds,
                flags=[p.flag or "cancelled"],
                meta=meta,
            )
        faults = [f for f in v.flags if f in FAULT_CLASSES and f != VerdictClass.TRUNCATED.value]
        if VerdictClass.CONTENT_MISMATCH.value in faults and _clean_prefix(v):
            faults.remove(VerdictClass.CONTENT_MISMATCH.value)  # the word the cut fell in
        was = v.verdict
        v.verdict = VerdictClass(faults[0]) if faults else VerdictClass.MATCH
        v.flags = faults + [f for f in v.flags if f not in FAULT_CLASSES]
        if was is not VerdictClass.MATCH and v.verdict is VerdictClass.MATCH:
            v.explanation = f"{p.lead} What was heard matches the transcript so far; {_lower(v.explanation)}"
        else:
            v.explanation = f"{p.lead} {v.explanation}"
    elif p.lead:
        v.explanation = f"{p.lead} {v.explanation}"
    if p.flag and p.flag not in v.flags:
        v.flags.append(p.flag)
    if v.verdict in (VerdictClass.TRUNCATED, VerdictClass.MISSING_AUDIO) or p.ended_early:
        v.explanation = f"{v.explanation} {what_was_sent(cap)}"
    meta.scope = p.scope
    return v


def unfinished_reason(cap: ResponseCapture) -> str | None:
    """Why a capture cannot be judged as a pair, or None when it can."""
    if cap.status is None:
        # The collector's abandon()/close() appends the reason last.
        return cap.problems[-1] if cap.problems else "response.done never arrived"
    if cap.status == "failed":
        err = (cap.status_details or {}).get("error") or {}
        what = err.get("code") or err.get("type") or "no details"
        return f"response failed: {what}: {err.get('message') or ''}".strip()
    return None


def cut_audio(audio: bytes, fmt: str, at_s: float) -> bytes:
    """The first `at_s` seconds of raw wire audio, on a sample boundary."""
    try:
        width = get_format(fmt).sample_width
        n = int(max(0.0, at_s) * bytes_per_second(fmt))
    except AudioError:
        return audio
    return audio[: n - n % width]


def _ended_early(cap: ResponseCapture) -> tuple[str, str] | None:
    """(scope, sentence) for a response the client cut or a limit stopped; None when it ran its course."""
    cut = cap.truncation
    if cut is not None:
        return "interrupted by the client", (
            f"Interrupted by the client at {float(cut.get('at_s') or 0):.2f} s "
            f"({cut.get('by')}, audio_end_ms {cut.get('audio_end_ms')})"
        )
    reason = _reason(cap)
    if cap.status == "cancelled":
        who = {
            "turn_detected": "the user started speaking (turn_detected)",
            "client_cancelled": "the client cancelled it (client_cancelled)",
        }.get(reason or "")
        if who is None and "response.cancel" in cap.client_events:
            who = "the client cancelled it (response.cancel)"
        return f"cancelled: {reason or 'no reason given'}", f"Cancelled: {who or reason or 'no reason given'}"
    if cap.status == "incomplete":
        return f"incomplete: {reason or 'no reason given'}", f"Incomplete ({reason or 'no reason given'})"
    return None


def _reason(cap: ResponseCapture) -> str | None:
    details: Any = cap.status_details or {}
    reason = details.get("reason") if isinstance(details, dict) else None
    return reason if isinstance(reason, str) else None


def _text(cap: ResponseCapture) -> str:
    return cap.text or cap.text_deltas or ""


def _clean_prefix(v: Verdict) -> bool:
    """Every transcript word before the last one heard was heard: what differs is only the cut tail."""
    ops = [w.op for w in v.words if w.op != "extra"]
    last_ok = max((i for i, op in enumerate(ops) if op == "ok"), default=-1)
    return all(op == "ok" for op in ops[: last_ok + 1])


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]

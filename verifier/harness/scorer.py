"""Score captures while collection goes on: a background thread around the verifier.

Collection is I/O-bound and the ASR is CPU-bound, so the harness hands each
finished capture to this thread and keeps collecting; results land in the
run directory as they come. What of each capture is verified, and what is
decided without the verifier (stalled or failed: `error`; audio not
requested, a function call: `not_applicable`), is `realtime.outcome`'s call.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from verifier.core.verify import VerifyItem
from verifier.realtime import outcome
from verifier.schema.captures import ResponseCapture
from verifier.schema.results import ResultMeta, Verdict, VerdictClass, error_result
from verifier.schema.rundir import RunDir

BATCH = 8


class VerifierLike(Protocol):
    def verify_many(self, items: list[Any]) -> list[Verdict]: ...


def result_meta(cap: ResponseCapture) -> ResultMeta:
    """What a result row carries of its capture: the join keys and the run context."""
    known = ("prompt_id", "repeat_index", "attempt", "config_name", "conn", "expected", "prompt_text", "capture_seq")
    meta = ResultMeta.from_dict({k: cap.meta[k] for k in known if k in cap.meta})
    meta.response_id, meta.status, meta.part_types = cap.response_id, cap.status, list(cap.part_types)
    meta.problems = list(cap.problems) or None
    return meta


def claimed_transcript(cap: ResponseCapture) -> str:
    """What the response says it said: the transcript, else the text a text-only reply carried."""
    for candidate in (cap.transcript, cap.transcript_deltas or None, cap.text, cap.text_deltas or None):
        if candidate:
            return candidate
    return ""


def error_verdict(cap: ResponseCapture, reason: str) -> Verdict:
    return error_result(
        cap.response_id,
        reason,
        flags=["incomplete_response"],
        transcript=claimed_transcript(cap),
        audio_seconds=outcome.seconds_of(cap.audio, cap.audio_format),
        meta=result_meta(cap),
    )


def item_of(cap: ResponseCapture, p: outcome.Plan | None = None) -> VerifyItem:
    """The (audio, transcript) pair a capture claims, as far as `plan` leaves it to verify."""
    p = p if p is not None else outcome.plan(cap)
    return VerifyItem(
        id=cap.response_id,
        audio=p.audio or None,
        audio_format=cap.audio_format,
        transcript=p.transcript,
        language=cap.meta.get("language"),
        meta=result_meta(cap),
    )


def make_verifier(
    model: str,
    decode: str,
    thresholds: dict[str, float] | None = None,
    device: str = "auto",
    calibration: str | None = None,
    fault_share: float | None = None,
) -> VerifierLike:
    from verifier.core.decision import Thresholds
    from verifier.core.verify import Verifier

    # parse, not replace: a misspelt name from a matrix file is an error naming it, not a TypeError
    t = Thresholds.parse(f"{k}={v}" for k, v in (thresholds or {}).items())
    v: VerifierLike = Verifier(
        model=model,
        decode=decode,
        thresholds=t,
        device=device,
        calibration=calibration or "default",
        fault_share=fault_share,
    )
    return v


class Scorer:
    """Runs `verify_many` on a background thread; writes each verdict to the run directory."""

    def __init__(
        self, run_dir: RunDir, factory: Callable[[], VerifierLike], on_result: Callable[[Verdict], None] | None = None
    ) -> None:
        self.run_dir = run_dir
        self.factory = factory
        self.on_result = on_result
        self.error: str | None = None  # set when the verifier could not be loaded at all
        self.scored = 0
        self.busy_s = 0.0  # time spent verifying, to tell whether scoring keeps up
        self._q: queue.Queue[ResponseCapture | None] = queue.Queue()
        self._verifier: VerifierLike | None = None
        self._abort = False
        self._thread = threading.Thread(target=self._loop, name="verifier-scorer", daemon=True)
        self._thread.start()

    def submit(self, cap: ResponseCapture) -> None:
        self._q.put(cap)

    def close(self, timeout: float | None = None, drain: bool = True) -> None:
        """Score everything submitted, then stop; `drain=False` stops after the batch in hand
        (an interrupted run: what is left unscored is scored on resume)."""
        self._abort = not drain
        self._q.put(None)
        self._thread.join(timeout)

    def _loop(self) -> None:
        done = False
        while not done:
            first = self._q.get()
            if first is None or self._abort:
                break
            batch = [first]
            while len(batch) < BATCH:
                try:
                    nxt = self._q.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    done = True
                    break
                batch.append(nxt)
            t0 = time.perf_counter()
            self._score(batch)
            self.busy_s += time.perf_counter() - t0

    def _score(self, batch: list[ResponseCapture]) -> None:
        judged: list[ResponseCapture] = []
        plans: dict[str, outcome.Plan] = {}
        for cap in batch:
            p = outcome.plan(cap)
            if p.final is not None:
                self._emit(p.final, cap)
            else:
                judged.append(cap)
                plans[cap.response_id] = p
        if not judged or self.error is not None:
            return
        if self._verifier is None:
            try:
                self._verifier = self.factory()
            except Exception as e:  # a missing model must not lose the captures: they stay unscored
                self.error = f"cannot load the verifier: {e}"
                return
        try:
            verdicts = self._verifier.verify_many([item_of(c, plans[c.response_id]) for c in judged])
        except Exception:
            verdicts = [self._one(c, plans[c.response_id]) for c in judged]
        for cap, v in zip(judged, verdicts, strict=True):
            p = plans[cap.response_id]
            self._emit(v if v.verdict is VerdictClass.ERROR else outcome.settle(p, cap, v), cap)

    def _one(self, cap: ResponseCapture, p: outcome.Plan) -> Verdict:
        assert self._verifier is not None
        try:
            return self._verifier.verify_many([item_of(cap, p)])[0]
        except Exception as e:
            return error_verdict(cap, f"verifier failed: {type(e).__name__}: {e}")

    def _emit(self, v: Verdict, cap: ResponseCapture) -> None:
        v.id = cap.response_id
        scope = v.meta.scope
        v.meta = result_meta(cap)
        v.meta.scope = scope
        self.run_dir.write_result(v)
        self.scored += 1
        if self.on_result is not None:
            self.on_result(v)

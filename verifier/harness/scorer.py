"""Score captures while collection goes on: a background thread around the verifier.

Collection is I/O-bound and the ASR is CPU-bound, so the harness hands each
finished capture to this thread and keeps collecting; results land in the
run directory as they come. What of each capture is verified, and what is
decided without the verifier (stalled or failed: `error`; audio not
requested, a function call: `not_applicable`), is `realtime.outcome`'s call.

The calibration weighs each reply beside how well Whisper reads its voice
(`voice_clarity`: the median reading of the replies in that voice, as the
session names it, `meta["voice"]`; replies that name none are one voice),
known only as the run goes on. Each result is written at once, judged with
the replies scored so far; when the run ends (`close`), every reply is judged
again with its whole voice's, and the rows that change are rewritten in
place. A live tap, which has no end, keeps the first judgement
(`final_pass=False`), and takes each voice from its last `LIVE_READINGS`
replies.
"""

from __future__ import annotations

import collections
import dataclasses
import queue
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from verifier.core.calibration.statistics import voice_clarity
from verifier.core.verify import BATCH_ITEMS, VerifyItem, judge_by_voice
from verifier.realtime import outcome
from verifier.schema.captures import ResponseCapture
from verifier.schema.results import ResultMeta, Verdict, VerdictClass, error_result
from verifier.schema.rundir import RESULTS, RunDir, read_jsonl

#: at most this many pending responses scored together. A record does not depend on its batch, so the
#: cap trades how soon results appear against throughput when scoring falls behind (a replay of 72
#: responses: 15.9 s in batches of 8, 14.4 s in one)
BATCH = BATCH_ITEMS
#: a live tap's voice is that of its most recent replies: it runs for days, and a median over all of
#: them would cost more with every batch (and an app may change its voice)
LIVE_READINGS = 500


class VerifierLike(Protocol):
    def verify_many(self, items: list[Any]) -> list[Verdict]: ...


@runtime_checkable
class RunJudge(Protocol):
    """A verifier that reads first and judges after (`verifier.core.verify.Verifier`), so that a run's
    replies can be judged again once its voice is known."""

    @property
    def weighs_voice(self) -> bool: ...

    def read_many(self, items: Sequence[VerifyItem]) -> list[Verdict]: ...

    def judge(self, verdicts: Sequence[Verdict], voice: float | None) -> list[Verdict]: ...


@dataclasses.dataclass
class _Read:
    """What the final pass needs of a judged reply: the rules' verdict (with its evidence), the plan
    without its audio, and the judgement written (verdict and confidence, before `outcome.settle`)."""

    rules: Verdict
    plan: outcome.Plan
    judged: tuple[str, float | None]


def result_meta(cap: ResponseCapture) -> ResultMeta:
    """What a result row carries of its capture: the join keys and the run context."""
    known = (
        "prompt_id",
        "repeat_index",
        "attempt",
        "config_name",
        "conn",
        "expected",
        "prompt_text",
        "capture_seq",
        "voice",
    )
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
        self,
        run_dir: RunDir,
        factory: Callable[[], VerifierLike],
        on_result: Callable[[Verdict], None] | None = None,
        *,
        final_pass: bool = True,
    ) -> None:
        self.run_dir = run_dir
        self.factory = factory
        self.on_result = on_result
        self.final_pass = final_pass
        self.error: str | None = None  # set when the verifier could not be loaded at all
        self.scored = 0
        self.revised = 0  # results the final pass rewrote
        self.rejudge_error: str | None = None
        self.busy_s = 0.0  # time spent verifying, to tell whether scoring keeps up
        # each voice's replies' readings, a resumed run's earlier ones first (`voice_clarity` checks each).
        # Those earlier replies keep the judgement they were written with: their evidence was not kept.
        self._readings: dict[str | None, collections.deque[object]] = {}
        for row in read_jsonl(run_dir.path / RESULTS):
            meta = row.get("meta")
            voice = meta.get("voice") if isinstance(meta, dict) else None
            self._voice(voice if isinstance(voice, str) else None).append(row.get("reading"))
        self._read: dict[str, _Read] = {}
        self._q: queue.Queue[ResponseCapture | None] = queue.Queue()
        self._verifier: VerifierLike | None = None
        self._abort = False
        self._thread = threading.Thread(target=self._loop, name="verifier-scorer", daemon=True)
        self._thread.start()

    def _voice(self, voice: str | None) -> collections.deque[object]:
        """The readings of `voice`'s replies so far (a tap's: its most recent ones)."""
        if voice not in self._readings:
            self._readings[voice] = collections.deque(maxlen=None if self.final_pass else LIVE_READINGS)
        return self._readings[voice]

    def _judge(self, verifier: RunJudge, read: Sequence[Verdict]) -> list[Verdict]:
        """`read` judged, each beside its voice's readings so far."""
        return judge_by_voice(verifier.judge, read, lambda voice, _: voice_clarity(self._voice(voice)))

    def submit(self, cap: ResponseCapture) -> None:
        self._q.put(cap)

    def close(self, timeout: float | None = None, drain: bool = True) -> None:
        """Score everything submitted, then stop; `drain=False` stops after the batch in hand
        (an interrupted run: what is left unscored is scored on resume)."""
        self._abort = not drain
        self._q.put(None)
        self._thread.join(timeout)
        if drain and self.final_pass and not self._thread.is_alive():
            t0 = time.perf_counter()
            try:
                self._judge_again()
            except Exception as e:  # the first judgements are written: a failure here must not lose them
                self.rejudge_error = f"results not judged again at the end: {type(e).__name__}: {e}"
            self.busy_s += time.perf_counter() - t0

    def _judge_again(self) -> None:
        """Judge every reply read in this run again, with its whole voice's readings; rewrite the rows that change."""
        verifier = self._verifier
        if not self._read or not isinstance(verifier, RunJudge):
            return
        judged = self._judge(verifier, [read.rules for read in self._read.values()])
        changed: dict[str, tuple[Verdict, outcome.Plan]] = {
            key: (v, read.plan)
            for (key, read), v in zip(self._read.items(), judged, strict=True)
            if (v.verdict.value, v.confidence) != read.judged
        }
        if not changed:
            return
        revised = []
        for cap in self.run_dir.captures(keys=set(changed)):
            v, plan = changed[cap.key]
            v = outcome.settle(plan, cap, v)
            self._stamp(v, cap)
            revised.append(v)
        self.revised = self.run_dir.rewrite_results(revised)

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
        items = [item_of(c, plans[c.response_id]) for c in judged]
        verifier = self._verifier
        try:
            if isinstance(verifier, RunJudge):
                read = verifier.read_many(items)
                for v in read:
                    self._voice(v.meta.voice).append(v.reading)
                verdicts = self._judge(verifier, read)
            else:
                read, verdicts = [], verifier.verify_many(items)
        except Exception:
            read, verdicts = [], [self._one(c, plans[c.response_id]) for c in judged]
        # kept only where judging again at the end can change something: the calibration weighs the voice
        keep = self.final_pass and bool(read) and isinstance(verifier, RunJudge) and verifier.weighs_voice
        for k, (cap, v) in enumerate(zip(judged, verdicts, strict=True)):
            if v.verdict is VerdictClass.ERROR:
                self._emit(v, cap)
                continue
            p = plans[cap.response_id]
            if keep and read[k].evidence is not None:
                self._read[cap.key] = _Read(read[k], dataclasses.replace(p, audio=b""), (v.verdict.value, v.confidence))
            self._emit(outcome.settle(p, cap, v), cap)

    def _one(self, cap: ResponseCapture, p: outcome.Plan) -> Verdict:
        assert self._verifier is not None
        try:
            return self._verifier.verify_many([item_of(cap, p)])[0]
        except Exception as e:
            return error_verdict(cap, f"verifier failed: {type(e).__name__}: {e}")

    def _emit(self, v: Verdict, cap: ResponseCapture) -> None:
        self._stamp(v, cap)
        self.run_dir.write_result(v)
        self.scored += 1
        if self.on_result is not None:
            self.on_result(v)

    def finish_fields(self) -> dict[str, Any]:
        """What run.json records of the scoring: its error, and the results the end of the run judged again."""
        out: dict[str, Any] = {"scoring_error": self.error, "rejudged_at_end": self.revised}
        if self.rejudge_error:
            out["rejudge_error"] = self.rejudge_error
        return out

    @staticmethod
    def _stamp(v: Verdict, cap: ResponseCapture) -> None:
        v.id = cap.response_id
        scope = v.meta.scope
        v.meta = result_meta(cap)
        v.meta.scope = scope

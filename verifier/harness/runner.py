"""Play a corpus against a realtime deployment, capture every response, verify it.

Each prompt runs `repeat` times over up to `concurrency` sessions. A worker
owns one WebSocket session at a time (see `verifier.harness.worker`); this module plans the
jobs, owns the run directory, the progress bar and the scoring thread, and
turns the outcome into a `RunSummary`. Nothing collected is dropped: retried
attempts go to `retried.jsonl`, stalls and give-ups become captures with an
`error` verdict, and a killed run resumes where it stopped.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from verifier.harness.config import HarnessError, Job, RunConfig
from verifier.harness.corpus import Corpus, Prompt, load_corpus
from verifier.harness.scorer import Scorer, VerifierLike, make_verifier
from verifier.harness.worker import RunContext, Worker
from verifier.realtime.settings import SessionSettings
from verifier.realtime.transport import FatalTransportError, Target, target_from_env
from verifier.schema.captures import ResponseCapture
from verifier.schema.results import Verdict
from verifier.schema.rundir import RESULTS, RunDir, read_jsonl

SIM_KEY = "sim-key"


def _tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("realtime-verifier")  # our distribution name (the package is `verifier`)
    except PackageNotFoundError:
        return "unknown"


@dataclass
class RunSummary:
    run_dir: Path
    run_id: str
    total: int  # prompts x repeat
    collected: int  # captures written by this process
    skipped: int  # already in the run directory (resume)
    retried: int  # attempts retried (dropped connection, rate limit)
    stalled: int
    gave_up: int
    counts: dict[str, int]  # verdicts over the whole run directory
    verdicts: list[Verdict]
    elapsed_s: float
    collect_s: float
    scoring_busy_s: float
    scoring_error: str | None = None
    problems: list[str] = field(default_factory=list)
    #: run.json's ``reading``: how Whisper reads voices, by the calibration judging the run
    reading: dict[str, Any] | None = None

    @property
    def responses_per_minute(self) -> float:
        return 60.0 * self.collected / self.collect_s if self.collect_s > 0 else 0.0


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("run-%Y%m%d-%H%M%S-") + secrets.token_hex(2)


def resolve_target(config: RunConfig, sim_base: str | None = None) -> Target:
    if config.target == "simulator":
        if sim_base is None and not config.endpoint:
            raise HarnessError("target 'simulator' needs a running simulator; use run(), which starts one")
        return target_from_env(
            config.api or "azure",
            env={},
            endpoint=config.endpoint or sim_base,
            api_key=config.api_key or (None if config.token else SIM_KEY),
            token=config.token,
            api_version=config.api_version,
            deployment=config.deployment,
            model=config.model,
            shape=config.shape,
        )
    if config.target not in ("azure", "openai"):
        raise HarnessError(f"target must be simulator, azure or openai, not {config.target!r}")
    return target_from_env(
        config.target,
        endpoint=config.endpoint,
        api_key=config.api_key,
        token=config.token,
        api_version=config.api_version,
        deployment=config.deployment,
        model=config.model,
        shape=config.shape,
    )


def _resolved(path: str | None) -> str | None:
    """A corpus file's absolute path, so `--resume` finds it from any working directory."""
    if path is None or not Path(path).is_file():
        return path  # a corpus built in memory has no file
    return str(Path(path).resolve())


def _run_info(
    config: RunConfig, target: Target, settings: SessionSettings, corpus: Corpus, run_id: str
) -> dict[str, Any]:
    from verifier.core.calibration.model import reading_info

    return {
        "run_id": run_id,
        "tool": "verifier",
        "tool_version": _tool_version(),
        "kind": "run",
        "config_name": config.config_name,
        "target": target.describe(config.target).to_dict(),
        "session": settings.to_dict(),
        "shape": target.shape,
        "corpus": _resolved(corpus.path),
        "corpus_name": corpus.name,
        "prompts": len(corpus.prompts),
        "repeat": config.repeat,
        "concurrency": config.concurrency,
        "timeout_s": config.timeout_s,
        "retries": config.retries,
        "verifier_model": config.verifier_model,
        "decode": config.decode,
        "thresholds": config.thresholds,
        "device": config.device,
        "calibration": config.calibration,
        "fault_share": config.fault_share,
        "reading": reading_info(config.verifier_model, config.calibration),
        "faults": config.faults if config.target == "simulator" else None,
        "seed": config.seed if config.target == "simulator" else None,
        "config": config.to_dict(),
    }


async def run_corpus(
    prompts: Sequence[Prompt] | Corpus,
    config: RunConfig,
    *,
    verifier: VerifierLike | None = None,
    progress: bool = True,
    sim_base: str | None = None,
) -> RunSummary:
    """Collect (and score) every prompt x repeat into `config.out_dir`; see the module docstring."""
    corpus = prompts if isinstance(prompts, Corpus) else Corpus(list(prompts))
    if config.repeat < 1 or config.concurrency < 1:
        raise HarnessError("repeat and concurrency must be at least 1")
    try:
        target = resolve_target(config, sim_base)
        settings = config.session_settings(corpus.session)
    except (FatalTransportError, ValueError) as e:
        raise HarnessError(str(e)) from None
    t_start = time.perf_counter()
    if config.resume:
        if not config.out_dir:
            raise HarnessError("resume needs the run directory")
        rd = RunDir.open_existing(config.out_dir)
        rd.info["resumed"][-1]["config"] = config.to_dict()
        rd.info["repeat"] = max(int(rd.info.get("repeat") or 1), config.repeat)
        rd.write_info()
    else:
        run_id = config.run_id or new_run_id()
        rd = RunDir.create(config.out_dir or f"runs/{run_id}", _run_info(config, target, settings, corpus, run_id))
    jobs = [Job(p, r) for r in range(config.repeat) for p in corpus.prompts if (p.id, r) not in rd.captured]
    skipped = len(corpus.prompts) * config.repeat - len(jobs)

    bar = _progress(len(corpus.prompts) * config.repeat, skipped, progress)
    counts: Counter[str] = Counter()

    def on_result(v: Verdict) -> None:
        counts[v.verdict] += 1
        if bar is not None:
            bar.set_postfix(dict(counts), refresh=False)

    factory = (
        (lambda: verifier)
        if verifier is not None
        else (
            lambda: make_verifier(
                config.verifier_model,
                config.decode,
                config.thresholds,
                config.device,
                config.calibration,
                config.fault_share,
            )
        )
    )
    scorer = Scorer(rd, factory, on_result) if config.score else None
    if scorer is not None:
        for cap in rd.unscored():
            scorer.submit(cap)

    def on_capture(cap: ResponseCapture) -> None:
        if scorer is not None:
            scorer.submit(cap)
        if bar is not None:
            bar.update(1)

    ctx = RunContext(
        config=config,
        target=target,
        settings=settings,
        run_dir=rd,
        on_capture=on_capture,
        conn_base=rd.max_conn,
        spoken=any(p.audio_path for p in corpus.prompts),
    )
    queue: asyncio.Queue[Job] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    workers = [Worker(ctx) for _ in range(min(config.concurrency, len(jobs)))]
    t_collect = time.perf_counter()
    interrupted = True
    try:
        await asyncio.gather(*(w.run(queue) for w in workers))
        interrupted = False
    finally:
        collect_s = time.perf_counter() - t_collect
        if bar is not None:
            bar.close()
        if scorer is not None:
            if interrupted:  # Ctrl-C: stop promptly; what is left unscored is scored on --resume
                scorer.close(drain=False)
            else:
                await asyncio.to_thread(scorer.close)
        # Stream problems no capture holds (a bad frame between prompts, at a disconnect) are kept too.
        stream: dict[str, Any] = {"stream_problems": ctx.problems} if ctx.problems else {}
        if ctx.problems_not_listed:
            stream["stream_problems_not_listed"] = ctx.problems_not_listed
        rd.finish(
            fatal=ctx.fatal,
            interrupted=interrupted,
            collected=ctx.collected,
            retried=ctx.retried,
            stalled=ctx.stalled,
            gave_up=ctx.gave_up,
            region=ctx.region,
            **(scorer.finish_fields() if scorer else {"scoring_error": None, "rejudged_at_end": 0}),
            **stream,
        )
        rd.close()
        _write_tables(rd.path, ctx)
    if ctx.fatal:
        raise HarnessError(ctx.fatal)
    all_verdicts = [Verdict.from_dict(r) for r in read_jsonl(rd.path / RESULTS)]
    return RunSummary(
        run_dir=rd.path,
        run_id=str(rd.info.get("run_id")),
        total=len(corpus.prompts) * config.repeat,
        collected=ctx.collected,
        skipped=skipped,
        retried=ctx.retried,
        stalled=ctx.stalled,
        gave_up=ctx.gave_up,
        counts=dict(Counter(v.verdict for v in all_verdicts)),
        verdicts=all_verdicts,
        elapsed_s=time.perf_counter() - t_start,
        collect_s=collect_s,
        scoring_busy_s=scorer.busy_s if scorer else 0.0,
        scoring_error=scorer.error if scorer else None,
        problems=ctx.problems,
        reading=rd.info.get("reading"),
    )


def _write_tables(run_dir: Path, ctx: RunContext) -> None:
    """results.csv / .parquet in the report's one layout, for library callers who write no reports."""
    from verifier.report import load_run
    from verifier.report.tables import write_tables

    try:
        write_tables(load_run(run_dir), run_dir)
    except Exception as exc:  # the run itself is on disk; a table is not worth losing it over
        ctx.note(f"results tables not written: {type(exc).__name__}: {exc}")


def _progress(total: int, initial: int, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    # leave=False: a run that stops on a bad key shows its one-line error, not a frozen 0% bar.
    return tqdm(total=total, initial=initial, unit="resp", desc="collecting", dynamic_ncols=True, leave=False)


def run(corpus: str | Path | Corpus | Sequence[Prompt], config: RunConfig, **kw: Any) -> RunSummary:
    """Synchronous `run_corpus`; starts the built-in simulator in-process for target "simulator"."""
    loaded = load_corpus(corpus) if isinstance(corpus, (str, Path)) else corpus
    if config.target != "simulator" or config.endpoint:
        return asyncio.run(run_corpus(loaded, config, **kw))
    from verifier.simulator import Simulator

    truth = None
    if config.out_dir:
        out = Path(config.out_dir)
        out.mkdir(parents=True, exist_ok=True)
        # The simulator starts its truth log afresh; a resumed run keeps the earlier one beside it.
        n = len(list(out.glob("simulator_truth*.jsonl"))) if config.resume else 0
        truth = str(out / ("simulator_truth.jsonl" if n == 0 else f"simulator_truth-{n + 1}.jsonl"))
    sim = Simulator(
        host="127.0.0.1",
        port=0,
        api_key=config.api_key or SIM_KEY,
        faults=config.faults,
        seed=config.seed,
        truth_log=truth,
        pace=config.sim_pace,
    )
    sim.start_in_thread()
    try:
        return asyncio.run(run_corpus(loaded, config, sim_base=sim.url(api=config.api or "azure"), **kw))
    finally:
        sim.stop_thread()

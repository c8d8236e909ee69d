"""How a run is configured: target, session settings, pacing, retries, verification."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from verifier.harness.corpus import Prompt
from verifier.realtime.settings import SessionSettings
from verifier.schema.redact import strip_userinfo


class HarnessError(RuntimeError):
    """A run cannot go on (bad key, wrong endpoint, rejected session); the message is one line, secret-free."""


@dataclass
class RunConfig:
    target: str = "simulator"  # "simulator" | "azure" | "openai"
    endpoint: str | None = None
    api: str | None = None  # for the simulator: which service's endpoint to speak ("azure" default)
    api_version: str | None = None
    deployment: str | None = None
    model: str | None = None
    shape: str | None = None  # "beta" | "ga"; None: from the api / api-version
    api_key: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)  # Entra bearer token (Azure)
    # Session settings; None means "not set here" (corpus, then built-in defaults apply).
    modalities: list[str] | None = None
    instructions: str | None = None
    voice: str | None = None
    output_audio_format: str | None = None
    temperature: float | None = None
    extra: dict[str, Any] | None = None
    response_extra: dict[str, Any] | None = None
    isolate: bool | None = None
    repeat: int = 1
    concurrency: int = 1
    timeout_s: float = 30.0  # no event for this long while a response is due = stall
    #: A response not done this long after its response.create (or its spoken turn) is an error,
    #: however many other events arrive (rate_limits.updated forever must not hold a run).
    response_timeout_s: float = 120.0
    #: How fast a spoken prompt's audio is streamed: 1.0 real time, 2.0 twice as fast, 0 no waiting.
    pace: float = 1.0
    retries: int = 4
    backoff_s: float = 0.5
    max_backoff_s: float = 30.0
    out_dir: str | None = None
    resume: bool = False  # out_dir holds an earlier run to continue
    verifier_model: str = "base"
    decode: str = "auto"
    thresholds: dict[str, float] | None = None  # decision thresholds changed from core.decision.Thresholds' defaults
    device: str = "auto"  # where the ASR runs: auto | cpu | cuda
    calibration: str | None = None  # a `verifier calibrate` file; None: the package's default
    fault_share: float | None = None  # confidences restated at this share of faults; None: the calibration's
    config_name: str | None = None
    run_id: str | None = None  # None: generated
    score: bool = True
    # Simulator only.
    faults: str | dict[str, float] | None = None
    seed: int = 0
    sim_pace: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d.pop("api_key")
        d.pop("token")
        if isinstance(d.get("endpoint"), str):  # a password in the URL is as secret as the key
            d["endpoint"] = strip_userinfo(d["endpoint"])
        return d

    def session_settings(self, corpus_session: dict[str, Any] | None = None) -> SessionSettings:
        s = SessionSettings().merged(corpus_session or {}, "corpus session")
        run_level = {
            k: getattr(self, k)
            for k in (
                "modalities",
                "instructions",
                "voice",
                "output_audio_format",
                "temperature",
                "extra",
                "response_extra",
                "isolate",
            )
        }
        return s.merged({k: v for k, v in run_level.items() if v is not None}, "run settings")


@dataclass
class Job:
    prompt: Prompt
    repeat_index: int

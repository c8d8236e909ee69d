"""A local realtime API (OpenAI / Azure OpenAI, beta and GA shapes) with real
speech and the faults users report, for demos and tests.

    async with Simulator(faults="truncate=0.2", seed=1) as sim:
        url = sim.realtime_url("azure-preview")

Module map: `protocol` (sans-I/O session), `responses` (one response's event
stream), `validate` / `shapes` (the two wire shapes), `routes` (endpoints and
auth), `model` (the deterministic replies), `tools` (when the model calls a
function), `faults` / `rendition` (what goes wrong and how), `speech` (TTS and
encoding), `listening` (server turn detection on Silero, input transcription on
Whisper), `server` (the asyncio shell).
"""

from .faults import FAULTS, FaultInjector, FaultSpecError, parse_faults
from .protocol import Session
from .server import Simulator

__all__ = ["FAULTS", "FaultInjector", "FaultSpecError", "Session", "Simulator", "parse_faults"]

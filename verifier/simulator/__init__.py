"""Layer 2, a local realtime API (OpenAI / Azure OpenAI, beta and GA shapes) with real
speech and the faults users report, for demos and tests.

    async with Simulator(faults="truncate=0.2", seed=1) as sim:
        url = sim.realtime_url("azure-preview")

Module map: `protocol` (sans-I/O session), `responses` (one response's event
stream), `validate` / `shapes` (the two wire shapes), `routes` (endpoints and
auth), `model` (the deterministic replies), `tools` (when the model calls a
function), `faults` / `rendition` (what goes wrong and how), `tts` (speech
engines), `speech` (rendering replies in the session's format), `listening`
(server turn detection on Silero, input transcription on Whisper), `server`
(the asyncio shell).

Rule: imports `verifier.schema` (audio formats, the wire vocabulary),
`verifier.realtime.loop_thread` (running on its own thread, as the proxy does) and
`verifier.core` (VAD and ASR for spoken turns, in `listening` only); never the
harness, so the simulator can run as its own process.
"""

from verifier.simulator.faults import FAULTS, FaultInjector, FaultSpecError, parse_faults
from verifier.simulator.protocol import Session
from verifier.simulator.server import Simulator

__all__ = ["FAULTS", "FaultInjector", "FaultSpecError", "Session", "Simulator", "parse_faults"]

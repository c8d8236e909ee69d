"""`verifier simulate`: run the built-in realtime simulator until Ctrl-C."""

from __future__ import annotations

import asyncio
import signal
import ssl
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from verifier.cli.exits import fail

if TYPE_CHECKING:
    from verifier.simulator import Simulator

DEFAULT_KEY = "sim-key"


def _ssl_context(certfile: Path | None, keyfile: Path | None) -> ssl.SSLContext | None:
    if certfile is None:
        if keyfile is not None:
            raise typer.BadParameter("--keyfile needs --certfile", param_hint="--keyfile")
        return None
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        ctx.load_cert_chain(str(certfile), str(keyfile) if keyfile else None)
    except (OSError, ssl.SSLError) as exc:
        raise typer.BadParameter(
            f"cannot load the certificate {str(certfile)!r}{f' / key {str(keyfile)!r}' if keyfile else ''}: {exc}",
            param_hint="--certfile",
        ) from None
    return ctx


def register(app: typer.Typer) -> None:
    @app.command("simulate")
    def simulate(
        host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
        port: int = typer.Option(8765, help="Port (0 picks a free one)."),
        certfile: Path | None = typer.Option(None, help="PEM certificate (chain) for wss://; may hold the key."),
        keyfile: Path | None = typer.Option(None, help="PEM private key for --certfile."),
        faults: str = typer.Option(
            "",
            help="Fault rates, e.g. text_only=0.1,truncate=0.1,language_drift=0.1,"
            "disconnect=0.05,rate_limit=0.05,stall=0.05",
        ),
        seed: int = typer.Option(0, help="Seed: the same seed and prompts give the same faults."),
        truth_log: Path | None = typer.Option(None, help="Write one JSON line per response: its fault and details."),
        api_key: str = typer.Option(
            DEFAULT_KEY, help="Key clients must send (api-key header or Bearer); '' accepts any."
        ),
        pace: float = typer.Option(4.0, help="Stream audio at this multiple of real time; 0 = as fast as possible."),
    ) -> None:
        """Serve the OpenAI / Azure OpenAI realtime protocol locally, with real speech and injectable faults.

        Force a fault for one response by sending response.create with
        metadata {"sim_fault": "truncate"} (or "name:variant", e.g.
        "language_drift:first_word", or "none" to keep it clean).

        Function calls: with tools in the session or the response, the model
        calls one when the prompt has a word of four letters or more from its
        name ("weather" -> get_weather); metadata {"sim_tool": "get_weather"}
        forces that tool and {"sim_tool": "none"} forbids any.

        Spoken input: server_vad and semantic_vad turn detection run on Silero
        VAD (semantic_vad eagerness low/medium/high waits 1.5/0.8/0.4 s of
        silence) and Whisper base hears each turn. Every turn is its own item,
        answered in order when create_response is on; interrupt_response
        cancels the answer playing (reason turn_detected), else the turn waits
        for it; idle_timeout_ms (GA) counts from the end of the last answer's
        audio.
        """
        from verifier.simulator import FaultSpecError, Simulator

        ctx = _ssl_context(certfile, keyfile)
        try:
            sim = Simulator(
                host=host,
                port=port,
                api_key=api_key or None,
                faults=faults,
                seed=seed,
                truth_log=truth_log,
                ssl_context=ctx,
                pace=pace,
            )
        except FaultSpecError as exc:
            raise typer.BadParameter(str(exc), param_hint="--faults") from None
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        try:
            asyncio.run(_serve(sim, api_key))
        except OSError as exc:
            raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


async def _serve(sim: Simulator, api_key: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with sim:
        key = (
            "api key: sim-key"
            if api_key == DEFAULT_KEY
            else "api key: the one given with --api-key"
            if api_key
            else "api key: any (auth off)"
        )
        typer.echo(
            f"simulator listening on {sim.url('azure')}  ({key}; faults: "
            f"{', '.join(f'{k}={v:g}' for k, v in sim.faults.rates.items()) or 'none'}; seed {sim.seed})"
        )
        typer.echo(f"  Azure preview (beta events): {sim.realtime_url('azure-preview')}")
        typer.echo(f"  Azure GA:                    {sim.realtime_url('azure-ga')}")
        typer.echo(
            f"  OpenAI GA:                   {sim.realtime_url('openai')}"
            "  (header OpenAI-Beta: realtime=v1 for beta events)"
        )
        typer.echo(f"  SDK endpoint:                {sim.http_url()}   Ctrl-C stops.", nl=True)
        await stop.wait()
    typer.echo("simulator stopped")

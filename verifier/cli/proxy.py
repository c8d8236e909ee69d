"""`verifier proxy`: a live tap on real traffic between an app and its realtime service.

The app changes only its endpoint (to `--listen`) and keeps its own
credentials, which go upstream unchanged and are written nowhere. Every
finished response lands in `--out` (the layout of `verifier run`, so report,
bundle, history and compare read it) and is verified in the background.
Exit codes: 0 stopped cleanly (Ctrl-C / SIGTERM); 2 bad options.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import sys
from pathlib import Path

import typer

from verifier.cli import options as opt
from verifier.schema.redact import redact

EXIT_INPUT = 2


def proxy(
    upstream: str = typer.Option(
        ...,
        "--upstream",
        help="The service endpoint, e.g. https://my-resource.openai.azure.com "
        "or https://api.openai.com; the client's path and query are kept.",
    ),
    out: Path = typer.Option(..., "--out", help="Run directory; an existing one is appended to, never overwritten."),
    listen: str = typer.Option("127.0.0.1:8443", "--listen", help="HOST:PORT to accept clients on."),
    certfile: Path | None = typer.Option(None, "--certfile", help="TLS certificate (PEM) to serve wss:// with."),
    keyfile: Path | None = typer.Option(None, "--keyfile", help="TLS private key (PEM) for --certfile."),
    upstream_cafile: Path | None = typer.Option(
        None, "--upstream-cafile", help="Extra CA bundle to trust for the upstream."
    ),
    alert_webhook: str | None = typer.Option(
        None, "--alert-webhook", help="POST a JSON summary of each fault here (Slack-style)."
    ),
    verify: bool = typer.Option(True, "--verify/--no-verify", help="Verify responses in the background."),
    verifier_model: str = typer.Option("base", "--verifier-model", help="Whisper model for verification."),
    decode: str = typer.Option("auto", "--decode", help="Decoding mode (as for `verifier run`)."),
    fault_share: opt.FaultShare = None,
    max_pending: int = typer.Option(
        16, "--max-pending", min=1, help="Responses queued for verification before new ones are skipped (counted)."
    ),
    report_every: float = typer.Option(
        30.0, "--report-every", min=0.0, help="Seconds between report.html refreshes (0: only at exit)."
    ),
    log_events: bool = typer.Option(
        True, "--log-events/--no-log-events", help="Write every event to events.jsonl (client audio is never written)."
    ),
) -> None:
    """Relay realtime WebSocket sessions unchanged; capture and verify every response."""
    from verifier.proxy.handshake import PlanError
    from verifier.proxy.service import Proxy, ProxyConfig

    host, _, port_text = listen.rpartition(":")
    if not host or not port_text.isdigit():
        typer.echo(f"error: --listen {listen!r}: expected HOST:PORT", err=True)
        raise typer.Exit(EXIT_INPUT)
    if (certfile is None) != (keyfile is None):
        typer.echo("error: --certfile and --keyfile go together", err=True)
        raise typer.Exit(EXIT_INPUT)
    if fault_share is not None:  # checked against the calibration the tap will load, before any socket opens
        opt.verify_settings(verifier_model, decode, fault_share=fault_share)
    # websockets logs full handshake headers (the client's api-key) at DEBUG: never let it.
    logging.getLogger("websockets").setLevel(logging.WARNING)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    config = ProxyConfig(
        upstream=upstream,
        out=out,
        host=host.strip("[]"),
        port=int(port_text),
        certfile=str(certfile) if certfile else None,
        keyfile=str(keyfile) if keyfile else None,
        upstream_cafile=str(upstream_cafile) if upstream_cafile else None,
        alert_webhook=alert_webhook,
        verify=verify,
        verifier_model=verifier_model,
        decode=decode,
        fault_share=fault_share,
        max_pending=max_pending,
        report_every=report_every,
        log_events=log_events,
        tap_process=True,
    )
    try:
        p = Proxy(config)
    except PlanError as e:
        typer.echo(f"error: {redact(str(e))}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    # The relay shares the GIL with the tap and the verifier's Python parts; at the default 5 ms
    # switch interval a frame can wait that long for the loop to get the GIL back.
    sys.setswitchinterval(float(os.environ.get("VERIFIER_PROXY_SWITCH_INTERVAL", "0.0005")))
    # Everything imported so far lives as long as the process: keep it out of every GC pass,
    # so a collection cannot pause the relay for long.
    gc.freeze()
    try:  # uvloop, when installed, cuts the event loop's share of each relayed frame
        import uvloop

        uvloop.run(_serve(p))
    except ImportError:
        asyncio.run(_serve(p))


async def _serve(p: object) -> None:
    from verifier.proxy.service import Proxy

    assert isinstance(p, Proxy)
    try:
        await p.start()
    except OSError as e:
        typer.echo(f"error: cannot listen on {p.config.host}:{p.config.port}: {e.strerror or e}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    except Exception as e:  # a bad run directory, certificate or key file
        typer.echo(f"error: {redact(str(e))}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    typer.echo(f"proxy: {p.url()} -> {p.base}; run directory {p.config.out}", err=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    await stop.wait()
    typer.echo("proxy: stopping; finishing verification of what was collected", err=True)
    await p.stop()
    typer.echo(f"report: {Path(p.config.out) / 'report.html'}", err=True)


def register(app: typer.Typer) -> None:
    app.command("proxy")(proxy)

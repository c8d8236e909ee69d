"""What `verifier proxy` costs: N concurrent sessions at real-time pace, through the proxy and direct.

    .venv/bin/python bench/proxy.py [--sessions 50] [--responses 3] [--asr-model tiny.en]

Three processes, as in production: the simulator (paced at 1x, so audio
arrives as fast as it plays), the proxy (`verifier proxy`, its own process, so
its CPU and memory can be read from /proc), and this script driving N
sessions. The simulator stamps every frame with its send time just before it
goes on the wire (`bench_t`, a field the proxy relays untouched and the
collector ignores); the client subtracts it on arrival. That gives a latency
per server frame, direct and through the proxy; the proxy's added latency is
the difference of the two distributions' percentiles.

Phases: idle memory (N sessions open, nothing said), direct, proxied with
verification off, proxied with verification on (Whisper on this machine's
CPUs: at N real-time sessions it falls behind and samples; lag and skips are
printed from the proxy's own /metrics).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parents[1]
KEY = "sim-key"
PATH = "/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-realtime"
PROMPTS = [
    "The delivery is scheduled for Tuesday morning. Please confirm the address.",
    "Your appointment has been moved to three o'clock. Bring your insurance card.",
    "The meeting room is on the second floor, next to the kitchen.",
]
CLK_TCK = os.sysconf("SC_CLK_TCK")


# -- the simulator process ----------------------------------------------------------


def serve_simulator(port_file: Path, pace: float) -> None:
    """Run the simulator, stamping each text frame with its send time (epoch seconds)."""
    from websockets.asyncio.server import ServerConnection

    from verifier.simulator import Simulator

    original = ServerConnection.send

    async def stamped(self: Any, message: Any, *, text: bool | None = None) -> None:
        if isinstance(message, str) and message.endswith("}"):
            message = f'{message[:-1]},"bench_t":{time.time():.6f}}}'
        await original(self, message, text=text)

    ServerConnection.send = stamped  # type: ignore[method-assign]

    async def main() -> None:
        async with Simulator(api_key=KEY, pace=pace) as sim:
            port_file.write_text(str(sim.port))
            await asyncio.Event().wait()

    asyncio.run(main())


# -- clients ----------------------------------------------------------------------------


def frame_latency(message: str | bytes, now: float) -> float | None:
    if not isinstance(message, str):
        return None
    i = message.rfind('"bench_t":')
    if i < 0:
        return None
    try:
        return now - float(message[i + 10 : -1])
    except ValueError:
        return None


async def open_session(base: str) -> ClientConnection:
    ws = await connect(
        base + PATH, additional_headers={"api-key": KEY}, max_size=None, open_timeout=60, compression=None
    )
    await ws.recv()  # session.created
    return ws


STAGGER_S = 1.0


async def one_session(base: str, i: int, responses: int, lat: list[float]) -> int:
    # Independent users do not speak in lockstep: starts spread evenly over STAGGER_S.
    await asyncio.sleep(STAGGER_S * (i % 50) / 50)
    ws = await open_session(base)
    done = 0
    try:
        for r in range(responses):
            text = PROMPTS[(i + r) % len(PROMPTS)]
            await ws.send(
                json.dumps(
                    {
                        "type": "conversation.item.create",
                        "item": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]},
                    }
                )
            )
            await ws.send(
                json.dumps(
                    {
                        "type": "response.create",
                        "response": {
                            "modalities": ["text", "audio"],
                            "conversation": "none",
                            "metadata": {"sim_fault": "none"},
                        },
                    }
                )
            )
            while True:
                msg = await asyncio.wait_for(ws.recv(), 120)
                d = frame_latency(msg, time.time())
                if d is not None:
                    lat.append(d)
                if isinstance(msg, str) and '"response.done"' in msg[:40]:
                    done += 1
                    break
    finally:
        await ws.close()
    return done


async def drive(base: str, sessions: int, responses: int) -> tuple[list[float], float, int]:
    lat: list[float] = []
    t0 = time.perf_counter()
    done = await asyncio.gather(*(one_session(base, i, responses, lat) for i in range(sessions)))
    return lat, time.perf_counter() - t0, sum(done)


# -- the proxy process ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tree(pid: int) -> list[int]:
    """The proxy and its children (the tap process)."""
    out = [pid]
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        kids = []
    for k in kids:
        out += tree(int(k))
    return out


def proc_cpu_s(pid: int, children: bool = True) -> float:
    total = 0.0
    for p in tree(pid) if children else [pid]:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime
    return total


def proc_rss_mb(pid: int, children: bool = True) -> float:
    total = 0.0
    for p in tree(pid) if children else [pid]:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
    return total


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return str(r.read().decode())


PROXY_ARGS: list[str] = []


def start_proxy(sim_port: int, out: Path, verify: bool, asr_model: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    cmd = [
        sys.executable,
        "-c",
        "from verifier.cli import main; main()",
        "proxy",
        "--upstream",
        f"http://127.0.0.1:{sim_port}",
        "--out",
        str(out),
        "--listen",
        f"127.0.0.1:{port}",
        "--report-every",
        "0",
        "--verifier-model",
        asr_model,
    ]
    if not verify:
        cmd.append("--no-verify")
    cmd += PROXY_ARGS
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            get(f"http://127.0.0.1:{port}/healthz")
            return proc, port
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("proxy did not start") from None
            time.sleep(0.2)


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(120)
    except subprocess.TimeoutExpired:
        proc.kill()


def metric_samples(page: str, name: str) -> dict[str, float]:
    out = {}
    for line in page.splitlines():
        if line.startswith(name):
            key, _, value = line.rpartition(" ")
            out[key] = float(value)
    return out


# -- figures --------------------------------------------------------------------------------------


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))] if s else float("nan")


def show(name: str, lat: list[float]) -> None:
    ms = [x * 1000 for x in lat]
    print(
        f"  {name:<24} frames {len(ms):6d}   p50 {pct(ms, 0.5):7.2f} ms   p99 {pct(ms, 0.99):7.2f} ms   "
        f"max {max(ms) if ms else float('nan'):7.2f} ms"
    )


def lag_quantile(page: str, q: float) -> float:
    buckets = sorted(
        (
            (float(k.split('le="')[1].split('"')[0]), v)
            for k, v in metric_samples(page, "verifier_proxy_verification_lag_seconds_bucket").items()
        ),
        key=lambda kv: kv[0],
    )
    total = buckets[-1][1] if buckets else 0
    for le, n in buckets:
        if total and n >= q * total:
            return le
    return float("nan")


def verify_phase(
    sim_port: int, out: Path, n: int, r: int, asr_model: str
) -> tuple[list[float], float, int, str, float]:
    proxy, pport = start_proxy(sim_port, out, verify=True, asr_model=asr_model)
    try:
        lat_on, wall_on, done_on = asyncio.run(drive(f"ws://127.0.0.1:{pport}", n, r))
        t_end = time.perf_counter()
        while True:  # let verification drain what it took on
            page = get(f"http://127.0.0.1:{pport}/metrics")
            pending = metric_samples(page, "verifier_proxy_verification_pending").get(
                "verifier_proxy_verification_pending", 0
            )
            if pending == 0 or time.perf_counter() - t_end > 300:
                break
            time.sleep(1)
        return lat_on, wall_on, done_on, page, time.perf_counter() - t_end
    finally:
        stop(proxy)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--responses", type=int, default=3, help="responses per session, back to back")
    ap.add_argument("--pace", type=float, default=1.0)
    ap.add_argument("--asr-model", default="tiny.en")
    ap.add_argument(
        "--stagger",
        type=float,
        default=1.0,
        help="spread session starts over this many seconds (0: all at once, the worst burst)",
    )
    ap.add_argument("--rounds", type=int, default=2, help="alternating direct/proxied rounds (verify off)")
    ap.add_argument("--skip-verify", action="store_true", help="skip the phase with verification on")
    ap.add_argument("--proxy-arg", action="append", default=[], help="extra `verifier proxy` option (repeatable)")
    ap.add_argument("--serve-sim", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    PROXY_ARGS.extend(args.proxy_arg)
    global STAGGER_S
    STAGGER_S = args.stagger
    if args.serve_sim:
        serve_simulator(args.serve_sim, args.pace)
        return
    n, r = args.sessions, args.responses
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        port_file = tmp / "sim.port"
        sim = subprocess.Popen(
            [sys.executable, __file__, "--serve-sim", str(port_file), "--pace", str(args.pace)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        try:
            while not port_file.exists() or not port_file.read_text():
                if sim.poll() is not None:
                    raise SystemExit("simulator did not start")
                time.sleep(0.1)
            sim_port = int(port_file.read_text())
            direct = f"ws://127.0.0.1:{sim_port}"
            print(
                f"proxy bench: {n} sessions x {r} responses, audio paced at {args.pace}x, "
                f"{os.cpu_count()} CPUs shared, load average {os.getloadavg()[0]:.1f}"
            )
            # Warm the simulator's voice cache: every prompt once, so no phase pays for TTS.
            asyncio.run(drive(direct, len(PROMPTS), 1))

            proxy, pport = start_proxy(sim_port, tmp / "run-off", verify=False, asr_model=args.asr_model)
            via = f"ws://127.0.0.1:{pport}"
            try:
                time.sleep(1.0)
                rss0 = proc_rss_mb(proxy.pid)

                async def idle() -> float:
                    conns = await asyncio.gather(*(open_session(via) for _ in range(n)))
                    await asyncio.sleep(2.0)
                    rss = proc_rss_mb(proxy.pid)
                    await asyncio.gather(*(c.close() for c in conns))
                    return rss

                rss_idle = asyncio.run(idle())
                # A floor for any extra hop on this machine: socat copying the same TCP bytes, in C.
                socat = None
                lat_socat: list[float] = []
                if shutil.which("socat"):
                    sport = free_port()
                    socat = subprocess.Popen(
                        ["socat", f"TCP-LISTEN:{sport},bind=127.0.0.1,reuseaddr,fork", f"TCP:127.0.0.1:{sim_port}"]
                    )
                    time.sleep(0.5)
                # Direct and proxied rounds alternate, so both see the same background load.
                lat_direct, lat_off = [], []
                rounds: list[str] = []
                wall_direct = wall_off = busy_wall = cpu_off = cpu_relay = 0.0
                done_direct = done_off = 0
                for k in range(args.rounds):
                    lat, wall, done = asyncio.run(drive(direct, n, r))
                    rounds.append(f"round {k + 1}: direct p99 {1000 * pct(lat, 0.99):.1f} ms")
                    lat_direct += lat
                    wall_direct, done_direct = wall_direct + wall, done_direct + done
                    cpu0, relay0, t0 = proc_cpu_s(proxy.pid), proc_cpu_s(proxy.pid, False), time.perf_counter()
                    lat, wall, done = asyncio.run(drive(via, n, r))
                    cpu_off += proc_cpu_s(proxy.pid) - cpu0
                    cpu_relay += proc_cpu_s(proxy.pid, False) - relay0
                    busy_wall += time.perf_counter() - t0
                    lat_off += lat
                    rounds[-1] += f", proxy p99 {1000 * pct(lat, 0.99):.1f} ms"
                    wall_off, done_off = wall_off + wall, done_off + done
                    if socat is not None:
                        lat = asyncio.run(drive(f"ws://127.0.0.1:{sport}", n, r))[0]
                        rounds[-1] += f", socat p99 {1000 * pct(lat, 0.99):.1f} ms"
                        lat_socat += lat
                if socat is not None:
                    socat.terminate()
                rss_busy = proc_rss_mb(proxy.pid)
            finally:
                stop(proxy)

            lat_on: list[float] = []
            wall_on, done_on, page, drain_s = 0.0, 0, "", 0.0
            if not args.skip_verify:
                lat_on, wall_on, done_on, page, drain_s = verify_phase(sim_port, tmp / "run-on", n, r, args.asr_model)
        finally:
            sim.terminate()
            sim.wait(10)

    print(
        f"responses completed: direct {done_direct}, proxied {done_off} (of {n * r * args.rounds} each, "
        f"{args.rounds} alternating rounds), proxied+verify {done_on} (of {n * r})"
    )
    print("latency per server frame (simulator send -> client receive):")
    show("direct", lat_direct)
    if lat_socat:
        show("socat TCP hop (floor)", lat_socat)
    show("proxy, verify off", lat_off)
    show("proxy, verify on", lat_on)
    if lat_socat:
        print(
            f"  added by a bare TCP hop (socat): p50 {1000 * (pct(lat_socat, 0.5) - pct(lat_direct, 0.5)):+.2f} ms, "
            f"p99 {1000 * (pct(lat_socat, 0.99) - pct(lat_direct, 0.99)):+.2f} ms"
        )
    for name, lat in (("verify off", lat_off), ("verify on", lat_on)) if lat_on else (("verify off", lat_off),):
        print(
            f"  added by the proxy ({name}): p50 {1000 * (pct(lat, 0.5) - pct(lat_direct, 0.5)):+.2f} ms, "
            f"p99 {1000 * (pct(lat, 0.99) - pct(lat_direct, 0.99)):+.2f} ms"
        )
    for line in rounds:
        print("  " + line)
    print(
        f"proxy CPU: {cpu_off:.2f} s over {busy_wall:.1f} s wall for {n} sessions = "
        f"{100 * cpu_off / busy_wall / n:.2f}% of a core per streaming session (verify off; relay process alone "
        f"{100 * cpu_relay / busy_wall / n:.2f}%, the rest is the tap process)"
    )
    print(
        f"proxy memory (relay + tap processes): {rss0:.1f} MiB at rest, {rss_idle:.1f} MiB with {n} idle sessions = "
        f"{1024 * (rss_idle - rss0) / n:.0f} KiB per idle session; {rss_busy:.1f} MiB after the busy phase"
    )
    if not page:
        return
    verdicts = {
        k.split('verdict="')[1].split('"')[0]: v
        for k, v in metric_samples(page, "verifier_proxy_responses_total").items()
    }
    skipped = sum(metric_samples(page, "verifier_proxy_responses_skipped_total").values())
    lag = metric_samples(page, "verifier_proxy_verification_lag_seconds")
    count = lag.get("verifier_proxy_verification_lag_seconds_count", 0)
    mean = lag.get("verifier_proxy_verification_lag_seconds_sum", 0) / count if count else float("nan")
    print(
        f"verification ({args.asr_model}): {int(count)} verified, {int(skipped)} skipped by sampling, "
        f"verdicts {json.dumps(verdicts)}; lag mean {mean:.1f} s, p50 <= {lag_quantile(page, 0.5):g} s, "
        f"p99 <= {lag_quantile(page, 0.99):g} s; drained {drain_s:.1f} s after the last response"
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    print(
        f"session wall time: direct {wall_direct:.1f} s, proxied {wall_off:.1f} s, proxied+verify {wall_on:.1f} s;"
        f" mean direct frame latency {1000 * statistics.fmean(lat_direct):.2f} ms"
    )


if __name__ == "__main__":
    main()

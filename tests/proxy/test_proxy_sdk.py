"""Unmodified SDK clients through the proxy over wss, against the simulator with faults: same events as direct."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.proxy import proxy_to, rows, strip_ids, wait_for
from tests.helpers.sim import KEY, REPORT_DRIFT_ES, REPORT_TRUNCATE, LocalCA
from verifier.simulator import Simulator

pytestmark = pytest.mark.slow

NODE_DIR = Path(__file__).resolve().parent.parent / "node"
NODE = shutil.which("node")
FAULTS = "text_only=0.4,truncate=0.4"


def tls_files(ca: LocalCA, where: Path) -> tuple[str, str]:
    pem = where / "proxy-cert.pem"
    ca.cert.private_key_and_cert_chain_pem.write_to_path(str(pem))
    return str(pem), str(pem)


def node_report(endpoint: str, ca: LocalCA, text: str) -> dict[str, Any]:
    env = {
        **os.environ,
        "AZURE_OPENAI_API_KEY": KEY,
        "AZURE_OPENAI_ENDPOINT": endpoint,
        "NODE_EXTRA_CA_CERTS": str(ca.ca_pem),
        "SIM_TEXT": text,
        "SIM_TIMEOUT_MS": "40000",
    }
    proc = subprocess.run(
        [str(NODE), "user_report.js"], cwd=NODE_DIR, env=env, capture_output=True, text=True, timeout=90
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no summary from node (rc {proc.returncode}): {proc.stderr[-2000:]}"
    out: dict[str, Any] = json.loads(lines[-1])
    out["rc"] = proc.returncode
    return out


def test_npm_sdk_user_report_through_the_proxy(proxy_ca: LocalCA, tmp_path: Path) -> None:
    if NODE is None:
        pytest.skip("node is not installed: the npm SDK test needs Node.js 18+")
    if not (NODE_DIR / "node_modules" / "openai").is_dir():
        pytest.fail(f"npm packages missing: run `npm install` in {NODE_DIR}")
    certfile, keyfile = tls_files(proxy_ca, tmp_path)
    seen = []
    for via_proxy in (False, True):
        # A fresh simulator with the same seed and faults per leg: the same prompt draws the same fault.
        sim = Simulator(
            api_key=KEY,
            faults=FAULTS,
            seed=11,
            ssl_context=proxy_ca.server_context(),
            truth_log=tmp_path / f"truth-{via_proxy}.jsonl",
        )

        async def leg(sim: Simulator = sim, via_proxy: bool = via_proxy) -> dict[str, Any]:
            async with sim:
                if not via_proxy:
                    return await asyncio.to_thread(node_report, sim.http_url(), proxy_ca, REPORT_TRUNCATE)
                async with proxy_to(
                    sim.http_url(),
                    tmp_path / "run",
                    certfile=certfile,
                    keyfile=keyfile,
                    upstream_cafile=str(proxy_ca.ca_pem),
                ) as p:
                    out = await asyncio.to_thread(node_report, p.http_url(), proxy_ca, REPORT_TRUNCATE)
                    await wait_for(lambda: p.tap is not None and p.tap.stats.captures == 1)
                    return out

        seen.append(asyncio.run(leg()))
    direct, proxied = seen
    assert direct["rc"] == 0 and not direct["errors"], direct
    assert proxied == direct
    truth = rows(tmp_path / "truth-True.jsonl")
    caps = rows(tmp_path / "run" / "captures.jsonl")
    assert [c["response_id"] for c in caps] == [t["response_id"] for t in truth]
    assert caps[0]["transcript"] == proxied["transcript"] and caps[0]["part_types"] == proxied["part_types"]


async def python_sdk_session(endpoint: str, ca: LocalCA, fault: str) -> list[dict[str, Any]]:
    import openai

    client = openai.AsyncAzureOpenAI(api_key=KEY, azure_endpoint=endpoint, api_version="2024-10-01-preview")
    events: list[dict[str, Any]] = []
    async with client.beta.realtime.connect(
        model="gpt-realtime", websocket_connection_options={"ssl": ca.client_context()}
    ) as conn:
        await conn.session.update(session={"modalities": ["text", "audio"], "output_audio_format": "g711_ulaw"})
        await conn.conversation.item.create(
            item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": REPORT_DRIFT_ES}]}
        )
        await conn.response.create(
            response={"modalities": ["text", "audio"], "conversation": "none", "metadata": {"sim_fault": fault}}
        )
        async for event in conn:
            events.append(event.model_dump(exclude_unset=True))
            if event.type in ("response.done", "error"):
                break
    return events


@pytest.mark.parametrize("fault", ["truncate:mid_sentence", "text_only", "none"])
def test_python_sdk_through_the_proxy_over_wss(proxy_ca: LocalCA, tmp_path: Path, fault: str) -> None:
    openai = pytest.importorskip("openai")
    if not hasattr(
        getattr(
            openai.AsyncAzureOpenAI(api_key="x", azure_endpoint="https://x", api_version="v").beta, "realtime", None
        ),
        "connect",
    ):
        pytest.skip("this openai has no beta realtime client")
    certfile, keyfile = tls_files(proxy_ca, tmp_path)

    async def leg(via_proxy: bool) -> list[dict[str, Any]]:
        # A fresh simulator per leg: the fault's details (the cut point) are drawn per prompt and repeat.
        async with Simulator(
            api_key=KEY, ssl_context=proxy_ca.server_context(), truth_log=tmp_path / f"truth-{via_proxy}.jsonl"
        ) as sim:
            if not via_proxy:
                return await python_sdk_session(sim.http_url(), proxy_ca, fault)
            async with proxy_to(
                sim.http_url(),
                tmp_path / "run",
                certfile=certfile,
                keyfile=keyfile,
                upstream_cafile=str(proxy_ca.ca_pem),
            ) as p:
                events = await python_sdk_session(p.http_url(), proxy_ca, fault)
                await wait_for(lambda: p.tap is not None and sum(p.tap.stats.verdicts.values()) == 1)
                return events

    direct, proxied = asyncio.run(leg(False)), asyncio.run(leg(True))
    assert [e["type"] for e in proxied] == [e["type"] for e in direct]
    assert strip_ids(proxied) == strip_ids(direct)
    truth = rows(tmp_path / "truth-True.jsonl")[-1]
    caps = rows(tmp_path / "run" / "captures.jsonl")
    assert [c["response_id"] for c in caps] == [truth["response_id"]]

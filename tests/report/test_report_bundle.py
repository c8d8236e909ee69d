"""`verifier bundle`: the support zip has the evidence and no secret in any file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers.reports import sim_config
from verifier.schema import audio

# Shapes the services really use: an OpenAI project key, a 32-hex Azure resource
# key, an Entra (JWT) bearer token, and a key with no recognisable shape at all.
OPENAI_KEY = "sk-proj-Zx81Qm2LwT0pAbCdEfGh3456IjKlMnOp"
AZURE_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
BEARER = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZSJ9.c2lnbmF0dXJlLXBhcnQtMTIzNDU2"
SHAPELESS = "correct-horse-battery-staple-Q9"
SECRETS = [OPENAI_KEY, AZURE_KEY, BEARER, SHAPELESS]


def leak_secrets(run_dir: Path) -> None:
    """Plant every secret where careless code or a user's own logs would put it."""
    info = json.loads((run_dir / "run.json").read_text())
    info["headers"] = {"api-key": AZURE_KEY, "Authorization": f"Bearer {BEARER}"}
    info["endpoint_url"] = (
        f"wss://x.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&api-key={AZURE_KEY}"
    )
    info["note"] = f"key used: {SHAPELESS}"
    info["openai"] = {"key": OPENAI_KEY}
    (run_dir / "run.json").write_text(json.dumps(info))
    results = [json.loads(x) for x in (run_dir / "results.jsonl").read_text().splitlines()]
    failing = [r["id"] for r in results if r["verdict"] != "match"]
    assert failing, "the run needs failing responses to bundle"
    with (run_dir / "events.jsonl").open("a") as fh:
        for rid in failing:
            fh.write(
                json.dumps(
                    {
                        "t": 2.0,
                        "conn": 0,
                        "prompt_id": None,
                        "attempt": 0,
                        "event": {
                            "type": "error",
                            "response_id": rid,
                            "error": {
                                "message": f"Incorrect API key provided: {OPENAI_KEY}. Access denied due to invalid "
                                f"subscription key {AZURE_KEY}; Authorization: Bearer {BEARER}"
                            },
                        },
                    }
                )
                + "\n"
            )
    for r in results:
        r["error"] = f"HTTP 401 with api_key={SHAPELESS} and token {BEARER}"
        r["explanation"] += f" (connected with Authorization: Bearer {BEARER})"
        r["meta"]["request_headers"] = {"api-key": AZURE_KEY}
    (run_dir / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in results))


@pytest.fixture(scope="module")
def leaky_run(sim_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real simulator run authenticated with the secret key, then secrets planted everywhere."""
    from verifier.harness.runner import run

    out = tmp_path_factory.mktemp("leaky") / "run"
    run(sim_corpus, sim_config(out, faults="text_only=0.6", repeat=2, api_key=AZURE_KEY), progress=False)
    files = [p for p in out.rglob("*") if p.is_file()]
    assert files and not [p for p in files if AZURE_KEY.encode() in p.read_bytes()], "the harness itself leaked"
    leak_secrets(out)
    assert all(s in (out / "run.json").read_text() for s in SECRETS)
    return out


def bundle_in_fresh_process(run: Path, out: Path, env_key: str | None) -> None:
    """A new process, so no secret the test process registered can help the scrubbing."""
    env = {k: v for k, v in os.environ.items() if "KEY" not in k and "TOKEN" not in k}
    if env_key:
        env["AZURE_OPENAI_API_KEY"] = env_key
    res = subprocess.run(
        [str(Path(sys.executable).parent / "verifier"), "bundle", str(run), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert all(s not in res.stdout + res.stderr for s in SECRETS)


def assert_no_secret(zip_path: Path, secrets: list[str]) -> list[str]:
    names = []
    with zipfile.ZipFile(zip_path) as z:
        for name in z.namelist():
            data = z.read(name)
            for s in secrets:
                assert s.encode() not in data, f"{s[:8]}... survives in {name}"
            names.append(name)
    return names


@pytest.mark.slow
def test_no_key_survives_in_any_file(leaky_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    bundle_in_fresh_process(leaky_run, out, env_key=SHAPELESS)
    names = assert_no_secret(out, SECRETS)
    assert "SUMMARY.md" in names and "report.html" in names and "run.json" in names
    assert sum(n.endswith("/events.jsonl") for n in names) >= 2
    with zipfile.ZipFile(out) as z:
        events = [
            json.loads(x) for n in z.namelist() if n.endswith("/events.jsonl") for x in z.read(n).decode().splitlines()
        ]
    # The planted error events made it into the evidence, scrubbed.
    assert any("Incorrect API key provided: [REDACTED]" in json.dumps(e) for e in events)
    assert any(e.get("dir") == "client" and e["event"]["type"] == "conversation.item.create" for e in events)


@pytest.mark.slow
def test_recognisable_keys_are_scrubbed_without_being_told(leaky_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    bundle_in_fresh_process(leaky_run, out, env_key=None)
    assert_no_secret(out, [OPENAI_KEY, AZURE_KEY, BEARER])
    with zipfile.ZipFile(out) as z:
        assert "[REDACTED]" in z.read("run.json").decode()


def test_bundle_holds_the_evidence(synthetic_run: Path, tmp_path: Path) -> None:
    from verifier.report.bundle import make_bundle

    out = make_bundle(synthetic_run, tmp_path / "b.zip")
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        folders = sorted({n.split("/")[1] for n in names if n.startswith("responses/")})
        # every non-match response, none of the matches
        assert [f.split("_", 1)[1] for f in folders] == [
            "resp_trunc",
            "resp_drift",
            "resp_none",
            "resp_xss",
            "resp_err",
        ]
        trunc = f"responses/{folders[0]}"
        wav = z.read(f"{trunc}/audio.wav")
        assert audio.duration(wav, "wav") == pytest.approx(
            audio.duration((synthetic_run / "audio/resp_trunc.ulaw").read_bytes(), "g711_ulaw"), abs=0.01
        )
        assert "[-Yeah,-]" in z.read(f"{trunc}/diff.txt").decode()
        assert json.loads(z.read(f"{trunc}/capture.json"))["item_id"] == "item_resp_trunc"
        events = [json.loads(x) for x in z.read(f"{trunc}/events.jsonl").decode().splitlines()]
        assert events and all(e["event"].get("response", {}).get("id", "resp_trunc") == "resp_trunc" for e in events)
        summary = z.read("SUMMARY.md").decode()
    for needle in (
        "gpt-realtime",
        "2024-10-01-preview",
        "swedencentral",
        "example.openai.azure.com",
        "4 of 6 responses",
        "## How to reproduce",
        "resp_trunc",
        "g711_ulaw",
    ):
        assert needle in summary, needle

"""The pure handshake decision, from hand-built requests: what the proxy dials for each kind of client."""

from __future__ import annotations

import pytest

from verifier.proxy import handshake
from verifier.proxy.handshake import PlanError, plan, upstream_base

KEY = "azure-key-0123456789"
BASE = "wss://my-resource.openai.azure.com"


def ws_headers(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        ("Host", "127.0.0.1:8443"),
        ("Upgrade", "websocket"),
        ("Connection", "Upgrade"),
        ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
        ("Sec-WebSocket-Version", "13"),
        ("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"),
        *extra,
    ]


@pytest.mark.parametrize(
    "upstream, base",
    [
        ("https://my-resource.openai.azure.com", BASE),
        ("https://my-resource.openai.azure.com/", BASE),
        ("my-resource.openai.azure.com", BASE),
        ("http://127.0.0.1:9000", "ws://127.0.0.1:9000"),
        ("wss://gw.example.com/tenant-a/", "wss://gw.example.com/tenant-a"),
    ],
)
def test_upstream_base(upstream: str, base: str) -> None:
    assert upstream_base(upstream) == base


@pytest.mark.parametrize("bad", ["ftp://x", "https://", "https://x/openai/realtime?api-version=1"])
def test_upstream_base_refuses_what_it_cannot_use(bad: str) -> None:
    with pytest.raises(PlanError, match="--upstream"):
        upstream_base(bad)


def test_azure_preview_with_api_key_header() -> None:
    target = "/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-realtime"
    p = plan(BASE, target, ws_headers(("api-key", KEY), ("User-Agent", "node"), ("X-Custom", "1"), ("X-Custom", "2")))
    assert p.url == BASE + target
    # hop headers gone; the rest in order, repeats kept, credentials unchanged
    assert p.headers == [("api-key", KEY), ("User-Agent", "node"), ("X-Custom", "1"), ("X-Custom", "2")]
    assert p.route.api == "azure-preview" and p.route.deployment == "gpt-realtime"
    assert p.route.api_version == "2024-10-01-preview" and p.route.auth == "api-key"
    assert KEY in p.secrets and KEY not in repr(p)


def test_azure_ga_with_bearer_token() -> None:
    token = "eyJhbGciOiJSUzI1NiJ9.payload-part-long.signature-part"
    p = plan(BASE, "/openai/v1/realtime?model=my-deployment", ws_headers(("Authorization", f"Bearer {token}")))
    assert p.url == BASE + "/openai/v1/realtime?model=my-deployment"
    assert ("Authorization", f"Bearer {token}") in p.headers
    assert p.route.api == "azure-ga" and p.route.deployment == "my-deployment" and p.route.api_version == "v1"
    assert p.route.auth == "bearer" and token in p.secrets


def test_openai_beta_header_and_path_prefix_kept() -> None:
    p = plan(
        "wss://gw.example.com/tenant-a",
        "/v1/realtime?model=gpt-realtime",
        ws_headers(("Authorization", "Bearer sk-abc123456789"), ("OpenAI-Beta", "realtime=v1")),
    )
    assert p.url == "wss://gw.example.com/tenant-a/v1/realtime?model=gpt-realtime"
    assert ("OpenAI-Beta", "realtime=v1") in p.headers
    assert p.route.api == "openai" and p.route.deployment == "gpt-realtime"


def test_browser_subprotocol_key_is_forwarded_but_named_secret() -> None:
    offered = ["realtime", f"openai-insecure-api-key.{KEY}", "openai-beta.realtime-v1"]
    p = plan(
        BASE,
        "/v1/realtime?model=gpt-realtime",
        ws_headers(("Sec-WebSocket-Protocol", ", ".join(offered)), ("Origin", "https://app.example.com")),
        offered,
    )
    assert p.subprotocols == offered  # same list, same order
    assert ("Origin", "https://app.example.com") in p.headers
    assert not any(k.lower() == "sec-websocket-protocol" for k, _ in p.headers)  # negotiated by the dial itself
    assert p.route.auth == "subprotocol" and KEY in p.secrets


def test_query_key_is_forwarded_but_masked_in_labels() -> None:
    target = f"/openai/realtime?api-version=2025-04-01-preview&deployment=d1&api-key={KEY}"
    p = plan(BASE, target, ws_headers())
    assert p.url == BASE + target
    assert KEY not in p.route.path and "api-key=[REDACTED]" in p.route.path and p.route.auth == "query"
    assert KEY in p.secrets


def test_labels_are_bounded_and_printable() -> None:
    r = handshake.describe("/openai/realtime?deployment=" + "x" * 500 + "%0A&api-version=v", [])
    assert len(r.deployment) <= 64 and "\n" not in r.deployment


def test_response_headers_keep_request_ids_only() -> None:
    got = handshake.response_headers(
        [
            ("Upgrade", "websocket"),
            ("Connection", "Upgrade"),
            ("Sec-WebSocket-Accept", "x"),
            ("x-request-id", "r1"),
            ("x-ms-region", "eastus2"),
            ("Date", "now"),
            ("apim-request-id", "a1"),
        ]
    )
    assert got == [("x-request-id", "r1"), ("x-ms-region", "eastus2"), ("apim-request-id", "a1")]

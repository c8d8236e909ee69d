"""Endpoint URLs, auth headers and environment configuration for Azure preview, Azure GA and OpenAI."""

from __future__ import annotations

import pytest

from verifier.harness.worker import rate_limit_delay
from verifier.realtime.transport import FatalTransportError, build_target, target_from_env

KEY = "azkey-0123456789abcdef"


def test_azure_preview_url_and_api_key_header() -> None:
    t = build_target(
        "azure",
        "https://res.openai.azure.com/",
        api_key=KEY,
        api_version="2024-10-01-preview",
        deployment="gpt-realtime",
    )
    assert t.shape == "beta"
    assert t.url == "wss://res.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-realtime"
    assert t.headers == {"api-key": KEY}


def test_azure_ga_has_model_and_no_api_version() -> None:
    for kw in ({"api_version": "v1"}, {"shape": "ga"}):
        t = build_target("azure", "https://res.openai.azure.com", api_key=KEY, deployment="my-dep", **kw)
        assert t.shape == "ga" and t.url == "wss://res.openai.azure.com/openai/v1/realtime?model=my-dep"
        assert "api-version" not in t.url and "OpenAI-Beta" not in t.headers
    t = build_target("azure", "https://res.openai.azure.com/openai/v1/", api_key=KEY)
    assert t.shape == "ga" and t.url.endswith("/openai/v1/realtime?model=gpt-realtime")


def test_azure_entra_token_is_a_bearer_header() -> None:
    t = build_target("azure", "res.openai.azure.com", token="eyJhbGciOi.tokenpart.signature")
    assert t.headers == {"Authorization": "Bearer eyJhbGciOi.tokenpart.signature"}
    assert t.url.startswith("wss://res.openai.azure.com/openai/realtime?api-version=")


def test_openai_ga_and_beta() -> None:
    ga = build_target("openai", api_key="sk-abcdefghijkl", model="gpt-realtime")
    assert ga.url == "wss://api.openai.com/v1/realtime?model=gpt-realtime" and ga.shape == "ga"
    assert ga.headers == {"Authorization": "Bearer sk-abcdefghijkl"}
    beta = build_target("openai", "https://api.openai.com/v1", api_key="sk-abcdefghijkl", shape="beta")
    assert beta.headers["OpenAI-Beta"] == "realtime=v1" and beta.url == ga.url


def test_environment_variables_the_sdks_read_and_flags_win() -> None:
    env = {
        "AZURE_OPENAI_ENDPOINT": "https://env.openai.azure.com",
        "AZURE_OPENAI_API_KEY": KEY,
        "OPENAI_API_VERSION": "2025-04-01-preview",
        "AZURE_OPENAI_DEPLOYMENT": "dep-env",
    }
    t = target_from_env("azure", env=env)
    assert t.host == "env.openai.azure.com" and t.deployment == "dep-env" and t.api_version == "2025-04-01-preview"
    t = target_from_env("azure", env=env, deployment="dep-flag", endpoint="https://flag.openai.azure.com")
    assert t.host == "flag.openai.azure.com" and t.deployment == "dep-flag"
    o = target_from_env("openai", env={"OPENAI_API_KEY": "sk-envkey12345", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    assert o.url == "ws://127.0.0.1:9/v1/realtime?model=gpt-realtime"


def test_missing_configuration_is_a_clear_error_without_secrets() -> None:
    with pytest.raises(FatalTransportError, match="AZURE_OPENAI_ENDPOINT"):
        target_from_env("azure", env={"AZURE_OPENAI_API_KEY": KEY})
    with pytest.raises(FatalTransportError, match="AZURE_OPENAI_API_KEY"):
        target_from_env("azure", env={"AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com"})
    with pytest.raises(FatalTransportError, match="OPENAI_API_KEY"):
        target_from_env("openai", env={})
    with pytest.raises(FatalTransportError, match="scheme"):
        build_target("azure", "ftp://x", api_key=KEY)
    t = build_target("azure", "https://res.openai.azure.com", api_key=KEY)
    assert KEY not in repr(t) and KEY not in str(t.describe())


def test_rate_limit_errors_and_their_delays() -> None:
    msg = "Rate limit reached for gpt-realtime on tokens per min (TPM): Limit 40000. Please try again in 1.25s."
    assert rate_limit_delay({"type": "tokens", "code": "rate_limit_exceeded", "message": msg}) == 1.25
    assert rate_limit_delay({"code": "rate_limit_exceeded", "message": "Please try again in 20ms."}) == 0.02
    assert rate_limit_delay({"type": "rate_limit_error"}) == 0.0
    assert rate_limit_delay({"type": "invalid_request_error", "code": "invalid_value", "message": "bad"}) is None

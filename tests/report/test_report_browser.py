"""The HTML report in a real browser (Debian `chromium`, headless).

Needs the `chromium` apt package (`make browser` installs it when it can);
skips, saying so, when the binary is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,  # chromium renders the page
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)"),
]


def chromium(args: list[str], user_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={user_dir}",
        "--hide-scrollbars",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)


def render_and_shoot(page: Path, shot: Path, tmp: Path) -> str:
    dom = chromium(["--virtual-time-budget=5000", "--dump-dom", page.as_uri()], tmp / "u1")
    assert dom.returncode == 0, dom.stderr[-2000:]
    res = chromium(
        ["--virtual-time-budget=3000", "--window-size=1280,1400", f"--screenshot={shot}", page.as_uri()], tmp / "u2"
    )
    assert res.returncode == 0, res.stderr[-2000:]
    return dom.stdout


def body_attrs(dom: str) -> dict[str, str]:
    m = re.search(r"<body([^>]*)>", dom)
    assert m, "no <body> in the rendered DOM"
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', m.group(1)))


def test_report_renders_audio_loads_and_screenshot(report_for_browser: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    dom = render_and_shoot(report_for_browser, shot, tmp_path)
    attrs = body_attrs(dom)
    assert attrs["ready"] == "1", "the report's script did not run"
    total = int(attrs["audio-total"])
    assert total > 0
    # Every embedded player decoded its WAV far enough to know the duration.
    assert attrs["audio-loaded"] == str(total) and attrs["audio-errors"] == "0"
    assert re.search(r'<audio[^>]*data-duration="[0-9.]+[^"]*"', dom)
    # The script never turned model text into markup.
    assert "<script>alert" not in dom
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a real, non-blank picture

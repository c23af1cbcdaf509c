"""The running app in a real browser (Debian's headless Chromium driven by Playwright)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import FIXTURES, query

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(build_warehouse):
    warehouse = build_warehouse(FIXTURES / "thin_slice" / "landing")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "serve", "--warehouse", str(warehouse), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    else:
        os.killpg(proc.pid, signal.SIGTERM)
        pytest.fail("the app did not start within 90 s")
    yield url, warehouse
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)


def test_collections_page_renders_in_chromium(served):
    from playwright.sync_api import sync_playwright

    url, warehouse = served
    expected = query(warehouse, "select sum(cash_collected) from marts.fct_cash_collected_monthly")[0][0]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "/collections?lang=zh", wait_until="domcontentloaded")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        body = page.inner_text("body")
        metric = page.locator('[data-testid="stMetric"]').first.inner_text()
        browser.close()
    assert "Traceback" not in body and "Error" not in body
    shown = re.search(r"[\d,]+\.\d\d", metric.split("\n", 1)[1]).group(0)
    assert shown == "168.47" and expected / 10_000 - 168 < 1

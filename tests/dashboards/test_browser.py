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
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.conftest import FIXTURES, query

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("sales")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SALES = FIXTURES / "sales" / "landing"
SALES_AS_OF = "2024-06-30"  # the build tests/dbt/test_sales_marts.py and test_app.py share
PAGES = ["overview", "sales", "collections", "worklist", "after-sales", "marketing", "data-ops"]


@pytest.fixture(scope="module")
def served(build_warehouse):
    warehouse = build_warehouse(SALES, as_of=SALES_AS_OF)
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "serve",
            "--warehouse",
            str(warehouse),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
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


def shown_figure(page, label: str) -> str:
    """The value of the headline metric whose label starts with ``label``."""
    # a page renders in several deltas: wait for this metric, not just for any metric
    page.locator('[data-testid="stMetric"]', has_text=label).first.wait_for(timeout=60_000)
    for metric in page.locator('[data-testid="stMetric"]').all():
        text = metric.inner_text()
        if text.startswith(label):
            return re.search(r"[\d,]+\.\d\d", text.split("\n", 1)[1]).group(0)
    raise AssertionError(f"no metric {label!r}")


def test_every_page_renders_in_chromium(served):
    """One browser, one server: every page by its deep link (shared URLs must work), no
    exception, and a headline figure equal to its mart."""
    from playwright.sync_api import sync_playwright

    url, warehouse = served
    receivable = query(warehouse, "select sum(outstanding_amount) from marts.fct_ar_aging")[0][0]
    at_risk = query(warehouse, "select sum(amount_outstanding) from marts.fct_overdue_items")[0][0]
    figures, bodies = {}, {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for name in PAGES:
            page.goto(f"{url}/{name}?lang=zh", wait_until="domcontentloaded")
            page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
            page.wait_for_function(
                "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
            )
            bodies[name] = (
                page.inner_text("body"),
                page.locator('[data-testid="stException"]').count(),
            )
            # the navigation and the filters are there: app.py ran, not the page alone
            assert page.locator('[data-testid="stSidebarNav"]').count() == 1, name
            if name == "overview":
                figures["receivable"] = shown_figure(page, "应收未收")
            if name == "worklist":
                figures["at_risk"] = shown_figure(page, "涉及金额")
        # the root address opens the overview at its own address
        page.goto(f"{url}/?lang=zh", wait_until="domcontentloaded")
        page.wait_for_url("**/overview**", timeout=60_000)
        page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
        bodies["/"] = (page.inner_text("body"), page.locator('[data-testid="stException"]').count())
        browser.close()
    for name, (body, exceptions) in bodies.items():
        assert exceptions == 0 and "Traceback" not in body, name
        # every deep link is a page of the navigation (the default page once was not)
        assert "Page not found" not in body, name
    expected = (receivable / 10_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert figures["receivable"] == f"{expected:,}"
    # hand-checked (tests/fixtures/sales/README.md): seven cases worth 2,420,000 yuan
    assert at_risk == 2_420_000 and figures["at_risk"] == "242.00"

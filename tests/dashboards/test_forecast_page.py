"""AppTest of the cash-forecast page on the forecast fixture's warehouse (the same build as
tests/dbt/test_forecast.py, shared in the session), figures asserted against the marts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.settings import DASHBOARD_APP as APP
from tests.conftest import FIXTURES, query
from tests.dbt.test_forecast import SELECT

LANDING = FIXTURES / "forecast" / "landing"


def wan(amount) -> str:
    return f"{(Decimal(amount) / 10_000).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label.startswith(label))


@pytest.fixture
def page(build_warehouse, monkeypatch):
    warehouse = build_warehouse(LANDING, select=SELECT)
    monkeypatch.setenv("HUILONG_WAREHOUSE", str(warehouse))

    def _open(lang: str = "zh") -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception, at.exception
        at.switch_page("views/cash_forecast.py").run()
        assert not at.exception, at.exception
        return at

    _open.warehouse = warehouse
    return _open


def test_forecast_headlines_equal_the_marts(page):
    at = page()
    wh = page.warehouse
    total = query(wh, "select sum(expected_amount) from marts.fct_cash_forecast")[0][0]
    week_1 = query(
        wh, "select sum(expected_amount) from marts.fct_cash_forecast where horizon_week = 1"
    )[0][0]
    assert total > 0
    assert metric(at, "未来13周预计回款").value == wan(total)
    assert f"{total:,.2f}" in metric(at, "未来13周预计回款").help
    assert metric(at, "第1周预计回款").value == wan(week_1)
    wape = query(
        wh,
        "select wape from marts.fct_forecast_accuracy "
        "where summary_level = 'overall' and method = 'forecast'",
    )[0][0]
    shown = (wape * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert metric(at, "WAPE · 模型预测").value == f"{shown:,}%"
    # the week chart with its band and the two backtest charts
    assert len(at.get("plotly_chart")) >= 3


def test_lines_of_a_week_add_up_to_its_forecast(page):
    at = page("en")
    wh = page.warehouse
    week, expected = query(
        wh,
        "select week_start, sum(line_expected_amount) from marts.fct_cash_forecast "
        "group by 1 having sum(line_expected_amount) > 0 order by 1 desc limit 1",
    )[0]
    box = at.selectbox(key="forecast-week")
    box.select_index(box.options.index(f"{week:%Y-%m-%d}")).run()
    assert not at.exception, at.exception
    rows = next(
        df.value
        for df in at.dataframe
        if "Expected (yuan)" in df.value.columns and "Outstanding (yuan)" in df.value.columns
    )
    assert sum(rows["Expected (yuan)"]) == expected


# tests sharing a fixture warehouse run on one xdist worker, so it is built once
pytestmark = pytest.mark.xdist_group("forecast")

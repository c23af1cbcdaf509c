"""AppTest smoke tests of the pages on the thin-slice fixture warehouse."""

from __future__ import annotations

from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.settings import DASHBOARD_APP as APP
from tests.conftest import FIXTURES, query


@pytest.fixture
def app(build_warehouse, monkeypatch):
    warehouse = build_warehouse(FIXTURES / "thin_slice" / "landing")
    monkeypatch.setenv("HUILONG_WAREHOUSE", str(warehouse))

    def _open(lang: str = "zh") -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception, at.exception
        return at

    _open.warehouse = warehouse
    return _open


def test_collections_page_total_equals_mart(app):
    at = app()
    expected = query(app.warehouse, "select sum(cash_collected) from marts.fct_cash_collected_monthly")[0][0]
    total = next(m for m in at.metric if m.label.startswith("累计回款"))
    # shown in 万元 to 2 places: 1,684,656.40 yuan -> 168.47
    assert expected == Decimal("1684656.40")
    assert total.value == "168.47"
    assert len(at.get("plotly_chart")) == 1
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 2


def test_language_switch_translates_labels(app):
    at = app("en")
    labels = [m.label for m in at.metric]
    assert any(label.startswith("Total collected") for label in labels)
    at.sidebar.radio[0].set_value("zh").run()
    assert any(m.label.startswith("累计回款") for m in at.metric)

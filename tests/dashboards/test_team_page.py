"""AppTest of the team page and the hygiene lists on the data-ops page, on the hand-checked
team fixture (tests/fixtures/team/README.md, D = 2024-06-30): the shown figures against the
marts and against the figures worked out by hand. Uses the same build as
tests/dbt/test_team.py (one warehouse build for issue 10)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.settings import DASHBOARD_APP as APP
from tests.conftest import FIXTURES, query
from tests.dbt.test_team import SELECT

TEAM = FIXTURES / "team" / "landing"
AS_OF = "2024-06-30"


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label.startswith(label))


def frame_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.fixture
def team_app(build_warehouse, monkeypatch):
    warehouse = build_warehouse(TEAM, as_of=AS_OF, select=SELECT)
    monkeypatch.setenv("HUILONG_WAREHOUSE", str(warehouse))

    def _open(page: str, lang: str = "zh", **params: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.query_params["lang"] = lang
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, at.exception
        return at

    _open.warehouse = warehouse
    return _open


def test_team_headlines_equal_marts_and_hand_figures(team_app):
    at = team_app("team", **{"from": "2024-02", "to": "2024-06"})
    wh = team_app.warehouse
    received = query(wh, "select sum(customers_received) from marts.fct_consultant_monthly")[0][0]
    assert received == 10  # 11 records, one reviewed pair merged
    assert metric(at, "接待客户").value == "10"
    signed, total = query(
        wh,
        "select sum(customers_signed), sum(customers_received) from marts.fct_consultant_cohorts",
    )[0]
    assert (signed, total) == (4, 10)
    assert metric(at, "同期群签约转化率").value == "40.0%"
    neglected = query(wh, "select count(*) from marts.fct_customer_follow_up where is_neglected")
    assert neglected == [(5,)]
    assert metric(at, "跟进不力客户").value == "5"
    recovered = query(
        wh, "select sum(recovered_30d_amount) from marts.fct_collection_action_outcomes"
    )
    assert recovered == [(Decimal("550000.00"),)]
    assert metric(at, "催收后30天回款").value == "55.00"
    assert "550,000.00" in metric(at, "催收后30天回款").help
    assert metric(at, "守约率").value == "50.0%"
    assert metric(at, "失信承诺").value == "1"
    assert len(at.get("plotly_chart")) >= 1


def test_consultant_filter_and_fair_ranking(team_app):
    at = team_app("team", **{"from": "2024-05", "to": "2024-05"})
    ranking = frame_with(at, "转化指数")
    by_consultant = dict(zip(ranking["置业顾问"], ranking["转化指数"], strict=True))
    # May cohorts of P1: G2 signed 2 against 1.285714 expected, G1 1 against 1.714286
    marts = dict(
        query(
            team_app.warehouse,
            "select consultant_id, conversion_index from marts.fct_consultant_cohorts "
            "where cohort_month = '2024-05-01'",
        )
    )
    assert marts == {"G2": Decimal("1.5556"), "G1": Decimal("0.5833")}
    assert by_consultant == pytest.approx({"G2": 1.5556, "G1": 0.5833})
    assert list(ranking["置业顾问"]) == ["G2", "G1"]

    at.multiselect(key="team_consultants").set_value(["G1"]).run()
    assert not at.exception
    assert metric(at, "接待客户").value == "4"  # G1's May: TK01-TK04
    assert metric(at, "跟进不力客户").value == "2"  # TK02, TK04 at D
    names = frame_with(at, "未跟进天数")
    assert sorted(names["客户名称"]) == ["刘强", "李娜"]


def test_neglect_threshold_is_a_filter(team_app):
    at = team_app("team")
    at.number_input(key="team_neglect_days").set_value(45).run()
    assert metric(at, "跟进不力客户").value == "2"  # TK06 (53 days), TK09 (46)


def test_team_page_in_english_with_downloads(team_app):
    at = team_app("team", "en")
    assert any(m.label.startswith("Customers received") for m in at.metric)
    assert len(at.get("download_button")) >= 2


def test_data_ops_hygiene_lists(team_app):
    at = team_app("data_ops")
    assert metric(at, "疑似重复客户").value == "1"  # TK09|TK10 (TK01|TK05 is merged)
    assert metric(at, "折扣超政策").value == "1"  # C08, 0.01 beyond the 8% limit
    pairs = frame_with(at, "匹配依据")
    assert set(pairs["疑似重复编号"]) == {"TK01|TK05", "TK09|TK10"}
    discounts = frame_with(at, "超出政策（元）")
    assert list(discounts["交易编码"]) == ["C08"]
    assert list(discounts["审批层级"]) == ["营销总监"]


# tests sharing a fixture warehouse run on one xdist worker, so it is built once
pytestmark = pytest.mark.xdist_group("team")

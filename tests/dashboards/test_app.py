"""AppTest of every page and filter, on fixture warehouses, asserting shown figures against
the marts (and, where a fixture was worked out by hand, against the hand-computed figure).

Two warehouses, both built once per session and shared with other tests: the thin slice
(receipts only) and the hand-checked sales fixture at D = 2024-06-30
(tests/fixtures/sales/README.md), which has every export table.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.settings import DASHBOARD_APP as APP
from tests.conftest import FIXTURES, query

SALES = FIXTURES / "sales" / "landing"
SALES_AS_OF = "2024-06-30"  # the same build as tests/dbt/test_sales_marts.py, so it is shared
PAGES = ["overview", "sales", "collections", "worklist", "after_sales", "marketing", "data_ops"]


def wan(amount) -> str:
    """What a page must show for an amount in yuan: 万元 to 2 places, half up."""
    return f"{(Decimal(amount) / 10_000).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label.startswith(label))


def opener(warehouse, monkeypatch):
    monkeypatch.setenv("HUILONG_WAREHOUSE", str(warehouse))

    def _open(page: str | None = None, lang: str = "zh", **params: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.query_params["lang"] = lang
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, at.exception
        if page:
            at.switch_page(f"views/{page}.py").run()
            assert not at.exception, at.exception
        return at

    _open.warehouse = warehouse
    return _open


@pytest.fixture
def app(build_warehouse, monkeypatch):
    """The thin-slice warehouse (receipts only)."""
    return opener(build_warehouse(FIXTURES / "thin_slice" / "landing"), monkeypatch)


@pytest.fixture
def sales_app(build_warehouse, monkeypatch):
    """The hand-checked sales fixture, every export table, D = 2024-06-30."""
    return opener(build_warehouse(SALES, as_of=SALES_AS_OF), monkeypatch)


def test_collections_page_total_equals_mart(app):
    at = app("collections")
    expected = query(
        app.warehouse, "select sum(cash_collected) from marts.fct_cash_collected_monthly"
    )[0][0]
    total = metric(at, "累计回款")
    # shown in 万元 to 2 places: 1,684,656.40 yuan -> 168.47
    assert expected == Decimal("1684656.40")
    assert total.value == "168.47"
    assert "1,684,656.40" in total.help  # the exact yuan on hover
    assert len(at.get("plotly_chart")) >= 1


def test_language_switch_translates_labels(app):
    at = app("collections", "en")
    assert any(m.label.startswith("Total collected") for m in at.metric)
    at.sidebar.radio[0].set_value("zh").run()
    assert any(m.label.startswith("累计回款") for m in at.metric)
    assert at.query_params["lang"] in ("zh", ["zh"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_renders_without_exception(sales_app, lang):
    at = sales_app(lang=lang)
    for page in PAGES:
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (page, at.exception)
        assert at.metric, page
        assert at.title[0].value, page


def test_headline_help_is_the_mart_column_definition(sales_app):
    at = sales_app("overview")
    comment = query(
        sales_app.warehouse,
        "select comment from duckdb_columns() where schema_name = 'marts' "
        "and table_name = 'fct_ar_aging' and column_name = 'outstanding_amount'",
    )[0][0]
    assert comment and comment in metric(at, "应收未收").help


def test_overview_figures_equal_marts_and_drill_down_to_their_rows(sales_app):
    at = sales_app("overview")
    wh = sales_app.warehouse
    receivable = query(wh, "select sum(outstanding_amount) from marts.fct_ar_aging")[0][0]
    overdue = query(
        wh, "select sum(outstanding_amount) from marts.fct_ar_aging where aging_bucket <> 'not_due'"
    )[0][0]
    month = query(
        wh,
        "select sum(cash_collected) from marts.fct_collections_monthly where month = '2024-06-01'",
    )[0][0]
    assert metric(at, "应收未收").value == wan(receivable)
    assert metric(at, "逾期应收").value == wan(overdue)
    assert metric(at, "本月回款").value == wan(month)
    assert f"{receivable:,.2f}" in metric(at, "应收未收").help
    # drill down from the receivable to its lines: they add up to the headline
    at.selectbox(key="drill-overview").set_value("应收未收").run()
    rows = at.dataframe[-1].value
    assert sum(rows["未收金额（元）"]) == receivable
    at.selectbox(key="drill-overview").set_value("逾期应收").run()
    assert sum(at.dataframe[-1].value["未收金额（元）"]) == overdue


def test_sales_page_against_the_hand_checked_fixture(sales_app):
    at = sales_app("sales")
    # README: saleable value 1,000,000 + 1,600,000 = 2,600,000; sell-through 7 / 10 = 70%
    assert metric(at, "可售货值").value == "260.00"
    assert metric(at, "去化率").value == "70.0%"
    # S08 is the one live unsigned subscription, 980,000, overdue
    assert metric(at, "认购未签约金额").value == "98.00"
    # C03 below U03's floor by 50,000
    assert metric(at, "穿底差额").value == "5.00"
    at.selectbox(key="drill-sales").set_value("可售货值").run()
    assert sum(at.dataframe[-1].value["可售货值（元）"]) == Decimal("2600000")


def test_sales_plan_period_radio(sales_app):
    at = sales_app("sales")
    for kind in ["quarter", "year", "month"]:
        at.radio(key="plan_period").set_value(kind).run()
        assert not at.exception


def test_worklist_filters_case_step_consultant(sales_app):
    at = sales_app("worklist")
    # README: seven cases, 20,000 + 980,000 + 20,000 + 200,000 + 100,000 + 600,000 + 500,000
    assert metric(at, "案件数").value == "7"
    assert metric(at, "涉及金额").value == "242.00"
    amounts = list(at.dataframe[0].value["涉及金额（元）"])
    assert amounts == sorted(amounts, reverse=True)  # sorted by money at risk

    at.multiselect(key="wl_cases").set_value(["not_signed"]).run()
    assert metric(at, "案件数").value == "1" and metric(at, "涉及金额").value == "98.00"

    at.multiselect(key="wl_cases").set_value([]).run()
    at.multiselect(key="wl_steps").set_value(["letter"]).run()
    # unpaid_deposit 20,000, unpaid_down_payment 200,000, loan_not_applied 600,000
    assert metric(at, "案件数").value == "3" and metric(at, "涉及金额").value == "82.00"

    at.multiselect(key="wl_steps").set_value([]).run()
    consultant, expected = query(
        sales_app.warehouse,
        "select consultant_id, sum(amount_outstanding) from marts.fct_overdue_items "
        "where consultant_id is not null group by 1 order by 1 limit 1",
    )[0]
    at.multiselect(key="wl_consultants").set_value([consultant]).run()
    assert metric(at, "涉及金额").value == wan(expected)


def test_worklist_reminder_letter(sales_app):
    at = sales_app("worklist")
    at.selectbox(key="wl_letter").set_value(0).run()
    assert not at.exception
    from dashboards.letters import reminder_letter
    from dashboards.queries import worklist

    case = worklist.items({"projects": []}).iloc[0]
    letter = reminder_letter(case)
    assert "催款通知书" in letter and "980,000.00" in letter  # the largest case: S08 not signed


def test_headlines_count_every_row_when_a_table_shows_only_its_first_page(sales_app, monkeypatch):
    import dashboards.queries as queries

    monkeypatch.setattr(queries, "TABLE_ROWS", 3)
    at = sales_app("worklist")
    # the first page: the three largest of the seven cases (README: 980,000, 600,000, 500,000)
    amounts = list(at.dataframe[0].value["涉及金额（元）"])
    assert [Decimal(str(a)) for a in amounts] == [
        Decimal("980000"),
        Decimal("600000"),
        Decimal("500000"),
    ]
    assert any("前 3 行" in c.value for c in at.caption)
    # the headlines still count and add up all seven
    assert metric(at, "案件数").value == "7" and metric(at, "涉及金额").value == "242.00"
    at = sales_app("after_sales")  # four true-up contracts, three shown
    assert metric(at, "补差客户应付").value == "6.00" and metric(at, "补差应退").value == "9.00"
    assert metric(at, "可退房合同").value == "2"


def test_after_sales_true_up_against_the_fixture(sales_app):
    at = sales_app("after_sales")
    # README: buyers pay 30,000 (+3%) + 30,000 (+4.1%); refunds 30,000 (-3%) + 60,000 (-4.5%)
    assert metric(at, "补差客户应付").value == "6.00"
    assert metric(at, "补差应退").value == "9.00"
    assert metric(at, "可退房合同").value == "2"
    overdue = query(
        sales_app.warehouse, "select sum(loan_overdue_amount) from marts.fct_mortgage_pipeline"
    )[0][0]
    assert metric(at, "银行逾期未放款").value == wan(overdue or 0)


def test_marketing_and_period_filter(sales_app):
    at = sales_app("marketing")
    wh = sales_app.warehouse

    def spend(start, end):
        return query(
            wh,
            "select coalesce(sum(spend), 0) from marts.fct_marketing_efficiency where month between ? and ?",
            [start, end],
        )[0][0]

    lo, hi = at.sidebar.select_slider(key="f_period").value
    assert metric(at, "营销费用").value == wan(spend(lo, hi))
    # only March 2024: README's 安居客 20,000 + 10,000 (and nothing else spent in March)
    march = date(2024, 3, 1)
    at.sidebar.select_slider(key="f_period").set_range(march, march).run()
    assert metric(at, "营销费用").value == wan(spend("2024-03-01", "2024-03-01"))
    assert at.query_params["from"] in ("2024-03", ["2024-03"]) and at.query_params["to"] in (
        "2024-03",
        ["2024-03"],
    )


def test_project_filter_and_url(sales_app):
    project = query(sales_app.warehouse, "select project_id from marts.dim_project")[0][0]
    at = sales_app("collections", projects=project)
    assert at.sidebar.multiselect(key="f_projects").value == [project]
    receivable = query(
        sales_app.warehouse,
        "select sum(outstanding_amount) from marts.fct_deal_balances where project_id = ?",
        [project],
    )[0][0]
    assert metric(at, "应收未收").value == wan(receivable)
    at.sidebar.multiselect(key="f_projects").set_value([]).run()
    assert "projects" not in at.query_params
    # an unknown project in a shared link is ignored, not an error
    at = sales_app("overview", projects="NOPE")
    assert at.sidebar.multiselect(key="f_projects").value == []


def test_collections_tabs_against_marts(sales_app):
    at = sales_app("collections")
    wh = sales_app.warehouse
    total = query(wh, "select sum(cash_collected) from marts.fct_collections_monthly")[0][0]
    assert metric(at, "累计回款").value == wan(total)
    fees = query(wh, "select coalesce(sum(late_fee_amount), 0) from marts.fct_late_fee_deals")[0][0]
    assert metric(at, "应计滞纳金").value == wan(fees)


def test_data_ops_shows_the_build(sales_app):
    at = sales_app("data_ops")
    assert metric(at, "数据截至").value == SALES_AS_OF
    quarantined = query(
        sales_app.warehouse, "select rows_quarantined from audit.builds order by started_at desc"
    )[0][0]
    assert metric(at, "隔离行数").value == f"{quarantined:,}"
    assert at.get("link_button")


# tests sharing a fixture warehouse run on one xdist worker, so it is built once: the two
# thin-slice tests with tests/pipelines/test_build.py, the rest with the sales fixture's tests
THIN_TESTS = {"test_collections_page_total_equals_mart", "test_language_switch_translates_labels"}
for _name, _test in list(globals().items()):
    if _name.startswith("test_") and callable(_test):
        globals()[_name] = pytest.mark.xdist_group("thin" if _name in THIN_TESTS else "sales")(
            _test
        )

"""Issue 6: sales, overdue worklist, after-sales and marketing marts on a hand-checked fixture.

tests/fixtures/sales/landing is one project at D = 2024-06-30 built so that every figure
below can be worked out by hand (see tests/fixtures/sales/README.md for the arithmetic).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, query

LANDING = FIXTURES / "sales" / "landing"
AS_OF = "2024-06-30"

#: Every mart this issue publishes; their columns must all carry a definition (comment).
PUBLISHED = [
    "dim_project", "dim_unit", "dim_customer", "dim_channel", "dim_date",
    "fct_subscriptions", "fct_subscription_cohorts", "fct_contracts", "fct_sales_daily",
    "fct_sales_monthly", "fct_sign_plan_achievement", "fct_inventory_units",
    "fct_inventory_summary", "fct_sales_composition", "fct_project_ranking",
    "fct_sales_changes", "fct_sales_anomalies", "fct_overdue_items",
    "fct_marketing_efficiency", "fct_marketing_cash_yield", "fct_area_true_up",
    "fct_service_milestones", "fct_service_pipeline", "fct_mortgage_pipeline",
]  # fmt: skip


@pytest.fixture(scope="module")
def wh(build_warehouse) -> Path:
    return build_warehouse(LANDING, as_of=AS_OF)


def test_interface_columns_of_metrics_md(wh):
    expected = {
        "fct_subscriptions": [
            "subscription_id", "project_id", "unit_id", "customer_id", "subscription_date",
            "sign_by_date", "contract_id", "sign_date", "days_to_sign", "status_at_as_of",
            "is_overdue_unsigned"],
        "fct_overdue_items": [
            "as_of_date", "case_type", "project_id", "reference_id", "customer_id",
            "consultant_id", "due_date", "days_overdue", "amount_outstanding"],
        "fct_marketing_efficiency": [
            "project_id", "month", "channel", "channel_category", "spend", "first_calls",
            "first_visits", "subscriptions", "contracts", "cost_per_visit",
            "visits_per_10k_yuan", "deals_per_10k_yuan", "cost_per_deal"],
        "fct_area_true_up": [
            "contract_id", "unit_id", "project_id", "presale_area_m2", "measured_area_m2",
            "error_ratio", "unit_price", "buyer_pays_amount", "developer_bears_amount",
            "may_cancel"],
    }  # fmt: skip
    for table, columns in expected.items():
        got = {
            r[0]
            for r in query(
                wh,
                "select column_name from duckdb_columns() "
                "where schema_name = 'marts' and table_name = ?",
                [table],
            )
        }
        assert set(columns) <= got, (table, set(columns) - got)


def test_every_published_column_has_a_definition(wh):
    missing = query(
        wh,
        "select table_name, column_name from duckdb_columns() where schema_name = 'marts' "
        "and list_contains(?, table_name) and coalesce(comment, '') = ''",
        [PUBLISHED],
    )
    assert missing == []
    tables = {
        r[0]
        for r in query(
            wh,
            "select table_name from duckdb_tables() "
            "where schema_name = 'marts' and comment is not null "
            "union all select view_name from duckdb_views() "
            "where schema_name = 'marts' and comment is not null",
        )
    }
    assert set(PUBLISHED) <= tables


def test_subscription_funnel(wh):
    rows = query(
        wh,
        "select cohort_month::varchar, subscriptions, signed, cancelled, live_unsigned, "
        "overdue_unsigned, conversion_rate, median_days_to_sign, p90_days_to_sign "
        "from marts.fct_subscription_cohorts order by cohort_month",
    )
    assert rows == [
        ("2024-02-01", 1, 1, 0, 0, 0, Decimal("1.000000"), 10.0, 10.0),
        # 10, 20, 30, 40 days: median 25, p90 = 30 + 0.7 x 10
        ("2024-03-01", 5, 4, 1, 0, 0, Decimal("0.800000"), 25.0, 37.0),
        ("2024-04-01", 2, 2, 0, 0, 0, Decimal("1.000000"), 10.5, 10.9),
        ("2024-05-01", 1, 0, 0, 1, 1, Decimal("0.000000"), None, None),
    ]
    assert query(
        wh,
        "select subscription_id, status_at_as_of, days_overdue_unsigned "
        "from marts.fct_subscriptions where status_at_as_of <> 'signed' "
        "order by 1",
    ) == [("S08", "live", 29), ("S11", "cancelled", None)]


def test_overdue_worklist_one_case_of_each_type(wh):
    rows = query(
        wh,
        "select case_type, reference_id, customer_id, consultant_id, due_date::varchar, "
        "days_overdue, amount_outstanding, escalation_step, last_action_type, "
        "promised_date::varchar, is_promise_broken from marts.fct_overdue_items order by 1",
    )
    assert rows == [
        ("loan_not_applied", "C05", "K05", "G1", "2024-05-31", 30, Decimal("600000.00"),
         "letter", None, None, None),
        ("loan_not_disbursed", "C06", "K06", "G2", "2024-06-10", 20, Decimal("500000.00"),
         "phone", None, None, None),
        ("not_signed", "S08", "K08", "G2", "2024-06-01", 29, Decimal("980000.00"),
         "phone", "sms", None, None),
        ("not_subscribed", "R01", "K12", "G3", "2024-03-20", 102, Decimal("20000.00"),
         "legal", None, None, None),
        ("unpaid_deposit", "S08", "K08", "G2", "2024-05-25", 36, Decimal("20000.00"),
         "letter", "sms", None, None),
        ("unpaid_down_payment", "C07", "K07", "G1", "2024-05-01", 60, Decimal("200000.00"),
         "letter", "letter", "2024-06-15", True),
        ("unpaid_instalment", "C07", "K07", "G1", "2024-06-25", 5, Decimal("100000.00"),
         "none", "letter", "2024-06-15", True),
    ]  # fmt: skip
    # the worklist reads names from the mart itself (customers.csv, projects.csv)
    assert query(
        wh,
        "select distinct customer_id, project_name, customer_name, phone_masked "
        "from marts.fct_overdue_items order by 1",
    ) == [
        ("K05", "测试一期", "陈静", "135****4444"),
        ("K06", "测试一期", "杨洋", "134****5555"),
        ("K07", "测试一期", "黄勇", "133****6666"),
        ("K08", "测试一期", "赵艳", "132****7777"),
        ("K12", "测试一期", "周娟", "130****9999"),
    ]


def test_area_true_up_three_percent_rule(wh):
    rows = query(
        wh,
        "select contract_id, error_ratio, unit_price, buyer_pays_amount, "
        "developer_bears_amount, may_cancel from marts.fct_area_true_up order by 1",
    )
    d = Decimal
    assert rows == [
        ("C01", d("0.030000"), d("10000.00"), d("30000.00"), d("0.00"), False),  # r = +3%
        ("C02", d("0.041000"), d("10000.00"), d("30000.00"), d("11000.00"), True),  # +4.1%
        ("C03", d("-0.030000"), d("10000.00"), d("-30000.00"), d("0.00"), False),  # -3%
        ("C04", d("-0.045000"), d("10000.00"), d("-60000.00"), d("15000.00"), True),  # -4.5%
    ]


def test_marketing_efficiency_zero_spend_and_zero_visit_months(wh):
    rows = query(
        wh,
        "select month::varchar, channel, channel_category, spend, first_calls, first_visits, "
        "subscriptions, contracts, cost_per_visit, visits_per_10k_yuan, deals_per_10k_yuan, "
        "cost_per_deal from marts.fct_marketing_efficiency "
        "where month between '2024-03-01' and '2024-04-01' "
        "and channel in ('安居客', '户外广告', '派单') order by 1, 2",
    )
    d = Decimal
    assert rows == [
        # 30,000 spent; 2 first calls, 5 first visits (a repeat visit and a follow-up do not
        # count; '安居客 ' is trimmed); 5 subscriptions, 2 contracts in March
        ("2024-03-01", "安居客", "online_portal", d("30000.00"), 2, 5, 5, 2,
         d("6000.00"), d("2.3333"), d("0.6667"), d("15000.00")),
        ("2024-04-01", "安居客", "online_portal", d("0.00"), 0, 0, 0, 2,
         None, None, None, d("0.00")),
        # zero-visit month: cost per visit and per deal null, per-10k figures 0
        ("2024-04-01", "户外广告", "outdoor", d("8000.00"), 0, 0, 0, 0,
         None, d("0.0000"), d("0.0000"), None),
        # zero-spend month: cost per visit 0, per-10k figures null
        ("2024-04-01", "派单", "field_distribution", d("0.00"), 0, 2, 2, 0,
         d("0.00"), None, None, None),
    ]  # fmt: skip
    # spend after D (M4, July) is not counted; the unmapped spelling is kept, not dropped
    assert query(wh, "select sum(spend) from marts.fct_marketing_efficiency") == [(d("38000.00"),)]
    assert query(wh, "select channel from marts.dim_channel where is_unmapped") == [("ajk",)]


def test_spend_traced_to_cash(wh):
    assert query(
        wh,
        "select spend_amount, deals, contracts, cash_collected_amount, cash_yield_per_yuan "
        "from marts.fct_marketing_cash_yield where channel = '安居客' and cohort_month = '2024-03-01'",
    ) == [(Decimal("30000.00"), 5, 4, Decimal("4000000.00"), Decimal("133.3333"))]


def test_inventory_and_sell_through(wh):
    assert query(
        wh,
        "select unreleased_units, available_units, subscribed_units, signed_units, "
        "released_units, sell_through_rate, saleable_value_amount from marts.fct_inventory_summary",
    ) == [(1, 2, 1, 7, 10, Decimal("0.700000"), Decimal("2600000.00"))]


def test_sign_plan_and_anomalies(wh):
    assert query(
        wh,
        "select period_type, contract_units, contract_amount, sign_target_amount, "
        "amount_achievement_rate from marts.fct_sign_plan_achievement "
        "where period_start = '2024-01-01' order by 1",
    ) == [
        ("quarter", 3, Decimal("3200000.00"), Decimal("2500000.00"), Decimal("1.280000")),
        ("year", 7, Decimal("7000000.00"), Decimal("4500000.00"), Decimal("1.555556")),
    ]
    assert query(
        wh, "select anomaly_type, reference_id, amount from marts.fct_sales_anomalies order by 1"
    ) == [
        ("below_floor_price", "C03", Decimal("50000.00")),
        ("overdue_unsigned", "S08", Decimal("980000.00")),
    ]


def test_customer_personal_data_is_masked(wh):
    assert query(
        wh,
        "select phone_masked, id_number_masked from marts.dim_customer where customer_id = 'K01'",
    ) == [("138****5678", "**************1234")]


# tests sharing a fixture warehouse run on one xdist worker, so it is built once
pytestmark = pytest.mark.xdist_group("sales")

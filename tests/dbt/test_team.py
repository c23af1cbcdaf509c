"""Issue 10: team performance and data-hygiene marts on the hand-checked fixture.

tests/fixtures/team/landing is two projects at D = 2024-06-30 built so that every figure
below can be worked out by hand (tests/fixtures/team/README.md has the arithmetic). The
build is shared with tests/dashboards/test_team_page.py.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURES, query

LANDING = FIXTURES / "team" / "landing"
AS_OF = "2024-06-30"
#: Only what the team marts and the team / data-ops pages read (their lineage, the projects
#: and the month bounds of the sidebar): about 300 of the project's ~500 nodes, so this one
#: extra build stays cheap. tests/dashboards/test_team_page.py uses the same selection, so
#: the session fixture builds it once.
SELECT = (
    "+path:models/marts/team +path:models/marts/hygiene +dim_project"
    " +fct_cash_collected_monthly +fct_collections_monthly +fct_sales_monthly"
)

PUBLISHED = [
    "fct_consultant_monthly", "fct_consultant_cohorts", "fct_customer_follow_up",
    "fct_collection_action_outcomes", "fct_collection_action_effect", "fct_broken_promises",
    "fct_duplicate_customers", "fct_discount_exceptions",
]  # fmt: skip


@pytest.fixture(scope="module")
def wh(build_warehouse) -> Path:
    return build_warehouse(LANDING, as_of=AS_OF, select=SELECT)


def one(wh, sql, params=None) -> dict:
    """The single row of a query, by column name."""
    with duckdb.connect(str(wh), read_only=True) as con:
        cur = con.execute(sql, params or [])
        rows = cur.fetchall()
        names = [d[0] for d in cur.description]
    assert len(rows) == 1, rows
    return dict(zip(names, rows[0], strict=True))


def test_every_mart_column_has_a_definition(wh):
    missing = query(
        wh,
        "select table_name, column_name from duckdb_columns() where schema_name = 'marts' "
        "and list_contains(?, table_name) and (comment is null or comment = '')",
        [PUBLISHED],
    )
    assert missing == []
    money = query(
        wh,
        "select table_name, column_name, data_type from duckdb_columns() where schema_name = 'marts' "
        "and list_contains(?, table_name) and column_name like '%amount' and data_type not like 'DECIMAL%'",
        [PUBLISHED],
    )
    assert money == []


def test_one_consultant_month_by_hand(wh):
    g1 = one(
        wh,
        "select * from marts.fct_consultant_monthly "
        "where consultant_id = 'G1' and project_id = 'P1' and month = '2024-05-01'",
    )
    assert {k: g1[k] for k in [
        "customers_received", "calls", "visits", "first_visits", "follow_ups",
        "customers_contacted", "prospects_at_month_end", "neglected_customers_at_month_end",
        "subscriptions", "contracts", "subscription_cancellations", "contract_cancellations",
    ]} == {
        "customers_received": 4, "calls": 2, "visits": 4, "first_visits": 3, "follow_ups": 3,
        "customers_contacted": 5, "prospects_at_month_end": 3,
        "neglected_customers_at_month_end": 1, "subscriptions": 3, "contracts": 1,
        "subscription_cancellations": 1, "contract_cancellations": 0,
    }  # fmt: skip
    assert g1["contract_amount"] == Decimal("919999.99")
    assert g1["median_days_to_sign"] == 18
    assert g1["overdue_cases_open"] is None  # only D's month carries the state at D

    june = query(
        wh,
        "select consultant_id, neglected_customers_at_month_end, overdue_cases_open, "
        "overdue_cases_chased, overdue_amount from marts.fct_consultant_monthly "
        "where month = '2024-06-01' order by consultant_id",
    )
    assert june == [
        ("G1", 2, 1, 0, Decimal("100000.00")),
        ("G2", 3, 1, 1, Decimal("150000.00")),
    ]


def test_merged_pair_counts_once(wh):
    # TK05 (P2, G3) is folded into TK01: G3 keeps its visit but receives no customer
    g3 = one(wh, "select * from marts.fct_consultant_monthly where consultant_id = 'G3'")
    assert (g3["customers_received"], g3["visits"]) == (0, 1)
    total = query(wh, "select sum(customers_received) from marts.fct_consultant_monthly")[0][0]
    assert total == 10  # 11 exported records, one merged pair
    cohort = one(
        wh,
        "select * from marts.fct_consultant_cohorts "
        "where consultant_id = 'G1' and cohort_month = '2024-05-01'",
    )
    assert cohort["customers_received"] == 4
    assert query(
        wh, "select count(*) from marts.fct_customer_follow_up where customer_id = 'TK05'"
    ) == [(0,)]


def test_fair_ranking_on_same_month_cohorts(wh):
    rows = query(
        wh,
        "select consultant_id, customers_received, customers_subscribed, customers_signed, "
        "contract_rate, peer_contract_rate, expected_signed, conversion_index, contract_rate_rank "
        "from marts.fct_consultant_cohorts where project_id = 'P1' and cohort_month = '2024-05-01' "
        "order by consultant_id",
    )
    assert rows == [
        ("G1", 4, 2, 1, Decimal("0.250000"), Decimal("0.428571"), Decimal("1.714286"), Decimal("0.5833"), 2),
        ("G2", 3, 2, 2, Decimal("0.666667"), Decimal("0.428571"), Decimal("1.285714"), Decimal("1.5556"), 1),
    ]  # fmt: skip


def test_neglected_customers_listed_by_name(wh):
    rows = query(
        wh,
        "select consultant_id, customer_id, customer_name, phone_masked, days_since_last_contact "
        "from marts.fct_customer_follow_up where is_neglected order by consultant_id, customer_id",
    )
    assert rows == [
        ("G1", "TK02", "李娜", "*******1111", 41),
        ("G1", "TK04", "刘强", "*******3333", 41),
        ("G2", "TK06", "陈静", "*******4444", 53),
        ("G2", "TK09", "周杰", "*******6666", 46),
        ("G2", "TK10", "周杰", "*******9999", 29),
    ]
    # TK03 was followed up 5 days before D; TK11's last contact is 150 days old (lapsed)
    assert query(
        wh,
        "select customer_id, is_neglected from marts.fct_customer_follow_up "
        "where customer_id in ('TK03', 'TK11')",
    ) == [("TK03", False)]


def test_one_kept_and_one_broken_promise(wh):
    rows = query(
        wh,
        "select action_id, promise_status, paid_by_promised_date_amount, promise_shortfall_amount, "
        "recovered_7d_amount, recovered_30d_amount, days_to_payment "
        "from marts.fct_collection_action_outcomes order by action_id",
    )
    assert rows == [
        ("K1", "kept", Decimal("300000.00"), None, Decimal("300000.00"), Decimal("300000.00"), 4),
        ("K2", "none", None, None, Decimal("0.00"), Decimal("0.00"), None),
        ("K3", "broken", Decimal("150000.00"), Decimal("250000.00"), Decimal("150000.00"), Decimal("250000.00"), 6),
    ]  # fmt: skip
    phone = one(wh, "select * from marts.fct_collection_action_effect where action_type = 'phone'")
    assert (phone["cases_acted_on"], phone["promises_made"], phone["promises_kept"],
            phone["promises_broken"]) == (2, 2, 1, 1)  # fmt: skip
    assert phone["promise_kept_rate"] == Decimal("0.500000")
    assert (phone["recovered_7d_amount"], phone["recovered_30d_amount"]) == (
        Decimal("450000.00"),
        Decimal("550000.00"),
    )
    assert phone["median_days_to_payment"] == 5
    broken = one(wh, "select * from marts.fct_broken_promises")
    assert (broken["action_id"], broken["customer_name"], broken["consultant_id"]) == (
        "K3",
        "杨洋",
        "G2",
    )
    assert (broken["paid_since_amount"], broken["overdue_amount"]) == (
        Decimal("100000.00"),
        Decimal("150000.00"),
    )


def test_duplicate_pairs_with_evidence(wh):
    rows = query(
        wh,
        "select duplicate_pair_id, match_rule, is_cross_project, phone_masked_a, phone_masked_b, "
        "id_number_masked_a, is_merged, surviving_customer_id, reviewed_by "
        "from marts.fct_duplicate_customers order by duplicate_pair_id",
    )
    assert rows == [
        ("TK01|TK05", "phone_and_name_id", True, "*******5678", "*******5678",
         "**************1234", True, "TK01", "销售经理-测试"),
        ("TK09|TK10", "name_id", False, "*******6666", "*******9999",
         "**************123X", False, None, None),
    ]  # fmt: skip


def test_discount_just_inside_and_just_beyond(wh):
    rows = query(
        wh,
        "select deal_id, deal_price_amount, discount_rate, max_discount, policy_price_amount, "
        "excess_discount_amount, approval_level, is_discount_approved "
        "from marts.fct_discount_exceptions order by deal_id",
    )
    # C01 at 920,000.00 is exactly 8% off: within policy, not listed
    assert rows == [
        ("C08", Decimal("919999.99"), Decimal("0.08000001"), Decimal("0.0800"),
         Decimal("920000.00"), Decimal("0.01"), "营销总监", True),
    ]  # fmt: skip


# tests sharing a fixture warehouse run on one xdist worker, so it is built once
pytestmark = pytest.mark.xdist_group("team")

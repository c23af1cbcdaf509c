"""The sample-data generator: deterministic, consistent across tables, and streaming."""

from __future__ import annotations

import re

import pytest

from sources.generator import TABLES, generate
from sources.generator.model import true_up_fen
from sources.registry import load_contract
from tests.sources.conftest import AS_OF, load_clean

#: Columns holding things that happened: never after the as-of date. Agreed future dates
#: (due_date, sign_by_date, subscribe_by_date, promised_date) may lie after it.
EVENT_DATES = {
    "projects": ["launch_date"],
    "units": ["released_date"],
    "customers": ["first_contact_date"],
    "contacts": ["contact_date"],
    "reservations": ["reservation_date", "status_date"],
    "subscriptions": ["subscription_date", "status_date"],
    "contracts": ["sign_date", "cancel_date"],
    "sales_changes": ["apply_date", "approve_date"],
    "receipts": ["receipt_date"],
    "service_events": ["event_date"],
    "marketing_spend": ["spend_date"],
    "sales_plans": [],
    "collection_actions": ["action_date"],
    "payment_schedule": [],
}
MILESTONE_ORDER = {
    "filing": ["submitted", "completed", "collected"],
    "mortgage": [
        "docs_complete",
        "bank_interview",
        "approved",
        "rejected",
        "registered",
        "disbursed",
    ],
    "handover": ["notified", "completed"],
    "certificate": ["submitted", "issued", "collected"],
}
MILESTONE_ORDER["provident_fund"] = MILESTONE_ORDER["mortgage"]


def _files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _scalar(con, sql: str):
    return con.execute(sql).fetchone()[0]


@pytest.mark.parametrize("scale", ["tiny", "demo"])
def test_same_seed_gives_identical_bytes(scale, tiny, demo, tmp_path):
    first, counts = tiny if scale == "tiny" else demo
    again = generate(scale=scale, seed=7, out=tmp_path)
    assert again == counts
    assert _files(tmp_path) == _files(first)


def test_other_seed_gives_other_data(tiny, tmp_path):
    generate(scale="tiny", seed=8, out=tmp_path)
    assert _files(tmp_path) != _files(tiny[0])


def test_clean_files_follow_the_contract(demo):
    folder, counts = demo
    contract = load_contract()
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    money = re.compile(r"^-?\d+\.\d\d$")
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    for name, table in contract.items():
        lines = (folder / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        assert lines[0].split(",") == table.column_names
        assert len(lines) - 1 == counts[name]
        for line in lines[1:2000]:
            cells = line.split(",")
            assert len(cells) == len(table.columns), (name, line)  # nothing needs quoting
            for col, cell in zip(table.columns, cells, strict=True):
                if col.required:
                    assert cell != "", (name, col.name, line)
                if cell == "":
                    continue
                if col.type in ("money", "area"):
                    assert money.match(cell), (name, col.name, cell)
                elif col.type == "date":
                    assert iso.match(cell), (name, col.name, cell)
                elif col.type == "month":
                    assert re.match(r"^\d{4}-\d{2}$", cell), (name, col.name, cell)
                elif col.type == "boolean":
                    assert cell in ("0", "1")
                elif col.type == "enum":
                    assert cell in col.values, (name, col.name, cell)


@pytest.fixture(scope="module", params=["tiny", "demo"])
def con(request, tiny, demo):
    folder = (tiny if request.param == "tiny" else demo)[0]
    return load_clean(folder)


def test_keys_are_unique(con):
    for name, table in load_contract().items():
        key = ", ".join(table.key)
        dupes = _scalar(
            con, f"select count(*) from (select {key} from {name} group by all having count(*) > 1)"
        )
        assert dupes == 0, name


def test_nothing_happens_after_as_of(con):
    for name, cols in EVENT_DATES.items():
        for col in cols:
            late = _scalar(con, f"select count(*) from {name} where {col} > DATE '{AS_OF}'")
            assert late == 0, (name, col)
    assert _scalar(con, f"select count(*) from sales_plans where month > '{AS_OF:%Y-%m}'") == 0


def test_references_exist(con):
    checks = {
        "unit project": "select count(*) from units where project_id not in "
        "(select project_id from projects)",
        "customer project": "select count(*) from customers where project_id not in "
        "(select project_id from projects)",
        "contact customer": "select count(*) from contacts where customer_id not in "
        "(select customer_id from customers)",
        "reservation customer": "select count(*) from reservations where customer_id not in "
        "(select customer_id from customers)",
        "subscription unit": "select count(*) from subscriptions where unit_id not in "
        "(select unit_id from units)",
        "subscription customer": "select count(*) from subscriptions where customer_id not in "
        "(select customer_id from customers)",
        "subscription reservation": "select count(*) from subscriptions where reservation_id "
        "is not null and reservation_id not in (select reservation_id from reservations)",
        "contract subscription": "select count(*) from contracts c left join subscriptions s "
        "using (subscription_id) where s.subscription_id is null or s.unit_id <> c.unit_id "
        "or s.customer_id <> c.customer_id or s.status <> 'signed' "
        "or c.sign_date < s.subscription_date or s.status_date <> c.sign_date",
        "signed without contract": "select count(*) from subscriptions where status = 'signed' "
        "and subscription_id not in (select subscription_id from contracts)",
        "schedule key": "select count(*) from payment_schedule where (contract_id is null) = "
        "(subscription_id is null) or contract_id not in (select contract_id from contracts) "
        "or subscription_id not in (select subscription_id from subscriptions)",
        "deposit keyed by subscription": "select count(*) from payment_schedule where "
        "(item = 'deposit') <> (subscription_id is not null)",
        "receipt key": "select count(*) from receipts where "
        "(contract_id is not null)::int + (subscription_id is not null)::int "
        "+ (reservation_id is not null)::int <> 1 "
        "or contract_id not in (select contract_id from contracts) "
        "or subscription_id not in (select subscription_id from subscriptions) "
        "or reservation_id not in (select reservation_id from reservations)",
        "reservation fee keyed by reservation": "select count(*) from receipts where "
        "(item = 'reservation_fee') <> (reservation_id is not null)",
        "receipt item scheduled": "select count(*) from receipts r where item <> "
        "'reservation_fee' and not exists (select 1 from payment_schedule p where p.item = "
        "r.item and (p.contract_id = r.contract_id or p.subscription_id = r.subscription_id))",
        "loan receipts from the bank": "select count(*) from receipts where item = 'loan' "
        "and amount > 0 and method <> 'loan_disbursement'",
        "service contract": "select count(*) from service_events where contract_id not in "
        "(select contract_id from contracts)",
        "change key": "select count(*) from sales_changes where (contract_id is null) = "
        "(subscription_id is null) or contract_id not in (select contract_id from contracts) "
        "or subscription_id not in (select subscription_id from subscriptions)",
        "action key": "select count(*) from collection_actions where (contract_id is null) = "
        "(subscription_id is null) or contract_id not in (select contract_id from contracts) "
        "or subscription_id not in (select subscription_id from subscriptions)",
        "spend project": "select count(*) from marketing_spend where project_id not in "
        "(select project_id from projects)",
        "one live deal per unit": "select count(*) from (select unit_id from contracts where "
        "status = 'active' group by unit_id having count(*) > 1)",
        "contract status": "select count(*) from contracts where (status = 'cancelled') <> "
        "(cancel_date is not null) or cancel_date < sign_date",
    }
    for what, sql in checks.items():
        assert _scalar(con, sql) == 0, what


def test_amounts_make_sense(con):
    checks = {
        "positive prices": "select count(*) from subscriptions where deal_price <= 0 "
        "or deposit_amount <= 0 or deposit_amount >= deal_price",
        "positive contracts": "select count(*) from contracts where contract_amount <= 0 "
        "or loan_amount <= 0 or loan_amount >= contract_amount",
        "loan only with a loan method": "select count(*) from contracts where "
        "(loan_amount is not null) <> (payment_method in ('mortgage', 'provident_fund', "
        "'combined'))",
        "schedule sums to the contract": "select count(*) from contracts c join subscriptions s "
        "using (subscription_id) join (select contract_id, sum(amount_due) due from "
        "payment_schedule where item not in ('area_true_up', 'late_fee') group by all) p "
        "using (contract_id) where p.due + s.deposit_amount <> c.contract_amount",
        "only true-ups are negative": "select count(*) from payment_schedule where amount_due "
        "<= 0 and item <> 'area_true_up'",
        "floor below list": "select count(*) from units where floor_price > list_price",
        "sign-by after subscription": "select count(*) from subscriptions "
        "where sign_by_date <= subscription_date",
    }
    for what, sql in checks.items():
        assert _scalar(con, sql) == 0, what


def test_milestones_in_order(con):
    rows = con.execute(
        "select contract_id, service, milestone, event_date from service_events "
        "order by contract_id, service, event_date"
    ).fetchall()
    last: dict[tuple, tuple[int, object]] = {}
    for contract_id, service, milestone, day in rows:
        order = MILESTONE_ORDER[service]
        rank = order.index(milestone)
        prev = last.get((contract_id, service))
        if prev is not None:
            assert rank > prev[0] and day >= prev[1], (contract_id, service, milestone)
        else:
            assert rank == 0, (contract_id, service, milestone)
        last[(contract_id, service)] = (rank, day)
    # a rejected loan never goes on
    assert (
        _scalar(
            con,
            "select count(*) from service_events a join service_events b using "
            "(contract_id, service) where a.milestone = 'rejected' and b.milestone "
            "in ('approved', 'registered', 'disbursed')",
        )
        == 0
    )


def test_true_up_lines_follow_the_rule(con):
    rows = con.execute(
        "select c.contract_amount, u.presale_area_m2, u.measured_area_m2, p.amount_due "
        "from payment_schedule p join contracts c using (contract_id) join units u "
        "using (unit_id) where p.item = 'area_true_up'"
    ).fetchall()
    assert rows
    for amount, pre, mea, due in rows:
        assert true_up_fen(int(amount * 100), int(pre * 100), int(mea * 100)) == int(due * 100)


def test_true_up_rule_by_hand():
    # 1,000,000.00 for 100 m² is 10,000.00 per m²
    assert true_up_fen(100_000_000, 10_000, 10_200) == 2_000_000  # +2%: pays 20,000
    assert true_up_fen(100_000_000, 10_000, 10_500) == 3_000_000  # +5%: pays the 3% only
    # -5%: the 3% refunded once (30,000), the 2% beyond twice (40,000)
    assert true_up_fen(100_000_000, 10_000, 9_500) == -7_000_000


def test_demo_exercises_every_report(demo):
    con = load_clean(demo[0])
    facts = {
        "below floor": "select count(*) from contracts c join units u using (unit_id) "
        "where c.contract_amount < u.floor_price",
        "cancelled contracts": "select count(*) from contracts where status = 'cancelled'",
        "cancelled subscriptions": "select count(*) from subscriptions where status = 'cancelled'",
        "overdue unsigned": f"select count(*) from subscriptions where status = 'active' "
        f"and sign_by_date < DATE '{AS_OF}'",
        "overdue not subscribed": f"select count(*) from reservations where status = 'active' "
        f"and subscribe_by_date < DATE '{AS_OF}'",
        "refunds": "select count(*) from receipts where amount < 0 and method <> 'transfer'",
        "transfers": "select count(*) from receipts where method = 'transfer'",
        "unreleased units": "select count(*) from units where released_date is null",
        "beyond 3%": "select count(*) from units where abs(measured_area_m2 - presale_area_m2)"
        " > presale_area_m2 * 0.03",
        "true-up refunds": "select count(*) from payment_schedule where amount_due < 0",
        "late fees": "select count(*) from payment_schedule where item = 'late_fee'",
        "loan lines": "select count(*) from payment_schedule where item = 'loan'",
        "rejections": "select count(*) from service_events where milestone = 'rejected'",
        "disbursements": "select count(*) from receipts where method = 'loan_disbursement'",
        "zero spend": "select count(*) from marketing_spend where amount = 0",
        "promises": "select count(*) from collection_actions where promised_date is not null",
        "legal": "select count(*) from collection_actions where action_type = 'legal'",
        "villas": "select count(*) from units where unit_type = 'villa'",
        "shops sold": "select count(*) from contracts join units using (unit_id) "
        "where unit_type = 'shop'",
        "parking sold": "select count(*) from contracts join units using (unit_id) "
        "where unit_type = 'parking'",
        "odd channel spellings": "select count(*) from customers where channel in "
        "('路过看到', '其它', 'ajk', '抖音??')",
    }
    for what, sql in facts.items():
        assert _scalar(con, sql) > 0, what
    for kind in ("swap", "cancel", "rename", "discount", "payment_method", "extension"):
        assert (
            _scalar(con, f"select count(*) from sales_changes where change_type = '{kind}'") > 0
        ), kind
    for method in ("one_off", "instalment", "mortgage", "provident_fund", "combined"):
        assert (
            _scalar(con, f"select count(*) from contracts where payment_method = '{method}'") > 0
        ), method
    # the funnel: about ten visits per subscription, several thousand contracts
    visits = _scalar(con, "select count(*) from contacts where contact_type = 'visit'")
    subs = _scalar(con, "select count(*) from subscriptions")
    assert 7 <= visits / subs <= 14
    assert 3000 <= _scalar(con, "select count(*) from contracts") <= 9000
    assert _scalar(con, "select count(*) from projects") == 8


def test_tiny_is_small(tiny):
    _, counts = tiny
    assert counts["projects"] == 1
    assert 35 <= counts["subscriptions"] <= 65


def test_large_streams_and_scales(tmp_path):
    small = generate(scale="large", seed=7, out=tmp_path / "a", scale_factor=0.001)
    double = generate(scale="large", seed=7, out=tmp_path / "b", scale_factor=0.002)
    assert 500 <= small["contracts"] <= 2000
    for table in ("units", "contracts", "payment_schedule", "receipts"):
        assert 1.6 <= double[table] / small[table] <= 2.4, table
    lines = (tmp_path / "a" / "contracts.csv").read_text(encoding="utf-8").count("\n")
    assert lines == small["contracts"] + 1


def test_messy_is_refused_for_large(tmp_path):
    with pytest.raises(ValueError, match="messy"):
        generate(scale="large", out=tmp_path, messy=True, scale_factor=0.001)

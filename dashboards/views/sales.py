"""销售 Sales: daily and monthly report, signing against plan, ranking and composition,
inventory and saleable value, subscribed-not-signed, changes and cancellations, below-floor."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from dashboards import charts, filters
from dashboards.components import DrillDown, achievement, grid, headline, page_header, table
from dashboards.format import t
from dashboards.queries import sales as q

scope = filters.current()
params = scope.params()
page_header("sales", scope)
if scope.as_of is None:
    st.info(t("no_data"))
    st.stop()

plan = q.plan_current(params)
inventory = q.inventory(params)
unsigned = q.unsigned(params)
below = q.below_floor(params)


def _period(kind: str):
    rows = plan[plan["period_type"] == kind]
    target = rows["sign_target_amount"].dropna()
    return rows["contract_amount"].sum(), (target.sum() if len(target) else None)


drill = DrillDown("sales")
c = grid(6)
for col, kind, key in zip(
    c[:3],
    ["month", "quarter", "year"],
    ["month_signed", "quarter_signed", "ytd_signed"],
    strict=True,
):
    amount, target = _period(kind)
    headline(col, t(key), amount, definition=("fct_sign_plan_achievement", "contract_amount"),
             delta=achievement(amount, target))  # fmt: skip
saleable = inventory["saleable_value_amount"].sum()
headline(
    c[3],
    t("saleable_value"),
    saleable,
    definition=("fct_inventory_summary", "saleable_value_amount"),
)
released = inventory["released_units"].sum()
sell_through = (
    Decimal(int(inventory["signed_units"].sum())) / Decimal(int(released)) if released else None
)
headline(
    c[4],
    t("sell_through"),
    sell_through,
    kind="pct",
    definition=("fct_inventory_summary", "sell_through_rate"),
)
headline(c[5], t("unsigned_amount"), unsigned["deal_price_amount"].sum(),
         definition=("fct_subscription_cohorts", "live_unsigned_amount"),
         delta=f"{int(unsigned['is_overdue_unsigned'].sum())} {t('overdue_unsigned')}")  # fmt: skip

month_start = scope.as_of.replace(day=1)
drill.add(t("month_signed"), "plan_current", lambda: plan)
drill.add(t("saleable_value"), "saleable_units", lambda: q.saleable_units(params))
drill.add(t("unsigned_amount"), "unsigned", lambda: unsigned)
drill.add(t("below_floor"), "below_floor", lambda: below)

tabs = st.tabs(
    [
        t(k)
        for k in [
            "daily_report",
            "monthly_report",
            "plan",
            "ranking",
            "inventory",
            "unsigned",
            "changes",
            "below_floor",
        ]
    ]
)
with tabs[0]:
    st.caption(f"{t('daily_report')} · {scope.as_of:%Y-%m-%d}")
    table(q.daily(params), "sales_daily")
    trend = q.daily_trend(params)
    if not trend.empty:
        st.plotly_chart(charts.money_series(trend, "sales_date", [("subscription_amount", t("subscription_amount")),
                        ("contract_amount", t("signed_amount"))], monthly=False), width="stretch", key="daily")  # fmt: skip
with tabs[1]:
    monthly = q.monthly(params)
    if not monthly.empty:
        fig = charts.money_series(monthly, "month", [("contract_amount", t("signed_amount"))])
        fig.add_traces(
            charts.money_series(
                monthly, "month", [("sign_target_amount", t("target"))], kind="line"
            ).data
        )
        st.plotly_chart(fig, width="stretch", key="monthly")
    table(monthly, "sales_monthly")
with tabs[2]:
    kind = st.radio(t("period_type"), ["month", "quarter", "year"], format_func={k: t(f"{k}_p") for k in ["month", "quarter", "year"]}.get,
                    horizontal=True, key="plan_period")  # fmt: skip
    history = q.plan_history(params, kind)
    if not history.empty:
        fig = charts.money_series(
            history, "period_start", [("contract_amount", t("signed_amount"))]
        )
        fig.add_traces(
            charts.money_series(
                history, "period_start", [("sign_target_amount", t("target"))], kind="line"
            ).data
        )
        st.plotly_chart(fig, width="stretch", key="plan")
    table(history, f"sign_plan_{kind}")
    st.caption(t("as_of"))
    table(
        plan[plan["period_type"] == kind].drop(columns=["period_type"]), f"sign_plan_current_{kind}"
    )
with tabs[3]:
    table(q.ranking(params), "project_ranking")
    comp = q.composition(params)
    left, right = st.columns(2)
    for col, band_type, key in [
        (left, "area", "composition_area"),
        (right, "total_price", "composition_price"),
    ]:
        part = comp[comp["band_type"] == band_type]
        col.markdown(f"**{t(key)}**")
        if not part.empty:
            col.plotly_chart(charts.money_bars_by(part, "band_zh", "contract_amount", t("signed_amount")),
                             width="stretch", key=f"comp-{band_type}")  # fmt: skip
    table(comp.drop(columns=["band", "band_order"]), "sales_composition")
with tabs[4]:
    if not inventory.empty:
        st.plotly_chart(charts.money_bars_by(inventory, "project_name", "saleable_value_amount", t("saleable_value")),
                        width="stretch", key="inventory")  # fmt: skip
    table(inventory, "inventory")
with tabs[5]:
    table(unsigned, "subscribed_not_signed")
with tabs[6]:
    by_type = q.changes_by_type(params)
    if not by_type.empty:
        st.plotly_chart(
            charts.count_bars(by_type, "change_type", [("count", t("count"))]),
            width="stretch",
            key="changes",
        )
    st.markdown(f"**{t('anomalies')}**")
    table(q.cancellation_anomalies(params), "cancellation_anomalies")
    st.markdown(f"**{t('changes')}**")
    table(q.changes(params), "sales_changes")
with tabs[7]:
    headline(st.columns(3)[0], t("below_floor_total"), below["below_floor_amount"].sum(),
             definition=("fct_contracts", "below_floor_amount"), delta=f"{len(below)} {t('contracts')}")  # fmt: skip
    table(below, "below_floor")

drill.render()

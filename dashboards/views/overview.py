"""经营总览 Executive overview: today and this month against plan, receivables and overdue at
a glance, the trend, and what needs attention."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboards import charts, filters
from dashboards.components import DrillDown, achievement, grid, headline, page_header, table
from dashboards.format import pct, t
from dashboards.queries import collections as cq
from dashboards.queries import overview as q
from dashboards.queries import worklist as wq

scope = filters.current()
params = scope.params()
page_header("overview", scope)
if scope.as_of is None:
    st.info(t("no_data"))
    st.stop()

h = q.headline(params)
month_start = date(scope.as_of.year, scope.as_of.month, 1)
today_collected = h["today_collected_amount"]  # every receipt of D, not only a page of them
drill = DrillDown("overview")

c = grid(6)
headline(c[0], t("today_signed"), h["today_contract_amount"], definition=("fct_sales_daily", "contract_amount"),
         delta=f"{int(h['today_contract_units'])} {t('units_suffix')}")  # fmt: skip
headline(
    c[1],
    t("today_collected"),
    today_collected,
    definition=("fct_cash_collected_monthly", "cash_collected"),
)
headline(c[2], t("month_signed"), h["month_contract_amount"], definition=("fct_sales_monthly", "contract_amount"),
         delta=achievement(h["month_contract_amount"], h["month_sign_target_amount"]))  # fmt: skip
headline(c[3], t("month_collected"), h["month_cash_collected"], definition=("fct_collections_monthly", "cash_collected"),
         delta=achievement(h["month_cash_collected"], h["month_collection_target_amount"]))  # fmt: skip
headline(
    c[4], t("receivable"), h["receivable_amount"], definition=("fct_ar_aging", "outstanding_amount")
)
overdue_share = h["overdue_amount"] / h["receivable_amount"] if h["receivable_amount"] else None
headline(c[5], t("overdue"), h["overdue_amount"], definition=("fct_receivable_lines", "aging_bucket"),
         delta=f"{t('overdue_ratio')} {pct(overdue_share)}")  # fmt: skip

drill.add(t("today_signed"), "contracts_today", lambda: q.contracts_signed(params, scope.as_of))
drill.add(t("today_collected"), "receipts_today", lambda: q.receipts_today(params))
drill.add(t("month_signed"), "contracts_month", lambda: q.contracts_signed(params, month_start))
drill.add(t("month_collected"), "receipts_month", lambda: q.receipts_this_month(params))
drill.add(t("receivable"), "receivable_lines", lambda: cq.receivable_lines(params))
drill.add(t("overdue"), "overdue_lines", lambda: cq.receivable_lines(params, overdue_only=True))

st.subheader(t("trend"))
trend = q.trend(params)
if trend.empty:
    st.info(t("no_data"))
else:
    left, right = st.columns(2)
    sign = charts.money_series(trend, "month", [("contract_amount", t("signed_amount"))])
    sign.add_traces(
        charts.money_series(trend, "month", [("sign_target_amount", t("target"))], kind="line").data
    )
    left.plotly_chart(sign, width="stretch", key="trend-sign")
    cash = charts.money_series(trend, "month", [("cash_collected", t("cash_collected"))])
    cash.add_traces(
        charts.money_series(
            trend, "month", [("collection_target_amount", t("target"))], kind="line"
        ).data
    )
    right.plotly_chart(cash, width="stretch", key="trend-cash")

st.subheader(t("attention"))
left, right = st.columns(2)
with left:
    cases = q.overdue_cases(params)
    st.markdown(f"**{t('worklist')}**")
    if cases.empty:
        st.info(t("no_data"))
    else:
        st.plotly_chart(charts.money_bars_by(cases, "case_type", "amount", t("money_at_risk"), horizontal=True),
                        width="stretch", key="cases")  # fmt: skip
with right:
    st.markdown(f"**{t('anomalies')}**")
    table(q.anomalies(params), "anomalies")

st.markdown(f"**{t('top_overdue')}**")
top = wq.items(params).head(10)[
    ["case_type", "project_name", "reference_id", "customer_name", "consultant_id", "days_overdue",
     "amount_outstanding", "escalation_step"]
]  # fmt: skip
table(top, "top_overdue")

drill.render()

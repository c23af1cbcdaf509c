"""回款 Collections: actual receipts, receivables by customer, aging now and at month ends,
collection rate and plan, DSO/ADD/CEI, credit grades, provisions and roll rates, late fees."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, filters
from dashboards.components import DrillDown, achievement, grid, headline, page_header, table
from dashboards.format import t
from dashboards.queries import collections as q

scope = filters.current()
params = scope.params()
page_header("collections", scope)

collected = q.collected(params)
balances = q.balance_totals(params)
monthly = q.monthly(params)
drill = DrillDown("collections")

c = grid(6)
headline(c[0], t("total_collected"), collected["total_collected"], definition=("fct_collections_monthly", "cash_collected"),
         note=t("as_of"))  # fmt: skip
headline(c[1], t("period_collected"), collected["period_collected"], definition=("fct_collections_monthly", "cash_collected"),
         delta=achievement(collected["period_collected"], collected["period_target"]))  # fmt: skip
headline(
    c[2],
    t("receivable"),
    balances["outstanding_amount"],
    definition=("fct_deal_balances", "outstanding_amount"),
)
headline(
    c[3],
    t("overdue"),
    balances["overdue_amount"],
    definition=("fct_deal_balances", "overdue_amount"),
)
headline(
    c[4],
    t("credit_balance"),
    balances["credit_balance_amount"],
    definition=("fct_deal_balances", "credit_balance_amount"),
)
headline(
    c[5],
    t("buyer_payable"),
    balances["buyer_payable_amount"],
    definition=("fct_deal_balances", "buyer_payable_amount"),
)

drill.add(
    t("total_collected"),
    "collections_monthly",
    lambda: q.monthly_by_project(params, whole_history=True),
)
drill.add(t("period_collected"), "receipts", lambda: q.receipts(params))
drill.add(t("receivable"), "receivable_lines", lambda: q.receivable_lines(params))
drill.add(t("overdue"), "overdue_lines", lambda: q.receivable_lines(params, overdue_only=True))
drill.add(t("by_customer"), "receivables_by_customer", lambda: q.by_customer(params))

st.subheader(t("monthly_trend"))
if monthly.empty:
    st.info(t("no_data"))
else:
    fig = charts.money_series(monthly, "month", [("cash_collected", t("cash_collected"))])
    fig.add_traces(
        charts.money_series(
            monthly, "month", [("collection_target_amount", t("target"))], kind="line"
        ).data
    )
    st.plotly_chart(fig, width="stretch", key="cash-trend")

tabs = st.tabs(
    [
        t(k)
        for k in [
            "receipts",
            "by_customer",
            "aging",
            "rate",
            "kpis",
            "credit",
            "provisions",
            "late_fees",
        ]
    ]
)
with tabs[0]:
    by = q.receipts_by(params)
    left, right = st.columns(2)
    for col, key, dim in [(left, "by_item", "item"), (right, "by_method", "method")]:
        col.markdown(f"**{t(key)}**")
        part = (
            by.groupby(dim, as_index=False)["receipt_amount"]
            .sum()
            .sort_values("receipt_amount", ascending=False)
        )
        if not part.empty:
            col.plotly_chart(charts.money_bars_by(part, dim, "receipt_amount", t("cash_collected"), horizontal=True),
                             width="stretch", key=f"receipts-{dim}")  # fmt: skip
    table(by, "receipts_by_month_item_method")
with tabs[1]:
    table(q.by_customer(params), "receivables_by_customer")
with tabs[2]:
    now = q.aging_now(params)
    left, right = st.columns(2)
    left.markdown(f"**{t('aging_now')}**")
    if not now.empty:
        left.plotly_chart(charts.stacked_money(now, "aging_bucket", "payer", "outstanding_amount", monthly=False),
                          width="stretch", key="aging-now")  # fmt: skip
    right.markdown(f"**{t('aging_history')}**")
    history = q.aging_history(params)
    if not history.empty:
        right.plotly_chart(charts.stacked_money(history, "month_end", "aging_bucket", "outstanding_amount"),
                           width="stretch", key="aging-history")  # fmt: skip
    table(now.drop(columns=["bucket_order"]), "aging_now")
    table(history.drop(columns=["bucket_order"]), "aging_history")
with tabs[3]:
    if not monthly.empty:
        st.plotly_chart(charts.ratio_lines(monthly, "month", [("collection_rate", t("collection_rate")),
                        ("plan_achievement", t("plan_achievement"))]), width="stretch", key="rate")  # fmt: skip
    table(monthly, "collection_rate_monthly")
    table(q.monthly_by_project(params), "collection_rate_by_project")
with tabs[4]:
    kpis = q.kpis(params)
    if not kpis.empty:
        ordered = kpis.sort_values("month_end")
        fig = None
        for name, part in ordered.groupby("project_name"):
            trace = charts.ratio_lines(
                part, "month_end", [("dso_countback", f"{name} DSO")], percent=False
            )
            fig = trace if fig is None else fig.add_traces(trace.data)
        fig.update_layout(yaxis_title=t("dso_countback"))
        st.plotly_chart(fig, width="stretch", key="dso")
    table(kpis, "dso_add_cei")
with tabs[5]:
    credit = q.credit(params)
    if not credit.empty:
        st.plotly_chart(
            charts.count_bars(credit, "credit_grade", [("customers", t("customers"))]),
            width="stretch",
            key="credit",
        )
    table(credit, "credit_grades")
with tabs[6]:
    provision = q.provision(params)
    if not provision.empty:
        st.plotly_chart(charts.money_series(provision, "month_end", [("provision_amount", t("provision"))]),
                        width="stretch", key="provision")  # fmt: skip
    table(provision, "provision_monthly")
    table(q.roll_rates(params), "roll_rates")
with tabs[7]:
    fees = q.late_fees(params)
    headline(st.columns(3)[0], t("late_fee_total"), q.late_fee_total(params),
             definition=("fct_late_fee_accruals", "late_fee_amount"))  # fmt: skip
    table(fees, "late_fees")

drill.render()

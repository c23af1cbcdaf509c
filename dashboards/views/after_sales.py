"""售后 After-sales: the mortgage pipeline by stage and bank, overdue disbursements, and the
area true-up detail."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, filters
from dashboards.components import DrillDown, grid, headline, page_header, table
from dashboards.format import t
from dashboards.queries import after_sales as q

scope = filters.current()
params = scope.params()
page_header("after_sales", scope)

by = q.pipeline_by(params)
overdue = q.overdue_disbursements(params)
true_up = q.true_up(params)
true_up_totals = q.true_up_totals(params)
in_pipeline = by[by["current_milestone"] != "disbursed"]

c = grid(5)
headline(c[0], t("loans_in_pipeline"), in_pipeline["loan_amount"].sum(), definition=("fct_mortgage_pipeline", "loan_amount"),
         delta=f"{int(in_pipeline['contracts'].sum())} {t('contracts')}")  # fmt: skip
headline(c[1], t("overdue_disbursement"), overdue["loan_overdue_amount"].sum(),
         definition=("fct_mortgage_pipeline", "loan_overdue_amount"), delta=f"{len(overdue)} {t('contracts')}")  # fmt: skip
headline(
    c[2],
    t("true_up_buyer"),
    true_up_totals["buyer_pays_amount"],
    definition=("fct_area_true_up", "buyer_pays_amount"),
)
headline(
    c[3],
    t("true_up_refund"),
    true_up_totals["refund_amount"],
    definition=("fct_area_true_up", "buyer_pays_amount"),
)
headline(c[4], t("may_cancel_count"), int(true_up_totals["may_cancel_count"]), kind="count",
         definition=("fct_area_true_up", "may_cancel"))  # fmt: skip

drill = DrillDown("after_sales")
drill.add(t("loans_in_pipeline"), "mortgage_pipeline", lambda: q.pipeline(params))
drill.add(t("overdue_disbursement"), "overdue_disbursements", lambda: overdue)
drill.add(t("true_up"), "area_true_up", lambda: true_up)

tabs = st.tabs([t("mortgage"), t("overdue_disbursement"), t("true_up")])
with tabs[0]:
    stage = by.groupby("current_milestone", as_index=False)["contracts"].sum()
    stage["order"] = stage["current_milestone"].map({s: i for i, s in enumerate(q.STAGES)})
    stage = stage.sort_values("order")
    bank = (
        in_pipeline.groupby("bank", as_index=False)["loan_amount"]
        .sum()
        .sort_values("loan_amount", ascending=False)
    )
    left, right = st.columns(2)
    left.markdown(f"**{t('by_stage')}**")
    if not stage.empty:
        left.plotly_chart(charts.count_bars(stage, "current_milestone", [("contracts", t("contracts"))]),
                          width="stretch", key="stage")  # fmt: skip
    right.markdown(f"**{t('by_bank')}** · {t('loans_in_pipeline')}")
    if not bank.empty:
        right.plotly_chart(charts.money_bars_by(bank, "bank", "loan_amount", t("loan_amount"), horizontal=True),
                           width="stretch", key="bank")  # fmt: skip
    table(by.sort_values(["current_milestone", "bank"]), "mortgage_by_stage_bank")
with tabs[1]:
    table(overdue, "overdue_disbursements")
with tabs[2]:
    table(true_up, "area_true_up")

drill.render()

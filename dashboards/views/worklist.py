"""逾期催收 Overdue worklist: the seven overdue cases, filterable by project (sidebar),
consultant, case and ladder step, sorted by money at risk, with a printable reminder letter."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, filters
from dashboards.components import DrillDown, headline, page_header, table
from dashboards.format import enum, t, yuan
from dashboards.letters import reminder_letter
from dashboards.queries import worklist as q

CASES = ["not_subscribed", "not_signed", "unpaid_deposit", "unpaid_down_payment", "unpaid_instalment",
         "loan_not_applied", "loan_not_disbursed"]  # fmt: skip
STEPS = ["none", "reminder", "phone", "letter", "legal"]

scope = filters.current()
params = scope.params()
page_header("worklist", scope)

options = q.options(params)
f1, f2, f3 = st.columns(3)
cases = f1.multiselect(
    t("case_type"),
    CASES,
    format_func={c: enum(c) for c in CASES}.get,
    key="wl_cases",
    placeholder=t("all"),
)
steps = f2.multiselect(
    t("ladder_step"),
    STEPS,
    format_func={s: enum(s) for s in STEPS}.get,
    key="wl_steps",
    placeholder=t("all"),
)
consultants = f3.multiselect(t("consultant"), sorted(options["consultant_id"].dropna().unique()),
                             key="wl_consultants", placeholder=t("all"))  # fmt: skip
items = q.items(params, cases, consultants, steps)  # the first rows, most money at risk first
totals = q.summary(params, cases, consultants, steps)  # over every case

c = st.columns(4)
headline(
    c[0],
    t("money_at_risk"),
    totals["amount_outstanding"],
    definition=("fct_overdue_items", "amount_outstanding"),
)
headline(
    c[1],
    t("cases"),
    int(totals["cases"]),
    kind="count",
    definition=("fct_overdue_items", "case_type"),
)
headline(c[2], t("broken_promises"), int(totals["broken_promises"]), kind="count",
         definition=("fct_overdue_items", "is_promise_broken"))  # fmt: skip
headline(c[3], t("legal"), int(totals["legal_cases"]), kind="count",
         definition=("fct_overdue_items", "escalation_step"))  # fmt: skip

if not items.empty:
    by_case = q.by_case(params, cases, consultants, steps)
    st.plotly_chart(charts.money_bars_by(by_case, "case_type", "amount_outstanding", t("money_at_risk"), horizontal=True),
                    width="stretch", key="by-case")  # fmt: skip
shown = items.drop(columns=["deal_id", "as_of_date"])
table(shown, "overdue_worklist", height=420)

st.subheader(t("reminder_letter"))
if items.empty:
    st.info(t("no_data"))
else:
    labels = {
        i: f"{enum(r.case_type)} · {r.reference_id} · {r.customer_name or r.customer_id} · {yuan(r.amount_outstanding)}"
        for i, r in enumerate(items.head(500).itertuples())
    }
    pick = st.selectbox(t("letter_pick"), list(labels), format_func=labels.get, key="wl_letter")
    case = items.iloc[pick]
    html = reminder_letter(case)
    st.download_button(t("letter_download"), html.encode("utf-8"), f"催款通知书_{case['reference_id']}.html",
                       "text/html", key="letter-download", on_click="ignore")  # fmt: skip
    st.iframe(html, height=720)  # every value in it is HTML-escaped (letters.py)

drill = DrillDown("worklist")
drill.add(t("money_at_risk"), "overdue_items", lambda: shown)
drill.render()

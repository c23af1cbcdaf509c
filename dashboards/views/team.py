"""团队 Team: how well each property consultant (置业顾问) follows up and converts — activity
by month, conversion on same-month cohorts (a fair ranking), the customers to reassign —
and which collection actions (催收) bring money back, with the broken promises to chase."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from dashboards import charts, filters
from dashboards.components import DrillDown, grid, headline, page_header, table
from dashboards.format import enum, t
from dashboards.queries import team as q

scope = filters.current()
params = scope.params()
page_header("team", scope)
if scope.as_of is None:
    st.info(t("no_data"))
    st.stop()

f1, f2 = st.columns([3, 1])
chosen = f1.multiselect(t("consultant"), q.options(params), key="team_consultants",
                        placeholder=t("all"))  # fmt: skip
days = int(f2.number_input(t("neglect_days"), min_value=0, max_value=365, step=1,
                           value=q.neglect_days(), key="team_neglect_days"))  # fmt: skip

people = q.consultants(params, chosen)
ranking = q.ranking(params, chosen)
neglected = q.follow_up(params, days, chosen)
effect = q.action_effect(params, chosen)
broken = q.broken_promises(params, chosen)
broken_count = q.broken_promise_count(params, chosen)

signed, expected = ranking["customers_signed"].sum(), ranking["expected_signed"].sum()
received = ranking["customers_received"].sum()
kept, decided = (
    effect["promises_kept"].sum(),
    effect["promises_kept"].sum() + effect["promises_broken"].sum(),
)
c = grid(6)
headline(c[0], t("customers_received"), int(people["customers_received"].sum()), kind="count",
         definition=("fct_consultant_monthly", "customers_received"))  # fmt: skip
headline(c[1], t("cohort_contract_rate"), Decimal(int(signed)) / Decimal(int(received)) if received else None,
         kind="pct", definition=("fct_consultant_cohorts", "contract_rate"))  # fmt: skip
headline(c[2], t("neglected_customers"), len(neglected), kind="count",
         definition=("fct_customer_follow_up", "is_neglected"))  # fmt: skip
headline(c[3], t("recovered_30d"), effect["recovered_30d_amount"].sum(),
         definition=("fct_collection_action_outcomes", "recovered_30d_amount"))  # fmt: skip
headline(c[4], t("promise_kept_rate"), Decimal(int(kept)) / Decimal(int(decided)) if decided else None,
         kind="pct", definition=("fct_collection_action_outcomes", "promise_status"))  # fmt: skip
headline(c[5], t("broken_promises"), broken_count, kind="count",
         definition=("fct_broken_promises", "promise_shortfall_amount"))  # fmt: skip

drill = DrillDown("team")
drill.add(t("customers_received"), "consultant_months", lambda: q.monthly(params, chosen))
drill.add(t("cohort_contract_rate"), "consultant_cohorts", lambda: q.cohorts(params, chosen))
drill.add(t("neglected_customers"), "neglected_customers", lambda: neglected)
drill.add(t("recovered_30d"), "collection_actions", lambda: q.actions(params, chosen))
drill.add(t("broken_promises"), "broken_promises", lambda: broken)

tabs = st.tabs(
    [t("consultants"), t("fair_ranking"), t("reassign"), t("action_effect"), t("broken_promises")]
)
with tabs[0]:
    if not people.empty:
        st.plotly_chart(charts.count_bars(people, "consultant_id", [("customers_received", t("customers_received")),
                        ("subscriptions", t("subscriptions")), ("contracts", t("contracts"))]),
                        width="stretch", key="team-people")  # fmt: skip
    st.caption(t("consultants_note"))
    table(people, "team_consultants")
with tabs[1]:
    st.caption(t("fair_ranking_note"))
    if not ranking.empty:
        st.plotly_chart(charts.count_bars(ranking, "consultant_id", [("customers_signed", t("customers_signed")),
                        ("expected_signed", t("expected_signed"))]), width="stretch", key="team-ranking")  # fmt: skip
    table(ranking, "team_fair_ranking")
    st.subheader(t("cohorts"))
    table(q.cohorts(params, chosen), "team_cohorts")
with tabs[2]:
    st.caption(t("reassign_note").format(days=days))
    table(neglected, "team_neglected_customers")
with tabs[3]:
    shown = effect.assign(action_type=effect["action_type"].map(enum))
    if not effect.empty:
        st.plotly_chart(charts.money_bars_by(effect, "action_type", "recovered_30d_amount", t("recovered_30d")),
                        width="stretch", key="team-effect")  # fmt: skip
    st.caption(t("action_effect_note"))
    table(shown, "team_action_effect")
with tabs[4]:
    table(broken, "team_broken_promises")

drill.render()

"""营销费效 Marketing efficiency: spend, calls and visits per 10,000 yuan, cost per visit and
per deal by channel and month, the funnel by channel, and spend traced to cash."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from dashboards import charts, filters
from dashboards.components import DrillDown, headline, page_header, table
from dashboards.format import t
from dashboards.queries import marketing as q

scope = filters.current()
params = scope.params()
page_header("marketing", scope)

channels = q.by_channel(params)
months = q.by_month(params)
cash = q.cash_yield(params)

spend = channels["spend"].sum()
calls_visits = int(channels["first_calls"].sum() + channels["first_visits"].sum())
visits = int(channels["first_visits"].sum())
deals = int(channels["contracts"].sum())
c = st.columns(4)
headline(c[0], t("spend"), spend, definition=("fct_marketing_efficiency", "spend"))
headline(c[1], t("visits_per_10k"), (Decimal(calls_visits) / (spend / 10000)) if spend else None, kind="measure",
         definition=("fct_marketing_efficiency", "visits_per_10k_yuan"))  # fmt: skip
headline(c[2], t("cost_per_visit_h"), (spend / visits) if visits else None, kind="yuan",
         definition=("fct_marketing_efficiency", "cost_per_visit"))  # fmt: skip
headline(c[3], t("cost_per_deal_h"), (spend / deals) if deals else None, kind="yuan",
         definition=("fct_marketing_efficiency", "cost_per_deal"))  # fmt: skip

drill = DrillDown("marketing")
drill.add(t("spend"), "marketing_rows", lambda: q.rows(params))

tabs = st.tabs([t("by_channel"), t("channel_month"), t("funnel"), t("cash_yield")])
with tabs[0]:
    if not channels.empty:
        st.plotly_chart(charts.money_bars_by(channels, "channel", "spend", t("spend"), horizontal=True),
                        width="stretch", key="spend-channel")  # fmt: skip
    table(channels, "marketing_by_channel")
with tabs[1]:
    if not months.empty:
        left, right = st.columns(2)
        left.plotly_chart(
            charts.money_series(months, "month", [("spend", t("spend"))]),
            width="stretch",
            key="spend-month",
        )
        right.plotly_chart(charts.ratio_lines(months, "month", [("visits_per_10k_yuan", t("visits_per_10k"))], percent=False),
                           width="stretch", key="v10k-month")  # fmt: skip
    table(months, "marketing_by_month")
with tabs[2]:
    if not channels.empty:
        st.plotly_chart(charts.count_bars(channels, "channel", [("first_visits", t("first_visits")),
                        ("subscriptions", t("subscriptions")), ("contracts", t("contracts"))]), width="stretch", key="funnel")  # fmt: skip
        funnel = channels[["channel", "first_calls", "first_visits", "subscriptions", "contracts"]]
        table(funnel, "marketing_funnel")
with tabs[3]:
    if not cash.empty:
        st.plotly_chart(charts.money_series(cash, "channel", [("spend_amount", t("spend")), ("cash_collected_amount",
                        t("cash_collected"))], monthly=False), width="stretch", key="cash-yield")  # fmt: skip
    table(cash, "marketing_cash_yield")

drill.render()

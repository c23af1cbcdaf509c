"""回款 Collections: cash collected by month."""

from __future__ import annotations

import streamlit as st

from dashboards import charts
from dashboards.components import download_buttons
from dashboards.format import t, wan, yuan
from dashboards.queries import collections as q

st.header(t("collections"))
monthly = q.monthly_cash_collected()
if monthly.empty:
    st.info(t("no_data"))
    st.stop()

total = sum(monthly["cash_collected"])
latest = monthly.iloc[-1]
c1, c2, c3 = st.columns(3)
c1.metric(
    f"{t('total_collected')} ({t('wan_yuan')})",
    wan(total),
    help=f"{yuan(total)} {t('yuan')}. Every receipt dated on or before the as-of date, refunds negative, all items.",
)
c2.metric(
    f"{t('latest_month')} {latest['month']:%Y-%m} ({t('wan_yuan')})",
    wan(latest["cash_collected"]),
    help=f"{yuan(latest['cash_collected'])} {t('yuan')}",
)
c3.metric(t("receipt_count"), f"{int(monthly['receipt_count'].sum()):,}")

st.subheader(t("monthly_trend"))
st.plotly_chart(
    charts.monthly_bars(monthly, "month", "cash_collected", t("cash_collected"), t("wan_yuan")),
    width="stretch",
)
table = monthly.rename(columns={c: t(c) for c in monthly.columns})
st.dataframe(table, hide_index=True, width="stretch")
download_buttons(monthly, "cash_collected_monthly")

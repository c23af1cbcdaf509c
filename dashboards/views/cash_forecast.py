"""资金计划 Cash forecast: the 13-week receipts forecast with its P10–P90 band, by payer and
project, the lines that make each week, and the backtest against two baselines."""

from __future__ import annotations

import streamlit as st

from dashboards import filters
from dashboards.components import page_header
from dashboards.format import t

scope = filters.current()
page_header("cash_forecast", scope)
st.info(t("no_data"))

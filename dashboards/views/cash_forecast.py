"""资金计划 Cash forecast: the 13-week receipts forecast with its P10–P90 band, by payer and
project, the lines that make each week, and the backtest against two baselines."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, filters
from dashboards.components import grid, headline, page_header, table
from dashboards.format import enum, pct, t
from dashboards.queries import forecast as q


def _as_pct(frame, columns):
    """WAPE columns shown as percentages (the marts keep the exact ratio), methods by name."""
    shown = frame.copy()
    for col in columns:
        shown[col] = shown[col].map(pct)
    if "forecast_method" in shown.columns:
        shown["forecast_method"] = shown["forecast_method"].map(enum)
    return shown


scope = filters.current()
params = scope.params()
page_header("cash_forecast", scope)

weeks = q.weeks(params)
if weeks.empty:
    st.info(t("no_data"))
    st.stop()
wape = q.wape(params).set_index("forecast_method")

c = grid(5)
headline(c[0], t("forecast_next_13w"), weeks["expected_amount"].sum(),
         definition=("fct_cash_forecast", "expected_amount"))  # fmt: skip
headline(c[1], t("forecast_week_1"), weeks["expected_amount"].iloc[0],
         definition=("fct_cash_forecast", "expected_amount"),
         note=f"{weeks['week_start'].iloc[0]:%Y-%m-%d} — {weeks['week_end'].iloc[0]:%Y-%m-%d}")  # fmt: skip
for column, method in zip(
    c[2:], ["forecast", "due_date_baseline", "trailing_13w_baseline"], strict=True
):
    value = wape["wape"].get(method) if method in wape.index else None
    headline(column, f"WAPE · {enum(method)}", value, kind="pct",
             definition=("fct_forecast_accuracy", "wape"), note=t("backtest_note"))  # fmt: skip

st.subheader(t("forecast_weeks"))
by_payer = q.by_payer(params)
fig = charts.stacked_money(by_payer, "week_start", "payer", "expected_amount")
fig.add_traces(
    charts.money_series(
        weeks,
        "week_start",
        [("p10_amount", t("p10_amount")), ("p90_amount", t("p90_amount"))],
        kind="line",
    ).data  # fmt: skip
)
st.plotly_chart(fig, width="stretch", key="forecast-weeks")
st.caption(t("forecast_band_note"))

tabs = st.tabs([t(k) for k in ["forecast_weeks", "forecast_by_payer", "forecast_by_project",
                               "forecast_lines", "backtest"]])  # fmt: skip
with tabs[0]:
    table(weeks, "cash_forecast_weeks")
with tabs[1]:
    table(by_payer, "cash_forecast_by_payer")
with tabs[2]:
    projects = q.by_project(params)
    if not projects.empty:
        totals = projects.groupby(["week_start", "project_id"], as_index=False)[
            "expected_amount"
        ].sum()
        st.plotly_chart(charts.stacked_money(totals, "week_start", "project_id", "expected_amount"),
                        width="stretch", key="forecast-projects")  # fmt: skip
    table(projects, "cash_forecast_by_project")
with tabs[3]:
    week = st.selectbox(
        t("forecast_pick_week"),
        list(weeks["week_start"]),
        format_func=lambda w: f"{w:%Y-%m-%d}",
        key="forecast-week",
    )
    rows = q.lines(params, week)
    st.caption(f"{len(rows):,} {t('rows')}")
    table(rows, "cash_forecast_lines")
with tabs[4]:
    st.caption(t("backtest_note"))
    origins = q.by_origin(params)
    if origins.empty:
        st.info(t("no_data"))
    else:
        left, right = st.columns(2)
        left.markdown(f"**{t('forecast_vs_actual')}**")
        actual = origins[origins["forecast_method"] == "forecast"]
        fig = charts.money_series(actual, "forecast_as_of", [("actual_amount", t("actual_amount"))])
        for method, part in origins.groupby("forecast_method", sort=False):
            fig.add_traces(charts.money_series(part, "forecast_as_of", [("forecast_amount", enum(method))],
                                               kind="line").data)  # fmt: skip
        left.plotly_chart(fig, width="stretch", key="backtest-amounts")
        right.markdown(f"**WAPE · {t('forecast_as_of')}**")
        series = origins.pivot(
            index="forecast_as_of", columns="forecast_method", values="wape"
        ).reset_index()
        right.plotly_chart(
            charts.ratio_lines(series, "forecast_as_of",
                               [(m, enum(m)) for m in origins["forecast_method"].unique()]),
            width="stretch", key="backtest-wape",
        )  # fmt: skip
        st.markdown(f"**{t('wape_by_horizon')}**")
        horizon = q.wape_by_horizon(params)
        shown = horizon.pivot(
            index="horizon_week", columns="forecast_method", values="wape"
        ).reset_index()
        methods = [c for c in shown.columns if c != "horizon_week"]
        shown = _as_pct(shown, methods).rename(columns={m: enum(m) for m in methods})
        table(shown, "forecast_wape_by_horizon")
        table(_as_pct(wape.reset_index(), ["wape"]), "forecast_wape")
        table(_as_pct(q.wape_by_project(params), ["wape"]), "forecast_wape_by_project")

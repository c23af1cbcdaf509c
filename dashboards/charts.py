"""Plotly figures, shared by the pages so every chart looks and reads the same: amounts in
万元 on the axis and the exact yuan on hover (money is turned into floats only here, for
plotting)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from dashboards.format import WAN, enum, is_missing, t, yuan

COLORS = ["#1f4e79", "#c0504d", "#9bbb59", "#f79646", "#8064a2", "#4bacc6", "#7f7f7f", "#d4a017"]


def _wan_float(value) -> float | None:
    return None if is_missing(value) else float(Decimal(str(value)) / WAN)


def _layout(fig: go.Figure, y_title: str, height: int = 340) -> go.Figure:
    fig.update_layout(
        margin=dict(l=10, r=10, t=30, b=10),
        height=height,
        yaxis_title=y_title,
        xaxis_title=None,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        colorway=COLORS,
        hoverlabel=dict(namelength=-1),
    )
    fig.update_yaxes(tickformat=",~r" if y_title != "%" else ",.0f")
    return fig


def money_series(
    frame: pd.DataFrame,
    x: str,
    series: list[tuple[str, str]],
    *,
    kind: str = "bar",
    monthly: bool = True,
) -> go.Figure:
    """One or more money columns over x, in 万元, exact yuan on hover."""
    unit = t("wan_yuan")
    x_fmt = "%{x|%Y-%m}" if monthly else "%{x}"
    fig = go.Figure()
    for col, name in series:
        common = dict(
            x=frame[x],
            y=[_wan_float(v) for v in frame[col]],
            name=name,
            customdata=[yuan(v) for v in frame[col]],
            hovertemplate=x_fmt
            + "<br>"
            + name
            + ": %{y:,.2f} "
            + unit
            + "<br>%{customdata} 元<extra></extra>",
        )
        fig.add_trace(
            go.Bar(**common) if kind == "bar" else go.Scatter(mode="lines+markers", **common)
        )
    fig.update_layout(barmode="group")
    return _layout(fig, unit)


def monthly_bars(frame: pd.DataFrame, x: str, y: str, name: str, unit: str) -> go.Figure:
    """Monthly bars in 万元, with the exact yuan amount on hover (kept for the thin slice)."""
    return money_series(frame, x, [(y, name)])


def stacked_money(
    frame: pd.DataFrame, x: str, color: str, y: str, *, monthly: bool = True
) -> go.Figure:
    """Money stacked by a category (e.g. aging buckets by month end), in 万元."""
    unit = t("wan_yuan")
    fig = go.Figure()
    for key, part in frame.groupby(color, sort=False):
        fig.add_trace(
            go.Bar(
                x=part[x],
                y=[_wan_float(v) for v in part[y]],
                name=enum(key),
                customdata=[yuan(v) for v in part[y]],
                hovertemplate=("%{x|%Y-%m-%d}" if monthly else "%{x}")
                + "<br>"
                + enum(key)
                + ": %{y:,.2f} "
                + unit
                + "<br>%{customdata} 元<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    return _layout(fig, unit)


def ratio_lines(
    frame: pd.DataFrame, x: str, series: list[tuple[str, str]], *, percent: bool = True
) -> go.Figure:
    """Ratios (collection rate, achievement) or measures (days) over months."""
    fig = go.Figure()
    for col, name in series:
        values = [None if is_missing(v) else float(v) * (100 if percent else 1) for v in frame[col]]
        fig.add_trace(
            go.Scatter(
                x=frame[x],
                y=values,
                name=name,
                mode="lines+markers",
                hovertemplate="%{x|%Y-%m}<br>"
                + name
                + ": %{y:,.1f}"
                + ("%" if percent else "")
                + "<extra></extra>",
            )
        )
    return _layout(fig, "%" if percent else "")


def count_bars(
    frame: pd.DataFrame, x: str, series: list[tuple[str, str]], *, horizontal: bool = False
) -> go.Figure:
    """Counts (units, cases, visits) by category."""
    fig = go.Figure()
    for col, name in series:
        values = [None if is_missing(v) else float(v) for v in frame[col]]
        labels = [enum(v) for v in frame[x]]
        fig.add_trace(
            go.Bar(
                x=values if horizontal else labels,
                y=labels if horizontal else values,
                name=name,
                orientation="h" if horizontal else "v",
            )
        )
    fig.update_layout(barmode="group")
    if horizontal:
        fig.update_yaxes(autorange="reversed")
    return _layout(fig, "")


def money_bars_by(
    frame: pd.DataFrame, x: str, y: str, name: str, *, horizontal: bool = False
) -> go.Figure:
    """Money by a category (bank, case type, channel), in 万元 with exact yuan on hover."""
    unit = t("wan_yuan")
    labels = [enum(v) for v in frame[x]]
    values = [_wan_float(v) for v in frame[y]]
    fig = go.Figure(
        go.Bar(
            x=values if horizontal else labels,
            y=labels if horizontal else values,
            orientation="h" if horizontal else "v",
            name=name,
            customdata=[yuan(v) for v in frame[y]],
            hovertemplate=("%{y}<br>%{x:,.2f} " if horizontal else "%{x}<br>%{y:,.2f} ")
            + unit
            + "<br>%{customdata} 元<extra></extra>",
        )
    )
    if horizontal:
        fig.update_yaxes(autorange="reversed")
        fig.update_xaxes(tickformat=",~r", title=unit)  # 18,000 万元, not "18k"
    return _layout(fig, "" if horizontal else unit)


def funnel(stages: list[tuple[str, float]]) -> go.Figure:
    fig = go.Figure(
        go.Funnel(
            y=[s for s, _ in stages], x=[v for _, v in stages], textinfo="value+percent initial"
        )
    )
    return _layout(fig, "", height=300)

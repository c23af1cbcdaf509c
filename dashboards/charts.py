"""Plotly figures, shared by the pages so every chart looks and reads the same."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from dashboards.format import WAN, yuan


def monthly_bars(frame: pd.DataFrame, x: str, y: str, name: str, unit: str) -> go.Figure:
    """Monthly bars in 万元, with the exact yuan amount on hover."""
    values = [float(Decimal(v) / WAN) for v in frame[y]]
    fig = go.Figure(
        go.Bar(
            x=frame[x],
            y=values,
            name=name,
            customdata=[yuan(v) for v in frame[y]],
            hovertemplate="%{x|%Y-%m}<br>%{y:,.2f} " + unit + "<br>%{customdata} 元<extra></extra>",
        )
    )
    fig.update_layout(
        margin=dict(l=10, r=10, t=30, b=10), height=360, yaxis_title=unit, xaxis_title=None
    )
    return fig

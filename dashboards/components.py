"""Small widgets every page uses: downloads of the table behind a view."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from dashboards.format import t


def download_buttons(frame: pd.DataFrame, name: str) -> None:
    """CSV (UTF-8 with BOM, so Excel opens Chinese text) and Excel downloads of a table."""
    csv = frame.to_csv(index=False).encode("utf-8-sig")
    xlsx = io.BytesIO()
    frame.astype({c: "string" for c in frame.columns if frame[c].dtype == object}).to_excel(
        xlsx, index=False, sheet_name=name[:31]
    )
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(t("download_csv"), csv, f"{name}.csv", "text/csv", key=f"{name}-csv")
    c2.download_button(
        t("download_xlsx"),
        xlsx.getvalue(),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{name}-xlsx",
    )

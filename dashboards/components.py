"""Widgets every page uses: headline numbers with their definition and exact amount, tables
with CSV and Excel downloads, and the drill-down from a headline number to its rows."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

import pandas as pd
import streamlit as st

from dashboards.format import enum, num, pct, t, wan, with_unit, yuan
from dashboards.queries import meta

#: Columns whose values are codes with a label (case types, buckets, items ...).
ENUM_COLUMNS = {
    "case_type", "escalation_step", "aging_bucket", "from_bucket", "payer", "item",
    "anomaly_type", "last_action_type", "action_type", "method", "credit_grade", "service",
}  # fmt: skip
RATIO_COLUMNS = {
    "collection_rate", "plan_achievement", "sell_through_rate", "units_share", "amount_share",
    "sign_amount_achievement_rate", "amount_achievement_rate", "units_achievement_rate",
    "cancellation_rate", "provision_ratio", "coverage_ratio", "roll_rate", "error_ratio",
}  # fmt: skip


def headline(
    column,
    label: str,
    value,
    *,
    kind: str = "wan",
    definition: tuple[str, str] | None = None,
    note: str = "",
    delta: str | None = None,
) -> None:
    """One headline number. Money shows in 万元 with the exact yuan in its help, together with
    the mart column's definition (口径) persisted from the dbt docs."""
    parts = []
    if kind == "wan":
        label = with_unit(label, "wan_yuan")
        shown = wan(value)
        parts.append(f"{t('exact')}: {yuan(value)} {t('yuan')}")
    elif kind == "yuan":
        label = with_unit(label, "yuan")
        shown = yuan(value)
    elif kind == "pct":
        shown = pct(value)
    else:
        shown = num(value, 0 if kind == "count" else 1)
    if definition:
        text = meta.definition(*definition)
        if text:
            parts.append(f"{t('definition')}: {text}")
    if note:
        parts.append(note)
    column.metric(
        label,
        shown,
        delta=delta,
        help="\n\n".join(parts) or None,
        delta_color="off",
        delta_arrow="off",
        border=True,
    )


def _display(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    shown = frame.copy()
    config = {}
    for col in shown.columns:
        if col in ENUM_COLUMNS:
            shown[col] = shown[col].map(enum)
        elif col in RATIO_COLUMNS:
            shown[col] = shown[col].map(lambda v: None if pd.isna(v) else float(v))
            config[t(col)] = st.column_config.NumberColumn(format="percent")
        elif len(shown) and isinstance(
            shown[col].dropna().iloc[0] if shown[col].notna().any() else None, Decimal
        ):
            config[t(col)] = st.column_config.NumberColumn(format="localized")
    labels: list[str] = []
    for col in shown.columns:  # two columns with one label would break the table
        label = t(col)
        labels.append(f"{label} [{col}]" if label in labels else label)
    renamed = dict(zip([t(c) for c in shown.columns], labels, strict=True))
    shown.columns = labels
    return shown, {renamed.get(k, k): v for k, v in config.items()}


def table(frame: pd.DataFrame, name: str, *, height: int | str = "auto") -> None:
    """A table with labels in the chosen language, exact amounts, and its downloads."""
    if frame.empty:
        st.info(t("no_data"))
        return
    shown, config = _display(frame)
    if not frame.attrs.get("complete", True):
        st.caption(t("first_rows").format(rows=f"{len(frame):,}"))
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config, height=height)
    all_rows = frame.attrs.get("all_rows")
    if all_rows is None or frame.attrs.get("complete", True):
        download_buttons(shown, name)
    else:  # every row of the list, fetched when a download is clicked
        download_buttons(lambda: _display(_matching(all_rows(), frame))[0], name)


def _matching(full: pd.DataFrame, page: pd.DataFrame) -> pd.DataFrame:
    """The whole list with the columns the view kept of its first page."""
    return full[list(page.columns)]


def _excel(frame: pd.DataFrame, name: str) -> bytes:
    out = io.BytesIO()
    sheet = frame.copy()
    for col in sheet.columns:  # Excel has no exact decimal: keep amounts as text to the fen
        if sheet[col].map(lambda v: isinstance(v, Decimal)).any():
            sheet[col] = sheet[col].map(lambda v: None if pd.isna(v) else float(v))
        elif sheet[col].dtype == object:
            sheet[col] = sheet[col].astype("string")
    sheet.to_excel(out, index=False, sheet_name=name[:31])
    return out.getvalue()


def download_buttons(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str) -> None:
    """CSV (UTF-8 with BOM, so Excel opens Chinese text; amounts exact to the fen) and Excel,
    both made only when clicked, so large tables do not slow the page. ``frame`` may be a
    callable that fetches the rows (a list the page shows only the first rows of)."""
    rows = frame if callable(frame) else (lambda: frame)
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(
        t("download_csv"),
        lambda: rows().to_csv(index=False).encode("utf-8-sig"),
        f"{name}.csv",
        "text/csv",
        key=f"{name}-csv",
        on_click="ignore",
    )
    c2.download_button(
        t("download_xlsx"),
        lambda: _excel(rows(), name),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{name}-xlsx",
        on_click="ignore",
    )


class DrillDown:
    """The rows behind each headline number of a page, shown for the one the reader picks."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.sources: dict[str, tuple[str, Callable[[], pd.DataFrame]]] = {}

    def add(self, label: str, name: str, rows: Callable[[], pd.DataFrame]) -> None:
        self.sources[label] = (name, rows)

    def render(self) -> None:
        if not self.sources:
            return
        st.subheader(t("drill_down"))
        label = st.selectbox(t("drill_pick"), list(self.sources), key=f"drill-{self.key}")
        name, rows = self.sources[label]
        frame = rows()
        if frame.attrs.get("complete", True):
            st.caption(f"{len(frame):,} {t('rows')}")
        table(frame, f"{self.key}-{name}")


def page_header(title_key: str, scope) -> None:
    """The page title and the view it shows: as-of date (prominent), projects, period."""
    st.title(t(title_key))
    projects = ", ".join(scope.projects) or t("all_projects")
    period = f"{scope.start:%Y-%m} — {scope.end:%Y-%m}" if scope.start and scope.end else "—"
    as_of = f"{scope.as_of:%Y-%m-%d}" if scope.as_of else "—"
    st.markdown(
        f"**{t('as_of')} {as_of}** &nbsp;·&nbsp; {t('projects')}: {projects}"
        f" &nbsp;·&nbsp; {t('period')}: {period}"
    )


def achievement(actual, target) -> str | None:
    """'完成目标 80.0%' for a metric's delta line; None without a positive target."""
    if target is None or pd.isna(target) or Decimal(str(target)) <= 0:
        return None
    return f"{t('of_target')} {pct(Decimal(str(actual)) / Decimal(str(target)))}"


def grid(n: int, per_row: int = 3) -> list:
    """n columns in rows of per_row, so headline numbers in 万元 are never cut off."""
    columns: list = []
    while len(columns) < n:
        columns += st.columns(per_row)
    return columns[:n]

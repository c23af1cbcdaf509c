"""The global filters every page shares — projects and a month range — kept in the URL
(?projects=P1,P2&from=2024-01&to=2024-06&lang=en) so a view can be shared.

The warehouse holds one as-of date per build: the reports are snapshots at that date plus
month-end histories, so the period filter chooses months within the history; it does not
recompute the snapshot at another date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboards.format import t
from dashboards.queries import meta


@dataclass(frozen=True)
class Scope:
    """The filters a page applies: projects (empty = all), months [start, end], as-of date."""

    projects: tuple[str, ...]
    start: date | None
    end: date | None
    as_of: date | None

    def params(self) -> dict:
        """The bound parameters of the queries ($projects, $start, $end, $as_of)."""
        return {
            "projects": list(self.projects),
            "start": self.start or date(1900, 1, 1),
            "end": self.end or date(2999, 12, 31),
            "as_of": self.as_of or date(2999, 12, 31),
        }


def _month_list(first: date, last: date) -> list[date]:
    months, current = [], date(first.year, first.month, 1)
    while current <= last:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def _parse_month(text: str | None, months: list[date]) -> date | None:
    try:
        year, month = (int(part) for part in str(text).split("-")[:2])
        wanted = date(year, month, 1)
    except (TypeError, ValueError):
        return None
    return wanted if wanted in months else None


def sidebar() -> Scope:
    """Render the global filters in the sidebar and return the scope they select."""
    as_of = meta.as_of_date()
    projects = meta.projects()
    names = dict(zip(projects["project_id"], projects["project_name"], strict=True))
    first, last = meta.month_bounds()
    months = _month_list(first, last) if first and last else []

    # defaults from the URL (a shared link); after the first run the widgets keep their state
    # and the URL follows them, so the defaults always equal what is shown
    wanted = [p for p in st.query_params.get("projects", "").split(",") if p in names]
    period = None
    if months:
        start = (
            _parse_month(st.query_params.get("from"), months) or months[max(0, len(months) - 12)]
        )
        end = _parse_month(st.query_params.get("to"), months) or months[-1]
        period = (min(start, end), max(start, end))

    st.metric(t("as_of"), f"{as_of:%Y-%m-%d}" if as_of else "—", help=t("as_of_note"))
    st.caption(t("filters"))
    chosen = st.multiselect(
        t("projects"),
        options=list(names),
        format_func=lambda p: f"{names.get(p, p)} ({p})",
        default=wanted,
        key="f_projects",
        placeholder=t("all_projects"),
    )
    start = end = None
    if months:
        chosen_period = st.select_slider(
            t("period"),
            options=months,
            value=period,
            format_func=lambda m: f"{m:%Y-%m}",
            key="f_period",
        )
        # a one-month history or a collapsed range comes back as one value
        start, end = (
            chosen_period if isinstance(chosen_period, tuple | list) else (chosen_period,) * 2
        )
    if chosen:
        st.query_params["projects"] = ",".join(chosen)
    elif "projects" in st.query_params:
        del st.query_params["projects"]
    if start and end:
        st.query_params["from"], st.query_params["to"] = f"{start:%Y-%m}", f"{end:%Y-%m}"
    scope = Scope(tuple(chosen), start, end, as_of)
    st.session_state["_scope"] = scope
    return scope


def current() -> Scope:
    """The scope chosen in the sidebar on this run (set by app.py before the page runs)."""
    return st.session_state.get("_scope") or Scope((), None, None, meta.as_of_date())

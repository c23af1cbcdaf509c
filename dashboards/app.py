"""Huilong management report system: navigation and the settings every page shares
(language, projects, period), kept in the URL so a view can be shared."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run` puts only this folder on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboards import filters  # noqa: E402
from dashboards.db import warehouse_path  # noqa: E402
from dashboards.format import t  # noqa: E402

# not "pages/": Streamlit would also discover that folder as old-style pages and run a
# deep link (/sales) without this script, i.e. without the navigation and the filters.
PAGES = Path(__file__).resolve().parent / "views"

#: (file, label key, icon, url path): one audience or report family each.
PAGE_LIST = [
    ("overview.py", "overview", "📊", "overview"),
    ("sales.py", "sales", "🏠", "sales"),
    ("collections.py", "collections", "💴", "collections"),
    ("cash_forecast.py", "cash_forecast", "📅", "cash-forecast"),
    ("worklist.py", "worklist", "⏰", "worklist"),
    ("after_sales.py", "after_sales", "🏦", "after-sales"),
    ("marketing.py", "marketing", "📣", "marketing"),
    ("team.py", "team", "👥", "team"),
    ("data_ops.py", "data_ops", "🛠️", "data-ops"),
]

st.set_page_config(page_title="回笼 Huilong", page_icon="💴", layout="wide")

if "lang" not in st.session_state:
    st.session_state["lang"] = (
        st.query_params.get("lang", "zh") if st.query_params.get("lang") in ("zh", "en") else "zh"
    )

pages = [
    st.Page(str(PAGES / file), title=t(label), icon=icon, url_path=url)
    for file, label, icon, url in PAGE_LIST
]


def _home() -> None:
    """The root URL opens the overview at its own address. Streamlit serves the default page
    at / only, so with the overview as default a deep link to /overview said "Page not
    found"; the default is this hidden hop instead, keeping the URL's filters and language."""
    st.switch_page(pages[0], query_params=st.query_params.to_dict())


page = st.navigation(
    [st.Page(_home, title=t("overview"), default=True, visibility="hidden"), *pages]
)

with st.sidebar:
    choice = st.radio(
        "语言 / Language",
        ["zh", "en"],
        format_func={"zh": "中文", "en": "English"}.get,
        key="lang",
        horizontal=True,
    )
    st.query_params["lang"] = choice

if not warehouse_path().exists():
    st.warning(t("no_warehouse"))
    st.stop()

with st.sidebar:
    filters.sidebar()
    st.caption(t("app_title"))

page.run()

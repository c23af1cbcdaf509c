"""Huilong management report system: navigation and the settings every page shares."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run` puts only this folder on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboards.db import warehouse_path  # noqa: E402
from dashboards.format import t  # noqa: E402

PAGES = Path(__file__).resolve().parent / "pages"

st.set_page_config(page_title="回笼 Huilong", page_icon="💴", layout="wide")

if "lang" not in st.session_state:
    st.session_state["lang"] = st.query_params.get("lang", "zh")
with st.sidebar:
    choice = st.radio(
        "语言 / Language", ["zh", "en"], format_func={"zh": "中文", "en": "English"}.get,
        key="lang", horizontal=True,
    )
    st.query_params["lang"] = choice
    st.caption(t("app_title"))

if not warehouse_path().exists():
    st.warning(t("no_warehouse"))
    st.stop()

pages = [
    st.Page(str(PAGES / "collections.py"), title=t("collections"), icon="💴", url_path="collections"),
]
st.navigation(pages).run()

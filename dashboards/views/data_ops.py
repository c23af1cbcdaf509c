"""数据运维 Data ops: the last build and its duration, freshness per source, the file ledger,
quarantined rows with reasons, data-quality results, and a link to the Dagster UI."""

from __future__ import annotations

import os
from datetime import datetime

import streamlit as st

from dashboards.components import DrillDown, headline, table
from dashboards.format import t
from dashboards.queries import data_ops as q

DAGSTER_URL = os.environ.get("HUILONG_DAGSTER_URL", "http://127.0.0.1:3000")

st.title(t("data_ops"))
builds = q.builds()
dq = q.dq()
if builds.empty:
    st.info(t("no_data"))
    st.stop()
last = builds.iloc[0]
c = st.columns(5)
c[0].metric(t("last_build"), f"{last['finished_at']:%Y-%m-%d %H:%M}" if last["finished_at"] is not None else "—",
            help=f"{last['build_id']} · {last['status']}")  # fmt: skip
c[1].metric(t("as_of"), f"{last['as_of_date']:%Y-%m-%d}")
headline(c[2], t("duration"), last["duration_seconds"], kind="measure")
headline(c[3], t("rows_quarantined"), last["rows_quarantined"], kind="count")
failed = dq[~dq["success"].astype(bool)]
headline(c[4], t("dq_failed"), len(failed), kind="count")
st.link_button(t("dagster"), DAGSTER_URL)

st.subheader(t("freshness"))
table(q.freshness(datetime.now()), "freshness")
st.subheader(t("builds"))
table(builds, "builds")
st.subheader(t("file_ledger"))
table(q.ledger(), "file_ledger")
st.subheader(t("quarantine"))
table(q.quarantine(), "quarantined_rows")
st.subheader(t("dq"))
table(dq, "dq_results")

drill = DrillDown("data_ops")
drill.add(t("dq_failed"), "dq_failed", lambda: failed)
drill.add(t("rows_quarantined"), "quarantined", q.quarantine)
drill.render()

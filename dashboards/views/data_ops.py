"""数据运维 Data ops: the last build and its duration, freshness per source, the file ledger,
quarantined rows with reasons, data-quality results, and a link to the Dagster UI."""

from __future__ import annotations

import os
from datetime import datetime

import streamlit as st

from dashboards import filters
from dashboards.components import DrillDown, headline, table
from dashboards.format import enum, t
from dashboards.queries import data_ops as q
from dashboards.queries import hygiene

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

# data hygiene (issue 10): likely duplicate customers and discounts beyond policy, for the
# projects chosen in the sidebar
st.header(t("hygiene"))
hygiene_params = filters.current().params()
duplicates = hygiene.duplicates(hygiene_params)
discounts = hygiene.discount_exceptions(hygiene_params)
h = st.columns(2)
headline(h[0], t("duplicate_customers"), int((~duplicates["is_merged"].astype(bool)).sum()), kind="count",
         definition=("fct_duplicate_customers", "is_merged"))  # fmt: skip
headline(h[1], t("discount_exceptions"), hygiene.discount_exception_count(hygiene_params), kind="count",
         definition=("fct_discount_exceptions", "excess_discount_amount"))  # fmt: skip
st.subheader(t("duplicate_customers"))
table(duplicates.assign(match_rule=duplicates["match_rule"].map(enum)), "duplicate_customers")
st.subheader(t("discount_exceptions"))
table(discounts, "discount_exceptions")

drill = DrillDown("data_ops")
drill.add(t("dq_failed"), "dq_failed", lambda: failed)
drill.add(t("rows_quarantined"), "quarantined", q.quarantine)
drill.add(t("duplicate_customers"), "duplicate_customers", lambda: duplicates)
drill.add(t("discount_exceptions"), "discount_exceptions", lambda: discounts)
drill.render()

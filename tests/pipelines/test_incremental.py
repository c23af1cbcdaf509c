"""A build reruns only the dbt models whose raw tables changed, and gets what a full one gets.

On the sales fixture (tests/fixtures/sales, D = 2024-06-30): its marketing spend through D is
20,000.00 + 10,000.00 + 8,000.00 = 38,000.00 (M4, 99,999.00 on 2024-07-01, is after D).
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.build import build_warehouse as run_build
from pipelines.dbt_state import read_state
from tests.conftest import FIXTURES, comment_of, differing_tables, query, tables, warehouse_in

LANDING = FIXTURES / "sales" / "landing"
AS_OF = "2024-06-30"
SPEND = "select sum(spend) from marts.fct_marketing_efficiency"
NEW_SPEND = (
    "spend_id,project_id,channel,spend_date,amount,description\n"
    "M900,P1,安居客,2024-06-20,1234.56,追加投放\n"
)


@pytest.fixture
def published_sales(build_warehouse, tmp_path) -> tuple[Path, Path]:
    landing = tmp_path / "landing"
    shutil.copytree(LANDING, landing)
    warehouse = warehouse_in(tmp_path, "w")
    shutil.copyfile(build_warehouse(LANDING, as_of=AS_OF), warehouse)
    return landing, warehouse


def test_new_spend_file_reruns_the_marketing_models_only_and_equals_a_full_build(
    published_sales, tmp_path
):
    landing, warehouse = published_sales
    published = warehouse_in(tmp_path, "published")
    shutil.copyfile(warehouse, published)
    assert query(warehouse, SPEND) == [(Decimal("38000.00"),)]
    assert set(read_state(duckdb.connect(str(warehouse), read_only=True))) >= {
        "project",
        "as_of",
        "raw.marketing_spend",
    }
    # markers on two tables: a kept table keeps its comment, a rebuilt one is a new table
    with duckdb.connect(str(warehouse)) as con:
        con.execute("comment on table staging.stg_erp__contracts is 'published'")
        con.execute("comment on table staging.stg_marketing__marketing_spend is 'published'")
    (landing / "marketing_spend_2024-06-20.csv").write_text(NEW_SPEND, encoding="utf-8")

    result = run_build(landing=landing, warehouse=warehouse, as_of=AS_OF)

    assert result.ok, result.message
    assert query(warehouse, SPEND) == [(Decimal("39234.56"),)]
    assert query(
        warehouse,
        "select spend from marts.fct_marketing_efficiency "
        "where project_id = 'P1' and month = '2024-06-01' and channel = '安居客'",
    ) == [(Decimal("1234.56"),)]
    assert comment_of(warehouse, "staging", "stg_erp__contracts") == "published"
    assert comment_of(warehouse, "staging", "stg_marketing__marketing_spend") is None

    # --full on the warehouse as it was published runs every model, also those whose raw
    # tables did not change (--full-refresh: incremental ones made anew), and gets the same
    full = warehouse_in(tmp_path, "full")
    shutil.copyfile(published, full)
    with duckdb.connect(str(full)) as con:
        con.execute("comment on table staging.stg_erp__contracts is 'published'")
    assert run_build(landing=landing, warehouse=full, as_of=AS_OF, full=True).ok
    assert comment_of(full, "staging", "stg_erp__contracts") is None  # rebuilt
    assert tables(warehouse) == tables(full)
    assert differing_tables(warehouse, full) == []


def test_a_partial_build_clears_the_state_so_the_next_build_runs_everything(published_sales):
    landing, warehouse = published_sales
    result = run_build(
        landing=landing, warehouse=warehouse, as_of=AS_OF, select="stg_marketing__marketing_spend"
    )
    assert result.ok, result.message
    assert read_state(duckdb.connect(str(warehouse), read_only=True)) == {}


# tests sharing a fixture warehouse run on one xdist worker, so it is built once
pytestmark = pytest.mark.xdist_group("sales")

"""The Dagster code location: the build job, the landing-folder sensor and the daily schedule."""

from __future__ import annotations

import hashlib
import json

import dagster as dg

from .assets import published_warehouse, raw_expectations, raw_exports, warehouse_models
from .dbt_project import dbt_resource
from .ingest import landing_files
from .resources import WarehouseResource
from .settings import default_landing

build_job = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description="Ingest the landing folder, check, dbt build and publish the warehouse.",
)

daily_build = dg.ScheduleDefinition(
    name="daily_build",
    job=build_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild every morning at 06:00 Beijing time.",
)


def landing_snapshot() -> dict[str, float]:
    """File (relative to the landing folder) -> modification time."""
    landing = default_landing()
    return {p.relative_to(landing).as_posix(): p.stat().st_mtime for p in landing_files(landing)}


def landing_changes(previous: dict[str, float], current: dict[str, float]) -> list[str]:
    """Files added, changed or removed since the cursor."""
    changed = [f for f, m in current.items() if previous.get(f) != m]
    removed = [f for f in previous if f not in current]
    return sorted(changed + removed)


@dg.sensor(
    job=build_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Starts a build when a file lands in, changes in or leaves the landing folder.",
)
def landing_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    previous = json.loads(context.cursor) if context.cursor else {}
    current = landing_snapshot()
    changes = landing_changes(previous, current)
    if not changes:
        return dg.SkipReason("no change in the landing folder")
    stamp = ",".join(f"{f}@{current.get(f, 'removed')}" for f in changes)
    run_key = "landing:" + hashlib.sha256(stamp.encode()).hexdigest()[:20]
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(run_key=run_key, tags={"huilong/changed_files": str(len(changes))})
        ],
        cursor=json.dumps(current, sort_keys=True),
    )


defs = dg.Definitions(
    assets=[raw_exports, warehouse_models, published_warehouse],
    asset_checks=[raw_expectations],
    jobs=[build_job],
    schedules=[daily_build],
    sensors=[landing_sensor],
    resources={"dbt": dbt_resource(), "warehouse": WarehouseResource()},
)

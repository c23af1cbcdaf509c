"""The file a build writes, ``<warehouse>.next``: a copy of the published warehouse (so raw
tables and the file ledger carry over), begun before the build job starts.

No Dagster import here: ``huilong build`` begins the copy first and imports Dagster and dbt
while it runs.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .settings import BuildPaths

#: copies of published warehouses begun before the build job started (see begin_copy)
_COPIES: dict[Path, Future] = {}


def _copy_for_build(paths: BuildPaths) -> None:
    for stale in (paths.next, Path(str(paths.next) + ".wal")):
        stale.unlink(missing_ok=True)
    if paths.warehouse.exists():
        shutil.copyfile(paths.warehouse, paths.next)


@contextlib.contextmanager
def begin_copy(paths: BuildPaths) -> Iterator[None]:
    """Copy the published warehouse to ``<warehouse>.next`` in a thread while the caller
    starts the build job; its ingest step takes it over (:func:`claim_copy`).

    The copy is disk-bound (13 s for the 6.9 GB 1x warehouse) and the job's start-up is
    Python imports (about 5 s), so the two overlap. The caller holds the build lock; on the
    way out an unclaimed copy (the job failed before its ingest) is waited for and removed.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="huilong-copy") as pool:
        _COPIES[paths.next] = pool.submit(_copy_for_build, paths)
        try:
            yield
        finally:
            unclaimed = _COPIES.pop(paths.next, None)
            if unclaimed is not None:
                with contextlib.suppress(Exception):
                    unclaimed.result()
                paths.next.unlink(missing_ok=True)


def claim_copy(paths: BuildPaths) -> None:
    """Have ``<warehouse>.next`` ready: wait for the copy :func:`begin_copy` started (its
    errors are the caller's), or make it now (a run started from the Dagster UI)."""
    begun = _COPIES.pop(paths.next, None)
    if begun is not None:
        begun.result()
    else:
        _copy_for_build(paths)

"""Realistic sample exports for Huilong: the files a developer's ERP would hand over.

``generate()`` simulates every project of a scale (see ``scales.py``) deal by deal
(``model.py``) and writes the export files of contract v1:

- clean mode: one UTF-8 CSV per table, ``<table>.csv``, canonical headers and values;
- messy mode (``messy.py``, tiny and demo only): the same logical rows in every form
  exports.md says real exports come in.

The large scale streams: projects are simulated in two worker processes and written as
each finishes, so memory holds a few projects at a time, never the whole data set.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from sources.generator.formats import clean_csv_text
from sources.generator.model import TABLES, simulate_project
from sources.generator.scales import DEFAULT_AS_OF, SCALES, ProjectSpec, plan_projects
from sources.registry import load_contract

__all__ = ["DEFAULT_AS_OF", "DEFAULT_OUT", "SCALES", "TABLES", "generate"]

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "landing"


def generate(
    scale: str = "demo",
    seed: int = 7,
    out: str | Path = DEFAULT_OUT,
    messy: bool = False,
    as_of: datetime.date | None = None,
    progress: bool = False,
    scale_factor: float = 1.0,
) -> dict[str, int]:
    """Write export files into `out` (created if missing); return rows written per table.

    Same scale, seed, as_of and scale_factor give byte-identical files. `scale_factor`
    multiplies the size of the large scale only. Files already in `out` with the same names
    are overwritten; other files are left alone.
    """
    if as_of is None:
        as_of = DEFAULT_AS_OF
    if scale_factor <= 0:
        raise ValueError("scale_factor must be positive")
    if messy and scale == "large":
        raise ValueError("messy mode writes tiny or demo scale; large is clean CSV only")
    specs = plan_projects(scale, seed, as_of, scale_factor if scale == "large" else 1.0)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if messy:
        from sources.generator.messy import write_messy

        rows: dict[str, list] = {t: [] for t in TABLES}
        for part in _simulate_all(specs, seed, as_of, progress):
            for t in TABLES:
                rows[t].extend(part[t])
        write_messy(rows, out, as_of, seed)
        return {t: len(rows[t]) for t in TABLES}
    return _write_clean(specs, seed, as_of, out, progress, parallel=scale == "large")


def _simulate_all(
    specs: list[ProjectSpec], seed: int, as_of: datetime.date, progress: bool
) -> Iterator[dict[str, list]]:
    for spec in _bar(specs, len(specs), progress):
        yield simulate_project(spec, seed, as_of)


def _format_project(args: tuple[ProjectSpec, int, datetime.date]) -> dict[str, tuple[int, str]]:
    """Simulate one project and return (row count, CSV text without header) per table."""
    spec, seed, as_of = args
    contract = load_contract()
    rows = simulate_project(spec, seed, as_of)
    return {t: (len(rows[t]), clean_csv_text(contract[t], rows[t], header=False)) for t in TABLES}


def _write_part(args: tuple[ProjectSpec, int, datetime.date, Path]) -> dict[str, int]:
    """Worker: write one project's rows to part files next to the output; return counts.

    Writing in the worker (rather than sending gigabytes of text back through a pipe)
    keeps the parent's work to appending finished parts in project order.
    """
    spec, seed, as_of, out = args
    counts = {}
    for t, (n, text) in _format_project((spec, seed, as_of)).items():
        (out / _part_name(spec.index, t)).write_text(text, encoding="utf-8")
        counts[t] = n
    return counts


def _part_name(index: int, table: str) -> str:
    return f".part-{index:05d}-{table}.csv"


def _write_clean(
    specs: list[ProjectSpec],
    seed: int,
    as_of: datetime.date,
    out: Path,
    progress: bool,
    parallel: bool,
) -> dict[str, int]:
    contract = load_contract()
    counts = dict.fromkeys(TABLES, 0)
    files = {}
    try:
        for t in TABLES:
            f = open(out / f"{t}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
            f.write(clean_csv_text(contract[t], [], header=True))
            files[t] = f
        if parallel and len(specs) > 1:
            for f in files.values():
                f.flush()
            jobs = [(spec, seed, as_of, out) for spec in specs]
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(2, maxtasksperchild=20) as pool:
                results = pool.imap(_write_part, jobs, chunksize=1)
                for spec, part in zip(specs, _bar(results, len(jobs), progress), strict=True):
                    for t in TABLES:
                        counts[t] += part[t]
                        path = out / _part_name(spec.index, t)
                        with open(path, "rb") as src:
                            _append_file(src, files[t])
                        path.unlink()
        else:
            for spec in _bar(specs, len(specs), progress):
                for t, (n, text) in _format_project((spec, seed, as_of)).items():
                    counts[t] += n
                    files[t].write(text)
    finally:
        for f in files.values():
            f.close()
    return counts


def _append_file(src, dst) -> None:
    """Append src to dst, in the kernel where it can (os.copy_file_range)."""
    dst.flush()
    size = os.fstat(src.fileno()).st_size
    copied = 0
    try:
        while copied < size:
            n = os.copy_file_range(src.fileno(), dst.fileno(), size - copied)
            if n == 0:
                break
            copied += n
    except OSError:  # no copy_file_range on this file system: copy through user space
        src.seek(copied)
        with open(dst.fileno(), "ab", closefd=False) as raw:
            shutil.copyfileobj(src, raw)
    os.lseek(dst.fileno(), 0, os.SEEK_END)


def _bar(items, total: int, enabled: bool):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="project", desc="generate")

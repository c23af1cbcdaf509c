"""The `huilong` command: generate sample exports, build the warehouse, serve the dashboards,
run the demo, or open the Dagster UI. Paths never depend on the current directory."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

from .settings import (
    DASHBOARD_APP,
    PROJECT_ROOT,
    default_as_of,
    default_landing,
    default_warehouse,
)

#: Exit codes: 0 ok, 1 build failed, 2 usage, 3 --strict and rows were quarantined or files rejected
EXIT_FAILED, EXIT_STRICT = 1, 3


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from exc


def _path(text: str) -> Path:
    return Path(text).expanduser().resolve()


def cmd_generate(args: argparse.Namespace) -> int:
    from sources.generator import generate

    out = args.out or default_landing()
    counts = generate(
        scale=args.scale,
        seed=args.seed,
        out=out,
        messy=args.messy,
        as_of=dt.date.fromisoformat(args.as_of) if args.as_of else None,
        progress=not args.quiet,
    )
    total = sum(counts.values())
    print(f"wrote {total} rows in {len(counts)} tables to {out}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import BuildLocked, build_warehouse

    try:
        result = build_warehouse(
            landing=args.landing,
            warehouse=args.warehouse,
            as_of=args.as_of,
            select=getattr(args, "select", None),
            full=getattr(args, "full", False),
            progress=True,
        )
    except (BuildLocked, ValueError) as exc:
        print(f"build not started: {exc}")
        return EXIT_FAILED
    if not result.ok:
        print(f"build failed, the published warehouse is unchanged: {result.message}")
        return EXIT_FAILED
    print(result.message)
    if args.strict and (result.rows_quarantined or result.files_rejected):
        print(
            f"--strict: {result.rows_quarantined} rows quarantined and {result.files_rejected} "
            "files rejected (see audit.quarantined_rows and audit.file_ledger)"
        )
        return EXIT_STRICT
    return 0


def _exec_streamlit(warehouse: Path, port: int) -> int:
    env = {**os.environ, "HUILONG_WAREHOUSE": str(warehouse)}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(DASHBOARD_APP),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    print(f"Huilong dashboards: http://127.0.0.1:{port}  (Ctrl+C to stop)", flush=True)
    proc = subprocess.Popen(cmd, env=env, cwd=PROJECT_ROOT)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGINT)
        return proc.wait()


def cmd_serve(args: argparse.Namespace) -> int:
    if not args.warehouse.exists():
        print(f"no warehouse at {args.warehouse}: run `huilong build` first", file=sys.stderr)
        return EXIT_FAILED
    return _exec_streamlit(args.warehouse, args.port)


def cmd_demo(args: argparse.Namespace) -> int:
    from .ingest import landing_files

    landing = args.landing
    if not landing_files(landing):
        print(f"the landing folder {landing} is empty: generating the demo data set")
        from sources.generator import generate

        generate(scale="demo", seed=7, out=landing, progress=True)
    build = argparse.Namespace(
        landing=landing, warehouse=args.warehouse, as_of=args.as_of, strict=False
    )
    code = cmd_build(build)
    if code != 0:
        return code
    return _exec_streamlit(args.warehouse, args.port)


def cmd_dev(args: argparse.Namespace) -> int:
    home = PROJECT_ROOT / ".dagster_home"
    home.mkdir(exist_ok=True)
    (home / "dagster.yaml").write_text(
        "run_coordinator:\n"
        "  module: dagster._core.run_coordinator\n"
        "  class: QueuedRunCoordinator\n"
        "  config:\n"
        "    max_concurrent_runs: 1\n"
        "telemetry:\n"
        "  enabled: false\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "HUILONG_LANDING": str(args.landing),
        "HUILONG_WAREHOUSE": str(args.warehouse),
    }
    dagster = Path(sys.executable).with_name("dagster")
    cmd = [
        str(dagster),
        "dev",
        "-w",
        str(PROJECT_ROOT / "workspace.yaml"),
        "--host",
        "127.0.0.1",
        "--port",
        str(args.port),
    ]
    print(f"Dagster UI: http://127.0.0.1:{args.port}", flush=True)
    proc = subprocess.Popen(cmd, env=env, cwd=PROJECT_ROOT, start_new_session=True)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        os.killpg(proc.pid, signal.SIGTERM)
        return proc.wait()


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run

    return run(args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="huilong",
        description="Huilong (回笼): sales and collections warehouse and dashboards.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    g = sub.add_parser("generate", help="write sample export files")
    g.add_argument("--scale", choices=["tiny", "demo", "large"], default="demo")
    g.add_argument("--seed", type=int, default=7)
    g.add_argument("--out", type=_path, default=None, help="folder (default: the landing folder)")
    g.add_argument("--messy", action="store_true", help="write every form real exports come in")
    g.add_argument("--as-of", type=_date, default=None, help="last date of the data")
    g.add_argument("--quiet", action="store_true")
    g.set_defaults(func=cmd_generate)

    def warehouse_args(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--landing", type=_path, default=default_landing())
        sp.add_argument("--warehouse", type=_path, default=default_warehouse())
        sp.add_argument(
            "--as-of",
            type=_date,
            default=default_as_of(),
            help="as-of date D (default: the latest receipt date in the data)",
        )

    b = sub.add_parser("build", help="ingest, check, dbt build and publish the warehouse")
    warehouse_args(b)
    b.add_argument(
        "--strict", action="store_true", help="exit 3 if rows were quarantined or files rejected"
    )
    b.add_argument(
        "--select",
        default=None,
        help="rebuild only these dbt models (dbt selection syntax) on top of the published warehouse",
    )
    b.add_argument(
        "--full",
        action="store_true",
        help="run every dbt model, also those whose code and raw tables did not change "
        "since the last build (by default their published tables are kept), and hash every "
        "landing file, also those whose size and modification time match the file ledger",
    )
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="serve the dashboards on 127.0.0.1")
    s.add_argument("--warehouse", type=_path, default=default_warehouse())
    s.add_argument("--port", type=int, default=8501)
    s.set_defaults(func=cmd_serve)

    d = sub.add_parser(
        "demo", help="generate demo data if the landing folder is empty, build, serve"
    )
    warehouse_args(d)
    d.add_argument("--port", type=int, default=8501)
    d.set_defaults(func=cmd_demo)

    v = sub.add_parser("dev", help="the Dagster UI on 127.0.0.1:3000")
    v.add_argument("--landing", type=_path, default=default_landing())
    v.add_argument("--warehouse", type=_path, default=default_warehouse())
    v.add_argument("--port", type=int, default=3000)
    v.set_defaults(func=cmd_dev)
    bn = sub.add_parser("bench", help="benchmarks: build vs bare read, incremental, queries")
    from .bench import add_arguments as bench_arguments

    bench_arguments(bn)
    bn.set_defaults(func=cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

"""``python -m bench.run [--small] [--runs N] [--out bench/RESULTS.md] [--keep DIR]``:
build (or reuse) the benchmark database, measure, write the results table.

Benchmarks never fail on time: the exit status is 0 unless the harness itself breaks."""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import report
from bench.build import DB_NAME, cached_database
from bench.machine import REPO, child_env
from bench.measure_files import measure_export, measure_inbox, measure_pdf
from bench.measure_gui import measure_gui
from bench.sizes import DEFAULT, SMALL, Sizes
from desktop_app.domain.school_year import SchoolYear

PARTS = ("gui", "export", "inbox", "pdf")
PATH_OPTIONS = ("--out", "--keep", "--work")


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    p.add_argument("--small", action="store_true", help="a quick run on a small database")
    p.add_argument("--runs", type=int, default=5, help="runs of every measurement (default 5)")
    p.add_argument("--out", default=str(REPO / "bench" / "RESULTS.md"), help="the Markdown file")
    p.add_argument("--keep", help="keep the bundles, reports and raw numbers in this folder")
    p.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "studiodesk-bench"),
                   help="cache and scratch folder (default: <temp>/studiodesk-bench)")  # fmt: skip
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--as-of", help="the database's today, YYYY-MM-DD (default: 1st of this month)")
    p.add_argument("--rebuild", action="store_true", help="build the database even if cached")
    p.add_argument("--build-only", action="store_true", help="build (or find) the database, stop")
    p.add_argument("--only", action="append", choices=PARTS, help="measure only these parts")
    p.add_argument("--inbox-bundles", type=int, default=100)
    p.add_argument("--inbox-copies", action="store_true",
                   help="real copies of the bundle in the inbox (default: hard links)")  # fmt: skip
    for field in dataclasses.fields(Sizes):
        p.add_argument(f"--{field.name.replace('_', '-')}", type=int, help=f"size: {field.name}")
    return p.parse_args(argv)


def sizes_from(args: argparse.Namespace) -> Sizes:
    base = SMALL if args.small else DEFAULT
    given = {f.name: getattr(args, f.name) for f in dataclasses.fields(Sizes)}
    return dataclasses.replace(base, **{k: v for k, v in given.items() if v is not None})


def shown_command(argv: list[str]) -> str:
    """The command as typed, with this machine's paths left out."""
    words, hide = [], False
    for word in argv:
        if hide:
            words.append("DIR")
            hide = False
            continue
        name = word.split("=", 1)[0]
        if name in PATH_OPTIONS:
            words.append(f"{name} DIR" if "=" in word else name)
            hide = "=" not in word
        else:
            words.append(word)
    return " ".join(["python -m bench.run", *words])


def copy_database(db: Path, folder: Path) -> Path:
    """A copy to measure on (the cache stays as built): the database file, the evidence
    files inside it."""
    folder.mkdir(parents=True)
    target = folder / DB_NAME
    shutil.copy2(db, target)
    return target


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    sizes = sizes_from(args)
    today = dt.date.today()
    as_of = dt.date.fromisoformat(args.as_of) if args.as_of else today.replace(day=1)
    work = Path(args.work)
    parts = set(args.only or PARTS)
    started = time.time()
    # The program as installed: its modules compiled to bytecode, as pip and the
    # PyInstaller build leave them (a checkout run with PYTHONDONTWRITEBYTECODE=1 would
    # compile every module again at every start, and the start-up would measure that).
    compileall.compile_dir(str(REPO / "desktop_app"), quiet=1)
    db, info = cached_database(work, sizes, args.seed, as_of, rebuild=args.rebuild, log=log)
    if args.build_only:
        log(f"database: {db} (built in {info['build_s']:.0f} s)")
        return 0
    run_dir = work / f"run-{os.getpid()}"
    shutil.rmtree(run_dir, ignore_errors=True)
    env = child_env(run_dir)
    main_db = copy_database(db, run_dir / "a")
    year = SchoolYear.of(as_of)
    if sizes.years > 1:
        year = SchoolYear(year.start - 1)  # the last whole school year
    results = report.Collected(sizes=sizes, info=info, runs=args.runs, year=year.label)
    try:
        measure(parts, args, results, db, main_db, run_dir, env)
        text = report.render(results, shown_command(argv), db, time.time() - started)
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(text)
        log(f"written: {out}")
        if args.keep:
            keep(run_dir, Path(args.keep), results)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
    return 1 if results.errors else 0


def measure(parts: set[str], args: argparse.Namespace, results: report.Collected, db: Path,
            main_db: Path, run_dir: Path, env: dict[str, str]) -> None:  # fmt: skip
    """Each part on its own: when the program fails in one (it may be being edited while
    this runs), the others are still measured and the failure is reported."""

    def attempt(part: str, action: Callable[[], None]) -> None:
        if part not in parts:
            return
        log(f"{part} …")
        try:
            action()
        except (RuntimeError, TimeoutError, OSError) as error:
            results.errors[part] = str(error).strip().splitlines()[-1][:300]
            log(f"{part} FAILED: {error}")

    def gui() -> None:
        pages_db = copy_database(db, run_dir / "b")  # the interactions write to it
        results.gui = measure_gui(main_db, pages_db, args.runs, env, log)

    ahead: list[Path] = []

    def ahead_db() -> Path:  # a second fresh copy, for the documents made ahead
        if not ahead:
            ahead.append(copy_database(db, run_dir / "c"))
        return ahead[0]

    def export() -> None:
        results.export_year = measure_export(
            main_db, ahead_db(), results.year, run_dir, args.runs, env, log
        )
        results.export_all = measure_export(
            main_db, ahead_db(), "final", run_dir, args.runs, env, log
        )

    def inbox() -> None:
        if results.export_year is None:
            results.export_year = measure_export(
                main_db, ahead_db(), results.year, run_dir, 1, env, log
            )
        results.inbox = measure_inbox(
            results.export_year.bundle, args.inbox_bundles, run_dir, args.runs, env, log,
            copies=args.inbox_copies,
        )  # fmt: skip

    def pdf() -> None:
        results.pdf = measure_pdf(main_db, results.year, run_dir, args.runs, env, log)

    for part, action in (("gui", gui), ("export", export), ("inbox", inbox), ("pdf", pdf)):
        attempt(part, action)


def keep(run_dir: Path, folder: Path, results: report.Collected) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for pattern in ("*.zip", "*.pdf", "*.xlsx"):
        for path in run_dir.glob(pattern):
            shutil.copy2(path, folder / path.name)
    raw = json.dumps(report.raw(results), indent=1, ensure_ascii=False, default=str)
    (folder / "raw.json").write_text(raw, encoding="utf-8")
    log(f"kept in {folder}")


if __name__ == "__main__":
    sys.exit(main())

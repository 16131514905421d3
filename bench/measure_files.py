"""The export (beside zip -0 of the same files), the inbox (beside sha256sum) and the
annual report PDF (pages per second): each run a fresh child process of the program's
own command line."""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.machine import REPO
from bench.procs import run
from bench.stats import Summary, summary


def _program(args: list[str], env: dict[str, str]):
    return run([sys.executable, "-m", "desktop_app", *args], env=env, cwd=REPO).check()


@dataclass(frozen=True)
class ExportResults:
    period: str
    cold: Summary  # seconds: the export of a fresh copy, nothing made ahead (one run)
    cold_rss: Summary  # MB
    ahead: Summary  # seconds: `studiodesk prepare` on another fresh copy (one run)
    ahead_rss: Summary  # MB
    wall: Summary  # seconds: the exports after it (what the user waits for)
    rss: Summary  # MB, the exporting process's peak
    floor: Summary  # seconds of zip -0 -qr over the unpacked bundle
    bundle_bytes: int
    entries: int
    bundle: Path  # the last one written


def measure_export(cold_db: Path, ahead_db: Path, period: str, folder: Path, runs: int,
                   env: dict[str, str], log: Callable[[str], None]) -> ExportResults:  # fmt: skip
    """The export with nothing made ahead (``cold_db``: right after a change, before the
    program's quiet spell), then on ``ahead_db`` what the program does in the background
    after changes (`studiodesk prepare`) and the exports after it, beside zip -0."""
    bundle = folder / f"bundle-{period}.zip"

    def export(db: Path, what: str):
        bundle.unlink(missing_ok=True)
        done = _program(["export", "--db", str(db), "--period", period, "--out", str(bundle)], env)
        log(f"  export {period} {what}: {done.wall_s:.2f} s, peak RSS {done.max_rss_mb:.0f} MB")
        return done

    cold = export(cold_db, "with nothing made ahead")
    ahead = _program(["prepare", "--db", str(ahead_db), "--period", period], env)
    log(f"  prepare {period}: {ahead.wall_s:.2f} s, peak RSS {ahead.max_rss_mb:.0f} MB")
    walls, rss = [], []
    for i in range(runs):
        done = export(ahead_db, f"made ahead, run {i + 1}")
        walls.append(done.wall_s)
        rss.append(done.max_rss_mb)
    unpacked = folder / f"unpacked-{period}"
    shutil.rmtree(unpacked, ignore_errors=True)
    run(["unzip", "-q", str(bundle), "-d", str(unpacked)]).check()
    entries = sum(len(files) for _root, _dirs, files in os.walk(unpacked))
    floors = []
    target = folder / f"floor-{period}.zip"
    for i in range(runs):
        target.unlink(missing_ok=True)
        done = run(["zip", "-0", "-qr", str(target), "."], cwd=unpacked).check()
        floors.append(done.wall_s)
        log(f"  zip -0 {period} run {i + 1}: {done.wall_s:.2f} s")
    target.unlink(missing_ok=True)
    shutil.rmtree(unpacked)
    return ExportResults(
        period, summary([cold.wall_s]), summary([cold.max_rss_mb]), summary([ahead.wall_s]),
        summary([ahead.max_rss_mb]), summary(walls), summary(rss), summary(floors),
        bundle.stat().st_size, entries, bundle,
    )  # fmt: skip


@dataclass(frozen=True)
class InboxResults:
    bundles: int
    bundle_bytes: int  # each
    how: str  # "hard links" | "copies"
    wall: Summary
    floor: Summary  # sha256sum
    hashlib: Summary  # the same files hashed by Python's hashlib (OpenSSL), a second floor


# Python's own SHA-256 (OpenSSL, with the CPU's SHA extensions where it has them) over
# the files given: what the inbox itself uses to check every file of every bundle.
HASH_FILES = """
import hashlib, sys
for name in sys.argv[1:]:
    digest = hashlib.sha256()
    with open(name, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
"""


def measure_inbox(bundle: Path, count: int, folder: Path, runs: int, env: dict[str, str],
                  log: Callable[[str], None], copies: bool = False) -> InboxResults:  # fmt: skip
    inbox = folder / "inbox"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    names = []
    for i in range(count):
        name = inbox / f"{i + 1:03d}-{bundle.name}"
        if copies:
            shutil.copyfile(bundle, name)
        else:
            os.link(bundle, name)
        names.append(str(name))
    walls, floors, hashes = [], [], []
    out = folder / "inbox.xlsx"
    for i in range(runs):
        done = _program(["inbox", str(inbox), "--out", str(out)], env)
        walls.append(done.wall_s)
        floors.append(run(["sha256sum", *names]).check().wall_s)
        hashes.append(run([sys.executable, "-c", HASH_FILES, *names]).check().wall_s)
        log(f"  inbox run {i + 1}: {done.wall_s:.2f} s (sha256sum {floors[-1]:.2f} s, "
            f"hashlib {hashes[-1]:.2f} s)")  # fmt: skip
    shutil.rmtree(inbox)
    how = "copies" if copies else "hard links"
    return InboxResults(
        count, bundle.stat().st_size, how, summary(walls), summary(floors), summary(hashes)
    )


@dataclass(frozen=True)
class PdfResults:
    year: str
    pages: int
    wall: Summary  # seconds, the whole command
    rss: Summary


def count_pages(pdf: Path) -> int:
    """Page objects in the file (reportlab writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def measure_pdf(db: Path, year: str, folder: Path, runs: int, env: dict[str, str],
                log: Callable[[str], None]) -> PdfResults:  # fmt: skip
    walls, rss = [], []
    out = folder / f"annual-{year}.pdf"
    for i in range(runs):
        done = _program(
            ["report", "annual", "--db", str(db), "--year", year, "--out", str(out)], env
        )
        walls.append(done.wall_s)
        rss.append(done.max_rss_mb)
        log(f"  annual report run {i + 1}: {done.wall_s:.2f} s")
    return PdfResults(year, count_pages(out), summary(walls), summary(rss))

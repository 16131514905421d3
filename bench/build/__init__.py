"""Building the benchmark database through the program's own services, and caching it.

``cached_database(work, sizes, seed, as_of)`` returns the database for these sizes,
building it first when the cache has none (built in a folder of its own and renamed when
complete, so that an interrupted build leaves nothing to reuse)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.build import activities, growth, ledger, members, plans
from bench.build.context import Clock, Context, EvidenceFiles, workers
from bench.sizes import Sizes
from desktop_app.domain.school_year import Cycle, SchoolYear
from desktop_app.services.app import AppServices

DB_NAME = "studio.sqlite3"
INFO_NAME = "build.json"


def build_database(
    path: Path, sizes: Sizes, seed: int, as_of: dt.date, log: Callable[[str], None] = print
) -> dict:
    """Create the database at ``path``; returns what was built and how long each step took."""
    last = SchoolYear.of(as_of)
    cycle = Cycle(SchoolYear(last.start - sizes.years + 1), last)
    clock = Clock(as_of)
    services = AppServices.open(path, today=clock)
    steps: dict[str, float] = {}
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="files-", dir=path.parent) as tmp:
        files = EvidenceFiles(sizes, seed, Path(tmp), workers())
        ctx = Context(services, clock, sizes, seed, as_of, cycle, files, log)
        try:
            files.start()
            plan: list[tuple[str, Callable[[Context], int | None]]] = [
                ("studio", members.create_studio),
                ("members", lambda c: members.add_members(c) or len(c.members)),
                ("goals", members.set_goals),
                ("activities+marks", activities.add_activities),
                ("activity photos", activities.add_photos),
                ("growth records+files", growth.add_records),
                ("ledger", ledger.add_ledger),
                ("plans+summaries", plans.add_plans),
            ]
            for name, step in plan:
                started = time.perf_counter()
                result = step(ctx)
                steps[name] = round(time.perf_counter() - started, 2)
                if result is not None:
                    counts[name] = result
                log(
                    f"  built {name}: {result if result is not None else ''} in {steps[name]:.1f} s"
                )
            counts["activities"] = len(ctx.activities)
            counts["files"] = files.next
            counts["file_bytes"] = files.bytes
        finally:
            files.close()
            services.close()
    return {"steps_s": steps, "counts": counts, "cycle": cycle.label}


def cached_database(
    work: Path,
    sizes: Sizes,
    seed: int,
    as_of: dt.date,
    rebuild: bool = False,
    log: Callable[[str], None] = print,
) -> tuple[Path, dict]:
    """The database of these sizes under ``work``/cache, and its build.json."""
    folder = work / "cache" / sizes.key(seed, as_of.isoformat())
    info_path = folder / INFO_NAME
    if rebuild and folder.exists():
        shutil.rmtree(folder)
    if info_path.is_file():
        return folder / DB_NAME, json.loads(info_path.read_text(encoding="utf-8"))
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    log(f"building the database ({sizes.describe()}) …")
    started = time.perf_counter()
    built = build_database(partial / DB_NAME, sizes, seed, as_of, log)
    info = {
        "sizes": dataclasses.asdict(sizes),
        "seed": seed,
        "as_of": as_of.isoformat(),
        "build_s": round(time.perf_counter() - started, 1),
        **built,
    }
    (partial / INFO_NAME).write_text(json.dumps(info, indent=1), encoding="utf-8")
    partial.rename(folder)
    log(f"built in {info['build_s']:.0f} s")
    return folder / DB_NAME, info

"""Start-up (beside an empty window), pages and interactions: each run a fresh child
process of bench.gui_probe."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.machine import REPO
from bench.procs import run
from bench.stats import Summary, summary

PREFIX = "BENCH-JSON "


def _probe(args: list[str], env: dict[str, str]) -> dict[str, float]:
    done = run(
        [sys.executable, "-m", "bench.gui_probe", *args], env=env, cwd=REPO, timeout=900,
        t0_env="BENCH_T0",
    ).check()  # fmt: skip
    for line in done.stdout.splitlines():
        if line.startswith(PREFIX):
            return json.loads(line[len(PREFIX) :])
    raise RuntimeError(f"the probe said nothing: {done.stderr[-2000:]}")


@dataclass(frozen=True)
class GuiResults:
    startup: Summary  # seconds
    empty: Summary  # seconds
    breakdown: dict[str, float]  # median seconds from the start to each step
    pages: dict[str, Summary]  # milliseconds


def measure_gui(db: Path, pages_db: Path, runs: int, env: dict[str, str],
                log: Callable[[str], None]) -> GuiResults:  # fmt: skip
    starts, empties, marks = [], [], []
    for i in range(runs):
        empties.append(_probe(["empty"], env)["first_paint"])
        start = _probe(["startup", str(db)], env)
        starts.append(start["first_paint"])
        marks.append(start)
        log(f"  start-up run {i + 1}: {starts[-1]:.3f} s (empty window {empties[-1]:.3f} s)")
    pages: dict[str, list[float]] = {}
    for i in range(runs):
        for key, value in _probe(["pages", str(pages_db)], env).items():
            pages.setdefault(key, []).append(value)
        log(f"  pages run {i + 1}: " + ", ".join(f"{k} {v[-1]:.0f}" for k, v in pages.items()))
    keys = sorted(
        {k for m in marks for k in m}, key=lambda k: summary([m[k] for m in marks]).median
    )
    return GuiResults(
        startup=summary(starts),
        empty=summary(empties),
        breakdown={k: summary([m[k] for m in marks if k in m]).median for k in keys},
        pages={k: summary(v) for k, v in pages.items()},
    )

"""Running a command and timing it: wall time from just before the start to the moment
the process is reaped, and its own peak RSS (``wait4``'s rusage, not the children's
total), without polling."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Finished:
    command: str  # the command's first words, for messages
    wall_s: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str

    def check(self) -> Finished:
        if self.returncode != 0:
            raise RuntimeError(
                f"{self.command} exited with {self.returncode}: {self.stderr.strip()[-2000:]}"
            )
        return self


def run(
    command: list[str],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 3600,
    t0_env: str | None = None,
) -> Finished:
    """``t0_env``: the name of an environment variable given the start time (time.time()),
    set just before the process starts, for the process to measure itself from."""
    env = dict(env if env is not None else os.environ)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        if t0_env:
            env[t0_env] = repr(time.time())
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        result: dict[str, object] = {}

        def reap() -> None:
            _pid, status, usage = os.wait4(proc.pid, 0)
            result["ended"] = time.perf_counter()
            result["status"] = status
            result["rss_kb"] = usage.ru_maxrss

        waiter = threading.Thread(target=reap, daemon=True)
        waiter.start()
        waiter.join(timeout)
        if waiter.is_alive():
            proc.kill()
            waiter.join()
        proc.returncode = os.waitstatus_to_exitcode(int(result["status"]))  # reaped already
        out.seek(0)
        err.seek(0)
        return Finished(
            " ".join(Path(command[0]).name.split() + command[1:3]),
            float(result["ended"]) - started,  # type: ignore[arg-type]
            int(result["rss_kb"]) / 1024,  # type: ignore[arg-type]
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )

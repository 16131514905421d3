"""Another program's changes to the same database, told as this one's are.

Several PCs on one PostgreSQL database, or the CLI writing the SQLite file the window has
open: each committed unit of work counts itself in ``change_counter`` and logs its
subjects (store/changes.py). A watcher thread compares the counter with the number it
last saw and tells the Database's observers (``Database.on_committed``) the subjects of
the changes that are not its own Database's, so the window's pages refresh exactly as
for a local save.

* PostgreSQL: the committing transaction NOTIFYs (delivered at its commit); the watcher
  LISTENs on a connection of its own and wakes at once. The counter stays the ground
  truth: it is read after every notification and every few seconds without one (a
  notification sent while the listening connection was down is lost), and a lost
  connection is opened again until the server is back.
* SQLite: no notifications between programs; the counter is polled (one primary-key
  read, microseconds)."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import TYPE_CHECKING

from desktop_app.domain import changes as subjects
from desktop_app.store import changes

if TYPE_CHECKING:
    from desktop_app.store.db import Database

log = logging.getLogger(__name__)

# Seconds between two reads of the counter without a notification: what a change whose
# notification was lost (or an SQLite writer) waits at most before it shows.
CHECK_EVERY = 2.0
POLL_SQLITE = 1.0
SLICE = 0.25  # how long the listener waits at a time: what stopping it may take


class Watcher:
    def __init__(self, db: Database, every: float | None = None):
        self.db = db
        self.every = every or (CHECK_EVERY if db.server else POLL_SQLITE)
        self._stop = threading.Event()
        self._listening = None  # PostgreSQL: the psycopg connection that LISTENs
        with db.engine.connect() as connection:
            self.seen, _origin = changes.state(connection)
        _forget_own(db, self.seen)
        self._thread = threading.Thread(target=self._run, name="studiodesk-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(self.every + 1)  # (a read of the counter may be under way)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._wait()
                if not self._stop.is_set():
                    self.check()
            except Exception as error:  # the server away, the file being replaced…
                log.info("watching for other programs' changes: %s", error)
                self._hang_up()
                self._stop.wait(self.every)  # and again, until it is back
        self._hang_up()

    def _wait(self) -> None:
        """Until a notification comes or ``every`` seconds have passed (listening in
        short slices: ``stop`` is not kept waiting)."""
        if not self.db.server:
            self._stop.wait(self.every)
            return
        if self._listening is None:
            self._listening = self._listen()
            return  # check at once: what changed while no one listened
        until = time.monotonic() + self.every
        while not self._stop.is_set() and time.monotonic() < until:
            if any(True for _note in self._listening.notifies(timeout=SLICE, stop_after=1)):
                return

    def _listen(self):
        # a connection of the engine's (its address and credentials), taken out of the
        # pool for good: it stays in autocommit, listening
        raw = self.db.engine.raw_connection()
        connection = raw.driver_connection
        raw.detach()
        connection.autocommit = True
        connection.execute(f"LISTEN {changes.CHANNEL}")
        return connection

    def _hang_up(self) -> None:
        if self._listening is not None:
            with contextlib.suppress(Exception):
                self._listening.close()
            self._listening = None

    def check(self) -> None:
        """Tell the observers what other programs changed since the last check."""
        with self.db.engine.connect() as connection:
            now, entries = changes.since(connection, self.seen)
        if entries is None:  # the log no longer reaches back, or a restore
            told = subjects.SUBJECTS
            _forget_own(self.db, now)
        else:
            told = frozenset()
            for number, what in entries:
                if number in self.db._own:
                    self.db._own.discard(number)
                else:
                    told |= what
        self.seen = now
        if told and not self._stop.is_set():
            self.db._tell(told)


def _forget_own(db: Database, upto: int) -> None:
    # in place: the committing thread adds to the same set meanwhile
    for number in [n for n in db._own if n <= upto]:
        db._own.discard(number)

"""Workers for tests/integration/test_stored_in_database.py: each runs in a process of its
own (multiprocessing, spawn), opens the database as a second PC's program would, and does
its part when the barrier lets every worker go at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.services.app import AppServices
from desktop_app.services.attachments import incoming_files, new_attachments
from desktop_app.store.db import is_server

TODAY = dt.date(2026, 11, 21)


def _open(db: str) -> AppServices:
    return AppServices.open(db if is_server(db) else Path(db), today=lambda: TODAY, check=False)


def add_same_file(db: str, files: list[str], barrier, results) -> None:
    """For each of ``files`` in turn: add it (an attachment row and its bytes, one unit
    of work) at the same moment as the other worker. Puts "ok" or the error."""
    services = _open(db)
    try:
        for path in files:
            barrier.wait(timeout=120)
            try:
                with services.db.unit_of_work() as session:
                    new_attachments(session, incoming_files(services.db, [path]))
                results.put("ok")
            except Exception as error:  # what the test must see, whatever it is
                results.put(repr(error))
    finally:
        services.close()


def first_fingerprint(db: str, barrier, results) -> None:
    """The studio's key fingerprint, asked for the first time by two PCs at once."""
    services = _open(db)
    try:
        barrier.wait(timeout=120)
        try:
            results.put(services.bundle.fingerprint())
        except Exception as error:
            results.put(repr(error))
    finally:
        services.close()

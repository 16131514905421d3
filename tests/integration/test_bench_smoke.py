"""The benchmark's builder still works with the program (tiny sizes; the benchmark itself
is run by hand: python -m bench.run)."""

from __future__ import annotations

import datetime as dt

from bench.build import cached_database
from bench.sizes import Sizes
from desktop_app.services.app import AppServices

TINY = Sizes(
    years=2, members=8, activities=12, marks=60, ledger=20, growth=10, files=4, file_bytes=40_000
)


def test_the_benchmark_database_is_built_through_the_services(tmp_path):
    db, info = cached_database(
        tmp_path, TINY, seed=1, as_of=dt.date(2026, 11, 1), log=lambda _t: None
    )
    again, _ = cached_database(
        tmp_path, TINY, seed=1, as_of=dt.date(2026, 11, 1), log=lambda _t: None
    )
    assert again == db  # cached by its sizes
    services = AppServices.open(db)
    try:
        assert len(services.members.roster()) == TINY.members
        assert len(services.activities.list()) == TINY.activities
        assert len(services.growth.all_records()) == TINY.growth
        assert len(services.ledger.entries()) >= TINY.ledger
    finally:
        services.close()
    assert info["sizes"]["marks"] == TINY.marks

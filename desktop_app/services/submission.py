"""``services.bundle``: what a submission bundle is signed with and dated by — the
installation's Ed25519 key (created on first use, beside the database), the cycle's
periods, and the bundle's date. Writing a bundle is the documents' work
(documents/bundle/export.py); this holds what the pages show without writing anything.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from desktop_app.bundle import signing
from desktop_app.domain.period import Period, all_periods, parse_period
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import Cycle, SchoolYear
from desktop_app.store.db import Database
from desktop_app.store.models import AuditEntry, Studio

# The bundle's date is a day in China, wherever the export runs (so that it does not
# depend on the machine's time zone).
BUNDLE_TZ = dt.timezone(dt.timedelta(hours=8))


class SubmissionService:
    def __init__(self, db: Database):
        self.db = db

    @property
    def key_path(self) -> Path:
        return signing.key_path_for(self.db.path)

    def key(self):
        """The installation's private key (created on first use)."""
        return signing.load_or_create_key(self.key_path)

    def fingerprint(self) -> str:
        """The installation's public-key fingerprint (the key is created on first use,
        beside the database); the bureau registers it."""
        return signing.fingerprint(signing.public_bytes(self.key()))

    def cycle(self) -> Cycle:
        with self.db.reading() as session:
            studio = session.scalar(select(Studio).order_by(Studio.id).limit(1))
            if studio is None:
                raise ValidationError.single("period", "export_no_studio")
            return Cycle(SchoolYear(studio.cycle_first_year), SchoolYear(studio.cycle_last_year))

    def parse_period(self, text: str) -> Period:
        return parse_period(text, self.cycle())

    def periods(self) -> list[Period]:
        return all_periods(self.cycle())

    def as_of(self) -> dt.date:
        """The bundle's date: the day (China Standard Time) of the latest change in the
        audit log."""
        with self.db.reading() as session:
            latest = session.scalar(select(func.max(AuditEntry.at)))
        if latest is None:
            raise ValidationError.single("period", "export_no_studio")
        return latest.replace(tzinfo=dt.UTC).astimezone(BUNDLE_TZ).date()

    def studio_name(self) -> str:
        with self.db.reading() as session:
            return session.scalar(select(Studio.name).order_by(Studio.id).limit(1)) or "StudioDesk"

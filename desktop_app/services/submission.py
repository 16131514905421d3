"""``services.bundle``: what a submission bundle is signed with and dated by — the
studio's Ed25519 key (in the database, created on first use), the cycle's
periods, and the bundle's date. Writing a bundle is the documents' work
(documents/bundle/export.py); this holds what the pages show without writing anything.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from desktop_app.bundle import signing
from desktop_app.domain.period import Period, all_periods, parse_period
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import Capability, Refused
from desktop_app.domain.school_year import Cycle, SchoolYear
from desktop_app.services.guard import permit
from desktop_app.store import signing_key
from desktop_app.store.db import Database
from desktop_app.store.models import AuditEntry, Studio

# The bundle's date is a day in China, wherever the export runs (so that it does not
# depend on the machine's time zone).
BUNDLE_TZ = dt.timezone(dt.timedelta(hours=8))


class SubmissionService:
    def __init__(self, db: Database):
        self.db = db

    def key(self):
        """The studio's private key, the same on every PC (in the database). On first use
        an older installation's key file beside the database is taken in (the bureau
        registered its fingerprint), else a new key is made; two PCs at once keep one."""
        pem = signing_key.stored(self.db.engine)
        if pem is None:
            pem = self._first_key()
        return signing.key_from_pem(pem)

    def _first_key(self) -> bytes:
        legacy = signing.key_path_for(self.db.path)
        if legacy.is_file():
            pem = legacy.read_bytes()
            signing.key_from_pem(pem)  # an Ed25519 key, or ValueError before it is kept
        else:
            pem = signing.new_key_pem()
        if self.db.read_only is not None and legacy.is_file():
            return pem  # signed with as it is; kept once the database can be written
        printed = signing.fingerprint(signing.public_bytes(signing.key_from_pem(pem)))
        with self.db.unit_of_work(cause="签名密钥") as session:
            return signing_key.keep(session.connection(), pem, printed)

    def fingerprint(self) -> str | None:
        """The studio's public-key fingerprint, which the bureau registers. The key is made
        on first use by whoever may export (the host, or anyone with accounts off); for
        another role, before that, None."""
        printed = signing_key.printed(self.db.engine)
        if printed is not None:
            return printed
        try:
            permit(self.db, Capability.EXPORT)
        except Refused:
            return None
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

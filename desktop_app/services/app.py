"""All services of one open database, handed to the GUI and CLI (each built once: at
opening, or on first use)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.services.activities import ActivityService
from desktop_app.services.attendance import AttendanceService
from desktop_app.services.backup import BackupService
from desktop_app.services.members import MemberService
from desktop_app.services.studio import StudioService
from desktop_app.store.backup import sweep_interrupted
from desktop_app.store.db import Database, open_database

if TYPE_CHECKING:
    from desktop_app.services.assessments import AssessmentService
    from desktop_app.services.documents import DocumentService
    from desktop_app.services.duties import DutyService
    from desktop_app.services.growth import GrowthService
    from desktop_app.services.ledger import LedgerService
    from desktop_app.services.plans import PlanService
    from desktop_app.services.submission import SubmissionService
    from desktop_app.services.summary import SummaryService
    from desktop_app.services.training_hours import TrainingHoursService
    from desktop_app.services.year_facts import YearFactsService


@dataclass
class AppServices:
    """The services of one database. Those the first window (the roster) does not need
    are built, and their modules imported, on first use: the program starts sooner.
    None of them hooks into the database's transactions (attendance does: it keeps the
    flags in step with every save, and is built at once)."""

    db: Database
    studio: StudioService
    members: MemberService
    activities: ActivityService
    attendance: AttendanceService
    backups: BackupService
    today: Callable[[], dt.date] = dt.date.today

    @classmethod
    def open(
        cls,
        path: Path,
        today: Callable[[], dt.date] = dt.date.today,
        allow_read_only: bool = True,
        check: bool = True,
        user: str = "",
    ) -> AppServices:
        """Every service of the database at ``path``. Raises StorageError when the file
        is damaged (kind "corrupt") or, with ``allow_read_only`` False, read-only.
        ``user``: the name of the person working (see ``set_user``)."""
        db = open_database(path, allow_read_only=allow_read_only, check=check)
        db.user = user.strip()
        if db.read_only is None:
            sweep_interrupted(db.path)  # what work killed half-way left behind
        studio = StudioService(db)
        studio.keep_studio_rules()  # once, for a database made before they were asked
        activities = ActivityService(db, today)
        return cls(
            db=db,
            studio=studio,
            members=MemberService(db, studio, today),
            activities=activities,
            attendance=AttendanceService(db, studio, activities, today),
            backups=_backups(db),
            today=today,
        )

    @cached_property
    def growth(self) -> GrowthService:
        from desktop_app.services.growth import GrowthService

        return GrowthService(self.db, self.today)

    @cached_property
    def training_hours(self) -> TrainingHoursService:
        from desktop_app.services.training_hours import TrainingHoursService

        return TrainingHoursService(self.db, self.today)

    @cached_property
    def ledger(self) -> LedgerService:
        from desktop_app.services.ledger import LedgerService

        return LedgerService(self.db, self.studio, self.today)

    @cached_property
    def duties(self) -> DutyService:
        from desktop_app.services.duties import DutyService

        return DutyService(self.members, self.growth, self.studio, self.activities, self.today)

    @cached_property
    def plans(self) -> PlanService:
        from desktop_app.services.plans import PlanService

        return PlanService(self.db, self.today)

    @cached_property
    def documents(self) -> DocumentService:
        from desktop_app.services.documents import DocumentService

        return DocumentService(self.db)

    @cached_property
    def year_facts(self) -> YearFactsService:
        from desktop_app.services.year_facts import YearFactsService

        return YearFactsService(
            self.db,
            self.studio,
            self.members,
            self.growth,
            self.activities,
            self.attendance,
            self.ledger,
            self.duties,
            self.plans,
            self.documents,
            self.today,
        )

    @cached_property
    def summaries(self) -> SummaryService:
        from desktop_app.services.summary import SummaryService

        return SummaryService(self.db, self.studio, self.year_facts)

    @cached_property
    def assessments(self) -> AssessmentService:
        from desktop_app.services.assessments import AssessmentService

        return AssessmentService(self.db, self.studio, self.members, self.year_facts, self.today)

    @cached_property
    def bundle(self) -> SubmissionService:
        from desktop_app.services.submission import SubmissionService

        return SubmissionService(self.db)

    def set_user(self, name: str) -> None:
        """The person working, recorded from now on in the audit log and as 登记人 (the
        ledger's created_by); empty: the computer's login name."""
        self.db.user = name.strip()

    @property
    def user(self) -> str:
        return self.db.user

    @property
    def read_only(self) -> str | None:
        """Why the database could only be opened for reading, or None."""
        return self.db.read_only

    def close(self) -> None:
        self.db.close()


def _backups(db: Database) -> BackupService:
    """A file's backups, or a server database's (pg_dump) kept in its stand-in's folder."""
    if not db.server:
        return BackupService(db.path)
    from desktop_app.services.server_backup import ServerBackupService

    return ServerBackupService(db.engine.url, db.path)

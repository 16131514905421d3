"""All services of one open database, built together and handed to the GUI and CLI."""

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
from desktop_app.services.documents import DocumentService
from desktop_app.services.duties import DutyService
from desktop_app.services.growth import GrowthService
from desktop_app.services.ledger import LedgerService
from desktop_app.services.members import MemberService
from desktop_app.services.plans import PlanService
from desktop_app.services.studio import StudioService
from desktop_app.services.year_facts import YearFactsService
from desktop_app.store.db import Database, open_database

if TYPE_CHECKING:
    from desktop_app.services.assessments import AssessmentService
    from desktop_app.services.bundle_export import BundleService
    from desktop_app.services.summary import SummaryService


@dataclass
class AppServices:
    """The services of one database. Those the first window does not need (assessments,
    the annual summary, the bundle) are built, and their modules imported, on first use:
    the program starts sooner."""

    db: Database
    studio: StudioService
    members: MemberService
    growth: GrowthService
    activities: ActivityService
    attendance: AttendanceService
    ledger: LedgerService
    duties: DutyService
    plans: PlanService
    documents: DocumentService
    year_facts: YearFactsService
    backups: BackupService
    today: Callable[[], dt.date] = dt.date.today

    @classmethod
    def open(
        cls,
        path: Path,
        today: Callable[[], dt.date] = dt.date.today,
        allow_read_only: bool = True,
        check: bool = True,
    ) -> AppServices:
        """Every service of the database at ``path``. Raises StorageError when the file
        is damaged (kind "corrupt") or, with ``allow_read_only`` False, read-only."""
        db = open_database(path, allow_read_only=allow_read_only, check=check)
        studio = StudioService(db)
        activities = ActivityService(db, today)
        members = MemberService(db, studio, today)
        growth = GrowthService(db, today)
        attendance = AttendanceService(db, studio, activities, today)
        ledger = LedgerService(db, studio, today)
        duties = DutyService(members, growth, studio)
        plans = PlanService(db, today)
        documents = DocumentService(db)
        year_facts = YearFactsService(
            db,
            studio,
            members,
            growth,
            activities,
            attendance,
            ledger,
            duties,
            plans,
            documents,
            today,
        )
        return cls(
            db=db,
            studio=studio,
            members=members,
            growth=growth,
            activities=activities,
            attendance=attendance,
            ledger=ledger,
            duties=duties,
            plans=plans,
            documents=documents,
            year_facts=year_facts,
            backups=BackupService(db.path),
            today=today,
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
    def bundle(self) -> BundleService:
        from desktop_app.services.bundle_export import BundleService

        # The export reads through services of its own, on the same database, whose
        # today() is the bundle's date.
        path = self.db.path
        return BundleService(self.db, lambda day: AppServices.open(path, today=day, check=False))

    @property
    def read_only(self) -> str | None:
        """Why the database could only be opened for reading, or None."""
        return self.db.read_only

    def close(self) -> None:
        self.db.close()

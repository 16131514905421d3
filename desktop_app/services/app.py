"""All services of one open database, built together and handed to the GUI and CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.services.activities import ActivityService
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.attendance import AttendanceService
from desktop_app.services.backup import BackupService
from desktop_app.services.bundle_export import BundleService
from desktop_app.services.documents import DocumentService
from desktop_app.services.duties import DutyService
from desktop_app.services.growth import GrowthService
from desktop_app.services.ledger import LedgerService
from desktop_app.services.members import MemberService
from desktop_app.services.plans import PlanService
from desktop_app.services.studio import StudioService
from desktop_app.services.summary import SummaryService
from desktop_app.services.year_facts import YearFactsService
from desktop_app.store.db import Database, open_database


@dataclass
class AppServices:
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
    summaries: SummaryService
    assessments: AssessmentService
    bundle: BundleService
    backups: BackupService

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
            summaries=SummaryService(db, studio, year_facts),
            assessments=AssessmentService(db, studio, members, year_facts, today),
            # The export reads through services of its own, on the same database, whose
            # today() is the bundle's date.
            bundle=BundleService(db, lambda day: cls.open(db.path, today=day, check=False)),
            backups=BackupService(db.path),
        )

    @property
    def read_only(self) -> str | None:
        """Why the database could only be opened for reading, or None."""
        return self.db.read_only

    def close(self) -> None:
        self.db.close()

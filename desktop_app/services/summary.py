"""The annual summary (年度总结): opened pre-filled with the year's facts, edited by the
host, saved with the figures it was written from."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from desktop_app.domain.parsing import parse_long_text
from desktop_app.domain.problems import ValidationError, problem
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.year_summary import YearFacts, prefill
from desktop_app.services.guard import requires
from desktop_app.services.studio import StudioService
from desktop_app.services.year_facts import YearFactsService
from desktop_app.store.db import Database
from desktop_app.store.models import AnnualSummary, Studio, utcnow


@dataclass(frozen=True)
class SummaryInfo:
    id: int | None  # None: not saved yet, the pre-filled draft
    school_year: SchoolYear
    body: str
    facts: dict  # the figures as they stood at the last save (or now, for a draft)
    updated_at: dt.datetime | None


class SummaryService:
    def __init__(self, db: Database, studio: StudioService, facts: YearFactsService):
        self.db = db
        self.studio = studio
        self.year_facts = facts

    def draft(self, year: SchoolYear) -> str:
        return prefill(self.year_facts.facts(year), self.studio.get().name)

    def get(self, year: SchoolYear) -> SummaryInfo | None:
        with self.db.reading() as session:
            row = session.scalar(
                select(AnnualSummary).where(AnnualSummary.school_year == year.start)
            )
            if row is None:
                return None
            return SummaryInfo(row.id, year, row.body, json.loads(row.facts_json), row.updated_at)

    def open(self, year: SchoolYear) -> SummaryInfo:
        """The saved summary, or a new draft pre-filled from the records."""
        saved = self.get(year)
        if saved is not None:
            return saved
        facts: YearFacts = self.year_facts.facts(year)
        body = prefill(facts, self.studio.get().name)
        return SummaryInfo(None, year, body, facts.as_json(), None)

    def years(self) -> list[SchoolYear]:
        with self.db.reading() as session:
            starts = session.scalars(
                select(AnnualSummary.school_year).order_by(AnnualSummary.school_year)
            )
            return [SchoolYear(s) for s in starts]

    @requires(Capability.SUMMARIES)
    def save(self, year: SchoolYear, body: str) -> int:
        text = parse_long_text(body, "summary_body", 50000)
        if not text:
            raise ValidationError([problem("summary_body", "required")])
        facts = json.dumps(self.year_facts.facts(year).as_json(), ensure_ascii=False)
        with self.db.unit_of_work(cause=f"年度总结：{year.label}") as session:
            row = session.scalar(
                select(AnnualSummary).where(AnnualSummary.school_year == year.start)
            )
            if row is None:
                studio_id = session.scalar(select(Studio.id).order_by(Studio.id).limit(1))
                row = AnnualSummary(
                    studio_id=studio_id, school_year=year.start, body=text, facts_json=facts
                )
                session.add(row)
            else:
                row.body = text  # the audit log keeps the earlier wording
                row.facts_json = facts
                row.updated_at = utcnow()
            session.flush()
            return row.id

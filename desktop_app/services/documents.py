"""The documents the program issued (spending reports, plans, summaries, assessments):
kind, period, file name and checksum, so that an assessment can show "a spending report
exists" and the submission bundle knows what was handed out."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop_app.domain.roles import Capability
from desktop_app.services.guard import requires
from desktop_app.store.db import Database
from desktop_app.store.models import IssuedDocument, Studio

LEDGER_REPORT = "ledger_report"


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    kind: str
    period: str
    file_name: str
    sha256: str
    issued_at: dt.datetime


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class DocumentService:
    def __init__(self, db: Database):
        self.db = db

    @requires(Capability.EXPORT)
    def record(self, kind: str, period: str, path: Path) -> int:
        """Note a document that has just been written to ``path``."""
        path = Path(path)
        with self.db.unit_of_work(cause=f"出具：{path.name}") as session:
            studio_id = session.scalar(select(Studio.id).order_by(Studio.id).limit(1))
            row = IssuedDocument(
                studio_id=studio_id,
                kind=kind,
                period=period,
                file_name=path.name,
                sha256=_sha256(path),
            )
            session.add(row)
            session.flush()
            return row.id

    def list(self, kind: str | None = None, periods: set[str] | None = None) -> list[DocumentInfo]:
        with self.db.reading() as session:
            query = select(IssuedDocument).order_by(IssuedDocument.issued_at, IssuedDocument.id)
            if kind:
                query = query.where(IssuedDocument.kind == kind)
            rows = list(session.scalars(query))
        return [
            DocumentInfo(r.id, r.kind, r.period, r.file_name, r.sha256, r.issued_at)
            for r in rows
            if periods is None or r.period in periods
        ]

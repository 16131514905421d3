"""Evidence files shared by every kind of record: checked before the transaction, put into
the database inside it with the rows that name them, and opened through a readable copy
under the original name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.domain import messages
from desktop_app.domain.problems import StorageError, ValidationError
from desktop_app.store import faults, files
from desktop_app.store.db import Database
from desktop_app.store.models import Attachment

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    sha256: str
    size: int
    original_name: str

    @property
    def is_image(self) -> bool:
        return self.original_name.lower().endswith(IMAGE_SUFFIXES)


@dataclass(frozen=True)
class IncomingFile:
    """A user's file, checked, to go into the database with the row that names it."""

    path: Path
    original_name: str


def info(attachment: Attachment) -> AttachmentInfo:
    return AttachmentInfo(
        attachment.id, attachment.sha256, attachment.size, attachment.original_name
    )


def incoming_files(db: Database, files) -> list[IncomingFile]:
    """Check the files before a unit of work: all of them first, so a refusal stores
    nothing. Their bytes go in with the rows that name them (``new_attachments``)."""
    paths = [Path(path) for path in files]
    for path in paths:
        if not path.is_file():
            raise ValidationError.single("file", "file_missing", value=str(path))
    if db.read_only is not None:
        raise StorageError("read_only", messages.text("storage_read_only", detail=db.read_only))
    return [IncomingFile(path, path.name) for path in paths]


def new_attachments(session: Session, incoming: list[IncomingFile]) -> list[Attachment]:
    """The attachment rows of ``incoming``, their bytes put into the database in the
    same transaction (store/files.py): a save that fails keeps neither."""
    rows = []
    for f in incoming:
        try:
            sha, size = files.add(session.connection(), f.path)
        except OSError as error:  # a file that cannot be read, or changed while read
            raise faults.file_copy_error(error, f.original_name) from error
        rows.append(Attachment(sha256=sha, size=size, original_name=f.original_name))
    session.add_all(rows)
    session.flush()
    return rows


def readable_copy(db: Database, attachment: AttachmentInfo) -> Path:
    """A copy under the original name, for the system viewer, in this PC's cache folder
    (the bytes are in the database)."""
    target = db.files.cache_root / ".open" / str(attachment.id) / attachment.original_name
    if not target.exists():
        db.files.export_copy(attachment.sha256, target)
    return target

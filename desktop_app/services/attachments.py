"""Evidence files shared by every kind of record: copied into the managed store before the
transaction, linked inside it, and opened through a readable copy under the original name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.domain import messages
from desktop_app.domain.problems import StorageError, ValidationError
from desktop_app.store import faults
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
class StoredFile:
    sha256: str
    size: int
    original_name: str


def info(attachment: Attachment) -> AttachmentInfo:
    return AttachmentInfo(
        attachment.id, attachment.sha256, attachment.size, attachment.original_name
    )


def store_files(db: Database, files) -> list[StoredFile]:
    """Copy files into the store. All are checked first, so a refusal copies nothing;
    a copy whose transaction later fails is an unreferenced blob, never a broken link."""
    paths = [Path(path) for path in files]
    for path in paths:
        if not path.is_file():
            raise ValidationError.single("file", "file_missing", value=str(path))
    if db.read_only is not None:
        raise StorageError("read_only", messages.text("storage_read_only", detail=db.read_only))
    stored = []
    for path in paths:
        try:
            sha, size = db.files.add(path)
        except OSError as error:  # a full disk, an I/O error, a file that cannot be read
            raise faults.file_copy_error(error, path.name) from error
        stored.append(StoredFile(sha, size, path.name))
    return stored


def new_attachments(session: Session, stored: list[StoredFile]) -> list[Attachment]:
    rows = [Attachment(sha256=f.sha256, size=f.size, original_name=f.original_name) for f in stored]
    session.add_all(rows)
    session.flush()
    return rows


def readable_copy(db: Database, attachment: AttachmentInfo) -> Path:
    """A copy under the original name, for the system viewer (the store's own files are
    named by their hash and read-only)."""
    target = db.files.root / ".open" / str(attachment.id) / attachment.original_name
    if not target.exists():
        db.files.export_copy(attachment.sha256, target)
    return target

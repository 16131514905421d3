"""Validation problems: which field is wrong and why, in the user's language."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain import messages


@dataclass(frozen=True)
class Problem:
    field: str  # a key of messages.FIELDS, or "" for the record as a whole
    message: str

    def __str__(self) -> str:
        return self.message


class ValidationError(Exception):
    """One or more problems with the input; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(p.message for p in self.problems))

    @classmethod
    def single(cls, field: str, code: str, **params: object) -> ValidationError:
        return cls([Problem(field, messages.text(code, field=field, **params))])


class StorageError(ValidationError):
    """The disk, the folder or the database file failed a save (full, an I/O error,
    read-only, busy, damaged). Nothing was written: the transaction was rolled back, so a
    dialog that shows validation problems shows this one too and keeps what was typed.
    ``kind`` is one of full, io, read_only, locked, corrupt, newer (a newer program's
    database, at opening), needs_init (a server database behind this program, which the
    signed-in login may not upgrade: the IT person's server-init), or a school server's:
    server_unreachable, server_auth, server_no_database, server_lost (the connection gone
    during the work), server_full, server_failed."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        super().__init__([Problem("", message)])


def problem(field: str, code: str, **params: object) -> Problem:
    return Problem(field, messages.text(code, field=field, **params))

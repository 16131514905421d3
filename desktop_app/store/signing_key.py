"""The studio's signing key, kept in the database (table ``signing_key``, one row at most:
id = 1), so that every PC of a studio signs with the same key (issue 18). What the key
is and how it signs is bundle/signing.py's; this keeps its bytes.

Protection: on SQLite the key is as private as the database file, which is the user's
alone (desktop_app/file_modes.py). On a server only the host's role reads the key
(store/server_roles.py): the other roles read the row's fingerprint and date alone, which
the Settings and Export pages show.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select

from desktop_app.store.files import insert_new
from desktop_app.store.models import SigningKey, utcnow

KEYS = SigningKey.__table__


def stored(engine: Engine) -> bytes | None:
    """The studio's key (PKCS#8 PEM), or None before its first use."""
    with engine.connect() as connection:
        return _read(connection)


def printed(engine: Engine) -> str | None:
    """The studio's key's fingerprint (readable by every role), or None before its first
    use."""
    with engine.connect() as connection:
        return connection.execute(select(KEYS.c.fingerprint).where(KEYS.c.id == 1)).scalar()


def keep(connection: Connection, pem: bytes, fingerprint: str) -> bytes:
    """Keep ``pem`` as the studio's key unless it has one already (another PC's first use
    that committed first, or the one this insert waited for): returns the key kept, which
    every caller then uses — two PCs at once end with ONE key. Run inside a unit of work."""
    insert_new(
        connection, KEYS, id=1, private_pem=pem, fingerprint=fingerprint, created_at=utcnow()
    )
    kept = _read(connection)
    assert kept is not None  # inserted now, or there before
    return kept


def _read(connection: Connection) -> bytes | None:
    pem = connection.execute(select(KEYS.c.private_pem).where(KEYS.c.id == 1)).scalar()
    return None if pem is None else bytes(pem)

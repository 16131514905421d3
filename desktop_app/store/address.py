"""Where a database is: an SQLite file's path, or a school server's URL
(``postgresql+psycopg://user[:password]@host[:port]/database``).

A URL may carry its password; it is never shown. Every message, log line and printout
that names a database goes through ``shown``."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

# (SQLAlchemy is imported where a URL is parsed: the command line imports this module at
# start, and a command on a file never needs it.)

# How long a PC waits for the server to answer before saying it cannot reach it (libpq's
# own default is to wait for ever): a URL's ?connect_timeout= or PGCONNECT_TIMEOUT wins.
CONNECT_TIMEOUT_SECONDS = 5

_PASSWORD_IN_AUTHORITY = re.compile(r"(://[^/?#@:]*:)[^/?#]*@")
_PASSWORD_IN_QUERY = re.compile(r"((?:^|[?&])password=)[^&#]*", re.IGNORECASE)


def is_server(address: object) -> bool:
    """Whether ``address`` names a server database (a PostgreSQL URL) rather than a file."""
    return str(address).startswith(("postgresql:", "postgresql+"))


def shown(address: object) -> str:
    """``address`` as it may be shown: a file's path as it is, a URL without its password
    (``user:***@host``; also a ``password=`` in its query). Never fails: a URL that does
    not parse is masked by pattern."""
    text = str(address)
    if not is_server(text):
        return text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        text = make_url(text).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        text = _PASSWORD_IN_AUTHORITY.sub(r"\1***@", text)
    return _PASSWORD_IN_QUERY.sub(r"\1***", text)


def server_where(url: str | URL) -> str:
    """``host:port`` of a server URL, as a message names the server (libpq's defaults —
    the local socket, port 5432 — when the URL leaves them out)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url) if isinstance(url, str) else url
    host = parsed.host or parsed.query.get("host") or os.environ.get("PGHOST") or "localhost"
    if isinstance(host, tuple):  # ?host=a&host=b: several hosts
        host = ",".join(host)
    port = parsed.port or parsed.query.get("port") or os.environ.get("PGPORT") or 5432
    return f"{host}:{port}"


def connect_args(url: str | URL) -> dict[str, object]:
    """The driver's arguments for ``url``: a short connect timeout unless the URL or the
    environment sets one (a PC must not hang at start when the server is away)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url) if isinstance(url, str) else url
    if "connect_timeout" in parsed.query or os.environ.get("PGCONNECT_TIMEOUT"):
        return {}
    return {"connect_timeout": CONNECT_TIMEOUT_SECONDS}


def as_address(text: str | Path) -> str | Path:
    """What a user typed (--db, STUDIODESK_DB): a URL kept as text, else a path."""
    return str(text) if is_server(text) else Path(text)

"""Issuing a document: the one way a written document is noted, once, in the register of
issued documents (services.documents: kind, period, file name, checksum) — so that an
assessment can show "a spending report exists" and the bundle knows what was handed out.

Each writer of a document that is issued (the plan, the summary, the duties, the
assessments, the application, the spending report) ends with ``issue``; its
``register`` parameter is False only where a document is written without being handed
out: the submission bundle's export (it must not change what it exports).
"""

from __future__ import annotations

from pathlib import Path


def issue(services, kind: str, period: str, written: Path, *, register: bool = True) -> Path:
    """The document just written at ``written``, noted as issued (kind, period) unless
    ``register`` is False; returns its path."""
    written = Path(written)
    if register:
        services.documents.record(kind, period, written)
    return written

"""The text catalogue below the GUI (gettext, with Babel): extract, update and compile.

    python packaging/translations.py update   # also: extract → studiodesk.pot, update the .po
    python packaging/translations.py compile  # also: .po → .mo

The English stays in the code, marked for extraction: ``N_("…")`` and ``NC_(context, "…")``
in desktop_app/domain/messages.py, ``say("…", name=value)`` in the commands. The Chinese
lives in resources/locale/zh_CN/LC_MESSAGES/studiodesk.po. The .mo is committed like the
Qt .qm: the program reads it with the standard library's gettext and never needs Babel.
The GUI is left out: its widgets use Qt's tr() and the .ts catalogue.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "studiodesk"
POT = LOCALE / f"{DOMAIN}.pot"
LANGUAGES = ("zh_CN",)
# The functions that mark a text (Babel's keyword specs: which argument is the context,
# which the message).
KEYWORDS = {"N_": None, "NC_": ((1, "c"), 2), "say": None}
LEFT_OUT = ("gui",)  # Qt's tr() and the .ts catalogue
# Fixed, so that the committed files change only when a text does.
CREATED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def sources() -> list[Path]:
    package = ROOT / "desktop_app"
    return [
        path
        for path in sorted(package.rglob("*.py"))
        if path.relative_to(package).parts[0] not in LEFT_OUT
    ]


def extract():
    """The catalogue template: every marked text of the code, without locations (a moved
    line is no change), sorted."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file

    template = Catalog(
        project="StudioDesk", domain=DOMAIN, creation_date=CREATED, revision_date=CREATED
    )
    for path in sources():
        for _line, message, _comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True
        ):
            template.add(message, None, context=context)
    return template


def po_text(catalog, **options) -> bytes:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True, sort_output=True, **options)
    return out.getvalue()


def read(path: Path, locale: str | None = None):
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        return read_po(file, locale=locale, domain=DOMAIN)


def mo_bytes(catalog) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def update() -> None:
    """Extract the template and bring each language's .po up to it: new texts come in
    untranslated, texts gone from the code go (no fuzzy guesses: a test refuses them)."""
    template = extract()
    LOCALE.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(po_text(template))
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            catalog = read(path, language)
        else:
            from babel.messages.catalog import Catalog

            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(
                locale=language,
                domain=DOMAIN,
                project="StudioDesk",
                creation_date=CREATED,
                fuzzy=False,
            )
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.revision_date = CREATED
        path.write_bytes(po_text(catalog, ignore_obsolete=True))


def compile_all() -> None:
    for language in LANGUAGES:
        mo_path(language).write_bytes(mo_bytes(read(po_path(language), language)))

"""Every file the demo studio gives, and the digest of each (issue 17: a redesign step
that changes nothing a user sees — the bundles and documents byte-identical before and
after).

``outputs(folder)`` builds the demo (seed 1, a fixed signing key) with the clock stopped
at a fixed moment (time-machine: the times a record or a workbook is stamped with are
the same at every run), writes every bundle and every document into ``folder`` and
returns {name: sha256}: of its bytes — but of a workbook, of its parts' names and bytes in
their order, as openpyxl stamps a part with the time its temporary file was written.

The digests recorded before the move are in ``fixtures/golden/demo_outputs.json``, with
the Chinese font the PDFs were made with (the PDFs embed a subset of it). To record them
again after a change that is meant to change the outputs:

    python -m tests.golden_outputs record
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
import zipfile
from pathlib import Path

import time_machine
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

RECORDED = Path(__file__).parent / "fixtures" / "golden" / "demo_outputs.json"
TODAY = dt.date(2026, 11, 21)
SEED = 1
KEY_SEED = bytes(range(32))  # a fixed key: Ed25519 signatures are deterministic
NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def font_digest() -> str:
    from desktop_app.fonts import find_cjk_font

    font = find_cjk_font()
    return hashlib.sha256(font.read_bytes()).hexdigest() if font else ""


def _fixed_key(db: Path | str) -> None:
    from desktop_app.bundle.signing import key_path_for
    from desktop_app.store.db import is_server, server_stand_in

    if is_server(db):  # the key sits beside the server's local stand-in (store/db.py)
        db = server_stand_in(str(db))
        db.parent.mkdir(parents=True, exist_ok=True)

    pem = Ed25519PrivateKey.from_private_bytes(KEY_SEED).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    key_path_for(db).write_bytes(pem)


def write_all(folder: Path, address: str | None = None) -> dict[str, Path]:
    """Build the demo in ``folder`` (or in the empty server database at ``address``) and
    write every output into ``folder``; {name: path}."""
    from desktop_app.demo.builder import build_demo
    from desktop_app.documents.bundle.export import BundleExport
    from desktop_app.documents.inbox import scan, write_workbook
    from desktop_app.documents.reports.annual_report import write_annual_report
    from desktop_app.documents.reports.application_data import read_application
    from desktop_app.documents.reports.application_form import (
        write_application_docx,
        write_application_pdf,
    )
    from desktop_app.documents.reports.application_summary import write_studio_application_summary
    from desktop_app.documents.reports.assessment_report import (
        write_assessment_report,
        write_assessment_report_xlsx,
    )
    from desktop_app.documents.reports.duties_report import (
        write_duties_report,
        write_duties_report_xlsx,
    )
    from desktop_app.documents.reports.growth_file import write_growth_file
    from desktop_app.documents.reports.ledger_report import (
        write_ledger_report,
        write_ledger_report_xlsx,
    )
    from desktop_app.documents.reports.plan_report import write_plan_report, write_plan_report_xlsx
    from desktop_app.documents.reports.sections import PeriodData
    from desktop_app.documents.reports.signin import write_signin_sheet
    from desktop_app.documents.reports.summary_report import (
        write_summary_docx,
        write_summary_report,
        write_summary_report_xlsx,
    )
    from desktop_app.documents.sheets.attendance_io import write_attendance
    from desktop_app.documents.sheets.duties_io import write_duties_workbook
    from desktop_app.documents.sheets.ledger_io import write_ledger_workbook
    from desktop_app.documents.sheets.period_workbook import write_period_workbook
    from desktop_app.documents.sheets.roster_io import write_roster
    from desktop_app.domain.period import all_periods, parse_period
    from desktop_app.services.app import AppServices

    db = address or folder / "demo.sqlite3"
    build_demo(db, seed=SEED, today=TODAY)
    _fixed_key(db)
    out = folder / "out"
    inbox = folder / "inbox"
    inbox.mkdir(parents=True)
    written: dict[str, Path] = {}
    services = AppServices.open(db, today=lambda: TODAY)
    try:
        cycle = services.studio.get().cycle
        # the bundles first: an export registers nothing, the reports below do
        for period in all_periods(cycle):
            if period.first_day > TODAY:
                continue
            path = inbox / f"bundle-{period.slug}.zip"
            BundleExport(services).export(period, path)
            written[f"bundle-{period.slug}"] = path
        years = [y for y in cycle.school_years if y.first_day <= TODAY]
        for year in years:
            label = year.label
            for name, write in (
                (f"plan-{label}.pdf", write_plan_report),
                (f"plan-{label}.xlsx", write_plan_report_xlsx),
                (f"summary-{label}.pdf", write_summary_report),
                (f"summary-{label}.xlsx", write_summary_report_xlsx),
                (f"summary-{label}.docx", write_summary_docx),
                (f"duties-{label}.pdf", write_duties_report),
                (f"duties-{label}.xlsx", write_duties_report_xlsx),
            ):
                if name.startswith("plan") and services.plans.annual_plan(year) is None:
                    continue
                written[name] = write(services, year, out / name)
            written[f"duties-workbook-{label}.xlsx"] = write_duties_workbook(
                services, year, out / f"duties-workbook-{label}.xlsx"
            )
        for year in sorted({e.date.year for e in services.ledger.entries()}):
            written[f"ledger-{year}.pdf"] = write_ledger_report(
                services, year, out / f"ledger-{year}.pdf", register=False
            )
            written[f"ledger-{year}.xlsx"] = write_ledger_report_xlsx(
                services, year, out / f"ledger-{year}.xlsx", register=False
            )
        written["ledger-entries.xlsx"] = write_ledger_workbook(
            services, None, out / "ledger-entries.xlsx"
        )
        for header in services.assessments.list():
            name = f"assessment-{header.id}"
            written[f"{name}.pdf"] = write_assessment_report(
                services, header.id, out / f"{name}.pdf"
            )
            written[f"{name}.xlsx"] = write_assessment_report_xlsx(
                services, header.id, out / f"{name}.xlsx"
            )
        for text, slug in (("2025-2026", "2025-2026"), ("中期", "midterm")):
            period = parse_period(text, cycle)
            data = PeriodData(services, period, unmasked=False)
            fingerprint = services.bundle.fingerprint()
            written[f"annual-{slug}.pdf"] = write_annual_report(
                services,
                period,
                out / f"annual-{slug}.pdf",
                fingerprint=fingerprint,
                data=data,
            )
            written[f"annual-{slug}.xlsx"] = write_period_workbook(
                services, period, out / f"annual-{slug}.xlsx", data=data
            )
        app = read_application(services, masked=True)
        written["application.pdf"] = write_application_pdf(services, app, out / "application.pdf")
        written["application.docx"] = write_application_docx(
            services, app, out / "application.docx"
        )
        written["application-summary.xlsx"] = write_studio_application_summary(
            services, app, out / "application-summary.xlsx"
        )
        roster = services.members.roster(include_left=True)
        for row in roster[:3]:
            name = f"growth-{row.membership_id}.pdf"
            written[name] = write_growth_file(services, row.membership_id, out / name)
        attending = [a for a in services.activities.list() if a.takes_attendance]
        written["signin.pdf"] = write_signin_sheet(services, attending[-1].id, out / "signin.pdf")
        written["roster.xlsx"] = write_roster(out / "roster.xlsx", roster, mask=True)
        written["attendance.xlsx"] = write_attendance(services, out / "attendance.xlsx")
    finally:
        services.close()
    here = Path.cwd()
    os.chdir(folder)  # the comparison names the folder as given: the same at every run
    try:
        written["inbox.xlsx"] = write_workbook(scan(Path("inbox")), out / "inbox.xlsx")
    finally:
        os.chdir(here)
    return written


def outputs(folder: Path, address: str | None = None) -> dict[str, str]:
    """{name: digest} of every output of the demo (see the module's text), built in
    ``folder`` or in the empty server database at ``address``."""
    with time_machine.travel(NOW, tick=False):
        written = write_all(folder, address)
    return {name: _digest(path) for name, path in sorted(written.items())}


def _digest(path: Path) -> str:
    if path.suffix != ".xlsx":
        return hashlib.sha256(path.read_bytes()).hexdigest()
    whole = hashlib.sha256()
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            whole.update(name.encode() + b"\0" + book.read(name) + b"\0")
    return whole.hexdigest()


def record() -> None:
    with tempfile.TemporaryDirectory() as folder:
        digests = outputs(Path(folder))
    RECORDED.parent.mkdir(parents=True, exist_ok=True)
    RECORDED.write_text(
        json.dumps({"font": font_digest(), "outputs": digests}, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    print(f"{len(digests)} outputs recorded in {RECORDED}")


if __name__ == "__main__":
    if sys.argv[1:] == ["record"]:
        record()
    else:
        sys.exit(__doc__)

"""The submission bundle (报送材料包) of a period: a BagIt bag in one deterministic zip,
signed with the installation's Ed25519 key (desktop_app/bundle; layout and data.json in
desktop_app/bundle/SCHEMA.md).

- The period: a school year of the cycle ("2025-2026"), the cycle's mid-term ("midterm":
  from its first day to the end of its middle school year) or its end ("final").
- The bundle's date (Bagging-Date) is the day of the latest change in the audit log
  (China Standard Time), not today: the export reads the records through services of its
  own whose "today" is that day, so the same database and period give the same bytes on
  any day and any machine. Nothing is written to the database: the reports are written
  with ``register=False``, not noted as issued documents (documents/issue.py).
- What goes in is a registry, PARTS: each part lists the files it writes (for the export
  page's preview) and writes them into a temporary folder; another kind of report is
  one more Part appended to the list.
- Streaming: evidence files are copied into the zip in blocks, their checksums computed
  on the way; the zip is written to a temporary name and renamed when complete, so a
  cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app import __version__, leftovers
from desktop_app.bundle import format as fmt
from desktop_app.bundle import signing
from desktop_app.bundle.zipwrite import Cancelled, DeterministicZip, normalise_ooxml
from desktop_app.documents.bundle import data as bundle_data
from desktop_app.documents.bundle.cache import FOLDER as DOCUMENTS_FOLDER
from desktop_app.documents.bundle.cache import DocumentCache, recent_exports, state_key
from desktop_app.documents.bundle.data import (
    LEFT_OUT_ABSENT,
    LEFT_OUT_ARCHIVE,
    evidence_files,
    held_until,
    period_assessments,
    period_members,
    sanitise_name,
)
from desktop_app.domain import messages
from desktop_app.domain.ledger import FiscalYear
from desktop_app.domain.period import (
    FINAL,
    MIDTERM,
    Period,
    cycle_period,
)
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.documents import LEDGER_REPORT

__all__ = [
    "Cancelled",
    "ExportContext",
    "ExportPlan",
    "ExportResult",
    "PARTS",
    "Part",
    "PartFile",
    "PlanItem",
    "BundleExport",
]

REPORT_SHARE = 0.3  # of the progress bar: writing the reports; the rest is the zip


# --- what goes in: the registry of parts --------------------------------------------------


@dataclass(frozen=True)
class ExportContext:
    """What a part needs: the export's services (whose today() is the bundle's date),
    the period, the bundle's date, and whether personal data is masked. A part writes
    its documents with ``register=False``: an export issues nothing."""

    services: object  # AppServices
    period: Period
    as_of: dt.date
    masked: bool = True

    @property
    def held_until(self) -> dt.date:
        return held_until(self.period, self.as_of)


@dataclass(frozen=True)
class PartFile:
    path: str  # inside the bag's data/ folder: "reports/….pdf", "sheets/….xlsx"
    description: str  # for the export page, in the user's language
    make: Callable[[Path], Path]  # writes the file at the given path; returns the file written


@dataclass(frozen=True)
class Part:
    """One kind of content. ``files(ctx)`` lists what it will write (nothing is written);
    ``write(ctx, folder)`` writes them under ``folder`` (the bag's data/ folder) and
    returns the files written."""

    name: str
    files: Callable[[ExportContext], list[PartFile]]

    def write(self, ctx: ExportContext, folder: Path) -> list[Path]:
        written = []
        for f in self.files(ctx):
            target = Path(folder) / f.path
            target.parent.mkdir(parents=True, exist_ok=True)
            written.append(Path(f.make(target)))
        return written


def _fiscal_years(ctx: ExportContext) -> list[FiscalYear]:
    """The fiscal years that overlap the period and have begun by the bundle's date."""
    ledger = ctx.services.ledger
    first, last = ctx.period.first_day, ctx.held_until
    if last < first:
        return []
    years = [ledger.fiscal_year(y) for y in range(first.year - 1, last.year + 1)]
    return [y for y in years if y.first_day <= last and y.last_day >= first]


def _started_years(ctx: ExportContext) -> list[SchoolYear]:
    return [y for y in ctx.period.school_years if y.first_day <= ctx.as_of]


def _ledger_files(ctx: ExportContext) -> list[PartFile]:
    from desktop_app.documents.reports.ledger_report import (
        write_ledger_report,
        write_ledger_report_xlsx,
    )

    s = ctx.services
    files = []
    for fy in _fiscal_years(ctx):
        name = f"{fy.label}经费使用情况报告"
        year = fy.start_year
        files += [
            PartFile(
                f"reports/{name}.pdf",
                messages.text("export_item_ledger_pdf", year=fy.label),
                lambda out, year=year: write_ledger_report(s, year, out, register=False),
            ),
            PartFile(
                f"sheets/{name}.xlsx",
                messages.text("export_item_ledger_xlsx", year=fy.label),
                lambda out, year=year: write_ledger_report_xlsx(s, year, out, register=False),
            ),
        ]
    return files


def _plan_files(ctx: ExportContext) -> list[PartFile]:
    from desktop_app.documents.reports.plan_report import write_plan_report

    s = ctx.services
    return [
        PartFile(
            f"reports/{year.label}学年工作计划.pdf",
            messages.text("export_item_plan_pdf", year=year.label),
            lambda out, year=year: write_plan_report(s, year, out, register=False),
        )
        for year in ctx.period.school_years
        if s.plans.annual_plan(year) is not None
    ]


def _summary_files(ctx: ExportContext) -> list[PartFile]:
    # Only a summary the host saved: a pre-filled draft is not sent to the bureau.
    from desktop_app.documents.reports.summary_report import write_summary_report

    s = ctx.services
    return [
        PartFile(
            f"reports/{year.label}学年工作总结.pdf",
            messages.text("export_item_summary_pdf", year=year.label),
            lambda out, year=year: write_summary_report(s, year, out, register=False),
        )
        for year in ctx.period.school_years
        if s.summaries.get(year) is not None
    ]


def _duties_files(ctx: ExportContext) -> list[PartFile]:
    from desktop_app.documents.reports.duties_report import write_duties_report
    from desktop_app.documents.sheets.duties_io import write_duties_workbook

    s = ctx.services
    if not s.duties.applies():  # asked without computing a year's grid
        return []
    files = []
    for year in _started_years(ctx):
        name = f"{year.label}学年年度职责完成情况"
        files += [
            PartFile(
                f"reports/{name}.pdf",
                messages.text("export_item_duties_pdf", year=year.label),
                lambda out, year=year: write_duties_report(s, year, out, register=False),
            ),
            PartFile(
                f"sheets/{name}.xlsx",
                messages.text("export_item_duties_xlsx", year=year.label),
                lambda out, year=year: write_duties_workbook(s, year, out),
            ),
        ]
    return files


def _assessment_files(ctx: ExportContext) -> list[PartFile]:
    from desktop_app.documents.reports.assessment_report import write_assessment_report

    s = ctx.services
    return [
        PartFile(
            f"reports/考核表{h.id}-{sanitise_name(h.title)[:60]}.pdf",
            messages.text("export_item_assessment_pdf", title=h.title),
            lambda out, h=h: write_assessment_report(s, h.id, out, register=False),
        )
        for h in period_assessments(s, ctx.period)
    ]


def _roster_files(ctx: ExportContext) -> list[PartFile]:
    from desktop_app.documents.sheets.roster_io import write_roster

    s = ctx.services
    personal = messages.text("export_personal_masked" if ctx.masked else "export_personal_full")
    return [
        PartFile(
            "sheets/成员名册.xlsx",
            messages.text("export_item_roster_xlsx", personal=personal),
            lambda out: write_roster(out, period_members(s, ctx.period), mask=ctx.masked),
        )
    ]


def _attendance_files(ctx: ExportContext) -> list[PartFile]:
    from desktop_app.documents.sheets.attendance_io import write_attendance

    s = ctx.services
    return [
        PartFile(
            f"sheets/{year.label}学年考勤表.xlsx",
            messages.text("export_item_attendance_xlsx", year=year.label),
            lambda out, year=year: write_attendance(s, out, year),
        )
        for year in _started_years(ctx)
    ]


def _annual_report_files(ctx: ExportContext) -> list[PartFile]:
    """The annual (mid-term,
    final) report with the signer's fingerprint on its cover, the period workbook, and
    the growth file of each member of the period. ``ctx``: the export's ExportContext
    (services whose today() is the bundle's date, period, as_of, masked). The records are
    read once, when the first file is written."""
    from desktop_app.documents.reports.annual_report import write_annual_report
    from desktop_app.documents.reports.growth_file import write_growth_file
    from desktop_app.documents.reports.sections import PeriodData
    from desktop_app.documents.sheets.period_workbook import write_period_workbook

    s = ctx.services
    period = ctx.period
    english = messages.language() == "en"
    shared: dict[str, PeriodData] = {}

    def data() -> PeriodData:
        if "data" not in shared:
            shared["data"] = PeriodData(s, period, unmasked=not ctx.masked, as_of=ctx.as_of)
        return shared["data"]

    def report(out: Path) -> Path:
        bundle = getattr(s, "bundle", None)
        fingerprint = bundle.fingerprint() if bundle is not None else None
        return write_annual_report(s, period, out, fingerprint=fingerprint, data=data())

    name = (
        f"{period.short}{period.report_title}"  # 2025-2026学年年度报告, 2024-2027建设周期中期报告
    )
    files = [
        PartFile(
            f"reports/{name}.pdf",
            f"{period.report_title} (PDF)" if english else f"{name}（PDF，含封面、目录及九个部分）",
            report,
        ),
        PartFile(
            f"sheets/{period.name}工作室数据汇总.xlsx",
            "period workbook"
            if english
            else "名册、申报汇总表、活动、考勤、年度职责、经费（Excel）",
            lambda out: write_period_workbook(s, period, out, data=data()),
        ),
    ]
    for i, m in enumerate(data().members, start=1):
        files.append(
            PartFile(
                f"reports/成长档案/{i:02d}-{sanitise_name(m.name)}.pdf",
                f"growth file: {m.name}" if english else f"成长档案：{m.name}",
                lambda out, m=m: write_growth_file(s, m.membership_id, out, data=data()),
            )
        )
    return files


# Append a Part to add a kind of report to every bundle (the annual report, the growth
# files, the period's workbook …). Paths must be unique across parts.
PARTS: list[Part] = [
    Part("annual_report", _annual_report_files),
    Part("ledger_report", _ledger_files),
    Part("plan", _plan_files),
    Part("summary", _summary_files),
    Part("duties", _duties_files),
    Part("assessments", _assessment_files),
    Part("roster", _roster_files),
    Part("attendance", _attendance_files),
]


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanItem:
    path: str  # inside the bag: "data/reports/….pdf", "bag-info.txt"
    description: str
    size: int | None = None  # bytes, when known before writing


@dataclass(frozen=True)
class ExportPlan:
    period: Period
    as_of: dt.date  # the bundle's date (Bagging-Date)
    root: str  # the bag's folder inside the zip
    items: list[PlanItem]
    attachments: int  # evidence files that go in
    attachment_bytes: int
    missing: list[str] = field(default_factory=list)  # what the bureau will miss, sentences


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str  # of the zip
    fingerprint: str  # the signer's
    files: int  # entries in the zip
    bytes: int  # the zip's size


# --- the service --------------------------------------------------------------------------


_CORE_TIME = re.compile(r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def fix_workbook(path: Path, when: dt.date) -> None:
    """Make an .xlsx the same bytes every time: its created/modified properties set to
    ``when`` and every entry's time fixed (normalise_ooxml); rewritten in place."""
    path = Path(path)
    stamp = f"{when.isoformat()}T00:00:00Z"
    patched = path.with_name(f".{path.name}.core")
    normal = path.with_name(f".{path.name}.normal")
    try:
        with zipfile.ZipFile(path) as reader, zipfile.ZipFile(patched, "w") as writer:
            for entry in reader.infolist():
                data = reader.read(entry.filename)
                if entry.filename == "docProps/core.xml":
                    text = _CORE_TIME.sub(lambda m: m.group(1) + stamp + m.group(3), data.decode())
                    data = text.encode()
                writer.writestr(entry.filename, data)
        normalise_ooxml(patched, normal)
        os.replace(normal, path)
    finally:
        patched.unlink(missing_ok=True)
        normal.unlink(missing_ok=True)


class BundleExport:
    """Writing the bundles of the database ``services`` opened: the preview (``plan``),
    the documents made ahead (``prepare``) and the bundle itself (``export``). The key,
    the periods and the bundle's date are ``services.bundle`` (services/submission.py)."""

    def __init__(self, services):
        self.services = services
        self.db = services.db
        self.bundle = services.bundle  # the key, the periods, the bundle's date

    def root_name(self, period: Period, fingerprint: str | None = None) -> str:
        digits = (fingerprint or self.bundle.fingerprint()).replace(" ", "")
        return f"studiodesk-{digits[:8]}-{period.slug}"

    def suggested_file_name(self, period: Period) -> str:
        return sanitise_name(f"{self.bundle.studio_name()}-{period.label}-报送材料包.zip")

    @contextmanager
    def _snapshot(self, as_of: dt.date) -> Iterator[object]:
        # The export reads through services of its own, on the same database, whose
        # today() is the bundle's date.
        from desktop_app.services.app import AppServices

        services = AppServices.open(self.db.path, today=lambda: as_of, check=False)
        services.sign_in_like(self.services)
        try:
            yield services
        finally:
            services.close()

    # --- the preview ---

    def plan(self, period: Period, unmasked: bool = False) -> ExportPlan:
        """What the bundle of ``period`` will hold, and what the bureau will miss."""
        self.bundle.cycle()
        fingerprint = self.bundle.fingerprint()
        as_of = self.bundle.as_of()
        items: list[PlanItem] = []
        with self._snapshot(as_of) as services:
            ctx = ExportContext(services, period, as_of, masked=not unmasked)
            for part in PARTS:
                for f in part.files(ctx):
                    items.append(PlanItem(f"data/{f.path}", f.description))
            personal = messages.text(
                "export_personal_full" if unmasked else "export_personal_masked"
            )
            items.append(
                PlanItem(fmt.DATA_JSON, messages.text("export_item_data", personal=personal))
            )
            evidence = evidence_files(services, period, as_of)
            seen: set[str] = set()
            count = size = 0
            for e in evidence:
                if e.bag_path is None or e.bag_path in seen:
                    continue
                seen.add(e.bag_path)
                count += 1
                size += e.size
                items.append(
                    PlanItem(
                        e.bag_path,
                        messages.text(
                            "export_item_attachment", name=e.original_name, owner=e.owner
                        ),
                        e.size,
                    )
                )
            missing = self._missing(ctx, evidence)
        items += [
            PlanItem(fmt.BAGIT_TXT, messages.text("export_item_bagit"), len(fmt.BAGIT_CONTENT)),
            PlanItem(fmt.BAG_INFO, messages.text("export_item_bag_info")),
            PlanItem(fmt.MANIFEST, messages.text("export_item_manifest")),
            PlanItem(fmt.TAGMANIFEST, messages.text("export_item_tagmanifest")),
            PlanItem(
                fmt.PUBLIC_KEY,
                messages.text("export_item_public_key"),
                len(signing.encode_public(b"\0" * 32)),
            ),
            PlanItem(fmt.SIGNATURE, messages.text("export_item_signature")),
        ]
        return ExportPlan(
            period=period,
            as_of=as_of,
            root=self.root_name(period, fingerprint),
            items=sorted(items, key=lambda i: i.path),
            attachments=count,
            attachment_bytes=size,
            missing=missing,
        )

    def _missing(self, ctx: ExportContext, evidence) -> list[str]:
        s = ctx.services
        period = ctx.period
        notes: list[str] = []
        years = _started_years(ctx)
        for year in years:
            if s.plans.annual_plan(year) is None:
                notes.append(messages.text("export_missing_plan", year=year.label))
        for year in years:
            if s.summaries.get(year) is None:
                notes.append(messages.text("export_missing_summary", year=year.label))
        if period.kind in (MIDTERM, FINAL):
            submitted = [
                h
                for h in period_assessments(s, period)
                if h.kind == period.kind and h.membership_id is None
            ]
            if not submitted:
                kind = messages.text(f"export_assessment_{period.kind}")
                notes.append(messages.text("export_missing_assessment", kind=kind))
        for h in period_assessments(s, period, drafts=True):
            notes.append(messages.text("export_draft_left_out", title=h.title))
        for fy in _fiscal_years(ctx):
            labels = {str(fy.start_year), fy.label, SchoolYear(fy.start_year).label}
            if not s.documents.list(LEDGER_REPORT, labels):
                notes.append(messages.text("export_missing_spending_report", year=fy.label))
        for year in years:
            names = s.year_facts.studio_facts(year).members_without_goals
            if names:
                notes.append(
                    messages.text("export_missing_goals", year=year.label, names="、".join(names))
                )
        for e in evidence:
            if e.left_out is None:
                continue
            code = (
                "export_archive_left_out"
                if e.left_out == LEFT_OUT_ARCHIVE
                else "export_file_absent"
            )
            notes.append(messages.text(code, name=e.original_name, owner=e.owner))
        return notes

    # --- documents made ahead ---

    def prepare(
        self,
        period: Period,
        unmasked: bool = False,
        cancelled: Callable[[], bool] | None = None,
    ) -> bool:
        """Make and keep the documents the bundle of ``period`` would hold now, without
        writing a bundle: the next export of the same records only copies. Returns
        whether anything had to be made (False: it was all kept already)."""
        self.services.require(Capability.EXPORT)
        stop = cancelled or (lambda: False)

        def check() -> None:
            if stop():
                raise Cancelled

        self.bundle.cycle()
        as_of = self.bundle.as_of()
        fingerprint = signing.fingerprint(signing.public_bytes(self.bundle.key()))
        with leftovers.scratch("studiodesk-prepare-") as tmp:
            with self._snapshot(as_of) as services:
                kept = _kept_documents(services, period, unmasked, as_of, fingerprint)
                if _kept_bundle(kept, services, lambda *_: None, check) is not None:
                    kept.commit()  # used: the newest again
                    return False
                ctx = ExportContext(services, period, as_of, masked=not unmasked)
                _make_bundle(ctx, kept, Path(tmp) / "data", lambda *_: None, check)
            kept.commit()
        return True

    def periods_to_prepare(self, today: dt.date) -> list[tuple[Period, bool]]:
        """The bundles worth making ahead, most wanted first, as (period, unmasked): the
        ones exported lately (the states kept), then the current school year, the school
        year just ended until the end of December (its annual report is due in the
        autumn), and in the cycle's last school year its final bundle."""
        periods = {p.label: p for p in self.bundle.periods()}
        wanted: list[tuple[Period, bool]] = []

        def want(label: str, unmasked: bool = False) -> None:
            period = periods.get(label)
            if period is not None and (period, unmasked) not in wanted:
                wanted.append((period, unmasked))

        root = self.db.files.root / DOCUMENTS_FOLDER
        for label, unmasked in recent_exports(root):
            want(label, unmasked)
        current = SchoolYear.of(today)
        want(current.label)
        if today.month >= 9:
            want(SchoolYear(current.start - 1).label)
        cycle = self.bundle.cycle()
        if current == cycle.last:
            want(cycle_period(cycle, FINAL).label)
        return wanted

    # --- the export ---

    def export(
        self,
        period: Period,
        out_path: Path,
        progress: Callable[[float, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        unmasked: bool = False,
    ) -> ExportResult:
        """Write the bundle of ``period`` to ``out_path``. ``progress(fraction, what)`` is
        told how far it got (0..1); ``cancelled()`` is asked between steps and between
        blocks of a file — when it says True, Cancelled is raised and nothing is left at
        ``out_path`` (an earlier file there stays as it was). Personal data (phone, ID
        number) is masked unless ``unmasked``."""
        self.services.require(Capability.EXPORT)
        out = Path(out_path)
        stop = cancelled or (lambda: False)
        tell = progress or (lambda fraction, what: None)
        self.bundle.cycle()
        key = self.bundle.key()
        raw_public = signing.public_bytes(key)
        fingerprint = signing.fingerprint(raw_public)
        as_of = self.bundle.as_of()
        root = self.root_name(period, fingerprint)

        def check() -> None:
            if stop():
                raise Cancelled

        with leftovers.scratch("studiodesk-bundle-") as tmp:
            data_dir = Path(tmp) / "data"
            with self._snapshot(as_of) as services:
                kept = _kept_documents(services, period, unmasked, as_of, fingerprint)
                gathered = _kept_bundle(kept, services, tell, check)
                if gathered is None:
                    ctx = ExportContext(services, period, as_of, masked=not unmasked)
                    gathered = _make_bundle(ctx, kept, data_dir, tell, check)
            payload, (studio_name, source_org) = gathered

            entries = sorted(payload.items())
            sizes = {name: source.stat().st_size for name, source in entries}
            total = sum(sizes.values())
            bag_info = fmt.format_bag_info(
                [
                    (fmt.KEY_AGENT, f"StudioDesk {__version__}"),
                    (fmt.KEY_DATE, as_of.isoformat()),
                    (fmt.KEY_OXUM, f"{total}.{len(entries)}"),
                    ("External-Identifier", root),
                    ("Source-Organization", source_org),
                    (fmt.KEY_FORMAT, fmt.FORMAT_VERSION),
                    (fmt.KEY_STUDIO, studio_name),
                    (fmt.KEY_PERIOD, period.label),
                    (fmt.KEY_PERIOD_KIND, period.kind),
                    (fmt.KEY_SIGNER, fingerprint),
                ]
            ).encode("utf-8")

            with DeterministicZip(out, stop) as bag:
                tags = {
                    fmt.BAG_INFO: bag.add_bytes(f"{root}/{fmt.BAG_INFO}", bag_info),
                    fmt.BAGIT_TXT: bag.add_bytes(
                        f"{root}/{fmt.BAGIT_TXT}", fmt.BAGIT_CONTENT.encode("utf-8")
                    ),
                }
                manifest: dict[str, str] = {}
                done = 0
                for name, source in entries:
                    tell(REPORT_SHARE + (1 - REPORT_SHARE) * done / max(total, 1), name)
                    manifest[name] = bag.add_file(f"{root}/{name}", source)
                    done += sizes[name]
                manifest_bytes = fmt.format_manifest(manifest).encode("utf-8")
                tags[fmt.MANIFEST] = bag.add_bytes(f"{root}/{fmt.MANIFEST}", manifest_bytes)
                public_file = signing.encode_public(raw_public)
                tags[fmt.PUBLIC_KEY] = bag.add_bytes(f"{root}/{fmt.PUBLIC_KEY}", public_file)
                tagmanifest = fmt.format_manifest(tags).encode("utf-8")
                bag.add_bytes(f"{root}/{fmt.TAGMANIFEST}", tagmanifest)
                bag.add_bytes(f"{root}/{fmt.SIGNATURE}", signing.sign(key, tagmanifest))
            digest = bag.sha256
            assert digest is not None  # set once the zip is complete
            kept.commit()  # the bundle is written: its documents serve the next export
        tell(1.0, out.name)
        return ExportResult(
            path=out,
            sha256=digest,
            fingerprint=fingerprint,
            files=len(entries) + 6,
            bytes=out.stat().st_size,
        )


# --- gathering the files: kept from the last export of the same records, or made ---------


def _kept_documents(
    services, period: Period, unmasked: bool, as_of: dt.date, fingerprint: str
) -> DocumentCache:
    """The documents kept for the records as they are now, this period and masking (the
    signer is on the report's cover)."""
    with services.db.reading() as session:
        key = state_key(session, period.kind, period.label, unmasked, as_of, fingerprint)
    return DocumentCache(
        services.db.files.root / DOCUMENTS_FOLDER,
        key,
        about={"period": period.label, "unmasked": unmasked},
    )


def _make_bundle(
    ctx: ExportContext,
    kept: DocumentCache,
    data_dir: Path,
    tell: Callable[[float, str], None],
    check: Callable[[], None],
) -> tuple[dict[str, Path], tuple[str, str]]:
    """Every file of the bundle (path in the bag → file), each document taken from
    ``kept`` when the same records made it before, else made into ``data_dir`` and kept;
    and the studio's name and organisation for bag-info. Records the whole bundle in
    ``kept`` for the next export of the same state."""
    services = ctx.services
    payload: dict[str, Path] = {}
    documents: list[list[str]] = []  # [name in kept, path in the bag]
    planned = [f for part in PARTS for f in part.files(ctx)]
    for i, f in enumerate(planned):
        check()
        tell(REPORT_SHARE * i / max(len(planned), 1), f.description)
        cached = kept.fetch(f.path)
        if cached is not None:  # the same records gave this document before
            relative = cached.relative_to(kept.folder).as_posix()
            name, source = "data/" + relative, cached
        else:
            target = data_dir / f.path
            target.parent.mkdir(parents=True, exist_ok=True)
            written = Path(f.make(target))
            if written.suffix.lower() == ".xlsx":
                fix_workbook(written, ctx.as_of)
            relative = written.relative_to(data_dir).as_posix()
            kept.keep(f.path, written, relative)
            name, source = "data/" + relative, written
        if name in payload:
            raise ValueError(f"two parts write {name}")
        payload[name] = source
        documents.append([f.path, name])
    check()
    evidence = evidence_files(services, ctx.period, ctx.as_of)
    paths = {e.attachment_id: e.bag_path for e in evidence if e.bag_path}
    data = bundle_data.build_data(services, ctx.period, ctx.as_of, paths, masked=ctx.masked)
    data_dir.mkdir(parents=True, exist_ok=True)
    data_file = data_dir / "data.json"
    bundle_data.write(data, data_file)
    payload[fmt.DATA_JSON] = data_file
    kept.keep(fmt.DATA_JSON, data_file, "data.json")
    documents.append([fmt.DATA_JSON, fmt.DATA_JSON])
    files: dict[str, str] = {}  # path in the bag → sha256, evidence that goes in
    for e in evidence:
        if e.bag_path and e.bag_path not in payload:
            payload[e.bag_path] = services.db.files.path_for(e.sha256)
            files[e.bag_path] = e.sha256
    studio = (data["studio"]["name"], data["studio"]["host_school"] or data["studio"]["name"])
    kept.keep_bundle(
        {
            "documents": documents,
            "evidence": sorted(files.items()),
            # Files missing from the store were left out: were one put back (a restore),
            # the same records would give another bundle.
            "absent": sorted({e.sha256 for e in evidence if e.left_out == LEFT_OUT_ABSENT}),
            "studio": list(studio),
        }
    )
    return payload, studio


def _kept_bundle(
    kept: DocumentCache,
    services,
    tell: Callable[[float, str], None],
    check: Callable[[], None],
) -> tuple[dict[str, Path], tuple[str, str]] | None:
    """The bundle recorded by the last export of the same state, when every kept
    document still has its checksum and the file store still holds (and still lacks)
    the same evidence files; None otherwise (then everything is gathered afresh)."""
    record = kept.kept_bundle()
    try:
        documents = [(str(name), str(bag)) for name, bag in record["documents"]]
        evidence = [(str(bag), str(sha)) for bag, sha in record["evidence"]]
        absent = [str(sha) for sha in record["absent"]]
        studio_name, source_org = (str(v) for v in record["studio"])
    except (KeyError, TypeError, ValueError):
        return None
    payload: dict[str, Path] = {}
    for i, (name, bag) in enumerate(documents):
        check()
        tell(REPORT_SHARE * i / max(len(documents), 1), bag)
        source = kept.fetch(name)
        if source is None or bag in payload:
            return None
        payload[bag] = source
    files = services.db.files
    for bag, sha in evidence:
        source = files.path_for(sha)
        if not source.is_file() or bag in payload:
            return None
        payload[bag] = source
    if any(files.path_for(sha).is_file() for sha in absent):
        return None
    return payload, (studio_name, source_org)

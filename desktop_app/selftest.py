"""``studiodesk --self-test``: is this copy of the program whole and working?

Run after a build (``.ci/run`` runs it on the PyInstaller bundle) or on an office PC when
something seems wrong. In a temporary folder it creates a database and migrates it, adds
a studio and a few records through the services, renders the main window offscreen to a
PNG, writes the spending report as PDF and Excel and reads them back, and exports and
verifies a submission bundle. One line per step; exit 0 when every step passed,
otherwise 1 with the step that failed and why (the traceback follows on stderr).

It never touches the user's database or settings: the config, data and log folders point
into the temporary folder for the run (as the tests do), ``STUDIODESK_DB`` is ignored, and the
environment is put back afterwards. The window is rendered without appearing on the screen;
without a display (Linux without X11/Wayland) Qt's offscreen platform is used.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from desktop_app import __version__

UNKNOWN_VERSION = "0.0.0+unknown"
STUDIO_NAME = "自检名班主任工作室"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class StepFailed(Exception):
    """A check that did not hold; the message says what was expected and found."""


def check(condition: object, message: str) -> None:
    if not condition:
        raise StepFailed(message)


@dataclass
class Run:
    """What the steps share: the temporary folder and what earlier steps made."""

    root: Path
    services: object | None = None
    year: int | None = None  # the fiscal year of the ledger entries
    members: list[int] = field(default_factory=list)
    app: object | None = None

    @property
    def db_path(self) -> Path:
        return self.root / "data" / "studiodesk.sqlite3"

    def out(self, name: str) -> Path:
        folder = self.root / "out"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name

    def close(self) -> None:
        if self.services is not None:
            self.services.close()
            self.services = None


# --- the environment ------------------------------------------------------------------


def _has_display() -> bool:
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@contextmanager
def isolated(root: Path) -> Iterator[None]:
    """The program's config, data and log folders inside ``root`` for the run; Qt offscreen
    when there is no display. Everything changed is put back afterwards."""
    changes = {
        "STUDIODESK_CONFIG_DIR": str(root / "config"),
        "STUDIODESK_DATA_DIR": str(root / "data"),
        "STUDIODESK_LOG_DIR": str(root / "logs"),
        "STUDIODESK_DB": None,
    }
    if not os.environ.get("QT_QPA_PLATFORM") and not _has_display():
        changes["QT_QPA_PLATFORM"] = "offscreen"
    saved = {key: os.environ.get(key) for key in changes}
    from desktop_app.domain import messages

    language = messages.language()
    try:
        for key, value in changes.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        messages.set_language("zh_CN")  # the program's default language
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        messages.set_language(language)


# --- the steps ------------------------------------------------------------------------


def step_version(run: Run) -> str:
    check(__version__ and __version__ != UNKNOWN_VERSION, "the program does not know its version")
    build = "PyInstaller build" if getattr(sys, "frozen", False) else "Python source"
    return (
        f"StudioDesk {__version__} ({build}; Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()})"
    )


def step_resources(run: Run) -> str:
    from desktop_app.paths import resource, resources_dir
    from desktop_app.services.assessments import all_templates
    from desktop_app.services.presets import all_presets

    presets = all_presets()
    check(presets, f"no policy presets in {resource('presets')}")
    templates = all_templates()
    check(templates, f"no assessment templates in {resource('assessments')}")
    qm = resource("i18n", "studiodesk_zh_CN.qm")
    check(qm.is_file() and qm.stat().st_size > 0, f"no compiled translation at {qm}")
    qss = resource("styles", "app.qss")
    check(qss.is_file(), f"no style sheet at {qss}")
    return f"{len(presets)} presets, {len(templates)} assessment templates, zh_CN, style ({resources_dir()})"


def step_font(run: Run) -> str:
    from desktop_app.fonts import find_cjk_font
    from desktop_app.paths import resource

    font = find_cjk_font()
    check(font is not None, "no Chinese TrueType font found")
    try:  # as the PDF engine will load it (a .ttc holds several faces: the first)
        from reportlab.pdfbase.ttfonts import TTFont

        face = TTFont("StudioDeskSelfTest", str(font), subfontIndex=0).face
    except Exception as error:
        raise StepFailed(f"{font} is not a usable TrueType font: {error}") from error
    check(ord("中") in face.charToGlyph, f"{font} has no Chinese characters")
    bundled = sorted(resource("fonts").glob("*.tt[cf]"))
    if bundled and not os.environ.get("STUDIODESK_CJK_FONT"):
        # A build that ships a font must use it, whatever the machine has.
        check(font == bundled[0], f"the bundled font {bundled[0]} is not used (found {font})")
        return f"{font.name} (bundled)"
    return str(font)


def step_database(run: Run) -> str:
    from desktop_app.services.app import AppServices
    from desktop_app.store.migrate import MIGRATIONS, current_revision, head_revision

    check((MIGRATIONS / "env.py").is_file(), f"no migrations at {MIGRATIONS}")
    run.db_path.parent.mkdir(parents=True, exist_ok=True)
    run.services = AppServices.open(run.db_path)
    engine = run.services.db.engine
    head = head_revision()
    found = current_revision(engine)
    check(found == head, f"the new database is at revision {found}, not {head}")
    problems = run.services.db.integrity_problems()
    check(not problems, "; ".join(problems))
    return f"new database migrated to {head} (head), integrity ok"


def step_records(run: Run) -> str:
    from desktop_app.domain.member_input import MemberData
    from desktop_app.domain.vocab import AttendanceStatus, StudioLevel, StudioType
    from desktop_app.services.activities import ActivityInput
    from desktop_app.services.attendance import MarkInput
    from desktop_app.services.ledger import EntryInput
    from desktop_app.services.studio import StudioInput, default_cycle

    services = run.services
    check(services is not None, "no database (the database step did not run)")
    today = dt.date.today()
    start, end = default_cycle(today)
    services.studio.create(
        StudioInput(
            name=STUDIO_NAME,
            level=StudioLevel.SCHOOL.zh,
            studio_type=StudioType.STUDIO.zh,
            preset_id="jiangyin",
            cycle_start=start,
            cycle_end=end,
            host_school="自检学校",
            district="自检区",
        )
    )
    people = (("王芳", "host"), ("李明", "member"), ("张静", "member"))
    for name, role in people:
        run.members.append(
            services.members.add(
                MemberData(
                    name=name,
                    role=role,
                    stage="confirmed",
                    gender="female",
                    school="自检学校",
                    phone="13812345678",
                    joined_on=dt.date(start, 9, 1),
                )
            )
        )
    activity = services.activities.create(
        ActivityInput(date=today, kind="study", topic="读书研讨", hours="2", place="会议室")
    )
    services.attendance.save_marks(
        activity,
        [MarkInput(m, AttendanceStatus.PRESENT.zh) for m in run.members[:2]]
        + [MarkInput(run.members[2], AttendanceStatus.LEAVE.zh)],
    )
    run.year = services.ledger.fiscal_year_of(today).start_year
    services.ledger.add(EntryInput("收入", today, "3000", "专项经费", source="grant"))
    services.ledger.add(
        EntryInput(
            "支出",
            today,
            "200",
            "资料印刷",
            category="培训研修",
            payee="印务公司",
            voucher_no="ZJ-1",
        )
    )
    roster = services.members.roster()
    check(len(roster) == len(people), f"{len(roster)} members in the roster, not {len(people)}")
    summary = services.ledger.summary(run.year)
    check(summary.balance_fen == 280000, f"balance {summary.balance_fen} fen, not 280000")
    return f"studio, {len(people)} members, 1 activity with attendance, 2 ledger entries"


def step_window(run: Run) -> str:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from desktop_app.gui.app import make_application, setup_font
    from desktop_app.gui.main_window import NAV_PAGES, MainWindow

    check(run.services is not None, "no database (the database step did not run)")
    app = make_application([])
    run.app = app
    family = setup_font(app)
    check(family, "Qt could not load the Chinese font")
    window = MainWindow(run.services)
    try:
        window.resize(1366, 768)
        # laid out and painted as if shown, through the real platform plugin where there is
        # a display, but never on the screen
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.show()
        app.processEvents()
        for page_id in NAV_PAGES:
            window.show_page(page_id)
            app.processEvents()
        window.show_page("members")
        app.processEvents()
        titles = [window.nav.item(i).text() for i in range(window.nav.count())]
        check(
            any("\u4e00" <= ch <= "\u9fff" for title in titles for ch in title),
            f"the window is not in Chinese (translation not loaded): {titles}",
        )
        png = run.out("main-window.png")
        check(window.grab().save(str(png), "PNG"), f"could not save {png}")
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    data = png.read_bytes()
    check(data.startswith(PNG_MAGIC), f"{png} is not a PNG")
    image = QImage(str(png))
    check(not image.isNull() and image.width() > 0, f"{png} cannot be read back")
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), max(1, image.width() // 64))
        for y in range(0, image.height(), max(1, image.height() // 64))
    }
    check(len(colours) > 2, f"{png} is blank ({len(colours)} colours)")
    platform_name = app.platformName()
    return (
        f"main window {image.width()}x{image.height()} -> {png.name} "
        f"({len(data)} bytes; Qt {platform_name}; font {family})"
    )


def step_pdf(run: Run) -> str:
    from desktop_app.documents.reports.ledger_report import write_ledger_report

    check(run.year is not None, "no records (the records step did not run)")
    out = write_ledger_report(
        run.services, run.year, run.out("经费使用情况报告.pdf"), register=False
    )
    data = Path(out).read_bytes()
    check(data.startswith(b"%PDF-"), f"{out} does not start with %PDF-")
    check(data.rstrip().endswith(b"%%EOF"), f"{out} is cut short (no %%EOF)")
    check(b"/FontFile2" in data, f"{out} has no embedded TrueType font (/FontFile2)")
    check(f"StudioDesk {__version__}".encode() in data, f"{out} does not name the version")
    pages = data.count(b"/Type /Page\n") or data.count(b"/Type /Page ")
    return f"spending report -> {Path(out).name} ({len(data)} bytes, CJK font embedded)" + (
        f", {pages} page(s)" if pages else ""
    )


def step_excel(run: Run) -> str:
    import openpyxl

    from desktop_app.documents.reports.ledger_report import write_ledger_report_xlsx

    # Without defusedxml openpyxl parses an imported workbook's XML with the system's
    # expat alone: an XML bomb would then be refused only by a recent enough expat.
    check(openpyxl.DEFUSEDXML, "openpyxl does not find defusedxml (missing from the bundle?)")
    check(run.year is not None, "no records (the records step did not run)")
    out = Path(
        write_ledger_report_xlsx(
            run.services, run.year, run.out("经费使用情况报告.xlsx"), register=False
        )
    )
    workbook = openpyxl.load_workbook(out, read_only=False)
    try:
        creator = workbook.properties.creator or ""
        check(__version__ in creator, f"{out} was written by {creator!r}, not this version")
        texts = [
            str(cell.value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(max_row=20)
            for cell in row
            if cell.value is not None
        ]
        sheets = len(workbook.worksheets)
    finally:
        workbook.close()
    check(any(STUDIO_NAME in t for t in texts), f"{out}: the studio's name is not in it")
    check(any("资料印刷" in t for t in texts) or sheets > 1, f"{out}: the expense is missing")
    return f"spending report -> {out.name} ({out.stat().st_size} bytes, {sheets} sheets, read back)"


def step_bundle(run: Run) -> str:
    from desktop_app.bundle import format as fmt
    from desktop_app.bundle.verify import verify
    from desktop_app.documents.bundle.export import BundleExport
    from desktop_app.domain.school_year import SchoolYear

    check(run.services is not None, "no database (the database step did not run)")
    bundle = BundleExport(run.services)
    period = run.services.bundle.parse_period(SchoolYear.of(run.services.bundle.as_of()).label)
    result = bundle.export(period, run.out("bundle.zip"))
    verdict = verify(result.path)
    check(verdict.valid, f"the bundle does not verify: {verdict.reason}")
    check(verdict.studio == STUDIO_NAME, f"the bundle names the studio {verdict.studio!r}")
    agent = verdict.info.get(fmt.KEY_AGENT, "")
    check(agent == f"StudioDesk {__version__}", f"{fmt.KEY_AGENT}: {agent!r}")
    return f"{period.label} -> {result.path.name} ({result.files} files, {result.bytes} bytes), verified"


def step_dialogs(run: Run) -> str:
    """Qt's own dialogs (the file chooser, message boxes) speak Chinese: this copy of the
    program finds Qt's catalogue, and ours fills the words it lacks."""
    from PySide6.QtCore import QCoreApplication

    from desktop_app.gui.i18n import qt_translations_dirs

    check(run.app is not None, "no application (the window step did not run)")
    dirs = qt_translations_dirs()
    found = [d for d in dirs if (d / "qtbase_zh_CN.qm").is_file()]
    qt_own = ("QPlatformTheme", "Cancel")  # not a literal: lupdate must not copy it to ours
    cancel = QCoreApplication.translate(*qt_own)
    check(
        cancel == "取消",
        f"Qt's own words are English (no qtbase_zh_CN.qm in {', '.join(map(str, dirs))})",
    )
    look_in = QCoreApplication.translate("QFileDialog", "&Look in:")
    check(look_in.startswith("查找范围"), f"the file dialog says {look_in!r}, not 查找范围")
    where = str(found[0]) if found else "?"
    if found and found[0] != dirs[0]:
        where += f"; Qt's own path {dirs[0]} has none"
    return f"Qt's dialogs in Chinese (qtbase_zh_CN.qm in {where})"


def step_word(run: Run) -> str:
    """A Word document (python-docx needs its template file, which a bundle must carry)."""
    from docx import Document

    from desktop_app.documents.reports.summary_report import write_summary_docx
    from desktop_app.domain.school_year import SchoolYear

    year = SchoolYear.of(run.services.attendance.today())
    out = Path(write_summary_docx(run.services, year, run.out("年度工作总结.docx")))
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    check(STUDIO_NAME in text, f"{out}: the studio's name is not in it")
    return f"annual summary -> {out.name} ({out.stat().st_size} bytes, read back)"


STEPS: list[tuple[str, Callable[[Run], str]]] = [
    ("version", step_version),
    ("resources", step_resources),
    ("font", step_font),
    ("database", step_database),
    ("records", step_records),
    ("window", step_window),
    ("dialogs", step_dialogs),
    ("pdf", step_pdf),
    ("excel", step_excel),
    ("word", step_word),
    ("bundle", step_bundle),
]


def _reason(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    if not isinstance(error, StepFailed):
        text = f"{type(error).__name__}: {text}"
    return " ".join(text.split())


def run_self_test(
    out: TextIO | None = None,
    err: TextIO | None = None,
    steps: list[tuple[str, Callable[[Run], str]]] | None = None,
) -> int:
    """Run the steps in a temporary folder; 0 when all passed, 1 at the first failure."""
    if out is None or err is None:
        # A console or pipe in a legacy code page must not turn a path into a crash.
        for stream in (sys.stdout, sys.stderr):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="backslashreplace")
    out = out or sys.stdout
    err = err or sys.stderr
    steps = STEPS if steps is None else steps
    began = time.monotonic()
    print(f"StudioDesk {__version__} self-test", file=out, flush=True)
    with tempfile.TemporaryDirectory(
        prefix="studiodesk-selftest-", ignore_cleanup_errors=True
    ) as tmp:
        run = Run(Path(tmp))
        with isolated(run.root):
            try:
                for name, step in steps:
                    start = time.monotonic()
                    try:
                        detail = step(run)
                    except Exception as error:  # every failure is a result, not a crash
                        reason = _reason(error)
                        print(f"FAIL {name}: {reason}", file=out, flush=True)
                        if not isinstance(error, StepFailed):
                            traceback.print_exc(file=err)
                        print(f"self-test FAILED at step '{name}': {reason}", file=err, flush=True)
                        return 1
                    took = time.monotonic() - start
                    print(f"ok   {name}: {detail} [{took:.1f} s]", file=out, flush=True)
            finally:
                try:
                    run.close()
                except Exception:  # closing must not hide the step's result
                    traceback.print_exc(file=err)
    print(
        f"self-test passed: {len(steps)} steps in {time.monotonic() - began:.1f} s",
        file=out,
        flush=True,
    )
    return 0


def main() -> int:
    return run_self_test()

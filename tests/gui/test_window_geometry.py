"""Windows and dialogs fit the screen at any scaling, and open where they were left
(gui/window_geometry): the main window used to open at a fixed 1366×768, off the screen
at 125 % and 150 %."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.app_settings import load_app_settings, save_app_settings
from desktop_app.gui import window_geometry
from desktop_app.gui.main_window import NAV_PAGES, MainWindow
from desktop_app.gui.window_geometry import FRAME, back_on_screen, fit_rect
from desktop_app.services.app import AppServices
from tests.backup_helpers import copy_database, demo_template_fixture  # noqa: F401
from tests.conftest import TODAY

GUI = Path(__file__).resolve().parents[2] / "desktop_app" / "gui"
# The smallest screen the program is made for: 1366×768 at 125 %, less a 40-pixel
# taskbar, in Qt's logical pixels (what every size in the program is measured in).
SMALLEST = QRect(0, 0, 1093, 582)
SCREENS = {  # available areas in logical pixels
    "1366×768 at 100 %": QRect(0, 0, 1366, 728),
    "1366×768 at 125 %": SMALLEST,
    "1920×1080 at 150 %": QRect(0, 0, 1280, 693),
}


def framed(rect: QRect) -> QRect:
    return rect.marginsAdded(FRAME)


def fits_smallest(size: QSize) -> bool:
    """Whether a window of ``size`` (inside its frame) can be on the smallest screen."""
    return SMALLEST.contains(
        framed(QRect(SMALLEST.topLeft(), size).translated(FRAME.left(), FRAME.top()))
    )


@pytest.fixture
def demo(tmp_path, demo_template):  # noqa: F811 - the fixture imported above
    path = copy_database(demo_template, tmp_path / "demo.sqlite3")
    services = AppServices.open(path, today=lambda: TODAY)
    yield services
    services.close()


# --- the arithmetic


@pytest.mark.parametrize("screen", SCREENS)
def test_the_main_windows_size_is_kept_within_the_screen(screen):
    area = SCREENS[screen]
    rect = fit_rect(QSize(1366, 768), area)
    assert area.contains(framed(rect))
    small = fit_rect(QSize(600, 400), area)
    assert small.size() == QSize(600, 400)  # a size that fits is kept, in the middle
    assert abs(small.center().x() - area.center().x()) <= 1


def test_a_place_on_a_screen_that_is_gone_comes_back_on_the_screen_there_is():
    primary = QRect(0, 0, 1920, 1040)
    second = QRect(1920, 0, 1920, 1040)
    on_second = QRect(2400, 200, 800, 600)
    assert back_on_screen(on_second, [primary, second], primary) == on_second  # still there
    back = back_on_screen(on_second, [primary], primary)  # the second monitor unplugged
    assert primary.contains(framed(back)) and back.size() == QSize(800, 600)
    # a laptop's smaller screen: the big window is shrunk onto it
    smaller = back_on_screen(QRect(100, 100, 1800, 950), [SMALLEST], SMALLEST)
    assert SMALLEST.contains(framed(smaller))
    # half off the left edge: moved in, the size kept
    edge = back_on_screen(QRect(-300, 100, 800, 400), [primary], primary)
    assert primary.contains(framed(edge)) and edge.size() == QSize(800, 400)


# --- real windows


def test_the_main_window_opens_within_its_screen(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.screen().availableGeometry().contains(window.frameGeometry())


@pytest.fixture
def as_the_program_looks(qapp):
    """The program's Chinese font at its size (make_application sets it): the widgets
    measure as the user sees them. Put back after the test."""
    from desktop_app.gui.app import setup_font

    font = qapp.font()
    assert setup_font(qapp), "no Chinese font on this machine"
    yield
    qapp.setFont(font)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_page_and_dialog_fits_the_smallest_screen(
    qtbot, qapp, demo, as_the_program_looks, language
):
    """No minimum size forces a window past 1366×768 at 125 %: a page too big for it
    scrolls inside the window, a dialog's fields scroll inside the dialog."""
    from desktop_app.gui.i18n import install_translators

    install_translators(qapp, language)  # (English again after the test: conftest)
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    for page_id in NAV_PAGES:
        window.show_page(page_id)
    window.show_member(demo.members.roster()[0].membership_id)
    QApplication.processEvents()
    too_big = {}
    minimum = window.minimumSizeHint()
    if not fits_smallest(minimum):
        too_big["main window"] = minimum
    for name, dialog in every_dialog(window, demo).items():
        qtbot.addWidget(dialog)
        minimum = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if not fits_smallest(minimum):
            too_big[name] = minimum
    assert not too_big, f"larger than {SMALLEST.size()} at their smallest: {too_big}"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_assessment_editor_works_on_the_smallest_screen(
    qtbot, qapp, demo, as_the_program_looks, language
):
    """At 1366×768 and 125 % the editor's parts must neither overlap (the score tree was
    drawn over the indicator's details) nor push Save below the window's edge."""
    from desktop_app.gui.i18n import install_translators

    install_translators(qapp, language)
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.setGeometry(SMALLEST.marginsRemoved(FRAME))
    window.show()
    window.show_page("assessment")
    page = window.pages["assessment"]
    page.select_assessment(demo.assessments.list()[0].id)
    QApplication.processEvents()
    editor = page.editor
    assert editor.info is not None

    def on_window(widget) -> QRect:
        return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())

    visible = window.centralWidget().geometry()
    for button in (editor.save_button, editor.undo_button):
        assert visible.contains(on_window(button)), f"{button.text()} is off the window"
    print(
        "editor",
        editor.size(),
        editor.minimumSizeHint(),
        "page",
        page.size(),
        page.minimumSizeHint(),
    )
    sp = editor.tree.parentWidget()
    print(
        "splitter",
        sp.size(),
        sp.minimumSizeHint(),
        [w.minimumSizeHint() for w in sp.children() if hasattr(w, "minimumSizeHint")][:4],
    )
    tree, detail = on_window(editor.tree), on_window(editor.detail_title)
    assert tree.bottom() < detail.top(), f"the tree {tree} runs over the details {detail}"
    assert on_window(editor.footer).bottom() < on_window(editor.save_button).top()


def every_dialog(window: MainWindow, services) -> dict:
    """One of each window and dialog of the program, as its page makes it."""
    from desktop_app.domain.school_year import SchoolYear
    from desktop_app.gui.crash import CrashDialog
    from desktop_app.gui.dialogs.import_dialog import ImportPreviewDialog
    from desktop_app.gui.dialogs.ledger_dialogs import LedgerImportPreviewDialog
    from desktop_app.gui.dialogs.member_dialog import MemberDialog
    from desktop_app.gui.inbox_dialog import InboxDialog
    from desktop_app.gui.pages.activities import AttendancePreviewDialog
    from desktop_app.gui.wizard import SetupWizard
    from desktop_app.services.ledger import Direction

    class Preview:  # an import preview with nothing in it
        rows: list = []
        changes: list = []
        problems: list = []
        ok = True

        def problem_lines(self):
            return []

    pages = window.pages
    year = SchoolYear.of(TODAY)
    task = services.plans.tasks(year)[0]
    entry = services.ledger.entries()[0]
    roster = services.members.roster()
    return {
        "member": MemberDialog(services.members, parent=window),
        "end membership": pages["members"].make_end_dialog(roster[0]),
        "roster import": ImportPreviewDialog(Preview(), "名单.xlsx", parent=window),
        "growth record": pages["member-detail"].make_record_dialog(None),
        "activity": pages["activities"].make_activity_dialog(None),
        "attendance": pages["activities"].make_attendance_dialog(services.activities.list()[0].id),
        "attendance import": AttendancePreviewDialog(Preview(), "考勤.xlsx", parent=window),
        "ledger entry": pages["funds"].make_entry_dialog(Direction.EXPENSE),
        "reversal": pages["funds"].make_reverse_dialog(entry),
        "budgets": pages["funds"].make_budgets_dialog(pages["funds"].year()),
        "ledger import": LedgerImportPreviewDialog(Preview(), "台账.xlsx", parent=window),
        "task": pages["plans"].tasks_tab.make_task_dialog(None),
        "tick off": pages["plans"].tasks_tab.make_tick_off_dialog(task),
        "new assessment": pages["assessment"].make_new_dialog(),
        "evidence": pages["assessment"].editor.make_picker(services.plans.candidates(year), "1.1"),
        "bureau inbox": InboxDialog(window),
        "crash": CrashDialog("Traceback\n" * 60, Path("studiodesk.log"), window),
        "shortcuts": window.menu.make_shortcuts_dialog(),
        "first start": SetupWizard(services.studio),
    }


def test_the_main_window_opens_where_it_was_left(qtbot, services):
    first = MainWindow(services)
    qtbot.addWidget(first)
    first.show()
    place = QRect(40, 50, 700, 500)
    first.setGeometry(place)
    first.close()
    again = MainWindow(services)
    qtbot.addWidget(again)
    again.show()
    assert again.geometry() == place


def test_a_maximised_window_opens_maximised_and_restores_to_its_place(qtbot, services):
    first = MainWindow(services)
    qtbot.addWidget(first)
    first.show()
    place = QRect(60, 70, 640, 480)
    first.setGeometry(place)
    first.showMaximized()
    qtbot.waitUntil(first.isMaximized)
    first.close()
    assert load_app_settings().windows["MainWindow"]["maximized"] is True
    again = MainWindow(services)
    qtbot.addWidget(again)
    again.show()
    assert again.isMaximized()
    again.showNormal()
    qtbot.waitUntil(lambda: not again.isMaximized())
    assert again.geometry() == place


def test_a_place_no_screen_shows_comes_back_on_the_screen(qtbot, services):
    settings = load_app_settings()
    # left on a second monitor to the right, since unplugged
    settings.windows["MainWindow"] = {"x": 5000, "y": 3000, "width": 700, "height": 500}
    save_app_settings(settings)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert window.screen().availableGeometry().contains(window.frameGeometry())
    assert window.size() == QSize(700, 500)


def test_after_a_restore_the_new_window_is_where_the_old_one_was(qtbot, services, monkeypatch):
    from desktop_app.gui.session import StudioSession

    backup = services.backups.backup_now("manual")
    monkeypatch.setattr(StudioSession, "inform", lambda self, text, error=False: None)
    session = StudioSession(services.db.path, services)
    old = session.start()
    qtbot.addWidget(old)
    place = QRect(30, 40, 720, 520)
    old.setGeometry(place)
    old.showMaximized()
    qtbot.waitUntil(old.isMaximized)
    session.restore(backup.path)
    qtbot.addWidget(session.window)
    try:
        assert session.window is not old
        assert session.window.isMaximized()
        session.window.showNormal()
        qtbot.waitUntil(lambda: not session.window.isMaximized())
        assert session.window.geometry() == place
    finally:
        session.close()


def test_a_dialog_opens_at_the_size_it_was_left(qtbot, services):
    from desktop_app.gui.dialogs.member_dialog import MemberDialog

    dialog = MemberDialog(services.members)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(460, 420)
    dialog.reject()
    again = MemberDialog(services.members)
    qtbot.addWidget(again)
    assert again.size() == QSize(460, 420)
    assert not again.testAttribute(Qt.WidgetAttribute.WA_Moved)  # centred on its window


def test_the_screenshots_leave_no_window_place(tmp_path, services):
    """A window never on the screen (the screenshots', the self-test's) is not where the
    user left the program."""
    from desktop_app.gui.screenshots import take_screenshots

    take_screenshots(services, tmp_path / "shots")
    assert load_app_settings().windows == {}


def test_a_window_that_cannot_be_remembered_still_closes(qtbot, services, monkeypatch):
    def refuse(_settings):
        raise PermissionError("read-only profile")

    monkeypatch.setattr(window_geometry, "save_app_settings", refuse)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert window.close()


# --- the kind of mistake


def test_no_window_size_in_the_code_assumes_a_screen():
    """A window or dialog asks window_geometry.fit for its size; a bare resize(900, 600)
    or setMinimumSize(640, 560) would again push it off a small screen. (The screenshot
    command renders at 1366×768 on purpose; forms are generated from ui/ and sized by
    their dialog.)"""
    allowed = {GUI / "window_geometry.py", GUI / "screenshots.py"}
    fixed = re.compile(r"\.(resize|setMinimumSize|setFixedSize|setGeometry)\(\s*\d")
    found = [
        f"{path.relative_to(GUI)}:{number}: {line.strip()}"
        for path in sorted(GUI.rglob("*.py"))
        if path not in allowed and "forms" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if fixed.search(line)
    ]
    assert not found, "fixed window sizes:\n" + "\n".join(found)


SCALED = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from desktop_app.gui.app import make_application
    from desktop_app.gui.main_window import NAV_PAGES, MainWindow
    from desktop_app.gui.dialogs.member_dialog import MemberDialog
    from desktop_app.services.app import AppServices

    app = make_application([])
    services = AppServices.open(Path(sys.argv[1]))
    window = MainWindow(services)
    window.show()
    app.processEvents()
    screen = window.screen().availableGeometry()
    outside = []
    for page_id in NAV_PAGES:
        window.show_page(page_id)
        app.processEvents()
        if not screen.contains(window.frameGeometry()):
            outside.append([page_id, window.frameGeometry().getRect()])
    dialog = MemberDialog(services.members, parent=window)
    dialog.show()
    app.processEvents()
    if not screen.contains(dialog.frameGeometry()):
        outside.append(["member dialog", dialog.frameGeometry().getRect()])
    print(json.dumps({"screen": screen.getRect(), "outside": outside}))
    """
)


@pytest.mark.parametrize(
    ("width", "height", "scale", "logical"),
    [(1366, 728, "1.25", [0, 0, 1093, 582]), (1920, 1040, "1.5", [0, 0, 1280, 693])],
)
def test_the_window_fits_a_real_scaled_screen(tmp_path, services, width, height, scale, logical):
    """The program on a screen scaled as Windows scales it (the screen less its taskbar),
    in Chinese, every page shown in turn."""
    config = tmp_path / "screen.json"
    screens = [{"name": "office", "x": 0, "y": 0, "width": width, "height": height}]
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    path = services.db.path
    services.close()
    env = {
        **__import__("os").environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        "STUDIODESK_CONFIG_DIR": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCALED, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["screen"] == logical
    assert result["outside"] == []

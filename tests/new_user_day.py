"""A new user's first day, driven through the real program (run by tests/gui/
test_new_user_day.py in a process of its own, as a new user: tests/new_user.py).

    python -m tests.new_user_day OUT_DIR [--wizard-only]

The program starts as the ``studiodesk`` command does (desktop_app.launch.main); a timer
then works its windows as a user would: the set-up wizard, a member, an activity and its
attendance, the studio's income and an expense, an assessment scored and saved, a bundle
exported (into OUT_DIR), and the window closed. Buttons are clicked with the mouse, words
typed with the keyboard (Chinese as an input method hands it over), and a button is
pressed only if a user could: shown, enabled, on the screen, not behind a dialog, not cut
off or covered. Each finished step prints ``STEP <name>: …``.

What a user should never meet is printed as ``PROBLEM …`` (the run goes on): a message
box (but the attendance sheet's notice of changed states, printed as ``NOTE``), the crash
dialog, an exception reaching sys.excepthook, a window or dialog not
wholly on the screen's free area, words squeezed into a label too short for them. A step that cannot go on prints ``FAILED <step>: …``
and ends the process with exit code 2. Each problem and failure leaves a PNG of the
windows in OUT_DIR (``PNG <path>``).
"""

from __future__ import annotations

import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Generator
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
    QWizard,
)

USER = "李秘书"
STUDIO = "李老师名班主任工作室"
MEMBER = "王芳"
TOPIC = "主题班会设计研讨"
EXPENSE = "350"  # yuan
SCORE = 3  # points, or the indicator's maximum if lower
BUNDLE = "材料包.zip"
WAIT_S = 15  # for a window or a result to show
SLACK = 2  # px a wrapped label may lack (a descender) before its words are squeezed
EXPORT_WAIT_S = 90

# A step: a generator that yields what it waits for (a callable, true once there) and
# is sent the callable's value.
Wait = tuple[Callable[[], object], str, float]


class Failed(Exception):
    """The step cannot go on as a user would."""


class _NONE:  # noqa: N801 - what "nothing selected" reads as: no topic
    topic = None


def until(condition: Callable[[], object], what: str, seconds: float = WAIT_S) -> Wait:
    return condition, what, seconds


def shown(name: str) -> QWidget | None:
    """The visible window or dialog of the class named ``name`` (no import needed)."""
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and type(widget).__name__ == name:
            return widget
    return None


def gone(widget: QWidget) -> bool:
    return not widget.isVisible()


class Driver:
    def __init__(self, out: Path, wizard_only: bool):
        self.out = out
        self.step = "start"
        self.began = time.monotonic()
        self.step_began = self.began
        self.problems = 0
        self.outside: set[tuple] = set()
        self.squeezed: set[tuple] = set()
        self.seen: set[str] = set()
        self.shots = 0
        self.script = self.first_start() if wizard_only else self.day()
        self.waiting: Wait | None = None
        self.deadline = 0.0
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.timer.start(50)

    # --- the loop ---

    def tick(self) -> None:
        try:
            self.watch()
            value = None
            if self.waiting is not None:
                condition, what, seconds = self.waiting
                value = condition()
                if not value:
                    if time.monotonic() > self.deadline:
                        raise Failed(f"waited {seconds:.0f} s for {what}")
                    return
            self.waiting = self.script.send(value)
            self.deadline = time.monotonic() + self.waiting[2]
        except StopIteration:
            self.timer.stop()
        except Failed as failure:
            self.fail(str(failure))
        except Exception:  # the driver's own mistake: say where
            self.fail("driver error\n" + traceback.format_exc())

    def fail(self, reason: str) -> None:
        print(f"FAILED {self.step}: {reason}", flush=True)
        self.grab_all(self.step)
        print(f"PROBLEMS {self.problems}", flush=True)
        sys.stdout.flush()
        os._exit(2)  # the program would wait for a user who cannot go on

    def begin(self, step: str) -> None:
        self.step = step
        self.step_began = time.monotonic()

    def look(self) -> None:
        """What a user sees before she acts and after each step: the windows on the
        screen, their words legible."""
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the layouts settled
        self.check_windows()
        self.check_words()

    def done(self, text: str) -> None:
        self.look()
        window = shown("MainWindow")
        if window is not None:  # the page the step ends on, for whoever looks
            self.grab(window, self.step)
        now = time.monotonic()
        print(
            f"STEP {self.step}: {text} ({now - self.step_began:.1f} s, "
            f"{now - self.began:.1f} s in all)",
            flush=True,
        )

    # --- what a user should never meet ---

    def problem(self, text: str, widget: QWidget | None = None) -> None:
        self.problems += 1
        print(f"PROBLEM in {self.step}: {text}", flush=True)
        if widget is not None:
            self.grab(widget, self.step)

    def watch(self) -> None:
        from desktop_app.gui.crash import CrashDialog

        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, QMessageBox):
                text = widget.text().replace("\n", " ")
                if self.expected_notice(widget):
                    print(f"NOTE in {self.step}: “{widget.windowTitle()}”: {text}", flush=True)
                else:
                    self.problem(f"message box “{widget.windowTitle()}”: {text}", widget)
                widget.done(0)
            elif isinstance(widget, CrashDialog):
                self.problem("crash dialog:\n" + widget.report.toPlainText(), widget)
                widget.reject()
        self.check_windows()

    @staticmethod
    def expected_notice(box: QMessageBox) -> bool:
        """The one box a user meets by design on this day: the attendance sheet, saved,
        tells whose attendance state changed (information, never a warning or an error;
        whether a first session should change any state is issue 15's, not this test's)."""
        return box.icon() == QMessageBox.Icon.Information and box.windowTitle() == "考勤已保存"

    def check_windows(self) -> None:
        """Every window and dialog shown lies, with its frame, on the screen's free area."""
        area = QApplication.primaryScreen().availableGeometry()
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible() or widget.windowType() in (
                Qt.WindowType.Popup,
                Qt.WindowType.ToolTip,
            ):
                continue
            name = type(widget).__name__
            frame = widget.frameGeometry()
            if name not in self.seen:
                self.seen.add(name)
                print(f"SEEN {name} {_rect(frame)} on {_rect(area)}", flush=True)
                self.grab(widget, "seen")
            if not area.contains(frame):
                key = (name, _rect(frame))
                if key not in self.outside:
                    self.outside.add(key)
                    self.problem(
                        f"{name} “{widget.windowTitle()}” at {_rect(frame)} is not within "
                        f"the screen's free area {_rect(area)}",
                        widget,
                    )

    def check_words(self) -> None:
        """No line of words shown is squeezed into its neighbours: a label is as tall as
        its words need at its width (the result of an export squeezed into overlapping
        lines is legible to nobody)."""
        for window in QApplication.topLevelWidgets():
            if not window.isVisible() or window.windowType() in (
                Qt.WindowType.Popup,
                Qt.WindowType.ToolTip,
            ):
                continue
            squeezed = []
            for label in window.findChildren(QLabel):
                if not (label.isVisible() and label.text() and label.width() > 0):
                    continue
                needed = (
                    label.heightForWidth(label.width())
                    if label.wordWrap()
                    else label.minimumSizeHint().height()
                )
                key = (type(window).__name__, label.text())
                if label.height() < needed - SLACK and key not in self.squeezed:
                    self.squeezed.add(key)
                    squeezed.append(
                        f"“{_plain(label.text()).replace(chr(10), ' ')[:60]}” "
                        f"{label.height()} px high, needs {needed}"
                    )
            if squeezed:
                self.problem(
                    f"squeezed words in {type(window).__name__}: " + "; ".join(squeezed), window
                )

    def grab(self, widget: QWidget, label: str) -> None:
        self.shots += 1
        path = self.out / f"{self.shots:02d}-{label}-{type(widget).__name__}.png"
        if widget.grab().save(str(path)):
            print(f"PNG {path}", flush=True)

    def grab_all(self, label: str) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget.windowType() not in (
                Qt.WindowType.Popup,
                Qt.WindowType.ToolTip,
            ):
                self.grab(widget, label)

    # --- what a user can do ---

    def reach(self, widget: QWidget | None, what: str, part: QRect | None = None) -> None:
        """Fails unless a user can see and click ``widget`` (``part`` of it): shown and
        enabled, in the window in front, wholly on the screen, neither cut off nor
        covered. What a scroll area holds is scrolled to first, as a user would."""
        if widget is None:
            raise Failed(f"{what}: not there")
        part = part or widget.rect()
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea) and parent.widget() is not None:
                if parent.widget().isAncestorOf(widget):
                    parent.ensureWidgetVisible(widget, 0, 0)
            parent = parent.parentWidget()
        if not widget.isVisible():
            raise Failed(f"{what}: not shown")
        if not widget.isEnabled():
            raise Failed(f"{what}: not enabled")
        window = widget.window()
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not window and not modal.isAncestorOf(window):
            raise Failed(f"{what}: behind the dialog “{modal.windowTitle()}”")
        self.activate(widget)
        self.look()
        area = QApplication.primaryScreen().availableGeometry()
        on_screen = part.translated(widget.mapToGlobal(QPoint(0, 0)))
        if not area.contains(on_screen):
            raise Failed(f"{what}: at {_rect(on_screen)}, not within the screen {_rect(area)}")
        seen = _unclipped(widget, part)
        if seen != part:
            raise Failed(f"{what}: cut off, only {_rect(seen)} of {_rect(part)} can be seen")
        centre = widget.mapTo(window, part.center())
        at = window.childAt(centre)
        if at is not widget and not widget.isAncestorOf(at):
            raise Failed(f"{what}: covered by {type(at).__name__} {at.objectName()!r}")

    def activate(self, widget: QWidget) -> None:
        """The window a user works in is the active one (as a click on it makes it):
        a click then puts the keyboard focus where it puts it for her."""
        window = widget.window()
        if QApplication.activeWindow() is not window:
            window.activateWindow()
            QApplication.processEvents()
            if QApplication.activeWindow() is not window:
                raise Failed(f"the window “{window.windowTitle()}” cannot be made active")

    def click(self, widget: QWidget | None, what: str) -> None:
        """A mouse click, once the step's own code has returned: the button may open a
        dialog that waits (exec), and this timer is not run again until it returns."""
        self.reach(widget, what)
        QTimer.singleShot(0, lambda: QTest.mouseClick(widget, Qt.MouseButton.LeftButton))

    def type_into(self, edit: QLineEdit | QPlainTextEdit, text: str, what: str) -> None:
        """Click into the field, select what is there and type ``text``: key by key, or
        (Chinese) as an input method commits a word."""
        self.reach(edit, what)
        QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        if text.isascii():
            QTest.keyClicks(edit, text)
        else:
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(edit, event)
        typed = edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
        if typed != text:
            raise Failed(f"{what}: typed “{text}”, the field shows “{typed}”")

    def press(self, widget: QWidget, key: Qt.Key, what: str) -> None:
        self.reach(widget, what)
        QTest.keyClick(widget, key)

    def open_page(self, window, page_id: str, what: str) -> Generator[Wait, object, None]:
        """Click the page's name in the sidebar."""
        from desktop_app.gui.main_window import NAV_PAGES

        nav = window.nav
        item = nav.item(NAV_PAGES.index(page_id))
        nav.scrollToItem(item)
        place = nav.visualItemRect(item)
        self.reach(nav.viewport(), f"“{item.text()}” in the sidebar", place)
        QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=place.center())
        page = yield until(
            lambda: window.current_page_id() == page_id and window.current_page(), what
        )
        return page

    def form(self, opener, what: str, name: str, fields, save) -> Generator[Wait, object, None]:
        """Open the dialog of class ``name`` with the button ``opener``, type its
        ``fields(dialog)`` (field, words, what it is) and press ``save(dialog)``."""
        self.click(opener, what)
        dialog = yield until(lambda: shown(name), f"the dialog of {what}")
        for field, words, label in fields(dialog):
            self.type_into(field, words, label)
        self.click(save(dialog), f"{what}: {save(dialog).text()}")
        yield until(lambda: gone(dialog), f"the dialog of {what} to close")

    # --- the day ---

    def wizard(self) -> Generator[Wait, object, QWidget]:
        self.begin("wizard")
        wizard = yield until(lambda: shown("SetupWizard"), "the set-up wizard")
        self.click(wizard.button(QWizard.WizardButton.NextButton), "the welcome page's Next")
        yield until(lambda: wizard.currentPage() is wizard.user_page, "the page 我的姓名")
        self.type_into(wizard.user_page.user_edit, USER, "your name")
        self.click(wizard.button(QWizard.WizardButton.NextButton), "Next to the studio")
        page = wizard.studio_page
        yield until(lambda: wizard.currentPage() is page, "the studio page")
        self.type_into(page.name_edit, STUDIO, "the studio's name")
        self.type_into(page.school_edit, "第一中学", "the host school")
        self.type_into(page.district_edit, "江阴市", "the district")
        self.click(wizard.button(QWizard.WizardButton.FinishButton), "Create studio")
        window = yield until(lambda: shown("MainWindow"), "the main window")
        self.done(f"studio set up, main window “{window.windowTitle()}”")
        return window

    def first_start(self) -> Generator[Wait, object, None]:
        window = yield from self.wizard()
        self.begin("close")
        self.done("closing the window")
        QTimer.singleShot(0, window.close)

    def day(self) -> Generator[Wait, object, None]:
        window = yield from self.wizard()
        yield from self.add_member(window)
        yield from self.activity_and_attendance(window)
        yield from self.income_and_expense(window)
        yield from self.assessment(window)
        yield from self.export(window)
        self.begin("close")
        self.done("closing the window")
        QTimer.singleShot(0, window.close)

    def add_member(self, window) -> Generator[Wait, object, None]:
        self.begin("member")
        page = yield from self.open_page(window, "members", "the members page")
        yield from self.form(
            page.add_button,
            "Add member…",
            "MemberDialog",
            lambda d: [
                (d.ui.nameEdit, MEMBER, "the member's name"),
                (d.ui.schoolEdit, "第一中学", "the member's school"),
            ],
            lambda d: d.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save),
        )
        # the dialog is hidden a moment before the code after its exec() runs
        yield until(lambda: page.visible_names() == [MEMBER], f"{MEMBER} on the roster")
        self.done(f"{MEMBER} added")

    def activity_and_attendance(self, window) -> Generator[Wait, object, None]:
        self.begin("activity")
        page = yield from self.open_page(window, "activities", "the activities page")
        yield from self.form(
            page.new_button,
            "New activity…",
            "ActivityDialog",
            lambda d: [
                (d.topic_edit, TOPIC, "the topic"),
                (d.start_edit, "14:00", "the start time"),
                (d.end_edit, "16:00", "the end time"),
                (d.place_edit, "行政楼 301 室", "the place"),
            ],
            lambda d: d.buttons.button(QDialogButtonBox.StandardButton.Save),
        )
        yield until(
            lambda: (page.selected_activity() or _NONE).topic == TOPIC,
            "the new activity selected",
        )
        self.done(f"activity “{TOPIC}” logged")

        self.begin("attendance")
        self.click(page.attendance_button, "Take attendance…")
        sheet = yield until(lambda: shown("AttendanceDialog"), "the attendance sheet")
        self.press(sheet.table, Qt.Key.Key_1, "the sheet's first row (key 1: present)")
        if sheet.status_of(MEMBER) != "present":
            raise Failed(f"after the key 1, {MEMBER} is {sheet.status_of(MEMBER)!r}")
        self.click(sheet.save_button, "Save attendance")
        yield until(lambda: gone(sheet), "the attendance sheet to close")
        self.done(f"{MEMBER} marked present")

    def entry(self, page, button, what: str, fill) -> Generator[Wait, object, None]:
        """One ledger entry: the form, its check in words, then 确认记账."""
        self.click(button, what)
        dialog = yield until(lambda: shown("EntryDialog"), f"the dialog of {what}")
        fill(dialog)
        self.click(dialog.next_button, "Next: check the entry")
        yield until(dialog.confirming, "the entry in words to confirm")
        confirm = dialog.confirm.save_button
        if confirm.text() != "确认记账":
            raise Failed(f"the confirming button says “{confirm.text()}”")
        self.click(confirm, "确认记账")
        yield until(lambda: gone(dialog), "the entry dialog to close")

    def income_and_expense(self, window) -> Generator[Wait, object, None]:
        self.begin("income")
        page = yield from self.open_page(window, "funds", "the funds page")

        def income(dialog) -> None:
            # the school's grant, the first source, comes with its amount and purpose
            if not dialog.amount_edit.text():
                self.type_into(dialog.amount_edit, "30000", "the amount")
            if not dialog.purpose_edit.text():
                self.type_into(dialog.purpose_edit, "学校核拨专项经费", "the purpose")

        yield from self.entry(page, page.income_button, "Record income…", income)
        self.done(f"income recorded; {_plain(page.summary_text())}")

        self.begin("expense")

        def expense(dialog) -> None:
            self.type_into(dialog.amount_edit, EXPENSE, "the amount")
            self.press(dialog.category_combo, Qt.Key.Key_Down, "the category")
            if dialog.category_combo.currentIndex() < 0:
                raise Failed("the arrow key chose no category")
            self.type_into(dialog.payee_edit, "新华书店", "the payee")
            self.type_into(dialog.purpose_edit, "购买班主任工作用书", "the purpose")

        yield from self.entry(page, page.expense_button, "Record expense…", expense)
        self.done(f"expense of {EXPENSE} yuan recorded; {_plain(page.summary_text())}")

    def assessment(self, window) -> Generator[Wait, object, None]:
        self.begin("assessment")
        page = yield from self.open_page(window, "assessment", "the assessment page")
        self.click(page.new_button, "New…")
        dialog = yield until(lambda: shown("NewAssessmentDialog"), "the new assessment dialog")
        if dialog.member_shown():
            self.press(dialog.member_combo, Qt.Key.Key_Down, "the member")
        self.click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), "Create")
        yield until(lambda: gone(dialog), "the new assessment dialog to close")
        editor = page.editor
        yield until(lambda: editor.assessment_id is not None, "the new assessment in the editor")
        code = next(iter(editor.tree.edits))
        edit = editor.score_edit(code)
        editor.tree.scrollToItem(editor.item(code))  # as a user scrolls to it
        score = str(min(SCORE, edit.max_points))
        self.type_into(edit, score, f"the self-score of {code}")
        self.click(editor.save_button, "保存")
        yield until(lambda: not editor.is_dirty(), "the scores to be saved")
        if editor.problems_label.text():
            raise Failed(f"saving says: {editor.problems_label.text()}")
        self.done(f"assessment {editor.assessment_id} indicator {code} scored {score}")

    def export(self, window) -> Generator[Wait, object, None]:
        from desktop_app.gui import ask

        self.begin("export")
        target = self.out / BUNDLE
        asked: list[str] = []

        def save_file(parent, kind, title, suggested, filters, suffix, default=None):
            asked.append(suggested)  # the user accepts the folder she chose
            return target

        ask.save_file = save_file
        page = yield from self.open_page(window, "export", "the export page")
        self.click(page.export_button, "Export bundle…")
        yield until(lambda: asked, "the save dialog")
        yield until(lambda: page.last_result is not None, "the bundle", EXPORT_WAIT_S)
        result, verdict = page.last_result
        if not verdict.valid:
            raise Failed(f"the bundle does not verify: {verdict.reason}")
        self.done(f"bundle {result.path} written and checked")


def _unclipped(widget: QWidget, part: QRect) -> QRect:
    """What of ``part`` (in ``widget``'s coordinates) its parents leave to be seen: a
    scroll area's viewport, a splitter's pane, the window's edge cut it off."""
    seen = QRect(part)
    offset = QPoint(0, 0)  # of ``widget`` in the parent reached so far
    while not widget.isWindow():
        offset += widget.pos()
        widget = widget.parentWidget()
        seen = seen.intersected(widget.rect().translated(-offset))
    return seen


def _plain(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html).replace("&nbsp;", " ")


def _rect(rect: QRect) -> str:
    return f"{rect.x()},{rect.y()} {rect.width()}×{rect.height()}"


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    driver = Driver(out, wizard_only="--wizard-only" in sys.argv[2:])

    from desktop_app.gui import crash

    install = crash.install

    def install_and_watch() -> None:
        """The program's hook, and a line for every exception that reaches it."""
        install()
        program_hook = sys.excepthook

        def hook(kind, value, tb) -> None:
            driver.problem(
                "exception: " + "".join(traceback.format_exception(kind, value, tb)).strip()
            )
            program_hook(kind, value, tb)

        sys.excepthook = hook

    crash.install = install_and_watch
    from desktop_app.launch import main as start

    code = start([])
    print(f"PROBLEMS {driver.problems}", flush=True)
    del app
    return code


if __name__ == "__main__":
    sys.exit(main())

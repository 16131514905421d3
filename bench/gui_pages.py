"""Inside one GUI program (the pages probe): pages, the attendance sheet and two
interactions on the benchmark database, in milliseconds until painted."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from bench.paint import PaintWatch, drain, wait_painted

PAGES = ("members", "activities", "funds")


def _ms(start: float, end: float) -> float:
    return round((end - start) * 1000, 2)


def _timed(watch: PaintWatch, target: QWidget, action: Callable[[], object]) -> float:
    """``action`` then events until ``target`` (or a widget inside it) is painted."""
    drain()
    watch.watch(target)
    start = time.perf_counter()
    action()
    end = wait_painted(watch)
    watch.clear()
    return _ms(start, end)


def measure_pages(db: str) -> dict[str, float]:
    from desktop_app.domain.vocab import AttendanceStatus
    from desktop_app.gui import bus as topics
    from desktop_app.gui.app import make_application
    from desktop_app.gui.bus import ChangeBus
    from desktop_app.gui.dialogs.attendance_dialog import AttendanceDialog
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.pages.activities import ActivitiesPage
    from desktop_app.gui.pages.funds import FundsPage
    from desktop_app.gui.pages.members import MembersPage
    from desktop_app.services.app import AppServices
    from desktop_app.services.attendance import MarkInput

    make_application([])
    services = AppServices.open(__import__("pathlib").Path(db))
    watch = PaintWatch()
    out: dict[str, float] = {}
    window = MainWindow(services)
    out["main_window"] = _timed(watch, window, window.show)

    for page in PAGES:  # switching, as a click in the sidebar does
        window.show_page("overview")
        drain()
        # the whole window is watched: a page may be built on first showing, and so
        # must not be asked for (which could build it) before the clock starts
        out[f"switch:{page}"] = _timed(watch, window, lambda page=page: window.show_page(page))

    classes = {"members": MembersPage, "activities": ActivitiesPage, "funds": FundsPage}
    for page, cls in classes.items():  # built afresh: the page reads everything it shows
        spare_bus = ChangeBus()
        holder: dict[str, QWidget] = {}

        def build(cls=cls, holder=holder, spare_bus=spare_bus) -> None:
            holder["page"] = cls(services, spare_bus)
            window.stack.addWidget(holder["page"])
            window.stack.setCurrentWidget(holder["page"])

        out[f"build:{page}"] = _timed(watch, window.stack, build)
        window.show_page("members")
        window.stack.removeWidget(holder["page"])
        holder["page"].deleteLater()
        drain()

    activity = next(a for a in services.activities.list() if a.expected)
    drain()
    start = time.perf_counter()
    dialog = AttendanceDialog(services, activity.id, parent=window)  # a window of its own
    watch.watch(dialog)
    dialog.show()
    out["open:attendance"] = _ms(start, wait_painted(watch))
    watch.clear()
    dialog.close()
    dialog.deleteLater()

    # One mark changed and saved, as the attendance sheet's Save does; the window then
    # catches up (every page listening for attendance refreshes) and repaints.
    window.show_page("members")
    drain()
    sheet = services.attendance.sheet(activity.id)
    attended = {AttendanceStatus.PRESENT.code, AttendanceStatus.LATE.code}
    first = sheet.rows[0]
    flipped = AttendanceStatus.ABSENT.code if first.status in attended else "present"
    marks = [MarkInput(r.membership_id, r.status, r.note) for r in sheet.rows]
    marks[0] = MarkInput(first.membership_id, flipped, None)
    times: dict[str, float] = {}

    def save_and_announce() -> None:
        times["start"] = time.perf_counter()
        services.attendance.save_marks(activity.id, marks)
        times["saved"] = time.perf_counter()
        window.bus.announce(topics.ATTENDANCE)

    out["flags:window"] = _timed(watch, window.members_page, save_and_announce)
    out["flags:service"] = _ms(times["start"], times["saved"])

    members = window.members_page
    names = [r.name for r in services.members.roster(include_left=False)]
    letter = Counter(n[0] for n in names).most_common(1)[0][0]
    members.filter_edit.setFocus()
    shown = members.proxy.rowCount()

    def type_letter() -> None:  # a Chinese character arrives as the input method commits it
        event = QInputMethodEvent()
        event.setCommitString(letter)
        QApplication.sendEvent(members.filter_edit, event)

    out["filter:type"] = _timed(watch, members.table.viewport(), type_letter)
    if members.proxy.rowCount() == shown:
        raise RuntimeError("typing into the roster filter changed nothing")
    members.filter_edit.clear()
    drain()
    window.close()
    services.close()
    return out

"""Starting the GUI: language, font, the database (or the first-start wizard), the window."""

from __future__ import annotations

import errno
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.app_settings import load_app_settings, save_app_settings, without_credentials
from desktop_app.domain import messages
from desktop_app.fonts import find_cjk_font
from desktop_app.gui import crash
from desktop_app.gui.i18n import install_translators
from desktop_app.gui.single_instance import WINDOW, DatabaseLock, LockUnavailable
from desktop_app.paths import default_db_path, demo_db_path, resource
from desktop_app.services.app import AppServices
from desktop_app.store.db import is_server

LOG = logging.getLogger("studiodesk")
START_LIMIT_MS = 10_000  # garbage collection paused at most this long at start (launch)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("StudioDesk")
    app.setOrganizationName("StudioDesk")
    settings = load_app_settings()
    messages.set_language(settings.language)
    install_translators(app, settings.language)
    setup_font(app)
    style = resource("styles", "app.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def setup_font(app: QApplication) -> str | None:
    """Use a CJK TrueType font for the UI; return its family, or None when there is none."""
    path = find_cjk_font()
    if path is None:
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(families[0])
    font.setPointSize(10)
    app.setFont(font)
    return families[0]


def warn_missing_font_once() -> None:
    settings = load_app_settings()
    if find_cjk_font() is None and not settings.font_warning_shown:
        text = messages.text("no_cjk_font_screen")
        print(text, file=sys.stderr)
        QMessageBox.warning(None, "StudioDesk", text)
        settings.font_warning_shown = True
        try:
            save_app_settings(settings)
        except OSError as error:  # said again next time; not a reason to stop
            LOG.warning("cannot save the settings: %s", error)


def open_or_set_up(db_path: Path, check: bool = True) -> AppServices | None:
    """The studio's services, after the first-start wizard when the database is new.
    Choosing the demo opens the demo's own database instead."""
    from desktop_app.gui.session import open_services

    services = open_services(db_path, check=check)
    if services is None:
        return None
    if services.needs_sign_in:  # the host turned accounts on for this PC
        from desktop_app.gui.sign_in import sign_in_on_file

        if not sign_in_on_file(services):
            services.close()
            return None
    if services.studio.exists() or services.read_only is not None:
        return services
    from desktop_app.gui.wizard import DEMO, ON_SERVER, SetupWizard  # first start only

    wizard = SetupWizard(services.studio)
    wizard.exec()
    if wizard.outcome == DEMO:
        services.close()
        return open_demo(db_path.parent)
    if wizard.outcome == ON_SERVER and wizard.server_services is not None:
        services.close()  # (the empty file stays: nothing in it, used again if switched back)
        return wizard.server_services
    if not services.studio.exists():
        services.close()
        return None
    return services


def open_demo(data_dir: Path) -> AppServices:
    from desktop_app.demo.builder import build_demo

    path = demo_db_path(data_dir)
    if not path.exists():
        build_demo(path)
    return AppServices.open(path, user=load_app_settings().user_name)


def run_gui(db_path: Path | str | None, ready: Callable[[], None]) -> int:
    """``db_path``: a file, a server's URL (its user and password, if any, are not used:
    the sign-in asks), or None: what the settings name. ``ready``: start-up is over (the
    entry point resumes garbage collection)."""
    app = make_application()
    # Collection resumes at the first paint (below); at the latest after a while, if a
    # dialog (the set-up wizard, a damaged database) comes first.
    QTimer.singleShot(START_LIMIT_MS, ready)
    crash.install()
    warn_missing_font_once()
    server = load_app_settings().server if db_path is None else ""
    if db_path is not None and is_server(db_path):
        server = without_credentials(str(db_path))
    if server:
        return run_on_server(server, app, ready)
    db_path = Path(db_path) if db_path is not None else None
    chosen = db_path is not None
    if db_path is None:
        data_dir = load_app_settings().data_dir
        db_path = default_db_path(Path(data_dir) if data_dir else None)
    db_path = with_folder(db_path, remember=not chosen)
    if db_path is None:
        return 1
    from desktop_app.store.audit import current_user

    # named in the note beside the lock: a command refused meanwhile says who has it open
    lock = DatabaseLock(db_path, user=load_app_settings().user_name or current_user())
    try:
        if not lock.acquire():
            return 0 if lock.ask_running_to_show() else _say_open_elsewhere(lock)
    except LockUnavailable as error:
        head = QCoreApplication.translate(
            "App", "StudioDesk cannot mark the database as open (a small lock file) in the folder"
        )
        _tell_start_problem(folder_problem_text(head, error.folder, error.cause))
        return 1
    try:
        # the whole-file check runs just after the window shows, not before
        services = open_or_set_up(db_path, check=False)
        if services is None:
            return 0
        # A start on the same database meanwhile says it is open rather than raising
        # this window, as it does while this one is being built.
        return run_window(
            app, services, ready, lambda session: lock.serve(lambda: bring_forward(session.window))
        )
    finally:
        lock.release()


def run_window(
    app: QApplication,
    services: AppServices,
    ready: Callable[[], None],
    serve: Callable[[object], None] | None = None,
) -> int:
    """The window on ``services`` until the program ends. Once it has painted: ``serve``
    (given the session), the database's check (~30 ms per 25 MB of a file, read whole;
    start's check_soon, a zero timer, would run before that paint) and ``ready``."""
    from desktop_app.gui.session import StudioSession

    session = StudioSession(services.db.path, services)
    if session.start() is None:
        session.close()
        return 1  # too damaged to show, and no backup restored
    if serve is not None:
        after_first_paint(session.window, lambda: serve(session), session)
    after_first_paint(session.window, session.check_database, parent=session)
    after_first_paint(session.window, ready, parent=session)
    try:
        return app.exec()
    finally:
        session.on_exit()
        session.close()


def run_on_server(server: str, app: QApplication, ready: Callable[[], None]) -> int:
    """The window on the school server's database the settings name (issue 18): signed in
    first (Cancel quits); no lock file — the server lets several PCs work at once."""
    from desktop_app.gui.sign_in import open_server

    services = open_server(server)
    if services is None:
        return 0
    return run_window(app, services, ready)


def with_folder(db_path: Path, remember: bool) -> Path | None:
    """``db_path`` once its folder is made, with its parents, before anything needs it
    (the lock, the database, the demo). A folder that cannot be made is told with the
    system's reason, and the user may choose another (kept as the data folder when the
    path was not given on the command line). None: the user gave up."""
    while True:
        folder = db_path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return db_path
        except OSError as error:
            head = QCoreApplication.translate("App", "StudioDesk cannot make its data folder")
            other = ask_for_another_folder(folder_problem_text(head, folder, error))
        if other is None:
            return None
        if remember:
            settings = load_app_settings()
            settings.data_dir = str(other)
            save_app_settings(settings)
        db_path = other / db_path.name


def _reason(error: OSError | None) -> str:
    """The system's reason in the user's words."""
    code = error.errno if error is not None else None
    if code == errno.ENOENT:
        return QCoreApplication.translate(
            "App", "This place does not exist (is a USB stick or a network drive missing?)."
        )
    if code in (errno.ENOTDIR, errno.EEXIST):
        return QCoreApplication.translate("App", "Part of this path is a file, not a folder.")
    if code in (errno.EACCES, errno.EPERM):
        return QCoreApplication.translate("App", "You are not allowed to write there.")
    if code == errno.EROFS:
        return QCoreApplication.translate("App", "The disk is read-only.")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return QCoreApplication.translate("App", "The disk is full.")
    return QCoreApplication.translate("App", "The system did not allow it.")


def folder_problem_text(head: str, folder: Path, error: OSError | None) -> str:
    """What happened (``head``), the folder, the system's reason and what to do; also
    written to the log and to stderr (a start from a terminal shows it there)."""
    text = head + ":\n" + str(folder) + "\n\n" + _reason(error)
    if error is not None and error.strerror:
        text += " " + QCoreApplication.translate("App", "(The system says: %1)").replace(
            "%1", error.strerror
        )
    text += "\n\n" + QCoreApplication.translate(
        "App",
        "Choose another folder for StudioDesk's records, or ask whoever looks after this "
        "computer to make this folder writable.",
    )
    LOG.error("%s", text.replace("\n", " "))
    print(text, file=sys.stderr)
    return text


def ask_for_another_folder(text: str) -> Path | None:
    """Tell why the data folder cannot be used; the folder chosen instead, or None to
    quit. Tests replace this."""
    from desktop_app.gui import ask

    box = QMessageBox(QMessageBox.Icon.Critical, "StudioDesk", text)
    choose = box.addButton(
        QCoreApplication.translate("App", "Choose another folder…"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QCoreApplication.translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not choose:
        return None
    return ask.choose_folder(
        None,
        ask.DATA,
        QCoreApplication.translate("App", "A folder for StudioDesk's records"),
    )


def _tell_start_problem(text: str) -> None:
    """A problem before any window (tests replace this)."""
    QMessageBox.critical(None, "StudioDesk", text)


class _FirstPaint(QObject):
    def __init__(
        self, widget: QWidget, action: Callable[[], object], parent: QObject, limit_ms: int
    ):
        super().__init__(parent)
        self.widget = widget
        self.action = action
        self.done = False
        widget.installEventFilter(self)
        QTimer.singleShot(limit_ms, self, self.run)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and not self.done:
            QTimer.singleShot(0, self, self.run)  # once this paint is on the screen
        return False

    def run(self) -> None:
        if self.done:
            return
        self.done = True
        try:
            self.widget.removeEventFilter(self)
        except RuntimeError:  # the widget is gone (a restore replaced the window)
            pass
        self.deleteLater()
        self.action()


def after_first_paint(
    widget: QWidget, action: Callable[[], object], parent: QObject, limit_ms: int = 1000
) -> None:
    """Run ``action`` once, just after ``widget`` is first painted — or after ``limit_ms``
    if it is not (a window started minimised). ``parent`` owns the wait: when it goes,
    the action is dropped."""
    _FirstPaint(widget, action, parent, limit_ms)


def bring_forward(window: QWidget) -> None:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def _say_open_elsewhere(lock: DatabaseLock) -> int:
    """The database is held by a program that does not answer (another user's session,
    another computer on a shared folder, a command importing into it): say who, instead
    of opening it twice."""
    holder = lock.holder()
    if holder is not None and holder.since is not None:
        where = (
            QCoreApplication.translate("App", "%1, computer %2, since %3")
            .replace("%1", holder.user or "—")
            .replace("%2", holder.host)
            .replace("%3", holder.since.strftime("%Y-%m-%d %H:%M"))
        )
    elif holder is not None:
        where = (
            QCoreApplication.translate("App", "process %1 on %2")
            .replace("%1", str(holder.pid))
            .replace("%2", holder.host)
        )
    else:
        where = QCoreApplication.translate("App", "another program")
    if holder is not None and holder.program != WINDOW:
        text = QCoreApplication.translate(
            "App",
            "A command is changing this database (%1):\n%2\n\nStart StudioDesk again once "
            "it has finished.",
        )
    else:
        text = QCoreApplication.translate(
            "App",
            "This database is already open (%1):\n%2\n\nClose StudioDesk there first; "
            "two programs writing one database could lose records.",
        )
    QMessageBox.information(
        None, "StudioDesk", text.replace("%1", where).replace("%2", str(lock.path))
    )
    return 1

"""One database open in the GUI: opening it (a damaged file is one click from its last
good backup), its main window with the banners a read-only database or a network share
call for, the automatic backups (once a day while running, and on exit), and restoring a
backup (close, restore, reopen)."""

from __future__ import annotations

import datetime as dt
import html
import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from desktop_app.app_settings import load_app_settings
from desktop_app.domain.problems import StorageError
from desktop_app.gui import labels, window_geometry
from desktop_app.gui.preparer import Preparer
from desktop_app.services.app import AppServices
from desktop_app.services.backup import (
    BackupError,
    BackupFailure,
    BackupInfo,
    BackupService,
    RestoreResult,
)
from desktop_app.store import faults

LOG = logging.getLogger("studiodesk")
CHECK_INTERVAL_MS = 30 * 60 * 1000  # is today's automatic backup made yet?
FIRST_CHECK_MS = 2 * 60 * 1000  # not at once: the user has just started working
TELL_WAIT_MS = 400  # closing waits longer than this for its backup: say so
EXIT_RETRY_S = 1.0  # a failed backup on closing is tried once more after this pause


def tr(text: str) -> str:
    # lupdate files the calls of a module-level tr() under the empty context
    return QCoreApplication.translate("", text)


def _reasons(error: BaseException) -> str:
    if isinstance(error, BackupError):
        return "；".join(error.problems)
    return str(error) or type(error).__name__


# ----------------------------------------------------------------- opening at start


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    return next((b for b in BackupService(db_path).list() if b.ok), None)


def ask_about_damage(db_path: Path, error: StorageError, latest: BackupInfo | None) -> Path | None:
    """The database is damaged: restore the latest good backup, choose a backup file, or
    quit (None). Tests replace this."""
    from desktop_app.gui import ask

    box = QMessageBox(QMessageBox.Icon.Critical, "StudioDesk", "")
    text = tr("The database cannot be used:\n%1\n\n%2").replace("%1", str(db_path))
    text = text.replace("%2", str(error))
    restore_latest: QPushButton | None = None
    if latest is not None:
        text += "\n\n" + tr(
            "The latest good backup was made on %1. Restoring it keeps the damaged file "
            "as a backup too."
        ).replace("%1", latest.created.strftime("%Y-%m-%d %H:%M"))
        restore_latest = box.addButton(
            tr("Restore the latest backup"), QMessageBox.ButtonRole.AcceptRole
        )
    else:
        text += "\n\n" + tr("There is no backup beside the database. Choose a backup file.")
    box.setText(text)
    choose = box.addButton(tr("Choose a backup file…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore_latest is not None and clicked is restore_latest:
        return latest.path
    if clicked is choose:
        return ask.open_file(
            None,
            ask.BACKUP,
            tr("Restore from a backup file"),
            tr("StudioDesk backups (*.zip)"),
            default=BackupService(db_path).directory,
        )
    return None


def tell(text: str, error: bool = False) -> None:
    """A message box at start, before any window. Tests replace this."""
    if error:
        QMessageBox.warning(None, "StudioDesk", text)
    else:
        QMessageBox.information(None, "StudioDesk", text)


def restored_text(result: RestoreResult) -> str:
    text = tr("Restored the backup made on %1.").replace(
        "%1", result.backup_created.strftime("%Y-%m-%d %H:%M")
    )
    if result.kept is not None:
        text += "\n" + tr("The database it replaced is kept as %1.").replace("%1", str(result.kept))
    return text


def user_name() -> str:
    """The name of the person at this computer (the wizard and Settings ask for it),
    given to every database the GUI opens; empty until they give it."""
    return load_app_settings().user_name


def _open(db_path: Path, check: bool = True) -> AppServices:
    return AppServices.open(db_path, check=check, user=user_name())


def open_services(db_path: Path, check: bool = True) -> AppServices | None:
    """The services of ``db_path``; a damaged database is offered its latest good backup
    (or a chosen file) until it opens or the user gives up (None). ``check`` False
    leaves SQLite's quick check of the whole file to ``StudioSession.check_database``,
    just after the window shows (it reads every page: a big database starts sooner)."""
    while True:
        try:
            return _open(db_path, check=check)
        except StorageError as error:
            LOG.warning("cannot open %s: %s", db_path, error)
            if error.kind != "corrupt":
                tell(str(error), error=True)
                return None
            choice = ask_about_damage(db_path, error, latest_good_backup(db_path))
            if choice is None:
                return None
            try:
                result = BackupService(db_path).restore(choice)
            except BackupError as refused:
                tell(tr("The backup was not restored: %1").replace("%1", _reasons(refused)), True)
                continue
            LOG.info("restored %s from %s", db_path, choice)
            tell(restored_text(result))


# ------------------------------------------------------------------- while it runs


class _BackupThread(QThread):
    """A backup off the GUI thread (it opens its own SQLite connection)."""

    outcome = Signal(object)  # BackupInfo, or the exception

    def __init__(self, work: Callable[[], BackupInfo | None]):
        super().__init__()
        self.work = work

    def run(self) -> None:
        try:
            self.outcome.emit(self.work())
        except Exception as error:  # told in a banner; the program goes on
            self.outcome.emit(error)


def _exit_backup(backups: BackupService) -> BackupInfo | None:
    """The backup on closing, tried once more after a pause when it fails: a fault that
    passes (the disk waking up, another program's moment on the file) is no reason to
    close without one."""
    try:
        return backups.on_exit()
    except (BackupError, OSError) as error:
        LOG.warning("backup on exit failed, trying once more: %s", error)
        time.sleep(EXIT_RETRY_S)
        return backups.on_exit()


def wait_telling(thread: _BackupThread, text: str) -> object:
    """Run ``thread`` and wait for its outcome; when that takes a while, a small window
    says what the program is waiting for (the main window may be gone already)."""
    outcome: list[object] = []
    thread.outcome.connect(outcome.append)
    loop = QEventLoop()
    thread.finished.connect(loop.quit)
    notice = QProgressDialog(text, "", 0, 0)  # a busy bar; nothing to cancel
    notice.setObjectName("waitNotice")
    notice.setCancelButton(None)
    notice.setWindowTitle("StudioDesk")
    notice.setMinimumDuration(0)
    notice.reset()  # QProgressDialog shows itself on its own timer otherwise
    QTimer.singleShot(TELL_WAIT_MS, notice, notice.show)
    thread.start()
    loop.exec()  # ends at the thread's `finished`, queued after its outcome
    notice.close()
    notice.deleteLater()
    thread.wait()
    return outcome[0] if outcome else None


class StudioSession(QObject):
    """The open database and its window. ``window_changed`` tells the new window after a
    restore (the single-instance server brings that one forward)."""

    window_changed = Signal(object)

    def __init__(self, db_path: Path, services: AppServices, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.services = services
        self.window = None
        self.backup_thread: _BackupThread | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.backup_if_due)
        self.first_check = QTimer(self)  # owned, so it dies with the session
        self.first_check.setSingleShot(True)
        self.first_check.setInterval(FIRST_CHECK_MS)
        self.first_check.timeout.connect(self.backup_if_due)
        self.preparer = Preparer(self.db_path, parent=self)

    # --- the window

    def start(self, check_soon: bool = False):
        """Show the window. ``check_soon``: the database was opened without its quick
        check; run it as soon as the window has shown."""
        try:
            self.window = self._make_window()
        except StorageError as error:
            # (a row another tool wrote past the database's rules reads like damage: it
            # is named, and an earlier backup offered)
            if error.kind not in ("corrupt", "invalid_row"):
                raise
            return self._recover(error)  # the first page could not be read
        self.window.show()
        failure = self.services.backups.last_failure()
        if failure is not None and self.services.read_only is None:
            self.window.show_banner("backup", labels.backup_failure(failure), "error")
        self.timer.start()
        self.first_check.start()
        self._prepare_ahead()
        if check_soon:
            QTimer.singleShot(0, self, self.check_database)
        return self.window

    def _prepare_ahead(self) -> None:
        """Bundles made ahead after each quiet spell (not on a database that cannot be
        written: its documents could not be kept; not where accounts are on — a server,
        or a file whose host turned them on — as the command that prepares them would
        need the account's password; issue 20 brings the pre-pass into the program)."""
        db = self.services.db
        if self.services.read_only is not None or self.window is None or db.accounts_required:
            return
        self.window.bus.changed.connect(self.preparer.schedule)
        self.preparer.schedule()

    def _recover(self, error: StorageError):
        """The database is too damaged to show: offer the latest good backup (or a file)
        until one is restored and shows; None when the user gives up."""
        LOG.warning("%s: %s", self.db_path, error)
        while True:
            choice = ask_about_damage(self.db_path, error, latest_good_backup(self.db_path))
            if choice is None:
                return None
            self.services.close()
            try:
                result = BackupService(self.db_path).restore(choice)
            except BackupError as refused:
                tell(tr("The backup was not restored: %1").replace("%1", _reasons(refused)), True)
                self.services = _open(self.db_path, check=False)
                continue
            self.services = _open(self.db_path)
            tell(restored_text(result))
            if not self._signed_in_again():
                return None
            return self.start()

    def check_database(self) -> bool:
        """SQLite's quick check; damage found is offered the latest good backup (as at
        start), or stays in a banner. True when the database is sound."""
        try:
            self.services.db.check()
        except StorageError as error:
            LOG.warning("%s: %s", self.db_path, error)
            choice = ask_about_damage(self.db_path, error, latest_good_backup(self.db_path))
            if choice is not None:
                self.restore(choice)
            elif self.window is not None:
                self.window.show_banner("damaged", str(error), "error")
            return False
        return True

    def _make_window(self):
        from desktop_app.gui.main_window import MainWindow

        window = MainWindow(self.services)
        window.restore_requested.connect(self.restore)
        window.sign_out_requested.connect(self.switch_account)
        reason = self.services.read_only
        if reason is not None:
            window.show_banner(
                "read-only",
                tr(
                    "Opened read-only (%1). You can look, print and export, but nothing "
                    "can be saved and no backup is made. To work on it, copy the database "
                    "with its files folder to a folder you can write to."
                ).replace("%1", reason),
                "error",
            )
        if faults.on_network_share(self.db_path):
            window.show_banner(
                "network",
                tr(
                    "The database is on a network share (%1). SQLite cannot lock files "
                    "reliably there: records can be lost if two computers open it, or if "
                    "the network drops during a save. Keep the database on this computer "
                    "and use the Backups page to copy it elsewhere."
                ).replace("%1", str(self.db_path.parent)),
            )
        self._ask_for_name(window)
        return window

    def _ask_for_name(self, window) -> None:
        """No name given on this computer yet (a studio set up before the wizard asked
        for it): say so above every page, with the way to Settings, until it is given."""
        if self.services.read_only is not None or user_name() or self.services.account:
            return  # (an account signs with its own name)
        from desktop_app.store.audit import current_user

        text = tr(
            "Your name is not filled in yet: what you record now is signed with this "
            "computer's account name “%1”. %2"
        ).replace("%1", html.escape(current_user()))
        link = tr("Fill in my name in Settings")
        label = window.show_banner("user", text.replace("%2", f'<a href="settings">{link}</a>'))
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.linkActivated.connect(lambda _link: window.show_page("settings"))

        def given(_name: str) -> None:
            if user_name():
                label.setVisible(False)

        window.user_named.connect(given)

    # --- automatic backups

    def backup_if_due(self, wait: bool = False) -> None:
        """Today's automatic backup, in a thread, when none was made today."""
        if self.services.read_only is not None or self.backup_thread is not None:
            return
        try:
            due = self.services.backups.due_daily()
        except OSError as error:
            LOG.warning("cannot look at the backups: %s", error)
            return
        if not due:
            return
        backups = self.services.backups
        thread = _BackupThread(lambda: backups.backup_now("auto"))
        thread.outcome.connect(self._backed_up)
        thread.finished.connect(self._backup_thread_done)
        self.backup_thread = thread
        thread.start()
        if wait:
            self.wait_for_backup()

    def wait_for_backup(self) -> None:
        thread = self.backup_thread
        if thread is not None:
            thread.wait()
            QCoreApplication.sendPostedEvents()  # deliver its outcome now
            self._backup_thread_done()

    def _backup_thread_done(self) -> None:
        if self.backup_thread is not None:
            self.backup_thread.deleteLater()
        self.backup_thread = None

    def _backed_up(self, outcome) -> None:
        if isinstance(outcome, BaseException):
            LOG.warning("automatic backup failed: %s", outcome)
            if self.window is not None:
                failure = BackupFailure(dt.datetime.now(), _reasons(outcome))
                self.window.show_banner("backup", labels.backup_failure(failure), "error")
            return
        LOG.info("automatic backup %s", outcome.path)
        if self.window is not None and "backup" in self.window.banners:
            self.window.banners["backup"].setVisible(False)

    def on_exit(self) -> BackupInfo | None:
        """The backup made when the program closes (nothing when nothing changed since
        today's, or when the database is read-only). The background work is stopped and
        this process's own connections are closed first (the write-ahead log goes into
        the file), so the copy reads a database nothing else here is using. A failure
        is logged and kept in the backups folder: the next start and the Backups page
        show it."""
        self.timer.stop()
        self.first_check.stop()
        self.preparer.stop()
        self.wait_for_backup()
        if self.services.read_only is not None:
            return None
        self.services.close()
        backups = self.services.backups
        outcome = wait_telling(
            _BackupThread(lambda: _exit_backup(backups)),
            tr("Making the backup before closing. This takes a moment…"),
        )
        if isinstance(outcome, BaseException):
            LOG.warning("backup on exit failed: %s", _reasons(outcome))
            return None
        return outcome

    # --- restoring

    def inform(self, text: str, error: bool = False) -> None:
        """Tests replace this."""
        parent: QWidget | None = self.window
        if error:
            QMessageBox.warning(parent, "StudioDesk", text)
        else:
            QMessageBox.information(parent, "StudioDesk", text)

    def restore(self, backup: Path) -> RestoreResult | None:
        """Close the database, put the backup in its place (the service checks it first
        and keeps what it replaces), reopen it in a new window."""
        self.preparer.stop()
        self.wait_for_backup()
        old = self.window
        if old is not None:
            old.setEnabled(False)
            window_geometry.remember(old)  # the new window opens where this one is
        self.services.close()
        result: RestoreResult | None = None
        failure = ""
        try:
            result = BackupService(self.db_path).restore(Path(backup))
        except BackupError as error:
            failure = _reasons(error)
        self.services = _open(self.db_path)
        if not self._signed_in_again():
            if old is not None:
                old.close()
            QCoreApplication.quit()
            return result
        self.window = self._make_window()
        self.window.show()
        self.window.show_page("backups")
        self._prepare_ahead()
        if old is not None:  # after the new one shows: the program must not quit between
            old.close()
            old.deleteLater()
        self.window_changed.emit(self.window)
        if result is None:
            self.inform(tr("The backup was not restored: %1").replace("%1", failure), error=True)
        else:
            LOG.info("restored %s from %s", self.db_path, backup)
            self.inform(restored_text(result))
        return result

    # --- accounts

    def _signed_in_again(self) -> bool:
        """After the database was opened anew (a restore): sign in when its accounts are
        on. False: the user quit."""
        if not self.services.needs_sign_in:
            return True
        from desktop_app.gui.sign_in import sign_in_on_file

        return sign_in_on_file(self.services)

    def switch_account(self) -> None:
        """切换账号/退出登录: the window closes, the sign-in dialog asks again, and a new
        window opens for whoever signs in; Quit there ends the program."""
        from desktop_app.app_settings import without_credentials
        from desktop_app.gui.sign_in import open_server, sign_in_on_file

        self.wait_for_backup()  # (a server's daily backup runs while the program does)
        old = self.window
        if old is not None:
            old.setEnabled(False)
            window_geometry.remember(old)
        if self.services.db.server:
            server = without_credentials(
                self.services.db.engine.url.render_as_string(hide_password=False)
            )
            self.services.close()
            services = open_server(server, silent=False)
        else:
            self.services.account = None
            self.services.db.role = None
            services = self.services if sign_in_on_file(self.services) else None
        if services is None:
            if old is not None:
                old.close()
            QCoreApplication.quit()
            return
        self.services = services
        self.window = self._make_window()
        self.window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        self.window_changed.emit(self.window)

    def close(self) -> None:
        self.timer.stop()
        self.first_check.stop()
        self.preparer.stop()
        self.wait_for_backup()
        self.services.close()

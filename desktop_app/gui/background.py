"""Long work (writing a bundle, reading a folder of bundles) off the GUI thread, with a
progress dialog whose Cancel button works.

``run_with_progress`` starts ``work(report, cancelled)`` in a QThread: ``report(fraction,
what)`` moves the bar (0..1) and names the step, ``cancelled()`` says whether the user
pressed Cancel (the work raises zipwrite.Cancelled when it notices). The outcome comes
back on the GUI thread through one of three callbacks. The work must not touch widgets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.bundle.zipwrite import Cancelled

STEPS = 1000  # the progress bar's resolution


class BackgroundTask(QThread):
    progressed = Signal(float, str)
    succeeded = Signal(object)  # what the work returned
    failed = Signal(object)  # the exception it raised
    cancelled = Signal()

    def __init__(self, work: Callable[[Callable[[float, str], None], Callable[[], bool]], object]):
        super().__init__()
        self._work = work
        self._stop = threading.Event()
        app = QCoreApplication.instance()
        if app is not None:  # quitting while the work runs: stop it, then let it end
            app.aboutToQuit.connect(self._stop_and_wait)

    def cancel(self) -> None:
        self._stop.set()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    def _stop_and_wait(self) -> None:
        self._stop.set()
        self.wait()

    def run(self) -> None:
        try:
            result = self._work(self._report, self._stop.is_set)
        except Cancelled:
            self.cancelled.emit()
        except Exception as error:  # shown to the user; the program goes on
            self.failed.emit(error)
        else:  # done, even if Cancel came too late to stop it: what was made stays
            self.succeeded.emit(result)

    def _report(self, fraction: float, what: str) -> None:
        self.progressed.emit(float(fraction), what)


def run_with_progress(
    parent: QWidget,
    title: str,
    label: str,
    cancel_text: str,
    work: Callable[[Callable[[float, str], None], Callable[[], bool]], object],
    on_success: Callable[[object], None],
    on_failure: Callable[[BaseException], None],
    on_cancel: Callable[[], None],
    indeterminate: bool = False,
) -> BackgroundTask:
    """Start ``work`` in a thread behind a window-modal progress dialog. Keep the returned
    task until one of the callbacks has run (the page's "busy" state). An empty
    ``cancel_text`` shows no Cancel button (work that cannot stop half-way);
    ``indeterminate`` shows a busy bar for work that does not report how far it got."""
    dialog = QProgressDialog(label, cancel_text, 0, 0 if indeterminate else STEPS, parent)
    if not cancel_text:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(460)
    dialog.setValue(0)

    task = BackgroundTask(work)
    task.dialog = dialog

    def progressed(fraction: float, what: str) -> None:
        if task.is_cancelled() or indeterminate:
            return
        dialog.setValue(max(0, min(STEPS, round(fraction * STEPS))))
        if what:
            dialog.setLabelText(f"{label}\n{what}")

    def cancel() -> None:
        task.cancel()

    def done() -> None:
        dialog.canceled.disconnect(cancel)
        dialog.close()
        dialog.deleteLater()
        task.deleteLater()

    outcome: dict[str, object] = {}

    task.progressed.connect(progressed)
    task.cancelled.connect(lambda: outcome.setdefault("cancelled", True))
    task.succeeded.connect(lambda result: outcome.setdefault("result", result))
    task.failed.connect(lambda error: outcome.setdefault("error", error))

    def finished() -> None:
        done()
        if "error" in outcome:
            on_failure(outcome["error"])
        elif "cancelled" in outcome:
            on_cancel()
        else:
            on_success(outcome.get("result"))

    task.finished.connect(finished)
    dialog.canceled.connect(cancel)
    dialog.show()
    task.start()
    return task

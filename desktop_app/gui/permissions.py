"""What the signed-in account's role may not do, kept off the screen (issue 18): one call
per action, ``guard(widget, services, capability)``. The use cases refuse anyway
(services/guard.py); the GUI only spares the user the refusal.

A guarded button or action the role may not use stays disabled whatever its page does
with it later (a page enables its Edit button when a row is chosen), and its tooltip says
why (``AppServices.why_not``: 秘书账号不能关闭期间，请主持人操作。). ``hide`` takes it off
the screen instead, where a disabled control would only confuse (a host-only form on a
page a viewer reads). Nothing is guarded while accounts are off: ``why_not`` is None."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

GUARD = "studiodeskGuard"  # the property a guarded control carries: the reason


def reason(services, capability) -> str | None:
    """Why the signed-in account may not do ``capability``; None when it may."""
    why_not = getattr(services, "why_not", None)
    return why_not(capability) if why_not is not None else None


class _KeepDisabled(QObject):
    """Undoes every later ``setEnabled(True)`` and tooltip change of a guarded widget."""

    def __init__(self, widget: QWidget, why: str):
        super().__init__(widget)
        self.why = why

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.EnabledChange and obj.isEnabled():
            obj.setEnabled(False)
        elif kind == QEvent.Type.ToolTipChange and obj.toolTip() != self.why:
            obj.setToolTip(self.why)
        return False


def _keep_action_disabled(action: QAction, why: str) -> None:
    def changed() -> None:
        if action.isEnabled():
            action.setEnabled(False)
        if action.toolTip() != why:
            action.setToolTip(why)
            action.setStatusTip(why)

    action.changed.connect(changed)
    changed()


def guard(control: QWidget | QAction, services, capability, hide: bool = False) -> bool:
    """Keep ``control`` from a role that may not do ``capability``: disabled with the
    reason as its tooltip (or hidden, ``hide``). True when the role may use it."""
    why = reason(services, capability)
    if why is None:
        return True
    control.setProperty(GUARD, why)
    if isinstance(control, QAction):
        if hide:
            control.setVisible(False)
        _keep_action_disabled(control, why)
        return False
    if hide:
        control.setVisible(False)
        control.setEnabled(False)
        return False
    control.setEnabled(False)
    control.setToolTip(why)
    control.installEventFilter(_KeepDisabled(control, why))
    return False


def guard_all(services, capability, *controls: QWidget | QAction, hide: bool = False) -> bool:
    """``guard`` for each of ``controls``; True when the role may use them."""
    allowed = True
    for control in controls:
        allowed = guard(control, services, capability, hide) and allowed
    return allowed


def guarded_reason(control: QWidget | QAction) -> str | None:
    """The reason a control was guarded with, or None (tests, the menus)."""
    why = control.property(GUARD)
    return str(why) if why else None

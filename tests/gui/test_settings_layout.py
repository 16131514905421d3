"""Settings in a short window (1366×768 at 125 %: 1093×614 for the page and its
navigation): the page scrolls, no wrapped line is squeezed into its neighbours."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.pages.settings import SettingsPage


def test_no_line_of_settings_is_squeezed_in_a_short_window(qtbot, services):
    page = SettingsPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    page.resize(880, 560)
    page.show()
    qtbot.waitExposed(page)
    squeezed = [
        label.text()[:30]
        for label in page.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and label.text()
        and label.height() < label.heightForWidth(label.width())
    ]
    assert squeezed == []

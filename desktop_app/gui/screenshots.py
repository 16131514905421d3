"""Render every page of the main window offscreen at 1366×768 into PNG files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.services.app import AppServices


def take_screenshots(services: AppServices, out_dir: Path) -> list[Path]:
    from desktop_app.gui.app import make_application
    from desktop_app.gui.main_window import NAV_PAGES, MainWindow

    app = make_application([])
    out_dir.mkdir(parents=True, exist_ok=True)
    window = MainWindow(services)
    window.resize(1366, 768)  # the size the pictures are made at, whatever the screen
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)  # (not remembered)
    window.show()
    app.processEvents()
    written: list[Path] = []
    for page_id in NAV_PAGES:
        window.show_page(page_id)
        app.processEvents()
        path = out_dir / f"{page_id}.png"
        window.grab().save(str(path))
        written.append(path)
    roster = services.members.roster()
    if roster:
        # the member with the richest growth file makes the most telling picture
        best = max(roster, key=lambda r: len(services.growth.records(r.membership_id)))
        window.show_member(best.membership_id)
    else:
        window.show_page("member-detail")  # says that no member is selected
    app.processEvents()
    path = out_dir / "member-detail.png"
    window.grab().save(str(path))
    written.append(path)
    window.close()
    return written

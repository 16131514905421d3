"""The export page and the bureau's inbox window, driven as a user would."""

from __future__ import annotations

import zipfile

from desktop_app.bundle.verify import verify
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.inbox_dialog import InboxDialog
from desktop_app.gui.pages.export import ExportPage
from desktop_app.gui.pages.settings import SettingsPage


def make_page(qtbot, services) -> ExportPage:
    page = ExportPage(services, ChangeBus())
    qtbot.addWidget(page)
    return page


def list_texts(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_the_page_lists_the_parts_and_what_the_bureau_will_miss(qtbot, services):
    page = make_page(qtbot, services)
    assert page.period().label == "2026-2027"  # the current school year first
    items = list_texts(page.items_list)
    assert any("data/data.json" in t for t in items)
    assert any("bag-info.txt" in t for t in items)
    missing = list_texts(page.missing_list)
    assert any("年度工作计划" in t for t in missing)  # an empty studio has no annual plan
    assert services.bundle.fingerprint() in page.fingerprint_label.text()


def test_ticking_full_numbers_shows_the_warning(qtbot, services):
    page = make_page(qtbot, services)
    page.show()
    assert not page.unmasked_warning.isVisible()
    page.unmasked_box.setChecked(True)
    assert page.unmasked_warning.isVisible()


def test_export_writes_a_bundle_that_verifies(qtbot, services, tmp_path):
    page = make_page(qtbot, services)
    target = tmp_path / "out" / "bundle.zip"
    page.ask_save_path = lambda suggested: target
    page.export_button.click()
    assert target.exists()
    verdict = verify(target)
    assert verdict.valid, verdict.reason
    assert verdict.signer == services.bundle.fingerprint()
    assert "✓" in page.result_label.text() and "SHA-256" in page.result_label.text()


def test_cancelling_the_export_leaves_no_file(qtbot, services, tmp_path, monkeypatch):
    page = make_page(qtbot, services)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "bundle.zip"
    page.ask_save_path = lambda suggested: target
    monkeypatch.setattr(
        "desktop_app.gui.pages.export.QProgressDialog.wasCanceled", lambda self: True
    )
    page.export_button.click()
    assert not target.exists()
    assert list(out.iterdir()) == []
    assert page.result_label.text()


def test_a_write_failure_is_told_and_the_program_goes_on(qtbot, services, tmp_path):
    page = make_page(qtbot, services)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    page.ask_save_path = lambda suggested: blocker / "bundle.zip"  # a folder that is a file
    told = []
    page.warn = lambda title, text: told.append(text)
    page.export_button.click()
    assert told and "bundle.zip" in told[0]


def test_the_inbox_window_scans_a_folder_and_saves_the_workbook(qtbot, services, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    period = services.bundle.parse_period("2026-2027")
    services.bundle.export(period, inbox / "good.zip")
    (inbox / "junk.zip").write_bytes(b"not a zip at all")
    dialog = InboxDialog()
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(inbox))
    dialog.scan_button.click()
    assert dialog.table.rowCount() == 2
    by_file = {dialog.table.item(r, 0).text(): r for r in range(2)}
    good, junk = by_file["good.zip"], by_file["junk.zip"]
    assert dialog.table.item(good, 3).text() == services.studio.get().name
    assert dialog.table.item(junk, 2).text()  # the reason is shown
    assert dialog.table.item(good, 2).text() == ""
    out = tmp_path / "summary.xlsx"
    dialog.ask_save_path = lambda: out
    dialog.save_button.click()
    assert zipfile.is_zipfile(out)


def test_settings_shows_the_signing_fingerprint(qtbot, services):
    page = SettingsPage(services, ChangeBus())
    qtbot.addWidget(page)
    assert page.fingerprint_label.text() == services.bundle.fingerprint()

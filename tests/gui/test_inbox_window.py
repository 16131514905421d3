"""The bureau's inbox window (报送材料汇总): a folder with one good bundle and one junk file,
the completeness view against a list of expected studios, and the comparison workbook."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from desktop_app.documents.bundle.export import BundleExport
from desktop_app.gui import ask
from desktop_app.gui.inbox_dialog import InboxDialog
from desktop_app.gui.models.inbox import BUNDLE_COLUMNS, INVALID_BACKGROUND


def column(name: str) -> int:
    return [c.key for c in BUNDLE_COLUMNS].index(name)


def cell(table, row: int, name: str, role=Qt.ItemDataRole.DisplayRole):
    """A cell of the table as it shows (sorted), by the column's key."""
    return table.model().index(row, column(name)).data(role)


@pytest.fixture
def inbox(services, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    period = services.bundle.parse_period("2026-2027")
    BundleExport(services).export(period, folder / "good.zip")
    (folder / "junk.zip").write_bytes(b"not a zip at all")
    return folder


def make_dialog(qtbot) -> InboxDialog:
    dialog = InboxDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def scan(qtbot, dialog) -> None:
    dialog.scan_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)


def rows_by_file(dialog) -> dict[str, int]:
    table = dialog.table
    return {cell(table, r, "file"): r for r in range(table.model().rowCount())}


def test_scanning_a_folder_shows_each_file_and_why_the_junk_is_not_valid(
    qtbot, monkeypatch, services, inbox, tmp_path
):
    dialog = make_dialog(qtbot)
    dialog.folder_edit.setText(str(inbox))
    scan(qtbot, dialog)
    table = dialog.table
    assert table.model().rowCount() == 2
    rows = rows_by_file(dialog)
    good, junk = rows["good.zip"], rows["junk.zip"]

    assert cell(table, good, "valid") == "yes"
    assert cell(table, good, "reason") == ""
    assert cell(table, good, "studio") == services.studio.get().name
    assert cell(table, good, "period") == "2026-2027"
    fingerprint = services.bundle.fingerprint()
    assert fingerprint.startswith(cell(table, good, "signer").rstrip(" …"))
    assert fingerprint in cell(table, good, "signer", Qt.ItemDataRole.ToolTipRole)
    assert cell(table, good, "members") == "0"

    assert cell(table, junk, "valid") == "no"
    reason = cell(table, junk, "reason")
    assert "不是 StudioDesk 报送材料包" in reason
    assert reason in cell(
        table, junk, "file", Qt.ItemDataRole.ToolTipRole
    )  # readable on every cell
    shade = Qt.ItemDataRole.BackgroundRole
    assert cell(table, junk, "file", shade).color().name() == INVALID_BACKGROUND
    assert cell(table, good, "file", shade) is None
    table.selectRow(junk)
    assert reason in dialog.detail.toPlainText()
    assert "2 files, 1 valid" in dialog.summary_label.text()

    out = tmp_path / "summary.xlsx"
    monkeypatch.setattr(ask, "save_document", lambda *a, **_: out)
    dialog.save_button.click()
    assert zipfile.is_zipfile(out)
    workbook = load_workbook(out)
    assert workbook.sheetnames
    assert str(out) in dialog.summary_label.text()


def test_the_completeness_view_with_a_list_of_expected_studios(qtbot, services, inbox, tmp_path):
    expected = tmp_path / "expected.csv"
    name, fingerprint = services.studio.get().name, services.bundle.fingerprint()
    expected.write_text(f"工作室,公钥指纹\n{name},{fingerprint}\n王芳名班主任工作室,\n", "utf-8")
    dialog = make_dialog(qtbot)
    dialog.folder_edit.setText(str(inbox))
    dialog.expected_edit.setText(str(expected))
    dialog.period_combo.setEditText("2026-2027")
    scan(qtbot, dialog)
    assert dialog.report.completeness.period == "2026-2027"
    assert "1/2" in dialog.rate_label.text()
    studios = dialog.studios_table
    model = studios.model()
    status = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(2)}
    assert status == {name: "yes", "王芳名班主任工作室": "no"}
    assert "1/2" in dialog.summary_label.text()
    good = rows_by_file(dialog)["good.zip"]
    assert cell(dialog.table, good, "registered") == "yes"


def test_a_missing_folder_is_told_and_the_window_goes_on(qtbot, monkeypatch, tmp_path):
    dialog = make_dialog(qtbot)
    told = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: told.append(text))
    dialog.folder_edit.setText(str(tmp_path / "nowhere"))
    scan(qtbot, dialog)
    assert told and str(tmp_path / "nowhere") in told[0]
    assert dialog.scan_button.isEnabled()
    dialog.folder_edit.setText("")
    dialog.scan_button.click()
    assert len(told) == 2 and not dialog.busy

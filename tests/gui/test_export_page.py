"""The export page (导出报送), driven as a user would: choose the period, read what goes
in and what is missing, export in the background, cancel, fail; and the fingerprint in
Settings."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop_app.bundle.signing import short_fingerprint
from desktop_app.bundle.verify import verify
from desktop_app.documents.bundle.export import REPORT_SHARE, BundleExport
from desktop_app.domain.changes import PLANS
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui import ask
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.pages.export import ExportPage
from desktop_app.gui.pages.settings import SettingsPage
from desktop_app.services.plans import PlanInput


def make_page(qtbot, services, bus=None) -> ExportPage:
    page = ExportPage(services, bus or ChangeBus(services))
    qtbot.addWidget(page)
    page.show()  # the plan is read when the page is shown
    return page


def wait_done(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=60_000)


def test_the_page_lists_the_parts_and_what_the_bureau_will_miss(qtbot, services):
    page = make_page(qtbot, services)
    assert page.period().label == "2026-2027"  # the current school year first
    labels = [page.period_combo.itemData(i).label for i in range(page.period_combo.count())]
    assert labels == ["2024-2025", "2025-2026", "2026-2027", "2024-2027中期", "2024-2027终期"]
    paths = page.item_paths()
    assert "data/data.json" in paths and "bag-info.txt" in paths
    assert "tagmanifest-sha256.txt.sig" in paths
    assert any(p.startswith("data/reports/") and p.endswith(".pdf") for p in paths)
    assert any(p.startswith("data/sheets/") for p in paths)
    assert sorted(paths) == sorted(item.path for item in page.plan.items)
    missing = page.missing_texts()
    assert any("2026-2027 学年还没有年度工作计划" in t for t in missing)
    assert "Evidence files: 0" in page.totals_label.text()
    fingerprint = services.bundle.fingerprint()
    assert short_fingerprint(fingerprint) in page.fingerprint_label.text()
    assert fingerprint not in page.fingerprint_label.text()  # the whole: under 技术信息
    assert fingerprint in page.technical.text()
    assert page.export_button.isEnabled()  # missing items never block the export


def test_the_plan_follows_the_period_and_the_changes_elsewhere(qtbot, services):
    bus = ChangeBus(services)
    page = make_page(qtbot, services, bus)
    page.period_combo.setCurrentIndex(3)  # the mid-term
    assert page.plan.period.label == "2024-2027中期"
    assert any("中期考核" in t for t in page.missing_texts())

    page.period_combo.setCurrentIndex(2)
    assert any("年度工作计划" in t for t in page.missing_texts())
    services.plans.save_annual_plan(SchoolYear(2026), PlanInput("2026-2027学年工作计划"))
    bus.changed.emit(frozenset({PLANS}))
    assert not any("2026-2027 学年还没有年度工作计划" in t for t in page.missing_texts())
    assert "data/reports/2026-2027学年工作计划.pdf" in page.item_paths()
    assert page.period().label == "2026-2027"  # the choice survives the refresh


def test_ticking_full_numbers_warns_and_changes_the_plan(qtbot, services):
    page = make_page(qtbot, services)
    assert not page.unmasked_warning.isVisible()
    page.unmasked_box.setChecked(True)
    assert page.unmasked_warning.isVisible()
    data = next(i for i in page.plan.items if i.path == "data/data.json")
    assert "脱敏" not in data.description


def test_export_writes_a_bundle_that_verifies(qtbot, services, tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIODESK_CONFIG_DIR", str(tmp_path / "config"))  # remembers a folder
    page = make_page(qtbot, services)
    chosen = tmp_path / "out" / "材料包"  # typed without .zip
    chosen.parent.mkdir()
    asked = []

    def save_dialog(parent, title, start, filters):
        asked.append(start)
        return str(chosen), filters

    monkeypatch.setattr(ask.QFileDialog, "getSaveFileName", save_dialog)
    page.export_button.click()
    assert page.busy and not page.export_button.isEnabled()
    wait_done(qtbot, page)
    suggested = BundleExport(services).suggested_file_name(page.period())
    assert asked[0] == str(ask.documents_folder() / suggested)  # never the cwd
    target = tmp_path / "out" / "材料包.zip"
    assert target.exists()
    verdict = verify(target)
    assert verdict.valid, verdict.reason
    assert verdict.signer == services.bundle.fingerprint()
    result, shown = page.last_result
    assert shown.valid and result.path == target
    text = page.result_text()
    assert str(target) in text and "Checked ✓" in text
    assert result.sha256 not in text and "SHA" not in text  # the checksum: under 技术信息
    assert f"SHA-256 {result.sha256}" in page.technical.text()
    assert page.open_folder_button.isVisible()
    assert page.export_button.isEnabled()


def test_an_export_with_full_numbers_says_so_in_its_result(qtbot, monkeypatch, services, tmp_path):
    page = make_page(qtbot, services)
    monkeypatch.setattr(
        ask, "save_file", lambda parent, kind, title, suggested, *_: tmp_path / "masked.zip"
    )
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    wait_done(qtbot, page)
    assert "full phone and ID numbers" not in page.result_text()
    assert not page.personal_label.isVisible()
    qtbot.mouseClick(page.unmasked_box, Qt.MouseButton.LeftButton)
    assert page.unmasked_box.isChecked()
    monkeypatch.setattr(
        ask, "save_file", lambda parent, kind, title, suggested, *_: tmp_path / "full.zip"
    )
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    wait_done(qtbot, page)
    assert page.last_result[0].path == tmp_path / "full.zip"
    assert page.personal_label.isVisible()
    assert "It holds full phone and ID numbers" in page.result_text()


def test_cancelling_the_export_leaves_no_file(qtbot, services, tmp_path, monkeypatch):
    page = make_page(qtbot, services)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "bundle.zip"
    monkeypatch.setattr(ask, "save_file", lambda parent, kind, title, suggested, *_: target)
    real_export = BundleExport.export
    writing = threading.Event()

    def export(self, period, out_path, progress=None, cancelled=None, unmasked=False):
        def tell(fraction, what):
            progress(fraction, what)
            if fraction >= REPORT_SHARE:  # the zip is being written: wait for the user
                writing.set()
                deadline = time.monotonic() + 30
                while not cancelled() and time.monotonic() < deadline:
                    time.sleep(0.01)

        return real_export(self, period, out_path, tell, cancelled, unmasked)

    monkeypatch.setattr(BundleExport, "export", export)
    page.export_button.click()
    qtbot.waitUntil(writing.is_set, timeout=60_000)
    assert list(out.iterdir())  # the temporary file is there while writing
    dialog = page.task.dialog
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    cancel.click()
    wait_done(qtbot, page)
    assert not target.exists()
    assert list(out.iterdir()) == []
    assert "cancelled" in page.result_text()
    assert page.last_result is None


def test_a_write_failure_is_told_and_the_program_goes_on(qtbot, monkeypatch, services, tmp_path):
    page = make_page(qtbot, services)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(
        ask, "save_file", lambda parent, kind, title, suggested, *_: blocker / "bundle.zip"
    )  # a folder that is a file
    told = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: told.append(text))
    page.export_button.click()
    wait_done(qtbot, page)
    assert told and str(blocker / "bundle.zip") in told[0]
    assert str(blocker / "bundle.zip") in page.result_text()
    # the page still works: the next export succeeds
    good = tmp_path / "good.zip"
    monkeypatch.setattr(ask, "save_file", lambda parent, kind, title, suggested, *_: good)
    page.export_button.click()
    wait_done(qtbot, page)
    assert verify(good).valid


def test_the_inbox_opens_from_the_page(qtbot, services):
    page = make_page(qtbot, services)
    page.inbox_button.click()
    inbox = page._inbox
    assert inbox is not None and inbox.isVisible()
    page.inbox_button.click()
    assert page._inbox is inbox  # one window, raised again
    inbox.close()


def test_settings_shows_the_signing_fingerprint(qtbot, services):
    page = SettingsPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    assert page.fingerprint_label.text() == services.bundle.fingerprint()  # it is registered
    assert "Ed25519" in page.technical.text() and not page.technical.body.isVisibleTo(page)


def test_a_full_disk_half_way_through_the_zip_leaves_the_earlier_file_and_says_so(
    qtbot, services, tmp_path, monkeypatch
):
    """ENOSPC while the bundle's entries are being written (not before): the earlier
    bundle at that name stays as it was, no temporary file is left, the message says the
    disk is full in the user's language, and the next export works."""
    import errno

    from desktop_app.bundle import zipwrite
    from desktop_app.domain import messages

    messages.set_language("zh_CN")
    page = make_page(qtbot, services)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "bundle.zip"
    target.write_bytes(b"last week's bundle")
    written = []
    real = zipwrite.DeterministicZip.add_file

    def fill_up(self, name, source):
        if len(written) >= 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(name)
        return real(self, name, source)

    monkeypatch.setattr(zipwrite.DeterministicZip, "add_file", fill_up)
    monkeypatch.setattr(ask, "save_file", lambda parent, kind, title, suggested, *_: target)
    told = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: told.append(text))
    page.export_button.click()
    wait_done(qtbot, page)
    assert len(written) == 2  # it failed in the middle of the zip
    assert told and "磁盘已满" in told[0] and str(target) in told[0]
    assert target.read_bytes() == b"last week's bundle"
    assert [p.name for p in out.iterdir()] == ["bundle.zip"]
    monkeypatch.setattr(zipwrite.DeterministicZip, "add_file", real)
    page.export_button.click()
    wait_done(qtbot, page)
    assert verify(target).valid


def test_plain_words_and_the_technical_names_folded_away(qtbot, services):
    """校验文件 and 数字签名 in plain view; BagIt, the manifests, Ed25519 and the whole
    fingerprint only once 技术信息 is opened."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.domain import messages
    from desktop_app.gui.i18n import install_translators

    install_translators(QApplication.instance(), "zh_CN")
    messages.set_language("zh_CN")
    page = make_page(qtbot, services)
    page.refresh()
    jargon = ("BagIt", "manifest", "Ed25519", "SHA", services.bundle.fingerprint())
    top = [page.items_tree.topLevelItem(i) for i in range(page.items_tree.topLevelItemCount())]
    checks = next(item for item in top if item.text(0) == "校验文件与数字签名")
    assert not checks.isExpanded()
    descriptions = {
        checks.child(i).text(0): checks.child(i).text(1) for i in range(checks.childCount())
    }
    assert descriptions["tagmanifest-sha256.txt.sig"] == "数字签名"
    assert descriptions["manifest-sha256.txt"].startswith("校验文件")
    shown = [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page) and w.text()] + [
        checks.text(1),
        *descriptions.values(),
    ]
    assert not [t for t in shown if any(j in t for j in jargon)]
    assert page.tech_toggle.text() == "技术信息"

    qtbot.mouseClick(page.tech_toggle, Qt.MouseButton.LeftButton)
    assert page.technical.body.isVisibleTo(page)
    opened = page.technical.text()
    assert all(j in opened for j in jargon[:-2]) and services.bundle.fingerprint() in opened

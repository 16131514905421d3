"""The export page's forms (申报表 in Word and PDF, 申报汇总表, the annual summary in
Word), driven as a user would: click, choose where, read what was written."""

from __future__ import annotations

import datetime as dt

import openpyxl
from docx import Document
from PySide6.QtCore import Qt

from desktop_app.domain.member_input import MemberData
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui import ask
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.pages.export import ExportPage
from tests.conftest import jiangyin_studio
from tests.pdf_tools import has, text_of


def make_page(qtbot, monkeypatch, services) -> ExportPage:
    page = ExportPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    page.show()
    warnings: list[str] = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: warnings.append(text))
    page.warnings = warnings
    return page


def _host(services) -> None:
    services.members.add(
        MemberData(
            name="陈静",
            role="host",
            title="senior",
            head_teacher_since=2010,
            joined_on=dt.date(2024, 9, 1),
            phone="13812345678",
        )
    )


def test_the_forms_are_written_where_the_user_chooses(qtbot, monkeypatch, services, tmp_path):
    _host(services)
    services.summaries.save(SchoolYear(2025), "2025-2026学年工作总结\n本学年开展活动一次。")
    targets = iter(
        [
            tmp_path / "申报表.docx",
            tmp_path / "申报表.pdf",
            tmp_path / "汇总.xlsx",
            tmp_path / "总结",
        ]
    )
    suggested: list[str] = []
    page = make_page(qtbot, monkeypatch, services)
    monkeypatch.setattr(
        ask,
        "save_document",
        lambda parent, kind, title, name, **_: suggested.append(name) or next(targets),
    )

    qtbot.mouseClick(page.form_docx_button, Qt.MouseButton.LeftButton)
    assert suggested[-1] == "陈静名班主任工作室-申报表.docx"
    doc = Document(str(tmp_path / "申报表.docx"))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "陈静" in cells and "138****5678" in cells  # masked by default
    assert str(tmp_path / "申报表.docx") in page.forms_label.text()
    assert "full phone and ID numbers" not in page.forms_label.text()

    page.unmasked_box.setChecked(True)  # the user asks for the full numbers
    qtbot.mouseClick(page.form_pdf_button, Qt.MouseButton.LeftButton)
    text = text_of(tmp_path / "申报表.pdf")
    assert has(text, "13812345678") and has(text, "本表格式由本程序")
    assert "It holds full phone and ID numbers" in page.forms_label.text()  # and says so

    qtbot.mouseClick(page.form_summary_button, Qt.MouseButton.LeftButton)
    ws = openpyxl.load_workbook(tmp_path / "汇总.xlsx")["申报汇总表"]
    assert ws.cell(row=3, column=3).value == "陈静"

    page.period_combo.setCurrentIndex(1)  # 2025-2026
    assert page.period().label == "2025-2026"
    qtbot.mouseClick(page.summary_docx_button, Qt.MouseButton.LeftButton)
    assert suggested[-1] == "陈静名班主任工作室-2025-2026学年工作总结.docx"
    doc = Document(str(tmp_path / "总结.docx"))
    assert "本学年开展活动一次。" in [p.text for p in doc.paragraphs]
    assert page.warnings == []


def test_the_summary_in_word_waits_for_a_school_year(qtbot, monkeypatch, services):
    page = make_page(qtbot, monkeypatch, services)
    page.period_combo.setCurrentIndex(3)  # the mid-term: several years
    assert not page.summary_docx_button.isEnabled()
    assert "school year" in page.summary_docx_button.toolTip()
    page.period_combo.setCurrentIndex(0)
    assert page.summary_docx_button.isEnabled()


def test_a_studio_of_another_document_has_no_application_form(qtbot, monkeypatch, empty_services):
    empty_services.studio.create(jiangyin_studio(preset_id="wujin", name="武进工作室"))
    page = make_page(qtbot, monkeypatch, empty_services)
    assert not page.form_docx_button.isEnabled()
    assert not page.form_summary_button.isEnabled()
    assert "没有规定申报表" in page.form_pdf_button.toolTip()


def test_a_form_that_cannot_be_written_says_why_and_leaves_nothing(
    qtbot, monkeypatch, services, tmp_path
):
    _host(services)
    page = make_page(qtbot, monkeypatch, services)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "a-file-not-a-folder"
    target.write_text("")
    monkeypatch.setattr(
        ask, "save_document", lambda parent, kind, title, name, **_: target / "申报表.docx"
    )
    qtbot.mouseClick(page.form_docx_button, Qt.MouseButton.LeftButton)
    assert len(page.warnings) == 1
    assert "a-file-not-a-folder" in page.warnings[0]
    assert page.forms_label.text() == page.warnings[0]
    assert [p.name for p in folder.iterdir()] == ["a-file-not-a-folder"]

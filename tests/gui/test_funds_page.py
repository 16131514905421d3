"""The funds page (经费台账), its dialogs and charts, driven through their real widgets;
dialogs answered by replacing exec(), choosers and questions by replacing the page's
methods. The UI speaks the English source strings here; problems come in Chinese."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
import struct  # noqa: E402
import sys  # noqa: E402
import types  # noqa: E402
import zlib  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage  # noqa: E402
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox  # noqa: E402

from desktop_app.domain.changes import LEDGER, SETTINGS  # noqa: E402
from desktop_app.domain.ledger import Direction, IncomeSource  # noqa: E402
from desktop_app.gui import (
    ask,  # noqa: E402
    labels,  # noqa: E402
)
from desktop_app.gui.bus import ChangeBus  # noqa: E402
from desktop_app.gui.charts import CategoryChart, MonthlyChart, nice_step  # noqa: E402
from desktop_app.gui.dialogs.ledger_dialogs import (  # noqa: E402
    BudgetsDialog,
    EntryDialog,
    LedgerImportPreviewDialog,
    ReverseDialog,
)
from desktop_app.gui.main_window import MainWindow  # noqa: E402
from desktop_app.gui.models.ledger import (  # noqa: E402
    OVER_BUDGET_BACKGROUND,
    BudgetModel,
    EntriesModel,
    budget_rows,
)
from desktop_app.gui.pages.funds import FundsPage  # noqa: E402
from desktop_app.gui.pages.overview import OverviewPage  # noqa: E402
from desktop_app.gui.pages.settings import SettingsPage  # noqa: E402
from desktop_app.services.activities import ActivityInput  # noqa: E402
from desktop_app.services.ledger import EntryInput  # noqa: E402


def png_file(path: Path, width: int = 40, height: int = 56, rgb=(235, 235, 220)) -> Path:
    """A small valid PNG (a receipt scan), written by hand."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def type_text(qtbot, widget, text: str) -> None:
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:  # QTest cannot type Chinese key by key: input methods insert whole words
        widget.insert(text) if hasattr(widget, "insert") else widget.insertPlainText(text)


def expense(date: str, amount: str, category: str, purpose: str, **more) -> EntryInput:
    return EntryInput(Direction.EXPENSE, date, amount, purpose, category=category, **more)


def income(date: str, amount: str, purpose: str, source=IncomeSource.GRANT, **more) -> EntryInput:
    return EntryInput(Direction.INCOME, date, amount, purpose, source=source.value, **more)


def build_ledger(services, receipts_dir: Path | None = None) -> dict[str, int]:
    """Two calendar years of a studio's money: grants, a bureau grant, ~30 expenses in
    the four categories and one the studio added, a correction, a reversal, an expense
    beyond the balance with its reason, budgets (one exceeded) and closed periods."""
    ledger = services.ledger
    ids: dict[str, int] = {}
    activity = services.activities.create(
        ActivityInput(date="2026-03-28", kind="expert_lecture", topic="班主任沟通艺术专题讲座")
    )
    ledger.add_category("班级文化建设")
    ids["grant25"] = ledger.add(
        income(
            "2025-03-05",
            "3000",
            "2025年学校核拨专项经费",
            payee="江阴中专财务处",
            voucher_no="2025-001",
        )
    )
    ids["bureau25"] = ledger.add(
        income(
            "2025-09-15",
            "2000",
            "教育局班主任工作室专项奖励",
            source=IncomeSource.BUREAU,
            payee="江阴市教育局",
            voucher_no="2025-010",
        )
    )
    rows25 = [
        ("2025-03-20", "480", "培训研修", "读书会用书《给教师的建议》等", "江阴新华书店"),
        ("2025-04-16", "800", "专家指导", "市德育专家讲座劳务费", "王建国"),
        ("2025-05-10", "360.50", "课程资源开发", "主题班会课例集印刷", "江阴彩虹印务"),
        ("2025-06-12", "520", "课题研究", "课题问卷印制与装订", "江阴彩虹印务"),
        ("2025-10-18", "1,200", "培训研修", "赴苏州外出考察交通费", "江阴长途客运"),
        ("2025-11-08", "600", "专家指导", "班级管理工作坊指导费", "李华"),
        ("2025-12-05", "580", "课程资源开发", "微课录制剪辑服务", "江阴星光传媒"),
        ("2025-12-20", "300", "课题研究", "课题结题材料打印", "江阴彩虹印务"),
    ]
    for n, (date, amount, category, purpose, payee) in enumerate(rows25, start=2):
        ids[f"e25-{n}"] = ledger.add(
            expense(date, amount, category, purpose, payee=payee, voucher_no=f"2025-{n:03d}")
        )
    # 520 was typed for a bill of 250: corrected the same day
    ids["fix25"] = ledger.correct(
        ids["e25-5"],
        "金额录错，发票为 250 元",
        expense(
            "2025-06-12",
            "250",
            "课题研究",
            "课题问卷印制与装订",
            payee="江阴彩虹印务",
            voucher_no="2025-005",
        ),
    )[1]
    ids["grant26"] = ledger.add(
        income(
            "2026-02-26",
            "3000",
            "2026年学校核拨专项经费",
            payee="江阴中专财务处",
            voucher_no="2026-001",
        )
    )
    rows26 = [
        ("2026-03-12", "650", "培训研修", "读书沙龙用书", "江阴新华书店"),
        ("2026-03-28", "1000", "专家指导", "班主任沟通艺术讲座专家费", "周敏"),
        ("2026-04-15", "420", "课程资源开发", "心理健康班会课件制作", "江阴星光传媒"),
        ("2026-04-22", "380", "课题研究", "课题调查问卷印制", "江阴彩虹印务"),
        ("2026-05-20", "300", "培训研修", "新班主任培训资料", "江阴彩虹印务"),
        ("2026-05-28", "150", "班级文化建设", "班级文化展板材料", "江阴广告制作部"),
    ]
    for n, (date, amount, category, purpose, payee) in enumerate(rows26, start=2):
        ids[f"e26-{n}"] = ledger.add(
            expense(
                date,
                amount,
                category,
                purpose,
                payee=payee,
                voucher_no=f"2026-{n:03d}",
                activity_id=activity if category == "专家指导" else None,
                approver="陈静",
                handler="王芳",
            )
        )
    ids["override26"] = ledger.add(
        expense(
            "2026-06-10",
            "500",
            "专家指导",
            "课题开题论证专家费",
            payee="刘强",
            voucher_no="2026-008",
            approver="陈静",
            override_reason="开题论证时间已定，学校同意先行垫付，待教育局拨款到账后冲抵",
        )
    )
    ids["bureau26"] = ledger.add(
        income(
            "2026-09-10",
            "2000",
            "教育局德育专项补助",
            source=IncomeSource.BUREAU,
            payee="江阴市教育局",
            voucher_no="2026-009",
        )
    )
    rows26b = [
        ("2026-09-18", "260", "培训研修", "班主任基本功大赛培训资料", "江阴新华书店"),
        ("2026-10-09", "180", "课程资源开发", "主题班会视频素材", "江阴星光传媒"),
        ("2026-10-21", "400", "专家指导", "家校沟通专题指导费", "周敏"),
        ("2026-10-30", "120", "课题研究", "课题中期报告打印", "江阴彩虹印务"),
        ("2026-11-05", "200", "班级文化建设", "班级图书角书架", "江阴家具城"),
        ("2026-11-12", "90", "课题研究", "课题资料快递费", "顺丰速运"),
    ]
    for n, (date, amount, category, purpose, payee) in enumerate(rows26b, start=10):
        ids[f"e26-{n}"] = ledger.add(
            expense(date, amount, category, purpose, payee=payee, voucher_no=f"2026-{n:03d}")
        )
    # the expert cancelled; the bookshop refunded nothing: one reversal with its reason
    ids["reversal26"] = ledger.reverse(ids["e26-12"], "专家行程取消，费用退回", on="2026-11-18")
    if receipts_dir is not None:
        ledger.attach(
            ids["e26-3"],
            [
                png_file(receipts_dir / "专家费发票.png"),
                png_file(receipts_dir / "劳务费签收单.png", rgb=(250, 240, 240)),
            ],
        )
    for category, amount in (("培训研修", "1500"), ("课程资源开发", "800"), ("专家指导", "1200")):
        ledger.set_budget(2026, category, amount)
    ledger.set_budget(2026, "课题研究", "600")
    ledger.close_year(2025)
    ledger.close_month(2026, 1)
    ledger.close_month(2026, 2)
    return ids


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("information", "warning", "question", "critical"):
        monkeypatch.setattr(QMessageBox, name, refuse)


@pytest.fixture
def bus(services):
    return ChangeBus(services)


@pytest.fixture
def announced(bus):
    seen: list[frozenset[str]] = []
    bus.changed.connect(seen.append)
    return seen


@pytest.fixture
def page(qtbot, services, bus):
    page = FundsPage(services, bus)
    qtbot.addWidget(page)
    page.resize(1166, 740)
    return page


def answer_entry_dialog(monkeypatch, qtbot, fill):
    """Replace EntryDialog.exec(): ``fill(dialog)`` types and saves as often as it likes."""
    seen: list[EntryDialog] = []

    def fake_exec(self):
        qtbot.addWidget(self)
        self.show()
        seen.append(self)
        fill(self)
        return self.result()

    monkeypatch.setattr(EntryDialog, "exec", fake_exec)
    return seen


def save(dialog) -> None:
    """Next, and when the form is right, the confirmation's Save."""
    dialog.next_button.click()
    if dialog.confirming():
        dialog.confirm.save_button.click()


def accepted(dialog) -> bool:
    return dialog.result() == QDialog.DialogCode.Accepted


def record_grant(monkeypatch, qtbot, page) -> None:
    def fill(dialog):
        type_text(qtbot, dialog.date_edit, "2026-01-10")
        save(dialog)

    answer_entry_dialog(monkeypatch, qtbot, fill)
    page.income_button.click()


def record_expense(monkeypatch, qtbot, page, amount, category, purpose, date="2026-11-20"):
    def fill(dialog):
        type_text(qtbot, dialog.date_edit, date)
        type_text(qtbot, dialog.amount_edit, amount)
        dialog.set_category(category)
        type_text(qtbot, dialog.purpose_edit, purpose)
        save(dialog)

    return answer_entry_dialog(monkeypatch, qtbot, fill)


# --- recording ---


def test_recording_the_grant_and_expenses_through_the_dialogs(
    qtbot, monkeypatch, page, services, announced, tmp_path
):
    receipt = png_file(tmp_path / "发票.png")

    def fill_grant(dialog: EntryDialog) -> None:
        assert dialog.windowTitle() == "Record income"
        assert dialog.source_combo.currentData() == IncomeSource.GRANT.value
        assert dialog.source_combo.isVisibleTo(dialog) and not dialog.category_combo.isVisibleTo(
            dialog
        )
        assert dialog.amount_edit.text() == "3,000.00"  # the jiangyin preset's grant
        assert dialog.purpose_edit.text() == "2026年学校核拨专项经费"
        assert dialog.payee_edit.text() == "江苏省江阴中等专业学校"
        assert dialog.date_edit.text() == "2026-11-21"
        type_text(qtbot, dialog.voucher_edit, "2026-001")
        save(dialog)

    answer_entry_dialog(monkeypatch, qtbot, fill_grant)
    page.income_button.click()
    [grant] = services.ledger.entries()
    assert (grant.amount_fen, grant.source, grant.voucher_no) == (300000, "grant", "2026-001")
    assert frozenset({LEDGER}) in announced
    assert page.row_texts(grant.id)["amount"] == "3,000.00"
    assert page.row_texts(grant.id)["category"] == "School grant"

    def fill_expense(dialog: EntryDialog) -> None:
        assert dialog.windowTitle() == "Record expense"
        assert dialog.category_combo.currentIndex() == -1  # chosen, never assumed
        assert [dialog.category_combo.itemText(i) for i in range(4)] == [
            "培训研修",
            "课程资源开发",
            "专家指导",
            "课题研究",
        ]
        type_text(qtbot, dialog.amount_edit, "¥1,200.50")
        type_text(qtbot, dialog.purpose_edit, "专家讲座劳务费")
        save(dialog)
        assert not accepted(dialog)
        assert "类别不能为空" in dialog.problems_label.text()
        assert dialog.bad_fields() == ["category"]
        dialog.set_category("专家指导")
        type_text(qtbot, dialog.payee_edit, "王建国")
        type_text(qtbot, dialog.voucher_edit, "2026-002")
        type_text(qtbot, dialog.approver_edit, "陈静")
        type_text(qtbot, dialog.handler_edit, "王芳")
        monkeypatch.setattr(ask, "evidence_files", lambda parent: [receipt])
        dialog.add_files_button.click()
        save(dialog)
        assert accepted(dialog), dialog.problems_label.text()

    answer_entry_dialog(monkeypatch, qtbot, fill_expense)
    page.expense_button.click()
    [spent] = services.ledger.entries(direction=Direction.EXPENSE)
    assert (spent.amount_fen, spent.category, spent.payee, spent.approver, spent.handler) == (
        120050,
        "专家指导",
        "王建国",
        "陈静",
        "王芳",
    )
    assert [a.original_name for a in spent.attachments] == ["发票.png"]
    texts = page.row_texts(spent.id)
    assert texts["amount"] == "-1,200.50"
    assert texts["balance"] == "1,799.50"
    assert page.selected_entry().id == spent.id  # the new entry is selected
    amount_column = page.model.column_of("amount")
    row = [e.id for e in page.model.rows()].index(spent.id)
    index = page.model.index(row, amount_column)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == QColor("#b00020")
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    # its receipt as a thumbnail, and the details
    [item] = page.file_items()
    assert item.text() == "发票.png"
    assert not item.icon().isNull()
    assert "王建国" in page.detail.toPlainText()
    assert "Income 3,000.00" in page.summary_label.text().replace("<b>", "").replace("</b>", "")


@pytest.mark.parametrize("typed", ["-5", "3000.505", "abc"])
def test_a_bad_amount_is_refused_in_the_dialog(qtbot, monkeypatch, page, services, typed):
    def fill(dialog: EntryDialog) -> None:
        type_text(qtbot, dialog.amount_edit, typed)
        dialog.set_category("培训研修")
        type_text(qtbot, dialog.purpose_edit, "购书")
        save(dialog)
        assert not accepted(dialog) and dialog.isVisible()
        assert "金额" in dialog.problems_label.text()
        assert typed in dialog.problems_label.text()
        assert dialog.bad_fields() == ["amount"]
        assert dialog.amount_edit.text() == typed  # the input stays

    seen = answer_entry_dialog(monkeypatch, qtbot, fill)
    page.expense_button.click()
    assert len(seen) == 1
    assert services.ledger.entries() == []
    assert page.model.rows() == []


def test_spending_beyond_the_balance_needs_a_reason(qtbot, monkeypatch, page, services):
    record_grant(monkeypatch, qtbot, page)

    def fill(dialog: EntryDialog) -> None:
        assert not dialog.override_visible()
        type_text(qtbot, dialog.amount_edit, "3500")
        dialog.set_category("培训研修")
        type_text(qtbot, dialog.purpose_edit, "外出考察培训")
        save(dialog)
        assert not accepted(dialog)
        assert "余额为负" in dialog.problems_label.text()
        assert "3,000.00" in dialog.problems_label.text()
        assert dialog.override_visible()
        assert dialog.bad_fields() == ["override_reason"]
        assert len(services.ledger.entries()) == 1
        save(dialog)  # again without a reason: still refused
        assert not accepted(dialog)
        assert len(services.ledger.entries()) == 1
        dialog.override_edit.setPlainText("考察行程已定，经校长同意超支，下年度经费中扣回")
        save(dialog)
        assert accepted(dialog)

    answer_entry_dialog(monkeypatch, qtbot, fill)
    page.expense_button.click()
    over = services.ledger.entries()[-1]
    assert over.override_reason.startswith("考察行程已定")
    texts = page.row_texts(over.id)
    assert texts["flags"] == "⚠ beyond balance"
    assert texts["balance"] == "-500.00"
    row = [e.id for e in page.model.rows()].index(over.id)
    flags = page.model.index(row, page.model.column_of("flags"))
    assert "考察行程已定" in flags.data(Qt.ItemDataRole.ToolTipRole)
    balance = page.model.index(row, page.model.column_of("balance"))
    assert balance.data(Qt.ItemDataRole.ForegroundRole) == QColor("#b00020")
    assert "-500.00" in page.summary_label.text()
    assert "考察行程已定" in page.detail.toPlainText()


def test_an_expense_in_no_category_of_the_studio_is_refused(qtbot, monkeypatch, page, services):
    record_grant(monkeypatch, qtbot, page)

    def fill(dialog: EntryDialog) -> None:
        dialog.category_combo.addItem("招待费", "招待费")  # as if someone slipped one in
        dialog.set_category("招待费")
        type_text(qtbot, dialog.amount_edit, "100")
        type_text(qtbot, dialog.purpose_edit, "聚餐")
        save(dialog)
        assert not accepted(dialog)
        assert "不是本工作室的开支类别" in dialog.problems_label.text()

    answer_entry_dialog(monkeypatch, qtbot, fill)
    page.expense_button.click()
    assert len(services.ledger.entries()) == 1


# --- the confirmation before saving ---


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def open_entry_dialog(qtbot, services, **more) -> EntryDialog:
    return shown(qtbot, EntryDialog(services, **more))


def test_enter_in_the_form_shows_the_entry_in_words_and_never_saves(qtbot, services):
    services.ledger.add(income("2026-01-10", "3000", "2026年学校核拨专项经费"))
    dialog = open_entry_dialog(qtbot, services, direction=Direction.EXPENSE)
    type_text(qtbot, dialog.date_edit, "2026-11-20")
    type_text(qtbot, dialog.amount_edit, "1234.5")
    dialog.set_category("培训研修")
    type_text(qtbot, dialog.payee_edit, "江阴市澄江印务有限公司")
    type_text(qtbot, dialog.voucher_edit, "JZ-2026-099")
    type_text(qtbot, dialog.purpose_edit, "学员带班故事集印刷")
    qtbot.keyClick(dialog.purpose_edit, Qt.Key.Key_Return)
    assert dialog.confirming() and dialog.isVisible()
    assert len(services.ledger.entries()) == 1  # nothing saved by Enter
    words = dialog.confirm.words()
    assert words.startswith("2026-11-20 Expense 1,234.50 yuan\n")
    colon = labels.colon()
    for said in (
        f"Category{colon}培训研修",
        f"Payee{colon}江阴市澄江印务有限公司",
        f"Voucher no.{colon}JZ-2026-099",
        f"Purpose{colon}学员带班故事集印刷",
        "corrected by a reversal",
    ):
        assert said in words, said
    # Enter again, as a hand pressing it twice would: still nothing saved
    for widget in (dialog.confirm.back_button, dialog.confirm.save_button, dialog):
        qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClick(widget, Qt.Key.Key_Enter)
    assert dialog.confirming() and not accepted(dialog)
    assert len(services.ledger.entries()) == 1
    # the click saves, once
    dialog.confirm.save_button.click()
    dialog.confirm.save_button.click()
    assert accepted(dialog)
    [_grant, spent] = services.ledger.entries()
    assert spent.id == dialog.saved_id
    assert (spent.date, spent.amount_fen, spent.category, spent.payee, spent.voucher_no) == (
        dt.date(2026, 11, 20),
        123450,
        "培训研修",
        "江阴市澄江印务有限公司",
        "JZ-2026-099",
    )


def test_going_back_keeps_what_was_typed(qtbot, services):
    services.ledger.add(income("2026-01-10", "3000", "2026年学校核拨专项经费"))
    dialog = open_entry_dialog(qtbot, services, direction=Direction.EXPENSE)
    type_text(qtbot, dialog.amount_edit, "120")
    dialog.set_category("专家指导")
    type_text(qtbot, dialog.purpose_edit, "专家讲座劳务费")
    dialog.next_button.click()
    assert dialog.confirming()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc goes back, it does not close
    assert not dialog.confirming() and dialog.isVisible()
    assert (dialog.amount_edit.text(), dialog.purpose_edit.text()) == ("120", "专家讲座劳务费")
    assert dialog.category_combo.currentData() == "专家指导"
    type_text(qtbot, dialog.amount_edit, "1200")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert "1,200.00 yuan" in dialog.confirm.words()
    dialog.confirm.back_button.click()
    assert not dialog.confirming() and dialog.amount_edit.text() == "1200"
    dialog.next_button.click()
    dialog.confirm.save_button.click()
    assert [e.amount_fen for e in services.ledger.entries()] == [300000, 120000]


def test_a_form_with_problems_stays_a_form(qtbot, services):
    dialog = open_entry_dialog(qtbot, services, direction=Direction.EXPENSE)
    type_text(qtbot, dialog.amount_edit, "abc")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert not dialog.confirming()
    assert "金额" in dialog.problems_label.text() and "amount" in dialog.bad_fields()
    assert services.ledger.entries() == []


def test_a_reversal_and_a_correction_are_confirmed_in_words_too(qtbot, services):
    services.ledger.add(income("2026-01-10", "3000", "2026年学校核拨专项经费"))
    wrong_id = services.ledger.add(expense("2026-11-02", "520", "课题研究", "问卷印制"))
    wrong = services.ledger.get(wrong_id)

    reverse = shown(qtbot, ReverseDialog(services, wrong))
    type_text(qtbot, reverse.reason_edit, "印制取消，款已退回")
    qtbot.keyClick(reverse.reason_edit, Qt.Key.Key_Return)
    assert reverse.confirming() and len(services.ledger.entries()) == 2
    words = reverse.confirm.words()
    assert words.startswith("2026-11-21 Expense reversal 520.00 yuan\n")
    assert "2026-11-02 Expense 520.00 yuan (问卷印制)" in words
    assert "印制取消，款已退回" in words and "cannot be changed or undone" in words
    reverse.confirm.back_button.click()
    assert reverse.reason_edit.text() == "印制取消，款已退回"

    correct = open_entry_dialog(qtbot, services, original=wrong)
    type_text(qtbot, correct.reason_edit, "金额录错")
    type_text(qtbot, correct.amount_edit, "250.05")
    qtbot.keyClick(correct.amount_edit, Qt.Key.Key_Return)
    assert correct.confirming() and len(services.ledger.entries()) == 2
    words = correct.confirm.words()
    assert words.startswith("2026-11-02 Expense 250.05 yuan\n")
    assert "Reverses 2026-11-02 Expense 520.00 yuan (问卷印制), for this reason: 金额录错" in words
    correct.confirm.save_button.click()
    assert accepted(correct)
    assert [e.amount_fen for e in services.ledger.entries()] == [300000, 52000, 52000, 25005]


# --- corrections and reversals ---


def test_a_correction_is_a_reversal_plus_a_new_entry(qtbot, monkeypatch, page, services, tmp_path):
    record_grant(monkeypatch, qtbot, page)
    record_expense(monkeypatch, qtbot, page, "520", "课题研究", "问卷印制", date="2026-11-02")
    page.expense_button.click()
    wrong = services.ledger.entries()[-1]
    services.ledger.attach(wrong.id, [png_file(tmp_path / "印刷发票.png")])
    page.refresh()
    page.select_entry(wrong.id)
    assert page.correct_button.isEnabled() and page.reverse_button.isEnabled()

    def fill(dialog: EntryDialog) -> None:
        assert dialog.windowTitle() == "Correct an entry"
        # prefilled from the entry
        assert dialog.amount_edit.text() == "520.00"
        assert dialog.category_combo.currentData() == "课题研究"
        assert dialog.purpose_edit.text() == "问卷印制"
        assert dialog.date_edit.text() == "2026-11-02"
        assert [f.name for f in dialog.files()] == ["印刷发票.png"]  # the receipt goes along
        type_text(qtbot, dialog.amount_edit, "250.05")
        save(dialog)
        assert not accepted(dialog)
        assert "冲销原因" in dialog.problems_label.text()
        assert dialog.bad_fields() == ["reversal_reason"]
        assert len(services.ledger.entries()) == 2
        type_text(qtbot, dialog.reason_edit, "金额录错，发票为 250.05 元")
        save(dialog)

    answer_entry_dialog(monkeypatch, qtbot, fill)
    page.correct_button.click()
    entries = services.ledger.entries()
    assert len(entries) == 4
    original, reversal, new = entries[1], entries[2], entries[3]
    assert reversal.reverses_id == original.id and reversal.reversal_reason.startswith("金额录错")
    assert new.amount_fen == 25005 and new.category == "课题研究"
    assert [a.original_name for a in new.attachments] == ["印刷发票.png"]
    assert [a.original_name for a in original.attachments] == ["印刷发票.png"]
    assert page.selected_entry().id == new.id
    rows = {e.id: page.row_texts(e.id) for e in entries}
    assert rows[original.id]["balance"] == "2,480.00"
    assert rows[reversal.id]["amount"] == "520.00"
    assert rows[reversal.id]["balance"] == "3,000.00"
    assert rows[reversal.id]["kind"] == "Expense reversal"
    assert rows[reversal.id]["flags"] == "↩"
    assert rows[original.id]["flags"] == "reversed"
    assert rows[new.id]["balance"] == "2,749.95"  # to the fen
    summary = services.ledger.summary(2026)
    assert (summary.expense_fen, summary.balance_fen) == (25005, 274995)
    assert "2,749.95" in page.summary_label.text()
    # neither the reversed entry nor its reversal can be corrected again
    page.select_entry(original.id)
    assert not page.correct_button.isEnabled() and not page.reverse_button.isEnabled()
    page.select_entry(reversal.id)
    assert not page.correct_button.isEnabled() and not page.reverse_button.isEnabled()
    tip = page.model.index(
        [e.id for e in page.model.rows()].index(original.id), page.model.column_of("flags")
    ).data(Qt.ItemDataRole.ToolTipRole)
    assert "金额录错" in tip


def test_reversing_needs_a_reason(qtbot, monkeypatch, page, services, announced):
    record_grant(monkeypatch, qtbot, page)
    record_expense(monkeypatch, qtbot, page, "300", "培训研修", "培训资料")
    page.expense_button.click()
    target = services.ledger.entries()[-1]
    page.select_entry(target.id)
    dialogs = []

    def fake_exec(self):
        qtbot.addWidget(self)
        dialogs.append(self)
        save(self)
        assert not accepted(self) and not self.confirming()
        assert "冲销原因" in self.problems_label.text()
        assert self.bad_fields() == ["reversal_reason"]
        type_text(qtbot, self.reason_edit, "培训取消，书店退款")
        save(self)
        return self.result()

    monkeypatch.setattr(ReverseDialog, "exec", fake_exec)
    page.reverse_button.click()
    reversal = services.ledger.entries()[-1]
    assert reversal.reverses_id == target.id and reversal.date == dt.date(2026, 11, 21)
    assert page.row_texts(reversal.id)["balance"] == "3,000.00"
    assert "培训取消" in page.detail.toPlainText()


# --- closing ---


def test_a_closed_month_refuses_new_entries(qtbot, monkeypatch, page, services, announced):
    record_grant(monkeypatch, qtbot, page)
    assert page.closed_label.text() == "No period closed yet."
    offered = []
    asked = []
    monkeypatch.setattr(page, "ask_month", lambda months: offered.append(months) or (2026, 10))
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or True)
    page.close_month_button.click()
    assert offered[0][0] == (2026, 1) and offered[0][-1] == (2026, 11)  # none in the future
    assert "2026-10" in asked[0] and "cannot be undone" in asked[0]
    assert services.ledger.closed_periods()[0][2] == "2026年10月"
    assert page.closed_label.text() == "Closed: 2026年10月"
    monkeypatch.setattr(page, "ask_month", lambda months: offered.append(months) and None)
    page.close_month_button.click()
    assert (2026, 10) not in offered[1]

    def fill(dialog: EntryDialog) -> None:
        type_text(qtbot, dialog.date_edit, "2026-10-15")
        type_text(qtbot, dialog.amount_edit, "100")
        dialog.set_category("培训研修")
        type_text(qtbot, dialog.purpose_edit, "补记购书")
        save(dialog)
        assert not accepted(dialog)
        assert "已结账" in dialog.problems_label.text()
        assert "2026年10月" in dialog.problems_label.text()
        assert dialog.bad_fields() == ["date"]

    answer_entry_dialog(monkeypatch, qtbot, fill)
    page.expense_button.click()
    assert len(services.ledger.entries()) == 1

    # closing the year: asked, and it says the year is not over yet
    asked.clear()
    page.close_year_button.click()
    assert "not over yet" in asked[0]
    assert page.closed_label.text() == "Closed: 2026年"  # the month lies inside the year
    assert not page.close_year_button.isEnabled()


def test_closing_is_asked_first(qtbot, monkeypatch, page, services):
    monkeypatch.setattr(page, "ask_month", lambda months: (2026, 3))
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: False)
    page.close_month_button.click()
    page.close_year_button.click()
    assert services.ledger.closed_periods() == []


# --- budgets, charts and years ---


def test_budgets_through_the_dialog_and_the_over_budget_mark(
    qtbot, monkeypatch, page, services, announced
):
    record_grant(monkeypatch, qtbot, page)
    record_expense(monkeypatch, qtbot, page, "800", "专家指导", "专家讲座")
    page.expense_button.click()

    def fake_exec(self):
        qtbot.addWidget(self)
        type_text(qtbot, self.edits["专家指导"], "500")
        type_text(qtbot, self.edits["培训研修"], "1000.001")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert not accepted(self)
        assert "培训研修" in self.problems_label.text()
        assert self.bad_fields() == ["培训研修"]
        assert services.ledger.budgets(2026) == {}
        type_text(qtbot, self.edits["培训研修"], "1,000")
        assert self.total_label.text() == "Total budget: 1,500.00"
        self.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return self.result()

    monkeypatch.setattr(BudgetsDialog, "exec", fake_exec)
    page.budgets_button.click()
    assert services.ledger.budgets(2026) == {"专家指导": 50000, "培训研修": 100000}
    rows = {r.category: r for r in page.budget_model.rows()}
    assert rows["专家指导"].over_budget and not rows["培训研修"].over_budget
    model: BudgetModel = page.budget_model
    row = [r.category for r in model.rows()].index("专家指导")
    texts = [model.index(row, c).data() for c in range(model.columnCount())]
    assert texts == ["专家指导", "500.00", "800.00", "-300.00", "over budget"]
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) == QColor(
        OVER_BUDGET_BACKGROUND
    )
    training = [r.category for r in model.rows()].index("培训研修")
    assert [model.index(training, c).data() for c in range(5)] == [
        "培训研修",
        "1,000.00",
        "0.00",
        "1,000.00",
        "",
    ]
    total = model.rows()[-1]
    assert (total.total, total.budget_fen, total.spent_fen) == (True, 150000, 80000)
    # the chart marks it too
    [bar] = [b for b in page.category_chart.bars() if b.label == "专家指导"]
    assert bar.over_budget


def non_background_pixels(widget) -> int:
    image: QImage = widget.grab().toImage()
    background = image.pixelColor(1, 1)
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y) != background
    )


def test_the_charts_draw_the_summary(qtbot, page, services, tmp_path):
    build_ledger(services)
    page.refresh()
    page.set_year(2026)
    summary = services.ledger.summary(2026)
    bars = page.category_chart.bars()
    assert {b.label: b.spent_fen for b in bars} == summary.by_category
    assert {b.label: b.budget_fen for b in bars if b.budget_fen is not None} == summary.budgets
    assert [(m.year, m.month, m.income_fen, m.expense_fen) for m in page.month_chart.months()] == [
        (m.year, m.month, m.income_fen, m.expense_fen) for m in summary.by_month
    ]
    assert [m.label for m in page.month_chart.months()][:3] == ["Jan", "Feb", "Mar"]
    for chart in (page.category_chart, page.month_chart):
        chart.resize(420, 220)
        assert non_background_pixels(chart) > 500, chart.objectName()
    # an empty chart is blank but for its message
    empty = MonthlyChart()
    qtbot.addWidget(empty)
    empty.resize(300, 160)
    assert non_background_pixels(empty) < 200
    # tooltips tell the exact figures
    chart = page.category_chart
    chart.resize(420, 220)
    chart.grab()
    [(rect, bar)] = [(r, b) for r, b in chart._rows if b.label == "专家指导"]
    tip = chart.tip_at(rect.center().x(), rect.center().y())
    assert format(bar.spent_fen // 100, ",") in tip and "Budget: 1,200.00" in tip


def test_chart_scale_steps():
    assert nice_step(300000) == 100000  # 3,000 yuan in steps of 1,000
    assert nice_step(120050) == 50000
    assert nice_step(0) == 100
    assert all(nice_step(v) * 4 >= v for v in (1, 999, 12345, 987654321))


def test_category_chart_empty_and_small(qtbot):
    chart = CategoryChart()
    qtbot.addWidget(chart)
    chart.resize(200, 60)
    chart.grab()  # nothing to draw, nothing raised


def test_the_year_combo_switches_years(qtbot, page, services):
    ids = build_ledger(services)
    page.refresh()
    assert page.year_labels() == ["2026年", "2025年"]
    assert page.year() == 2026  # the current year first
    assert ids["grant26"] in [e.id for e in page.model.rows()]
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    rows = page.model.rows()
    assert {e.fiscal_year for e in rows} == {2025}
    assert ids["grant25"] in [e.id for e in rows]
    summary = services.ledger.summary(2025)
    assert page.summary() == summary
    assert "2025年" in page.summary_label.text()
    assert page.closed_label.text().startswith("Closed: 2025年")
    assert not page.close_year_button.isEnabled()  # 2025 is closed
    assert [m.year for m in page.month_chart.months()] == [2025] * 12
    # the filters
    page.set_direction(Direction.INCOME)
    assert {e.direction for e in page.model.rows()} == {Direction.INCOME}
    page.set_direction(None)
    page.set_category("专家指导")
    assert {e.category for e in page.model.rows()} == {"专家指导"}
    page.set_category(None)
    page.text_edit.setText("彩虹印务")
    assert {e.payee for e in page.model.rows()} == {"江阴彩虹印务"}
    page.text_edit.setText("找不到的字")
    assert page.model.rows() == [] and "No entry matches" in page.empty_label.text()


def test_an_empty_ledger_says_where_to_start(qtbot, page):
    assert page.model.rows() == []
    assert "Record income" in page.empty_label.text()
    assert "3,000.00" in page.grant_label.text()  # the grant is not recorded yet
    assert not page.correct_button.isEnabled() and not page.attach_button.isEnabled()
    assert page.year_labels() == ["2026年"]


# --- categories and receipts ---


def test_adding_a_category(qtbot, monkeypatch, page, services, announced):
    monkeypatch.setattr(page, "ask_text", lambda title, label: "班级文化建设")
    page.category_button.click()
    assert services.ledger.categories()[-1] == "班级文化建设"
    assert page.category_combo.findData("班级文化建设") >= 0
    assert "班级文化建设" in [r.category for r in page.budget_model.rows()]
    warned = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: warned.append(text))
    page.category_button.click()
    assert "已是开支类别" in warned[0]


def test_attaching_receipts_later(qtbot, monkeypatch, page, services, tmp_path):
    record_grant(monkeypatch, qtbot, page)
    grant = services.ledger.entries()[0]
    page.select_entry(grant.id)
    assert "none yet" in page.files_title.text()
    scan = png_file(tmp_path / "拨款通知.png")
    monkeypatch.setattr(ask, "evidence_files", lambda parent: [scan])
    page.attach_button.click()
    assert [i.text() for i in page.file_items()] == ["拨款通知.png"]
    opened = []
    monkeypatch.setattr(page, "open_attachment", opened.append)
    page.files_list.itemDoubleClicked.emit(page.file_items()[0])
    assert opened[0].original_name == "拨款通知.png"


# --- the report and the workbook ---


@dataclass
class FakePreview:
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_lines(self) -> list[str]:
        return list(self.problems)

    def summary(self) -> str:
        return f"{len(self.rows)} 笔可导入，{len(self.problems)} 个问题"


@dataclass
class FakeProblem:
    column: str
    message: str


@dataclass
class FakeRow:
    """Shaped like ledger_io's LedgerPreviewRow."""

    row_number: int
    action: str
    kind: str = "收入"
    date: dt.date | None = dt.date(2026, 3, 1)
    amount_fen: int | None = 300000
    purpose: str = "2026年学校核拨专项经费"
    problems: list = field(default_factory=list)


@pytest.fixture
def fake_io(monkeypatch):
    """Stand-ins for the spending report and the ledger workbook module."""
    calls: list[tuple] = []
    report = types.ModuleType("desktop_app.documents.reports.ledger_report")

    def write_ledger_report(services, year, out):
        calls.append(("report", year, out))
        return out

    report.write_ledger_report = write_ledger_report
    io = types.ModuleType("desktop_app.documents.sheets.ledger_io")

    class LedgerImportError(Exception):
        pass

    def write_ledger_workbook(services, year, path):
        calls.append(("write", year, path))
        return path

    def read_ledger_workbook(path, services):
        calls.append(("read", path))
        if path.name == "bad.xlsx":
            raise LedgerImportError("不是经费台账")
        return io.preview

    def apply_ledger_import(preview, services):
        calls.append(("apply", preview))
        services.ledger.add_category("导入")  # a write of the ledger's, as an import's
        return "导入 2 笔"

    io.LedgerImportError = LedgerImportError
    io.write_ledger_workbook = write_ledger_workbook
    io.read_ledger_workbook = read_ledger_workbook
    io.apply_ledger_import = apply_ledger_import
    io.preview = FakePreview([FakeRow(2, "add"), FakeRow(3, "skip", purpose="读书会用书")])
    monkeypatch.setitem(sys.modules, "desktop_app.documents.reports.ledger_report", report)
    monkeypatch.setitem(sys.modules, "desktop_app.documents.sheets.ledger_io", io)
    return types.SimpleNamespace(calls=calls, io=io)


def test_report_and_export_call_the_writers(qtbot, monkeypatch, page, services, fake_io, tmp_path):
    suggested = []

    def ask_save_path(parent, kind, title, name, **_):
        suggested.append(name)
        return tmp_path / name

    monkeypatch.setattr(ask, "save_document", ask_save_path)
    page.report_button.click()
    assert suggested[-1] == "陈静名班主任工作室-2026年-经费使用情况报告.pdf"
    assert fake_io.calls[-1] == ("report", 2026, tmp_path / suggested[-1])
    assert "经费使用情况报告.pdf" in page.status_label.text()
    page.export_button.click()
    assert suggested[-1] == "陈静名班主任工作室-2026年-经费台账.xlsx"
    assert fake_io.calls[-1] == ("write", 2026, tmp_path / suggested[-1])


def test_import_shows_a_preview_and_applies(
    qtbot, monkeypatch, page, services, fake_io, announced, tmp_path
):
    monkeypatch.setattr(ask, "open_workbook", lambda parent, kind, title: tmp_path / "台账.xlsx")
    previews = []

    def make_preview(preview):
        dialog = LedgerImportPreviewDialog(preview)
        qtbot.addWidget(dialog)
        previews.append(dialog)
        monkeypatch.setattr(dialog, "exec", lambda: dialog.import_button.isEnabled())
        return dialog

    monkeypatch.setattr(page, "make_import_preview", make_preview)
    page.import_button.click()
    rows = previews[0].row_texts()
    assert rows[0] == {
        "row": "2",
        "action": "Add",
        "kind": "收入",
        "date": "2026-03-01",
        "amount": "3,000.00",
        "purpose": "2026年学校核拨专项经费",
        "problems": "",
    }
    assert rows[1]["action"] == "Already in the ledger"
    assert previews[0].summary.text() == "2 笔可导入，0 个问题"
    assert fake_io.calls[-1][0] == "apply"
    assert page.status_label.text() == "导入 2 笔"
    assert frozenset({LEDGER}) in announced

    bad = FakeRow(3, "error", amount_fen=None, problems=[FakeProblem("金额", "“-5”为负数")])
    fake_io.io.preview = FakePreview([FakeRow(2, "add"), bad], ["第 3 行，金额 列：“-5”为负数"])
    page.import_button.click()
    assert not previews[1].import_button.isEnabled()
    assert "为负数" in previews[1].problems_view.toPlainText()
    assert previews[1].row_texts()[1]["problems"] == "金额：“-5”为负数"
    assert fake_io.calls[-1][0] == "read"

    warned = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: warned.append(text))
    monkeypatch.setattr(ask, "open_workbook", lambda parent, kind, title: tmp_path / "bad.xlsx")
    page.import_button.click()
    assert warned == ["不是经费台账"] and len(previews) == 2


def test_the_real_report_and_workbook(qtbot, monkeypatch, page, services, tmp_path):
    """The page with the spending report and the ledger workbook modules themselves: the
    exported workbook, read back, adds nothing new."""
    build_ledger(services)
    page.refresh()
    monkeypatch.setattr(
        ask, "save_document", lambda parent, kind, title, name, **_: tmp_path / name
    )
    page.report_button.click()
    [pdf] = tmp_path.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    page.export_button.click()
    [workbook] = tmp_path.glob("*.xlsx")
    monkeypatch.setattr(ask, "open_workbook", lambda parent, kind, title: workbook)
    previews = []

    def make_preview(preview):
        dialog = page.__class__.make_import_preview(page, preview)
        qtbot.addWidget(dialog)
        previews.append(dialog)
        monkeypatch.setattr(dialog, "exec", lambda: False)  # looked at, then cancelled
        return dialog

    monkeypatch.setattr(page, "make_import_preview", make_preview)
    before = len(services.ledger.entries())
    page.import_button.click()
    [dialog] = previews
    assert dialog.windowTitle().endswith(workbook.name)
    assert dialog.model.rowCount() == len(services.ledger.entries(year=2026))
    assert {r["action"] for r in dialog.row_texts()} == {"Already in the ledger"}
    assert len(services.ledger.entries()) == before


# --- models without views ---


def test_the_models_without_a_view(services):
    build_ledger(services)
    entries = services.ledger.entries(year=2026)
    model = EntriesModel()
    model.set_entries(entries, services.ledger.entries())
    assert model.rowCount() == len(entries)
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(9)] == [
        "Date",
        "Kind",
        "Category / source",
        "Purpose",
        "Payee / paid by",
        "Voucher",
        "Amount",
        "Balance",
        "Notes",
    ]
    last = model.index(model.rowCount() - 1, model.column_of("balance")).data()
    assert last == "750.00"
    assert services.ledger.summary(2026).balance_fen == 75000
    rows = budget_rows(services.ledger.summary(2026))
    assert [r.category for r in rows] == [
        "培训研修",
        "课程资源开发",
        "专家指导",
        "课题研究",
        "班级文化建设",
        "Total",
    ]
    assert {r.category for r in rows if r.over_budget and not r.total} == {"专家指导"}


# --- settings, overview and the main window ---


def test_the_fiscal_year_setting(qtbot, services, bus, announced):
    build_ledger(services)
    funds = FundsPage(services, bus)
    qtbot.addWidget(funds)
    settings = SettingsPage(services, bus)
    qtbot.addWidget(settings)
    assert settings.fiscal_combo.currentData() == "calendar"
    assert "school year" in settings.fiscal_help.text()
    settings.fiscal_combo.setCurrentIndex(settings.fiscal_combo.findData("school_year"))
    assert services.studio.setting("ledger.fiscal_year") == "school_year"
    # a setting was written: the funds page, which follows the settings, shows its years
    assert frozenset({SETTINGS}) in announced
    assert funds.year_labels()[0] == "2026-2027学年"
    assert "2024-2025学年" in funds.year_labels()
    assert [m.month for m in funds.month_chart.months()][:2] == [9, 10]
    assert [m.label for m in funds.month_chart.months()][:2] == ["Sep", "Oct"]


def test_the_overview_shows_this_years_funds(qtbot, services, bus):
    overview = OverviewPage(services, bus)
    qtbot.addWidget(overview)
    assert overview.funds_balance.text() == "0.00"
    assert "No budgets" in overview.over_budget_text()
    build_ledger(services)
    bus.changed.emit(frozenset({LEDGER}))
    summary = services.ledger.summary(2026)
    assert overview.funds_income.text() == "5,000.00"
    assert overview.funds_spent.text() == format(summary.expense_fen // 100, ",") + ".00"
    assert overview.funds_balance.text() == "750.00"
    assert "专家指导" in overview.over_budget_text()


def test_the_main_window_shows_the_funds_page(qtbot, services, tmp_path):
    build_ledger(services, tmp_path)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("funds")
    page = window.pages["funds"]
    assert isinstance(page, FundsPage) and window.current_page_id() == "funds"
    qtbot.waitExposed(window)
    page.show_entry(page.model.rows()[0].id)
    image = window.grab()
    assert (image.width(), image.height()) == (1366, 768)
    if os.environ.get("STUDIODESK_SHOTS"):  # look at it: STUDIODESK_SHOTS=/tmp/shots pytest …
        out = Path(os.environ["STUDIODESK_SHOTS"])
        out.mkdir(parents=True, exist_ok=True)
        image.save(str(out / "funds.png"))
    # nothing is cut off: every column of the entries table shows its header
    header = page.table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(page.model.columnCount()):
        text = page.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text), text


def test_a_new_entry_is_handled_by_the_person_recording_it(qtbot, services):
    """经办人 starts as 我的姓名 (a real value, to change when someone else handled it);
    a correction keeps the original's."""
    services.set_user("李秘书")
    page = FundsPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    dialog = page.make_entry_dialog(Direction.EXPENSE)
    qtbot.addWidget(dialog)
    assert dialog.handler_edit.text() == "李秘书"
    services.ledger.add(income("2026-03-01", "3000", "拨款"))
    spent = services.ledger.add(expense("2026-03-02", "100", "培训研修", "资料", handler="王芳"))
    [original] = [e for e in services.ledger.entries() if e.id == spent]
    correction = page.make_entry_dialog(Direction.EXPENSE, original)
    qtbot.addWidget(correction)
    assert correction.handler_edit.text() == "王芳"

"""The plans page's build plan, annual plan and task ledger, and annual summary tabs,
driven through their real widgets; dialogs answered by replacing exec(), questions by
replacing the tabs' confirm()."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from desktop_app.domain.changes import ACTIVITIES, PLANS
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui import ask
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.dialogs.task_dialog import TaskDialog, TickOffDialog
from desktop_app.gui.models.tasks import OVERDUE_BACKGROUND
from desktop_app.gui.pages.plans import PlansPage
from desktop_app.services.activities import ActivityInput
from desktop_app.services.plans import EvidenceRef, PlanInput, TaskInput
from tests.conftest import TODAY

YEAR = SchoolYear.of(TODAY)  # 2026-2027


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
def studio(services):
    """A member, this year's plan and an activity held in it."""
    mid = services.members.add(
        parse_member({"name": "王芳", "role": "成员", "joined_on": "2024-09-01"}, today=TODAY)
    )
    services.plans.save_annual_plan(YEAR, PlanInput(title="2026-2027学年工作计划"))
    aid = services.activities.create(
        ActivityInput(date="2026-10-15", kind="seminar", topic="主题班会设计研讨")
    )
    return {"member": mid, "activity": aid}


@pytest.fixture
def page(qtbot, services, bus):
    page = PlansPage(services, bus)
    qtbot.addWidget(page)
    page.resize(1166, 740)
    return page


def type_text(qtbot, widget, text: str) -> None:
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:  # QTest cannot type Chinese key by key: input methods insert whole words
        widget.insert(text) if hasattr(widget, "insert") else widget.insertPlainText(text)


def answer(monkeypatch, qtbot, dialog_class, fill):
    """Replace ``dialog_class.exec()``: ``fill(dialog)`` types and presses as it likes."""
    seen: list[QDialog] = []

    def fake_exec(self):
        qtbot.addWidget(self)
        self.show()
        seen.append(self)
        fill(self)
        return self.result()

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return seen


def press(dialog, button=QDialogButtonBox.StandardButton.Save) -> None:
    dialog.buttons.button(button).click()


def accepted(dialog) -> bool:
    return dialog.result() == QDialog.DialogCode.Accepted


def add_item_through_dialog(monkeypatch, qtbot, page, title, owner=None, due="") -> int:
    def fill(dialog: TaskDialog) -> None:
        type_text(qtbot, dialog.title_edit, title)
        if owner is not None:
            dialog.set_owner(owner)
        type_text(qtbot, dialog.due_edit, due)
        press(dialog)

    seen = answer(monkeypatch, qtbot, TaskDialog, fill)
    page.tasks_tab.add_button.click()
    assert accepted(seen[-1]), seen[-1].problems_label.text()
    return seen[-1].saved_id


# --- the task ledger ---


def test_an_item_is_added_and_ticked_off_with_an_activity(
    qtbot, monkeypatch, studio, page, services, announced
):
    tab = page.tasks_tab
    assert page.current_tab() == "tasks"
    assert page.school_year() == YEAR
    assert tab.plan_box.isVisibleTo(page) and not tab.no_plan_box.isVisibleTo(page)
    assert tab.form.title_edit.text() == "2026-2027学年工作计划"

    task_id = add_item_through_dialog(
        monkeypatch, qtbot, page, "开展主题班会设计研讨", owner=studio["member"], due="2026-12-31"
    )
    assert frozenset({PLANS}) in announced
    row = tab.row_texts(task_id)
    assert row["title"] == "开展主题班会设计研讨"
    assert row["owner"] == "王芳"
    assert row["due_on"] == "2026-12-31"
    assert row["status"] == "Not started"
    assert row["evidence"] == ""
    assert tab.count_label.text() == "Done 0 of 1, open 1"
    assert tab.selected_task().id == task_id

    def fill(dialog: TickOffDialog) -> None:
        assert dialog.date_edit.text() == "2026-11-21"
        assert len(dialog.candidate_items()) == 1
        type_text(qtbot, dialog.search_edit, "no such words")
        assert dialog.visible_candidates() == []
        type_text(qtbot, dialog.search_edit, "2026-10")
        assert len(dialog.visible_candidates()) == 1
        item = dialog.candidate_items()[0]
        assert "主题班会设计研讨" in item.text()
        item.setCheckState(Qt.CheckState.Checked)
        assert dialog.chosen() == [EvidenceRef("activity", studio["activity"])]
        assert dialog.chosen_label.text() == "1 records and 0 files chosen."
        press(dialog, QDialogButtonBox.StandardButton.Ok)

    seen = answer(monkeypatch, qtbot, TickOffDialog, fill)
    announced.clear()
    tab.tick_button.click()
    assert accepted(seen[0])
    assert announced == [frozenset({PLANS})]

    row = tab.row_texts(task_id)
    assert row["status"] == "Done"
    assert row["done_on"] == "2026-11-21"
    assert row["evidence"].startswith("1 · ")
    assert "主题班会设计研讨" in row["evidence"]
    assert tab.count_label.text() == "Done 1 of 1, open 0"
    assert tab.selected_task().id == task_id
    assert tab.evidence_texts() == ["Activity：2026-10-15 主题班会设计研讨"]
    assert not tab.tick_button.isEnabled() and not tab.delete_button.isEnabled()
    task = services.plans.task(task_id)
    assert task.is_done and task.done_on == TODAY
    assert [(e.kind, e.target_id) for e in task.evidence] == [("activity", studio["activity"])]


def test_ticking_off_with_nothing_chosen_is_refused(qtbot, monkeypatch, studio, page, services):
    task_id = services.plans.add_task(YEAR, TaskInput(title="撰写年度论文"))
    page.refresh()
    tab = page.tasks_tab
    assert tab.select_task(task_id)

    def fill(dialog: TickOffDialog) -> None:
        press(dialog, QDialogButtonBox.StandardButton.Ok)

    seen = answer(monkeypatch, qtbot, TickOffDialog, fill)
    tab.tick_button.click()
    dialog = seen[0]
    assert not accepted(dialog)
    assert dialog.isVisible()  # stays open for the user to choose
    assert "“撰写年度论文”需有佐证材料才能销账" in dialog.problems_label.text()
    task = services.plans.task(task_id)
    assert task.status == "not_started" and not task.evidence and task.done_on is None
    assert tab.row_texts(task_id)["status"] == "Not started"


def test_ticking_off_with_a_file_and_a_bad_date(
    qtbot, monkeypatch, studio, page, services, tmp_path
):
    photo = tmp_path / "签到表.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    task_id = services.plans.add_task(YEAR, TaskInput(title="整理活动照片"))
    page.refresh()
    tab = page.tasks_tab
    tab.select_task(task_id)

    def fill(dialog: TickOffDialog) -> None:
        monkeypatch.setattr(ask, "evidence_files", lambda parent: [photo])
        dialog.add_files_button.click()
        assert dialog.files() == [photo]
        type_text(qtbot, dialog.date_edit, "2026-02-30")
        press(dialog, QDialogButtonBox.StandardButton.Ok)
        assert not accepted(dialog)
        assert "2026-02-30" in dialog.error_text("date")
        assert dialog.files() == [photo]  # the input is kept
        assert services.plans.task(task_id).status == "not_started"
        type_text(qtbot, dialog.date_edit, "2026-11-20")
        press(dialog, QDialogButtonBox.StandardButton.Ok)

    seen = answer(monkeypatch, qtbot, TickOffDialog, fill)
    tab.tick_button.click()
    assert accepted(seen[0])
    task = services.plans.task(task_id)
    assert task.is_done and task.done_on.isoformat() == "2026-11-20"
    assert [e.label for e in task.evidence] == ["签到表.jpg"]
    assert tab.evidence_texts() == ["File：签到表.jpg"]


def test_a_bad_due_date_is_named_next_to_the_field(qtbot, monkeypatch, studio, page, services):
    def fill(dialog: TaskDialog) -> None:
        type_text(qtbot, dialog.title_edit, "学期中期交流")
        type_text(qtbot, dialog.due_edit, "2025-02-30")
        press(dialog)
        assert not accepted(dialog)
        assert "“2025-02-30”不是有效日期" in dialog.error_text("due_on")
        assert dialog.bad_fields() == ["due_on"]
        assert dialog.title_edit.text() == "学期中期交流"  # the input is kept
        assert services.plans.tasks(YEAR) == []
        dialog.title_edit.clear()
        type_text(qtbot, dialog.due_edit, "")
        press(dialog)
        assert dialog.error_text("task_title") == "任务事项不能为空"
        assert dialog.error_text("due_on") == ""
        type_text(qtbot, dialog.title_edit, "学期中期交流")
        press(dialog)

    seen = answer(monkeypatch, qtbot, TaskDialog, fill)
    page.tasks_tab.add_button.click()
    assert accepted(seen[0])
    [task] = services.plans.tasks(YEAR)
    assert task.title == "学期中期交流" and task.due_on is None


def test_editing_an_item_and_done_needs_evidence(qtbot, monkeypatch, studio, page, services):
    task_id = services.plans.add_task(YEAR, TaskInput(title="读书分享"))
    page.refresh()
    tab = page.tasks_tab
    tab.select_task(task_id)

    def fill(dialog: TaskDialog) -> None:
        assert dialog.title_edit.text() == "读书分享"
        codes = [dialog.status_combo.itemData(i) for i in range(dialog.status_combo.count())]
        assert codes == ["not_started", "in_progress"]  # done: through Tick off
        dialog.set_status("in_progress")
        dialog.set_owner(studio["member"])
        press(dialog)

    answer(monkeypatch, qtbot, TaskDialog, fill)
    tab.edit_button.click()
    row = tab.row_texts(task_id)
    assert (row["status"], row["owner"]) == ("In progress", "王芳")


def test_overdue_open_items_are_marked(studio, page, services):
    late = services.plans.add_task(YEAR, TaskInput(title="提交学期计划", due_on="2026-10-01"))
    services.plans.add_task(YEAR, TaskInput(title="期末总结", due_on="2027-01-15"))
    page.refresh()
    tab = page.tasks_tab
    assert tab.overdue_label.text() == "1 overdue"
    model = tab.model
    rows = {t.id: r for r, t in enumerate(model.rows())}
    index = model.index(rows[late], model.column_of("title"))
    assert index.data(Qt.ItemDataRole.BackgroundRole) == QColor(OVERDUE_BACKGROUND)
    assert "2026-10-01" in index.data(Qt.ItemDataRole.ToolTipRole)
    other = model.index(1 - rows[late], model.column_of("title"))
    assert other.data(Qt.ItemDataRole.BackgroundRole) is None


def test_removing_a_link_and_deleting_an_item(monkeypatch, studio, page, services, announced):
    task_id = services.plans.add_task(YEAR, TaskInput(title="结对帮扶"))
    services.plans.add_evidence(task_id, [EvidenceRef("activity", studio["activity"])])
    page.refresh()
    tab = page.tasks_tab
    tab.select_task(task_id)
    assert len(tab.evidence_texts()) == 1
    assert not tab.remove_evidence_button.isEnabled()
    tab.evidence_list.setCurrentRow(0)
    assert tab.remove_evidence_button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or True)
    tab.remove_evidence_button.click()
    assert "结对帮扶" in asked[0]
    assert services.plans.task(task_id).evidence == ()
    assert tab.evidence_texts() == []
    assert frozenset({PLANS}) in announced

    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: False)
    tab.delete_button.click()
    assert services.plans.tasks(YEAR)
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)
    tab.delete_button.click()
    assert services.plans.tasks(YEAR) == []
    assert tab.model.rows() == [] and tab.empty_label.isVisibleTo(page)


def test_a_year_without_a_plan_offers_to_write_it(page, services, announced):
    tab = page.tasks_tab
    assert tab.no_plan_box.isVisibleTo(page)
    assert not tab.splitter.isVisibleTo(page)
    assert "2026-2027" in tab.no_plan_label.text()
    tab.write_plan_button.click()
    plan = services.plans.annual_plan(YEAR)
    assert plan is not None and plan.title == "2026-2027学年工作计划"
    assert frozenset({PLANS}) in announced
    assert tab.splitter.isVisibleTo(page) and not tab.no_plan_box.isVisibleTo(page)

    type_text(None, tab.form.goals_edit, "每位成员上一节公开课")
    assert page.has_unsaved()
    tab.form.title_edit.clear()
    tab.save_plan_button.click()
    assert "标题不能为空" in tab.form.problems_label.text()
    assert tab.form.bad_fields() == ["plan_title"]
    tab.form.title_edit.setText("2026-2027学年工作计划（修订）")
    tab.save_plan_button.click()
    plan = services.plans.annual_plan(YEAR)
    assert (plan.title, plan.goals) == ("2026-2027学年工作计划（修订）", "每位成员上一节公开课")
    assert not page.has_unsaved()
    assert tab.plan_status.text() == "Plan saved."


def test_switching_years_asks_before_dropping_unsaved_text(monkeypatch, studio, page, services):
    type_text(None, page.tasks_tab.form.goals_edit, "未保存的目标")
    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or False)
    assert not page.select_year(SchoolYear(2025))
    assert page.school_year() == YEAR and asked
    assert page.tasks_tab.form.goals_edit.toPlainText() == "未保存的目标"
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)
    assert page.select_year(SchoolYear(2025))
    assert page.tasks_tab.no_plan_box.isVisibleTo(page)


# --- the build plan ---


def test_the_build_plan_is_saved_and_its_problems_shown(page, services, announced):
    page.show_tab("build")
    tab = page.build_tab
    assert "2024-2027" in tab.help_label.text()
    assert tab.status_label.text() == "Not written yet."
    tab.form.goals_edit.setPlainText("三年培养区级骨干班主任5名")
    tab.save_button.click()
    assert tab.form.problems_label.isVisibleTo(page)
    assert "标题不能为空" in tab.form.problems_label.text()
    assert tab.form.bad_fields() == ["plan_title"]
    assert services.plans.build_plan() is None

    tab.form.title_edit.setText("陈静名班主任工作室三年建设规划")
    tab.form.features_edit.setPlainText("以生涯教育为特色")
    tab.form.measures_edit.setPlainText("每月一次主题研修")
    tab.save_button.click()
    plan = services.plans.build_plan()
    assert plan.title == "陈静名班主任工作室三年建设规划"
    assert (plan.goals, plan.features, plan.measures) == (
        "三年培养区级骨干班主任5名",
        "以生涯教育为特色",
        "每月一次主题研修",
    )
    assert not tab.form.problems_label.isVisibleTo(page)
    assert tab.status_label.text() == "Build plan saved."
    assert frozenset({PLANS}) in announced


# --- the annual summary ---


def test_the_summary_opens_pre_filled_and_is_saved(studio, page, services, bus, announced):
    page.show_tab("summary")
    tab = page.summary_tab
    text = tab.text()
    assert "本学年开展活动 1 次" in text
    assert "陈静名班主任工作室2026-2027学年工作总结" in text
    assert "draft" in tab.state_label.text() and "2026-2027" in tab.state_label.text()
    assert services.summaries.get(YEAR) is None

    tab.editor.appendPlainText("本学年成员成长明显。")
    assert tab.has_unsaved()
    bus.changed.emit(frozenset({ACTIVITIES}))  # a refresh keeps what was typed
    assert tab.text().endswith("本学年成员成长明显。")

    tab.save_button.click()
    saved = services.summaries.get(YEAR)
    assert saved is not None and saved.body == tab.text()
    assert saved.body.endswith("本学年成员成长明显。")
    assert "saved" in tab.state_label.text() and "draft" not in tab.state_label.text()
    assert tab.status_label.text() == "Summary of 2026-2027 saved."
    assert frozenset({PLANS}) in announced
    assert not tab.has_unsaved()


def test_refilling_the_summary_asks_first(monkeypatch, studio, page, services):
    services.summaries.save(YEAR, "旧的总结")
    page.show_tab("summary")
    tab = page.summary_tab
    assert tab.text() == "旧的总结"
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: False)
    tab.refill_button.click()
    assert tab.text() == "旧的总结"
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)
    tab.refill_button.click()
    assert tab.text() == services.summaries.draft(YEAR)
    assert "本学年开展活动 1 次" in tab.text()
    assert tab.has_unsaved()
    assert services.summaries.get(YEAR).body == "旧的总结"  # not saved until Save


def test_an_empty_summary_is_refused(page, services):
    page.show_tab("summary")
    tab = page.summary_tab
    tab.editor.setPlainText("   ")
    tab.save_button.click()
    assert "总结正文不能为空" in tab.problems_label.text()
    assert services.summaries.get(YEAR) is None

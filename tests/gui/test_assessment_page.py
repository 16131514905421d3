"""The assessment page, its editor and dialogs, driven through their real widgets; the
dialogs answered by replacing exec() and the page's questions."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox  # noqa: E402

from desktop_app.domain.changes import ACTIVITIES, ASSESSMENTS  # noqa: E402
from desktop_app.domain.member_input import parse_member  # noqa: E402
from desktop_app.domain.school_year import SchoolYear  # noqa: E402
from desktop_app.gui import ask  # noqa: E402
from desktop_app.gui.bus import ChangeBus  # noqa: E402
from desktop_app.gui.dialogs.assessment_dialogs import (  # noqa: E402
    EvidencePickerDialog,
    NewAssessmentDialog,
)
from desktop_app.gui.main_window import MainWindow  # noqa: E402
from desktop_app.gui.pages.assessment import AssessmentPage  # noqa: E402
from desktop_app.gui.pages.assessment_tree import BAD_SCORE_STYLE  # noqa: E402
from desktop_app.gui.pages.assessment_widgets import MET_COLOUR, NOT_MET_COLOUR  # noqa: E402
from desktop_app.services.activities import ActivityInput  # noqa: E402
from desktop_app.services.assessments import ItemInput  # noqa: E402

YEAR = SchoolYear(2026)  # the school year of TODAY (2026-11-21)
JIANGYIN = "jiangyin-review"
OK = QDialogButtonBox.StandardButton.Ok


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


def make_page(qtbot, services, bus) -> AssessmentPage:
    page = AssessmentPage(services, bus)
    qtbot.addWidget(page)
    page.resize(1166, 740)
    return page


def add_activities(services, count: int, kind: str = "study") -> list[int]:
    return [
        services.activities.create(
            ActivityInput(
                date=f"2026-{9 + i % 3:02d}-{10 + i:02d}", kind=kind, topic=f"研讨{i + 1}"
            )
        )
        for i in range(count)
    ]


def midterm(services) -> int:
    return services.assessments.create(JIANGYIN, "midterm", YEAR)


def type_score(qtbot, editor, code: str, text: str) -> None:
    edit = editor.score_edit(code)
    edit.clear()
    qtbot.keyClicks(edit, text)


def scores(services, assessment_id: int) -> dict[str, int | None]:
    info = services.assessments.get(assessment_id)
    return {c: s.score_tenths for c, s in info.items.items() if s.indicator.is_leaf}


def fill_all(services, assessment_id: int, score: str = "1") -> None:
    template = services.assessments.get(assessment_id).template
    services.assessments.save_items(
        assessment_id, {leaf.code: ItemInput(score) for leaf in template.leaves()}
    )


# --- creating ---


def test_new_dialog_offers_each_templates_kinds_and_shows_problems(
    qtbot, services, bus, announced, monkeypatch
):
    page = make_page(qtbot, services, bus)
    assert page.empty_label.isVisibleTo(page)
    assert page.editor.assessment_id is None
    seen = {}

    def fake_exec(dialog):
        dialog.set_template("wujin-final")
        seen["wujin"] = dialog.kinds()
        seen["wujin member"] = dialog.member_shown()
        dialog.set_template("xinbei-member")
        seen["xinbei"] = dialog.kinds()
        seen["xinbei member"] = dialog.member_shown()
        dialog.buttons.button(OK).click()  # no member chosen: refused inside the dialog
        seen["problems"] = dialog.problems_label.text()
        seen["result"] = dialog.result()
        dialog.set_template(JIANGYIN)
        dialog.set_kind("midterm")
        dialog.buttons.button(OK).click()
        return dialog.result()

    monkeypatch.setattr(NewAssessmentDialog, "exec", fake_exec)
    page.new_button.click()
    assert seen["wujin"] == ["final", "annual"] and not seen["wujin member"]
    assert seen["xinbei"] == ["member"] and seen["xinbei member"]
    assert "成员年度考核须选择被考核成员" in seen["problems"]
    assert not seen["result"]
    [header] = services.assessments.list()
    assert header.template_id == JIANGYIN and header.kind == "midterm"
    assert ASSESSMENTS in announced[-1]
    assert page.selected_id() == header.id == page.editor.assessment_id
    assert page.row_texts(header.id) == {
        "title": "2026-2027学年 中期考核",
        "kind": "Mid-term",
        "year": "2026-2027",
        "member": "",
        "status": "Draft",
        "total": "0/100",
        "grade": "Not fully scored (0 / 29)",
    }
    assert "江阴中专名班主任工作室考核细则" in page.editor.source_label.full_text
    assert "附件2" in page.editor.source_label.toolTip()
    assert not page.empty_label.isVisibleTo(page)


def test_a_member_assessment_names_its_member(qtbot, services, bus, monkeypatch):
    mid = services.members.add(
        parse_member({"name": "王芳", "role": "成员", "joined_on": "2024-09-01"})
    )
    page = make_page(qtbot, services, bus)

    def fake_exec(dialog):
        dialog.set_template("xinbei-member")
        dialog.set_member(mid)
        dialog.title_edit.setText("王芳 年度考核")
        dialog.buttons.button(OK).click()
        return dialog.result()

    monkeypatch.setattr(NewAssessmentDialog, "exec", fake_exec)
    page.new_button.click()
    [header] = services.assessments.list()
    assert header.membership_id == mid
    texts = page.row_texts(header.id)
    assert (texts["title"], texts["member"], texts["kind"]) == (
        "王芳 年度考核",
        "王芳",
        "Member",
    )
    assert not page.table.isColumnHidden(page.model.column_of("member"))
    assert "王芳" in page.editor.source_label.full_text
    assert "王芳" in page.editor.row_texts("1.1")["records"]


# --- the tree ---


def test_the_tree_shows_the_indicators_and_what_the_records_show(qtbot, services, bus):
    add_activities(services, 6)
    aid = midterm(services)
    page = make_page(qtbot, services, bus)
    editor = page.editor
    assert editor.assessment_id == aid
    assert editor.tree.topLevelItemCount() == 5
    row = editor.row_texts("3.2.1")
    assert row["text"].startswith("3.2.1 建设方案确定的各项建设内容和任务")
    assert row["max"] == "4"
    assert row["records"] == "本学年开展活动 6 次（要求至少 6 次）"
    assert row["evidence"] == "6*"  # six proposals, not decided yet
    assert editor.item("3.2.1").foreground(3).color().name() == MET_COLOUR
    assert editor.row_texts("1.3.1")["records"] == "尚无建设规划"
    assert editor.item("1.3.1").foreground(3).color().name() == NOT_MET_COLOUR
    assert editor.row_texts("3")["max"] == "35" and editor.row_texts("3")["score"] == "0"
    assert editor.item("1.1.1").toolTip(0).startswith("工作室建设工作领导小组")
    editor.select_indicator("3.2.1")
    assert "本学年开展活动 6 次" in editor.rule_label.full_text
    assert len(editor.evidence_rows) == 6
    assert all(r.state.decision == "proposed" for r in editor.evidence_rows)


def test_scores_typed_in_the_tree_are_totalled_and_saved_together(qtbot, services, bus, announced):
    aid = midterm(services)
    page = make_page(qtbot, services, bus)
    editor = page.editor
    assert not editor.save_button.isEnabled()
    type_score(qtbot, editor, "1.1.1", "3")
    type_score(qtbot, editor, "1.2.1", "2.5")
    assert editor.row_texts("1")["score"] == "5.5"
    assert editor.row_texts("1.2")["score"] == "2.5"
    assert "5.5 / 100" in editor.footer.total_label.text()
    assert "Not fully scored (2 / 29)" in editor.footer.total_label.text()
    editor.select_indicator("1.1.1")
    editor.comment_edit.setPlainText("领导小组每学期听取一次汇报")
    editor.select_indicator("1.2.1")
    assert editor.comment_edit.toPlainText() == ""
    editor.overall_edit.setPlainText("总体良好")
    assert editor.is_dirty() and editor.save_button.isEnabled()
    assert scores(services, aid)["1.1.1"] is None  # nothing written before Save
    editor.save_button.click()
    stored = services.assessments.get(aid)
    assert stored.items["1.1.1"].score_tenths == 30
    assert stored.items["1.2.1"].score_tenths == 25
    assert stored.items["1.1.1"].comment == "领导小组每学期听取一次汇报"
    assert stored.comment == "总体良好"
    assert ASSESSMENTS in announced[-1]
    assert editor.status_label.text() == "Saved."
    assert not editor.is_dirty() and not editor.save_button.isEnabled()
    assert page.row_texts(aid)["total"] == "5.5/100"
    editor.select_indicator("1.1.1")
    assert editor.comment_edit.toPlainText() == "领导小组每学期听取一次汇报"


def test_arrow_keys_step_half_points_within_the_maximum(qtbot, services, bus):
    midterm(services)
    page = make_page(qtbot, services, bus)
    editor = page.editor
    edit = editor.score_edit("1.1.1")  # max 3
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.text() == "0"
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.text() == "0.5"
    edit.setText("2.8")
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.text() == "3"
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.text() == "3"
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    assert edit.text() == "2.5"
    assert editor.row_texts("1.1")["score"] == "2.5"


def test_an_out_of_range_score_is_named_and_nothing_is_written(qtbot, services, bus, announced):
    aid = midterm(services)
    page = make_page(qtbot, services, bus)
    editor = page.editor
    type_score(qtbot, editor, "1.2.1", "2")
    type_score(qtbot, editor, "1.1.1", "5")  # the maximum is 3
    assert editor.score_edit("1.1.1").styleSheet() == BAD_SCORE_STYLE
    assert editor.score_edit("1.2.1").styleSheet() == ""
    assert "not valid" in editor.footer.total_label.text()
    announced.clear()
    editor.save_button.click()
    problems = editor.problems_label.text()
    assert "1.1.1" in problems and "应在 0 与 3 之间" in problems
    assert editor.status_label.text() == "Nothing was saved."
    assert scores(services, aid)["1.2.1"] is None and scores(services, aid)["1.1.1"] is None
    assert not announced
    type_score(qtbot, editor, "1.1.1", "3")
    editor.save_button.click()
    assert editor.problems_label.text() == ""
    assert scores(services, aid)["1.1.1"] == 30 and scores(services, aid)["1.2.1"] == 20


def test_undo_puts_back_what_is_saved(qtbot, services, bus):
    aid = midterm(services)
    services.assessments.save_items(aid, {"1.1.1": ItemInput("2")}, comment="原来的")
    page = make_page(qtbot, services, bus)
    editor = page.editor
    type_score(qtbot, editor, "1.1.1", "9")
    editor.overall_edit.setPlainText("改过的")
    editor.save_button.click()
    assert editor.problems_label.text()
    editor.undo_button.click()
    assert editor.score_edit("1.1.1").text() == "2"
    assert editor.overall_edit.toPlainText() == "原来的"
    assert editor.problems_label.text() == "" and not editor.is_dirty()
    assert not editor.undo_button.isEnabled()


def test_new_records_move_the_rules_and_keep_the_typed_scores(qtbot, services, bus):
    midterm(services)
    page = make_page(qtbot, services, bus)
    editor = page.editor
    assert editor.row_texts("3.2.1")["records"] == "本学年开展活动 0 次（要求至少 6 次）"
    type_score(qtbot, editor, "3.2.1", "1.5")
    add_activities(services, 6)
    bus.changed.emit(frozenset({ACTIVITIES}))
    assert editor.row_texts("3.2.1")["records"] == "本学年开展活动 6 次（要求至少 6 次）"
    assert editor.item("3.2.1").foreground(3).color().name() == MET_COLOUR
    assert editor.score_edit("3.2.1").text() == "1.5" and editor.is_dirty()


def test_enter_moves_on_and_a_focused_score_selects_its_indicator(qtbot, services, bus):
    midterm(services)
    page = make_page(qtbot, services, bus)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    editor = page.editor
    first = editor.score_edit("1.1.1")
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    assert editor.current_code() == "1.1.1"
    qtbot.keyClicks(first, "3")
    qtbot.keyClick(first, Qt.Key.Key_Return)
    following = editor.score_edit("1.2.1")
    qtbot.waitUntil(following.hasFocus)
    assert editor.current_code() == "1.2.1"
    assert editor.row_texts("1")["score"] == "3"


def test_save_with_the_focus_in_a_score_box_keeps_working(qtbot, services, bus):
    """Saving reloads the tree under the typing hand: the focus passes between score boxes
    whose rows are already gone. It once raised in every such save (the error dialog), and
    the window ignored the next clicks."""
    aid = midterm(services)
    window = MainWindow(services, bus)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.show_page("assessment")
    editor = window.pages["assessment"].editor
    for code, score in (("1.1.1", "3"), ("1.2.1", "2")):  # twice: each save reloads
        edit = editor.score_edit(code)
        edit.setFocus()
        qtbot.waitUntil(edit.hasFocus)
        qtbot.keyClicks(edit, score)
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert editor.status_label.text() == "Saved."
        qtbot.waitUntil(editor.score_edit(code).hasFocus)  # the new box of that indicator
        assert editor.current_code() == code
    assert scores(services, aid)["1.1.1"] == 30 and scores(services, aid)["1.2.1"] == 20
    funds = window.nav.findItems("Funds", Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(
        window.nav.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.nav.visualItemRect(funds).center(),
    )
    assert window.current_page_id() == "funds"


# --- evidence ---


def test_proposals_are_accepted_removed_and_restored(qtbot, services, bus):
    add_activities(services, 2)
    aid = midterm(services)
    page = make_page(qtbot, services, bus)
    editor = page.editor
    type_score(qtbot, editor, "1.1.1", "2")  # typed, not saved: survives the decisions
    editor.select_indicator("3.2.1")
    first, second = editor.evidence_rows
    assert first.accept_button.isVisibleTo(first) and first.remove_button.isVisibleTo(first)
    assert not first.restore_button.isVisibleTo(first)
    first.remove_button.click()
    second.accept_button.click()
    decisions = [e.decision for e in services.assessments.get(aid).items["3.2.1"].evidence]
    assert decisions == ["removed", "accepted"]
    assert editor.current_code() == "3.2.1"
    removed, accepted = editor.evidence_rows
    assert removed.state.decision == "removed"
    assert removed.restore_button.isVisibleTo(removed)
    assert not removed.accept_button.isVisibleTo(removed)
    assert removed.text_label.font().strikeOut()
    assert accepted.state.decision == "accepted"
    assert not accepted.accept_button.isVisibleTo(accepted)
    assert editor.row_texts("3.2.1")["evidence"] == "1"
    removed.restore_button.click()
    decisions = [e.decision for e in services.assessments.get(aid).items["3.2.1"].evidence]
    assert decisions == ["accepted", "accepted"]
    assert editor.score_edit("1.1.1").text() == "2" and editor.is_dirty()


def test_evidence_is_added_by_hand_from_the_years_records(qtbot, services, bus, monkeypatch):
    [activity] = add_activities(services, 1)
    aid = midterm(services)
    page = make_page(qtbot, services, bus)
    editor = page.editor
    editor.select_indicator("1.1.1")  # no rule: nothing proposed
    assert editor.evidence_rows == []

    def make_picker(candidates, indicator):
        picker = EvidencePickerDialog(candidates, indicator, parent=editor)
        assert picker.select_target("activity", activity)
        assert picker.add_button.isEnabled()
        picker.exec = lambda: True
        return picker

    monkeypatch.setattr(editor, "make_picker", make_picker)
    editor.add_evidence_button.click()
    [state] = services.assessments.get(aid).items["1.1.1"].evidence
    assert (state.evidence.kind, state.evidence.target_id, state.decision) == (
        "activity",
        activity,
        "accepted",
    )
    assert not state.from_rule
    [row] = editor.evidence_rows
    assert "(added by hand)" in row.text_label.full_text
    assert "研讨1" in row.text_label.full_text


# --- submitting, copying, deleting ---


def test_submit_refuses_an_incomplete_assessment(qtbot, services, bus, monkeypatch):
    aid = midterm(services)
    page = make_page(qtbot, services, bus)
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)
    page.submit_button.click()
    assert "尚有 29 项指标未自评" in page.problems_label.text()
    assert not services.assessments.get(aid).locked


def test_submitting_locks_every_editor_and_a_copy_is_editable_again(
    qtbot, services, bus, monkeypatch
):
    add_activities(services, 2)
    aid = midterm(services)
    fill_all(services, aid, "1")  # 29 points: 不合格
    page = make_page(qtbot, services, bus)
    editor = page.editor
    assert "取消资格和经费支持" in editor.footer.consequence_label.full_text
    assert "Fail" in editor.footer.total_label.text()
    assert "≥ 90" in editor.footer.notes_label.text()
    type_score(qtbot, editor, "1.1.1", "3")  # saved by Submit before it locks
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or True)
    page.submit_button.click()
    assert asked and "locked" in asked[0]
    info = services.assessments.get(aid)
    assert info.locked and info.header.total_tenths == 310
    assert info.items["1.1.1"].score_tenths == 30
    # read-only everywhere
    assert editor.lock_banner.isVisibleTo(editor)
    banner = editor.lock_banner.text()
    assert banner.startswith("Submitted on 20") and "copy it into a new draft" in banner
    assert not any(e.isEnabled() for e in editor._edits.values())
    assert editor.overall_edit.isReadOnly() and editor.comment_edit.isReadOnly()
    assert not editor.save_button.isEnabled() and not editor.undo_button.isEnabled()
    editor.select_indicator("3.2.1")
    assert not editor.add_evidence_button.isEnabled()
    assert editor.evidence_rows
    for row in editor.evidence_rows:
        assert row.state.decision == "accepted"  # proposals taken as accepted
        for button in (row.accept_button, row.remove_button, row.restore_button):
            assert not button.isVisibleTo(row)
    assert not page.submit_button.isEnabled() and not page.delete_button.isEnabled()
    assert page.copy_button.isEnabled()
    assert page.row_texts(aid)["status"] == "Submitted"
    row = next(r for r, h in enumerate(page.headers()) if h.id == aid)
    status = page.model.index(row, page.model.column_of("status"))
    assert status.data(Qt.ItemDataRole.DecorationRole) is not None

    page.copy_button.click()
    [copy] = [h for h in services.assessments.list() if h.id != aid]
    assert copy.copied_from_id == aid and copy.status == "draft"
    assert page.selected_id() == copy.id == editor.assessment_id
    assert not editor.lock_banner.isVisibleTo(editor)
    assert all(e.isEnabled() for e in editor._edits.values())
    assert not editor.overall_edit.isReadOnly()
    assert editor.score_edit("1.1.1").text() == "3" and editor.score_edit("5.1").text() == "1"
    assert page.submit_button.isEnabled() and page.delete_button.isEnabled()
    type_score(qtbot, editor, "1.2.1", "2")
    editor.save_button.click()
    assert scores(services, copy.id)["1.2.1"] == 20
    assert scores(services, aid)["1.2.1"] == 10  # the submitted one is untouched


def test_delete_draft_asks_first(qtbot, services, bus, monkeypatch):
    aid = midterm(services)
    page = make_page(qtbot, services, bus)
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: False)
    page.delete_button.click()
    assert [h.id for h in services.assessments.list()] == [aid]
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)
    page.delete_button.click()
    assert services.assessments.list() == []
    assert page.editor.assessment_id is None
    assert page.empty_label.isVisibleTo(page)
    assert not page.delete_button.isEnabled()


def test_leaving_an_edited_assessment_asks_about_the_unsaved_scores(
    qtbot, services, bus, monkeypatch
):
    first = midterm(services)
    second = services.assessments.create(JIANGYIN, "final", YEAR)
    page = make_page(qtbot, services, bus)
    page.select_assessment(first)
    type_score(qtbot, page.editor, "1.1.1", "2")
    answers = ["cancel", "save"]
    monkeypatch.setattr(page, "ask_unsaved", lambda: answers.pop(0))
    page.table.selectRow(next(r for r, h in enumerate(page.headers()) if h.id == second))
    assert page.selected_id() == first == page.editor.assessment_id
    assert page.editor.score_edit("1.1.1").text() == "2"
    page.table.selectRow(next(r for r, h in enumerate(page.headers()) if h.id == second))
    assert page.editor.assessment_id == second
    assert scores(services, first)["1.1.1"] == 20


def test_main_window_shows_the_assessment_page(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show_page("assessment")
    assert isinstance(window.pages["assessment"], AssessmentPage)
    assert window.current_page_id() == "assessment"


def test_the_indicator_level_is_named_as_the_bureau_names_it(qtbot, services, bus):
    from PySide6.QtCore import QCoreApplication

    from desktop_app.gui.i18n import install_translators

    midterm(services)
    install_translators(QCoreApplication.instance(), "zh_CN")  # taken away after the test
    page = make_page(qtbot, services, bus)
    page.editor.select_indicator("3.2.1")
    assert "三级指标" in page.editor.detail_title.full_text
    page.editor.select_indicator("3")
    assert "一级指标" in page.editor.detail_title.full_text


# --- the grade: none until every indicator is scored; consequences of the review's kind ---


def test_an_empty_draft_shows_no_grade_and_no_consequence(qtbot, services, bus):
    """A new draft is not 不合格 … 将撤销工作室建制: it is 未完成评分 (0 / N) until every
    indicator has a score, in the editor as in the list."""
    aid = services.assessments.create("wujin-final", "final", YEAR)
    leaves = len(services.assessments.get(aid).template.leaves())
    page = make_page(qtbot, services, bus)
    page.select_assessment(aid)
    footer = page.editor.footer
    assert f"Not fully scored (0 / {leaves})" in footer.total_label.text()
    assert "Fail" not in footer.total_label.text()
    assert not footer.consequence_label.isVisibleTo(page) and not footer.consequence_label.full_text
    assert page.row_texts(aid)["grade"] == f"Not fully scored (0 / {leaves})"
    for leaf in services.assessments.get(aid).template.leaves()[:-1]:
        type_score(qtbot, page.editor, leaf.code, "0")
    assert f"Not fully scored ({leaves - 1} / {leaves})" in footer.total_label.text()
    assert not footer.consequence_label.full_text
    last = services.assessments.get(aid).template.leaves()[-1]
    type_score(qtbot, page.editor, last.code, "0")  # the last one: now a grade
    assert "grade: Fail" in footer.total_label.text()
    assert "撤销工作室建制" in footer.consequence_label.full_text


def test_a_wujin_annual_assessment_shows_no_dissolution(qtbot, services, bus):
    """Seed 002 §七's 撤销工作室建制 belongs to the final review, not the yearly one."""
    aid = services.assessments.create("wujin-final", "annual", YEAR)
    fill_all(services, aid, "0")
    page = make_page(qtbot, services, bus)
    page.select_assessment(aid)
    footer = page.editor.footer
    assert "grade: Fail" in footer.total_label.text()
    assert not footer.consequence_label.full_text
    assert not footer.consequence_label.isVisibleTo(page)

"""A record dialog on a school server whose connection is lost during the save (issue 18):
the dialog stays open with what was typed and says so in words, nothing is written, and
the second press of Save, once the server is back, saves it — once."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtWidgets import QDialog, QDialogButtonBox  # noqa: E402

from desktop_app.gui.dialogs.activity_dialog import ActivityDialog  # noqa: E402
from tests.conftest import studio_on  # noqa: E402


@pytest.fixture
def services(lone_cluster):
    with studio_on(lone_cluster) as services:
        yield services


def test_the_activity_dialog_keeps_the_input_and_saves_when_the_server_is_back(
    qtbot, services, lone_cluster
):
    dialog = ActivityDialog(services.activities)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_edit.setText("2026-11-18")
    dialog.set_kind("seminar")
    dialog.topic_edit.setText("主题班会设计研讨")
    dialog.place_edit.setText("行政楼三楼会议室")
    dialog.content_edit.setPlainText("围绕安全教育主题设计班会课")

    def switch_the_server_off(_session) -> None:  # while the save is under way
        services.db.before_commit.remove(switch_the_server_off)
        lone_cluster.halt()

    services.db.before_commit.append(switch_the_server_off)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    try:
        save.click()
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        said = dialog.problems_label.text()
        assert f"与学校服务器 127.0.0.1:{lone_cluster.port} 的连接中断了" in said
        assert "您填写的内容都还在" in said and "损坏" not in said
        # what was typed is all there
        assert dialog.topic_edit.text() == "主题班会设计研讨"
        assert dialog.place_edit.text() == "行政楼三楼会议室"
        assert dialog.content_edit.toPlainText() == "围绕安全教育主题设计班会课"
    finally:
        lone_cluster.resume()
    assert services.activities.list() == []  # nothing of the lost save
    save.click()  # the second press, the server back
    assert dialog.result() == QDialog.DialogCode.Accepted
    [saved] = services.activities.list()
    assert (saved.topic, saved.place) == ("主题班会设计研讨", "行政楼三楼会议室")
    assert dialog.saved_id == saved.id

"""The plans page's yearly duties tab: the grid of a school year and its Excel export."""

from __future__ import annotations

import openpyxl
import pytest

from desktop_app.domain.member_input import parse_member
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui import ask
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.pages.plans import PlansPage
from desktop_app.services.growth import RecordInput
from tests.conftest import TODAY, jiangyin_studio

Y2025 = SchoolYear(2025)


@pytest.fixture
def xinbei(empty_services):
    services = empty_services
    services.studio.create(jiangyin_studio(preset_id="xinbei-room"))
    mid = services.members.add(
        parse_member({"name": "王芳", "role": "成员", "joined_on": "2024-09-01"}, today=TODAY)
    )
    services.growth.add_record(
        mid, RecordInput(kind="公开课", date="2025-10-10", title="德育公开课《诚信》")
    )
    services.growth.add_record(
        mid, RecordInput(kind="论文", date="2026-03-01", title="班级文化建设的实践")
    )
    return services, mid


def make_page(qtbot, services) -> PlansPage:
    page = PlansPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    page.show_tab("duties")
    return page


def test_grid_shows_done_and_missing_duties_of_the_year(qtbot, xinbei):
    services, mid = xinbei
    page = make_page(qtbot, services)
    assert page.select_year(Y2025)
    assert page.school_year() == Y2025
    assert page.current_tab() == "duties"
    assert page.duties_help_label.text()
    assert not page.no_duties_label.isVisibleTo(page)
    assert page.table.isVisibleTo(page)
    assert page.cell_text(mid, "public_lesson") == "✓"
    assert page.cell_text(mid, "paper") == "✓"
    # 新北's 五个一 are encouraged (鼓励), not required: one not done is no ✗
    assert page.cell_text(mid, "research") == "Not yet (encouraged)"
    column = page.model.column_of("kind:public_lesson")
    tooltip = page.model.index(0, column).data(3)  # ToolTipRole
    assert "德育公开课《诚信》" in tooltip
    assert "鼓励名班主任和名班主任成长团队成员每学年开设一节德育公开课" in page.source_label.text()
    assert "encourages these duties" in page.source_label.text()
    research = page.model.index(0, page.model.column_of("kind:research")).data(3)
    assert "encourages it" in research and "does not require it" in research
    assert "not yet done (encouraged)" in page.summary_label.text()
    done = page.model.index(0, page.model.column_of("done")).data()
    missing = page.model.index(0, page.model.column_of("missing")).data()
    assert (done, missing) == ("2", "3")


def test_default_year_is_the_current_one(qtbot, xinbei):
    services, _ = xinbei
    page = make_page(qtbot, services)
    assert page.school_year() == SchoolYear.of(TODAY)


def test_export_writes_the_workbook(qtbot, xinbei, tmp_path, monkeypatch):
    services, _ = xinbei
    page = make_page(qtbot, services)
    page.select_year(Y2025)
    target = tmp_path / "out" / "duties.xlsx"
    asked = []

    def ask_save_path(parent, kind, title, suggested, **_):
        asked.append(suggested)
        return target

    monkeypatch.setattr(ask, "save_document", ask_save_path)
    page.export_button.click()
    assert asked and asked[0].endswith("2025-2026-年度职责.xlsx")
    assert target.exists()
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".~")]
    ws = openpyxl.load_workbook(target)["年度职责"]
    rows = [list(row) for row in ws.iter_rows(values_only=True)]
    assert "2025-2026" in rows[0][0]
    header = rows[2]
    assert header[:2] == ["姓名", "角色"] and header[-2:] == ["完成", "未开展"]
    assert "文件用语为“鼓励”" in rows[1][0]
    assert "公开课" in header[2]
    data = dict(zip(header, rows[3], strict=True))
    assert data["姓名"] == "王芳"
    assert data[header[2]] == "✓ 德育公开课《诚信》"
    values = rows[3]
    assert "✓ 班级文化建设的实践" in values
    assert "未开展（鼓励）" in values and "缺" not in values
    assert ws.freeze_panes == "C4"
    assert ws.page_setup.orientation == "landscape"
    assert "2025-2026" in page.status_label.text() or str(target) in page.status_label.text()


def test_a_preset_without_duties_says_so(qtbot, services, tmp_path):
    page = make_page(qtbot, services)
    assert page.no_duties_label.isVisibleTo(page)
    assert page.no_duties_label.text() == "This studio's policy preset sets no yearly duties."
    assert not page.table.isVisibleTo(page)
    assert not page.export_button.isEnabled()
    from desktop_app.documents.sheets.duties_io import write_duties_workbook

    written = write_duties_workbook(services, SchoolYear.of(TODAY), tmp_path / "d.xlsx")
    ws = openpyxl.load_workbook(written)["年度职责"]
    assert ws["A2"].value == "本工作室的政策预设未规定年度职责"


def test_a_host_who_gave_a_talk_shows_the_lecture_done_with_its_source(qtbot, empty_services):
    """武进 requires the duties: the host who presented a 讲座 has 讲座 ✓ (the activity's
    date and topic on hover), not ✗; a duty not done stays ✗."""
    from desktop_app.services.activities import ActivityInput

    services = empty_services
    services.studio.create(jiangyin_studio(preset_id="wujin"))
    host = services.members.add(
        parse_member({"name": "陈静", "role": "主持人", "joined_on": "2024-09-01"}, today=TODAY)
    )
    services.activities.create(
        ActivityInput(
            date="2025-10-10", kind="专家讲座", topic="“一班一品”班级文化", presenter="陈静"
        )
    )
    page = make_page(qtbot, services)
    page.select_year(Y2025)
    assert page.cell_text(host, "lecture") == "✓"
    assert page.cell_text(host, "paper") == "✗"
    tooltip = page.model.index(0, page.model.column_of("kind:lecture")).data(3)
    assert tooltip == "Presented on 2025-10-10: Expert lecture “‘一班一品’班级文化”"
    assert "encourages" not in page.source_label.text()
    page.select_year(SchoolYear(2024))
    assert page.cell_text(host, "lecture") == "✗"

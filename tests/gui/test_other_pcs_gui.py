"""Another PC's save shows on this PC's open window within seconds (issue 18): the
window's bus hears other programs' commits (store/watch.py) and the pages refresh as for
a save made here. On an SQLite file the other program is the CLI or a second window; on
a server database another PC."""

from __future__ import annotations

from desktop_app.gui.main_window import MainWindow
from desktop_app.services.ledger import EntryInput
from tests.conftest import BOTH
from tests.integration.test_other_pcs import record_expense_elsewhere

BACKENDS = BOTH


def test_the_front_page_shows_another_programs_expense(qtbot, services, database_at):
    services.ledger.add(EntryInput("收入", "2026-03-01", "1000", "经费", source="grant"))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.show_page("overview")  # (a studio without members starts on Members)
    overview = window.pages["overview"]
    assert overview.funds_spent.text() == "0.00"
    record_expense_elsewhere(database_at("db"))  # a second process: the other PC
    qtbot.waitUntil(lambda: overview.funds_spent.text() == "12.50", timeout=5000)
    assert overview.funds_balance.text() == "987.50"

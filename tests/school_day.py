"""A school day on two PCs (tests/integration/test_school_server_day.py): the host's and
the secretary's daily work as steps, each a few service calls, run by a PC process signed
in as its account (``pc``) on the server, or one after the other on an SQLite file — the
same calls with the same clock, so that the two databases hold the same records."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import time_machine

from desktop_app.domain.member_input import parse_member
from desktop_app.services.activities import ActivityInput
from desktop_app.services.app import AppServices
from desktop_app.services.attendance import MarkInput
from desktop_app.services.ledger import EntryInput
from desktop_app.services.plans import PlanInput

TODAY = dt.date(2026, 11, 21)
NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
PASSWORDS = {"chen": "host-pass-1", "li": "secretary-pass-2", "wang": "viewer-pass-3"}
PERIOD = "2026-2027"


def add_member(services: AppServices, name: str) -> int:
    """A confirmed member since the cycle's start; the membership's id."""
    raw = {
        "name": name,
        "role": "成员",
        "gender": "女",
        "birth_date": "1990-05-04",
        "school": "江阴中专信息技术系",
        "head_teacher_since": "2015",
        "joined_on": "2024-09-01",
    }
    return services.members.add(parse_member(raw, today=TODAY))


def roster(services: AppServices) -> None:
    for name in ("王芳", "李娜", "赵敏"):
        add_member(services, name)


def session_with_attendance(services: AppServices) -> None:
    activity = services.activities.create(
        ActivityInput(date=dt.date(2026, 11, 20), kind="学习研讨", topic="主题班会课设计研讨")
    )
    rows = services.attendance.sheet(activity).rows
    statuses = ["出勤", "缺勤", "请假"]
    services.attendance.save_marks(
        activity, [MarkInput(r.membership_id, statuses[i % 3]) for i, r in enumerate(rows)]
    )


def expense_with_receipt(services: AppServices, receipt: Path) -> None:
    services.ledger.add(EntryInput("收入", "2026-11-02", "3000", "年度工作经费", source="grant"))
    services.ledger.add(
        EntryInput(
            "支出", "2026-11-20", "800", "专家讲座劳务费", category="专家指导", payee="刘海峰"
        ),
        files=[receipt],
    )


def plan_and_budget(services: AppServices) -> None:
    services.plans.save_annual_plan(
        services.year_facts.current_year(),
        PlanInput("2026-2027学年工作计划", goals="提升班主任专业能力", measures="每月一次研讨"),
    )
    services.ledger.set_budget(2026, "专家指导", "2000")
    services.ledger.close_month(2026, 10)


# (whose, step): the day's work, in the order the two PCs do it
STEPS = (
    ("chen", "roster"),
    ("li", "session_with_attendance"),
    ("li", "expense_with_receipt"),
    ("chen", "plan_and_budget"),
)


def do(services: AppServices, step: str, receipt: Path) -> None:
    if step == "expense_with_receipt":
        expense_with_receipt(services, receipt)
    else:
        globals()[step](services)


def view(services: AppServices) -> tuple:
    """What both PCs must show alike after each step."""
    summary = services.ledger.summary(2026)
    return (
        [r.name for r in services.members.roster()],
        [(a.topic, a.present, a.expected) for a in services.activities.list()],
        summary.balance_fen,
        summary.budgets,
        [(e.purpose, e.amount_fen) for e in services.ledger.entries()],
        sorted((m, t.missed, t.expected) for m, t in services.attendance.tallies().items()),
        [p.title for p in services.plans.annual_plans()],
    )


def pc(url: str, login: str, receipt: str, inbox, outbox) -> None:
    """A PC signed in as ``login``, watching the others' changes: ("do", step) runs a
    step and answers its view; ("see", None) waits (5 s at most) until another PC's
    change is heard, then answers the seconds it took and the view."""
    traveller = time_machine.travel(NOW, tick=False)
    traveller.start()
    services = AppServices.open(url, today=lambda: TODAY, login=login, password=PASSWORDS[login])
    heard = threading.Event()
    services.db.on_committed(lambda _what: heard.set())
    services.db.watch_others()
    try:
        outbox.put(("ready", login))
        while (order := inbox.get(timeout=120)) is not None:
            what, step = order
            if what == "do":
                do(services, step, Path(receipt))
                heard.clear()  # (its own commits are told too)
                outbox.put(("done", view(services)))
            else:
                start = time.monotonic()
                seen = heard.wait(5)
                heard.clear()
                outbox.put(("seen", time.monotonic() - start if seen else None, view(services)))
    finally:
        services.close()
        traveller.stop()

"""The funding ledger service (经费台账): ring-fenced spending with recorded overrides,
corrections as reversal plus new entry in one transaction, closed periods, categories,
vouchers, the append-only guard below the services, running balances, the summary
every report is built from, fiscal years, budgets and receipts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, func, select, update

from desktop_app.domain.ledger import Direction, FiscalYear, entry_kind_zh
from desktop_app.domain.problems import ValidationError
from desktop_app.services.activities import ActivityInput
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import EntryInput, MonthTotals, RingFenceError
from desktop_app.store.ledger_guard import AppendOnlyError
from desktop_app.store.models import (
    AuditEntry,
    LedgerClosedPeriod,
    LedgerEntry,
    LedgerEntryAttachment,
)
from tests.conftest import BOTH, jiangyin_studio

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

TODAY = dt.date(2026, 11, 21)
TRAINING, RESOURCES, EXPERTS, RESEARCH = "培训研修", "课程资源开发", "专家指导", "课题研究"


class Clock:
    def __init__(self, day: dt.date):
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def clock():
    return Clock(TODAY)


@pytest.fixture
def s(tmp_path, clock, database_at):
    services = AppServices.open(database_at("db"), today=clock)
    services.studio.create(jiangyin_studio())
    yield services
    services.close()


def income(day="2026-01-06", amount="3000", **fields) -> EntryInput:
    values = dict(
        direction="收入",
        date=day,
        amount=amount,
        purpose="学校核拨专项经费",
        source="grant",
        payee="江阴中专财务处",
    )
    values.update(fields)
    return EntryInput(**values)


def expense(day="2026-03-10", amount="100", category=TRAINING, **fields) -> EntryInput:
    values = dict(
        direction="支出",
        date=day,
        amount=amount,
        purpose="资料印刷",
        category=category,
        payee="江阴市澄江印务有限公司",
        approver="陈静",
        handler="王敏",
    )
    values.update(fields)
    return EntryInput(**values)


def problems_of(call, *args, **kwargs) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return [(p.field, p.message) for p in caught.value.problems]


def rows(s) -> list[tuple]:
    """Every column of every ledger row, as stored."""
    with s.db.reading() as session:
        columns = LedgerEntry.__table__.columns
        return [tuple(r) for r in session.execute(select(*columns).order_by(LedgerEntry.id))]


def balance(s, year: int = 2026) -> int:
    return s.ledger.summary(year).balance_fen


# --- recording ---


def test_an_income_and_an_expense(s):
    grant = s.ledger.add(income(amount="3,000.00", voucher_no="JZ-2026-001"))
    spent = s.ledger.add(expense(amount="¥356.5", voucher_no="JZ-2026-002"))
    first, second = s.ledger.entries()
    assert (first.id, second.id) == (grant, spent)
    assert first.direction is Direction.INCOME and first.source == "grant"
    assert (first.amount_fen, first.signed_fen, first.amount_text) == (300000, 300000, "3,000.00")
    assert entry_kind_zh(first.direction, first.is_reversal) == "收入" and first.category is None
    assert second.direction is Direction.EXPENSE and second.category == TRAINING
    assert (second.amount_fen, second.signed_fen, second.amount_text) == (35650, -35650, "-356.50")
    assert (second.payee, second.voucher_no, second.approver, second.handler) == (
        "江阴市澄江印务有限公司",
        "JZ-2026-002",
        "陈静",
        "王敏",
    )
    assert second.fiscal_year == 2026 and second.created_by
    assert (first.running_balance_fen, second.running_balance_fen) == (300000, 264350)
    assert s.ledger.get(spent) == second
    with pytest.raises(LookupError):
        s.ledger.get(999)


def test_income_sources_in_either_language(s):
    s.ledger.add(income(source="教育局拨款"))
    s.ledger.add(income(source=None, purpose="捐赠"))
    assert [e.source for e in s.ledger.entries()] == ["bureau", "other"]
    found = problems_of(s.ledger.add, income(source="学生会"))
    assert [f for f, _ in found] == ["source"]
    assert "学校核拨专项经费" in found[0][1]


def test_what_an_entry_needs(s):
    found = problems_of(
        s.ledger.add, EntryInput(direction="进账", date=None, amount="", purpose=" ")
    )
    assert {f for f, _ in found} == {"direction", "date", "amount", "purpose"}
    assert dict(found)["direction"] == "收支：“进账”不在可选值（收入、支出）之中"
    found = problems_of(s.ledger.add, expense(category=None))
    assert found == [("category", "类别不能为空")]
    assert problems_of(s.ledger.add, expense(amount="0")) == [("amount", "金额必须大于 0")]
    assert problems_of(s.ledger.add, expense(amount="-5"))[0][0] == "amount"
    assert problems_of(s.ledger.add, expense(amount="3,00"))[0][0] == "amount"
    assert rows(s) == []


def test_several_problems_at_once(s):
    found = problems_of(s.ledger.add, expense(day="2027-01-01", amount="1.234", category="茶歇"))
    assert {f for f, _ in found} == {"date", "amount", "category"}


def test_a_future_date_is_refused(s, clock):
    assert problems_of(s.ledger.add, income(day="2026-11-22")) == [
        ("date", "日期：2026-11-22 晚于今天")
    ]
    s.ledger.add(income(day="2026-11-21"))
    clock.day = dt.date(2026, 11, 22)
    s.ledger.add(income(day="2026-11-22"))
    assert len(rows(s)) == 2


def test_an_unknown_activity_is_a_programming_error(s):
    with pytest.raises(LookupError):
        s.ledger.add(expense(activity_id=42))


def test_an_expense_linked_to_its_activity(s):
    activity = s.activities.create(
        ActivityInput(date="2026-10-21", kind="专家讲座", topic="中职学生劳动教育")
    )
    s.ledger.add(income())
    entry_id = s.ledger.add(expense(category=EXPERTS, amount="800", activity_id=activity))
    entry = s.ledger.get(entry_id)
    assert entry.activity_id == activity
    assert entry.activity_label == "2026-10-21《中职学生劳动教育》"


# --- the ring-fence ---


def test_an_expense_beyond_the_balance_is_refused(s):
    s.ledger.add(income(amount="3000"))
    s.ledger.add(expense(amount="2,800"))
    before = rows(s)
    with pytest.raises(RingFenceError) as caught:
        s.ledger.add(expense(amount="356.50"))
    error = caught.value
    assert (error.year, error.balance_fen, error.amount_fen) == (FiscalYear(2026), 20000, 35650)
    [problem] = error.problems
    assert problem.field == "override_reason"
    assert problem.message == (
        "此笔将使2026年经费余额为负（余额 200.00，本笔 356.50）：如确需支出，请填写超支原因"
    )
    assert rows(s) == before  # nothing written


def test_down_to_exactly_zero_needs_no_reason(s):
    s.ledger.add(income(amount="3000"))
    s.ledger.add(expense(amount="2999.99"))
    s.ledger.add(expense(amount="0.01"))
    assert balance(s) == 0
    with pytest.raises(RingFenceError):
        s.ledger.add(expense(amount="0.01"))


def test_an_override_is_recorded_with_its_reason(s):
    s.ledger.add(income(amount="3000"))
    s.ledger.add(expense(amount="2,800"))
    reason = "年度成果汇编须年底前印制；学工处同意由下年度经费冲抵"
    entry_id = s.ledger.add(expense(amount="356.50", override_reason=f"  {reason} "))
    entry = s.ledger.get(entry_id)
    assert entry.override_reason == reason
    assert entry.running_balance_fen == -15650
    summary = s.ledger.summary(2026)
    assert summary.balance_fen == -15650
    assert [e.id for e in summary.overrides] == [entry_id]
    # Once below zero, every further expense needs its own reason.
    with pytest.raises(RingFenceError):
        s.ledger.add(expense(amount="1"))
    # … and an income is always welcome.
    s.ledger.add(income(amount="200", source="bureau"))
    assert balance(s) == 4350


def test_a_blank_reason_is_no_reason(s):
    with pytest.raises(RingFenceError):
        s.ledger.add(expense(amount="1", override_reason="   "))


def test_an_expense_in_a_year_without_income_is_refused(s):
    s.ledger.add(income(day="2025-01-06", amount="3000"))
    # Ring-fenced per year: what is left of 2025 does not pay for 2026.
    with pytest.raises(RingFenceError) as caught:
        s.ledger.add(expense(day="2026-01-02", amount="10"))
    assert caught.value.year == FiscalYear(2026) and caught.value.balance_fen == 0
    s.ledger.add(expense(day="2025-12-30", amount="10"))


def test_the_year_as_a_whole_counts_not_the_day(s):
    """An invoice dated before the grant arrived is paid from that year's grant."""
    s.ledger.add(income(day="2026-03-01", amount="3000"))
    s.ledger.add(expense(day="2026-01-15", amount="500"))
    assert [e.running_balance_fen for e in s.ledger.entries()] == [-50000, 250000]


def test_an_expense_outside_the_categories_is_refused(s):
    found = problems_of(s.ledger.add, expense(category="招待费"))
    assert found == [
        (
            "category",
            "类别：“招待费”不是本工作室的开支类别（培训研修、课程资源开发、专家指导、课题研究）",
        )
    ]
    assert s.ledger.categories() == [TRAINING, RESOURCES, EXPERTS, RESEARCH]


def test_a_studio_without_categories_is_told_where_to_add_one(tmp_path, clock, database_at):
    """A studio whose document lists no categories and that declined the usual ones:
    its first expense says to add a category first, not "not one of ()"."""
    services = AppServices.open(database_at("wujin"), today=clock)
    try:
        services.studio.create(jiangyin_studio(preset_id="wujin"))
        assert services.ledger.categories() == []
        services.ledger.add(income())
        assert problems_of(services.ledger.add, expense(category="培训研修")) == [
            (
                "category",
                "类别：本工作室尚未设定经费开支类别，请先在“经费”页点“添加类别…”添加“培训研修”",
            )
        ]
        services.ledger.add_category("培训研修")
        assert services.ledger.add(expense(category="培训研修"))
    finally:
        services.close()


def test_an_added_category_is_accepted(s):
    s.ledger.add(income())
    assert s.ledger.add_category(" 图书购置 ") == "图书购置"
    assert s.ledger.categories()[-1] == "图书购置"
    entry_id = s.ledger.add(expense(category="图书购置"))
    assert s.ledger.get(entry_id).category == "图书购置"
    assert s.ledger.summary(2026).by_category["图书购置"] == 10000
    assert problems_of(s.ledger.add_category, "图书购置") == [
        ("category", "“图书购置”已是开支类别")
    ]
    assert problems_of(s.ledger.add_category, TRAINING)[0][0] == "category"
    assert problems_of(s.ledger.add_category, "  ") == [("category", "类别不能为空")]


# --- vouchers ---


def test_a_voucher_number_is_used_once(s):
    s.ledger.add(income(voucher_no="JZ-2026-001"))
    s.ledger.add(expense(voucher_no="JZ-2026-002"))
    assert problems_of(s.ledger.add, expense(voucher_no=" JZ-2026-002 ")) == [
        ("voucher_no", "凭证号：JZ-2026-002 已用于 2026-03-10 的一笔账")
    ]
    s.ledger.add(expense(voucher_no="JZ-2026-003"))
    s.ledger.add(expense(voucher_no=None))
    s.ledger.add(expense(voucher_no=""))  # no voucher yet: allowed, any number of times


def test_a_reversed_entry_gives_its_voucher_up(s):
    s.ledger.add(income())
    wrong = s.ledger.add(expense(amount="365", voucher_no="JZ-2026-013"))
    reversal = s.ledger.reverse(wrong, "金额录错", on="2026-11-04")
    assert s.ledger.get(reversal).voucher_no == "JZ-2026-013"  # the reversal names it
    right = s.ledger.add(expense(day="2026-11-04", amount="356.50", voucher_no="JZ-2026-013"))
    # … and the standing entry holds it again.
    assert problems_of(s.ledger.add, expense(voucher_no="JZ-2026-013"))[0][0] == "voucher_no"
    assert s.ledger.get(right).voucher_no == "JZ-2026-013"


# --- reversals and corrections ---


def test_a_reversal_undoes_exactly_one_entry(s):
    s.ledger.add(income())
    spent = s.ledger.add(expense(amount="365", voucher_no="JZ-2026-002"))
    reversal_id = s.ledger.reverse(spent, "重复报销", on="2026-11-04")
    original, reversal = s.ledger.get(spent), s.ledger.get(reversal_id)
    assert reversal.reverses_id == spent and original.reversed_by_id == reversal_id
    assert reversal.is_reversal and not original.is_reversal
    assert reversal.reversal_reason == "重复报销"
    assert entry_kind_zh(reversal.direction, reversal.is_reversal) == "冲销支出"
    assert reversal.direction is Direction.EXPENSE and reversal.category == TRAINING
    assert (reversal.amount_fen, reversal.signed_fen) == (36500, 36500)
    assert reversal.purpose == "冲销：资料印刷" and reversal.date == dt.date(2026, 11, 4)
    assert (reversal.payee, reversal.voucher_no) == (original.payee, "JZ-2026-002")
    assert balance(s) == 300000
    assert s.ledger.summary(2026).by_category[TRAINING] == 0
    assert [e.id for e in s.ledger.summary(2026).reversals] == [reversal_id]


def test_a_reversal_is_dated_today_by_default(s):
    s.ledger.add(income())
    spent = s.ledger.add(expense())
    assert s.ledger.get(s.ledger.reverse(spent, "误录")).date == TODAY


def test_a_reversal_needs_a_reason(s):
    s.ledger.add(income())
    spent = s.ledger.add(expense())
    assert problems_of(s.ledger.reverse, spent, "  ") == [("reversal_reason", "冲销原因不能为空")]
    assert problems_of(s.ledger.reverse, spent, "误录", on="2026-12-01") == [
        ("date", "日期：2026-12-01 晚于今天")
    ]
    assert len(rows(s)) == 2


def test_reversing_twice_is_refused(s):
    s.ledger.add(income())
    spent = s.ledger.add(expense())
    s.ledger.reverse(spent, "误录", on="2026-11-04")
    before = rows(s)
    assert problems_of(s.ledger.reverse, spent, "又录错了") == [("", "该笔已于 2026-11-04 冲销")]
    assert rows(s) == before


def test_reversing_a_reversal_is_refused(s):
    s.ledger.add(income())
    spent = s.ledger.add(expense())
    reversal = s.ledger.reverse(spent, "误录")
    assert problems_of(s.ledger.reverse, reversal, "撤销冲销") == [
        ("", "冲销记录不能再冲销；请重新记一笔")
    ]


def test_reversing_nothing(s):
    with pytest.raises(LookupError):
        s.ledger.reverse(7, "误录")


def test_reversing_an_income_is_ring_fenced(s):
    grant = s.ledger.add(income(amount="3000"))
    s.ledger.add(expense(amount="1000"))
    with pytest.raises(RingFenceError) as caught:
        s.ledger.reverse(grant, "拨款退回")
    assert (caught.value.balance_fen, caught.value.amount_fen) == (200000, 300000)
    reversal = s.ledger.reverse(grant, "拨款退回", override_reason="学校收回后重新核拨")
    assert s.ledger.get(reversal).override_reason == "学校收回后重新核拨"
    assert balance(s) == -100000


def test_reversing_an_expense_in_an_overdrawn_year_needs_no_reason(s):
    s.ledger.add(expense(amount="500", override_reason="先行垫付"))
    spent = s.ledger.add(expense(amount="100", override_reason="先行垫付"))
    s.ledger.reverse(spent, "误录")  # gives money back: never breaches
    assert balance(s) == -50000


def test_a_correction_is_a_reversal_plus_the_right_entry(s):
    s.ledger.add(income())
    wrong = s.ledger.add(expense(amount="365", voucher_no="JZ-2026-013", purpose="故事集印刷"))
    reversal_id, new_id = s.ledger.correct(
        wrong,
        "发票金额为 356.50 元，误录为 365.00 元",
        expense(day="2026-11-04", amount="356.50", voucher_no="JZ-2026-013", purpose="故事集印刷"),
    )
    reversal, new = s.ledger.get(reversal_id), s.ledger.get(new_id)
    assert reversal.reverses_id == wrong and reversal.date == dt.date(2026, 11, 4)
    assert reversal.reversal_reason == "发票金额为 356.50 元，误录为 365.00 元"
    assert not new.is_reversal and new.amount_fen == 35650 and new.voucher_no == "JZ-2026-013"
    assert new.date == dt.date(2026, 11, 4)
    assert balance(s) == 300000 - 35650
    assert s.ledger.summary(2026).by_category[TRAINING] == 35650
    # The original is still there, unchanged, marked as reversed.
    original = s.ledger.get(wrong)
    assert original.amount_fen == 36500 and original.reversed_by_id == reversal_id


def test_a_correction_is_one_transaction(s, tmp_path, monkeypatch):
    """Should anything fail after the reversal is written, the reversal goes too."""
    s.ledger.add(income())
    wrong = s.ledger.add(expense(amount="365"))
    before = rows(s)
    receipt = tmp_path / "发票.png"
    receipt.write_bytes(b"\x89PNG invoice")

    def failing_link(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(type(s.ledger), "_link", failing_link)
    with pytest.raises(RuntimeError, match="disk full"):
        s.ledger.correct(wrong, "误录", expense(day="2026-11-04", amount="356.50"), [receipt])
    assert rows(s) == before
    assert s.ledger.get(wrong).reversed_by_id is None


def test_a_bad_replacement_writes_neither(s):
    s.ledger.add(income(amount="500"))
    wrong = s.ledger.add(expense(amount="365", voucher_no="A-1"))
    before = rows(s)
    found = problems_of(
        s.ledger.correct, wrong, "误录", expense(day="2026-11-04", amount="3,65", category="茶歇")
    )
    assert {f for f, _ in found} == {"amount", "category"}
    found = problems_of(s.ledger.correct, wrong, "", expense(day="2026-11-04"))
    assert found == [("reversal_reason", "冲销原因不能为空")]
    # A replacement that breaches the ring-fence, without a reason: neither written.
    with pytest.raises(RingFenceError) as caught:
        s.ledger.correct(wrong, "误录", expense(day="2026-11-04", amount="900"))
    # The year as the correction would leave it: 500 - 900, from 135.00 now.
    assert (caught.value.balance_fen, caught.value.amount_fen) == (13500, 53500)
    assert rows(s) == before
    assert s.ledger.get(wrong).reversed_by_id is None
    # With a reason the correction goes through, and the reason is on the new entry.
    _, new_id = s.ledger.correct(
        wrong, "误录", expense(day="2026-11-04", amount="900", override_reason="学校同意")
    )
    assert s.ledger.get(new_id).override_reason == "学校同意"


def test_a_correction_that_leaves_an_overdrawn_year_no_worse_needs_no_reason(s):
    s.ledger.add(income(amount="100"))
    wrong = s.ledger.add(expense(amount="300", override_reason="学校同意"))
    s.ledger.correct(wrong, "金额录错", expense(day="2026-11-04", amount="250"))
    assert balance(s) == -15000


def test_a_correction_problem_is_said_once(s):
    s.ledger.add(income())
    wrong = s.ledger.add(expense())
    s.ledger.close_month(2026, 4)
    found = problems_of(s.ledger.correct, wrong, "误录", expense(day="2026-04-05"))
    assert found == [("date", "日期：2026-04-05 属于已结账的2026年4月，不能再记账")]


# --- checked before saved (what a confirmation shows) ---


def test_checking_an_entry_gives_what_add_stores_and_writes_nothing(s):
    s.ledger.add(income())
    before = rows(s)
    draft = s.ledger.check_add(expense(amount="1,234.5", voucher_no="JZ-2026-020"))
    assert rows(s) == before
    assert (draft.direction, draft.date, draft.amount_fen, draft.category) == (
        Direction.EXPENSE,
        dt.date(2026, 3, 10),
        123450,
        TRAINING,
    )
    assert (draft.payee, draft.voucher_no, draft.purpose) == (
        "江阴市澄江印务有限公司",
        "JZ-2026-020",
        "资料印刷",
    )
    stored = s.ledger.get(s.ledger.add(expense(amount="1,234.5", voucher_no="JZ-2026-020")))
    assert (stored.date, stored.amount_fen, stored.category, stored.voucher_no) == (
        draft.date,
        draft.amount_fen,
        draft.category,
        draft.voucher_no,
    )


def test_checking_finds_what_saving_would_refuse(s):
    s.ledger.add(income(amount="100"))
    assert problems_of(s.ledger.check_add, expense(amount="")) == problems_of(
        s.ledger.add, expense(amount="")
    )
    with pytest.raises(RingFenceError):
        s.ledger.check_add(expense(amount="300"))
    assert s.ledger.check_add(expense(amount="300", override_reason="学校同意")).override_reason
    spent = s.ledger.add(expense(amount="50"))
    before = rows(s)
    assert s.ledger.check_reverse(spent, "误录") == TODAY
    assert problems_of(s.ledger.check_reverse, spent, "") == problems_of(
        s.ledger.reverse, spent, ""
    )
    assert problems_of(s.ledger.check_reverse, spent, "误录", "2026-01-01") == problems_of(
        s.ledger.reverse, spent, "误录", "2026-01-01"
    )  # before the entry it undoes
    draft = s.ledger.check_correct(spent, "金额录错", expense(day="2026-11-04", amount="40"))
    assert (draft.date, draft.amount_fen) == (dt.date(2026, 11, 4), 4000)
    assert problems_of(s.ledger.check_correct, spent, "", expense()) == problems_of(
        s.ledger.correct, spent, "", expense()
    )
    assert rows(s) == before  # nothing written by any check


# --- closed periods ---


def test_a_closed_month_refuses_entries_dated_inside(s):
    s.ledger.add(income(day="2026-01-06"))
    in_march = s.ledger.add(expense(day="2026-03-10"))
    s.ledger.close_month(2026, 3)
    assert s.ledger.closed_periods() == [(dt.date(2026, 3, 1), dt.date(2026, 3, 31), "2026年3月")]
    assert s.ledger.closed_period_of(dt.date(2026, 3, 31)) == "2026年3月"
    assert s.ledger.closed_period_of(dt.date(2026, 4, 1)) is None
    for day in ("2026-03-01", "2026-03-31"):
        assert problems_of(s.ledger.add, expense(day=day)) == [
            ("date", f"日期：{day} 属于已结账的2026年3月，不能再记账")
        ]
        assert problems_of(s.ledger.reverse, in_march, "误录", on=day)[0][0] == "date"
    s.ledger.add(expense(day="2026-02-28"))
    s.ledger.add(expense(day="2026-04-01"))
    # An entry of a closed month is undone by a reversal dated in an open one.
    reversal = s.ledger.reverse(in_march, "误录", on="2026-04-02")
    assert s.ledger.get(reversal).reverses_id == in_march


def test_a_closed_year_refuses_entries_and_reversals_dated_inside(s):
    grant = s.ledger.add(income(day="2025-01-06"))
    s.ledger.add(expense(day="2025-12-31"))
    s.ledger.close_year(2025)
    assert s.ledger.closed_periods() == [(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025年")]
    before = rows(s)
    for day in ("2025-01-01", "2025-06-30", "2025-12-31"):
        assert problems_of(s.ledger.add, expense(day=day)) == [
            ("date", f"日期：{day} 属于已结账的2025年，不能再记账")
        ]
        assert problems_of(s.ledger.reverse, grant, "误录", on=day)[0][0] == "date"
    assert rows(s) == before
    s.ledger.add(income(day="2026-01-01"))


def test_closing_twice_or_inside_a_closed_period_is_refused(s):
    s.ledger.close_year(2025)
    assert problems_of(s.ledger.close_year, 2025) == [("", "2025年已结账")]
    assert problems_of(s.ledger.close_month, 2025, 12) == [("", "2025年已结账")]
    s.ledger.close_month(2026, 2)
    assert problems_of(s.ledger.close_month, 2026, 2) == [("", "2026年2月已结账")]
    s.ledger.close_month(2026, 12)  # December: the month's last day is the 31st
    assert s.ledger.closed_periods()[-1][:2] == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    # A year whose month is closed can still be closed as a whole.
    s.ledger.close_year(2026)
    assert [label for *_, label in s.ledger.closed_periods()] == [
        "2025年",
        "2026年",
        "2026年2月",
        "2026年12月",
    ]


def test_closing_a_month_in_a_leap_year(s):
    s.ledger.close_month(2028, 2)
    assert s.ledger.closed_periods() == [(dt.date(2028, 2, 1), dt.date(2028, 2, 29), "2028年2月")]


def test_closing_a_school_year(s):
    s.studio.set_setting("ledger.fiscal_year", "school_year")
    s.ledger.close_year(2025)
    assert s.ledger.closed_periods() == [
        (dt.date(2025, 9, 1), dt.date(2026, 8, 31), "2025-2026学年")
    ]
    assert problems_of(s.ledger.add, income(day="2026-08-31"))[0][0] == "date"
    s.ledger.add(income(day="2025-08-31"))
    s.ledger.add(income(day="2026-09-01"))


# --- never edited away ---


def test_a_stored_entry_cannot_be_changed_or_deleted(s):
    s.ledger.add(income())
    entry_id = s.ledger.add(expense(amount="365"))
    before = rows(s)
    with pytest.raises(AppendOnlyError, match="never changed"):
        with s.db.unit_of_work() as session:
            session.get(LedgerEntry, entry_id).amount_fen = 35650
    with pytest.raises(AppendOnlyError, match="never deleted"):
        with s.db.unit_of_work() as session:
            session.delete(session.get(LedgerEntry, entry_id))
    with pytest.raises(AppendOnlyError):  # a plain session, committed by hand
        with s.db.sessions() as session:
            session.get(LedgerEntry, entry_id).purpose = "改过的摘要"
            session.commit()
    assert rows(s) == before


def test_bulk_statements_cannot_change_or_delete_entries(s):
    s.ledger.add(income())
    s.ledger.add(expense(amount="365"))
    before = rows(s)
    statements = [
        update(LedgerEntry).values(amount_fen=1),
        update(LedgerEntry.__table__).values(amount_fen=1),
        delete(LedgerEntry),
        delete(LedgerEntry.__table__),
    ]
    for statement in statements:
        with pytest.raises(AppendOnlyError):
            with s.db.unit_of_work() as session:
                session.execute(statement)
    assert rows(s) == before


def test_closed_periods_and_receipt_links_are_append_only_too(s, tmp_path):
    receipt = tmp_path / "发票.png"
    receipt.write_bytes(b"\x89PNG receipt")
    s.ledger.add(income(), [receipt])
    s.ledger.close_month(2026, 3)
    with pytest.raises(AppendOnlyError):
        with s.db.unit_of_work() as session:
            session.scalar(select(LedgerClosedPeriod)).last_day = dt.date(2026, 3, 15)
    with pytest.raises(AppendOnlyError):
        with s.db.unit_of_work() as session:
            session.delete(session.scalar(select(LedgerClosedPeriod)))
    with pytest.raises(AppendOnlyError):
        with s.db.unit_of_work() as session:
            session.delete(session.scalar(select(LedgerEntryAttachment)))
    with pytest.raises(AppendOnlyError):
        with s.db.unit_of_work() as session:
            session.execute(delete(LedgerClosedPeriod))
    assert len(s.ledger.closed_periods()) == 1
    assert len(s.ledger.entries()[0].attachments) == 1


def test_other_tables_are_not_guarded(s):
    s.ledger.set_budget(2026, TRAINING, "1000")
    s.ledger.set_budget(2026, TRAINING, "1200")  # a budget may be revised
    s.ledger.set_budget(2026, TRAINING, None)
    assert s.ledger.budgets(2026) == {}
    with s.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) > 0


# --- balances and the summary ---


def test_running_balance_per_fiscal_year(s):
    s.ledger.add(income(day="2025-01-06", amount="3000"))
    s.ledger.add(expense(day="2025-12-20", amount="2900"))
    s.ledger.add(income(day="2026-01-06", amount="3000"))
    s.ledger.add(expense(day="2026-02-01", amount="100"))
    assert [(e.fiscal_year, e.running_balance_fen) for e in s.ledger.entries()] == [
        (2025, 300000),
        (2025, 10000),
        (2026, 300000),  # a new year starts from its own grant: nothing carried over
        (2026, 290000),
    ]
    # The running balance is the whole year's, whatever the filter.
    [filtered] = s.ledger.entries(year=2026, direction=Direction.EXPENSE)
    assert filtered.running_balance_fen == 290000
    assert s.ledger.years() == [2026, 2025]


def test_running_balance_in_date_order_not_entry_order(s):
    s.ledger.add(income(day="2026-01-06", amount="1000"))
    late = s.ledger.add(expense(day="2026-06-01", amount="100"))
    early = s.ledger.add(expense(day="2026-02-01", amount="200"))
    assert [(e.id, e.running_balance_fen) for e in s.ledger.entries()] == [
        (1, 100000),
        (early, 80000),
        (late, 70000),
    ]


def test_the_summary_to_the_fen(s):
    s.ledger.add(income(day="2026-01-06", amount="3000"))
    s.ledger.add(income(day="2026-06-04", amount="1500元", source="bureau"))
    s.ledger.add(expense(day="2026-01-20", amount="321.60", category=TRAINING))
    s.ledger.add(expense(day="2026-03-18", amount="186", category=RESOURCES))
    wrong = s.ledger.add(expense(day="2026-10-28", amount="365", category=RESOURCES))
    s.ledger.add(expense(day="2026-10-21", amount="500", category=EXPERTS))
    s.ledger.correct(wrong, "误录", expense(day="2026-11-04", amount="356.50", category=RESOURCES))
    returned = s.ledger.add(income(day="2026-11-10", amount="0.01", source="其他收入"))
    s.ledger.reverse(returned, "误录", on="2026-11-11")
    s.ledger.add(expense(day="2025-12-01", amount="99", override_reason="另一年"))

    summary = s.ledger.summary(2026)
    assert summary.year == FiscalYear(2026)
    assert summary.income_fen == 450000
    assert summary.expense_fen == 32160 + 18600 + 35650 + 50000
    assert summary.balance_fen == 450000 - 136410 == 313590
    assert summary.by_category == {
        TRAINING: 32160,
        RESOURCES: 18600 + 35650,  # the mistyped 365.00 and its reversal cancel out
        EXPERTS: 50000,
        RESEARCH: 0,
    }
    assert summary.by_source == {"grant": 300000, "bureau": 150000, "other": 0}
    assert len(summary.by_month) == 12
    months = {(m.year, m.month): m for m in summary.by_month}
    assert months[(2026, 1)] == MonthTotals(2026, 1, 300000, 32160)
    assert months[(2026, 6)] == MonthTotals(2026, 6, 150000, 0)
    assert months[(2026, 10)] == MonthTotals(2026, 10, 0, 36500 + 50000)
    assert months[(2026, 11)] == MonthTotals(2026, 11, 0, 35650 - 36500)
    assert months[(2026, 12)] == MonthTotals(2026, 12, 0, 0)
    assert sum(m.income_fen for m in summary.by_month) == summary.income_fen
    assert sum(m.expense_fen for m in summary.by_month) == summary.expense_fen
    assert sum(summary.by_category.values()) == summary.expense_fen
    assert sum(summary.by_source.values()) == summary.income_fen
    assert summary.balance_fen == sum(e.signed_fen for e in summary.entries)
    assert summary.balance_fen == summary.entries[-1].running_balance_fen
    assert len(summary.reversals) == 2 and summary.overrides == []
    assert s.ledger.summary(2025).balance_fen == -9900


def test_an_empty_year(s):
    summary = s.ledger.summary(2030)
    assert (summary.income_fen, summary.expense_fen, summary.balance_fen) == (0, 0, 0)
    assert summary.entries == [] and summary.by_category == dict.fromkeys(
        [TRAINING, RESOURCES, EXPERTS, RESEARCH], 0
    )


def test_filters(s):
    s.ledger.add(income(voucher_no="JZ-001"))
    s.ledger.add(expense(category=TRAINING, purpose="外出考察大巴", payee="江阴长运"))
    s.ledger.add(expense(category=EXPERTS, purpose="讲座劳务费", payee="薛静", handler="王敏"))
    assert len(s.ledger.entries(direction=Direction.INCOME)) == 1
    assert [e.purpose for e in s.ledger.entries(category=EXPERTS)] == ["讲座劳务费"]
    assert [e.purpose for e in s.ledger.entries(text="长 运")] == ["外出考察大巴"]
    assert [e.purpose for e in s.ledger.entries(text="JZ-001")] == ["学校核拨专项经费"]
    assert len(s.ledger.entries(text="王敏")) == 2
    assert s.ledger.entries(year=2025) == []


# --- the fiscal year setting ---


def test_a_school_year_fiscal_year_moves_entries_into_their_school_year(s):
    s.ledger.add(income(day="2025-09-10", amount="3000"))
    s.ledger.add(income(day="2026-01-06", amount="1000"))
    s.ledger.add(expense(day="2026-03-10", amount="200"))
    s.ledger.add(expense(day="2026-09-02", amount="50"))
    assert [e.fiscal_year for e in s.ledger.entries()] == [2025, 2026, 2026, 2026]
    assert s.ledger.summary(2026).balance_fen == 100000 - 20000 - 5000

    s.studio.set_setting("ledger.fiscal_year", "school_year")
    assert s.ledger.fiscal_kind() == "school_year"
    assert s.ledger.fiscal_year_of(dt.date(2026, 3, 10)) == FiscalYear(2025, "school_year")
    assert [e.fiscal_year for e in s.ledger.entries()] == [2025, 2025, 2025, 2026]
    assert [e.running_balance_fen for e in s.ledger.entries()] == [300000, 400000, 380000, -5000]
    summary = s.ledger.summary(2025)
    assert summary.year.label == "2025-2026学年"
    assert (summary.income_fen, summary.expense_fen, summary.balance_fen) == (
        400000,
        20000,
        380000,
    )
    assert [(m.year, m.month) for m in summary.by_month][:5] == [
        (2025, 9),
        (2025, 10),
        (2025, 11),
        (2025, 12),
        (2026, 1),
    ]
    assert (summary.by_month[-1].year, summary.by_month[-1].month) == (2026, 8)
    assert s.ledger.summary(2026).balance_fen == -5000
    assert s.ledger.years() == [2026, 2025]
    # The ring-fence follows: the autumn's grant pays for the spring, not the next autumn.
    s.ledger.add(expense(day="2026-08-31", amount="3800"))
    with pytest.raises(RingFenceError) as caught:
        s.ledger.add(expense(day="2026-08-31", amount="0.01"))
    assert caught.value.year.label == "2025-2026学年"
    with pytest.raises(RingFenceError):
        s.ledger.add(expense(day="2026-09-03", amount="0.01"))


# --- budgets ---


def test_budgets_and_what_remains(s):
    s.ledger.add(income(amount="3000"))
    s.ledger.set_budget(2026, TRAINING, "1,200")
    s.ledger.set_budget(2026, RESOURCES, "600元")
    s.ledger.add(expense(category=TRAINING, amount="321.60"))
    s.ledger.add(expense(category=RESOURCES, amount="786.50"))
    summary = s.ledger.summary(2026)
    assert summary.budgets == {TRAINING: 120000, RESOURCES: 60000}
    assert summary.remaining(TRAINING) == 120000 - 32160
    assert summary.remaining(RESOURCES) == -18650  # over budget
    assert summary.remaining(EXPERTS) is None  # no budget
    assert s.ledger.budgets(2025) == {}
    s.ledger.set_budget(2026, RESOURCES, "900")
    assert s.ledger.summary(2026).remaining(RESOURCES) == 11350


def test_a_budget_must_name_a_category_and_an_amount(s):
    assert problems_of(s.ledger.set_budget, 2026, "招待费", "100")[0][0] == "category"
    assert problems_of(s.ledger.set_budget, 2026, TRAINING, "-100")[0][0] == "amount"
    assert problems_of(s.ledger.set_budget, 2026, TRAINING, "1.001")[0][0] == "amount"
    assert s.ledger.budgets(2026) == {}


# --- receipts ---


def test_receipts_are_stored_by_content(s, tmp_path):
    scan = tmp_path / "a" / "发票.png"
    scan.parent.mkdir()
    scan.write_bytes(b"\x89PNG the same invoice")
    copy = tmp_path / "b" / "发票副本.png"
    copy.parent.mkdir()
    copy.write_bytes(scan.read_bytes())
    s.ledger.add(income())
    first = s.ledger.add(expense(), [scan])
    second = s.ledger.add(expense(), [copy])
    [a], [b] = s.ledger.get(first).attachments, s.ledger.get(second).attachments
    assert a.sha256 == b.sha256
    assert (a.original_name, b.original_name) == ("发票.png", "发票副本.png")
    assert a.is_image
    assert s.db.files.verify(a.sha256)
    assert s.db.files.all() == [a.sha256]  # one copy of the bytes
    opened = s.ledger.attachment_path(a)
    assert opened.name == "发票.png" and opened.read_bytes() == scan.read_bytes()


def test_a_receipt_added_later(s, tmp_path):
    s.ledger.add(income())
    entry_id = s.ledger.add(expense())
    before = rows(s)
    later = tmp_path / "签收单.txt"
    later.write_text("专家讲座劳务费签收单", encoding="utf-8")
    s.ledger.attach(entry_id, [later])
    assert [a.original_name for a in s.ledger.get(entry_id).attachments] == ["签收单.txt"]
    assert rows(s) == before  # the entry itself is untouched
    with pytest.raises(LookupError):
        s.ledger.attach(99, [later])


def test_a_missing_receipt_refuses_the_entry(s, tmp_path):
    s.ledger.add(income())
    found = problems_of(s.ledger.add, expense(), [tmp_path / "nowhere.png"])
    assert found[0][0] == "file"
    assert len(rows(s)) == 1


def test_a_reversal_cannot_come_before_the_entry_it_undoes(services):
    from desktop_app.services.ledger import EntryInput

    services.ledger.add(EntryInput("收入", "2026-01-06", "3000", "专项经费", source="grant"))
    spent = services.ledger.add(
        EntryInput("支出", "2026-03-10", "200", "资料印刷", category="培训研修", voucher_no="R-1")
    )
    with pytest.raises(ValidationError) as caught:
        services.ledger.reverse(spent, "录错", on="2026-03-01")
    assert "日期：2026-03-01 早于被冲销的那笔（2026-03-10）" in str(caught.value)
    assert all(not e.is_reversal for e in services.ledger.entries())


def test_an_activity_named_by_the_ledger_cannot_be_deleted(services):
    from desktop_app.services.activities import ActivityInput
    from desktop_app.services.ledger import EntryInput

    activity = services.activities.create(
        ActivityInput(date="2026-03-10", kind="专家讲座", topic="专家讲座：班级管理")
    )
    services.ledger.add(EntryInput("收入", "2026-01-06", "3000", "专项经费", source="grant"))
    services.ledger.add(
        EntryInput(
            "支出",
            "2026-03-10",
            "800",
            "专家讲座劳务费",
            category="专家指导",
            voucher_no="JZ-1",
            activity_id=activity,
        )
    )
    with pytest.raises(ValidationError) as caught:
        services.activities.delete(activity)
    assert "JZ-1" in str(caught.value) and "不能删除" in str(caught.value)
    assert services.activities.get(activity).topic == "专家讲座：班级管理"

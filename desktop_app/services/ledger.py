"""The funding ledger (经费台账): income and ring-fenced spending per fiscal year, entries
that are never changed (a correction is a reversal plus a new entry), closed periods,
budgets per category, and the summary every report is built from."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import case, extract, func, select
from sqlalchemy.orm import Session, aliased, selectinload

from desktop_app.domain import messages
from desktop_app.domain.ledger import (
    FISCAL_CALENDAR,
    Direction,
    FiscalYear,
    IncomeSource,
    Movement,
    balance,
)
from desktop_app.domain.money import format_fen, parse_money
from desktop_app.domain.parsing import near_cycle_problem, parse_date, parse_text
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.attachments import (
    AttachmentInfo,
    incoming_files,
    new_attachments,
    readable_copy,
)
from desktop_app.services.attachments import info as attachment_info
from desktop_app.services.guard import permit, requires
from desktop_app.services.presets import all_presets
from desktop_app.services.read_cache import ReadCache, generation
from desktop_app.services.studio import StudioService, studio_preset
from desktop_app.store.audit import user_of
from desktop_app.store.db import Database
from desktop_app.store.models import (
    Activity,
    Attachment,
    LedgerBudget,
    LedgerCategory,
    LedgerClosedPeriod,
    LedgerEntry,
    LedgerEntryAttachment,
    Studio,
    StudioSetting,
)


@dataclass(frozen=True)
class EntryInput:
    """An income or an expense as typed; ``direction`` decides which fields matter."""

    direction: Any  # Direction, or 收入/支出
    date: Any
    amount: Any
    purpose: Any  # 摘要
    category: Any = None  # expenses
    source: Any = None  # incomes: grant / bureau / other (or their Chinese words)
    payee: Any = None  # 收款方, or for an income the paying body
    voucher_no: Any = None
    activity_id: int | None = None
    approver: Any = None
    handler: Any = None  # 经办人
    override_reason: Any = None  # required when the entry breaches the ring-fence


@dataclass(frozen=True)
class ReversalInput:
    """In a batch (``add_many``): the reversal of a stored entry (``reverses``: its id) or
    of an earlier item of the same batch (``reverses_item``: its index). Like
    ``reverse``: the reversal copies the original's amount, category, payee and voucher."""

    reason: Any
    date: Any = None  # today when empty
    reverses: int | None = None
    reverses_item: int | None = None
    override_reason: Any = None  # when undoing an income takes the year below zero


@dataclass(frozen=True)
class EntryDraft:
    """An entry as it would be stored, checked but not written: what a confirmation
    shows before the entry is saved (and can then only be reversed)."""

    direction: Direction
    date: dt.date
    amount_fen: int
    purpose: str
    category: str | None
    source: str | None
    payee: str | None
    voucher_no: str | None
    activity_id: int | None
    approver: str | None
    handler: str | None
    override_reason: str | None

    @classmethod
    def of(cls, values: dict[str, Any]) -> EntryDraft:
        return cls(**{**values, "direction": Direction(values["direction"])})


@dataclass(frozen=True)
class EntryInfo:
    id: int
    date: dt.date
    fiscal_year: int
    direction: Direction
    amount_fen: int
    signed_fen: int
    category: str | None
    source: str | None
    payee: str | None
    voucher_no: str | None
    purpose: str
    activity_id: int | None
    activity_label: str | None
    approver: str | None
    handler: str | None
    override_reason: str | None
    reverses_id: int | None
    reversal_reason: str | None
    reversed_by_id: int | None
    created_by: str | None
    attachments: tuple[AttachmentInfo, ...] = ()
    running_balance_fen: int = 0  # the fiscal year's balance after this entry

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def amount_text(self) -> str:
        return format_fen(self.signed_fen)


@dataclass(frozen=True)
class MonthTotals:
    year: int
    month: int
    income_fen: int
    expense_fen: int


@dataclass(frozen=True)
class _BatchFacts:
    """What every row of a batch is checked against, read once for the batch."""

    categories: list[str]
    closed: list[tuple[dt.date, dt.date, str]]  # first day, last day, label
    # voucher → the standing entries holding it (id, date), by id
    vouchers: dict[str, list[tuple[int, dt.date]]]
    cycle_first: dt.date | None = None  # the first day of the studio's cycle
    # False: each entry's voucher is looked up on its own (one entry: ``add``)
    vouchers_known: bool = True
    studio_id: int | None = None

    @classmethod
    def read(cls, ledger: LedgerService, entries: list[LedgerEntry]) -> _BatchFacts:
        reversed_ids = {e.reverses_id for e in entries if e.reverses_id is not None}
        vouchers: dict[str, list[tuple[int, dt.date]]] = {}
        for e in sorted(entries, key=lambda e: e.id):
            if e.voucher_no and e.reverses_id is None and e.id not in reversed_ids:
                vouchers.setdefault(e.voucher_no, []).append((e.id, e.date))
        return cls(
            ledger.categories(),
            ledger.closed_periods(),
            vouchers,
            ledger.studio.get().cycle.first_day,
        )


def _closed_in(session: Session) -> list[tuple[dt.date, dt.date, str]]:
    rows = session.scalars(select(LedgerClosedPeriod).order_by(LedgerClosedPeriod.first_day))
    return [(r.first_day, r.last_day, r.label) for r in rows]


def _closed_label(closed: list[tuple[dt.date, dt.date, str]], day: dt.date) -> str | None:
    """The closed period ``day`` lies in, by its label; None when it is open."""
    return next((label for first, last, label in closed if first <= day <= last), None)


@dataclass(frozen=True)
class LedgerSummary:
    year: FiscalYear
    income_fen: int  # net of reversals
    expense_fen: int  # net of reversals
    balance_fen: int
    by_category: dict[str, int]  # category → net expense
    by_source: dict[str, int]  # income source → net income
    by_month: list[MonthTotals]
    budgets: dict[str, int]  # category → budget
    entries: list[EntryInfo] = field(default_factory=list)

    @property
    def reversals(self) -> list[EntryInfo]:
        return [e for e in self.entries if e.is_reversal]

    @property
    def overrides(self) -> list[EntryInfo]:
        return [e for e in self.entries if e.override_reason]

    def remaining(self, category: str) -> int | None:
        budget = self.budgets.get(category)
        return None if budget is None else budget - self.by_category.get(category, 0)


class RingFenceError(ValidationError):
    """The entry would take the year's balance below zero and no reason was given."""

    def __init__(self, year: FiscalYear, balance_fen: int, amount_fen: int):
        self.year = year
        self.balance_fen = balance_fen
        self.amount_fen = amount_fen
        super().__init__(
            [
                problem(
                    "override_reason",
                    "ring_fence",
                    year=year.label,
                    balance=format_fen(balance_fen),
                    amount=format_fen(amount_fen),
                )
            ]
        )


class BatchValidationError(ValidationError):
    """Problems of a batch (``add_many``); ``by_item`` holds each item's own (the flat
    ``problems`` name the item: 第 3 条：…). Nothing has been written."""

    def __init__(self, by_item: list[list[Problem]]):
        self.by_item = by_item
        super().__init__(
            [
                Problem(p.field, messages.text("batch_item", item=i + 1, problem=p.message))
                for i, found in enumerate(by_item)
                for p in found
            ]
        )


def _insert_order(items: list[EntryInput | ReversalInput]) -> list[int]:
    """The order a batch's items are written in: reversals of stored entries first, then
    each entry followed by the batch's reversal of it. A voucher an entry gives up is so
    given up (its reversal written) before the entry that takes it over, as the voucher
    index needs (store/ledger_guard.py)."""
    order = [
        i
        for i, item in enumerate(items)
        if isinstance(item, ReversalInput) and item.reverses is not None
    ]
    following: dict[int, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if isinstance(item, ReversalInput) and item.reverses_item is not None:
            following[item.reverses_item].append(i)
    for i, item in enumerate(items):
        if isinstance(item, EntryInput):
            order += [i, *following[i]]
    return order


def _movement(entry: LedgerEntry, by_id: dict[int, LedgerEntry]) -> Movement:
    if entry.reverses_id is not None:
        original = by_id[entry.reverses_id]
        return Movement(entry.date, Direction(original.direction), entry.amount_fen, reverses=True)
    return Movement(entry.date, Direction(entry.direction), entry.amount_fen)


FISCAL_KEY = "ledger.fiscal_year"  # the setting: calendar or school years


def _year_balance(session: Session, fiscal: FiscalYear) -> int:
    """The balance of ``fiscal``'s entries, summed by the database in one query (what
    ``balance`` of their movements gives: a reversal undoes its original's direction)."""
    original = aliased(LedgerEntry)
    income = func.coalesce(original.direction, LedgerEntry.direction) == Direction.INCOME.value
    undoes = LedgerEntry.reverses_id.is_not(None)
    sign = case((income != undoes, 1), else_=-1)
    total = session.scalar(
        select(func.coalesce(func.sum(sign * LedgerEntry.amount_fen), 0))
        .select_from(LedgerEntry)
        .outerjoin(original, original.id == LedgerEntry.reverses_id)
        .where(LedgerEntry.date.between(fiscal.first_day, fiscal.last_day))
    )
    return int(total)


class LedgerService:
    def __init__(
        self, db: Database, studio: StudioService, today: Callable[[], dt.date] = dt.date.today
    ):
        self.db = db
        self.studio = studio
        self.today = today
        self._cache: ReadCache[list[EntryInfo]] = ReadCache()

    # --- the year and the categories ---

    def fiscal_kind(self) -> str:
        return str(self.studio.setting(FISCAL_KEY) or FISCAL_CALENDAR)

    def fiscal_year(self, start_year: int) -> FiscalYear:
        return FiscalYear(start_year, self.fiscal_kind())

    def fiscal_year_of(self, day: dt.date) -> FiscalYear:
        return FiscalYear.of(day, self.fiscal_kind())

    def years(self) -> list[int]:
        """Fiscal years with entries, and the current one; newest first."""
        kind = self.fiscal_kind()
        with self.db.reading() as session:
            # one day of each month is enough to know the fiscal year (they start on the
            # 1st of a month): a hundred rows, not every entry's date
            days = session.scalars(
                select(func.min(LedgerEntry.date)).group_by(
                    extract("year", LedgerEntry.date), extract("month", LedgerEntry.date)
                )
            )  # (extract, not substr of the text: a DATE on PostgreSQL, text on SQLite)
            years = {FiscalYear.of(d, kind).start_year for d in days}
        years.add(FiscalYear.of(self.today(), kind).start_year)
        return sorted(years, reverse=True)

    def preset_categories(self) -> list[str]:
        return list(self.studio.effective_preset().value("expense_categories", []))

    def _too_early(self, day: dt.date | None, facts: _BatchFacts | None = None) -> Problem | None:
        """A date long before the studio's cycle (0001-01-01, Excel's day 1) is a typing
        slip, and an append-only entry could never be taken back."""
        if day is None:
            return None
        first = facts.cycle_first if facts else None
        first = first or self.studio.get().cycle.first_day
        return near_cycle_problem(day, "date", first, self.today())

    def categories(self) -> list[str]:
        with self.db.reading() as session:
            added = list(session.scalars(select(LedgerCategory.name).order_by(LedgerCategory.id)))
        return self.preset_categories() + [c for c in added if c not in self.preset_categories()]

    @requires(Capability.BUDGETS)
    def add_category(self, name: Any) -> str:
        text = parse_text(name, "category", 50)
        if not text:
            raise ValidationError([problem("category", "required")])
        studio = self.studio.get()
        with self.db.unit_of_work(cause=f"新增开支类别：{text}") as session:
            # (inside the unit of work, which holds the write lock: see store/db.py)
            if text in self.categories():
                raise ValidationError([problem("category", "category_exists", value=text)])
            session.add(LedgerCategory(studio_id=studio.id, name=text))
        return text

    # --- reading ---

    def _all(self, session: Session) -> list[LedgerEntry]:
        return list(
            session.scalars(
                select(LedgerEntry)
                .options(selectinload(LedgerEntry.attachments))
                .order_by(LedgerEntry.date, LedgerEntry.id)
            )
        )

    def _rows(self, session: Session) -> tuple[list, dict[int, tuple[AttachmentInfo, ...]]]:
        """Every entry as a plain row (no ORM objects: the ledger of ten years is read in
        milliseconds) and each entry's receipts."""
        rows = list(
            session.execute(
                select(LedgerEntry.__table__).order_by(LedgerEntry.date, LedgerEntry.id)
            )
        )
        receipts: dict[int, list[AttachmentInfo]] = defaultdict(list)
        for entry_id, att_id, sha, size, name in session.execute(
            select(
                LedgerEntryAttachment.ledger_entry_id,
                Attachment.id,
                Attachment.sha256,
                Attachment.size,
                Attachment.original_name,
            )
            .join(Attachment, Attachment.id == LedgerEntryAttachment.attachment_id)
            .order_by(Attachment.id)
        ):
            receipts[entry_id].append(AttachmentInfo(att_id, sha, size, name))
        return rows, {k: tuple(v) for k, v in receipts.items()}

    def _infos(
        self,
        session: Session,
        entries: list,
        receipts: dict[int, tuple[AttachmentInfo, ...]] | None = None,
    ) -> list[EntryInfo]:
        """``entries``: ORM entries, or plain rows with ``receipts`` by entry id."""
        kind = self.fiscal_kind()
        by_id = {e.id: e for e in entries}
        reversed_by = {e.reverses_id: e.id for e in entries if e.reverses_id}
        activity_ids = {e.activity_id for e in entries if e.activity_id}
        labels: dict[int, str] = {}
        if activity_ids:
            for a in session.scalars(select(Activity).where(Activity.id.in_(activity_ids))):
                labels[a.id] = f"{a.date.isoformat()}《{a.topic}》"
        running: dict[int, int] = defaultdict(int)
        infos = []
        for e in entries:
            move = _movement(e, by_id)
            year = FiscalYear.of(e.date, kind).start_year
            running[year] += move.signed_fen
            original = by_id.get(e.reverses_id) if e.reverses_id else None
            infos.append(
                EntryInfo(
                    id=e.id,
                    date=e.date,
                    fiscal_year=year,
                    direction=Direction(e.direction),
                    amount_fen=e.amount_fen,
                    signed_fen=move.signed_fen,
                    category=e.category or (original.category if original else None),
                    source=e.source or (original.source if original else None),
                    payee=e.payee,
                    voucher_no=e.voucher_no,
                    purpose=e.purpose,
                    activity_id=e.activity_id,
                    activity_label=labels.get(e.activity_id) if e.activity_id else None,
                    approver=e.approver,
                    handler=e.handler,
                    override_reason=e.override_reason,
                    reverses_id=e.reverses_id,
                    reversal_reason=e.reversal_reason,
                    reversed_by_id=reversed_by.get(e.id),
                    created_by=e.created_by,
                    attachments=(
                        receipts.get(e.id, ())
                        if receipts is not None
                        else tuple(attachment_info(a) for a in e.attachments)
                    ),
                    running_balance_fen=running[year],
                )
            )
        return infos

    def entries(
        self,
        year: int | None = None,
        direction: Direction | None = None,
        category: str | None = None,
        text: str = "",
    ) -> list[EntryInfo]:
        """Oldest first, each with its fiscal year's running balance (computed over the
        whole year, whatever the filters)."""
        infos = self._cached_infos()
        words = "".join(text.split())
        return [
            e
            for e in infos
            if (year is None or e.fiscal_year == year)
            and (direction is None or e.direction == direction)
            and (not category or e.category == category)
            and (
                not words
                or any(
                    words in (v or "")
                    for v in (e.purpose, e.payee, e.voucher_no, e.category, e.handler)
                )
            )
        ]

    def _cached_infos(self) -> list[EntryInfo]:
        """Every entry with its running balance, read once while nothing is written (a
        page asks for the year, the filter and the summary in one refresh)."""
        kind = self.fiscal_kind()

        def read(session: Session) -> list[EntryInfo]:
            rows, receipts = self._rows(session)
            return self._infos(session, rows, receipts)

        with self.db.reading() as session:
            return self._cache.get(session, generation(session, kind), read)

    def get(self, entry_id: int) -> EntryInfo:
        for e in self.entries():
            if e.id == entry_id:
                return e
        raise LookupError(f"no ledger entry {entry_id}")

    def summary(self, year: int) -> LedgerSummary:
        fiscal = self.fiscal_year(year)
        entries = self.entries(year=year)
        income = sum(e.signed_fen for e in entries if e.direction == Direction.INCOME)
        expense = -sum(e.signed_fen for e in entries if e.direction == Direction.EXPENSE)
        by_category: dict[str, int] = {c: 0 for c in self.categories()}
        by_source: dict[str, int] = {}
        months = {ym: [0, 0] for ym in fiscal.months()}
        for e in entries:
            ym = (e.date.year, e.date.month)
            if e.direction == Direction.EXPENSE:
                by_category[e.category or ""] = by_category.get(e.category or "", 0) - e.signed_fen
                months[ym][1] -= e.signed_fen
            else:
                by_source[e.source or IncomeSource.OTHER.value] = (
                    by_source.get(e.source or IncomeSource.OTHER.value, 0) + e.signed_fen
                )
                months[ym][0] += e.signed_fen
        return LedgerSummary(
            year=fiscal,
            income_fen=income,
            expense_fen=expense,
            balance_fen=income - expense,
            by_category=by_category,
            by_source=by_source,
            by_month=[MonthTotals(y, m, i, x) for (y, m), (i, x) in months.items()],
            budgets=self.budgets(year),
            entries=entries,
        )

    # --- budgets ---

    def budgets(self, year: int) -> dict[str, int]:
        with self.db.reading() as session:
            rows = session.scalars(select(LedgerBudget).where(LedgerBudget.year == year))
            return {r.category: r.amount_fen for r in rows}

    @requires(Capability.BUDGETS)
    def set_budget(self, year: int, category: str, amount: Any) -> None:
        fen = parse_money(amount, "amount")
        studio = self.studio.get()
        with self.db.unit_of_work(cause=f"经费预算：{year} {category}") as session:
            if category not in self.categories():
                raise ValidationError(
                    [
                        problem(
                            "category",
                            "unknown_category",
                            value=category,
                            choices="、".join(self.categories()),
                        )
                    ]
                )
            row = session.scalar(
                select(LedgerBudget).where(
                    LedgerBudget.year == year, LedgerBudget.category == category
                )
            )
            if fen is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(
                    LedgerBudget(studio_id=studio.id, year=year, category=category, amount_fen=fen)
                )
            else:
                row.amount_fen = fen

    # --- closed periods ---

    def closed_periods(self) -> list[tuple[dt.date, dt.date, str]]:
        with self.db.reading() as session:
            return _closed_in(session)

    def _entry_facts(self, session: Session) -> _BatchFacts:
        """What one entry is checked against that a save never changes (the categories:
        the preset's and the studio's own, the cycle, the studio), read in ``session`` in
        four queries — before the unit of work, so the write lock is not held for them.
        The closed periods come with them for a check that writes nothing; ``add`` reads
        them again inside its unit of work, with the voucher and the balance."""
        studio = session.scalar(select(Studio).order_by(Studio.id).limit(1))
        if studio is None:
            raise LookupError("no studio in this database")
        preset = list(studio_preset(session, studio).value("expense_categories", []))
        added = session.scalars(select(LedgerCategory.name).order_by(LedgerCategory.id))
        return _BatchFacts(
            preset + [c for c in added if c not in preset],
            _closed_in(session),
            {},
            SchoolYear(studio.cycle_first_year).first_day,
            vouchers_known=False,
            studio_id=studio.id,
        )

    def closed_period_of(self, day: dt.date) -> str | None:
        return _closed_label(self.closed_periods(), day)

    @requires(Capability.CLOSE_PERIODS)
    def close_month(self, year: int, month: int) -> None:
        first = dt.date(year, month, 1)
        last = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        self._close(first, last, f"{year}年{month}月")

    @requires(Capability.CLOSE_PERIODS)
    def close_year(self, year: int) -> None:
        fiscal = self.fiscal_year(year)
        self._close(fiscal.first_day, fiscal.last_day, fiscal.label)

    def _close(self, first: dt.date, last: dt.date, label: str) -> None:
        studio = self.studio.get()
        with self.db.unit_of_work(cause=f"结账：{label}") as session:
            for f, la, existing in self.closed_periods():
                if f <= first and last <= la:
                    raise ValidationError([problem("", "already_closed", period=existing)])
            session.add(
                LedgerClosedPeriod(
                    studio_id=studio.id,
                    first_day=first,
                    last_day=last,
                    label=label,
                    closed_by=user_of(session),
                )
            )

    # --- writing ---

    def _parse(
        self,
        data: EntryInput,
        session: Session,
        replacing: int | None = None,
        facts: _BatchFacts | None = None,
    ) -> dict[str, Any]:
        """``replacing``: the entry a correction reverses, whose voucher the new entry
        may carry again. ``facts``: the categories and closed periods read once for a
        whole batch (read here otherwise)."""
        problems: list[Problem] = []
        out: dict[str, Any] = {}
        direction = (
            data.direction
            if isinstance(data.direction, Direction)
            else Direction.parse(data.direction)
        )
        if direction is None:
            problems.append(
                problem("direction", "bad_choice", value=data.direction, choices="收入、支出")
            )
        out["direction"] = direction

        def take(key: str, parse) -> None:
            try:
                out[key] = parse()
            except ValidationError as error:
                problems.extend(error.problems)

        take("date", lambda: parse_date(data.date, "date"))
        take("amount_fen", lambda: parse_money(data.amount, "amount"))
        take("purpose", lambda: parse_text(data.purpose, "purpose", 500))
        take("payee", lambda: parse_text(data.payee, "payee", 200))
        take("voucher_no", lambda: parse_text(data.voucher_no, "voucher_no", 50))
        take("approver", lambda: parse_text(data.approver, "approver", 50))
        take("handler", lambda: parse_text(data.handler, "handler", 50))
        take("override_reason", lambda: parse_text(data.override_reason, "override_reason", 1000))
        for key, label in (("date", "date"), ("amount_fen", "amount"), ("purpose", "purpose")):
            if out.get(key) is None and not any(p.field == label for p in problems):
                problems.append(problem(label, "required"))
        if out.get("amount_fen") == 0:
            problems.append(problem("amount", "zero_amount"))
        day = out.get("date")
        if day and day > self.today():
            problems.append(problem("date", "date_in_future", value=day.isoformat()))
        elif found := self._too_early(day, facts):
            problems.append(found)
        closed = facts.closed if facts else self.closed_periods()
        if day and (period := _closed_label(closed, day)):
            problems.append(problem("date", "closed_period", value=day.isoformat(), period=period))
        if direction is Direction.EXPENSE:
            category = parse_text(data.category, "category", 50)
            categories = facts.categories if facts else self.categories()
            if not category:
                problems.append(problem("category", "required"))
            elif not categories:  # the studio's document sets none, nor did the studio
                problems.append(problem("category", "no_categories", value=category))
            elif category not in categories:
                problems.append(
                    problem(
                        "category",
                        "unknown_category",
                        value=category,
                        choices="、".join(categories),
                    )
                )
            out["category"], out["source"] = category, None
        elif direction is Direction.INCOME:
            source = data.source or IncomeSource.OTHER.value
            parsed = next((s for s in IncomeSource if source in (s.value, s.zh)), None)
            if parsed is None:
                problems.append(
                    problem(
                        "source",
                        "bad_choice",
                        value=source,
                        choices="、".join(s.zh for s in IncomeSource),
                    )
                )
            out["source"], out["category"] = parsed.value if parsed else None, None
        if data.activity_id is not None and session.get(Activity, data.activity_id) is None:
            raise LookupError(f"no activity {data.activity_id}")
        out["activity_id"] = data.activity_id
        voucher = out.get("voucher_no")
        if voucher and facts is not None and facts.vouchers_known:
            held = [day for held_by, day in facts.vouchers.get(voucher, ()) if held_by != replacing]
            if held:
                problems.append(
                    problem(
                        "voucher_no", "duplicate_voucher", value=voucher, date=held[0].isoformat()
                    )
                )
        elif voucher:
            # A voucher belongs to one standing entry: a reversed one (and the one being
            # corrected) gives it up to its replacement.
            reversed_ids = select(LedgerEntry.reverses_id).where(
                LedgerEntry.reverses_id.is_not(None)
            )
            query = select(LedgerEntry).where(
                LedgerEntry.voucher_no == voucher,
                LedgerEntry.reverses_id.is_(None),
                LedgerEntry.id.not_in(reversed_ids),
            )
            if replacing is not None:
                query = query.where(LedgerEntry.id != replacing)
            clash = session.scalars(query.order_by(LedgerEntry.id)).first()
            if clash is not None:
                problems.append(
                    problem(
                        "voucher_no",
                        "duplicate_voucher",
                        value=voucher,
                        date=clash.date.isoformat(),
                    )
                )
        if problems:
            raise ValidationError(problems)
        out["direction"] = direction.value
        return out

    def _check_ring_fence(self, session: Session, new: list[Movement], reason: str | None) -> None:
        """The new movements, taken together, must not leave a fiscal year below zero
        and lower than before, unless a reason is recorded. (A correction that leaves an
        already overdrawn year no worse needs no new reason.)"""
        if reason:
            return
        kind = self._fiscal_kind_in(session)
        for fiscal in {FiscalYear.of(m.date, kind) for m in new}:
            before = _year_balance(session, fiscal)
            after = before + sum(m.signed_fen for m in new if fiscal.contains(m.date))
            if after < 0 and after < before:
                taken = -sum(m.signed_fen for m in new if fiscal.contains(m.date))
                raise RingFenceError(fiscal, before, taken)

    def check_add(self, data: EntryInput) -> EntryDraft:
        """The entry ``add`` would record for ``data``, checked as ``add`` checks it (the
        same errors), and nothing written."""
        return EntryDraft.of(self._checked_add(data))

    @contextmanager
    def _session(self, session: Session | None) -> Iterator[Session]:
        """``session`` (a unit of work's: its checks hold until its commit), or a
        reading one for a check that writes nothing."""
        if session is not None:
            yield session
            return
        with self.db.reading() as reading:
            yield reading

    def _fiscal_kind_in(self, session: Session) -> str:
        """``fiscal_kind`` as ``session``'s transaction sees it (inside a unit of work:
        the year the ring-fence counts is the one its commit stands in)."""
        found = session.execute(
            select(Studio.preset_id, StudioSetting.value_json)
            .outerjoin(
                StudioSetting,
                (StudioSetting.studio_id == Studio.id) & (StudioSetting.key == FISCAL_KEY),
            )
            .order_by(Studio.id)
            .limit(1)
        ).first()
        if found is None:
            return FISCAL_CALENDAR
        preset_id, stored = found
        own = {} if stored is None else {FISCAL_KEY: json.loads(stored)}
        return str(all_presets()[preset_id].setting(FISCAL_KEY, own).value or FISCAL_CALENDAR)

    def _checked_add(
        self, data: EntryInput, session: Session | None = None, known: _BatchFacts | None = None
    ) -> dict[str, Any]:
        """``known``: ``_entry_facts`` read before ``session``'s unit of work; the closed
        periods among them are read again in ``session``."""
        with self._session(session) as session:
            if known is None:
                facts = self._entry_facts(session)
            else:
                facts = replace(known, closed=_closed_in(session))
            values = self._parse(data, session, facts=facts)
            move = Movement(values["date"], Direction(values["direction"]), values["amount_fen"])
            self._check_ring_fence(session, [move], values.get("override_reason"))
        return values

    @requires(Capability.LEDGER_ENTRIES)
    def add(self, data: EntryInput, files: list[Path] = ()) -> int:
        """Record an income or an expense. An expense that would take its year's balance
        below zero raises RingFenceError unless ``override_reason`` is given."""
        with self.db.reading() as session:
            known = self._entry_facts(session)
        if files:  # no file is copied into the store for an entry that will be refused
            self._checked_add(data, known=known)
        stored = incoming_files(self.db, files)
        with self.db.unit_of_work() as session:
            # checked again inside the write transaction: what another program wrote
            # meanwhile (the same voucher, a closed period, an expense of the same year)
            # counts; the categories and the cycle were read before it (no save changes
            # them)
            values = self._checked_add(data, session, known)
            session.info["cause"] = f"记账：{values['purpose']}"
            entry = LedgerEntry(studio_id=known.studio_id, created_by=user_of(session), **values)
            session.add(entry)
            session.flush()
            self._link(session, entry.id, stored)
            return entry.id

    # --- many at once (the Excel import) ---

    def check_many(
        self, items: list[EntryInput | ReversalInput], names: list[str] | None = None
    ) -> list[list[Problem]]:
        """The problems of each item of a batch, as ``add_many`` would find them (an empty
        list for a good item). ``names`` words each item where a message refers to
        another one (e.g. "第 5 行"); "第 N 条" by default."""
        return self._check_many(items, names)[0]

    @requires(Capability.LEDGER_ENTRIES)
    def add_many(self, items: list[EntryInput | ReversalInput], cause: str = "") -> list[int]:
        """Record a batch of entries and reversals in ONE transaction, or nothing.

        Each entry is checked as ``add`` checks it, each reversal as ``reverse`` does;
        a voucher may be held by one standing entry only, across the batch and the
        ledger (an entry the batch reverses gives its voucher up). The ring-fence is
        checked over the batch in date order: every item that takes money out and leaves
        its fiscal year below zero needs its own ``override_reason``, exactly as when the
        items were added one by one in that order. Raises BatchValidationError; returns
        the new ids in the order of ``items``."""
        # One flush for the batch (a flush a row held the write lock, and so the window's
        # saves, 7 s for 20,000 rows): a reversal of an entry of the batch flushes first,
        # for that entry's id.
        if any(isinstance(item, ReversalInput) for item in items):
            permit(self.db, Capability.REVERSALS)  # a batch that reverses: the host's
        written: dict[int, LedgerEntry] = {}  # item index → its new row
        with self.db.unit_of_work(cause=cause or "批量记账") as session:
            # checked inside the write transaction, as ``add`` is
            by_item, parsed = self._check_many(items, None, session)
            if any(by_item):
                raise BatchValidationError(by_item)
            studio_id = session.scalar(select(Studio.id).limit(1))
            # Each held voucher's turn (store/ledger_guard.py), counted here: one flush
            # writes the rows, so the guard's count per row could not see the batch's.
            given_up = dict(
                session.execute(
                    select(LedgerEntry.voucher_no, func.count())
                    .where(LedgerEntry.reverses_id.is_not(None))
                    .group_by(LedgerEntry.voucher_no)
                ).all()
            )
            for i in _insert_order(items):
                item, values = items[i], parsed[i]
                if isinstance(item, EntryInput):
                    entry = LedgerEntry(studio_id=studio_id, created_by=user_of(session), **values)
                    if entry.voucher_no:
                        entry.voucher_turn = given_up.get(entry.voucher_no, 0)
                else:
                    if item.reverses is None:
                        session.flush()
                    original_id = (
                        item.reverses
                        if item.reverses is not None
                        else written[item.reverses_item].id
                    )
                    original = session.get(LedgerEntry, original_id)
                    entry = LedgerEntry(
                        studio_id=studio_id,
                        date=values["date"],
                        direction=original.direction,
                        amount_fen=original.amount_fen,
                        category=original.category,
                        source=original.source,
                        payee=original.payee,
                        voucher_no=original.voucher_no,
                        purpose=f"冲销：{original.purpose}",
                        reverses_id=original.id,
                        reversal_reason=values["reversal_reason"],
                        override_reason=values["override_reason"],
                        created_by=user_of(session),
                    )
                    if entry.voucher_no:
                        given_up[entry.voucher_no] = given_up.get(entry.voucher_no, 0) + 1
                session.add(entry)
                written[i] = entry
            session.flush()
            return [written[i].id for i in range(len(items))]

    def _check_many(
        self,
        items: list[EntryInput | ReversalInput],
        names: list[str] | None,
        session: Session | None = None,
    ) -> tuple[list[list[Problem]], list[dict[str, Any] | None]]:
        def name(index: int) -> str:
            if names is not None:
                return names[index]
            return messages.text("batch_item_label", item=index + 1)

        by_item: list[list[Problem]] = [[] for _ in items]
        parsed: list[dict[str, Any] | None] = [None] * len(items)
        # Which entries the batch reverses: stored ones by id, its own by index.
        reversing_stored: dict[int, int] = {}  # entry id → first reversal item
        reversing_item: dict[int, int] = {}  # item index → first reversal item
        for i, item in enumerate(items):
            if isinstance(item, ReversalInput):
                if (item.reverses is None) == (item.reverses_item is None):
                    raise ValueError("a ReversalInput names one entry or one item")
                if item.reverses_item is not None and not (
                    0 <= item.reverses_item < i
                    and isinstance(items[item.reverses_item], EntryInput)
                ):
                    raise ValueError(f"item {i} reverses no earlier entry of the batch")
                if item.reverses is not None:
                    reversing_stored.setdefault(item.reverses, i)
                else:
                    reversing_item.setdefault(item.reverses_item, i)
            elif not isinstance(item, EntryInput):
                raise TypeError(f"item {i} is neither an EntryInput nor a ReversalInput")
        moves: list[tuple[int, Movement, str | None]] = []
        with self._session(session) as session:
            entries = self._all(session)
            # read once for the batch, not once a row (20,000 rows: 50 s → 2 s)
            facts = _BatchFacts.read(self, entries)
            by_id = {e.id: e for e in entries}
            reversal_of = {e.reverses_id: e for e in entries if e.reverses_id is not None}
            vouchers: dict[str, int] = {}  # voucher → the item that holds it
            for i, item in enumerate(items):
                if isinstance(item, EntryInput):
                    try:
                        voucher = parse_text(item.voucher_no, "voucher_no", 50)
                    except ValidationError:
                        voucher = None
                    replacing = next(
                        (
                            entry_id
                            for entry_id in reversing_stored
                            if voucher
                            and by_id.get(entry_id)
                            and by_id[entry_id].voucher_no == voucher
                        ),
                        None,
                    )
                    try:
                        values = self._parse(item, session, replacing=replacing, facts=facts)
                    except ValidationError as error:
                        by_item[i].extend(error.problems)
                        continue
                    if voucher:
                        holder = vouchers.get(voucher)
                        if holder is not None and holder not in reversing_item:
                            by_item[i].append(
                                problem(
                                    "voucher_no", "voucher_twice", value=voucher, other=name(holder)
                                )
                            )
                            continue
                        vouchers[voucher] = i
                    parsed[i] = values
                    moves.append(
                        (
                            i,
                            Movement(
                                values["date"], Direction(values["direction"]), values["amount_fen"]
                            ),
                            values.get("override_reason"),
                        )
                    )
                    continue
                # a reversal
                found: list[Problem] = []
                values = {}
                try:
                    values["reversal_reason"] = parse_text(item.reason, "reversal_reason", 1000)
                    if not values["reversal_reason"]:
                        found.append(problem("reversal_reason", "required"))
                except ValidationError as error:
                    found.extend(error.problems)
                try:
                    values["override_reason"] = parse_text(
                        item.override_reason, "override_reason", 1000
                    )
                except ValidationError as error:
                    found.extend(error.problems)
                try:
                    day = parse_date(item.date, "date") if item.date not in (None, "") else None
                    day = day or self.today()
                except ValidationError as error:
                    found.extend(error.problems)
                    day = None
                if day and day > self.today():
                    found.append(problem("date", "date_in_future", value=day.isoformat()))
                elif early := self._too_early(day, facts):
                    found.append(early)
                if day and (period := _closed_label(facts.closed, day)):
                    found.append(
                        problem("date", "closed_period", value=day.isoformat(), period=period)
                    )
                values["date"] = day
                original: tuple[Direction, int] | None = None  # direction, amount
                if item.reverses is not None:
                    stored = by_id.get(item.reverses)
                    if stored is None:
                        raise LookupError(f"no ledger entry {item.reverses}")
                    first = reversing_stored[item.reverses]
                    if stored.reverses_id is not None:
                        found.append(problem("", "reversal_of_reversal"))
                    elif item.reverses in reversal_of:
                        done = reversal_of[item.reverses]
                        found.append(problem("", "already_reversed", date=done.date.isoformat()))
                    elif first != i:
                        found.append(problem("", "reversed_twice", other=name(first)))
                    else:
                        original = (Direction(stored.direction), stored.amount_fen)
                else:
                    first = reversing_item[item.reverses_item]
                    target = parsed[item.reverses_item]
                    if first != i:
                        found.append(problem("", "reversed_twice", other=name(first)))
                    elif target is not None:
                        original = (Direction(target["direction"]), target["amount_fen"])
                if found:
                    by_item[i] = found
                    continue
                parsed[i] = values
                if original is not None:
                    moves.append(
                        (
                            i,
                            Movement(day, original[0], original[1], reverses=True),
                            values["override_reason"],
                        )
                    )
            # The ring-fence, in date order, each year starting from its stored balance.
            kind = self.fiscal_kind()
            running: dict[FiscalYear, int] = {}
            for i, move, reason in sorted(moves, key=lambda m: (m[1].date, m[0])):
                fiscal = FiscalYear.of(move.date, kind)
                if fiscal not in running:
                    running[fiscal] = balance(
                        [_movement(e, by_id) for e in entries if fiscal.contains(e.date)]
                    )
                before = running[fiscal]
                after = before + move.signed_fen
                if move.signed_fen < 0 and after < 0 and not reason:
                    by_item[i].append(
                        problem(
                            "override_reason",
                            "ring_fence",
                            year=fiscal.label,
                            balance=format_fen(before),
                            amount=format_fen(-move.signed_fen),
                        )
                    )
                running[fiscal] = after
        return by_item, parsed

    @requires(Capability.REVERSALS)
    def reverse(
        self, entry_id: int, reason: Any, on: Any = None, override_reason: Any = None
    ) -> int:
        """Undo an entry with a reversal entry dated ``on`` (today by default)."""
        return self._reverse_and_add(entry_id, reason, on, override_reason, None, ())[0]

    @requires(Capability.REVERSALS)
    def correct(
        self, entry_id: int, reason: Any, replacement: EntryInput, files: list[Path] = ()
    ) -> tuple[int, int]:
        """A correction: the reversal of the entry and the right entry, in one transaction.
        Returns (reversal id, new entry id)."""
        reversal_id, new_id = self._reverse_and_add(
            entry_id, reason, replacement.date, replacement.override_reason, replacement, files
        )
        return reversal_id, new_id

    def check_reverse(
        self, entry_id: int, reason: Any, on: Any = None, override_reason: Any = None
    ) -> dt.date:
        """The date ``reverse`` would give the reversal, checked as ``reverse`` checks it
        (the same errors), and nothing written."""
        return self._checked_reversal(entry_id, reason, on, override_reason, None)[1]

    def check_correct(self, entry_id: int, reason: Any, replacement: EntryInput) -> EntryDraft:
        """The corrected entry ``correct`` would record, checked as ``correct`` checks it
        (the same errors), and nothing written."""
        checked = self._checked_reversal(
            entry_id, reason, replacement.date, replacement.override_reason, replacement
        )
        return EntryDraft.of(checked[3])

    def _checked_reversal(self, entry_id, reason, on, override_reason, replacement, session=None):
        """The checks of a reversal (and of a correction's new entry): the original, the
        reversal's date, its reason, the new entry's values and the overspending reason."""
        problems: list[Problem] = []
        try:
            why = parse_text(reason, "reversal_reason", 1000)
            if not why:
                problems.append(problem("reversal_reason", "required"))
        except ValidationError as error:
            problems.extend(error.problems)
            why = None
        try:
            day = parse_date(on, "date") if on not in (None, "") else self.today()
        except ValidationError as error:
            problems.extend(error.problems)
            day = None
        with self._session(session) as session:
            original = session.get(LedgerEntry, entry_id)
            if original is None:
                raise LookupError(f"no ledger entry {entry_id}")
            if original.reverses_id is not None:
                problems.append(problem("", "reversal_of_reversal"))
            done = session.scalar(select(LedgerEntry).where(LedgerEntry.reverses_id == entry_id))
            if done is not None:
                problems.append(problem("", "already_reversed", date=done.date.isoformat()))
            if day and day > self.today():
                problems.append(problem("date", "date_in_future", value=day.isoformat()))
            elif early := self._too_early(day):
                problems.append(early)
            if day and day < original.date:
                problems.append(
                    problem(
                        "date",
                        "reversal_before_original",
                        value=day.isoformat(),
                        date=original.date.isoformat(),
                    )
                )
            if day and (period := self.closed_period_of(day)):
                problems.append(
                    problem("date", "closed_period", value=day.isoformat(), period=period)
                )
            values = None
            if replacement is not None:
                try:
                    values = self._parse(replacement, session, replacing=entry_id)
                except ValidationError as error:
                    problems.extend(error.problems)
            if problems:  # a correction's date is the reversal's too: say it once
                raise ValidationError(list(dict.fromkeys(problems)))
            moves = [
                Movement(day, Direction(original.direction), original.amount_fen, reverses=True)
            ]
            if values is not None:
                moves.append(
                    Movement(values["date"], Direction(values["direction"]), values["amount_fen"])
                )
            reason_override = parse_text(override_reason, "override_reason", 1000)
            self._check_ring_fence(session, moves, reason_override)
        return original, day, why, values, reason_override

    def _reverse_and_add(self, entry_id, reason, on, override_reason, replacement, files):
        original, *_ = self._checked_reversal(entry_id, reason, on, override_reason, replacement)
        stored = incoming_files(self.db, files)
        with self.db.unit_of_work(cause=f"冲销：{original.purpose}") as session:
            # checked again inside the write transaction (see add)
            original, day, why, values, reason_override = self._checked_reversal(
                entry_id, reason, on, override_reason, replacement, session
            )
            studio_id = session.scalar(select(Studio.id).limit(1))
            reversal = LedgerEntry(
                studio_id=studio_id,
                date=day,
                direction=original.direction,
                amount_fen=original.amount_fen,
                category=original.category,
                source=original.source,
                payee=original.payee,
                voucher_no=original.voucher_no,
                purpose=f"冲销：{original.purpose}",
                reverses_id=original.id,
                reversal_reason=why,
                override_reason=reason_override if values is None else None,
                created_by=user_of(session),
            )
            session.add(reversal)
            session.flush()  # the voucher given up before the new entry takes it over
            new_id = None
            if values is not None:
                entry = LedgerEntry(studio_id=studio_id, created_by=user_of(session), **values)
                session.add(entry)
                session.flush()
                self._link(session, entry.id, stored)
                new_id = entry.id
            session.flush()
            return reversal.id, new_id

    @requires(Capability.LEDGER_ENTRIES)
    def attach(self, entry_id: int, files: list[Path]) -> None:
        """Receipts can be added to an entry later (a scan arrives after the payment);
        nothing already attached is ever taken away."""
        stored = incoming_files(self.db, files)
        with self.db.unit_of_work() as session:
            if session.get(LedgerEntry, entry_id) is None:
                raise LookupError(f"no ledger entry {entry_id}")
            self._link(session, entry_id, stored)

    def attachment_path(self, attachment: AttachmentInfo) -> Path:
        return readable_copy(self.db, attachment)

    def _link(self, session: Session, entry_id: int, stored) -> None:
        for attachment in new_attachments(session, stored):
            session.add(
                LedgerEntryAttachment(ledger_entry_id=entry_id, attachment_id=attachment.id)
            )

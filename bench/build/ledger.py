"""The funding ledger: per calendar year a budget per category, the school's grant on
the first working day, the bureau's subsidy, expenses (some paid for an activity) and
a few reversals, each year in one batch (``add_many``); every finished year closed."""

from __future__ import annotations

import datetime as dt
import random

from bench.build.context import Context
from desktop_app.services.ledger import EntryInput, ReversalInput

PAYEES = (
    "江阴市澄江印务有限公司",
    "江阴中专文印中心",
    "江苏新华书店江阴分店",
    "江阴长运旅游客运有限公司",
)
PURPOSES = (
    "资料印刷",
    "书籍购置",
    "专家讲座劳务费",
    "外出考察租车费",
    "课题调查问卷印刷",
    "展板制作",
)


def _span(ctx: Context, year: int) -> tuple[dt.date, dt.date]:
    return max(dt.date(year, 1, 1), ctx.first_day), min(dt.date(year, 12, 31), ctx.as_of)


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _year_items(
    ctx: Context, rng: random.Random, year: int, count: int, categories: list[str]
) -> list[EntryInput | ReversalInput]:
    first, last = _span(ctx, year)
    paid_on = min(_weekday(first), last)  # the grant comes first: no expense before it
    days = (last - paid_on).days
    host = next((m.name for m in ctx.members if m.role == "host"), None)
    activities = [(d, i) for d, i in ctx.activities if first <= d <= last]  # by day
    expenses: list[EntryInput] = []
    reversals = max(count // 100, 0)
    for n in range(max(count - 2 - reversals, 0)):
        day = paid_on + dt.timedelta(days=rng.randint(0, days))
        linked = [i for d, i in activities if d <= day]
        expenses.append(
            EntryInput(
                direction="支出",
                date=day,
                amount=f"{rng.randint(20, 2000)}.{rng.randint(0, 99):02d}",
                purpose=f"{rng.choice(PURPOSES)}（{year}-{n + 1:04d}）",
                category=rng.choice(categories),
                payee=rng.choice(PAYEES),
                voucher_no=f"JZ-{year}-{n + 1:04d}",
                activity_id=linked[-1] if linked and rng.random() < 0.3 else None,
                approver=host,
                handler="秘书",
            )
        )
    expenses.sort(key=lambda e: e.date)
    spent = sum(float(e.amount) for e in expenses)
    items: list[EntryInput | ReversalInput] = [
        EntryInput(
            direction="收入",
            date=paid_on,
            amount=f"{int(spent * 1.1) + 3000}.00",
            purpose="学校核拨名班主任工作室专项经费",
            source="grant",
            payee="江阴中专财务处",
            voucher_no=f"JZ-{year}-G",
        )
    ]
    if count >= 2:
        items.append(
            EntryInput(
                direction="收入",
                date=paid_on + dt.timedelta(days=days // 2),
                amount="1500.00",
                purpose="江阴市教育局：名班主任工作室建设补助",
                source="bureau",
                payee="江阴市教育局",
                voucher_no=f"JZ-{year}-B",
            )
        )
    items += expenses
    for k in range(min(reversals, len(expenses))):
        index = 1 + (count >= 2) + k * len(expenses) // max(reversals, 1)
        original = items[index]
        assert isinstance(original, EntryInput)
        items.append(
            ReversalInput(
                reason="录入错误，冲销后重新入账",
                date=min(original.date + dt.timedelta(days=3), last),
                reverses_item=index,
            )
        )
    return items[:count]


def add_ledger(ctx: Context) -> int:
    """Returns the number of entries written."""
    rng = ctx.rng("ledger")
    s = ctx.services
    categories = s.ledger.categories()
    years = list(range(ctx.first_day.year, ctx.as_of.year + 1))
    weights = [(_span(ctx, y)[1] - _span(ctx, y)[0]).days + 1 for y in years]
    total = 0
    done = 0
    for year, weight in zip(years, weights, strict=True):
        count = (done + weight) * ctx.sizes.ledger // sum(weights) - done * ctx.sizes.ledger // sum(
            weights
        )
        done += weight
        ctx.clock.day = _span(ctx, year)[0]
        for category in categories:
            s.ledger.set_budget(year, category, f"{rng.randint(20, 80) * 1000}")
        ctx.clock.day = ctx.as_of
        items = _year_items(ctx, rng, year, count, categories)
        if items:
            total += len(s.ledger.add_many(items, cause=f"经费台账录入：{year}年"))
        if year < ctx.as_of.year:
            s.ledger.close_year(year)
    return total

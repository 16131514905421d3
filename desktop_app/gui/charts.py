"""Small charts drawn with QPainter (no chart library).

For the funding ledger: spending by category as horizontal bars against each category's
budget, and income against spending in each month of the fiscal year. Amounts are
written as 3,000.00; hovering a bar tells its exact figures.

For the overview's tiles: labelled bars of counts or of progress (``BarListChart``), a
share as a ring (``RingChart``) and one value against a reference (``MeterBar``)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.domain.money import format_fen

INCOME_COLOUR = QColor("#2f6fb3")
SPENDING_COLOUR = QColor("#e08a3c")
OVER_BUDGET_COLOUR = QColor("#c0392b")
BUDGET_COLOUR = QColor("#333333")
GRID_COLOUR = QColor("#e3e6ea")
AXIS_COLOUR = QColor("#9aa3ad")
TEXT_COLOUR = QColor("#333333")
MUTED_COLOUR = QColor("#777777")


def month_name(month: int) -> str:
    """A short month name for an axis: Jan … Dec (1月 … 12月 in Chinese)."""
    names = (
        QCoreApplication.translate("Charts", "Jan"),
        QCoreApplication.translate("Charts", "Feb"),
        QCoreApplication.translate("Charts", "Mar"),
        QCoreApplication.translate("Charts", "Apr"),
        QCoreApplication.translate("Charts", "May"),
        QCoreApplication.translate("Charts", "Jun"),
        QCoreApplication.translate("Charts", "Jul"),
        QCoreApplication.translate("Charts", "Aug"),
        QCoreApplication.translate("Charts", "Sep"),
        QCoreApplication.translate("Charts", "Oct"),
        QCoreApplication.translate("Charts", "Nov"),
        QCoreApplication.translate("Charts", "Dec"),
    )
    return names[month - 1]


def nice_step(top_fen: int, steps: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten yuan) that covers ``top_fen`` in
    about ``steps`` steps."""
    rough = max(top_fen, 100) / steps
    unit = 100  # one yuan
    while unit * 10 <= rough:
        unit *= 10
    for factor in (1, 2, 5, 10):
        if unit * factor >= rough:
            return unit * factor
    return unit * 10


@dataclass(frozen=True)
class CategoryBar:
    label: str
    spent_fen: int
    budget_fen: int | None = None

    @property
    def over_budget(self) -> bool:
        return self.budget_fen is not None and self.spent_fen > self.budget_fen


@dataclass(frozen=True)
class MonthBar:
    year: int
    month: int
    income_fen: int
    expense_fen: int

    @property
    def label(self) -> str:
        return month_name(self.month)


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMouseTracking(True)
        self._empty_text = ""

    def chart_font(self, bold: bool = False) -> QFont:
        font = QFont(self.font())
        size = font.pointSizeF()
        if size > 0:
            font.setPointSizeF(max(size - 1, 8))
        font.setBold(bold)
        return font

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def _begin(self) -> QPainter:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setFont(self.chart_font())
        return painter

    def _paint_empty(self, painter: QPainter) -> None:
        painter.setPen(MUTED_COLOUR)
        painter.drawText(
            QRectF(self.rect()).adjusted(8, 8, -8, -8),
            int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
            self._empty_text,
        )

    def tip_at(self, x: float, y: float) -> str:
        return ""

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tip_at(event.pos().x(), event.pos().y())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class CategoryChart(_Chart):
    """Spending per category as horizontal bars; a dark line marks each budget, and a
    category over its budget is drawn in red."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("categoryChart")
        self._bars: list[CategoryBar] = []
        self._rows: list[tuple[QRectF, CategoryBar]] = []
        self.set_empty_text(QCoreApplication.translate("Charts", "No spending categories."))

    def set_bars(self, bars: list[CategoryBar]) -> None:
        self._bars = list(bars)
        self.updateGeometry()
        self.update()

    def bars(self) -> list[CategoryBar]:
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(360, 40 + 26 * max(len(self._bars), 3))

    def minimumSizeHint(self) -> QSize:
        return QSize(180, 24 + 18 * max(len(self._bars), 2))

    def paintEvent(self, event) -> None:
        painter = self._begin()
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        self._rows = []
        if not self._bars:
            self._paint_empty(painter)
            return
        metrics = QFontMetrics(painter.font())
        area = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        has_budget = any(b.budget_fen is not None for b in self._bars)
        legend_height = metrics.height() + 4 if has_budget else 0
        label_width = min(
            max(metrics.horizontalAdvance(b.label) for b in self._bars) + 10, area.width() * 0.35
        )
        amounts = [format_fen(b.spent_fen) for b in self._bars]
        amount_width = max(metrics.horizontalAdvance(a) for a in amounts) + 8
        bar_left = area.left() + label_width
        bar_width = max(area.width() - label_width - amount_width, 20)
        top_value = max(max(b.spent_fen, b.budget_fen or 0) for b in self._bars) or 1
        plot_height = area.height() - legend_height
        row_height = min(plot_height / len(self._bars), 30)
        thickness = max(min(row_height * 0.6, 18), 4)

        # the zero line
        painter.setPen(QPen(AXIS_COLOUR, 1))
        painter.drawLine(
            QPointF(bar_left, area.top()),
            QPointF(bar_left, area.top() + row_height * len(self._bars)),
        )
        for i, bar in enumerate(self._bars):
            row_top = area.top() + i * row_height
            centre = row_top + row_height / 2
            painter.setPen(OVER_BUDGET_COLOUR if bar.over_budget else TEXT_COLOUR)
            label_rect = QRectF(area.left(), row_top, label_width - 8, row_height)
            painter.drawText(
                label_rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(label_width - 8)),
            )
            length = bar_width * max(bar.spent_fen, 0) / top_value
            rect = QRectF(bar_left, centre - thickness / 2, length, thickness)
            colour = OVER_BUDGET_COLOUR if bar.over_budget else SPENDING_COLOUR
            painter.fillRect(rect, colour)
            if bar.budget_fen is not None:
                x = bar_left + bar_width * bar.budget_fen / top_value
                painter.setPen(QPen(BUDGET_COLOUR, 2))
                painter.drawLine(
                    QPointF(x, centre - thickness / 2 - 3), QPointF(x, centre + thickness / 2 + 3)
                )
            painter.setPen(OVER_BUDGET_COLOUR if bar.over_budget else TEXT_COLOUR)
            text_left = bar_left + max(length, 0) + 4
            if bar.budget_fen is not None:
                text_left = max(text_left, bar_left + bar_width * bar.budget_fen / top_value + 4)
            painter.drawText(
                QRectF(text_left, row_top, area.right() - text_left, row_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                format_fen(bar.spent_fen),
            )
            self._rows.append((QRectF(area.left(), row_top, area.width(), row_height), bar))
        if has_budget:  # the legend of the budget mark, under the last bar
            y = min(area.top() + row_height * len(self._bars) + 2, area.bottom() - metrics.height())
            painter.setPen(QPen(BUDGET_COLOUR, 2))
            painter.drawLine(QPointF(bar_left, y + 2), QPointF(bar_left, y + metrics.height() - 2))
            painter.setPen(MUTED_COLOUR)
            painter.drawText(
                QRectF(bar_left + 6, y, area.right() - bar_left - 6, metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                QCoreApplication.translate("Charts", "budget"),
            )

    def tip_at(self, x: float, y: float) -> str:
        for rect, bar in self._rows:
            if rect.contains(QPointF(x, y)):
                return category_tip(bar)
        return ""


def category_tip(bar: CategoryBar) -> str:
    lines = [
        bar.label,
        QCoreApplication.translate("Charts", "Spent: %1").replace("%1", format_fen(bar.spent_fen)),
    ]
    if bar.budget_fen is None:
        lines.append(QCoreApplication.translate("Charts", "No budget set"))
    else:
        lines.append(
            QCoreApplication.translate("Charts", "Budget: %1").replace(
                "%1", format_fen(bar.budget_fen)
            )
        )
        remaining = bar.budget_fen - bar.spent_fen
        if remaining < 0:
            lines.append(
                QCoreApplication.translate("Charts", "Over budget by %1").replace(
                    "%1", format_fen(-remaining)
                )
            )
        else:
            lines.append(
                QCoreApplication.translate("Charts", "Remaining: %1").replace(
                    "%1", format_fen(remaining)
                )
            )
    return "\n".join(lines)


class MonthlyChart(_Chart):
    """Income and spending side by side for each of the fiscal year's twelve months."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("monthlyChart")
        self._months: list[MonthBar] = []
        self._slots: list[tuple[QRectF, MonthBar]] = []
        self.set_empty_text(QCoreApplication.translate("Charts", "No months to show."))

    def set_months(self, months: list[MonthBar]) -> None:
        self._months = list(months)
        self.update()

    def months(self) -> list[MonthBar]:
        return list(self._months)

    def sizeHint(self) -> QSize:
        return QSize(420, 200)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 140)

    def paintEvent(self, event) -> None:
        painter = self._begin()
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        self._slots = []
        if not self._months:
            self._paint_empty(painter)
            return
        metrics = QFontMetrics(painter.font())
        area = QRectF(self.rect()).adjusted(6, 4, -8, -4)
        line = metrics.height()

        # legend
        x = area.left() + 4
        for colour, text in (
            (INCOME_COLOUR, QCoreApplication.translate("Charts", "Income")),
            (SPENDING_COLOUR, QCoreApplication.translate("Charts", "Spending")),
        ):
            painter.fillRect(QRectF(x, area.top() + (line - 10) / 2, 10, 10), colour)
            painter.setPen(TEXT_COLOUR)
            painter.drawText(
                QRectF(x + 14, area.top(), metrics.horizontalAdvance(text) + 2, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            x += 14 + metrics.horizontalAdvance(text) + 16

        top_value = max(max(m.income_fen, m.expense_fen) for m in self._months)
        step = nice_step(top_value)
        ticks = max(-(-top_value // step), 1)
        scale_top = step * ticks
        tick_texts = [format_fen(step * i) for i in range(ticks + 1)]
        axis_width = max(metrics.horizontalAdvance(t) for t in tick_texts) + 6
        plot = QRectF(
            area.left() + axis_width,
            area.top() + line + 6 + line / 2,
            area.width() - axis_width,
            area.height() - (line + 6 + line / 2) - line - 4,
        )
        if plot.height() < 10:
            return

        # grid and axis labels
        for i, text in enumerate(tick_texts):
            y = plot.bottom() - plot.height() * i / ticks
            painter.setPen(QPen(AXIS_COLOUR if i == 0 else GRID_COLOUR, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED_COLOUR)
            painter.drawText(
                QRectF(area.left(), y - line / 2, axis_width - 6, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                text,
            )

        slot = plot.width() / len(self._months)
        bar = max(min(slot * 0.36, 16), 1.5)
        widest = max(metrics.horizontalAdvance(m.label) for m in self._months)
        show_every = 1 if slot >= widest + 2 else 2
        for i, month in enumerate(self._months):
            left = plot.left() + i * slot
            middle = left + slot / 2
            for offset, value, colour in (
                (-bar, month.income_fen, INCOME_COLOUR),
                (0.0, month.expense_fen, SPENDING_COLOUR),
            ):
                height = plot.height() * max(value, 0) / scale_top
                if height > 0:
                    painter.fillRect(
                        QRectF(middle + offset, plot.bottom() - height, bar, height), colour
                    )
            if i % show_every == 0:
                painter.setPen(TEXT_COLOUR)
                painter.drawText(
                    QRectF(left - 4, plot.bottom() + 2, slot + 8, line),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    month.label,
                )
            self._slots.append((QRectF(left, plot.top(), slot, plot.height() + line + 2), month))

    def tip_at(self, x: float, y: float) -> str:
        for rect, month in self._slots:
            if rect.contains(QPointF(x, y)):
                return month_tip(month)
        return ""


def month_tip(month: MonthBar) -> str:
    head = f"{month.year}-{month.month:02d}"
    income = QCoreApplication.translate("Charts", "Income: %1").replace(
        "%1", format_fen(month.income_fen)
    )
    spent = QCoreApplication.translate("Charts", "Spending: %1").replace(
        "%1", format_fen(month.expense_fen)
    )
    return "\n".join((head, income, spent))


# --- small charts for the overview's tiles ---

DONE_COLOUR = QColor("#2e8b57")
TRACK_COLOUR = QColor("#e3e6ea")
COUNT_COLOUR = INCOME_COLOUR


@dataclass(frozen=True)
class CountBar:
    """One row of a ``BarListChart``: a count scaled against the longest row, or, with a
    ``total``, ``value`` done of ``total`` drawn as a progress bar."""

    label: str
    value: int
    total: int | None = None
    text: str | None = None  # the figure at the bar's end; value (or value/total) if None
    tip: str = ""

    @property
    def figure(self) -> str:
        if self.text is not None:
            return self.text
        if self.total is not None:
            return f"{self.value}/{self.total}"
        return str(self.value)


class BarListChart(_Chart):
    """Labelled horizontal bars, one per row: counts (e.g. activities by kind) or
    progress (duties done of all, per kind)."""

    def __init__(self, parent: QWidget | None = None, colour: QColor = COUNT_COLOUR):
        super().__init__(parent)
        self.setObjectName("barListChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._colour = QColor(colour)
        self._bars: list[CountBar] = []
        self._rows: list[tuple[QRectF, CountBar]] = []
        self.set_empty_text(QCoreApplication.translate("Charts", "Nothing to show."))

    def set_bars(self, bars: list[CountBar]) -> None:
        self._bars = list(bars)
        self.updateGeometry()
        self.update()

    def bars(self) -> list[CountBar]:
        return list(self._bars)

    def _row_height(self) -> int:
        return QFontMetrics(self.chart_font()).height() + 6

    def sizeHint(self) -> QSize:
        return QSize(260, 8 + self._row_height() * max(len(self._bars), 1))

    def minimumSizeHint(self) -> QSize:
        return QSize(140, 8 + self._row_height() * max(len(self._bars), 1))

    def paintEvent(self, event) -> None:
        painter = self._begin()
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        self._rows = []
        if not self._bars:
            self._paint_empty(painter)
            return
        metrics = QFontMetrics(painter.font())
        area = QRectF(self.rect()).adjusted(2, 4, -2, -4)
        label_width = min(
            max(metrics.horizontalAdvance(b.label) for b in self._bars) + 10, area.width() * 0.45
        )
        figure_width = max(metrics.horizontalAdvance(b.figure) for b in self._bars) + 8
        bar_left = area.left() + label_width
        bar_width = max(area.width() - label_width - figure_width, 10)
        progress = any(b.total is not None for b in self._bars)
        top_value = max(max(b.value, 0) for b in self._bars) or 1
        row_height = min(area.height() / len(self._bars), self._row_height() + 4)
        thickness = max(min(row_height * 0.55, 12), 3)
        for i, bar in enumerate(self._bars):
            row_top = area.top() + i * row_height
            centre = row_top + row_height / 2
            painter.setPen(TEXT_COLOUR)
            painter.drawText(
                QRectF(area.left(), row_top, label_width - 8, row_height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(label_width - 8)),
            )
            if progress:
                painter.fillRect(
                    QRectF(bar_left, centre - thickness / 2, bar_width, thickness), TRACK_COLOUR
                )
                share = (bar.value / bar.total) if bar.total else 0
                length = bar_width * min(max(share, 0), 1)
            else:
                length = bar_width * max(bar.value, 0) / top_value
            if length > 0:
                painter.fillRect(
                    QRectF(bar_left, centre - thickness / 2, max(length, 2), thickness),
                    self._colour,
                )
            painter.setPen(TEXT_COLOUR)
            text_left = bar_left + (bar_width if progress else length) + 6
            painter.drawText(
                QRectF(text_left, row_top, area.right() - text_left, row_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                bar.figure,
            )
            self._rows.append((QRectF(area.left(), row_top, area.width(), row_height), bar))

    def tip_at(self, x: float, y: float) -> str:
        for rect, bar in self._rows:
            if rect.contains(QPointF(x, y)):
                return bar.tip or f"{bar.label}: {bar.figure}"
        return ""


class RingChart(_Chart):
    """A share as a ring (donut): the filled arc is the share, the centre says it."""

    def __init__(self, parent: QWidget | None = None, diameter: int = 84):
        super().__init__(parent)
        self.setObjectName("ringChart")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._diameter = diameter
        self._share: float | None = None
        self._text = "—"
        self._colour = QColor(DONE_COLOUR)
        self._tip = ""

    def set_share(self, share, text: str, colour: QColor | None = None, tip: str = "") -> None:
        """``share`` is a number from 0 to 1 (a Fraction will do), or None: no data."""
        self._share = None if share is None else min(max(float(share), 0.0), 1.0)
        self._text = text
        self._colour = QColor(colour) if colour is not None else QColor(DONE_COLOUR)
        self._tip = tip
        self.setAccessibleName(tip or text)
        self.update()

    def share(self) -> float | None:
        return self._share

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        return QSize(self._diameter, self._diameter)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event) -> None:
        painter = self._begin()
        try:
            side = min(self.width(), self.height()) - 4
            pen_width = max(side * 0.13, 4)
            ring = QRectF(
                (self.width() - side) / 2 + pen_width / 2,
                (self.height() - side) / 2 + pen_width / 2,
                side - pen_width,
                side - pen_width,
            )
            pen = QPen(TRACK_COLOUR, pen_width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawEllipse(ring)
            if self._share:
                pen.setColor(self._colour)
                painter.setPen(pen)
                painter.drawArc(ring, 90 * 16, -round(self._share * 360 * 16))
            font = self.chart_font(bold=True)
            metrics = QFontMetrics(font)
            inner = ring.width() - pen_width
            while font.pointSizeF() > 7 and metrics.horizontalAdvance(self._text) > inner:
                font.setPointSizeF(font.pointSizeF() - 1)
                metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(TEXT_COLOUR if self._share is not None else MUTED_COLOUR)
            painter.drawText(ring, int(Qt.AlignmentFlag.AlignCenter), self._text)
        finally:
            painter.end()

    def tip_at(self, x: float, y: float) -> str:
        return self._tip


class MeterBar(_Chart):
    """One value against a reference as a single bar: the track is the reference (a grant,
    the tasks of a plan, the points of a table), the fill the value; a value beyond the
    reference turns the bar red and a mark shows where the reference ends."""

    def __init__(self, parent: QWidget | None = None, colour: QColor = SPENDING_COLOUR):
        super().__init__(parent)
        self.setObjectName("meterBar")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._colour = QColor(colour)
        self._value = 0
        self._reference: int | None = None
        self._tip = ""

    def set_values(self, value: int, reference: int | None, tip: str = "") -> None:
        self._value = value
        self._reference = reference
        self._tip = tip
        self.update()

    def values(self) -> tuple[int, int | None]:
        return self._value, self._reference

    def sizeHint(self) -> QSize:
        return QSize(200, 14)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 14)

    def paintEvent(self, event) -> None:
        painter = self._begin()
        try:
            track = QRectF(self.rect()).adjusted(1, 2, -1, -2)
            painter.fillRect(track, TRACK_COLOUR)
            reference = self._reference
            if not reference or reference <= 0:
                if self._value > 0 and reference is None:
                    painter.fillRect(track, self._colour)
                return
            over = self._value > reference
            scale = max(self._value, reference)
            length = track.width() * max(self._value, 0) / scale
            if length > 0:
                painter.fillRect(
                    QRectF(track.left(), track.top(), max(length, 2), track.height()),
                    OVER_BUDGET_COLOUR if over else self._colour,
                )
            if over:
                x = track.left() + track.width() * reference / scale
                painter.setPen(QPen(BUDGET_COLOUR, 2))
                painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        finally:
            painter.end()

    def tip_at(self, x: float, y: float) -> str:
        return self._tip

"""The indicator tree of the assessment editor (一级/二级/三级指标): each indicator's
text wrapped to a few lines, its maximum, the self-score box of a leaf or the subtotal of
an inner node, what the records show (green when the rule is met, amber when not) and
the count of evidence."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from desktop_app.domain.assessment import Indicator, format_tenths
from desktop_app.domain.parsing import parse_tenths
from desktop_app.domain.problems import ValidationError
from desktop_app.gui.pages.assessment_widgets import MET_COLOUR, NOT_MET_COLOUR
from desktop_app.gui.table_sizing import declare_free_text_column
from desktop_app.services.assessments import (
    ACCEPTED,
    PROPOSED,
    REMOVED,
    AssessmentInfo,
    EvidenceState,
)

COL_TEXT, COL_MAX, COL_SCORE, COL_RECORDS, COL_EVIDENCE = range(5)
CODE_ROLE = Qt.ItemDataRole.UserRole
BAD_SCORE_STYLE = "border: 1px solid #b00020; background: #fdecea;"
STEP_TENTHS = 5  # the arrow keys move a score by half a point


class WrapDelegate(QStyledItemDelegate):
    """Text wrapped to the column's width, at most ``max_lines`` lines (the rest elided);
    the whole text is in the tooltip. Measured with QFontMetrics and drawn by the style:
    few calls per row, as rows are painted and measured often."""

    def __init__(self, view: QTreeView, max_lines: int = 3):
        super().__init__(view)
        self.view = view
        self.max_lines = max_lines
        style = view.style()
        self.margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        self._cache: dict[tuple[str, int, str], tuple[str, int]] = {}

    def _width(self, index) -> int:
        width = self.view.columnWidth(index.column()) - 2 * self.margin
        if index.column() == self.view.header().logicalIndex(0):
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            decorated = 1 if self.view.rootIsDecorated() else 0
            width -= self.view.indentation() * (depth + decorated)
        return max(width, 40)

    def shown(self, text: str, font: QFont, width: int) -> tuple[str, int]:
        """The text as drawn (elided after max_lines) and the height it takes."""
        key = (text, width, font.key())
        found = self._cache.get(key)
        if found is not None:
            return found
        if len(self._cache) > 4000:
            self._cache.clear()
        metrics = QFontMetrics(font)
        bounds = QRect(0, 0, width, 100000)
        wrap = int(_WRAP_FLAGS)
        line = max(metrics.lineSpacing(), 1)

        def height(words: str) -> int:
            return metrics.boundingRect(bounds, wrap, words).height()

        def fits(words: str) -> bool:
            return round(height(words) / line) <= self.max_lines

        if fits(text):
            result = (text, height(text))
        else:
            low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
            while low < high:
                middle = (low + high + 1) // 2
                if fits(text[:middle].rstrip() + "…"):
                    low = middle
                else:
                    high = middle - 1
            shown = text[:low].rstrip() + "…"
            result = (shown, height(shown))
        self._cache[key] = result
        return result

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt's name
        base = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        font = index.data(Qt.ItemDataRole.FontRole) or self.view.font()
        _shown, height = self.shown(text, font, self._width(index))
        return QSize(base.width(), max(base.height(), height + 8))

    def paint(self, painter: QPainter, option, index) -> None:
        # The index's data is read here rather than through initStyleOption, and the view
        # is passed rather than option.widget: in PySide6 6.12 on Python 3.11 both of
        # those (like every void call) drop a reference to None, and rows repaint often.
        self.view.style().drawControl(
            QStyle.ControlElement.CE_ItemViewItem, option, painter, self.view
        )  # the background, alternate row and selection; no text in the option
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        rect = option.rect.adjusted(self.margin, 0, -self.margin, 0)
        shown, _height = self.shown(text, font, max(rect.width(), 40))
        if option.state & QStyle.StateFlag.State_Selected:
            colour = option.palette.color(QPalette.ColorRole.HighlightedText)
        else:
            brush = index.data(Qt.ItemDataRole.ForegroundRole)
            colour = (
                brush.color()
                if brush is not None
                else option.palette.color(QPalette.ColorRole.Text)
            )
        painter.save()
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(rect, int(_WRAP_FLAGS), shown)
        painter.restore()


_WRAP_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap


class ScoreEdit(QLineEdit):
    """A self-score typed as a number with at most one decimal (empty: not scored yet);
    the arrow keys step by half a point within 0 … max. The service checks it on save."""

    focused = Signal(str)  # the indicator code

    def __init__(self, code: str, max_points: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.code = code
        self.max_points = max_points
        self.stored = ""
        self.setObjectName(f"score-{code}")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(self.tr("0 to %1").replace("%1", str(max_points)))
        self.setFixedWidth(64)
        self.setToolTip(
            self.tr("Self-score, 0 to %1 points; ↑/↓ change it by 0.5").replace(
                "%1", str(max_points)
            )
        )

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        self.focused.emit(self.code)

    def tenths(self) -> int | None:
        """The score typed (tenths), None when empty; ValueError when not a valid score."""
        try:
            value = parse_tenths(self.text(), "score")
        except ValidationError:
            raise ValueError(self.text()) from None
        if value is not None and value > self.max_points * 10:
            raise ValueError(self.text())
        return value

    def valid(self) -> bool:
        try:
            self.tenths()
        except ValueError:
            return False
        return True

    def mark(self, bad: bool) -> None:
        self.setStyleSheet(BAD_SCORE_STYLE if bad else "")

    @property
    def dirty(self) -> bool:
        return self.text().strip() != self.stored

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not self.isReadOnly():
            self.step(1 if key == Qt.Key.Key_Up else -1)
            return
        super().keyPressEvent(event)

    def step(self, direction: int) -> None:
        try:
            current = self.tenths()
        except ValueError:
            return
        if current is None:
            value = 0 if direction > 0 else self.max_points * 10
        else:
            value = current + direction * STEP_TENTHS
            value -= value % STEP_TENTHS if direction > 0 else -(-value % STEP_TENTHS)
        value = min(max(value, 0), self.max_points * 10)
        self.setText(format_tenths(value))
        self.textEdited.emit(self.text())


def centred(widget: QWidget) -> QWidget:
    """A holder that keeps a small editor vertically centred in a tall tree row."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(2, 0, 2, 0)
    layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)
    return holder


class IndicatorTree(QTreeWidget):
    """The template's indicators as a tree; ``edits`` holds the score box of each leaf
    and ``items`` the row of each code, after ``fill``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.edits: dict[str, ScoreEdit] = {}
        self.setObjectName("indicatorTree")
        self.setColumnCount(5)
        self.setHeaderLabels(
            [
                self.tr("Indicator"),
                self.tr("Max"),
                self.tr("Self-score"),
                self.tr("What the records show"),
                self.tr("Evidence"),
            ]
        )
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setIndentation(14)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setItemDelegateForColumn(COL_TEXT, WrapDelegate(self, 3))
        self.setItemDelegateForColumn(COL_RECORDS, WrapDelegate(self, 3))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_RECORDS, QHeaderView.ResizeMode.Interactive)
        for column, width in ((COL_MAX, 44), (COL_SCORE, 72), (COL_EVIDENCE, 58)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        header.resizeSection(COL_RECORDS, 176)
        header.sectionResized.connect(lambda *_: self.doItemsLayout())
        declare_free_text_column(self, COL_TEXT)  # it stretches; the others are fixed
        for column in (COL_MAX, COL_SCORE, COL_EVIDENCE):
            self.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignCenter)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.doItemsLayout()  # the wrapped rows measured at their real width

    def fill(self, info: AssessmentInfo | None) -> None:
        """The rows of ``info`` (none for None). A score box that had the focus (a save
        reloads the tree under the typing hand) gives it to its successor."""
        focused = next((code for code, edit in self.edits.items() if edit.hasFocus()), None)
        # The old rows go first and their boxes with them; while they go, the focus passes
        # from box to box, and a box must not announce it: its row is deleted already
        # (every Save after a changed score once showed the error dialog).
        for edit in self.edits.values():
            edit.blockSignals(True)
        if focused is not None:
            self.setFocus()  # the tree holds it meanwhile, not the first box left
        self.items.clear()
        self.edits.clear()
        self.clear()
        if info is None:
            return
        for top in info.template.indicators:
            self.addTopLevelItem(self._item(info, top))
        self.expandAll()
        for code, edit in self.edits.items():
            self.setItemWidget(self.items[code], COL_SCORE, centred(edit))
        self.headerItem().setToolTip(COL_MAX, info.template.scores_note)
        if focused in self.edits:  # once the new boxes are placed and shown
            QTimer.singleShot(0, self.edits[focused], self.edits[focused].setFocus)

    def _item(self, info: AssessmentInfo, indicator: Indicator) -> QTreeWidgetItem:
        state = info.items[indicator.code]
        item = QTreeWidgetItem()
        item.setData(COL_TEXT, CODE_ROLE, indicator.code)
        item.setText(COL_TEXT, f"{indicator.code} {indicator.text}")
        item.setToolTip(COL_TEXT, indicator.text)
        item.setText(COL_MAX, str(indicator.max_points))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        item.setTextAlignment(COL_MAX, right)
        item.setTextAlignment(COL_SCORE, right)
        item.setTextAlignment(COL_EVIDENCE, Qt.AlignmentFlag.AlignCenter)
        if not indicator.is_leaf:
            font = QFont(self.font())
            font.setBold(indicator.level == 1)
            font.setItalic(indicator.level > 1)
            for column in range(5):
                item.setFont(column, font)
        outcome = state.outcome
        if outcome is not None:
            item.setText(COL_RECORDS, outcome.explanation)
            item.setToolTip(COL_RECORDS, outcome.explanation)
            colour = MET_COLOUR if outcome.met else NOT_MET_COLOUR
            item.setForeground(COL_RECORDS, QBrush(QColor(colour)))
        if indicator.is_leaf and state.evidence:
            kept = [e for e in state.evidence if e.decision != REMOVED]
            proposed = any(e.decision == PROPOSED for e in state.evidence)
            item.setText(COL_EVIDENCE, str(len(kept)) + ("*" if proposed else ""))
            item.setToolTip(COL_EVIDENCE, self._evidence_tooltip(state.evidence))
        self.items[indicator.code] = item
        for child in indicator.children:
            item.addChild(self._item(info, child))
        if indicator.is_leaf:
            self.edits[indicator.code] = ScoreEdit(indicator.code, indicator.max_points)
        return item

    def _evidence_tooltip(self, states: tuple[EvidenceState, ...]) -> str:
        accepted = sum(1 for e in states if e.decision == ACCEPTED)
        proposed = sum(1 for e in states if e.decision == PROPOSED)
        removed = sum(1 for e in states if e.decision == REMOVED)
        text = (
            self.tr("%1 accepted, %2 proposed, %3 removed")
            .replace("%1", str(accepted))
            .replace("%2", str(proposed))
            .replace("%3", str(removed))
        )
        if proposed:
            text += "\n" + self.tr(
                "* proposals not decided yet are taken as accepted on submission"
            )
        return text

    def show_subtotals(self, info: AssessmentInfo, scores: dict[str, int]) -> None:
        """The inner nodes' sums of the leaf scores given (tenths by code)."""
        for code, item in self.items.items():
            indicator = info.template.indicator(code)
            if not indicator.is_leaf:
                leaves = [i for i in indicator.walk() if i.is_leaf]
                total = sum(scores.get(leaf.code, 0) for leaf in leaves)
                item.setText(COL_SCORE, format_tenths(total))

    def row_texts(self, code: str) -> dict[str, str]:
        item = self.items[code]
        return {
            "text": item.text(COL_TEXT),
            "max": item.text(COL_MAX),
            "score": self.edits[code].text() if code in self.edits else item.text(COL_SCORE),
            "records": item.text(COL_RECORDS),
            "evidence": item.text(COL_EVIDENCE),
        }

"""The columns of every table of the program: each table names its free-text column (摘要,
主题, 标题, 备注 …), which takes the width the others leave; the others are as wide as
their contents, but capped so that they can never starve it. Text that does not fit ends
in "…" and shows whole in a tooltip.

Why not the header's own modes: with the others in ResizeToContents, a Stretch column only
gets what they leave — at 1366×768 with 125 % scaling that was one character of 摘要 beside
full-width payees and places. Measuring is the costly part, so it is done as the header's
ResizeToContents would (the rows in view, then up to RESIZE_PRECISION more), but only when
the table shows and when its rows change (columns of a changed cell only, at most once per
round of events, never while the table is hidden); a change of width only shares the
measured widths out again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QTreeView,
)

from desktop_app.gui.models.table import RESIZE_PRECISION

# The free-text column is never narrower than this many characters (when its text is that
# long); it gets up to this share of the table's width while the others can give it up.
FREE_MIN_CHARS = 8
FREE_SHARE = 0.3
# A column capped to make room still shows this many characters (and its whole header):
# dates, amounts and voucher numbers are never cut.
OTHER_MIN_CHARS = 6

FREE_TEXT_PROPERTY = "freeTextColumn"  # on each table view: its free-text column


def header_of(view: QAbstractItemView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


def free_text_column(view: QAbstractItemView) -> int | None:
    """The column ``view`` declared as its free-text column; None: it declared none."""
    value = view.property(FREE_TEXT_PROPERTY)
    return None if value is None else int(value)


def declare_free_text_column(view: QAbstractItemView, column: int) -> None:
    """For a view that lays its columns out itself (the free-text column stretching, the
    others fixed): says which one it is, as fit_columns does for the others."""
    view.setProperty(FREE_TEXT_PROPERTY, column)


def fit_columns(view: QTableView | QTreeView, free: int) -> None:
    """Lay out ``view``'s columns around its free-text column ``free`` from now on. Called
    again (after ``setModel``, say), it measures the columns again."""
    declare_free_text_column(view, free)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = header_of(view)
    header.setResizeContentsPrecision(RESIZE_PRECISION)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    fitter = view.findChild(_ColumnFitter)
    if fitter is None:
        _ColumnFitter(view, free)
    else:
        fitter.free = free
        fitter.changed()


def shares(
    free: int, contents: dict[int, int], headers: dict[int, int], available: int, em: int
) -> dict[int, int]:
    """Each column's width: ``contents`` (cells or header, whichever is wider) and
    ``headers`` by column, ``available`` pixels, characters ``em`` wide. The others are as
    wide as their contents, the widest giving way first, down to their floors, until the
    free-text column has its share; it then takes what is left, at least its minimum."""
    text = contents.get(free, 0)
    least = max(min(text, FREE_MIN_CHARS * em), headers.get(free, 0))
    want = max(min(text, max(FREE_MIN_CHARS * em, int(FREE_SHARE * available))), least)
    others = {c: w for c, w in contents.items() if c != free}
    floors = {c: min(w, max(headers.get(c, 0), OTHER_MIN_CHARS * em)) for c, w in others.items()}
    budget = available - want

    def capped(cap: int) -> dict[int, int]:
        return {c: max(floors[c], min(w, cap)) for c, w in others.items()}

    widths = dict(others)
    if sum(others.values()) > budget:
        low, high = 0, max(others.values(), default=0)  # the highest cap that fits
        while low < high:
            middle = (low + high + 1) // 2
            if sum(capped(middle).values()) <= budget:
                low = middle
            else:
                high = middle - 1
        widths = capped(low)
    widths[free] = max(least, available - sum(widths.values()))
    return widths


class _ColumnFitter(QObject):
    def __init__(self, view: QTableView | QTreeView, free: int):
        super().__init__(view)
        self.view = view
        self.free = free
        self.header = header_of(view)
        self.model = None
        self.contents: dict[int, int] = {}
        self.headers: dict[int, int] = {}
        self.stale: set[int] | None = None  # columns to measure again; None: all
        self.laying_out = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._changes_done)
        self.viewport = view.viewport()
        view.installEventFilter(self)
        self.viewport.installEventFilter(self)
        self.header.sectionCountChanged.connect(lambda *_: self.changed())
        self._watch_model()

    # --- what changed ---

    def _watch_model(self) -> None:
        model = self.view.model()
        if model is self.model:
            return
        if self.model is not None:
            try:
                for signal in self._signals(self.model):
                    signal.disconnect(self.changed)
                self.model.dataChanged.disconnect(self._data_changed)
            except RuntimeError:  # the old model is gone already
                pass
        self.model = model
        if model is not None:
            for signal in self._signals(model):
                signal.connect(self.changed)
            model.dataChanged.connect(self._data_changed)

    @staticmethod
    def _signals(model):
        return (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.columnsInserted,
            model.columnsRemoved,
            model.headerDataChanged,
        )

    def changed(self, *_args) -> None:
        self.stale = None
        self._schedule()

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_args) -> None:
        if self.stale is not None:
            self.stale.update(range(top_left.column(), bottom_right.column() + 1))
        self._schedule()

    def _schedule(self) -> None:
        # Once, after this round of changes. Not a word to the view here: a model tells
        # of its last changes while its view is being destroyed.
        self.timer.start()

    def _changes_done(self) -> None:
        if self.view.isVisible():  # a hidden one is measured when it shows
            self.fit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        # the type first: a view being destroyed still sends events, and must not be asked
        kind = event.type()
        if kind == QEvent.Type.Show and watched is self.view:
            self.fit()
        elif kind == QEvent.Type.Resize and watched is self.viewport and not self.laying_out:
            if self.view.isVisible():
                self.lay_out()
        elif kind == QEvent.Type.ToolTip and watched is self.viewport:
            return self._tooltip(event)
        return False

    # --- measuring and sharing out ---

    def fit(self) -> None:
        self.timer.stop()
        self._watch_model()
        count = self.header.count()
        if self.stale is None or set(self.contents) != set(range(count)):
            columns = set(range(count))
        else:
            columns = self.stale
        for column in columns:
            self.headers[column] = self.header.sectionSizeHint(column)
            cells = self.view.sizeHintForColumn(column) if self.model is not None else 0
            self.contents[column] = max(cells, self.headers[column])
        for column in [c for c in self.contents if c >= count]:
            del self.contents[column], self.headers[column]
        self.stale = set()
        self._share_out()

    def lay_out(self) -> None:
        """The measured widths shared out again (the table's width changed)."""
        if self.stale is None:
            self.fit()
        else:
            self._share_out()

    def _share_out(self) -> None:
        shown = {
            c: w
            for c, w in self.contents.items()
            if not self.header.isSectionHidden(c) and (c == self.free or w > 0)
        }
        if self.free not in shown:
            return
        em = QFontMetrics(self.view.font()).horizontalAdvance("中")
        widths = shares(self.free, shown, self.headers, self.viewport.width(), em)
        self.laying_out = True
        try:
            for column, width in widths.items():
                if self.header.sectionSize(column) != width:
                    self.header.resizeSection(column, width)
        finally:
            self.laying_out = False

    # --- the whole text of a cut cell ---

    def _tooltip(self, event) -> bool:
        index = self.view.indexAt(event.pos())
        text = index.data(Qt.ItemDataRole.DisplayRole) if index.isValid() else None
        if not isinstance(text, str) or not text or not is_cut(self.view, index):
            return False  # the model's own tooltip, if any
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        tip = text if not own or own == text else f"{text}\n{own}"
        QToolTip.showText(event.globalPos(), tip, self.viewport, self.view.visualRect(index))
        return True


def is_cut(view: QAbstractItemView, index: QModelIndex) -> bool:
    """Whether the cell's text is longer than the room it has (and so ends in "…")."""
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not isinstance(text, str) or not text:
        return False
    option = QStyleOptionViewItem()
    option.font = view.font()
    option.rect = view.visualRect(index)
    option.decorationSize = view.iconSize()
    delegate = view.itemDelegateForIndex(index)
    if isinstance(delegate, QStyledItemDelegate):
        delegate.initStyleOption(option, index)
    style = view.style()
    room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view).width()
    room -= 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    metrics = QFontMetrics(option.font)
    if view.wordWrap():
        bounds = metrics.boundingRect(
            0, 0, max(room, 1), 100000, int(Qt.TextFlag.TextWordWrap), text
        )
        return bounds.height() > option.rect.height()
    return max(metrics.horizontalAdvance(line) for line in text.splitlines() or [text]) > room

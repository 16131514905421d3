"""Writing a value into a worksheet cell as what it is: text that starts with "=" (a
member called "=1+1", a title "=HYPERLINK(…)") stays text, never a formula that Excel or
WPS would compute when the file is opened."""

from __future__ import annotations

from openpyxl.cell.cell import Cell


def set_value(cell: Cell, value: object) -> Cell:
    """``cell.value = value``, keeping a string a string (openpyxl makes any string that
    starts with "=" a formula)."""
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def put(ws, row: int, column: int, value: object) -> Cell:
    """The cell at (row, column) of ``ws`` holding ``value`` (see ``set_value``)."""
    return set_value(ws.cell(row=row, column=column), value)


def no_formulas(wb) -> None:
    """Every cell openpyxl took for a formula becomes the text it was given: the program
    writes no formulas, so each such cell is a value that starts with "=" (a name, a
    title, a studio's name read from someone's bundle). Run by the workbooks' savers, so
    no writer can forget it."""
    for ws in wb.worksheets:
        for cell in ws._cells.values():  # only the cells that exist, not the empty grid
            if cell.data_type == "f" and isinstance(cell.value, str):
                cell.data_type = "s"


__all__ = ["no_formulas", "put", "set_value"]

"""Small pieces shared by the cost tabs: a field with its inline message, a read-only
number table, a date edit with calendar popup, and saving a report on the runner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rammedesk.gui.qt import (
    QAbstractItemView,
    QDate,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

ChooseSavePath = Callable[[QWidget, str, str], str | None]
XLSX_FILTER = "Excel-projektmappe (*.xlsx)"
PDF_FILTER = "PDF-rapport (*.pdf)"

COST_STYLE = """
QLabel#fieldError { color: #b42318; font-size: 9pt; }
QLabel#fieldWarning { color: #8a5a00; font-size: 9pt; }
QLabel#costTotal { font-size: 20pt; font-weight: bold; color: #1f3a5f; }
QLabel#costDays { color: #334e68; font-size: 11pt; }
QLabel#costHint { color: #52606d; }
QLabel#costSection { font-size: 11pt; font-weight: bold; color: #243b53; }
QLabel#costAssumption { color: #334e68; }
QLabel#costPlaceholder { color: #52606d; font-size: 11pt; }
"""


def save_path_dialog(parent: QWidget, suggested: str, filter_text: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Gem rapport", suggested, filter_text)
    if not path:
        return None
    suffix = ".pdf" if "pdf" in filter_text else ".xlsx"
    return path if path.lower().endswith(suffix) else path + suffix


class Field(QWidget):
    """An input widget with a red message line under it (hidden while empty)."""

    def __init__(self, widget: QWidget, extra: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.widget = widget
        if extra is not None:
            column.addWidget(extra)
        else:
            column.addWidget(widget)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        column.addWidget(self.message)

    def set_message(self, text: str, *, warning: bool = False) -> None:
        self.message.setObjectName("fieldWarning" if warning else "fieldError")
        self.message.style().unpolish(self.message)  # re-style for the new object name
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.widget.setAccessibleDescription(text)
        self.widget.setProperty("invalid", bool(text) and not warning)


def date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setMinimumDate(QDate(1990, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    return edit


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class NumberTable(QTableWidget):
    """A read-only table; columns after the first are right-aligned numbers."""

    def __init__(
        self, headers: Sequence[str], name: str, *, stretch_first: bool = True, parent: QWidget | None = None
    ):
        super().__init__(0, len(headers), parent)
        self.stretch_first = stretch_first
        self.setObjectName(name)
        self.setAccessibleName(name)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.set_headers(headers)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_headers(self, headers: Sequence[str]) -> None:
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        header = self.horizontalHeader()
        first = (
            QHeaderView.ResizeMode.Stretch if self.stretch_first else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(0, first)
        header.setStretchLastSection(not self.stretch_first)
        for col in range(1, len(headers)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
            item = self.horizontalHeaderItem(col)
            if item is not None:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_rows(self, rows: Sequence[Sequence[str]], total: Sequence[str] | None = None) -> None:
        all_rows = [*rows, *([total] if total is not None else [])]
        self.setRowCount(len(all_rows))
        for r, values in enumerate(all_rows):
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c > 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if total is not None and r == len(all_rows) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(r, c, item)

    def text_at(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def texts(self) -> list[list[str]]:
        return [[self.text_at(r, c) for c in range(self.columnCount())] for r in range(self.rowCount())]


def start_save(
    parent: QWidget,
    runner: Any,
    build_report: Callable[[], Any],
    *,
    pdf: bool,
    suggested: str,
    choose: ChooseSavePath,
    done: Callable[[str], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Ask for a file name, build the report now (cheap), write it on the runner."""
    try:
        report = build_report()
    except Exception as exc:
        failed(exc)
        return
    chosen = choose(parent, str(Path.home() / suggested), PDF_FILTER if pdf else XLSX_FILTER)
    if not chosen:
        return
    path = Path(chosen)

    def job(_ctx: Any) -> Path:
        if pdf:
            from rammedesk.fileio.cost_report_pdf import write_cost_report_pdf

            return write_cost_report_pdf(path, report)
        from rammedesk.fileio.cost_report_xlsx import write_cost_report_xlsx

        return write_cost_report_xlsx(path, report)

    runner.submit(job, on_done=lambda p: done(f"Gemt i {p}"), on_error=failed)


def line_edit(name: str, placeholder: str = "", width: int | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    if width is not None:
        edit.setMaximumWidth(width)
    return edit


def row_of(*widgets: QWidget, stretch: bool = True) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(8)
    for widget in widgets:
        row.addWidget(widget)
    if stretch:
        row.addStretch(1)
    return box


def section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("costSection")
    return label

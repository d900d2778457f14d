"""The four pages of the import wizard; the wizard (import_wizard.py) wires them up."""

from __future__ import annotations

from rammedesk.domain.takstfil import Field
from rammedesk.gui.dialogs.import_choices import ChoicesPanel
from rammedesk.gui.dialogs.import_tables import RowsModel, table_view, tooltip
from rammedesk.gui.qt import (
    QComboBox,
    QEvent,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    QResizeEvent,
    QSize,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.presenters.import_inputs import MAX_LEVEL_CHARS
from rammedesk.presenters.import_wizard import (
    DIFF_HEADERS,
    FIELD_CHOICES,
    FIELD_LABELS,
    PREVIEW_HEADERS,
    REJECTED_HEADERS,
    ColumnRow,
    ImportWizardPresenter,
)

NO_YEAR = 0  # spin box value shown as "fra filen"
MAPPING_HEADERS = ("Kolonne", "Overskrift i filen", "Indhold", "År", "Niveau")
YEAR_WIDTH, LEVEL_WIDTH = 110, 150
TAB_TITLES = ("Æn&dringer", "&Afviste rækker", "T&vetydige rækker")  # Alt+D, Alt+A, Alt+V


def _note(text: str = "", name: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName(name or "bodyText")
    return label


class PathLabel(QLabel):
    """A file path shortened in the middle to the room there is (the file name at the end stays
    readable); the whole path in the tooltip. A long path never widens the wizard."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.full = ""
        self.setMinimumWidth(120)
        self.set_path(text)

    def set_path(self, text: str) -> None:
        self.full = text
        self.setToolTip(text)
        self._elide()

    def minimumSizeHint(self) -> QSize:  # noqa: N802  (Qt override)
        return QSize(self.minimumWidth(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().horizontalAdvance(self.full) + 4, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width(), self.minimumWidth())
        self.setText(self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideMiddle, width))


def year_spin(name: str, special: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(NO_YEAR, 2200)
    spin.setSpecialValueText(special)
    spin.setValue(NO_YEAR)
    spin.setMinimumWidth(110)
    return spin


class FilePage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.addWidget(
            _note(
                "Vælg takstfilen fra afsenderen (xlsx, xlsm eller csv). Ingenting gemmes, før du har set "
                "prøvekørslen og trykket »Importér«."
            )
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        row = QHBoxLayout()
        self.path_label = PathLabel("Ingen fil valgt")
        self.path_label.setObjectName("importPath")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton("&Vælg fil…")
        self.choose_button.setObjectName("chooseFile")
        row.addWidget(self.path_label, 1)
        row.addWidget(self.choose_button)
        form.addRow("Fil:", row)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_label = QLabel("&Ark:")
        self.sheet_label.setBuddy(self.sheet_combo)
        form.addRow(self.sheet_label, self.sheet_combo)
        self.sheet_combo.setVisible(False)  # shown for a file with more than one sheet
        self.sheet_label.setVisible(False)
        self.source_edit = QLineEdit()
        self.source_edit.setObjectName("sourceEdit")
        self.source_edit.setPlaceholderText("fx Region Midtjylland")
        source_label = QLabel("Af&sender:")
        source_label.setBuddy(self.source_edit)
        form.addRow(source_label, self.source_edit)
        form.addRow(
            "",
            _note(
                "Kolonneopsætningen huskes for afsenderen, så næste års fil sætter sig selv op.",
                "pageSubtitle",
                wrap=False,
            ),
        )
        self.year_spin = year_spin("yearSpin", "Fra filen")
        year_label = QLabel("Takst&år:")
        year_label.setBuddy(self.year_spin)
        form.addRow(year_label, self.year_spin)
        self.kommune_edit = QLineEdit()
        self.kommune_edit.setObjectName("kommuneEdit")
        self.kommune_edit.setMaxLength(3)
        self.kommune_edit.setMaximumWidth(110)
        self.kommune_edit.setPlaceholderText("fx 751")
        kommune_label = QLabel("&Kommunekode:")
        kommune_label.setBuddy(self.kommune_edit)
        form.addRow(kommune_label, self.kommune_edit)
        form.addRow(
            "",
            _note(
                "Beliggenhedskommune for nye tilbud, når rækken ikke selv nævner en kommune. "
                "Lad feltet stå tomt, hvis filen har en kommunekolonne.",
                "pageSubtitle",
                wrap=False,
            ),
        )
        column.addLayout(form)
        self.status = _note("", "importStatus")
        column.addWidget(self.status)
        column.addStretch(1)

    def show_state(self, p: ImportWizardPresenter) -> None:
        self.path_label.set_path(p.file_label)
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for text, name in p.sheet_choices:
            self.sheet_combo.addItem(text, name)
        if p.sheet:
            self.sheet_combo.setCurrentIndex(self.sheet_combo.findData(p.sheet))
        self.sheet_combo.blockSignals(False)
        several = len(p.sheets) > 1
        self.sheet_combo.setVisible(several)
        self.sheet_label.setVisible(several)
        if self.source_edit.text() != p.source:
            self.source_edit.setText(p.source)
        self.status.setText(p.mapping_note)


class MappingPage(QWidget):
    """Columns of the sheet: what each holds and, for amount columns, their year and niveau.

    The year and niveau boxes send every edit (``year_edited``/``level_edited``: letter, text)
    and ``edit_finished`` (letter) when the user leaves one; the wizard asks the presenter and
    calls :meth:`show_values` to put the accepted value back. Tab walks the boxes row by row.
    """

    field_changed = Signal(str, object)  # letter, Field
    year_edited = Signal(str, str)  # letter, text as typed
    level_edited = Signal(str, str)  # letter, text as typed
    edit_finished = Signal(str)  # letter

    def __init__(self) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        self.note = _note()
        column.addWidget(self.note)
        self.table = QTableWidget(0, len(MAPPING_HEADERS))
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels(list(MAPPING_HEADERS))
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # one height, with or without boxes
        rows.setDefaultSectionSize(max(QLineEdit().sizeHint().height(), QComboBox().sizeHint().height()) + 2)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the boxes in the rows
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.table, 3)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Gem opsætning…")
        self.save_button.setObjectName("saveMapping")
        self.load_button = QPushButton("&Hent opsætning…")
        self.load_button.setObjectName("loadMapping")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.load_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        title = QLabel("Sådan bliver de første rækker gemt")
        title.setObjectName("sectionTitle")
        column.addWidget(title)
        self.preview_status = _note("", "previewStatus")
        column.addWidget(self.preview_status)
        self.preview_model = RowsModel(PREVIEW_HEADERS, right=(0, 6, 8))
        self.preview = table_view(self.preview_model, "previewTable", stretch=len(PREVIEW_HEADERS) - 1)
        column.addWidget(self.preview, 4)
        self._rows: dict[str, int] = {}

    def show_columns(self, rows: list[ColumnRow]) -> None:
        self.table.setRowCount(len(rows))
        self._rows = {row.letter: i for i, row in enumerate(rows)}
        chain: list[QWidget] = []
        for i, row in enumerate(rows):
            letter = QTableWidgetItem(row.letter)
            letter.setFlags(Qt.ItemFlag.ItemIsEnabled)
            letter.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(i, 0, letter)
            text = QTableWidgetItem(row.header)
            text.setFlags(Qt.ItemFlag.ItemIsEnabled)
            text.setToolTip(tooltip(row.header))  # a long header is cut in the column
            self.table.setItem(i, 1, text)
            combo = QComboBox()
            combo.setObjectName(f"field_{row.letter}")
            combo.setAccessibleName(f"Indhold i kolonne {row.letter}")
            for fld in FIELD_CHOICES:
                combo.addItem(FIELD_LABELS[fld], fld.value)
            combo.setCurrentIndex(FIELD_CHOICES.index(row.field))
            combo.currentIndexChanged.connect(
                lambda index, c=row.letter: self.field_changed.emit(c, FIELD_CHOICES[index])
            )
            self.table.setCellWidget(i, 2, combo)
            chain.append(combo)
            if row.is_amount:
                year = self._edit(f"year_{row.letter}", "Fra række/fil", 4, YEAR_WIDTH)
                year.setAccessibleName(f"Takstår for kolonne {row.letter}")
                year.setToolTip("Det år, kolonnens takster gælder for. Tomt: året fra rækken eller filen.")
                year.setText(row.year_text)
                year.textEdited.connect(lambda t, c=row.letter: self.year_edited.emit(c, t))
                level = self._edit(f"level_{row.letter}", "Fra rækken", MAX_LEVEL_CHARS, LEVEL_WIDTH)
                level.setAccessibleName(f"Niveau for kolonne {row.letter}")
                level.setToolTip(
                    "Det niveau, kolonnens takster gælder for, fx Niveau 2 (skriv 2). "
                    "Tomt: niveauet fra rækkens niveaukolonne."
                )
                level.setText(row.level_text)
                level.textEdited.connect(lambda t, c=row.letter: self.level_edited.emit(c, t))
                for col, box in ((3, year), (4, level)):
                    box.editingFinished.connect(lambda c=row.letter: self.edit_finished.emit(c))
                    self.table.setCellWidget(i, col, box)
                    chain.append(box)
            else:
                for col in (3, 4):
                    self.table.removeCellWidget(i, col)
                    blank = QTableWidgetItem("")
                    blank.setFlags(Qt.ItemFlag.NoItemFlags)
                    self.table.setItem(i, col, blank)
        for before, after in zip([self.table, *chain], [*chain, self.save_button], strict=True):
            QWidget.setTabOrder(before, after)
        for widget in chain:
            widget.installEventFilter(self)

    def _edit(self, name: str, placeholder: str, length: int, width: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMaxLength(length)
        edit.setMinimumWidth(width)
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A box that gets focus by Tab is scrolled into view."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            row = self._rows.get(watched.objectName().partition("_")[2])
            if row is not None:
                self.table.scrollTo(self.table.model().index(row, 2))
        return super().eventFilter(watched, event)

    def show_values(self, rows: list[ColumnRow]) -> None:
        """Put the accepted year and niveau back in their boxes (normalised, or undone)."""
        for row in rows:
            if row.is_amount:
                for edit, text in (
                    (self.year_edit(row.letter), row.year_text),
                    (self.level_edit(row.letter), row.level_text),
                ):
                    if edit is not None and edit.text() != text:
                        edit.setText(text)

    def first_box(self) -> QWidget | None:
        widget = self.table.cellWidget(0, 2)
        return widget if self.table.rowCount() else None

    def combo(self, letter: str) -> QComboBox:
        return self.table.findChild(QComboBox, f"field_{letter}")  # type: ignore[return-value]

    def year_edit(self, letter: str) -> QLineEdit | None:
        return self.table.findChild(QLineEdit, f"year_{letter}")

    def level_edit(self, letter: str) -> QLineEdit | None:
        return self.table.findChild(QLineEdit, f"level_{letter}")


class ReportPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        self.summary = _note("", "reportSummary")
        column.addWidget(self.summary)
        self.counts = QGridLayout()
        self.counts.setHorizontalSpacing(24)
        self.counts.setColumnStretch(4, 1)
        column.addLayout(self.counts)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.diff_model = RowsModel(DIFF_HEADERS, right=(0, 4, 7, 8, 9))
        self.diff = table_view(self.diff_model, "diffTable", sortable=True, stretch=1)
        self.export_diff_button = QPushButton("Gem &oversigt…")
        self.export_diff_button.setObjectName("exportDiff")
        self.tabs.addTab(self._with_button(self.diff, self.export_diff_button), TAB_TITLES[0])
        self.rejected_model = RowsModel(REJECTED_HEADERS, right=(0,))
        self.rejected = table_view(self.rejected_model, "rejectedTable", stretch=2)
        self.rejected.setWordWrap(True)
        # Wrapped reasons: row heights follow the width the column really gets (once laid out),
        # not the width of a page not yet shown.
        self.fit_rows = QTimer(self)
        self.fit_rows.setSingleShot(True)
        self.fit_rows.setInterval(0)
        self.fit_rows.timeout.connect(self.rejected.resizeRowsToContents)
        self.rejected.horizontalHeader().sectionResized.connect(lambda *_: self.fit_rows.start())
        self.error_report_button = QPushButton("Gem &fejlrapport…")
        self.error_report_button.setObjectName("saveErrorReport")
        self.tabs.addTab(self._with_button(self.rejected, self.error_report_button), TAB_TITLES[1])
        self.choices = ChoicesPanel(anchor=self.tabs.tabBar())
        self.tabs.addTab(self.choices, TAB_TITLES[2])
        column.addWidget(self.tabs, 1)
        self.hint = _note("", "applyHint")
        column.addWidget(self.hint)

    @staticmethod
    def _with_button(view: QWidget, button: QPushButton) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        layout.addLayout(row)
        return box

    def show_report(self, p: ImportWizardPresenter, *, keep_tab: bool = False) -> None:
        """Redraw from the presenter; ``keep_tab``: stay on the tab shown (after a choice)."""
        self.summary.setText(p.summary_text())
        while self.counts.count():
            item = self.counts.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:  # hidden now: deleted only once the event loop runs again
                widget.hide()
                widget.deleteLater()
        for i, (label, value) in enumerate(p.counts()):
            number = QLabel(value)
            number.setObjectName(f"count{i}")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts.addWidget(QLabel(label + ":"), i % 4, (i // 4) * 2)
            number.setMinimumWidth(60)
            self.counts.addWidget(number, i % 4, (i // 4) * 2 + 1)
        diff, rejected = p.diff_rows(), p.rejected_rows()
        self.diff_model.set_rows(diff)
        self.rejected_model.set_rows(rejected)
        self.choices.show_groups(p.ambiguous_groups(), p.chosen_groups())
        self.fit_rows.start()
        ambiguous = len(p.report.ambiguous) if p.report is not None else 0
        for i, n in enumerate((len(diff), p.rejected_row_count(), ambiguous)):
            self.tabs.setTabText(i, f"{TAB_TITLES[i]} ({n})")
        self.export_diff_button.setEnabled(bool(diff))
        self.error_report_button.setEnabled(bool(rejected))
        if not keep_tab:
            self.tabs.setCurrentIndex(p.first_tab())
        self.show_hint(p)

    def show_hint(self, p: ImportWizardPresenter) -> None:
        self.hint.setText(p.apply_hint())


class ResultPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        self.text = _note("", "resultText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.text)
        column.addStretch(1)


__all__ = ["Field", "FilePage", "MappingPage", "ReportPage", "ResultPage"]

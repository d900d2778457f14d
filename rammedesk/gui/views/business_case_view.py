"""The tab "Nye pladser": Hovedstaden's economic model for new places (DOMAIN.md C-07).

Inputs: places, takst pr. døgn, first calendar year, belægning and dækning % for up to three
start-up years, and who shares the dækning (all 29 kommuner of Region Hovedstaden, or chosen
kommuner; by population or in equal shares). Output: a table per year and each kommune's
share, with the population year (or the plain statement that there is none). The sharing
needs the population table, so the computation runs on the runner, 300 ms after an edit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from rammedesk import __version__
from rammedesk.domain.costs.business_case import ShareBasis
from rammedesk.errors import UserError
from rammedesk.gui.qt import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.gui.views.cost_widgets import ChooseSavePath, Field, NumberTable, save_path_dialog, start_save
from rammedesk.presenters.business_case import YEAR_HEADERS, BusinessCaseForm, BusinessCasePresenter

DEBOUNCE_MS = 300
KODE = Qt.ItemDataRole.UserRole
HOVEDSTADEN = 1084


def _line(name: str, placeholder: str, width: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaximumWidth(width)
    return edit


class BusinessCaseTab(QWidget):
    status_message = Signal(str)

    def __init__(
        self,
        runner: Any,
        store: Callable[[], Any],
        municipality: Callable[[], str],
        is_demo: Callable[[], bool],
        *,
        choose_save_path: ChooseSavePath = save_path_dialog,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("businessCase")
        self.runner = runner
        self.store = store
        self.municipality = municipality
        self.is_demo = is_demo
        self.choose_save_path = choose_save_path
        self.presenter = BusinessCasePresenter()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.compute)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 12, 12, 12)
        row.setSpacing(18)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(360)
        scroll.setMaximumWidth(380)
        inputs = QWidget()
        scroll.setWidget(inputs)
        self._build_inputs(inputs)
        row.addWidget(scroll)
        row.addWidget(self._build_results(), 1)
        self._load_kommuner()
        self._connect()
        self._show()

    def _build_inputs(self, parent: QWidget) -> None:
        column = QVBoxLayout(parent)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(8)
        intro = QLabel(
            "Opstart af nye pladser efter Hovedstadens økonomimodel: i op til tre år dækkes højst "
            "75 % af underskuddet, evt. aftrappet (fx 75-50-25), og dækningen deles mellem kommunerne."
        )
        intro.setObjectName("costHint")
        intro.setWordWrap(True)
        column.addWidget(intro)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.places = _line("places", "fx 10", 80)
        self.places.setAccessibleName("Antal pladser")
        self.takst = _line("bcTakst", "fx 3.000,00", 130)
        self.takst.setAccessibleName("Takst pr. døgn")
        self.first_year = _line("firstYear", "valgfrit", 80)
        self.first_year.setAccessibleName("Første kalenderår")
        self.fields: dict[str, Field] = {
            "places": Field(self.places),
            "takst": Field(self.takst),
            "first_year": Field(self.first_year),
        }
        form.addRow(self._label("&Pladser:", self.places), self.fields["places"])
        form.addRow(self._label("&Takst pr. døgn:", self.takst), self.fields["takst"])
        form.addRow(self._label("Første &år:", self.first_year), self.fields["first_year"])
        column.addLayout(form)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.addWidget(QLabel(""), 0, 0)
        head_occ = QLabel("Belægning %")
        head_cov = QLabel("Dækning %")
        grid.addWidget(head_occ, 0, 1)
        grid.addWidget(head_cov, 0, 2)
        self.occupancy: list[QLineEdit] = []
        self.cover: list[QLineEdit] = []
        defaults = self.presenter.form.cover
        for i in range(3):
            occ = _line(f"occupancy{i}", "fx 80" if i == 0 else "", 90)
            occ.setAccessibleName(f"Belægning år {i + 1} i procent")
            cov = _line(f"cover{i}", "", 90)
            cov.setText(defaults[i])
            cov.setAccessibleName(f"Dækning år {i + 1} i procent")
            self.occupancy.append(occ)
            self.cover.append(cov)
            self.fields[f"occupancy{i}"] = Field(occ)
            self.fields[f"cover{i}"] = Field(cov)
            label = QLabel(f"År &{i + 1}:")
            label.setBuddy(occ)
            grid.addWidget(label, i + 1, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.fields[f"occupancy{i}"], i + 1, 1)
            grid.addWidget(self.fields[f"cover{i}"], i + 1, 2)
        grid.setColumnStretch(3, 1)
        column.addLayout(grid)

        section = QLabel("Deling af dækningen")
        section.setObjectName("costSection")
        column.addWidget(section)
        self.basis = QComboBox()
        self.basis.setObjectName("shareBasis")
        self.basis.addItem("efter befolkningstal", ShareBasis.POPULATION)
        self.basis.addItem("i lige store andele", ShareBasis.EQUAL)
        basis_row = QHBoxLayout()
        basis_label = QLabel("F&ordel:")
        basis_label.setBuddy(self.basis)
        basis_row.addWidget(basis_label)
        basis_row.addWidget(self.basis)
        basis_row.addStretch(1)
        column.addLayout(basis_row)
        self.all_kommuner = QRadioButton("&Alle 29 kommuner i Region Hovedstaden")
        self.all_kommuner.setObjectName("allKommuner")
        self.all_kommuner.setChecked(True)
        self.chosen_kommuner = QRadioButton("&Valgte kommuner:")
        self.chosen_kommuner.setObjectName("chosenKommuner")
        column.addWidget(self.all_kommuner)
        column.addWidget(self.chosen_kommuner)
        self.kommuner = QListWidget()
        self.kommuner.setObjectName("kommuneList")
        self.kommuner.setAccessibleName("Kommuner, der deler dækningen")
        self.kommuner.setMinimumHeight(150)
        self.fields["kommuner"] = Field(self.kommuner)
        column.addWidget(self.fields["kommuner"], 1)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _build_results(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.headline = QLabel()
        self.headline.setObjectName("costTotal")
        self.headline.setAccessibleName("Samlet dækning")
        column.addWidget(self.headline)
        self.placeholder = QLabel()
        self.placeholder.setObjectName("costPlaceholder")
        self.placeholder.setWordWrap(True)
        column.addWidget(self.placeholder)
        # Years as columns (like the shares below): five figures a year fit the width.
        self.years = NumberTable(("", "År 1"), "bcYears")
        self.years.setMinimumHeight(176)
        self.years.setMaximumHeight(176)
        column.addWidget(self.years)
        self.sharing_note = QLabel()
        self.sharing_note.setObjectName("costDays")
        self.sharing_note.setWordWrap(True)
        column.addWidget(self.sharing_note)
        self.shares = NumberTable(("Kommune", "År 1"), "bcShares")
        self.shares.setMinimumHeight(90)
        column.addWidget(self.shares, 2)
        self.assumptions = QLabel()
        self.assumptions.setObjectName("costAssumption")
        self.assumptions.setWordWrap(True)
        self.assumptions.setTextFormat(Qt.TextFormat.PlainText)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.assumptions)
        scroll.setMinimumHeight(90)
        column.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.compute_button = QPushButton("Beregn (Enter)")
        self.compute_button.setObjectName("bcCompute")
        self.compute_button.setDefault(True)
        self.save_xlsx = QPushButton("Gem som regneark (&xlsx)…")
        self.save_xlsx.setObjectName("bcSaveXlsx")
        self.save_pdf = QPushButton("Gem som P&DF…")
        self.save_pdf.setObjectName("bcSavePdf")
        buttons.addWidget(self.compute_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_xlsx)
        buttons.addWidget(self.save_pdf)
        column.addLayout(buttons)
        return panel

    def _load_kommuner(self) -> None:
        from rammedesk.services.cost_choices import kommuner

        for k in kommuner():
            if k.region_kode != HOVEDSTADEN:
                continue
            item = QListWidgetItem(f"{k.navn} ({k.kode})")
            item.setData(KODE, k.kode)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.kommuner.addItem(item)
        self.kommuner.setEnabled(False)

    def _connect(self) -> None:
        for edit in (self.places, self.takst, self.first_year, *self.occupancy, *self.cover):
            edit.textEdited.connect(lambda _t: self.timer.start())
            edit.returnPressed.connect(self.compute)
        self.all_kommuner.toggled.connect(self._sharing_changed)
        self.kommuner.itemChanged.connect(lambda _i: self.timer.start())
        self.basis.currentIndexChanged.connect(lambda _i: self.timer.start())
        self.compute_button.clicked.connect(self.compute)
        self.save_xlsx.clicked.connect(lambda: self.save(pdf=False))
        self.save_pdf.clicked.connect(lambda: self.save(pdf=True))

    def _sharing_changed(self, _checked: bool) -> None:
        self.kommuner.setEnabled(self.chosen_kommuner.isChecked())
        self.timer.start()

    def chosen_codes(self) -> tuple[int, ...]:
        return tuple(
            int(self.kommuner.item(i).data(KODE))
            for i in range(self.kommuner.count())
            if self.kommuner.item(i).checkState() == Qt.CheckState.Checked
        )

    def form(self) -> BusinessCaseForm:
        basis = self.basis.currentData()
        return BusinessCaseForm(
            places=self.places.text(),
            takst=self.takst.text(),
            first_year=self.first_year.text(),
            occupancy=tuple(e.text() for e in self.occupancy),
            cover=tuple(e.text() for e in self.cover),
            basis=basis if isinstance(basis, ShareBasis) else ShareBasis.POPULATION,
            all_hovedstaden=self.all_kommuner.isChecked(),
            kommuner=self.chosen_codes(),
        )

    def compute(self) -> None:
        self.timer.stop()
        form = self.form()
        inp = self.presenter.parse(form)
        if inp is None:
            self._show()
            return
        store = self.store()
        kommuner = None if form.all_hovedstaden else list(form.kommuner)

        def job(_ctx: Any) -> Any:
            from rammedesk.services.business_case import business_case, resolve_sharing

            sharing = resolve_sharing(form.basis, kommuner=kommuner, store=store, first_year=inp.first_year)
            return business_case(inp, sharing), sharing

        def done(result: Any) -> None:
            self.presenter.show(*result)
            self._show()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, UserError):
                raise exc
            self.presenter.show_error(exc)
            self._show()

        self.runner.submit(job, on_done=done, on_error=failed)

    def _show(self) -> None:
        state = self.presenter.state
        for key, field in self.fields.items():
            error = state.errors.get(key, "")
            field.set_message(error or state.warnings.get(key, ""), warning=not error)
        ok = state.ok
        self.save_xlsx.setEnabled(ok)
        self.save_pdf.setEnabled(ok)
        if not ok or state.case is None:
            self.headline.setText("–")
            self.placeholder.setText(
                "Ret de markerede felter." if state.errors else "Skriv pladser, takst og belægning for år 1."
            )
            self.placeholder.show()
            self.years.set_rows([])
            self.shares.set_rows([])
            self.sharing_note.setText("")
            self.assumptions.setText("")
            return
        from rammedesk.presenters.formatting import format_kr

        self.placeholder.hide()
        self.headline.setText(f"Dækning i alt {format_kr(state.case.total_daekning)}")
        self.years.set_headers(("", *(row[0] for row in state.years)))
        self.years.set_rows(
            [(title, *(row[i] for row in state.years)) for i, title in enumerate(YEAR_HEADERS) if i]
        )
        self.sharing_note.setText(state.sharing_note)
        if state.shares:
            self.shares.set_headers(state.share_headers)
            self.shares.set_rows(state.shares)
            self.shares.show()
        else:
            self.shares.set_rows([])
            self.shares.hide()
        self.assumptions.setText("\n".join(f"•  {a}" for a in state.assumptions))

    def build_report(self) -> Any:
        return self.presenter.report(
            municipality=self.municipality(),
            created=datetime.now().replace(microsecond=0),
            version=__version__,
            is_demo=self.is_demo(),
        )

    def save(self, *, pdf: bool) -> None:
        if not self.presenter.state.ok:
            return
        start_save(
            self,
            self.runner,
            self.build_report,
            pdf=pdf,
            suggested=f"nye-pladser-{date.today():%Y-%m-%d}.{'pdf' if pdf else 'xlsx'}",
            choose=self.choose_save_path,
            done=self.status_message.emit,
            failed=self._report,
        )

    def _report(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.status_message.emit(exc.message)
            return
        raise exc

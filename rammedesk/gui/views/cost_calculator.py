"""The tab "Enkelt forløb": the cost of one placement, recomputed as the user types.

Left: the inputs (a takst from the catalogue or typed in, period, tillæg, opsigelse,
egenbetaling, P/L, conventions, sagsnummer), each with its message line. Right: total, days,
per-year and per-month tables, the assumptions in plain Danish, and the save buttons. The
calculation is pure and cheap, so it runs on the GUI thread, 250 ms after the last edit (at
once on Enter); only the catalogue search and the P/L table go through the runner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from rammedesk import __version__
from rammedesk.domain.costs.placement import default_horizon
from rammedesk.domain.vocab import Enhed
from rammedesk.errors import UserError
from rammedesk.gui.qt import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from rammedesk.gui.views.cost_results import CostResults
from rammedesk.gui.views.cost_widgets import (
    ChooseSavePath,
    Field,
    date_edit,
    save_path_dialog,
    start_save,
    to_date,
    to_qdate,
)
from rammedesk.gui.views.cost_widgets import (
    line_edit as _line,
)
from rammedesk.gui.views.cost_widgets import (
    row_of as _row,
)
from rammedesk.gui.views.cost_widgets import (
    section_label as _section,
)
from rammedesk.presenters.cost_calculator import (
    UNITS,
    CalculatorForm,
    CalculatorState,
    CostCalculatorPresenter,
)
from rammedesk.presenters.formatting import format_decimal

DEBOUNCE_MS = 250
ROLE = Qt.ItemDataRole.UserRole


class CostCalculatorTab(QWidget):
    status_message = Signal(str)
    pl_dialog_requested = Signal()

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
        self.setObjectName("costCalculator")
        self.runner = runner
        self.store = store
        self.municipality = municipality
        self.is_demo = is_demo
        self.choose_save_path = choose_save_path
        self.presenter = CostCalculatorPresenter()
        self._filling = False
        self._horizon_touched = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._recompute)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(DEBOUNCE_MS)
        self.search_timer.timeout.connect(self.search_catalogue)

        row = QHBoxLayout(self)
        row.setContentsMargins(12, 12, 12, 12)
        row.setSpacing(18)
        scroll = QScrollArea()
        scroll.setObjectName("calculatorInputs")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(470)
        scroll.setMaximumWidth(520)
        inputs = QWidget()
        scroll.setWidget(inputs)
        self._build_inputs(inputs)
        row.addWidget(scroll)
        row.addWidget(self._build_results(), 1)
        self._set_tab_order()
        self._connect()
        self.show_state(self.presenter.state)

    # -- construction ---------------------------------------------------------------------------

    def _build_inputs(self, parent: QWidget) -> None:
        column = QVBoxLayout(parent)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(8)
        column.addWidget(_section("Takst fra tilbudsviften"))
        self.search = _line("takstSearch", "Søg tilbud, fx autisme eller et tilbudsnavn …")
        self.search.setAccessibleName("Søg tilbud")
        search_label = QLabel("&Søg:")
        search_label.setBuddy(self.search)
        column.addWidget(_row(search_label, self.search, stretch=False))
        self.hits = QListWidget()
        self.hits.setObjectName("takstHits")
        self.hits.setAccessibleName("Fundne afdelinger")
        self.hits.setMaximumHeight(96)
        self.hits.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hits.setTextElideMode(Qt.TextElideMode.ElideRight)
        column.addWidget(self.hits)
        self.takst_choice = QComboBox()
        self.takst_choice.setObjectName("takstChoice")
        self.takst_choice.setAccessibleName("Ydelse og takstår")
        self.takst_choice.setPlaceholderText("Vælg en afdeling for at se dens takster")
        choice_label = QLabel("&Ydelse/år:")
        choice_label.setBuddy(self.takst_choice)
        column.addWidget(_row(choice_label, self.takst_choice, stretch=False))
        self.chosen = QLabel("Ingen takst valgt fra tilbudsviften; skriv taksten nedenfor.")
        self.chosen.setObjectName("costHint")
        self.chosen.setWordWrap(True)
        column.addWidget(self.chosen)

        column.addWidget(_section("Forløb"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(6)
        self.takst = _line("takst", "fx 2.500,00", 130)
        self.takst.setAccessibleName("Takst i kroner")
        self.unit = QComboBox()
        self.unit.setObjectName("unit")
        self.unit.setAccessibleName("Enhed")
        for unit in UNITS:
            self.unit.addItem(f"kr. pr. {unit.label}", unit)
        self.takst_year = _line("takstYear", "år", 60)
        self.takst_year.setAccessibleName("Takstens prisniveau (år)")
        self.fields: dict[str, Field] = {}
        self.fields["takst"] = Field(self.takst, _row(self.takst, self.unit))
        form.addRow(self._label("&Takst:", self.takst), self.fields["takst"])
        self.fields["takst_year"] = Field(self.takst_year)
        form.addRow(self._label("Takst&år:", self.takst_year), self.fields["takst_year"])
        self.start = date_edit("start")
        self.start.setAccessibleName("Startdato")
        self.start.setDate(to_qdate(date(date.today().year + 1, 1, 1)))
        self.fields["start"] = Field(self.start, _row(self.start))
        form.addRow(self._label("St&art:", self.start), self.fields["start"])
        self.end = date_edit("end")
        self.end.setAccessibleName("Slutdato")
        self.open_end = QCheckBox("Å&ben (ingen slutdato)")
        self.open_end.setObjectName("openEnd")
        self.fields["end"] = Field(self.end, _row(self.end, self.open_end))
        form.addRow(self._label("Sl&ut:", self.end), self.fields["end"])
        self.horizon = date_edit("horizon")
        self.horizon.setAccessibleName("Horisont for et åbent forløb")
        self.fields["horizon"] = Field(self.horizon, _row(self.horizon))
        form.addRow(self._label("Hor&isont:", self.horizon), self.fields["horizon"])
        self.horizon_text = QLabel()
        self.horizon_text.setObjectName("costHint")
        self.horizon_text.setWordWrap(True)
        form.addRow("", self.horizon_text)
        column.addLayout(form)

        column.addWidget(_section("Tillæg, opsigelse og egenbetaling"))
        form2 = QFormLayout()
        form2.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form2.setVerticalSpacing(6)
        self.tillaeg_rate = _line("tillaegRate", "kr. pr. time", 110)
        self.tillaeg_rate.setAccessibleName("Timetillæg, kroner pr. time")
        self.tillaeg_hours = _line("tillaegHours", "timer", 70)
        self.tillaeg_hours.setAccessibleName("Timer pr. uge")
        hours_label = QLabel("timer pr. uge")
        self.fields["tillaeg_rate"] = Field(self.tillaeg_rate)
        self.fields["tillaeg_hours"] = Field(self.tillaeg_hours)
        tillaeg = QWidget()
        grid = QGridLayout(tillaeg)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.addWidget(self.fields["tillaeg_rate"], 0, 0)
        grid.addWidget(QLabel("kr. pr. time ×"), 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.fields["tillaeg_hours"], 0, 2)
        grid.addWidget(hours_label, 0, 3, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(4, 1)
        form2.addRow(self._label("Ti&metillæg:", self.tillaeg_rate), tillaeg)
        self.daily_tillaeg = _line("dailyTillaeg", "kr. pr. dag", 110)
        self.daily_tillaeg.setAccessibleName("Dagtillæg, kroner pr. betalt dag")
        self.fields["daily_tillaeg"] = Field(
            self.daily_tillaeg, _row(self.daily_tillaeg, QLabel("kr. pr. betalt dag"))
        )
        form2.addRow(self._label("Dagtill&æg:", self.daily_tillaeg), self.fields["daily_tillaeg"])
        self.notice = QCheckBox("&Opsagt")
        self.notice.setObjectName("notice")
        self.notice_given = date_edit("noticeGiven")
        self.notice_given.setAccessibleName("Opsigelsesdato")
        self.notice_given.setDate(to_qdate(date.today()))
        self.notice_days = _line("noticeDays", "dage", 60)
        self.notice_days.setAccessibleName("Opsigelsesvarsel i dage")
        self.fields["notice_given"] = Field(self.notice_given, _row(self.notice, self.notice_given))
        self.fields["notice_days"] = Field(self.notice_days, _row(self.notice_days, QLabel("dages varsel")))
        form2.addRow("Opsigelse:", self.fields["notice_given"])
        form2.addRow(self._label("&Varsel:", self.notice_days), self.fields["notice_days"])
        self.egenbetaling = _line("egenbetaling", "kr. pr. måned", 130)
        self.egenbetaling.setAccessibleName("Egenbetaling pr. måned")
        self.fields["egenbetaling"] = Field(
            self.egenbetaling, _row(self.egenbetaling, QLabel("kr. pr. måned"))
        )
        form2.addRow(self._label("&Egenbetaling:", self.egenbetaling), self.fields["egenbetaling"])
        self.pl_to = _line("plTo", "år", 60)
        self.pl_to.setAccessibleName("Fremskriv med P/L til år")
        self.pl_button = QPushButton("&P/L-tabel…")
        self.pl_button.setObjectName("plButton")
        self.pl_button.setAutoDefault(False)
        self.fields["pl_to"] = Field(self.pl_to, _row(self.pl_to, self.pl_button))
        form2.addRow(self._label("P/&L fremskriv til:", self.pl_to), self.fields["pl_to"])
        self.sagsnr = _line("sagsnr", "valgfrit, fx 2026-0412", 200)
        self.sagsnr.setAccessibleName("Sagsnummer")
        self.fields["sagsnr"] = Field(self.sagsnr)
        form2.addRow(self._label("Sags&nummer:", self.sagsnr), self.fields["sagsnr"])
        column.addLayout(form2)

        column.addWidget(_section("Konventioner"))
        self.first_day = QCheckBox("Indskrivningsdagen betales (standard)")
        self.first_day.setObjectName("chargeFirstDay")
        self.first_day.setChecked(True)
        self.last_day = QCheckBox("Udskrivningsdagen betales (standard)")
        self.last_day.setObjectName("chargeLastDay")
        self.last_day.setChecked(True)
        column.addWidget(self.first_day)
        column.addWidget(self.last_day)
        column.addStretch(1)
        self._update_enabled()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _build_results(self) -> QWidget:
        panel = CostResults()
        self.results = panel
        self.total, self.days, self.placeholder = panel.total, panel.days, panel.placeholder
        self.tables, self.years, self.months = panel.tables, panel.years, panel.months
        self.assumptions, self.compute_button = panel.assumptions, panel.compute_button
        self.save_xlsx, self.save_pdf = panel.save_xlsx, panel.save_pdf
        return panel

    def _inputs_in_order(self) -> list[QWidget]:
        return [
            self.search,
            self.hits,
            self.takst_choice,
            self.takst,
            self.unit,
            self.takst_year,
            self.start,
            self.end,
            self.open_end,
            self.horizon,
            self.tillaeg_rate,
            self.tillaeg_hours,
            self.daily_tillaeg,
            self.notice,
            self.notice_given,
            self.notice_days,
            self.egenbetaling,
            self.pl_to,
            self.pl_button,
            self.sagsnr,
            self.first_day,
            self.last_day,
            self.compute_button,
            self.save_xlsx,
            self.save_pdf,
        ]

    def _set_tab_order(self) -> None:
        order = self._inputs_in_order()
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        for edit in (
            self.takst,
            self.takst_year,
            self.tillaeg_rate,
            self.tillaeg_hours,
            self.daily_tillaeg,
            self.notice_days,
            self.egenbetaling,
            self.pl_to,
            self.sagsnr,
        ):
            edit.textEdited.connect(self._edited)
            edit.returnPressed.connect(self.compute)
        self.takst.textEdited.connect(self._takst_typed)
        self.unit.activated.connect(self._takst_typed)  # another unit: no longer the catalogue's takst
        self.takst_year.textEdited.connect(self._takst_typed)
        for dates in (self.end, self.notice_given):
            dates.dateChanged.connect(self._edited)
        self.start.dateChanged.connect(self._start_changed)
        self.horizon.dateChanged.connect(self._horizon_changed)
        for box in (self.open_end, self.notice, self.first_day, self.last_day):
            box.toggled.connect(self._toggled)
        self.unit.currentIndexChanged.connect(self._edited)
        self.compute_button.clicked.connect(self.compute)
        self.save_xlsx.clicked.connect(lambda: self.save(pdf=False))
        self.save_pdf.clicked.connect(lambda: self.save(pdf=True))
        self.pl_button.clicked.connect(self.pl_dialog_requested.emit)
        self.search.textEdited.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self.search_catalogue)
        self.hits.currentItemChanged.connect(self._hit_chosen)
        self.takst_choice.activated.connect(self._takst_chosen)
        self.end.setDate(to_qdate(date(date.today().year + 1, 12, 31)))
        self._sync_horizon()

    # -- reacting to edits -----------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if not self._filling:
            self.timer.start()

    def _takst_typed(self, *_args: object) -> None:
        if self.presenter.chosen is not None:
            self.presenter.clear_choice()
            self.chosen.setText("Taksten er skrevet ind; den er ikke længere den valgte fra tilbudsviften.")

    def _toggled(self, _checked: bool) -> None:
        self._update_enabled()
        self._edited()

    def _start_changed(self, *_args: object) -> None:
        self._sync_horizon()
        self._edited()

    def _horizon_changed(self, *_args: object) -> None:
        if not self._filling:
            self._horizon_touched = True
            self._edited()

    def _sync_horizon(self) -> None:
        """Until the user picks a horizon, it follows the start: 31 Dec of the next year."""
        if self._horizon_touched:
            return
        self._filling = True
        try:
            self.horizon.setDate(to_qdate(default_horizon(to_date(self.start.date()))))
        finally:
            self._filling = False

    def _update_enabled(self) -> None:
        self.end.setEnabled(not self.open_end.isChecked())
        self.horizon.setEnabled(self.open_end.isChecked())
        self.notice_given.setEnabled(self.notice.isChecked())
        self.notice_days.setEnabled(self.notice.isChecked())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.compute()
            return
        super().keyPressEvent(event)

    # -- the form --------------------------------------------------------------------------------

    def form(self) -> CalculatorForm:
        unit = self.unit.currentData()
        return CalculatorForm(
            takst=self.takst.text(),
            unit=unit if isinstance(unit, Enhed) else Enhed.DOEGN,
            takst_year=self.takst_year.text(),
            start=to_date(self.start.date()),
            end=None if self.open_end.isChecked() else to_date(self.end.date()),
            horizon=to_date(self.horizon.date()),
            tillaeg_rate=self.tillaeg_rate.text(),
            tillaeg_hours=self.tillaeg_hours.text(),
            daily_tillaeg=self.daily_tillaeg.text(),
            notice=self.notice.isChecked(),
            notice_given=to_date(self.notice_given.date()) if self.notice.isChecked() else None,
            notice_days=self.notice_days.text(),
            egenbetaling=self.egenbetaling.text(),
            pl_to=self.pl_to.text(),
            charge_first_day=self.first_day.isChecked(),
            charge_last_day=self.last_day.isChecked(),
            sagsnr=self.sagsnr.text(),
        )

    def compute(self) -> CalculatorState:
        self.timer.stop()
        state = self.presenter.compute(self.form())
        self.show_state(state)
        return state

    def _recompute(self) -> None:
        """After a pause in typing: as ``compute``, but an empty takst is not yet an error."""
        state = self.compute()
        if not self.takst.text().strip() and "takst" in state.errors:
            errors = {k: v for k, v in state.errors.items() if k != "takst"}
            self.show_state(replace(state, errors=errors))

    def show_state(self, state: CalculatorState) -> None:
        for key, field in self.fields.items():
            field.set_message(state.errors.get(key, ""))
        self.horizon_text.setText(state.horizon_text)
        self.horizon_text.setVisible(bool(state.horizon_text))
        self.results.show_state(state)

    # -- P/L table -------------------------------------------------------------------------------

    def database_changed(self) -> None:
        store = self.store()
        if store is None:
            return

        def job(_ctx: Any) -> Any:
            from rammedesk.services.costs import load_pl_table

            return load_pl_table(store)

        self.runner.submit(job, on_done=self.pl_table_loaded, on_error=self._report)

    def pl_table_loaded(self, table: Any) -> None:
        self.presenter.set_pl_table(table)
        self._recompute()

    # -- catalogue -------------------------------------------------------------------------------

    def search_catalogue(self) -> None:
        self.search_timer.stop()
        store = self.store()
        text = self.search.text().strip()
        if store is None or not text:
            self.hits.clear()
            return

        def job(_ctx: Any) -> Any:
            from rammedesk.services.catalogue import SearchRequest, search

            return search(store, SearchRequest(text=text, limit=30, with_facets=False)).hits

        self.runner.submit(job, on_done=self._show_hits, on_error=self._report)

    def _show_hits(self, hits: Any) -> None:
        self.hits.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.tilbud} — {hit.afdeling} ({hit.kommune})")
            item.setToolTip(item.text())
            item.setData(ROLE, hit.afdeling_id)
            self.hits.addItem(item)
        if not hits:
            self.hits.addItem(QListWidgetItem("Ingen tilbud matcher søgningen."))

    def _hit_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        store = self.store()
        if item is None or store is None or item.data(ROLE) is None:
            return
        afdeling_id = int(item.data(ROLE))

        def job(_ctx: Any) -> Any:
            from rammedesk.services.cost_choices import placement_takster

            return placement_takster(store, afdeling_id)

        self.runner.submit(job, on_done=self._show_takster, on_error=self._report)

    def _show_takster(self, takster: Any) -> None:
        self.takst_choice.clear()
        for stored in takster:
            assert stored.beloeb is not None
            amount = f"{format_decimal(stored.beloeb)} kr. pr. {stored.enhed.label}"
            text = f"{stored.ydelse} · {stored.aar} · {amount}"
            self.takst_choice.addItem(text, stored)
        if not takster:
            self.takst_choice.setPlaceholderText("Afdelingen har ingen takst pr. døgn, dag eller måned")
            self.takst_choice.setCurrentIndex(-1)
            return
        self.takst_choice.setCurrentIndex(0)
        self._takst_chosen(0)

    def _takst_chosen(self, index: int) -> None:
        stored = self.takst_choice.itemData(index)
        if stored is None:
            return
        try:
            form = self.presenter.choose_takst(stored)
        except UserError as exc:
            self.fields["takst"].set_message(exc.message)
            return
        self._filling = True
        try:
            self.takst.setText(form.takst)
            self.unit.setCurrentIndex(max(0, self.unit.findData(form.unit)))
            self.takst_year.setText(form.takst_year)
        finally:
            self._filling = False
        self.chosen.setText(f"Valgt: {stored.label}")
        self.compute()

    # -- saving ----------------------------------------------------------------------------------

    def build_report(self) -> Any:
        return self.presenter.report(
            municipality=self.municipality(),
            created=datetime.now().replace(microsecond=0),
            version=__version__,
            is_demo=self.is_demo(),
        )

    def save(self, *, pdf: bool) -> None:
        if not self.compute().ok:
            return
        start_save(
            self,
            self.runner,
            self.build_report,
            pdf=pdf,
            suggested=f"udgift-forloeb-{date.today():%Y-%m-%d}.{'pdf' if pdf else 'xlsx'}",
            choose=self.choose_save_path,
            done=self.status_message.emit,
            failed=self._report,
        )

    def _report(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.status_message.emit(exc.message)
            return
        raise exc

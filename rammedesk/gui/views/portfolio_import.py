"""»Importér placeringer…«: read the file and store the valid rows on the worker thread, then
show what was read and every refused row, with »Gem fejlrapport…« for the list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rammedesk.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

OPEN_FILTER = "Porteføljefiler (*.xlsx *.xlsm *.csv);;Alle filer (*)"
ChoosePath = Callable[[QWidget, str, str], str | None]  # (parent, title, suggested) → path


def open_dialog(parent: QWidget, title: str, suggested: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, suggested, OPEN_FILTER)
    return path or None


def save_xlsx_dialog(parent: QWidget, title: str, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, "Excel-projektmappe (*.xlsx)")
    if path and not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path or None


def import_job(path: Path, allow_demo: bool = False) -> Callable[[Any], Any]:
    """Read and store; the portfolio gets the file's name (with a number if it is taken)."""

    def job(store: Any) -> Any:
        from rammedesk.fileio.portfolio_reader import read_portfolio
        from rammedesk.services.portfolio import import_portfolio, list_portfolios
        from rammedesk.services.settings import import_limits

        parsed = read_portfolio(path, import_limits(store))
        taken = {p.navn for p in list_portfolios(store)}
        name, n = path.stem, 2
        while name in taken:
            name, n = f"{path.stem} ({n})", n + 1
        return import_portfolio(store, parsed, name, allow_demo=allow_demo)

    return job


def summary_text(report: Any) -> str:
    if report.portfolio_id is None:
        return f"Intet er gemt fra {report.file}."
    parts = [f"Porteføljen »{report.navn}« er oprettet fra {report.file}: {report.placements} anbringelser"]
    if report.budget_lines:
        parts.append(f"{report.budget_lines} budgetlinjer")
    if report.tilgang or report.afgang:
        parts.append(f"{report.tilgang} tilgangs- og {report.afgang} afgangslinjer")
    text = ", ".join(parts) + "."
    if report.rejected:
        text += f"\n{len(report.rejected)} rækker er afvist og ikke gemt — se listen nedenfor."
    return text


class ImportResultDialog(QDialog):
    def __init__(self, parent: QWidget, report: Any, choose_save: ChoosePath, runner: Any) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioImportResult")
        self.setWindowTitle("Import af placeringer – RammeDesk")
        self.resize(720, 420)
        self.report = report
        self._choose_save = choose_save
        self._runner = runner
        self.saved_to: Path | None = None
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary_text(report))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.errors = QPlainTextEdit()
        self.errors.setObjectName("importErrors")
        self.errors.setReadOnly(True)
        self.errors.setPlainText("\n".join(f"{e.where}: {e.reason}" for e in report.rejected))
        self.errors.setVisible(bool(report.rejected))
        layout.addWidget(self.errors, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Luk")
        self.save_button = QPushButton("Gem fejlrapport…")
        self.save_button.setObjectName("saveErrorReport")
        self.save_button.setVisible(bool(report.rejected))
        self.save_button.clicked.connect(self.save_report)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save_report(self) -> None:
        stem = Path(self.report.file).stem
        path = self._choose_save(self, "Gem fejlrapport", f"{stem}-fejl.xlsx")
        if not path:
            return
        errors = self.report.rejected

        def job(_ctx: Any) -> Path:
            from rammedesk.fileio.error_report import write_error_report

            return write_error_report(Path(path), errors)

        def done(saved: Path) -> None:
            self.saved_to = saved
            self.summary.setText(summary_text(self.report) + f"\nFejlrapporten er gemt i {saved}.")

        self._runner.submit(job, on_done=done)

"""Saving and loading beside the import wizard: mapping JSON, diff and error report (xlsx).

Reading and writing run on the task runner, like every other file access of the wizard.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rammedesk.errors import UserError
from rammedesk.gui.dialogs.import_progress import choose_open_file, choose_save_file, information, show_error
from rammedesk.gui.qt import QDialog
from rammedesk.presenters.import_wizard import MAPPING_FILTER

XLSX_FILTER = "Excel-projektmappe (*.xlsx)"


class FileActions(QDialog):
    """The base of ImportWizard: it sets ``p`` (presenter) and ``jobs`` and redraws."""

    p: Any
    jobs: Any

    def _show_mapping(self) -> None:
        raise NotImplementedError

    def show_step(self) -> None:
        raise NotImplementedError

    def save_mapping(self) -> None:
        if self.p.mapping is None:
            return
        name = f"{self.p.source or 'kolonneopsaetning'}.json"
        path = choose_save_file(self, "Gem kolonneopsætning", name, MAPPING_FILTER)
        if path:
            text = self.p.mapping_text()
            self.jobs.run(lambda ctx: _write_text(Path(path), text), None, None)

    def load_mapping(self) -> None:
        path = choose_open_file(self, "Hent kolonneopsætning", "", MAPPING_FILTER)
        if path:
            self.jobs.run(
                lambda ctx: _read_text(Path(path)), lambda text: self._mapping_loaded(text, path), None
            )

    def _mapping_loaded(self, text: str, path: str) -> None:
        try:
            self.p.load_mapping_text(text, path)
        except UserError as exc:
            show_error(exc, self)
            return
        self._show_mapping()
        self.show_step()

    def export_diff(self) -> None:
        report = self.p.report
        path = choose_save_file(self, "Gem oversigt over ændringer", "aendrede-takster.xlsx", XLSX_FILTER)
        if path and report is not None:
            from rammedesk.fileio.takst_diff_report import write_diff_report

            changes = report.diff
            self.jobs.run(lambda ctx: write_diff_report(Path(path), changes, report.file), self._saved, None)

    def save_error_report(self) -> None:
        report = self.p.report
        path = choose_save_file(self, "Gem fejlrapport", "afviste-raekker.xlsx", XLSX_FILTER)
        if path and report is not None:
            from rammedesk.fileio.error_report import write_error_report

            rejected = report.rejected
            self.jobs.run(lambda ctx: write_error_report(Path(path), rejected), self._saved, None)

    def _saved(self, path: Any) -> None:
        information(self, f"Gemt: {path}")


def _write_text(path: Path, text: str) -> Path:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"Filen kunne ikke gemmes: {exc.strerror or exc}", str(path)) from exc
    return path


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"Filen kunne ikke læses: {exc}", str(path)) from exc

"""Screenshots of the import wizard over several corpus files, for a review by eye.

    .venv/bin/python -m tests.data.make_corpus /tmp/corpus
    .venv/bin/python packaging/screenshot_import_review.py /tmp/corpus [--out /tmp/wizard-shots]

Renders offscreen, the wizard in a 1280x800 main window, every step for each file: a messy
regional file (title block, years side by side), niveauer side by side (one niveau edited on
the mapping page), the next year's file (new takster against the year before), a two-sheet
file with a two-row header, rejected rows, ambiguous
matches (a second »Koglen« and »Grenen« in another kommune, then a file that names no
kommune; a tilbud is chosen for »Koglen«, »Grenen« is left open), cells Excel shows as errors
(#DIV/0!, #REF! …, and a #SPILL! cell calamine cannot read), a workbook whose first sheet is
hidden (the sheet list opened), and files refused at step 1 (a CSV in two charsets, an old .xls,
and a too large sheet chosen in the picker) with the message over the wizard and the reason
left on the page after it is closed.
The offscreen screen is a 1280x800 laptop's (the wizard's size is capped to the screen), also
when QT_QPA_PLATFORM is plain "offscreen".
The database is a temporary one (reference data only); nothing outside it and --out changes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

_SCREEN = Path(tempfile.gettempdir()) / "rammedesk-review-screen.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _SCREEN.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800}]})
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rammedesk.gui.qt import QApplication, QWidget  # noqa: E402
from rammedesk.gui.style import setup_application  # noqa: E402
from rammedesk.gui.tasks import SyncTaskRunner  # noqa: E402

SIZE = (1280, 800)


def save(widget: QWidget, path: Path, *over: QWidget) -> None:
    """``over``: windows open over ``widget`` (a message, a list), painted where they are."""
    from rammedesk.gui.qt import QPainter

    QApplication.processEvents()  # a script, not the app: let the layout settle before grabbing
    shot = widget.grab()
    if over:
        painter = QPainter(shot)
        for window in over:
            where = widget.mapFromGlobal(window.mapToGlobal(window.rect().topLeft()))
            painter.drawPixmap(where, window.grab())
        painter.end()
    if not shot.save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def mixed_charset_csv(directory: Path) -> Path:
    """A CSV saved as UTF-8 with one line pasted in from a Windows-tegnsæt file."""
    path = directory / "Takster blandet tegnsæt 2025.csv"
    lines = [
        b"Tilbud;Afdeling;Takst 2025;Enhed",
        "Kærgården;Åen;2.100,00;døgn".encode(),
        "Søhuset;Øst;1.950,00;døgn".encode("cp1252"),
        "Bøgely;Nord;2.300,00;døgn".encode(),
    ]
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    return path


def refused(wizard: Any, path: Path, out: Path, name: str) -> None:
    """Open a file the import refuses at step 1: the message as it shows over the wizard."""

    wizard.load_file(path)
    _save_refusal(wizard, out, name)


def _save_refusal(wizard: Any, out: Path, name: str) -> None:
    """The refusal's message over the wizard, then the page once it is closed."""
    from rammedesk.gui.qt import QMessageBox

    QApplication.processEvents()
    shown = [b for b in wizard.findChildren(QMessageBox) if b.isVisible()]
    save(wizard, out / f"{name}-1-refused.png", *shown)
    for box in shown:
        box.close()
    save(wizard, out / f"{name}-1-after.png")


def refused_sheet(wizard: Any, path: Path, sheet: str, out: Path, name: str) -> None:
    """Choose a sheet the import refuses: the message, then the page with the sheet in force."""

    wizard.load_file(path)
    combo = wizard.file_page.sheet_combo
    combo.setCurrentIndex(combo.findData(sheet))
    _save_refusal(wizard, out, name)


def hidden_sheets(wizard: Any, directory: Path, out: Path) -> None:
    """A workbook whose first sheet (last year's) is hidden: the picker open."""
    from tests.data.hidden_sheets import hidden_first_sheet_xlsx

    wizard.load_file(hidden_first_sheet_xlsx(directory / "Takster med skjulte ark 2025.xlsx"))
    combo = wizard.file_page.sheet_combo
    combo.showPopup()
    QApplication.processEvents()
    popup = combo.view().window()
    save(wizard, out / "g-hidden-sheets-1-file.png", popup)
    combo.hidePopup()


def ambiguous_files(directory: Path) -> tuple[Path, Path]:
    from tests.data.xlsx_builder import simple_xlsx

    header = ["Tilbud", "Afdeling", "Kommune", "Takst 2024", "Enhed"]
    first = simple_xlsx(
        directory / "Koglen to kommuner 2024.xlsx",
        [
            header,
            ["Koglen", "Afd. Syd", "461", 3120, "døgn"],  # a second Koglen, in Odense
            ["Grenen", "Åben", "461", 1650, "døgn"],  # and a second Grenen
        ],
    )
    second = simple_xlsx(
        directory / "Takster uden kommune 2025.xlsx",
        [
            ["Takstoversigt 2025"],
            [],
            ["Tilbud", "Afdeling", "Takst 2025", "Enhed"],
            ["Koglen", "Afd. Syd", 3051.25, "døgn"],
            ["KOGLEN", "Afd. Nord", 5300, "døgn"],  # written otherwise, the same name
            ["Grenen", "Åben", 1712.4, "døgn"],
        ],
    )
    return first, second


def next_year_file(directory: Path) -> Path:
    """The regional file of the year after »years side by side«, one tilbud changed in 2024."""
    from tests.data.xlsx_builder import simple_xlsx

    return simple_xlsx(
        directory / "Takster 2025.xlsx",
        [
            ["Takster i kr. pr. døgn"],
            ["Tilbud", "Afdeling", "Paragraf", "Takst 2024", "Takst 2025"],
            ["Koglen", "Afd. Syd", "§ 107", 2930.09, 3012.5],
            ["Koglen", "Afd. Nord", "SEL §108", "5.200,00", "5.275,00"],
            ["Grenen", "Sikret", "Barnets lov § 43, stk. 3", "Individuel pris", "8.800"],
            ["Grenen", "Åben", "§§ 107/108", 1600, 1650],
        ],
    )


def walk(app: Any, wizard: Any, path: Path, out: Path, name: str, *, kommune: str = "751") -> None:
    wizard.load_file(path)
    wizard.file_page.kommune_edit.setText(kommune)
    save(wizard, out / f"{name}-1-file.png")
    wizard.next()
    wizard.refresh_preview()
    save(wizard, out / f"{name}-2-mapping.png")
    wizard.next()
    save(wizard, out / f"{name}-3-report.png")
    tabs = wizard.report_page.tabs
    for i, tab in ((1, "rejected"), (2, "ambiguous")):
        if not tabs.tabText(i).endswith("(0)"):
            tabs.setCurrentIndex(i)
            save(wizard, out / f"{name}-3-{tab}.png")


def choose_first_candidate(wizard: Any, key: str, kommune: str) -> None:
    """In the »Tvetydige rækker« tab: pick the candidate in ``kommune`` for the name ``key``
    with the keyboard (the box has the focus, Down until the label names the kommune)."""
    from rammedesk.gui.qt import QEvent, QKeyEvent, Qt

    wizard.report_page.tabs.setCurrentIndex(2)
    box = wizard.report_page.choices.box(key)
    box.setFocus()
    while kommune not in box.currentText() and box.currentIndex() < box.count() - 1:
        down = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(box, down)
    wizard.rerun_with_choices()  # what the pause after the last key does


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/wizard-shots"))
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    translators = setup_application(app)  # type: ignore[arg-type]
    from rammedesk.config import resolve_location
    from rammedesk.gui.dialogs.import_wizard import ImportWizard
    from rammedesk.services.database import init_database, open_store

    with tempfile.TemporaryDirectory(prefix="rammedesk-review-") as tmp:
        location = resolve_location(str(Path(tmp) / "rammedesk.sqlite3"))
        init_database(location, force=False)
        store = open_store(location)
        runner = SyncTaskRunner()
        main_window = QWidget()
        main_window.resize(*SIZE)
        main_window.show()

        def wizard() -> Any:
            w = ImportWizard(main_window, runner, store)
            w.show()
            return w

        try:
            w = wizard()
            walk(app, w, args.corpus / "years_side_by_side.xlsx", out, "a-years")
            w.next()  # apply: the result page
            save(w, out / "a-years-4-result.png")
            w.close()

            w = wizard()  # next year's file: its new takster against the year before
            walk(app, w, next_year_file(Path(tmp)), out, "a-next-year")
            w.close()

            w = wizard()
            w.load_file(args.corpus / "levels_side_by_side.xlsx")
            w.file_page.kommune_edit.setText("751")
            w.next()
            save(w, out / "b-levels-2-mapping.png")
            edit_level = getattr(w.mapping_page, "level_edit", None)
            if edit_level is not None:  # the niveau of column E, typed by the user
                edit_level("E").setText("Særlig indsats")
                edit_level("E").textEdited.emit("Særlig indsats")
                w.refresh_preview()
                save(w, out / "b-levels-2-mapping-edited.png")
            w.next()
            save(w, out / "b-levels-3-report.png")
            w.close()

            w = wizard()
            walk(app, w, args.corpus / "two_row_header.xlsx", out, "c-two-sheets")
            w.close()

            w = wizard()
            walk(app, w, args.corpus / "bad_values.xlsx", out, "d-rejected")
            w.close()

            first, second = ambiguous_files(Path(tmp))
            w = wizard()
            walk(app, w, first, out, "e-setup", kommune="")
            w.next()
            w.close()
            w = wizard()
            walk(app, w, second, out, "e-ambiguous", kommune="")
            choose_first_candidate(w, "koglen", "Odense")
            save(w, out / "e-ambiguous-4-chosen.png")
            w.report_page.tabs.setCurrentIndex(0)
            save(w, out / "e-ambiguous-4-chosen-diff.png")
            w.next()  # apply, with the choice
            save(w, out / "e-ambiguous-5-result.png")
            w.close()

            w = wizard()  # cells Excel shows as errors: their rows refused, the cell named
            walk(app, w, args.corpus / "error_cells.xlsx", out, "f-error-cells")
            w.close()

            w = wizard()  # a #SPILL! cell calamine cannot read: its row refused, the cell named
            walk(app, w, args.corpus / "error_spill.xlsx", out, "f-spill")
            w.close()

            w = wizard()
            hidden_sheets(w, Path(tmp), out)
            w.close()

            for path, name in (
                (mixed_charset_csv(Path(tmp)), "h-mixed-charset"),
                (args.corpus / "old.xls", "h-old-xls"),
            ):
                w = wizard()
                refused(w, path, out, name)
                w.close()
            w = wizard()
            refused_sheet(w, args.corpus / "far_notes_sheet.xlsx", "Noter", out, "h-far-sheet")
            w.close()
        finally:
            store.close()
    del translators
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Screenshots of the »Udgifter« page: the calculator with a result, the P/L dialog, the
business case, plus the calculator's pdf rendered to PNG (needs pdftoppm).

    .venv/bin/python packaging/screenshot_costs.py [--out screenshots] [--size 300]

Builds a temporary demo database with an illustrative P/L table (DOMAIN.md C-03: 3,0 % and
2,5 %) and the population of DOMAIN.md C-07's worked example (illustrative inputs), fills
in the DOMAIN examples C-01 and C-07 and saves the PNGs to ``--out``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rammedesk.config import DatabaseLocation  # noqa: E402
from rammedesk.domain.costs.pl import PLRate  # noqa: E402
from rammedesk.gui.app import Shell  # noqa: E402
from rammedesk.gui.dialogs.errors import ErrorReporter  # noqa: E402
from rammedesk.gui.qt import QApplication, QSettings, Qt, QTimer  # noqa: E402
from rammedesk.gui.style import setup_application  # noqa: E402
from rammedesk.gui.tasks import SyncTaskRunner  # noqa: E402
from rammedesk.gui.views.cost_widgets import to_qdate  # noqa: E402

sys.path.insert(0, str(ROOT / "packaging"))
from screenshot import SIZE, build_database, save  # noqa: E402


def seed(location: DatabaseLocation, tmpdir: Path) -> None:
    from rammedesk.services.costs import import_population_file
    from rammedesk.services.database import open_store
    from rammedesk.services.pl_edit import save_pl_table

    population = tmpdir / "befolkning.csv"
    population.write_text(
        "kommunekode;år;indbyggere\n101;2027;100000\n147;2027;50000\n151;2027;50000\n", encoding="utf-8"
    )
    store = open_store(location)
    try:
        save_pl_table(
            store,
            [
                PLRate(2028, Decimal("3.0"), "Illustrativ sats (DOMAIN C-03)"),
                PLRate(2029, Decimal("2.5"), "Illustrativ sats (DOMAIN C-03)"),
            ],
        )
        import_population_file(store, population, allow_demo=True)  # the demo database, knowingly
    finally:
        store.close()


def steps(shell: Shell, out: Path, tmpdir: Path) -> Iterator[Callable[[], object]]:
    window = shell.window
    page = window.costs_page
    calc = page.calculator
    yield lambda: window.show_page("udgifter")

    def fill_calculator() -> None:
        page.kommune.setCurrentIndex(page.kommune.findData("Ballerup Kommune"))
        calc.search.setText("autisme")
        calc.search_catalogue()
        calc.takst.setText("2.500,00")
        calc.takst_year.setText("2027")
        calc.start.setDate(to_qdate(date(2027, 3, 15)))
        calc.end.setDate(to_qdate(date(2027, 12, 31)))
        calc.tillaeg_rate.setText("417")
        calc.tillaeg_hours.setText("20")
        calc.sagsnr.setText("2026-0412")
        calc.compute()

    yield fill_calculator
    yield lambda: save(window, out / "costs-calculator.png")

    def per_month() -> None:
        calc.tables.setCurrentIndex(1)

    yield per_month
    yield lambda: save(window, out / "costs-calculator-months.png")

    def invalid() -> None:
        calc.takst.setText("to tusind")
        calc.sagsnr.setText("010190-1234")
        calc.compute()

    yield invalid
    yield lambda: save(window, out / "costs-calculator-invalid.png")

    def restore() -> None:
        calc.takst.setText("2.500,00")
        calc.sagsnr.setText("2026-0412")
        calc.pl_to.setText("2029")
        calc.tables.setCurrentIndex(0)
        calc.compute()

    yield restore

    def pdf() -> None:
        from rammedesk.fileio.cost_report_pdf import write_cost_report_pdf

        path = write_cost_report_pdf(tmpdir / "forloeb.pdf", calc.build_report())
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(path), str(out / "costs-report")], check=True)
            print(out / "costs-report-*.png")

    yield pdf
    yield page.open_pl_dialog
    yield lambda: save(page.pl_dialog, out / "costs-pl-dialog.png")
    yield page.pl_dialog.close

    def business() -> None:
        bc = page.business_case
        page.tabs.setCurrentWidget(bc)
        bc.places.setText("10")
        bc.takst.setText("3.000,00")
        bc.first_year.setText("2027")
        for edit, text in zip(bc.occupancy, ("60", "80", "90"), strict=True):
            edit.setText(text)
        bc.chosen_kommuner.setChecked(True)
        for i in range(bc.kommuner.count()):
            item = bc.kommuner.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in (101, 147, 151):
                item.setCheckState(Qt.CheckState.Checked)
        bc.compute()

    yield business
    yield lambda: save(window, out / "costs-business-case.png")

    def catalogue() -> None:
        page.tabs.setCurrentWidget(calc)
        calc.pl_to.setText("")
        calc.tillaeg_rate.setText("")
        calc.tillaeg_hours.setText("")
        calc.open_end.setChecked(True)
        for row in range(calc.hits.count()):
            calc.hits.setCurrentRow(row)
            if calc.takst_choice.count():
                break
        calc.compute()

    yield catalogue
    yield lambda: save(window, out / "costs-calculator-catalogue.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--size", type=int, default=300, help="number of demo afdelinger")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rammedesk-shots-") as tmp:
        tmpdir = Path(tmp)
        location = build_database(tmpdir, args.size, False)
        seed(location, tmpdir)
        app = QApplication(["rammedesk-screenshot"])
        translators = setup_application(app)
        settings = QSettings(str(tmpdir / "settings.ini"), QSettings.Format.IniFormat)
        reporter = ErrorReporter(tmpdir / "rammedesk.log")
        shell = Shell(
            runner=SyncTaskRunner(on_unhandled=reporter),
            settings=settings,
            reporter=reporter,
            log_path=tmpdir / "rammedesk.log",
            quit_app=lambda code: None,
        )
        shell.start(location)
        shell.window.resize(*SIZE)
        todo = steps(shell, args.out, tmpdir)
        failed: list[int] = []

        def step() -> None:
            try:
                next(todo)()
            except StopIteration:
                app.quit()
                return
            except Exception:
                traceback.print_exc()
                failed.append(1)
                app.quit()
                return
            QTimer.singleShot(80, step)

        QTimer.singleShot(200, step)
        app.exec()
        shell.shutdown()
        del translators
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

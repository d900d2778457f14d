"""Screenshots of »Portefølje« (projection with chart) and »Scenarier« (comparison), offscreen.

    .venv/bin/python packaging/screenshot_portfolio.py [--out screenshots]

Builds a temporary database with a fictive portfolio of 40 placements (tests/portfolio_builder),
budgets per paragraf and a P/L table, adds two scenarios, and saves
screenshots/portfolio-projection.png, portfolio-scenarios.png and the two exported pdfs
(portfolio-projection.pdf, portfolio-scenarios.pdf). Nothing outside the temporary directory
and --out is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rammedesk.gui.qt import QApplication, Qt, QWidget  # noqa: E402
from rammedesk.gui.style import setup_application  # noqa: E402
from rammedesk.gui.tasks import SyncTaskRunner  # noqa: E402

SIZE = (1360, 900)
SCENARIOS: list[dict[str, Any]] = [
    {
        "navn": "+2 pladser § 108 fra juli",
        "aendringer": [
            {
                "type": "tilgang",
                "navn": "Nye pladser § 108",
                "antal": 2,
                "fra": "2027-07",
                "til": "2027-07",
                "takst": "3150",
                "enhed": "doegn",
                "takst_aar": 2026,
                "paragraf": "§ 108",
            }
        ],
    },
    {"navn": "Takst +3 %", "aendringer": [{"type": "takst", "pct": "3"}]},
    {
        "navn": "Anden P/L (4 % om året)",
        "aendringer": [],
        "pl": [{"aar": y, "sats": "4"} for y in range(2025, 2037)],
        "pl_beskrivelse": "4 % om året",
    },
]


def build(directory: Path) -> tuple[Any, int]:
    from rammedesk.config import resolve_location
    from rammedesk.services import portfolio as svc
    from rammedesk.services.database import init_database, open_store
    from tests.portfolio_builder import install_demo_portfolio

    location = resolve_location(str(directory / "rammedesk.sqlite3"))
    init_database(location, force=False)
    store = open_store(location)
    pid = install_demo_portfolio(store)
    for doc in SCENARIOS:
        svc.save_scenario(store, pid, doc)
    return store, pid


def save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def window_shot(tmp: Path, out: Path) -> None:
    """The main window on »Udgifter« → »Portefølje« with a projection."""
    from rammedesk.config import resolve_location
    from rammedesk.gui.app import Shell
    from rammedesk.gui.dialogs.errors import ErrorReporter
    from rammedesk.gui.qt import QSettings

    runner = SyncTaskRunner()
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    shell = Shell(runner=runner, settings=settings, reporter=ErrorReporter(None), quit_app=lambda _code: None)
    shell.window.resize(1280, 800)
    shell.start(resolve_location(str(tmp / "rammedesk.sqlite3")))
    page = shell.window.costs_page
    portfolio, scenarios = page.portfolio, page.scenarios
    portfolio.database_changed()
    scenarios.database_changed()
    shell.window.show_page("udgifter")
    page.tabs.setCurrentWidget(portfolio)
    portfolio.projection.first_year.setValue(2027)
    portfolio.projection.run()
    QApplication.processEvents()
    save(shell.window, out / "portfolio-window.png")
    shell.window.close()
    shell.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    translators = setup_application(app)  # type: ignore[arg-type]
    from rammedesk.gui.views.portfolio_tab import PortfolioTab
    from rammedesk.gui.views.scenario_tab import ScenarioTab

    with tempfile.TemporaryDirectory(prefix="rammedesk-shots-") as tmp:
        store, _pid = build(Path(tmp))
        runner = SyncTaskRunner()

        def to_out(_parent: Any, _kind: str, suggested: str) -> str:
            return str(out / suggested)

        try:
            tab = PortfolioTab(runner, lambda: store, choose_save_report=to_out)
            tab.resize(*SIZE)
            tab.show()
            tab.database_changed()
            tab.table.selectRow(0)
            tab.projection.first_year.setValue(2027)
            tab.projection.years.setValue(3)
            tab.projection.run()
            app.processEvents()
            save(tab, out / "portfolio-projection.png")
            tab.projection.tabs.setCurrentIndex(1)
            app.processEvents()
            save(tab, out / "portfolio-totals.png")
            tab.projection.tabs.setCurrentIndex(0)
            tab.export_projection("pdf")
            tab.export_projection("xlsx")
            print(tab.last_export)

            scen = ScenarioTab(runner, lambda: store, choose_save_report=to_out)
            scen.resize(*SIZE)
            scen.show()
            scen.database_changed()
            for i in range(scen.list.count()):
                item = scen.list.item(i)
                if item is not None:
                    item.setCheckState(Qt.CheckState.Checked)
            scen.list.setCurrentRow(0)
            scen.first_year.setValue(2027)
            scen.years.setValue(3)
            scen.compare()
            app.processEvents()
            save(scen, out / "portfolio-scenarios.png")
            scen.export("pdf")
            scen.export("xlsx")
            print(scen.last_export)
            tab.close()
            scen.close()
        finally:
            store.close()
        window_shot(Path(tmp), out)
    del translators
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

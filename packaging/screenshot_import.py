"""Screenshots of the takstfil import wizard, one per step, rendered offscreen at 1100x750.

    .venv/bin/python packaging/screenshot_import.py [--out screenshots]

Builds a temporary database (reference data only), imports last year's file into it through
the service, then walks the wizard over this year's file (changed amounts, a bad row) and
saves screenshots/import-*.png. Nothing outside the temporary directory and --out is touched.
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

from rammedesk.gui.qt import QApplication, QWidget  # noqa: E402
from rammedesk.gui.style import setup_application  # noqa: E402
from rammedesk.gui.tasks import SyncTaskRunner  # noqa: E402

SIZE = (1100, 750)
HEADER: list[Any] = ["Tilbud", "Afdeling", "Paragraf", "Takst 2024", "Takst 2025"]
LAST_YEAR: list[list[Any]] = [
    ["Koglen", "Afd. Syd", "§ 107", 2930, 2990],
    ["Koglen", "Afd. Nord", "SEL §108", 5120.5, 5200],
    ["Grenen", "Sikret", "§ 107", 8297, 8450],
    ["Grenen", "Åben", "§ 108", 1600, 1650],
]
THIS_YEAR: list[list[Any]] = [
    ["Koglen", "Afd. Syd", "§ 107", 2930, 3051.25],
    ["Koglen", "Afd. Nord", "SEL §108", 5120.5, 5200],
    ["Grenen", "Sikret", "§ 107", 8297, "Individuel pris"],
    ["Grenen", "Åben", "§ 108", 1600, 1712.4],
    ["Grenen", "Udslusning", "§ 999", "mange", 990],
]


def build(directory: Path) -> tuple[object, Path, Path]:
    from rammedesk.config import resolve_location
    from rammedesk.fileio.takstfil_reader import read_takstfil
    from rammedesk.services.database import init_database, open_store
    from rammedesk.services.imports import import_takstfil
    from tests.data.xlsx_builder import simple_xlsx

    location = resolve_location(str(directory / "rammedesk.sqlite3"))
    init_database(location, force=False)
    store = open_store(location)
    title: list[list[Any]] = [["Takstoversigt – Region Midtjylland"], ["Takster i kr. pr. døgn"], []]
    old = simple_xlsx(directory / "Takster Midt 2024.xlsx", [*title, HEADER, *LAST_YEAR])
    new = simple_xlsx(directory / "Takster Midt 2025.xlsx", [*title, HEADER, *THIS_YEAR])
    parsed = read_takstfil(old)
    import_takstfil(store, parsed, source="Takster Midt", dry_run=False, default_kommune=751)
    return store, new, old


def save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    translators = setup_application(app)  # type: ignore[arg-type]
    from rammedesk.gui.dialogs.import_wizard import ImportWizard, open_import_wizard

    with tempfile.TemporaryDirectory(prefix="rammedesk-shots-") as tmp:
        store, new, _old = build(Path(tmp))
        runner = SyncTaskRunner()
        try:
            main_window = QWidget()
            main_window.resize(*SIZE)
            box = open_import_wizard(main_window, runner, store, is_demo=True)
            save(box, out / "import-0-demo-warning.png")
            box.close()
            wizard = ImportWizard(main_window, runner, store)
            wizard.resize(*SIZE)
            wizard.show()
            wizard.load_file(new)
            wizard.file_page.kommune_edit.setText("751")
            app.processEvents()  # a script, not the app: let the layout settle before grabbing
            save(wizard, out / "import-1-file.png")
            wizard.next()
            app.processEvents()
            save(wizard, out / "import-2-mapping.png")
            wizard.next()
            app.processEvents()
            save(wizard, out / "import-3-report.png")
            wizard.report_page.tabs.setCurrentIndex(1)
            app.processEvents()
            save(wizard, out / "import-3b-rejected.png")
            wizard.report_page.tabs.setCurrentIndex(0)
            wizard.next()
            app.processEvents()
            save(wizard, out / "import-4-result.png")
            wizard.close()
        finally:
            store.close()  # type: ignore[attr-defined]
    del translators
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
